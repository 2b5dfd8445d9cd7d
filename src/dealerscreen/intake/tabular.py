"""Spreadsheet exports, CSV and XLSX: one applicant per row, columns named by a mapping.

The first row holds the headers. Each later row becomes one `Record` whose data is the
applicant's fields, built through the mapping (see `dealerscreen.intake.mapping`); a cell
that cannot be read as its type is a problem at its row and column, and the other rows
go on. openpyxl is imported only when an XLSX file is read.
"""

from __future__ import annotations

import contextlib
import csv
import heapq
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator, Sequence
from typing import IO, Any, NamedTuple
from xml.etree import ElementTree

from dealerscreen.intake import OverLimit, Record
from dealerscreen.intake.csvtext import read_records
from dealerscreen.intake.mapping import (
    EMBEDDED_SHEET,
    CellError,
    Column,
    Mapping,
    parse_mapping,
)
from dealerscreen.problems import FatalError, Problem
from dealerscreen.sourcefile import DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BYTES, open_regular
from dealerscreen.yamlsource import SourceError


class Limits(NamedTuple):
    line: int  # one line of a CSV file (--max-file-size)
    total: int  # the file, and what an XLSX unpacks to (--max-batch-size)


def _set(target: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Nested assignment; list items are collected by index and compacted in `_lists`."""
    current: Any = target
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        default: Any = {} if isinstance(nxt, str) else {"__list__": True}
        current = current.setdefault(part, default)
    current[path[-1]] = value


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        if value.pop("__list__", False):
            return [_lists(value[k]) for k in sorted(value)]
        return {k: _lists(v) for k, v in value.items()}
    return value


class Row(NamedTuple):
    number: int  # the row's number in the sheet, or the line a CSV record starts on
    cells: Sequence[Any]
    problems: tuple[Problem, ...] = ()  # the row cannot be read (a line not UTF-8)
    notes: tuple[Problem, ...] = ()  # warnings at its cells (a formula without a value)


def _rows_csv(path: str, limits: Limits) -> Generator[Row, None, None]:
    """Records, each with the problems of the lines it spans (see `intake.csvtext`)."""
    with open_regular(path, limits.total) as fh:
        for start, cells, problems in read_records(path, fh, limits.line, limits.total):
            # A quoted cell may hold line breaks: the record is named by the line it
            # starts on (what a person finds in an editor), not by its count.
            yield Row(start, cells, problems)


def _rows_xlsx(path: str, limits: Limits, wanted: set[int]) -> Generator[Row, None, None]:
    """Rows of the first sheet, each with warnings at the cells of `wanted` columns (filled
    in by the caller once it has read the header) that read as empty though they are not."""
    with open_regular(path, limits.total) as fh:
        marked = _check_workbook(path, fh, limits.total)
        import openpyxl  # heavy: only when a workbook is read

        fh.seek(0)
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            part = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
            blanks = _Blanks({}, [])
            if part in marked:  # a sheet without formulas or merged cells is not parsed twice
                fh.seek(0)
                with zipfile.ZipFile(fh) as archive:
                    blanks = _Blanks.scan(archive, part)
            sheet.reset_dimensions()  # the <dimension> tag may be stale: read every row
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                notes = tuple(
                    Problem(
                        path,
                        number,
                        column,
                        "warning",
                        f"sheet '{sheet.title}' cell {_letters(column)}{number}: {why}",
                        None,
                        "empty-cell",
                    )
                    for column, why in blanks.at(number, wanted)
                    if column > len(cells) or cells[column - 1] in (None, "")
                )
                yield Row(number, cells, (), notes)
        finally:
            book.close()


# A formula or a merged range in a part's XML (any namespace prefix)
_MARKED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s/>]")


def _check_workbook(path: str, fh: IO[bytes], limit: int) -> set[str]:
    """Refuse a workbook that unpacks to more than `limit` bytes, by what its zip declares
    and by what it gives (zipfile stops at the declared size and checks the CRC), before
    openpyxl reads it. Returns the parts that hold formulas or merged ranges."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(path, f"not an XLSX workbook ({exc})") from None
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > limit:
            message = (
                f"the workbook unpacks to {declared:,} bytes, over the limit of {limit:,} "
                "(--max-batch-size)"
            )
            raise SourceError(Problem(path, None, None, "error", message, None, "too-large"))
        marked: set[str] = set()
        try:
            for member in members:
                with archive.open(member) as part:
                    tail = b""
                    while block := part.read(1 << 20):
                        if _MARKED.search(tail + block):
                            marked.add(member.filename)
                        tail = block[-64:]
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as exc:
            raise _unreadable(path, f"a corrupt XLSX workbook ({exc})") from None
    return marked


def _unreadable(path: str, message: str) -> SourceError:
    message = f"cannot read the workbook: {message}"
    return SourceError(Problem(path, None, None, "error", message, None, "unreadable"))


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NO_VALUE = (
    "a formula with no saved value, read as empty (the program that wrote the file did "
    "not compute it: open and save it in Excel, or paste values)"
)


class _Blanks:
    """Cells openpyxl reads as empty though they are not: a formula with no cached value,
    and the cells of a merged range other than its first (which holds the value).

    Merged ranges are swept row by row (a heap per wanted column), so that a range of a
    million rows costs no more than the rows it covers."""

    def __init__(self, formulas: dict[int, list[int]], merged: list[tuple[int, int, int, int]]):
        self.formulas = formulas  # row -> columns of formulas without a value
        self.pending = sorted(merged, reverse=True)  # (min_row, min_col, max_row, max_col)
        self.active: dict[int, list[tuple[int, int, int, int]]] = {}

    @classmethod
    def scan(cls, archive: zipfile.ZipFile, part: str) -> _Blanks:
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

    def at(self, row: int, wanted: set[int]) -> Iterator[tuple[int, str]]:
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
                    first = f"{_letters(min_col)}{min_row}"
                    ref = f"{first}:{_letters(max_col)}{max_row}"
                    yield (
                        column,
                        f"part of the merged cell {ref}, read as empty (its value is in {first})",
                    )


def embedded_mapping(
    path: str, max_total: int = DEFAULT_MAX_BATCH_BYTES
) -> Mapping | Problem | None:
    """The mapping an application form carries in its hidden sheet; None when the workbook
    has none (or cannot be read: `read_table` then says why, with the same checks), a
    problem when it is invalid. Opened as `read_table` opens it: a regular file within the
    size limit, its unpacked size checked before openpyxl reads it."""
    import openpyxl

    try:
        with open_regular(path, max_total) as fh:
            _check_workbook(path, fh, max_total)
            fh.seek(0)
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                if EMBEDDED_SHEET not in book.sheetnames:
                    return None
                text = book[EMBEDDED_SHEET]["A2"].value
            finally:
                book.close()
    except Exception:
        return None
    if not isinstance(text, str):
        return None
    try:
        return parse_mapping(text, f"{path}[{EMBEDDED_SHEET}]")
    except FatalError as exc:
        return exc.problems[0]


def _header(
    path: str, first: Row | None, mapping: Mapping, letters: bool
) -> list[tuple[Column, int]] | Problem:
    """Each mapped column with its place in the header row (0-based), or why the rows
    cannot be mapped: the header cannot be read, a header the mapping names is not there,
    or is there twice (which of the two columns holds the field is not for us to guess)."""
    if first is not None and first.problems:
        return first.problems[0]
    cells = first.cells if first is not None else ()
    places: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        if cell is not None and (name := str(cell).strip()):
            places.setdefault(name, []).append(i)
    missing = [c.header for c in mapping.columns if c.header not in places]
    if missing:
        message = f"columns named in {mapping.path} are not in the header row: {', '.join(missing)}"
        return Problem(path, 1, None, "error", message, None, "missing-column")
    twice = [(c.header, places[c.header]) for c in mapping.columns if len(places[c.header]) > 1]
    if twice:
        named = _letters if letters else str
        names = ", ".join(f"'{h}' ({', '.join(named(i + 1) for i in at)})" for h, at in twice)
        message = (
            "a header the mapping reads is in more than one column, so which to read is "
            f"unclear: {names}"
        )
        return Problem(path, 1, twice[0][1][1] + 1, "error", message, None, "duplicate-column")
    return [(c, places[c.header][0]) for c in mapping.columns]


def read_table(
    path: str,
    mapping: Mapping,
    max_line: int = DEFAULT_MAX_BYTES,
    max_total: int = DEFAULT_MAX_BATCH_BYTES,
) -> Iterator[Record | Problem]:
    limits = Limits(max_line, max_total)
    wanted: set[int] = set()  # the mapped columns, once the header is read
    rows: Generator[Row, None, None]
    if path.lower().endswith(".xlsx"):
        rows = _rows_xlsx(path, limits, wanted)
    else:
        rows = _rows_csv(path, limits)
    number = 1
    try:
        used = _header(path, next(rows, None), mapping, path.lower().endswith(".xlsx"))
        if isinstance(used, Problem):
            yield used  # no row can be mapped: one problem for the file
            return
        wanted.update(i + 1 for _c, i in used)
        fields = tuple((c.field, i + 1, c.header) for c, i in used)
        for row in rows:
            number = row.number
            if number < mapping.first_row:
                continue  # the form's descriptions and example row
            if row.problems:
                yield Record(path, number, columns=fields, problems=row.problems)
                continue
            if not any(cell not in (None, "") for cell in row.cells):
                continue  # blank rows at the end of an export
            data: dict[str, Any] = {}
            bad: list[Problem] = []
            for column, i in used:
                cell = row.cells[i] if i < len(row.cells) else None
                try:
                    value = mapping.convert(column, cell)
                except CellError as exc:
                    bad.append(
                        Problem(
                            path,
                            number,
                            i + 1,
                            "error",
                            f"column '{column.header}': {exc}",
                            column.field,
                            "cell-type",
                        )
                    )
                    continue
                if value is not None:
                    _set(data, column.path, value)
            if bad:
                yield Record(path, number, columns=fields, problems=tuple(bad), notes=row.notes)
                continue
            filled = mapping.filled(_lists(data))
            yield Record(path, number, data=filled, columns=fields, notes=row.notes)
    except SourceError as exc:
        yield exc.problem
    except OverLimit:
        message = f"over the limit of {max_total:,} bytes (--max-batch-size): the rest is not read"
        yield Problem(path, number + 1, None, "error", message, None, "too-large")
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        # openpyxl raises ValueError/KeyError for a file that is not a workbook
        yield Problem(
            path, None, None, "error", f"cannot read the table: {exc}", None, "unreadable"
        )
    except Exception as exc:  # zipfile.BadZipFile and kin from a corrupt .xlsx
        yield Problem(
            path, None, None, "error", f"cannot read the workbook: {exc}", None, "unreadable"
        )
    finally:
        rows.close()


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


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out
