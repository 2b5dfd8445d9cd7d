"""What openpyxl is not asked to find out in a workbook: whether it is safe to open, and
which cells it would read as empty though they are not.

`check_workbook` refuses a workbook before openpyxl reads it (what it unpacks to, shared
strings, a DTD: `xlsxparts`) and names the parts with formulas or merged ranges; `Blanks`
finds, in such a part, the formulas without a saved value and the merged cells.
"""

from __future__ import annotations

import contextlib
import heapq
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import column_letters, xlsxparts
from dealerscreen.models.problems import Message, Problem, plain
from dealerscreen.yamlsource import SourceError

# A formula or a merged range in a part's XML (any namespace prefix)
_MARKED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s/>]")


def check_workbook(path: str, fh: IO[bytes], limit: int) -> set[str]:
    """Refuse a workbook that unpacks to more than `limit` bytes, by what its zip declares
    and by what it gives (zipfile stops at the declared size and checks the CRC), or that
    would cost openpyxl more than `xlsxparts` allows (too many shared strings, a DTD),
    before openpyxl reads it. Returns the parts that hold formulas or merged ranges."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(path, say("not-xlsx", detail=plain(f"{exc}"))) from None
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > limit:
            message = say("xlsx-unpacks", size=f"{declared:,}", limit=f"{limit:,}")
            raise SourceError(Problem(path, None, None, "error", message, None, "too-large"))
        marked: set[str] = set()
        try:
            scan = xlsxparts.Scan(path, xlsxparts.Parts.of(path, archive))
            scan.check_sizes(archive)
            for member in members:
                with archive.open(member) as part:
                    tail = b""
                    blocks = iter(lambda: part.read(1 << 20), b"")
                    for block in scan.part(member.filename, blocks):
                        if _MARKED.search(tail + block):
                            marked.add(member.filename)
                        tail = block[-64:]
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            zlib.error,
            NotImplementedError,
            RuntimeError,  # an encrypted part
            KeyError,
            ElementTree.ParseError,
        ) as exc:
            raise _unreadable(path, say("xlsx-corrupt", detail=plain(f"{exc}"))) from None
    return marked


def _unreadable(path: str, detail: Message) -> SourceError:
    message = say("workbook-unreadable", detail=detail)
    return SourceError(Problem(path, None, None, "error", message, None, "unreadable"))


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NO_VALUE = say("formula")


class Blanks:
    """Cells openpyxl reads as empty though they are not: a formula with no cached value,
    and the cells of a merged range other than its first (which holds the value).

    Merged ranges are swept row by row (a heap per wanted column), so that a range of a
    million rows costs no more than the rows it covers."""

    def __init__(self, formulas: dict[int, list[int]], merged: list[tuple[int, int, int, int]]):
        self.formulas = formulas  # row -> columns of formulas without a value
        self.pending = sorted(merged, reverse=True)  # (min_row, min_col, max_row, max_col)
        self.active: dict[int, list[tuple[int, int, int, int]]] = {}

    @classmethod
    def scan(cls, archive: zipfile.ZipFile, part: str) -> Blanks:
        formulas: dict[int, list[int]] = {}
        merged: list[tuple[int, int, int, int]] = []
        if part not in archive.namelist():
            return cls(formulas, merged)
        with archive.open(part) as source:
            for _event, elem in ElementTree.iterparse(source):
                tag = elem.tag
                if tag == _NS + "c":
                    if elem.find(_NS + "f") is not None and not elem.findtext(_NS + "v"):
                        with contextlib.suppress(ValueError):
                            row, col = _cell(elem.get("r", ""))
                            formulas.setdefault(row, []).append(col)
                    elem.clear()
                elif tag == _NS + "row":
                    elem.clear()
                elif tag == _NS + "mergeCell":
                    with contextlib.suppress(ValueError):
                        low, _, high = elem.get("ref", "").partition(":")
                        (r1, c1), (r2, c2) = _cell(low), _cell(high)
                        merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        return cls(formulas, merged)

    def at(self, row: int, wanted: set[int]) -> Iterator[tuple[int, Message]]:
        """(column, why) of the wanted cells of this row that read as empty for a reason."""
        for column in self.formulas.pop(row, ()):
            if column in wanted:
                yield column, _NO_VALUE
        while self.pending and self.pending[-1][0] <= row:
            merge = self.pending.pop()
            for column in wanted:
                if merge[1] <= column <= merge[3]:
                    heapq.heappush(
                        self.active.setdefault(column, []), (merge[2], *merge[:2], merge[3])
                    )
        for column in sorted(wanted):
            heap = self.active.get(column)
            while heap and heap[0][0] < row:
                heapq.heappop(heap)
            if heap:
                max_row, min_row, min_col, max_col = heap[0]
                if (row, column) != (min_row, min_col):
                    first = f"{column_letters(min_col)}{min_row}"
                    ref = f"{first}:{column_letters(max_col)}{max_row}"
                    yield (
                        column,
                        say("merged", ref=ref, first=first),
                    )


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _cell(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as B7; ValueError if it is not one."""
    m = _REF.match(ref)
    if m is None:
        raise ValueError(ref)
    column = 0
    for ch in m.group(1).upper():
        column = column * 26 + ord(ch) - 64
    return int(m.group(2)), column
