"""What every part of the safe reader shares: the budget, the located error, the document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.models.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass


# A hand-written applicant has a few hundred nodes and a depth under ten; a large profile a
# few thousand. These bounds are far above that and far below what hurts: libyaml's
# composer recurses in C (a 400,000-deep file crashes the interpreter), and aliases can
# make a 1 KB file stand for billions of nodes ("billion laughs").
MAX_DEPTH = 100
MAX_NODES = 200_000


class SourceError(Exception):
    """A file that cannot be read as a document; carries its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


@dataclass(frozen=True)
class Document:
    path: str
    data: Any
    node: yaml.Node | None  # None for JSON until a position is needed
    text: str = ""


def _mark_problem(
    path: str, exc: yaml.MarkedYAMLError, check: str, kind: str = "YAML syntax error"
) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or str(exc)
    if exc.context:
        what = f"{exc.context}: {what}"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(path, line, col, "error", f"{kind}: {what}", None, check)


def _reader_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    """A character YAML does not accept (a control character), or another unmarked error."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"character {ord(char):#06x} is not allowed in YAML ({exc.reason})"
        return Problem(path, line, col, "error", message, None, "yaml-syntax")
    return Problem(path, None, None, "error", f"YAML error: {exc}", None, "yaml-syntax")


def _refuse(path: str, mark: Any, message: str, check: str) -> SourceError:
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return SourceError(Problem(path, line, col, "error", message, None, check))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
