"""Writing an XLSX workbook with openpyxl, streaming, the same bytes for the same report.

What the workbook reports (`xlsx_report`) and the application form (`template`) share:

- `Book`: an openpyxl write-only workbook (rows go to temporary files as they are
  appended, as the XML openpyxl would write for them: `xlsx_rows`, so a large batch is
  never held as cells), saved into a zip whose members all
  carry the report's own time, with the document properties set to it: the same inputs
  and `--as-of` give the same bytes.
- `Sheet`: one sheet with a bold header row, frozen panes, an autofilter over its table,
  column widths from the kind of each column, and at most as many rows as Excel opens
  (the last row then says how many were left out).
- Cells: text is made printable (no control characters, which XLSX cannot hold) and is
  always text, never a formula (a name that starts with "=" stays a name); numbers stay
  numbers (Decimal points are written exactly).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import IO, Any, BinaryIO

from dealerscreen.reporters.celltext import (
    LINE_HEIGHT,
    LINE_HEIGHT_CJK,
    MAX_ROW_HEIGHT,
    lines_in,
    text_width,
    widest_line,
)
from dealerscreen.reporters.xlsx_rows import Cell, SheetRows, StampedZip
from dealerscreen.words.safetext import printable, undecodable

MAX_ROWS = 1_048_576  # the most rows a sheet can hold in Excel
MAX_CELL = 32_767  # the most characters a cell can hold
# Column widths (characters) a landscape A4 page holds when printed at about half size
PRINT_FIT_WIDTH = 260
_FORBIDDEN_IN_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


@cache
def _xl() -> SimpleNamespace:
    """openpyxl, imported when a workbook is made (it takes a quarter of a second), and the
    styles every sheet uses."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.writer.excel import ExcelWriter

    return SimpleNamespace(
        Workbook=Workbook,
        Cell=WriteOnlyCell,
        ExcelWriter=ExcelWriter,
        letter=get_column_letter,
        PageSetupProperties=PageSetupProperties,
        head_font=Font(bold=True),
        head_fill=PatternFill("solid", fgColor="DDE4EE"),
        title_font=Font(bold=True, size=13),
        wrap=Alignment(wrap_text=True, vertical="top"),
        top=Alignment(vertical="top"),
    )


SEEN_MAX = 1 << 14  # texts a column remembers how it writes (a few MB); then it starts again
# Rows a sheet holds back before it is written, so that its columns are as wide as their
# values (a sheet's widths are written before its first row); later rows are streamed.
FIT_ROWS = 500
FIT_MAX = 72  # the widest a column is made to fit its values; a longer value wraps


@dataclass(frozen=True)
class Column:
    """A column: its heading and how wide its values usually are (in characters)."""

    heading: str
    width: int = 12
    wrap: bool = False  # long text (reasons, details): wrapped, not cut off
    fit: bool = False  # names: as wide as the widest (up to FIT_MAX), a wider one wrapped

    @property
    def shown_width(self) -> int:
        return max(self.width, min(text_width(self.heading) + 2, 40))


