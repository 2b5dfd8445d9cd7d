"""Applicants that arrive inside batch files: JSON Lines, CSV and XLSX exports.

A file of one applicant (YAML, JSON) is read by `dealerscreen.intake.loading`. The formats here
hold many applicants in one file; each becomes a `Record` (one line, one row) that is
validated on its own, so a bad line or row is reported where it is and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from pydantic import ValidationError

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Message, Problem
from dealerscreen.yamlsource import SourceError, parse_json, validation_problems
from dealerscreen.yamlsource.positions import error_message
from dealerscreen.yamlsource.sourcefile import not_utf8

BATCH_SUFFIXES = (".jsonl", ".csv", ".xlsx")


@dataclass(frozen=True)
class Record:
    """One applicant inside a batch file: JSON text to parse, or a mapped row's data."""

    path: str  # the batch file ("-" for stdin)
    line: int  # 1-based line (JSON Lines) or row (spreadsheets)
    text: str | None = None  # a JSON Lines line, parsed in the worker
    data: dict[str, Any] | None = None  # a row already mapped to applicant fields
    columns: tuple[tuple[str, int, str], ...] = ()  # (field path, column number, header)
    # the row of each of `columns` when they are not all in `line`: a form that asks one
    # question per row (intake.formsheet)
    rows: tuple[int, ...] = ()
    problems: tuple[Problem, ...] = ()  # cells that could not be read: the row is invalid
    notes: tuple[Problem, ...] = ()  # warnings found while reading (a cell read as empty)
    # where the caller knows the applicant came from, when not this file (a programme's
    # screening reads its submissions through a file of its own: each line's submission)
    source: str | None = None
    # The line is a programme's stored submission: the canonical JSON of an applicant that
    # was validated when it was recorded (programme/submissions.content_of), so pydantic
    # reads it in one step (`validate_record`).
    canonical: bool = False

    @property
    def label(self) -> str:
        """Where the applicant came from, as reports show it."""
        return self.source or f"{self.path}:{self.line}"


class Line:
    """One physical line of a batch file, as bytes; `too_long` when it was cut at the limit."""

    __slots__ = ("number", "raw", "too_long")

    def __init__(self, number: int, raw: bytes, too_long: bool = False) -> None:
        self.number = number
        self.raw = raw
        self.too_long = too_long


class OverLimit(Exception):
    """The batch file grew past its limit while it was read."""


def byte_lines(
    stream: IO[bytes],
    max_line: int,
    max_total: int,
    skim: Callable[[bytes], object] | None = None,
) -> Iterator[Line]:
    """Lines by their bytes, so that one undecodable byte costs its own line only (a text
    stream's decoder fails a whole block of lines). A line longer than `max_line` is
    skipped to its end, piece by piece (each given to `skim`, for a reader that must know
    what it held), and given as too long; past `max_total` bytes, OverLimit."""
    total = 0
    number = 0
    while True:
        raw = stream.readline(max_line + 1)
        if not raw:
            return
        number += 1
        total += len(raw)
        too_long = len(raw) > max_line and not raw.endswith(b"\n")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark, as spreadsheet programs write it
        while too_long and not raw.endswith(b"\n"):
            if skim is not None:
                skim(raw)
            raw = stream.readline(1 << 16)
            total += len(raw)
            if not raw or total > max_total:
                break
        if too_long and skim is not None:
            skim(raw)  # its last piece, with the line break
        if total > max_total:
            raise OverLimit
        yield Line(number, b"" if too_long else raw, too_long)


def line_problem(path: str, line: Line, max_line: int) -> Problem | None:
    """Why a line cannot be read as text, located; None when it can."""
    if line.too_long:
        message = say("line-too-large", limit=f"{max_line:,}")
        return Problem(path, line.number, None, "error", message, None, "too-large")
    try:
        line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            path, line.number, exc.start + 1, "error", not_utf8(line.raw), None, "encoding"
        )
    return None


