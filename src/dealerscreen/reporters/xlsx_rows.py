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
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import IO, Any, BinaryIO

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
    text = escaped(value).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f"<is><t{space}>{text}</t></is>"


TAILS_MAX = 1 << 15  # texts a sheet remembers the XML of (a few MB); then it starts again


class SheetRows:
    """The rows of one write-only openpyxl sheet, as XML in a temporary file."""

    def __init__(self, ws: Any, style: Any) -> None:
        self.ws = ws
        # closed by `workbook.Book.save`, once the zip holds it
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._style = style  # the one style a value of `values` may have (wrapped text)
        self._style_attr = ""  # ' s="3"': found when a styled cell is first written
        self._letters: list[str] = []
        self._heights: dict[float, str] = {}
        self._tails: dict[tuple[str, bool], str] = {}  # `_tail`
        from openpyxl.compat import safe_string

        self._number = safe_string  # "%.16g", or "" for what is not a finite number

    def _ref(self, column: int) -> str:
        """The column's letters (0 is A)."""
        while len(self._letters) <= column:
            from openpyxl.utils import get_column_letter

            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[column]

    def _styled(self) -> str:
        if not self._style_attr:
            index = self.ws.parent._cell_styles.add(self._style)
            self._style_attr = f' s="{index}"'
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

    def values(self, index: int, row: Sequence[tuple[Any, bool]], height: float | None) -> None:
        """Row `index`: each value (None, text, a number, True or False) with whether it
        has the sheet's style; the row `height` points tall, or as the program sizes it."""
        parts = [self._row_start(index, height)]
        at = str(index)
        if row:
            self._ref(len(row) - 1)  # every column's letters, found once
        letters = self._letters
        tails = self._tails
        for column, (value, styled) in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                tail = tails.get((value, styled))
                if tail is None:
                    tail = self._tail(value, styled)
                if tail:
                    parts.append('<c r="' + letters[column] + at + tail)
                else:  # a character XML cannot hold
                    parts.append(self._by_openpyxl(index, column, value, styled))
            else:
                style = self._styled() if styled else ""
                kind = "b" if value is True or value is False else "n"
                number = self._number(value)
                parts.append(f'<c r="{letters[column]}{at}"{style} t="{kind}"><v>{number}</v></c>')
        parts.append("</row>")
        self.file.write("".join(parts).encode("ascii"))

    def _tail(self, value: str, styled: bool) -> str:
        """A text cell's XML after its reference, remembered ("" for a text only openpyxl
        writes): a long sheet repeats its ids, parts and words on many rows."""
        if len(self._tails) >= TAILS_MAX:
            self._tails.clear()
        text = _inline(value)
        style = self._styled() if styled else ""
        tail = f'"{style} t="inlineStr">{text}</c>' if text or not value else ""
        self._tails[value, styled] = tail
        return tail

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
