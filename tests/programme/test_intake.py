"""`programme init` and `intake`: submissions recorded as received, versions kept, invalid
inputs kept once with their problems, every input `screen` reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from dealerscreen.programme.schema import decisions, runs, submissions
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
sys.argv = ["dealerscreen", *sys.argv[1:]]
main()
"""


def test_a_kill_during_intake_leaves_the_record_as_it_was(made: Made) -> None:
    import subprocess
    import sys

    assert made.run("intake", SAMPLE).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MID_INTAKE, "intake", SAMPLES, *made.where],
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


def test_a_kill_during_screening_leaves_the_record_as_it_was(made: Made) -> None:
    import subprocess
    import sys

    assert made.run("intake", SAMPLES).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MID_INTAKE, "screen", "-f", "json", *made.where],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    assert made.count(decisions) == 0 and made.count(runs) == 1  # the intake's run only
    assert made.acts() == ["intake"]
    assert made.run("screen", "-f", "json").exit_code == 0
    assert made.count(decisions) == made.count() and made.acts() == ["intake", "screen"]


INTAKING = """
import sys
from dealerscreen.cli.app import app
from typer.testing import CliRunner
r = CliRunner().invoke(app, ["intake", *sys.argv[1:]])
print(r.output, file=sys.stderr)
sys.exit(r.exit_code)
"""


def test_two_intakes_at_once_record_each_applicant_once(made: Made) -> None:
    import subprocess
    import sys

    both = [
        subprocess.Popen(
            [sys.executable, "-c", INTAKING, SAMPLES, *made.where],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    said = []
    for p in both:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        said.append(err)
    n = made.count()
    assert n == made.count(where=submissions.c.valid) > 40
    # one intake recorded them, the other found them recorded: no second version
    assert sorted(f" {n} new" in s for s in said) == [False, True], said
    assert sum(f"{n} unchanged" in s for s in said) == 1, said
    assert made.acts() == ["intake", "intake"]


def test_screen_with_paths_records_them_then_screens_the_programme(made: Made) -> None:
    """`screen PATH... -p DIR` is `intake PATH...` then `screen -p DIR`, in one command:
    the inputs recorded (the invalid ones with their problems, exit 1), then every
    applicant's latest version decided and stored as a plain `screen -p` decides it."""
    day = ("--as-of", "2024-06-01")
    both = made.run("screen", SAMPLES, "samples/invalid", *day, "-f", "json")
    assert both.exit_code == 1, both
    assert "(yaml-syntax)" in both.stderr and "intake 1: " in both.stderr, both
    valid = made.count(where=submissions.c.valid)
    assert valid == len(json.loads(both.stdout)["results"]) > 0
    assert made.count(where=~submissions.c.valid) == len(
        [p for p in Path("samples/invalid").iterdir() if p.suffix != ".md"]
    )
    again = made.run("screen", *day, "-f", "json")
    assert again.exit_code == 0, again
    assert made.acts() == ["intake", "screen", "screen"]
    engine = made.engine()
    with engine.connect() as conn:
        stored = conn.execute(
            select(decisions.c.run_id, decisions.c.applicant_id, decisions.c.digest)
        )
        by_run: dict[int, dict[str, str]] = {}
        for run_id, applicant_id, digest in stored:
            by_run.setdefault(run_id, {})[applicant_id] = digest
    engine.dispose()
    first, second = (by_run[k] for k in sorted(by_run))
    assert first == second and len(first) == valid


def test_letters_take_no_paths_with_a_programme(made: Made, tmp_path: Path) -> None:
    out = made.run("letters", SAMPLES, "-o", str(tmp_path / "l"))
    assert out.exit_code == 2 and "not both" in out.stderr, out
    assert made.count() == 0  # nothing recorded


def test_rows_written_a_chunk_at_a_time_are_every_row_once(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Intake writes its rows in chunks: with 7 to a chunk, the 53 samples and the 8
    invalid files (the last chunk not full) are each one row, ids in order, sealed."""
    from dealerscreen.programme import submissions as module

    monkeypatch.setattr(module, "WRITE_CHUNK", 7)
    result = made.run("intake", SAMPLES, "samples/invalid")
    assert result.exit_code == 1, result
    engine = made.engine()
    with engine.connect() as conn:
        rows = conn.execute(select(submissions.c.id, submissions.c.applicant_id)).all()
    engine.dispose()
    invalid = [p for p in Path("samples/invalid").iterdir() if p.suffix != ".md"]
    valid = [r.applicant_id for r in rows if r.applicant_id is not None]
    assert len(valid) == len(set(valid)) == made.count(where=submissions.c.valid)
    assert len(rows) == len(valid) + len(invalid) and len(rows) % 7 != 0
    assert sorted(r.id for r in rows) == list(range(1, len(rows) + 1))
    checked = made.run("programme", "check")
    assert checked.exit_code == 0, checked
