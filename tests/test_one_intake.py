"""Every command reads applicants through the same intake as `screen`: folders, YAML/JSON
files, JSON Lines, CSV/XLSX exports with a mapping, and the same size limit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.diff.run import run_diff
from tests.conftest import ROOT, CliResult
from tests.test_diff import edited_copy

SAMPLES = "samples/applicants"
JSONL = "samples/exports/applicants.jsonl"
XLSX = "samples/exports/applicants.xlsx"
MAPPING = "samples/exports/mapping.yaml"


def diff_json(cli: Callable[..., CliResult], base: Path, *inputs: str) -> dict[str, object]:
    out = cli("diff", "--base", str(base), "--criteria", "xiaomi-2s-2024", "-f", "json", *inputs)
    assert out.exit_code == 0, out
    data: dict[str, object] = json.loads(out.stdout)
    return data


def test_diff_reads_an_export_as_it_reads_the_files(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """The same applicants as one JSON Lines file, an XLSX export and a folder of files:
    the same changes (it once read the JSON Lines file as YAML and failed)."""
    edited = edited_copy(tmp_path)
    folder = diff_json(cli, edited, SAMPLES)
    assert folder["changes"], "the edit must change something for the test to mean anything"
    assert diff_json(cli, edited, JSONL) == folder
    assert diff_json(cli, edited, XLSX, "--mapping", MAPPING) == folder


def test_diff_applies_the_size_limit(cli: Callable[..., CliResult]) -> None:
    out = cli("diff", "--base", "xiaomi-2s-2024", "--max-file-size", "100", SAMPLES)
    assert out.exit_code == 1, out
    assert "too-large" in out.stderr or "larger than" in out.stderr, out


def test_run_diff_counts_every_record_of_an_export() -> None:
    run = run_diff("xiaomi-2s-2024", "xiaomi-2s-2024", [str(ROOT / JSONL)])
    assert run.result.screened == 53


@pytest.mark.parametrize(
    "inputs",
    [
        ("--id", "XM24-SUZ-001", JSONL),
        ("--id", "XM24-SUZ-001", XLSX, "--mapping", MAPPING),
        ("--id", "XM24-SUZ-001", SAMPLES),
    ],
    ids=["jsonl", "xlsx", "folder"],
)
def test_explain_picks_one_applicant_by_id(
    cli: Callable[..., CliResult], inputs: tuple[str, ...]
) -> None:
    """Out of a batch or an export, the same explanation as of its own file among the rest."""
    own = cli("explain", f"{SAMPLES}/suzhou-jiangnan-huatong.yaml", "--among", SAMPLES)
    picked = cli("explain", *inputs)
    assert (own.exit_code, picked.exit_code) == (0, 0), picked

    def without_file(text: str) -> list[str]:
        # The File: line names where it was read, the manifest which files were read.
        lines = [line.split("    File:")[0] for line in text.splitlines()]
        return [line for line in lines if not line.startswith("dealerscreen ")]

    assert without_file(picked.stdout) == without_file(own.stdout)


def test_explain_asks_for_an_id_when_a_file_holds_several(cli: Callable[..., CliResult]) -> None:
    out = cli("explain", JSONL)
    assert out.exit_code == 2 and "--id" in out.stderr, out


def test_explain_an_unknown_id_is_an_invalid_input(cli: Callable[..., CliResult]) -> None:
    out = cli("explain", "--id", "XM24-NOPE-999", SAMPLES)
    assert out.exit_code == 1 and "XM24-NOPE-999" in out.stderr, out
