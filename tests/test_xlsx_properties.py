"""Filled application forms with any cell values, any mapping text, and damaged bytes, and
workbook exports with damaged bytes: located problems or results, never an exception, and
every row counted (found = screened + invalid + skipped), as tests/test_batch_properties.py
holds for any bytes and any cells of an export.

A row is counted when it holds anything, except the form's own descriptions and example
rows as `template` wrote them (issue 21, item 5: a row above `first_row` was passed over
unseen). Small, fast runs: a few examples, a few rows, one form made once.
"""

from __future__ import annotations

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
from dealerscreen.intake.mapping import EMBEDDED_SHEET
from dealerscreen.intake.tabular import cell_text
from tests import form_cases

MAPPING = Path(__file__).parent / "cases" / "batch-files" / ".mapping.yaml"

FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROWS = 6  # rows 2..7: the descriptions, the example and four applicants' rows


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria(form_cases.PROFILE)


@functools.cache
def blank() -> bytes:
    return form_cases.blank_form()


@functools.cache
def filled() -> bytes:
    """The form filled in order (two applicants), made once: each example edits a copy."""
    return form_cases.filled_in_order()


@functools.cache
def columns() -> int:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(blank())).worksheets[0].max_column


def screen_form(raw: bytes) -> ScreenRun:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        path.write_bytes(raw)
        run = screen(profile(), [str(path)], options=BatchOptions())
        for p in run.intake.problems:  # each in the file, or in its mapping sheet
            assert p.path.startswith(str(path)) and p.text and p.check, p.render()
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    return run


def writable(value: Any) -> Any:
    """What a worksheet cell holds as written: no control characters, no formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return "" if value.startswith("=") else value
    return value


values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", " ", "3000", "7,5", "yes", "否", "Suzhou", "2S", "EXAMPLE-001"])
    | st.text(max_size=6)
)
cells = st.dictionaries(
    st.tuples(st.integers(2, ROWS + 1), st.integers(1, 70)), values, max_size=14
)


@FAST
@given(cells)
def test_any_cells_in_a_filled_form(written: dict[tuple[int, int], Any]) -> None:
    """Any values anywhere in rows 2 to 7, over the descriptions and example rows too:
    a row is counted once it holds anything but what the template wrote there."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(blank()))
    sheet = book.worksheets[0]
    before = {r: [cell_text(c.value) for c in sheet[r]] for r in range(2, ROWS + 2)}
    for (r, c), value in written.items():
        sheet.cell(r, min(c, columns()), writable(value))
    out = io.BytesIO()
    book.save(out)
    stored = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[
        0
    ]  # as the file holds it
    counted = set()
    for r in range(2, ROWS + 2):
        row = [c.value for c in stored[r]]
        if not any(v not in (None, "") for v in row):
            continue  # blank
        if r <= 3 and [cell_text(v) for v in row] == before[r]:
            continue  # the form's own row, as it was written
        counted.add(r)
    run = screen_form(out.getvalue())
    shown = [p.render() for p in run.intake.problems]
    assert run.counts()["found"] == len(counted), shown
    above = {p.line for p in run.intake.problems if p.check == "above-first-row"}
    assert above == counted & {2, 3}, shown  # read, and said to be read


@FAST
@given(st.integers(0, 4000), st.text(max_size=12), st.booleans())
def test_any_edit_of_the_mapping_cell(at: int, inserted: str, cut: bool) -> None:
    """The mapping text edited anywhere: the form is read with it only when it still
    means what the template's means; otherwise one located problem, never an exception."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(filled()))
    cell = book[EMBEDDED_SHEET]["A2"]
    original = str(cell.value)
    at = min(at, len(original))
    cell.value = writable(original[:at] + inserted + original[at + len(inserted) * cut :])
    out = io.BytesIO()
    book.save(out)
    run = screen_form(out.getvalue())
    counts = run.counts()
    if counts["screened"]:  # read with the mapping: both applicants, as the template reads them
        assert counts["found"] == counts["screened"] == 2
    else:  # refused as one problem of the file
        assert counts["found"] == counts["invalid"] == 1
        (problem,) = run.intake.problems
        assert problem.check in ("mapping-changed", "no-mapping") or problem.path.endswith(
            f"[{EMBEDDED_SHEET}]"
        ), problem.render()


@FAST
@given(
    st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 255)), min_size=1, max_size=6),
    st.none() | st.integers(0, 20_000),
)
def test_damaged_bytes_of_a_filled_form(changes: list[tuple[int, int]], end: int | None) -> None:
    """Bytes of a filled form overwritten, or the file cut short: whatever is still read
    is counted, the rest is one located problem."""
    raw = bytearray(filled())
    for at, byte in changes:
        raw[at % len(raw)] = byte
    run = screen_form(bytes(raw[:end]))
    assert 1 <= run.counts()["found"] <= 2, [p.render() for p in run.intake.problems]


@FAST
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6),
    st.none() | st.integers(0, 10_000),
)
def test_damaged_bytes_of_an_export(changes: list[tuple[int, int]], end: int | None) -> None:
    """The same for an export read with a mapping: three rows, or one problem."""
    raw = bytearray(export())
    for at, byte in changes:
        raw[at % len(raw)] = byte
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        path.write_bytes(bytes(raw[:end]))
        run = screen(profile(), [str(path)], options=BatchOptions(mapping=str(MAPPING)))
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    assert counts["found"] in (1, 3), [p.render() for p in run.intake.problems]


@functools.cache
def export() -> bytes:
    from tests.xlsx_cases import row, workbook

    return workbook([row(i) for i in range(1, 4)])
