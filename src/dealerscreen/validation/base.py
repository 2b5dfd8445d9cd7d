"""What a validation check is, and what it looks at.

A check is a function from the set of criteria files being validated (every profile,
compiled, and every reference-list file) to located problems. The checks that the loader
and compiler already enforce (an unknown field path, a duplicate id, ...) are registered
too, with `run=None`, so that the problems criteria authors meet are documented in one
registry. (Pydantic's own error types, such as `missing` or `int_parsing`, keep their
names and are explained by their messages.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.problems import Level, Loc, Message, Problem
from dealerscreen.reference.lists import ReferenceList
from dealerscreen.yamlsource import Document, dotted, locate


@dataclass(frozen=True)
class ListFile:
    """A reference-list file, with its parse for positions."""

    path: str
    document: Document
    ref: ReferenceList


@dataclass(frozen=True)
class Subject:
    profiles: tuple[CompiledProfile, ...]
    lists: tuple[ListFile, ...]


@dataclass(frozen=True)
class Check:
    id: str
    level: Level
    doc: str  # the module docstring: what the check finds, with a failing example
    run: Callable[[Subject], Iterator[Problem]] | None  # None: enforced when loading

    @property
    def summary(self) -> str:
        """The first paragraph of the doc, on one line."""
        return " ".join(self.doc.strip().split("\n\n")[0].split())


def in_profile(
    compiled: CompiledProfile, loc: Loc, level: Level, message: Message, check: str
) -> Problem:
    path, line, col = compiled.loaded.position(loc)
    return Problem(path, line, col, level, message, dotted(loc) or None, check)


def in_list(lst: ListFile, loc: Loc, level: Level, message: Message, check: str) -> Problem:
    line, col, _ = locate(lst.document.node, loc)
    return Problem(lst.path, line, col, level, message, dotted(loc) or None, check)