def _moved(p: Problem, record: Record) -> Problem:
    """A problem found in one line's text, placed at that line of the batch file."""
    line = record.line if p.line in (None, 1) else record.line + p.line - 1
    return Problem(record.path, line, p.column, p.level, p.message, p.field, p.check)


def place_of(record: Record, field: str | None) -> tuple[int, int | None, str]:
    """(row, column, heading) of the cell a field was read from; the record's line and no
    column when no column maps to it."""
    if not field:
        return record.line, None, ""
    best: tuple[int, int, int, str] | None = None
    for i, (path, number, header) in enumerate(record.columns):
        if field == path or field.startswith(path + ".") or path.startswith(field + "."):
            score = len(path) if field.startswith(path) else 0
            if best is None or score > best[0]:
                best = (score, i, number, header)
    if best is None:
        return record.line, None, ""
    _, i, number, header = best
    return (record.rows[i] if record.rows else record.line), number, header


def column_letters(column: int) -> str:
    """A column's name as a spreadsheet shows it: 1 is A, 27 is AA."""
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_place(path: str, row: int, column: int | None, header: str, rest: Message) -> Message:
    """`rest` said of a cell where a person finds it: in a workbook by its name (U4), in a
    CSV file by the problem's line and column; both with the column's heading."""
    if column is not None and path.lower().endswith(".xlsx"):
        return say("cell-column", cell=f"{column_letters(column)}{row}", header=header, rest=rest)
    return say("column", header=header, rest=rest)


def _within(field: str | None, told: set[str]) -> bool:
    return field is not None and any(field == t or field.startswith(t + ".") for t in told)


def _row_problems(record: Record, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(x) for x in err["loc"]) or None
        line, number, header = place_of(record, field)
        name = str(err["loc"][-1])
        what = (
            say("cell-empty" if header else "no-column", name=name)
            if err["type"] == "missing"
            else say("got", rest=error_message(err), input=repr(err.get("input")))
        )
        if header:
            what = cell_place(record.path, line, number, header, what)
        problems.append(Problem(record.path, line, number, "error", what, field, err["type"]))
    return problems


def validate_record(record: Record) -> tuple[Applicant | None, tuple[Problem, ...]]:
    """The applicant, or located problems: line and column for JSON, row and column for rows.

    A row with cells that could not be read is validated all the same, without them, so
    that every problem of the row is said at once (its cells' problems are not followed by
    its values' on the next try); a field whose cell could not be read is not also missing."""
    if record.problems and record.data is None:
        return None, record.problems
    if record.data is not None:
        try:
            applicant = Applicant.model_validate(record.data)
        except ValidationError as exc:
            told = {p.field for p in record.problems if p.field}
            found = [p for p in _row_problems(record, exc) if not _within(p.field, told)]
            return None, tuple(sorted({*record.problems, *found}))
        return (None, record.problems) if record.problems else (applicant, ())
    text = record.text or ""
    if record.canonical:
        # pydantic's own JSON reader validates the text in one step, about a third of the
        # standard parser's time with the duplicate-key hook and the dict validated after
        # (a programme's screening reads every applicant so). The stored text has sorted,
        # unique keys and no number the model refused (tests/test_canonical_lines.py holds
        # the two readings to the same model); one refused is read again below, for its
        # problems told where they are. (A hand edit of the record that repeats a key and
        # still validates is read with the last: `programme check` finds any hand edit.)
        try:
            return Applicant.model_validate_json(text), ()
        except ValidationError:
            pass
    try:
        doc = parse_json(text, record.path)
    except SourceError as exc:
        return None, (_moved(exc.problem, record),)
    if not isinstance(doc.data, dict):
        what = type(doc.data).__name__ if doc.data is not None else "nothing"
        message = say("not-an-object", what=what)
        return None, (
            Problem(record.path, record.line, 1, "error", message, None, "not-a-mapping"),
        )
    try:
        return Applicant.model_validate(doc.data), ()
    except ValidationError as exc:
        found = validation_problems(doc, exc, Applicant)
        return None, tuple(_moved(p, record) for p in found)
