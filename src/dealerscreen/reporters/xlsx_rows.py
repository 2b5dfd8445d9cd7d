"""A sheet's rows written as the sheet's XML directly: the bytes openpyxl would write.

openpyxl's write-only sheet makes a cell object for every value and serialises each
through lxml; for the workbook of 2,000 applicants (about 100,000 cells) that was a sixth
of the whole run. `SheetRows` writes the same text itself, to a temporary file that
`StampedZip` puts into the `<sheetData>` openpyxl leaves empty:

- a row is `<row r="7">` (with the height openpyxl's row dimension gives, if any);
- a text is an inline string, `xml:space="preserve"` when it starts or ends with white
  space, escaped as lxml escapes it (& < > and the carriage return, every character
  beyond ASCII as a decimal reference); a number is `"%.16g"` (openpyxl's `safe_string`),
  True and False are booleans; an empty cell is left out;
- a styled cell names its style's index in the workbook, which openpyxl gives out when a
  cell with that style is first written: it is asked at the same moment, so the indexes,
  and the bytes, are the ones it would give.

What this cannot write as openpyxl would is written by openpyxl itself, into the same
file: rows of openpyxl cells (headings, titles, notes), and a text with a character XML
cannot hold (which openpyxl refuses as it always did).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Hashable, Sequence
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import IO, Any, BinaryIO, NamedTuple

_NOT_IN_XML = re.compile("[^\t\n\r -\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escaped(text: str) -> str:
    """Text content as lxml writes it in an ASCII document (before non-ASCII references)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _inline(value: str) -> str:
    """A text's inline string, in ASCII; "" for none, or for a text XML cannot hold."""
    if not value or _NOT_IN_XML.search(value):
        return ""
    space = ' xml:space="preserve"' if value != value.strip() else ""
    text = escaped(value)
    if not text.isascii():  # each character beyond ASCII as a decimal reference
        text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f"<is><t{space}>{text}</t></is>"


class Cell(NamedTuple):
    """A value as a sheet writes it, made once per distinct value of a column
    (`workbook.Sheet`): a long sheet repeats its ids, parts and words on many rows."""

    value: Any  # what the cell holds: text (`workbook.cell_value`) or a number as it is
    wrap: bool  # it has the sheet's style (wrapped text) in every row
    top: bool  # and in a row taller than a line (at the top): all but "=..." and "#..."
    lines: int  # the lines it wraps to, for the row's height (0: not counted)
    wide: bool  # it holds wide (Chinese) characters, whose lines are taller
    xml: str | None  # its XML after the reference and style; None: openpyxl writes it


