"""Spreadsheet exports, CSV and XLSX: one applicant per row, columns named by a mapping.

The first row holds the headers. Each later row becomes one `Record` whose data is the
applicant's fields, built through the mapping (see `dealerscreen.intake.mapping`); a cell
that cannot be read as its type is a problem at its row and column, and the other rows
go on. openpyxl is imported only when an XLSX file is read.
"""

from __future__ import annotations

import csv
import functools
import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import OverLimit, Record, cell_place, column_letters, units
from dealerscreen.intake.csvtext import read_records
from dealerscreen.intake.formmapping import embedded_mapping as embedded_mapping
from dealerscreen.intake.formsheet import answer_rows, is_question_form
from dealerscreen.intake.mapping import (
    EMBEDDED_SHEET,
    CellError,
    Column,
    Mapping,
)
from dealerscreen.intake.sheetrow import Row
from dealerscreen.intake.xlsxcheck import Blanks, check_workbook
from dealerscreen.models.problems import Message, Problem, plain
from dealerscreen.yamlsource import SourceError
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
        marked = check_workbook(path, fh, limits.total)
        import openpyxl  # heavy: only when a workbook is read

        fh.seek(0)
        # keep_links=False: the cached sheets of external links are not read (nor counted)
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        try:
            sheet = book.worksheets[0]
            if EMBEDDED_SHEET in book.sheetnames and is_question_form(book[EMBEDDED_SHEET]):
                yield from answer_rows(sheet)  # one question per row (#24)
                return
            part = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
            blanks = Blanks({}, [])
            if part in marked:  # a sheet without formulas or merged cells is not parsed twice
                fh.seek(0)
                with zipfile.ZipFile(fh) as archive:
                    blanks = Blanks.scan(archive, part)
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
    at_rows: tuple[int, ...]
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
                line, at = row.places[i] if i < len(row.places) else (number, i + 1)
                where = functools.partial(cell_place, path, line, at, column.header)
                try:
                    value = mapping.convert(column, cell, i in row.percent)
                except CellError as exc:
                    problem = Problem(
                        path, line, at, "error", where(exc.message), column.field, "cell-type"
                    )
                    bad.append(problem)
                    continue
                if _fraction(column, cell, value, i in row.percent):
                    notes.append(_fraction_note(path, line, at, where, column, value))
                if value is not None:
                    _set(data, column.path, value)
            row = row._replace(notes=tuple(notes))
            # A row with unreadable cells is validated without them (`validate_record`)
            filled = mapping.filled(_lists(data))
            columns, at_rows = fields, ()
            if row.places:  # each answer in its own row: each field at its own cell
                columns = tuple((f, row.places[i - 1][1], h) for f, i, h in fields)
                at_rows = tuple(row.places[i - 1][0] for _f, i, _h in fields)
            yield Record(
                path,
                number,
                data=filled,
                columns=columns,
                rows=at_rows,
                problems=tuple(bad),
                notes=row.notes,
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
