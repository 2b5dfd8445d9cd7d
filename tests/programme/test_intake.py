"""`programme init` and `intake`: submissions recorded as received, versions kept, invalid
inputs kept once with their problems, every input `screen` reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from dealerscreen.programme.schema import submissions
from tests.programme.helpers import SAMPLES, Cli, Made

SAMPLE = "samples/applicants/suzhou-jiangnan-huatong.yaml"


def test_init_makes_a_programme_once(made: Made) -> None:
    assert (made.folder / "programme.yaml").is_file()
    again = made._cli("programme", "init", str(made.folder), "--criteria", "xiaomi-2s-2024")
    assert again.exit_code == 2, again
    assert "already exists" in again.stderr


def test_init_refuses_an_unknown_profile(cli: Cli, tmp_path: Path) -> None:
    result = cli("programme", "init", str(tmp_path / "p"), "--criteria", "no-such-profile")
    assert result.exit_code == 2, result
    assert not (tmp_path / "p" / "programme.yaml").exists()


def test_the_same_content_again_is_no_new_version(made: Made) -> None:
    first = made.run("intake", SAMPLES)
    assert first.exit_code == 0, first
    n = made.count()
    assert n == len(list(Path(SAMPLES).glob("*.y*ml"))) + len(list(Path(SAMPLES).glob("*.json")))
    again = made.run("intake", SAMPLES)
    assert again.exit_code == 0, again
    assert f"0 new, 0 changed, {n} unchanged" in again.stderr
    assert made.count() == n
    assert made.acts() == ["intake", "intake"]


def test_changed_content_is_a_new_version_and_the_old_one_kept(made: Made, tmp_path: Path) -> None:
    copy = tmp_path / "suzhou.yaml"
    shutil.copy(SAMPLE, copy)
    assert made.run("intake", str(copy)).exit_code == 0
    copy.write_text(copy.read_text().replace("building_area_sqm: 4200", "building_area_sqm: 4500"))
    result = made.run("intake", str(copy))
    assert "0 new, 1 changed" in result.stderr, result
    assert made.count(where=submissions.c.applicant_id == "XM24-SUZ-001") == 2


def test_invalid_inputs_are_kept_once_with_their_problems(made: Made) -> None:
    first = made.run("intake", "samples/invalid")
    assert first.exit_code == 1, first
    assert "(yaml-syntax)" in first.stderr
    kept = made.count(where=~submissions.c.valid)
    assert kept == len([p for p in Path("samples/invalid").iterdir() if p.suffix != ".md"])
    again = made.run("intake", "samples/invalid")
    assert again.exit_code == 1
    assert made.count(where=~submissions.c.valid) == kept


def test_every_input_screen_reads(made: Made) -> None:
    """JSON Lines and a CSV export with its mapping: the same applicants as the files."""
    jsonl = made.run("intake", "samples/exports/applicants.jsonl")
    assert jsonl.exit_code == 0, jsonl
    n = made.count()
    csv = made.run(
        "intake", "samples/exports/applicants.csv", "--mapping", "samples/exports/mapping.yaml"
    )
    assert csv.exit_code == 0, csv
    assert n > 40 and made.count(where=submissions.c.valid) >= n


def test_two_inputs_with_one_id_in_one_intake(made: Made, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SAMPLE, tmp_path / name)
    result = made.run("intake", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 1, result
    assert "(duplicate-id)" in result.stderr
    assert made.count(where=submissions.c.valid) == 1


def test_the_programme_is_found_upwards(made: Made, monkeypatch, cli: Cli) -> None:  # type: ignore[no-untyped-def]
    if made.db:  # the URL is not in programme.yaml: nothing to find it by
        return
    inner = made.folder / "letters" / "2024"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    result = cli("intake", str(Path(__file__).resolve().parents[2] / SAMPLE))
    assert result.exit_code == 0, result
    assert made.count() == 1


def test_no_programme_is_a_usage_error(cli: Cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("intake", str(Path(__file__).resolve().parents[2] / SAMPLE))
    assert result.exit_code == 2, result
    assert "no programme.yaml here or in any folder above" in result.stderr


KILLED_MID_INTAKE = """
import os, signal, sys
from dealerscreen.programme import chain
def die(*args, **kwargs):  # the rows are written, the transaction not yet committed
    os.kill(os.getpid(), signal.SIGKILL)
chain.append = die
from dealerscreen.cli.app import main
sys.argv = ["dealerscreen", "intake", *sys.argv[1:]]
main()
"""


def test_a_kill_during_intake_leaves_the_record_as_it_was(made: Made) -> None:
    import subprocess
    import sys

    assert made.run("intake", SAMPLE).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MID_INTAKE, SAMPLES, *made.where],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    assert made.count() == 1  # none of the 50-odd rows it had written
    assert made.acts() == ["intake"]
    after = made.run("intake", SAMPLES)
    assert after.exit_code == 0, after
    assert made.count() == made.count(where=submissions.c.valid) > 40