class SheetRows:
    """The rows of one write-only openpyxl sheet, as XML in a temporary file."""

    def __init__(self, ws: Any, style: Any) -> None:
        self.ws = ws
        # closed by `workbook.Book.save`, once the zip holds it
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._style = style  # the one style a cell of `row` may have (wrapped text)
        self._style_attr = ""  # '" s="3"': found when a styled cell is first written
        self._refs: list[str] = []  # '<c r="A', by column
        self._heights: dict[float, str] = {}
        from openpyxl.compat import safe_string

        self._number = safe_string  # "%.16g", or "" for what is not a finite number

    def _columns(self, n: int) -> list[str]:
        """The start of each of the first `n` columns' cells, '<c r="' and its letters."""
        refs = self._refs
        while len(refs) < n:
            from openpyxl.utils import get_column_letter

            refs.append('<c r="' + get_column_letter(len(refs) + 1))
        return refs

    def _styled(self) -> str:
        if not self._style_attr:
            index = self.ws.parent._cell_styles.add(self._style)
            self._style_attr = f'" s="{index}"'
        return self._style_attr

    def _row_start(self, index: int, height: float | None) -> str:
        if height is None:
            return f'<row r="{index}">'
        attrs = self._heights.get(height)
        if attrs is None:
            from openpyxl.worksheet.dimensions import RowDimension

            dim = RowDimension(self.ws, index=index, ht=height)
            attrs = self._heights[height] = "".join(f' {k}="{v}"' for k, v in dim)
        return f'<row r="{index}"{attrs}>'

    def text_xml(self, text: str) -> str | None:
        """A text cell's XML after its reference and style (None: only openpyxl writes
        it, a character XML cannot hold)."""
        inline = _inline(text)
        return f' t="inlineStr">{inline}</c>' if inline or not text else None

    def number_key(self, value: Any) -> Hashable | None:
        """What a number's cell depends on, as a key (None: not remembered). Its type: 1,
        1.0, True and Decimal(1) are equal keys but not the same cell. A Decimal's value
        and sign: equal Decimals ("8.5", "8.50") are the same float, "%.16g" the same
        digits, but for zero's sign ("-0" and "0" are equal); one not finite is left out
        (a signalling NaN cannot be hashed). A float is left out (rare; -0.0 and nan)."""
        kind = type(value)
        if kind is int or kind is bool:
            return kind, value
        if kind is Decimal and value.is_finite():
            return kind, value, value.is_signed()
        return None

    def number_xml(self, value: Any) -> str:
        """A number's (or True's, False's) XML after its reference and style."""
        kind = "b" if value is True or value is False else "n"
        return f' t="{kind}"><v>{self._number(value)}</v></c>'

    def row(self, index: int, cells: Sequence[Cell | None], tall: bool, h: float | None) -> None:
        """Row `index` of `cells` (None: an empty cell, left out), `h` points high (None:
        as the program sizes it); in a `tall` row a cell at the `top` has the style too."""
        parts = [self._row_start(index, h)]
        at = str(index)
        refs = self._refs if len(self._refs) >= len(cells) else self._columns(len(cells))
        for column, cell in enumerate(cells):
            if cell is None:
                continue
            styled = cell.wrap or (tall and cell.top)
            xml = cell.xml
            if xml is None:  # a character XML cannot hold
                parts.append(self._by_openpyxl(index, column, cell.value, styled))
            elif styled:
                parts.append(refs[column] + at + (self._style_attr or self._styled()) + xml)
            else:
                parts.append(refs[column] + at + '"' + xml)
        parts.append("</row>")
        self.file.write("".join(parts).encode("ascii"))

    def _by_openpyxl(self, index: int, column: int, text: str, styled: bool) -> str:
        """One text cell written by openpyxl (which refuses what XML cannot hold)."""
        from copy import copy

        from openpyxl.cell import Cell
        from openpyxl.cell._writer import write_cell
        from openpyxl.xml.functions import xmlfile

        style = copy(self._style) if styled else None
        cell = Cell(self.ws, row=index, column=column + 1, value=text, style_array=style)
        cell.data_type = "s"
        out = BytesIO()
        with xmlfile(out) as xf:
            write_cell(xf, self.ws, cell, cell.has_style)
        return out.getvalue().decode("ascii")

    def cells(self, index: int, row: Sequence[Any]) -> None:
        """Row `index` of openpyxl cells and values, written by openpyxl."""
        from openpyxl.xml.functions import xmlfile

        self.ws._get_writer()  # the sheet's start (its widths, panes) is written first
        out = BytesIO()
        with xmlfile(out) as xf:
            self.ws._writer.write_row(xf, self.ws._values_to_row(row, index), index)
        self.file.write(out.getvalue())


# The deflate level of a sheet with rows. zlib's default, 6, took 0.12 s of CPU for the
# explanations sheet of 2,000 applicants (15 MB of XML, a row per rule); 3 takes 0.05 s
# for a file a sixth larger.
ROWS_LEVEL = 3
_NO_ROWS = b"<sheetData></sheetData>"  # a write-only sheet's, when no row was appended


class StampedZip(zipfile.ZipFile):
    """A zip whose members all carry one time and mode: the same workbook, the same bytes.

    openpyxl writes each member with the clock's time (and a worksheet from its temporary
    file, with that file's); this writes the report's own time instead. A sheet whose
    rows were written apart (`rows`: openpyxl's file of the sheet -> the rows' XML) gets
    them in its empty `<sheetData>`."""

    def __init__(
        self, file: BinaryIO, stamp: datetime, rows: dict[str, IO[bytes]] | None = None
    ) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._rows = rows or {}
        when = max(stamp, datetime(1980, 1, 1))  # the earliest time a zip can state
        self._stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str, *args: Any, **kw: Any
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kw)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kw: Any) -> None:
        info = self._info(str(arcname or filename))
        rows = self._rows.get(str(filename))
        if rows is not None:  # a sheet's rows: the bulk of the workbook
            info._compresslevel = ROWS_LEVEL  # type: ignore[attr-defined]
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            if rows is None:
                shutil.copyfileobj(src, dst, 1 << 20)
                return
            head, found, tail = src.read().partition(_NO_ROWS)  # the sheet without rows
            if not found:
                raise ValueError(f"{filename}: no place for the sheet's rows")
            dst.write(head + b"<sheetData>")
            rows.seek(0)
            shutil.copyfileobj(rows, dst, 1 << 20)
            dst.write(b"</sheetData>" + tail)
