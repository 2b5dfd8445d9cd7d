"""Problems as data, and the exit codes: the bottom layer, importing nothing of the project.

A problem is a small sortable record, never a printed string, so that every reporter
(text, json, github annotations) renders the same facts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

Level = Literal["error", "warning"]
# Where in a document a value sits: its keys and list indexes from the top (("gates", 2, "condition")).
Loc = tuple[str | int, ...]


class ExitCode(IntEnum):
    """One meaning per code, for every command; the README's table, enforced by
    tests/test_exit_codes.py."""

    OK = 0
    # Findings: the inputs were read and some did not pass (invalid applicant files, the rest
    # still screened; criteria problems for `validate`; failed cases, coverage or mutation
    # score below the minimum for `test`; a change `diff --fail-on` names).
    INVALID_INPUT = 1
    # Usage: the command line names something that is not there (an option, a path, a
    # profile id, a git revision) or nothing to check at a path given. Nothing was read.
    USAGE = 2
    # Fatal: the criteria (or column mapping, or the team's verifications) the run depends on
    # are invalid, an output could not be written, or an internal error.
    FATAL = 3
    INTERRUPTED = 130  # Ctrl-C
    # The reader of standard output went away (`dealerscreen screen ... | head`): ended
    # quietly with the code a shell reports for a program SIGPIPE ends (128 + 13).
    CLOSED = 141
    TERMINATED = 143  # SIGTERM (128 + 15), as a shell reports it


@functools.total_ordering
@dataclass(frozen=True, slots=True)  # slots: a batch may hold thousands
class Problem:
    """One located problem in one file.

    Sorted by file, then position: a problem of the whole file (no line) before those at a
    line, one without a column before those with one. (Compared field by field, a file's
    row warning and its file-level error compared None with a number.)
    """

    path: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    level: Level = "error"
    message: str = ""
    field: str | None = None  # dotted path inside the file, e.g. "site.building_area_sqm"
    check: str = "invalid"  # a stable id for the kind of problem

    def sort_key(self) -> tuple[str, int, int, int, int, str, str, str, str]:
        return (
            self.path,
            self.line is not None,
            self.line or 0,
            self.column is not None,
            self.column or 0,
            self.level,
            self.message,
            self.field or "",
            self.check,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """`file:line:col: [level] message (check)`, the parsable form yamllint made familiar."""
        where = f" {self.field}:" if self.field else ""
        return f"{self.location()}: [{self.level}]{where} {self.message} ({self.check})"


class FatalError(Exception):
    """An error that stops the whole run (exit 3): carries its problems as data."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems


class UsageError(FatalError):
    """What the command line names does not exist: an unknown profile id, a criteria file
    that is not there, a git revision this clone does not have (exit 2, not 3)."""

    def __init__(self, problems: list[Problem], param: str | None = None) -> None:
        super().__init__(problems)
        self.param = param  # the option it is about, when the raiser knows it
