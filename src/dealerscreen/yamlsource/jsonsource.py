"""JSON files: parsed by the standard library, with the same budget and located errors as YAML."""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.models.yamlforms import float_form, written
from dealerscreen.yamlsource.base import MAX_DEPTH, Document, SourceError, parser_words
from dealerscreen.yamlsource.safe import _check_duplicate_keys, compose


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def json_float(text: str) -> float:
    """A JSON number with a fraction or exponent; `1e-400`, too small for a float, keeps
    its text for a number field to refuse rather than be 0 (forms.py)."""
    value = float(text)
    if value == 0.0 and (form := float_form(text, value)) is not None:
        kept: float = written(value, text, form)
        return kept
    return value


def parse_json(text: str, path: str) -> Document:
    if not text.strip():
        raise SourceError(Problem(path, None, None, "error", say("empty"), None, "empty"))
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=json_float)
    except json.JSONDecodeError as exc:
        raise SourceError(
            Problem(
                path,
                exc.lineno,
                exc.colno,
                "error",
                say("json-syntax", rest=parser_words(exc.msg)),
                None,
                "json-syntax",
            )
        ) from None
    except RecursionError:
        raise _too_deep(path) from None
    except _DuplicateKey as exc:
        _locate_duplicate_json_key(text, path)
        raise SourceError(
            Problem(
                path, None, None, "error", say("duplicate-key", key=exc.key), None, "duplicate-key"
            )
        ) from None
    except ValueError:  # Python refuses to convert an integer of more than 4,300 digits
        raise _too_long_number(text, path) from None
    if _may_be_too_deep(text) and _depth(data) > MAX_DEPTH:
        raise _too_deep(path)
    return Document(path, data, None, text)


def _may_be_too_deep(text: str) -> bool:
    """Whether the text has more than MAX_DEPTH brackets that open: each level of nesting
    opens one, so with no more than that it cannot nest deeper (brackets inside strings
    only raise the count). An applicant's record opens a few dozen: the walk over its
    data (`_depth`), which cost more than parsing it, is left for the text that could
    need it."""
    return text.count("{") + text.count("[") > MAX_DEPTH


def _too_long_number(text: str, path: str) -> SourceError:
    """An integer too long to convert, at its position: no fact needs such a number."""
    limit = sys.get_int_max_str_digits()
    found = re.search(f"[0-9]{{{limit + 1},}}", text) if limit else None
    line = col = None
    if found:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    message = say("too-many-digits", n=f"{limit:,}")
    return SourceError(Problem(path, line, col, "error", message, None, "number-too-long"))


def _too_deep(path: str) -> SourceError:
    message = say("too-deep", n=MAX_DEPTH)
    return SourceError(Problem(path, None, None, "error", message, None, "too-deep"))


def _locate_duplicate_json_key(text: str, path: str) -> None:
    """Raise the duplicate-key problem at its position, read with the YAML composer."""
    try:
        node = compose(text, path)
    except SourceError:
        return  # not YAML-compatible JSON: the caller reports it without a position
    if node is not None:
        _check_duplicate_keys(path, node)


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion (JSON has no aliases to bound)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest
