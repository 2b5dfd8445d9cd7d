"""Spreadsheet exports, CSV and XLSX: one applicant per row, columns named by a mapping.

The first row holds the headers. Each later row becomes one `Record` whose data is the
applicant's fields, built through the mapping (see `dealerscreen.intake.mapping`); a cell
that cannot be read as its type is a problem at its row and column, and the other rows
go on. openpyxl is imported only when an XLSX file is read.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import heapq
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any, NamedTuple
from xml.etree import ElementTree

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import OverLimit, Record, cell_place, column_letters, units, xlsxparts
from dealerscreen.intake.csvtext import read_records
from dealerscreen.intake.mapping import (
    EMBEDDED_SHEET,
    CellError,
    Column,
    Mapping,
    parse_mapping,
)
from dealerscreen.models.problems import FatalError, Message, Problem, plain
from dealerscreen.yamlsource import SourceError, locate, parse_yaml
from dealerscreen.yamlsource.sourcefile import (
    DEFAULT_MAX_BATCH_BYTES,
    DEFAULT_MAX_BYTES,
    open_regular,
)


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
    percent: frozenset[int] = frozenset()  # 0-based: numbers in cells formatted as %


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
        # keep_links=False: the cached sheets of external links are not read (nor counted)
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        try:
            sheet = book.worksheets[0]
            part = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
            blanks = _Blanks({}, [])
            if part in marked:  # a sheet without formulas or merged cells is not parsed twice
                fh.seek(0)
                with zipfile.ZipFile(fh) as archive:
                    blanks = _Blanks.scan(archive, part)
            sheet.reset_dimensions()  # the <dimension> tag may be stale: read every row
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = tuple(getattr(cell, "value", None) for cell in row)
                notes = tuple(
                    Problem(
                        path,
                        number,
                        column,
                        "warning",
                        say(
                            "sheet-cell",
                            sheet=sheet.title,
                            cell=f"{column_letters(column)}{number}",
                            rest=why,
                        ),
                        None,
                        "empty-cell",
                    )
                    for column, why in blanks.at(number, wanted)
                    if column > len(cells) or cells[column - 1] in (None, "")
                )
                yield Row(number, cells, (), notes, _percent_cells(row, wanted))
        finally:
            book.close()


def _percent_cells(row: Sequence[Any], wanted: set[int]) -> frozenset[int]:
    """The wanted cells (0-based) that hold a number in a percent format: Excel keeps 58 %
    as 0.58, and only the format says so. The format is looked up for numbers only."""
    return frozenset(
        i
        for i, cell in enumerate(row)
        if i + 1 in wanted
        and isinstance(cell.value, (int, float))
        and not isinstance(cell.value, bool)
        and units.is_percent_format(cell.number_format)
    )


# A formula or a merged range in a part's XML (any namespace prefix)
_MARKED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s/>]")


def _check_workbook(path: str, fh: IO[bytes], limit: int) -> set[str]:
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


def embedded_mapping(
    path: str, templates: Sequence[Mapping], max_total: int = DEFAULT_MAX_BATCH_BYTES
) -> Mapping | Problem | None:
    """The mapping an application form carries in its hidden sheet, when it is one of
    `templates` (what `template` writes for the profile, in each language); None when the
    workbook has none (or cannot be read: `read_table` then says why), a problem when it
    is invalid, differs from the template's, or the workbook is refused on the way to it.

    The cell is read without openpyxl (`xlsxparts.mapping_cell`): a workbook without a
    mapping is known before its shared strings are read."""
    try:
        with open_regular(path, max_total) as fh, zipfile.ZipFile(fh) as archive:
            if sum(m.file_size for m in archive.infolist()) > max_total:
                return None
            text = xlsxparts.mapping_cell(path, archive, EMBEDDED_SHEET)
    except SourceError as exc:
        return exc.problem
    except Exception:
        return None
    if text is None:
        return None
    where = f"{path}[{EMBEDDED_SHEET}]"
    try:
        own = parse_mapping(text, where)
    except FatalError as exc:
        if not templates:
            return exc.problems[0]
        # The template never writes a mapping that does not load: one that does not was
        # changed (a constant a column fills inside, say), and that is what is said, at the
        # place where it stops loading.
        first = exc.problems[0]
        return Problem(
            where, first.line, first.column, "error", _CHANGED, first.field, "mapping-changed"
        )
    return _trusted(own, text, where, templates)


_CHANGED = say("mapping-changed")


def _trusted(
    own: Mapping, text: str, where: str, templates: Sequence[Mapping]
) -> Mapping | Problem:
    """The form's mapping when it equals a template's (its title aside: a form made for
    another profile reads the same), else the first difference, located in the cell's YAML.

    The mapping decides what every cell means and what every row is given (`constants`):
    an applicant who unhides the sheet could make a cell verify its own evidence."""
    differences = [_difference(own, t) for t in templates]
    if any(d is None for d in differences):
        return own
    key: tuple[str, ...] = ()  # no template to compare with: nothing is trusted
    if templates:  # against the form's language: the template whose headers it shares most
        mine = {c.header for c in own.columns}
        best = max(
            range(len(templates)),
            key=lambda i: (len(mine & {c.header for c in templates[i].columns}), -i),
        )
        key = differences[best] or ()
    try:
        line, column, _ = locate(parse_yaml(text, where).node, key)
    except SourceError:
        line = column = None
    field = ".".join(str(k) for k in key)
    return Problem(where, line, column, "error", _CHANGED, field, "mapping-changed")


def _difference(own: Mapping, template: Mapping) -> tuple[str, ...] | None:
    """Where a mapping differs from a template's, as a key path of its YAML; None if not."""
    for key in ("first_row", "decimal"):
        if getattr(own, key) != getattr(template, key):
            return (key,)
    for key in sorted(set(own.constants) | set(template.constants), key=str):
        if not _same(own.constants.get(key, _ABSENT), template.constants.get(key, _ABSENT)):
            return ("constants", str(key))
    mine = {c.header: (c.field, c.type) for c in own.columns}
    theirs = {c.header: (c.field, c.type) for c in template.columns}
    for header in [*mine, *theirs]:
        if mine.get(header) != theirs.get(header):
            return ("columns", header)
    return None


