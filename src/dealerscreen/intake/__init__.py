"""Applicants that arrive inside batch files: JSON Lines, CSV and XLSX exports.

A file of one applicant (YAML, JSON) is read by `dealerscreen.loading`. The formats here
hold many applicants in one file; each becomes a `Record` (one line, one row) that is
validated on its own, so a bad line or row is reported where it is and the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from dealerscreen.models.applicant import Applicant
from dealerscreen.problems import Problem
from dealerscreen.yamlsource import SourceError, parse_json, validation_problems

BATCH_SUFFIXES = (".jsonl", ".csv", ".xlsx")


@dataclass(frozen=True)
class Record:
    """One applicant inside a batch file: JSON text to parse, or a mapped row's data."""

    path: str  # the batch file ("-" for stdin)
    line: int  # 1-based line (JSON Lines) or row (spreadsheets)
    text: str | None = None  # a JSON Lines line, parsed in the worker
    data: dict[str, Any] | None = None  # a row already mapped to applicant fields
    columns: tuple[tuple[str, int, str], ...] = ()  # (field path, column number, header)
    problems: tuple[Problem, ...] = ()  # cells that could not be read: the row is invalid

    @property
    def label(self) -> str:
        """Where the applicant came from, as reports show it."""
        return f"{self.path}:{self.line}"


def _moved(p: Problem, record: Record) -> Problem:
    """A problem found in one line's text, placed at that line of the batch file."""
    line = record.line if p.line in (None, 1) else record.line + p.line - 1
    return Problem(record.path, line, p.column, p.level, p.message, p.field, p.check)


def column_of(record: Record, field: str | None) -> tuple[int | None, str]:
    if not field:
        return None, ""
    best: tuple[int, int, str] | None = None
    for path, number, header in record.columns:
        if field == path or field.startswith(path + ".") or path.startswith(field + "."):
            score = len(path) if field.startswith(path) else 0
            if best is None or score > best[0]:
                best = (score, number, header)
    return (best[1], best[2]) if best else (None, "")


def validate_record(record: Record) -> tuple[Applicant | None, tuple[Problem, ...]]:
    """The applicant, or located problems: line and column for JSON, row and column for rows."""
    if record.problems:
        return None, record.problems
    if record.data is not None:
        try:
            return Applicant.model_validate(record.data), ()
        except ValidationError as exc:
            problems = []
            for err in exc.errors(include_url=False):
                field = ".".join(str(x) for x in err["loc"]) or None
                number, header = column_of(record, field)
                where = f"column '{header}': " if header else ""
                what = (
                    f"required field '{err['loc'][-1]}' is missing (no column maps to it)"
                    if err["type"] == "missing"
                    else f"{err['msg']} (got {err.get('input')!r})"
                )
                problems.append(
                    Problem(
                        record.path, record.line, number, "error", where + what, field, err["type"]
                    )
                )
            return None, tuple(sorted(set(problems)))
    text = record.text or ""
    try:
        doc = parse_json(text, record.path)
    except SourceError as exc:
        return None, (_moved(exc.problem, record),)
    if not isinstance(doc.data, dict):
        what = type(doc.data).__name__ if doc.data is not None else "nothing"
        message = f"expected a JSON object of applicant fields, found {what}"
        return None, (
            Problem(record.path, record.line, 1, "error", message, None, "not-a-mapping"),
        )
    try:
        return Applicant.model_validate(doc.data), ()
    except ValidationError as exc:
        found = validation_problems(doc, exc, Applicant)
        return None, tuple(_moved(p, record) for p in found)
