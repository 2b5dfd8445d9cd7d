"""A workbook's rows written as XML by `xlsx_rows.SheetRows` (issue 22, the report stage)
are the bytes openpyxl writes for the same cells.

The plain way, here: each value made an openpyxl cell (the sheet's wrapped-text style on
it when it has one, text kept as text), the row's height set on the sheet's row dimension,
and the row written by openpyxl's own worksheet writer. Any sheets of any values (text of
any characters, numbers that are not finite, Decimals, booleans, text read as a formula or
an error, empty text), held back for widths or streamed, a sheet full before its rows end:
the saved workbook is the same, byte for byte, or both ways refuse it alike.
"""

from __future__ import annotations

import io
from copy import copy
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.reporters import workbook
from dealerscreen.reporters.workbook import Book, Column
from dealerscreen.reporters.xlsx_rows import SheetRows, escaped


class PlainRows(SheetRows):
    """Rows written the plain way: openpyxl's cells through openpyxl's writer, each
    number as given (none remembered)."""

    def number_key(self, value: Any) -> None:
        return None

    def row(self, index: int, cells: Any, tall: bool, height: float | None) -> None:
        from openpyxl.cell import Cell

        out: list[Any] = []
        for column, made in enumerate(cells):
            value = None if made is None else made.value
            styled = made is not None and (made.wrap or (tall and made.top))
            style = copy(self._style) if styled and value is not None else None
            cell = Cell(self.ws, row=index, column=column + 1, value=value, style_array=style)
            if isinstance(value, str):
                cell.data_type = "s"  # as the sheet keeps it: text, never a formula
            out.append(cell if value is not None else None)
        if height is not None:
            self.ws.row_dimensions[index].height = height
        try:
            self.cells(index, out)
        finally:
            self.ws.row_dimensions.pop(index, None)


TEXT = st.one_of(
    st.text(max_size=24),
    st.text(alphabet="ab 苏州\n\r&<>\t\u3000😀", max_size=160),
    st.sampled_from(["", " ", "=", "=SUM(A1:A3)", "#N/A", "#REF!", " lead", "trail\n"]),
)
VALUE = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.decimals(places=3, allow_nan=False),
    st.decimals(),
    st.booleans(),
)
COLUMN = st.builds(
    Column,
    heading=TEXT,
    width=st.integers(min_value=4, max_value=40),
    wrap=st.booleans(),
    fit=st.booleans(),
)
SHEET = st.fixed_dictionaries(
    {
        "title": TEXT,
        "columns": st.lists(COLUMN, min_size=1, max_size=5),
        "above": st.lists(TEXT, max_size=2),
        "tall": st.booleans(),
        "freeze_columns": st.integers(min_value=0, max_value=2),
        "rows": st.lists(st.lists(VALUE, max_size=6), max_size=9),
    }
)


def _saved(sheets: list[dict[str, Any]]) -> bytes | str:
    """The workbook's bytes, or the kind of error it was refused with."""
    book = Book(datetime(2024, 1, 2), "rows")
    try:
        for spec in sheets:
            sheet = book.sheet(
                spec["title"],
                spec["columns"],
                above=spec["above"],
                tall=spec["tall"],
                freeze_columns=spec["freeze_columns"],
                capped_note="{n} of {total}",
            )
            for row in spec["rows"]:
                sheet.append(row)
        out = io.BytesIO()
        book.save(out)
    except Exception as e:  # refused: the same refusal both ways
        return type(e).__name__
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SHEET, min_size=1, max_size=3))
def test_the_rows_are_the_bytes_openpyxl_writes(sheets: list[dict[str, Any]]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "FIT_ROWS", 3)  # rows held back for widths, then streamed
        mp.setattr(workbook, "MAX_ROWS", 10)  # some sheets full: their last row says so
        fast = _saved(sheets)
        mp.setattr(workbook, "SheetRows", PlainRows)
        plain = _saved(sheets)
    assert fast == plain


def test_a_character_xml_cannot_hold_never_reaches_the_sheet() -> None:
    """U+FFFF (which lxml refuses) is left out by `cell_value`, as control characters are;
    both writers save the same bytes."""
    assert workbook.cell_value("a\uffffb\ufffe") == "ab"
    sheets = [{"title": "t", "columns": [Column("a")], "above": [], "tall": True,
               "freeze_columns": 0, "rows": [["ok"], ["a\uffffb"]]}]  # fmt: skip
    fast = _saved(sheets)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "SheetRows", PlainRows)
        assert _saved(sheets) == fast != "ValueError"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a&b<c>d\re", "a&amp;b&lt;c&gt;d&#13;e"), ("\"'\t\n", "\"'\t\n"), ("苏", "苏")],
)
def test_escaped_as_lxml_escapes_text(text: str, expected: str) -> None:
    assert escaped(text) == expected


def test_a_number_is_written_as_openpyxl_writes_it() -> None:
    """Decimal, huge and not-finite numbers: "%.16g", or an empty value."""
    values = [Decimal("82.390"), 10**20, float("inf"), float("nan"), True, 0.1, 2**53 + 1,
              -(2**53) - 1, 2**53 - 1, 10**16 - 1, -7]  # fmt: skip
    sheets = [{"title": "n", "columns": [Column("a")], "above": [], "tall": False,
               "freeze_columns": 0, "rows": [values]}]  # fmt: skip
    fast = _saved(sheets)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "SheetRows", PlainRows)
        assert _saved(sheets) == fast
    assert isinstance(fast, bytes)


def test_a_number_remembered_is_the_number_written() -> None:
    """A sheet remembers a number's cell (ranks, points) by a key of all it depends on:
    equal numbers of another type, zero's sign, Decimals of more places, numbers that are
    not finite each get their own cell, as openpyxl writes each."""
    zeros = [Decimal("0"), Decimal("-0"), Decimal("-0.00"), 0, False, 0.0, -0.0, Decimal("0E+3")]
    ones = [Decimal("1"), 1, True, 1.0, Decimal("1.000"), Decimal("-1"), -1]
    odd = [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), float("nan"), 2**53 + 1]
    column = [*zeros, *ones, *odd, *reversed(zeros), *reversed(ones), *odd]
    sheets = [{"title": "n", "columns": [Column("a")], "above": [], "tall": False,
               "freeze_columns": 0, "rows": [[v] for v in column]}]  # fmt: skip
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "FIT_ROWS", 3)  # most rows streamed, after the widths
        fast = _saved(sheets)
        mp.setattr(workbook, "SheetRows", PlainRows)
        assert _saved(sheets) == fast
    assert isinstance(fast, bytes)
