"""Problems as data, and the exit codes: the bottom layer, importing nothing of the project.

A problem is a small sortable record, never a printed string, so that every reporter
(text, json, github annotations) renders the same facts. Its message is a `Message`: the
key of its kind, its English template and its values, put into the reader's language only
where it is printed (i18n/problemtext.py reads the catalogs by the key).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Literal, TypeAlias

Level = Literal["error", "warning"]
# Where in a document a value sits: its keys and list indexes from the top (("gates", 2, "condition")).
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Listed:
    """A list inside a message, joined in the reader's language: "'a', 'b' or 'c'" (`how`
    "or"), "'a' and 'b'" ("and"). `quoted` puts each item in the language's quotes;
    `as_values` shows each (an enumeration value) in its words (i18n/valuetext.py)."""

    items: tuple[str, ...]
    how: Literal["or", "and"] = "or"
    quoted: bool = True
    as_values: bool = False

    def english(self) -> str:
        shown = [f"'{item}'" if self.quoted else item for item in self.items]
        if self.how == "and" or len(shown) < 2:
            return " and ".join(shown)
        return ", ".join(shown[:-1]) + " or " + shown[-1]


Value: TypeAlias = "str | int | float | Decimal | Message | Listed"


@dataclass(frozen=True, slots=True)
class Message:
    """What a problem says, as data: `key` is its catalog's msgctxt ("problem:unknown-field",
    "check:band-gap", "pydantic:greater_than"), the stable id of its kind; `template` its
    English ("unknown field '{name}'"), the catalog's msgid; `values` what fills it (names,
    numbers, paths as written; a value may be a message itself, or a list)."""

    key: str
    template: str
    values: tuple[tuple[str, Value], ...] = ()

    def english(self) -> str:
        return self.template.format(**{name: _english(v) for name, v in self.values})

    def __str__(self) -> str:
        return self.english()


def _english(value: Value) -> object:
    return value.english() if isinstance(value, Message | Listed) else value


def to_data(message: Message) -> list[object]:
    """A message as JSON data (the parse cache keeps problems so): [key, template, values]."""
    return [message.key, message.template, [[n, _value_data(v)] for n, v in message.values]]


def _value_data(value: Value) -> object:
    if isinstance(value, Message):
        return {"m": to_data(value)}
    if isinstance(value, Listed):
        return {"l": [list(value.items), value.how, value.quoted, value.as_values]}
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def from_data(data: object) -> Message:
    """`to_data` read back; ValueError for anything it did not write (an older entry)."""
    if not (isinstance(data, list) and len(data) == 3 and isinstance(data[2], list)):
        raise ValueError("not a message")
    key, template, values = data
    return Message(str(key), str(template), tuple((str(n), _value_of(v)) for n, v in values))


def _value_of(data: object) -> Value:
    if isinstance(data, dict):
        if "m" in data:
            return from_data(data["m"])
        if "l" in data:
            items, how, quoted, as_values = data["l"]
            return Listed(
                tuple(items), "and" if how == "and" else "or", bool(quoted), bool(as_values)
            )
        return Decimal(str(data["d"]))
    if isinstance(data, str | int | float):
        return data
    raise ValueError("not a value")


def plain(text: str) -> Message:
    """A text that is data, not words of ours (a file name, an OS's own words): the same
    in every language."""
    return Message("", "{text}", (("text", text),))


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
    message: Message = Message("", "")
    field: str | None = None  # dotted path inside the file, e.g. "site.building_area_sqm"
    check: str = "invalid"  # a stable id for the kind of problem

    @property
    def text(self) -> str:
        """The message in English: json, SARIF and the parse cache keep it so."""
        return self.message.english()

    def sort_key(self) -> tuple[str, int, int, int, int, str, str, str, str]:
        return (
            self.path,
            self.line is not None,
            self.line or 0,
            self.column is not None,
            self.column or 0,
            self.level,
            self.message.english(),
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
        return f"{self.location()}: [{self.level}]{where} {self.message.english()} ({self.check})"


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
