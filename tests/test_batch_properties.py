"""Any bytes as a JSON Lines, CSV or XLSX file: located problems or results, never an
exception, and every record counted (as tests/test_properties.py holds for YAML and JSON).

Small, fast runs: the examples are few, and the files short.
"""

from __future__ import annotations

import csv
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.criteria.compile import CompiledProfile
from tests.xlsx_cases import HEADERS

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAPPING = Path(__file__).parent / "cases" / "batch-files" / ".mapping.yaml"
GOOD_LINE = (
    b'{"schema_version": 1, "applicant_id": "P-1", "legal_name": "Property Motors", '
    b'"standing": {"kind": "regional_merchant"}, '
    b'"target": {"city": "Suzhou", "store_format": "2S"}}'
)


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def screen_bytes(raw: bytes, suffix: str) -> tuple[ScreenRun, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"batch{suffix}"
        path.write_bytes(raw)
        run = screen(profile(), [str(path)], options=BatchOptions(mapping=str(MAPPING)))
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    for p in run.intake.problems:
        assert p.path == str(path) and p.text and p.check
    return run, str(path)


def json_lines_in(raw: bytes) -> int:
    """The lines a JSON Lines reader must count: every line but blank ones (a line that
    is not UTF-8 counts, whatever it holds)."""
    lines = raw.split(b"\n")
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    count = 0
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            count += 1
            continue
        count += bool(line.strip())
    return count


# Lines made of pieces that matter: good applicants, broken JSON, bytes that are not UTF-8,
# numbers that are not finite, blank lines, CR.
pieces = st.sampled_from(
    [GOOD_LINE, b"{", b"[1, 2]", b"\xff", b"\xe4\xb8", b"Infinity", b"  ", b"\r", b'"x"', b"{}"]
)
json_lines = st.lists(st.lists(pieces | st.binary(max_size=12), max_size=4), max_size=8).map(
    lambda lines: b"\n".join(b"".join(parts) for parts in lines)
)


@FAST
@given(st.binary(max_size=300) | json_lines)
def test_any_bytes_as_json_lines(raw: bytes) -> None:
    run, _ = screen_bytes(raw, ".jsonl")
    assert run.counts()["found"] == json_lines_in(raw)


def csv_records_in(raw: bytes) -> int | None:
    """The records a CSV reader must count, or None when the header is not the mapping's
    (the file is then one problem)."""
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0][: len(HEADERS)] != HEADERS or not raw.split(b"\n", 1)[0].isascii():
        return None
    return sum(1 for r in rows[1:] if any(cell != "" for cell in r))


cells = st.sampled_from(["", "3000", "7,5", "inf", "yes", "Suzhou", "2S", '"', "\n"]) | st.text(
    max_size=6
)
csv_bodies = st.lists(st.lists(cells, min_size=1, max_size=len(HEADERS)), max_size=6).map(
    lambda rows: "\n".join(",".join(row) for row in rows).encode("utf-8")
)


@FAST
@given(st.binary(max_size=300) | csv_bodies, st.binary(max_size=4))
def test_any_bytes_as_csv(body: bytes, noise: bytes) -> None:
    raw = ",".join(HEADERS).encode() + b"\n" + noise + body
    run, _ = screen_bytes(raw, ".csv")
    expected = csv_records_in(raw)
    if expected is not None:
        assert run.counts()["found"] == expected, [p.render() for p in run.intake.problems]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_as_xlsx(raw: bytes) -> None:
    run, _ = screen_bytes(raw, ".xlsx")
    assert run.counts()["found"] == 1  # not a workbook: one problem for the file


values = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | cells


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(values, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=5))
def test_any_cells_in_a_workbook(rows: list[list[Any]]) -> None:
    """Any values in the mapped columns of a real workbook: every non-empty row counted."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def writable(v: Any) -> Any:  # what a worksheet can hold: no control characters
        if isinstance(v, str):
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
            return "" if v.startswith("=") else v  # a formula would be a formula
        return v

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    rows = [[writable(v) for v in r] for r in rows]
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    run, _ = screen_bytes(out.getvalue(), ".xlsx")
    expected = sum(1 for r in rows if any(v not in (None, "") for v in r))
    assert run.counts()["found"] == expected, [p.render() for p in run.intake.problems]