_ABSENT = object()


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types throughout (True is not 1 here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


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
        message = say("missing-columns", path=mapping.path, names=", ".join(missing))
        return Problem(path, 1, None, "error", message, None, "missing-column")
    twice = [(c.header, places[c.header]) for c in mapping.columns if len(places[c.header]) > 1]
    if twice:
        named = column_letters if letters else str
        names = ", ".join(f"'{h}' ({', '.join(named(i + 1) for i in at)})" for h, at in twice)
        message = say("duplicate-columns", names=names)
        return Problem(path, 1, twice[0][1][1] + 1, "error", message, None, "duplicate-column")
    return [(c, places[c.header][0]) for c in mapping.columns]


def read_table(
    path: str,
    mapping: Mapping,
    max_line: int = DEFAULT_MAX_BYTES,
    max_total: int = DEFAULT_MAX_BATCH_BYTES,
    form_rows: Sequence[dict[str, Any]] = (),
) -> Iterator[Record | Problem]:
    """Every row as a record, but blank rows and the rows of `form_rows` (what `template`
    writes between the header and the applicants: header -> value), wherever they are. A
    row above the mapping's `first_row` that is neither is read all the same, with a
    warning: a dealer who typed over the example row, or deleted the descriptions row, is
    an applicant, never a row passed over unseen."""
    limits = Limits(max_line, max_total)
    wanted: set[int] = set()  # the mapped columns, once the header is read
    rows: Generator[Row, None, None]
    if path.lower().endswith(".xlsx"):
        rows = _rows_xlsx(path, limits, wanted)
    else:
        rows = _rows_csv(path, limits)
    number = 1
    try:
        first = next(rows, None)
        used = _header(path, first, mapping, path.lower().endswith(".xlsx"))
        if isinstance(used, Problem):
            yield used  # no row can be mapped: one problem for the file
            return
        wanted.update(i + 1 for _c, i in used)
        fields = tuple((c.field, i + 1, c.header) for c, i in used)
        cells = first.cells if first is not None else ()
        header = [str(h).strip() if h is not None else "" for h in cells]
        own_rows = _FormRows(header, form_rows)
        for row in rows:
            number = row.number
            if row.problems:
                yield Record(path, number, columns=fields, problems=row.problems)
                continue
            if not any(cell not in (None, "") for cell in row.cells):
                continue  # blank rows at the end of an export
            if own_rows.holds(row.cells):
                continue  # the form's descriptions or example row, as `template` wrote it
            if number < mapping.first_row:
                row = row._replace(notes=(*row.notes, _above(path, number, mapping.first_row)))
            data: dict[str, Any] = {}
            bad: list[Problem] = []
            notes = list(row.notes)
            for column, i in used:
                cell = row.cells[i] if i < len(row.cells) else None
                where = functools.partial(cell_place, path, number, i + 1, column.header)
                try:
                    value = mapping.convert(column, cell, i in row.percent)
                except CellError as exc:
                    problem = Problem(
                        path, number, i + 1, "error", where(exc.message), column.field, "cell-type"
                    )
                    bad.append(problem)
                    continue
                if _fraction(column, cell, value, i in row.percent):
                    notes.append(_fraction_note(path, number, i + 1, where, column, value))
                if value is not None:
                    _set(data, column.path, value)
            row = row._replace(notes=tuple(notes))
            # A row with unreadable cells is validated without them (`validate_record`)
            filled = mapping.filled(_lists(data))
            yield Record(
                path, number, data=filled, columns=fields, problems=tuple(bad), notes=row.notes
            )
    except SourceError as exc:
        yield exc.problem
    except OverLimit:
        message = say("batch-too-large", limit=f"{max_total:,}")
        yield Problem(path, number + 1, None, "error", message, None, "too-large")
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        # openpyxl raises ValueError/KeyError for a file that is not a workbook
        yield Problem(
            path,
            None,
            None,
            "error",
            say("table-unreadable", detail=plain(f"{exc}")),
            None,
            "unreadable",
        )
    except Exception as exc:  # zipfile.BadZipFile and kin from a corrupt .xlsx
        yield Problem(
            path,
            None,
            None,
            "error",
            say("workbook-unreadable", detail=plain(f"{exc}")),
            None,
            "unreadable",
        )
    finally:
        rows.close()


def _fraction(column: Column, cell: Any, value: Any, percent: bool) -> bool:
    """A percentage that is not believable below 1 % (units.FRACTION_UNLIKELY) given a
    plain number between 0 and 1: most likely a fraction (0.58 for 58 %); said, not
    changed."""
    return (
        column.field in units.FRACTION_UNLIKELY
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 < value < 1
        and not percent
        and not (isinstance(cell, str) and units.has_percent(cell))
    )


def _fraction_note(
    path: str,
    number: int,
    column: int,
    where: Callable[[Message], Message],
    spec: Column,
    value: float,
) -> Problem:
    shown = f"{Decimal(repr(value)).normalize():f}"
    hundred = f"{(Decimal(repr(value)) * 100).normalize():f}"
    message = where(say("cell.fraction", value=shown, percent=hundred))
    return Problem(path, number, column, "warning", message, spec.field, "fraction-percent")


def _above(path: str, number: int, first: int) -> Problem:
    message = say("above-first-row", row=number, first=first)
    return Problem(path, number, None, "warning", message, None, "above-first-row")


def cell_text(value: Any) -> str:
    """A cell as text, the same whether a workbook or a CSV file holds it: 3200 and 3200.0
    and "3200" alike, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time():
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _FormRows:
    """The rows `template` writes, each as the text under each header, for a file whose
    header row has every column the form has (it may add columns, empty in these rows).
    A file that lacks one is not that form: none of its rows is taken for the form's own
    (a row of an export that happens to match a few of the example's cells is an applicant)."""

    def __init__(self, header: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        self.header = header
        present = set(header)
        self.rows = [
            {h: text for h, v in row.items() if (text := cell_text(v))}
            for row in rows
            if present >= row.keys()
        ]

    def holds(self, cells: Sequence[Any]) -> bool:
        if not self.rows:
            return False
        found: dict[str, str] = {}
        for i, cell in enumerate(cells):
            text = cell_text(cell)
            if not text:
                continue
            head = self.header[i] if i < len(self.header) else ""
            if not head or found.setdefault(head, text) != text:
                return False  # a cell under no header, or a header twice with two values
        return found in self.rows


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
