"""What every part of the safe reader shares: the budget, the located error, the document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.i18n.problemtext import EN, say
from dealerscreen.models.problems import Message, Problem, plain

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
    path: str, exc: yaml.MarkedYAMLError, check: str, kind: str = "yaml-syntax"
) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = parser_words(exc.problem or str(exc))
    if exc.context:
        what = parser_words(exc.context, what)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(path, line, col, "error", say(kind, rest=what), None, check)


def parser_words(english: str, inner: Message | None = None) -> Message:
    """The parser's (PyYAML's, json's) words by their key: PyYAML names no error by a code,
    so its fixed sentences are looked up whole (`yaml.*` of problemtext.EN); one it may say
    that is not listed stays as it is, in English. `inner`: what a context ("while parsing
    a block mapping") frames."""
    if inner is not None:
        key = _PARSER_CONTEXTS.get(english)
        return (
            say(key, rest=inner) if key else say("yaml-frame", context=plain(english), rest=inner)
        )
    key = _PARSER_WORDS.get(english)
    if key is not None:
        return say(key)
    token = english.removeprefix("expected <block end>, but found ")
    if token != english:
        return say("yaml.block-end", token=token.strip("'"))
    return plain(english)


_PARSER_WORDS = {v: k for k, v in EN.items() if k.startswith(("yaml.", "json.")) and "{" not in v}
_PARSER_WORDS["did not find expected ',' or '}'"] = "yaml.no-mapping-end"
_PARSER_CONTEXTS = {
    v.removesuffix(": {rest}"): k
    for k, v in EN.items()
    if k.startswith("yaml.") and v.endswith(": {rest}")
}


def _reader_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    """A character YAML does not accept (a control character), or another unmarked error."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = say("yaml-char", code=f"{ord(char):#06x}", reason=plain(exc.reason))
        return Problem(path, line, col, "error", message, None, "yaml-syntax")
    return Problem(
        path, None, None, "error", say("yaml-error", rest=plain(f"{exc}")), None, "yaml-syntax"
    )


def _refuse(path: str, mark: Any, message: Message, check: str) -> SourceError:
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return SourceError(Problem(path, line, col, "error", message, None, check))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
