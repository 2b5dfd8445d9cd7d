"""JSON Lines, CSV and XLSX files are read as safely as one applicant's file (issue #13,
items 5 and 13): a regular file only, within a size limit (an XLSX within what it unpacks
to), and one bad byte costs one line. The hostile files themselves are in
tests/cases/batch-files (tests/test_batch_cases.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.cli.app import app
from tests.conftest import ROOT

EXPORTS = ROOT / "samples" / "exports"
MAPPING = str(EXPORTS / "mapping.yaml")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,  # the attack: a FIFO or /dev/zero named *.jsonl, *.csv, *.xlsx hung
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_named_as_a_batch_file_is_refused_not_waited_on(
    tmp_path: Path,
) -> None:
    fifos, links = [], []
    # Three devices that never stop giving bytes, one per kind of batch file, so that the
    # three are three real files (links to one device would be one file named thrice).
    for suffix, device in (
        (".jsonl", "/dev/zero"),
        (".csv", "/dev/urandom"),
        (".xlsx", "/dev/full"),
    ):
        fifo = tmp_path / f"fifo{suffix}"
        os.mkfifo(fifo)
        fifos.append(str(fifo))
        link = tmp_path / f"device{suffix}"
        link.symlink_to(device)
        links.append(str(link))
    # one process: a real one, so that a run that waited or read for ever is killed
    done = run_cli("screen", *fifos, *links, "--mapping", MAPPING)
    assert done.returncode == 1, done.stderr
    for path in [*fifos, *links]:
        assert f"{path}: [error] not a regular file (not-a-file)" in done.stderr


@pytest.mark.parametrize("name", ["applicants.jsonl", "applicants.csv", "applicants.xlsx"])
def test_max_batch_size_applies_to_every_batch_file(name: str) -> None:
    """--max-file-size did not apply to them, and nothing else did."""
    run = screen(
        load_criteria("xiaomi-2s-2024"),
        [str(EXPORTS / name)],
        options=BatchOptions(mapping=MAPPING, max_batch_bytes=10_000),
    )
    (problem,) = run.intake.problems
    assert problem.check == "too-large" and "(--max-batch-size)" in problem.text
    assert run.counts()["invalid"] == 1


def test_max_file_size_applies_to_each_line_of_json_lines(tmp_path: Path) -> None:
    lines = (EXPORTS / "applicants.jsonl").read_bytes().splitlines(keepends=True)[:4]
    long = lines[1].rstrip(b"\n") + b" " * 5000 + b"\n"
    path = tmp_path / "batch.jsonl"
    path.write_bytes(lines[0] + long + lines[2] + lines[3])
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)], max_bytes=3000)
    (problem,) = run.intake.problems
    assert (problem.line, problem.check) == (2, "too-large")
    assert "(--max-file-size)" in problem.text
    assert run.counts() == {**run.counts(), "found": 4, "screened": 3, "invalid": 1}


def test_standard_input_is_bounded_and_a_bad_byte_costs_one_line() -> None:
    lines = (EXPORTS / "applicants.jsonl").read_bytes().splitlines(keepends=True)
    lines[5] = lines[5].replace(b'"legal_name": "', b'"legal_name": "\xff', 1)
    data = b"".join(lines)
    result = CliRunner().invoke(app, ["screen", "-", "--format", "json"], input=data)
    assert '"screened": 52' in result.stdout and '"invalid": 1' in result.stdout
    assert "-:6:" in result.stderr and "(encoding)" in result.stderr
    result = CliRunner().invoke(app, ["screen", "-", "--max-batch-size", "10k"], input=data)
    assert "over the limit of 10,000 bytes (--max-batch-size)" in result.stderr
    assert result.exit_code == 1


def test_a_bad_byte_inside_a_quoted_csv_cell_spanning_lines_fails_that_record_only(
    tmp_path: Path,
) -> None:
    text = (EXPORTS / "applicants.csv").read_bytes().splitlines(keepends=True)[:6]
    # a cell with a newline in it: the record spans two lines, the second has the bad byte
    text[2] = text[2].replace(b",Peng Jun,", b',"Peng\n\xffJun",', 1)
    path = tmp_path / "export.csv"
    path.write_bytes(b"".join(text))
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(path)], options=BatchOptions(mapping=MAPPING)
    )
    (problem,) = run.intake.problems
    assert (problem.line, problem.column, problem.check) == (4, 1, "encoding")
    assert run.counts() == {**run.counts(), "found": 5, "screened": 4, "invalid": 1}


@pytest.mark.parametrize(
    ("decimal", "text", "read"),
    [
        (".", "7,5", None),  # was 75
        (".", "1,234.5", 1234.5),
        (".", "12345678901234567", None),  # was 12345678901234568: past 10^15, refused
        (".", "999999999999999", 999999999999999),  # whole, exact
        (".", "inf", None),
        (",", "7,5", 7.5),
        (",", "1.234,5", 1234.5),
        (",", "1 234,5", 1234.5),
        (",", "7.5", None),
    ],
)
def test_a_number_cell_is_read_by_the_mappings_decimal_separator_or_refused(
    decimal: str, text: str, read: float | None
) -> None:
    """Item 9: `7,5` became 75 and long integers lost digits (they went through float)."""
    from dealerscreen.intake.mapping import CellError, Column, Mapping

    mapping = Mapping("mapping.yaml", (), {}, decimal)  # type: ignore[arg-type]
    kind = "int" if read is not None and float(read).is_integer() else "float"
    column = Column("Cell", ("site", "parking_spaces"), "site.parking_spaces", kind)
    if read is None:
        with pytest.raises(CellError):
            mapping.convert(column, text)
        with pytest.raises(CellError):
            mapping.convert(Column("Cell", ("x",), "x", "int"), text)
    else:
        got = mapping.convert(column, text)
        assert got == read and type(got) is (int if kind == "int" else float)


def test_a_repeated_id_in_json_lines_is_placed_in_its_file_at_its_line(tmp_path: Path) -> None:
    """Found by the property: the problem's file was `batch.jsonl:2` (shown `...:2:2:`)."""
    line = (EXPORTS / "applicants.jsonl").read_bytes().splitlines(keepends=True)[0]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(line + line)
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)])
    (problem,) = run.intake.problems
    assert (problem.path, problem.line, problem.check) == (str(path), 2, "duplicate-id")


def test_a_bare_carriage_return_ends_a_csv_line(tmp_path: Path) -> None:
    """Found by the property: a CR not followed by LF stopped the whole file."""
    rows = (EXPORTS / "applicants.csv").read_bytes().splitlines()[:4]
    path = tmp_path / "export.csv"
    path.write_bytes(rows[0] + b"\n" + rows[1] + b"\r" + rows[2] + b"\r\n" + rows[3] + b"\n")
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(path)], options=BatchOptions(mapping=MAPPING)
    )
    assert not run.intake.problems and run.counts()["screened"] == 3


@pytest.mark.parametrize("command", ["screen", "explain", "sensitivity", "diff", "letters"])
def test_every_command_that_reads_a_batch_takes_max_batch_size(
    command: str, tmp_path: Path
) -> None:
    """`letters` read batches with no limit on a batch file (it had no --max-batch-size)."""
    args = [command, str(EXPORTS / "applicants.jsonl"), "--max-batch-size", "10k"]
    if command == "letters":
        args += ["-o", str(tmp_path / "letters")]
    if command == "diff":
        args += ["--base", "criteria/xiaomi-2s-2024.yaml"]
    result = CliRunner().invoke(app, args)
    assert "over the limit of 10,000 (--max-batch-size) (too-large)" in result.stderr, result.output
    assert result.exit_code == 1
