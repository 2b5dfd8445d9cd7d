"""JSON files: parsed by the standard library, with the same budget and located errors as YAML."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dealerscreen.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.yamlsource.base import MAX_DEPTH, Document, SourceError
from dealerscreen.yamlsource.safe import _check_duplicate_keys, compose


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def parse_json(text: str, path: str) -> Document:
    if not text.strip():
        raise SourceError(Problem(path, None, None, "error", "the file is empty", None, "empty"))
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise SourceError(
            Problem(
                path,
                exc.lineno,
                exc.colno,
                "error",
                f"JSON syntax error: {exc.msg}",
                None,
                "json-syntax",
            )
        ) from None
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError as exc:
        _locate_duplicate_json_key(text, path)
        raise SourceError(
            Problem(path, None, None, "error", str(exc), None, "duplicate-key")
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise _too_deep(path)
    return Document(path, data, None, text)


def _too_deep(path: str) -> SourceError:
    message = f"nested more than {MAX_DEPTH} levels deep; refused"
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
