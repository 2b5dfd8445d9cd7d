"""A long value is screened, not a crash (issue 21 item 12): a batch row once held its
dealer group's name behind a 16-bit length, and a valid 71 KB name ended the whole run."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.models.problems import ExitCode
from tests.batch import write_batch
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
LONG = Path(__file__).parent / "cases" / "reports-hostile" / "long-name.yaml"
SUMMARY = "dealerscreen: 6 found, 6 screened, 0 invalid, 0 skipped"


@pytest.fixture
def inputs(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    write_batch(folder, good=5, broken=0)
    shutil.copy(LONG, folder / LONG.name)
    return str(folder)


def test_the_name_is_past_sixteen_bits() -> None:
    text = LONG.read_text(encoding="utf-8")
    name = next(ln for ln in text.splitlines() if ln.startswith("legal_name:"))
    assert len(name.encode()) > 71_000  # and the group name is the same text (an alias)
    assert "group_name: *long" in text


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_with_a_long_name_is_screened(cli: Cli, inputs: str, jobs: str) -> None:
    result = cli("screen", inputs, "-f", "json", "--no-cache", "-j", jobs)
    assert result.exit_code == ExitCode.OK, result
    assert "HOSTILE-LONG-NAME" in result.stdout
    assert SUMMARY in result.stderr, result


def test_explain_letters_and_sensitivity_take_a_long_name(
    cli: Cli, inputs: str, tmp_path: Path
) -> None:
    explained = cli("explain", "--id", "HOSTILE-LONG-NAME", inputs, "--no-cache")
    assert explained.exit_code == ExitCode.OK, explained
    letters = tmp_path / "letters"
    written = cli("letters", inputs, "--no-cache", "-o", str(letters))
    assert written.exit_code == ExitCode.OK, written
    assert (letters / "HOSTILE-LONG-NAME.md").is_file()
    assert len(list(letters.iterdir())) == 6
    sensitivity = cli("sensitivity", inputs, "--no-cache")
    assert sensitivity.exit_code == ExitCode.OK, sensitivity
    assert SUMMARY in sensitivity.stderr, sensitivity