class Sheet:
    """One sheet of a `Book`: optional lines above the table, a header row, data rows.

    A `fit` column (names) is made as wide as the widest value of the first `FIT_ROWS`
    rows (by display width: an 18-character Chinese name is 36 wide), up to `FIT_MAX`; a
    value wider than its column, then or later, wraps in its cell instead of being cut off
    at the next one. A `tall` sheet (one read on paper) gives a row with wrapped text its
    height; the long data sheets leave that to the spreadsheet program. A sheet that
    `wraps` nothing (a table read as data: the record's export) keeps each row one line
    high: no cell wraps, so a long value is cut at the next cell's border (not spilled over
    the rows below, which keep one line's height) and the cell holds it whole. A value of
    several lines (a criteria file's text) sits at the top, its first line shown (at the
    bottom, LibreOffice shows its last over the rows above); printed, the page holds the
    table alone (`print_area`), not what the last row or column would spill beyond it."""

    def __init__(
        self,
        book: Book,
        title: str,
        columns: Sequence[Column],
        above: Sequence[str] = (),
        freeze_columns: int = 0,
        capped_note: str = "",
        one_page: bool = False,
        tall: bool = True,
        wraps: bool = True,
    ) -> None:
        # openpyxl's write-only sheet borrows freeze_panes and auto_filter from the
        # ordinary one, which its type stubs do not say
        self.ws: Any = book.wb.create_sheet(book.sheet_title(title))
        self.book = book
        self.columns = columns
        self.above = above
        self.freeze_columns = freeze_columns
        self.one_page = one_page  # printed on one page (a summary), not only one page wide
        self.tall = tall
        self.wraps = wraps
        self.header_row = len(above) + 1
        self.rows = self.header_row  # rows written (or held back) so far
        self.left_out = 0
        self.capped_note = capped_note  # "{n} of {total}" said in the last row when full
        self.widths = [c.shown_width for c in columns]
        self._held: list[Sequence[Any]] | None = []  # None once the sheet is started
        self._wrapped = {i for i, c in enumerate(columns) if c.wrap}
        self._fitted = {i for i, c in enumerate(columns) if c.fit and not c.wrap}
        # Long text wraps: each such cell has one styled cell's style (setting an
        # alignment on every cell costs more than writing it); in a sheet that wraps
        # nothing, a text of several lines has it: at the top, not wrapped.
        proto = _xl().Cell(self.ws)
        proto.alignment = _xl().wrap if wraps else _xl().top
        self.rows_xml = SheetRows(self.ws, proto._style)
        self._written = 0  # rows written to `rows_xml`
        self._seen: list[dict[str, Cell]] = []  # `_value`, by column
        self._numbers: dict[Hashable, Cell] = {}  # `_value`: ranks and points repeat too

    def _start(self) -> None:
        """Widths from the rows held back, then the page setup, the lines above, the
        header and the rows held."""
        xl = _xl()
        held, self._held = self._held or [], None
        for values in held:
            for i, value in enumerate(values[: len(self.columns)]):
                if i in self._fitted and isinstance(value, str) and value:
                    fits = min(widest_line(value) + 4, FIT_MAX)  # room for `lines_in`
                    self.widths[i] = max(self.widths[i], fits)
        for i, width in enumerate(self.widths, start=1):  # widths go before the first row
            self.ws.column_dimensions[xl.letter(i)].width = width
        self.ws.freeze_panes = f"{xl.letter(self.freeze_columns + 1)}{self.header_row + 1}"
        self._print_setup(xl, self.freeze_columns)
        for i, line in enumerate(self.above):
            self._cells([self._cell(line, xl.title_font if i == 0 else None)])
        self._cells([self._cell(c.heading, xl.head_font, xl.head_fill) for c in self.columns])
        for values in held:
            self._write(values)

    def _print_setup(self, xl: SimpleNamespace, freeze_columns: int) -> None:
        """Printed or saved as PDF (a team forwards reports to management): A4 landscape,
        the header row again on every page. A table that fits a page's width when shrunk
        to about half is shrunk to it; a wider one (every criterion's points) is printed
        across pages instead, each with the columns that name the applicant."""
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = 9  # A4, as in China
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        self.ws.print_options.gridLines = True  # a printed table keeps its rows apart
        if sum(self.widths) <= PRINT_FIT_WIDTH:
            setup.fitToWidth = 1
            setup.fitToHeight = 1 if self.one_page else 0  # else as many pages as rows need
            self.ws.sheet_properties.pageSetUpPr = xl.PageSetupProperties(fitToPage=True)
        elif freeze_columns:
            self.ws.print_title_cols = f"A:{xl.letter(freeze_columns)}"

    def _cells(self, row: Sequence[Any]) -> None:
        self._written += 1
        self.rows_xml.cells(self._written, row)

    def _cell(self, value: Any, font: Any = None, fill: Any = None) -> Any:
        cell = _xl().Cell(self.ws, value=cell_value(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, even when it starts with "=" or reads "#N/A"
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def append(self, values: Sequence[Any]) -> bool:
        """Add a row; False once the sheet is full (the rest are counted, not written)."""
        if self.rows >= MAX_ROWS - 1:
            self.left_out += 1
            return False
        self.rows += 1
        if self._held is not None:
            self._held.append([cell_value(v) for v in values])
            if len(self._held) >= FIT_ROWS:
                self._start()
            return True
        self._write(values)
        return True

    def _write(self, values: Sequence[Any]) -> None:
        cells: list[Cell | None] = []  # each value as the sheet writes it (None: empty)
        lines = 1  # the most lines a wrapped cell of the row takes
        cjk = False
        seen = self._seen
        while len(seen) < len(values):
            seen.append({})
        for i, value in enumerate(values):
            if value is None:
                cells.append(None)
                continue
            cell = seen[i].get(value) if type(value) is str else None
            if cell is None:
                cell = self._value(i, value)
            if cell.lines:
                if cell.lines > lines:
                    lines = cell.lines
                cjk = cjk or cell.wide
            cells.append(cell)
        self._written += 1
        # A row as tall as its wrapped text: not every program sizes it when it opens
        # the file (LibreOffice shows one line), and a printed page would cut the rest.
        # Its other cells at the top too, beside the first line, not below the last
        # (a text read as a formula or an error, "=..." or "#...", as it always was).
        # A text taller than Excel's tallest row is cut there on the page, whole in
        # its cell (`celltext.pieces` splits one that must print whole).
        tall = lines > 1 and self.tall
        height = None
        if tall:
            height = min((LINE_HEIGHT_CJK if cjk else LINE_HEIGHT) * lines, MAX_ROW_HEIGHT)
        self.rows_xml.row(self._written, cells, tall, height)

    def _value(self, i: int, value: Any) -> Cell:
        """Column `i`'s value as the sheet writes it: what the cell holds, whether it
        wraps, the lines it wraps to, whether it holds wide (Chinese) characters, and its
        XML; a text remembered (the long sheets repeat an id, a city, a rule's words on
        many rows), keyed by the text as given, which is all the answer depends on (the
        column's width is fixed once its rows are written)."""
        if type(value) in _NUMBERS:  # as it is (`cell_value`)
            key = self.rows_xml.number_key(value)
            number = self._numbers.get(key) if key is not None else None
            if number is None:
                number = Cell(value, False, True, 0, False, self.rows_xml.number_xml(value))
                if key is not None and len(self._numbers) < SEEN_MAX:
                    self._numbers[key] = number
            return number
        v = cell_value(value)
        if not isinstance(v, str):
            return Cell(v, False, True, 0, False, self.rows_xml.number_xml(v))
        wrap, wrapped_lines = self._wraps(i, v)
        wide = not v.isascii() and text_width(v) > len(v)
        found = Cell(v, wrap, _top(v), wrapped_lines, wide, self.rows_xml.text_xml(v))
        if type(value) is str:
            seen = self._seen[i]
            if len(seen) >= SEEN_MAX:
                seen.clear()
            seen[value] = found
        return found

    def _wraps(self, i: int, v: str) -> tuple[bool, int]:
        """Whether column `i`'s text wraps (has the sheet's style), and the lines it wraps
        to (0 when it does not, or the column is not the sheet's)."""
        if not self.wraps:  # styled (at the top) when it holds lines, never wrapped
            return "\n" in v, 0
        widths = self.widths
        wrap = (
            i in self._wrapped
            or "\n" in v
            # wider than its column (a cheap test first: a character is at most 2 wide)
            or (i in self._fitted and 2 * len(v) > widths[i] and widest_line(v) > widths[i])
        )
        return wrap, lines_in(v, widths[i]) if wrap and i < len(widths) else 0

    def close(self) -> None:
        """The autofilter over the table, and the note of rows left out, if any."""
        if self._held is not None:
            self._start()
        if self.left_out:
            shown = self.rows - self.header_row
            note = self.capped_note.format(n=f"{shown:,}", total=f"{shown + self.left_out:,}")
            self._cells([self._cell(note, _xl().head_font)])
        last = _xl().letter(len(self.columns))
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{max(self.rows, self.header_row)}"
        if not self.wraps:
            self.ws.print_area = f"A1:{last}{self._written}"


def _top(value: Any) -> bool:
    """Whether a value of a tall row has the wrapped text's style (to sit at the top)."""
    return not (isinstance(value, str) and value.startswith(("=", "#")))


_NUMBERS = frozenset((bool, int, float, Decimal))


def cell_value(value: Any) -> Any:
    """What a cell holds: printable text (its line breaks kept), or a number as it is."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):  # a tuple: faster
        return value
    text = str(value)
    if not text.isprintable():  # a control character, line break or lone surrogate
        text = undecodable(text)  # a file name that is not UTF-8 would corrupt the XML
        text = "\n".join(printable(part) for part in text.split("\n"))
    if len(text) <= MAX_CELL:
        return text
    return cut_to_cell(text)


def cut_to_cell(text: str) -> str:
    """A text longer than a cell holds, cut so that the cell says it was cut and by how much
    (never silently): "…[+12,345]" in place of the characters left out. The marker is
    digits and signs, so it reads the same in every language the workbook is written in;
    the json and html reports keep the whole text."""
    left_out = len(text) - MAX_CELL
    while True:  # the marker's own length moves the cut: settle it
        marker = f"…[+{left_out:,}]"
        keep = MAX_CELL - len(marker)
        if len(text) - keep == left_out:
            return text[:keep] + marker
        left_out = len(text) - keep


class Book:
    """A write-only workbook, saved with the report's time in every place it shows."""

    def __init__(self, stamp: datetime, title: str) -> None:
        self.wb = _xl().Workbook(write_only=True)
        self.stamp = stamp
        props = self.wb.properties
        props.creator = "dealerscreen"
        props.lastModifiedBy = None
        props.title = printable(title)
        props.created = props.modified = stamp
        self._titles: set[str] = set()
        self.sheets: list[Sheet] = []

    def sheet_title(self, wanted: str) -> str:
        """A valid, unique sheet name: at most 31 characters, none of []:*?/\\ ."""
        base = " ".join(printable(wanted).translate(_FORBIDDEN_IN_TITLE).split()).strip("'")
        base = base[:31] or "Sheet"
        title, n = base, 1
        while title.casefold() in self._titles:
            n += 1
            title = f"{base[: 31 - len(str(n)) - 1]} {n}"
        self._titles.add(title.casefold())
        return title

    def sheet(self, title: str, columns: Sequence[Column], **kw: Any) -> Sheet:
        sheet = Sheet(self, title, columns, **kw)
        self.sheets.append(sheet)
        return sheet

    def save(self, out: BinaryIO) -> None:
        for sheet in self.sheets:
            sheet.close()
        rows = {sheet.ws._writer.out: sheet.rows_xml.file for sheet in self.sheets}
        try:
            save_stamped(self.wb, out, self.stamp, rows)
        finally:
            for file in rows.values():
                file.close()


def save_stamped(
    wb: Any, out: BinaryIO, stamp: datetime, rows: dict[str, IO[bytes]] | None = None
) -> None:
    """Any openpyxl workbook, saved with `stamp` as its time everywhere it shows one."""
    wb.properties.creator = "dealerscreen"
    wb.properties.lastModifiedBy = None
    wb.properties.created = wb.properties.modified = stamp
    _xl().ExcelWriter(wb, StampedZip(out, stamp, rows)).save()  # closes the archive


def parse_stamp(generated_at: str | None) -> datetime:
    """The report's time ('2024-01-02T00:00:00Z') as a naive UTC datetime, as XLSX wants it."""
    if not generated_at:
        return datetime(1980, 1, 1)
    return datetime.strptime(generated_at, "%Y-%m-%dT%H:%M:%SZ")
