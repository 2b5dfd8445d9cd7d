"""The export workbook's tables are read as data: one line a row. No cell of theirs wraps
(a wrapped cell in a row one line high spilled over the rows below, on screen and printed
by LibreOffice); a value of several lines (a criteria file's text) sits at the top, so its
first line shows; printed, a page holds the table alone. Every value stays whole in its
cell (tests/programme/test_workbooks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.programme import test_board
from tests.programme.helpers import Made

acted = test_board.acted  # a programme with its acts: notes and reasons, long and short
TABLES = ["runs", "criteria", "submissions", "decisions", "acts"]


@pytest.fixture
def book(acted: Made, tmp_path: Path) -> Path:
    path = tmp_path / "record.xlsx"
    assert acted.run("programme", "export", "-f", "xlsx", "-o", str(path)).exit_code == 0
    return path


def test_no_cell_of_a_data_sheet_wraps(book: Path) -> None:
    wb = load_workbook(book)
    lines = 0
    for table in TABLES:
        ws = wb[table]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                where = f"{table}!{cell.coordinate}"
                assert not cell.alignment.wrap_text, f"{where} wraps in a row one line high"
                if isinstance(cell.value, str) and "\n" in cell.value:
                    lines += 1
                    assert cell.alignment.vertical == "top", f"{where}: its first line hidden"
        assert all(d.height is None for d in ws.row_dimensions.values()), table  # one line
    assert lines, "a criteria file's text holds lines: the check above can fail"


@pytest.mark.parametrize("table", TABLES)
def test_a_data_sheet_prints_its_table_alone(book: Path, table: str) -> None:
    """The last column's long values, and the last row's lines, are not printed beyond
    the table (LibreOffice printed a criteria text's lines below it, and widened the
    page to the columns the last column's text spilled over)."""
    ws = load_workbook(book)[table]
    last = get_column_letter(ws.max_column)
    assert ws.print_area == f"'{table}'!$A$1:${last}${ws.max_row}"
