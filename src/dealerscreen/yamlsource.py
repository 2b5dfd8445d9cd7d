"""Parse YAML or JSON text safely, keep node positions, and map pydantic errors to them.

Only safe loading is used (`!!python/...` tags are errors). The parse keeps the node tree
so that a pydantic location such as ('site', 'building_area_sqm') can be reported at
the line and column where the user wrote it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from dealerscreen.problems import Problem

try:  # libyaml's C parser is several times faster; fall back to pure Python if absent.
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


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


def _mark_problem(path: str, exc: yaml.MarkedYAMLError, check: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or str(exc)
    if exc.context:
        what = f"{exc.context}: {what}"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(path, line, col, "error", f"YAML syntax error: {what}", None, check)


def _check_duplicate_keys(path: str, node: yaml.Node) -> None:
    """PyYAML keeps the last of two equal keys silently; a hand-typed file means a mistake."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.value != "<<":
                        first = seen[key.value].start_mark.line + 1
                        raise SourceError(
                            Problem(
                                path,
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                                "error",
                                f"duplicate key '{key.value}' (first at line {first})",
                                None,
                                "duplicate-key",
                            )
                        )
                    seen[key.value] = key
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def compose(text: str, path: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            raise SourceError(
                Problem(
                    path,
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                    "error",
                    "several YAML documents in one file; put one applicant per file",
                    None,
                    "multiple-documents",
                )
            ) from None
        raise SourceError(_mark_problem(path, exc, "yaml-syntax")) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-syntax")) from None
    finally:
        loader.dispose()
    return node


def parse_yaml(text: str, path: str) -> Document:
    node = compose(text, path)
    if node is None:
        raise SourceError(Problem(path, None, None, "error", "the file is empty", None, "empty"))
    _check_duplicate_keys(path, node)
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-tag")) from None
    finally:
        loader.dispose()
    return Document(path, data, node)


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
    except ValueError as exc:
        raise SourceError(
            Problem(path, None, None, "error", str(exc), None, "duplicate-key")
        ) from None
    return Document(path, data, None, text)


def parse(text: str, path: str) -> Document:
    if path.lower().endswith(".json"):
        return parse_json(text, path)
    return parse_yaml(text, path)


def node_of(doc: Document) -> yaml.Node | None:
    """The node tree, composing JSON lazily: most JSON files never need a position."""
    if doc.node is not None:
        return doc.node
    try:
        # JSON is (nearly) YAML, so the YAML composer gives JSON positions too.
        return compose(doc.text, doc.path)
    except SourceError:
        return None


def locate(node: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int | None, int | None, bool]:
    """Line and column (1-based) of a location; the bool says whether it was reached fully.

    When the location names a key that is absent (a missing field), the nearest existing
    parent is returned.
    """
    if node is None:
        return None, None, False
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    current = v
                    break
            else:
                return current.start_mark.line + 1, current.start_mark.column + 1, False
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(current.value):
                return current.start_mark.line + 1, current.start_mark.column + 1, False
            current = current.value[part]
        else:
            break
    mark = current.start_mark
    return mark.line + 1, mark.column + 1, True


def _key_position(
    node: yaml.Node | None, loc: Sequence[str | int]
) -> tuple[int | None, int | None]:
    """Position of the key itself (for unknown keys, whose value is beside the point)."""
    if node is None or not loc:
        return None, None
    parent_line, parent_col, _ = locate(node, loc[:-1])
    current = node
    for part in loc[:-1]:
        if isinstance(current, yaml.MappingNode):
            current = next((v for k, v in current.value if k.value == str(part)), current)
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and part < len(current.value)
        ):
            current = current.value[part]
    if isinstance(current, yaml.MappingNode):
        for k, _v in current.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(loc[-1]):
                return k.start_mark.line + 1, k.start_mark.column + 1
    return parent_line, parent_col


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that owns the last element of a location, for "did you mean"."""
    from dealerscreen.fields import _strip_optional

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        if part not in current.model_fields:
            return current
        inner = _strip_optional(current.model_fields[part].annotation)
        args = getattr(inner, "__args__", None)
        if args and getattr(inner, "__origin__", None) is list:
            inner = _strip_optional(args[0])
        current = inner
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(
    doc: Document,
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    union_tags: Collection[str] = (),
    route: Callable[[tuple[str | int, ...]], tuple[Document, tuple[str | int, ...]]] | None = None,
) -> list[Problem]:
    """One located problem per pydantic error, with "did you mean" for unknown keys.

    `route` maps a location of merged data (a profile that extends another) to the file
    and location where that part was written.
    """
    home = doc
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        # A discriminated union puts its tag ("compare") in the location; it is not a key.
        full = tuple(p for p in err["loc"] if p not in union_tags)
        doc, loc = route(full) if route else (home, full)
        node = node_of(doc)
        kind = err["type"]
        field = dotted(loc) or None
        if kind == "extra_forbidden":
            line, col = _key_position(node, loc)
            message = f"unknown field '{loc[-1]}'"
            owner = _model_at(model, loc[:-1]) if model else None
            if owner is not None:
                hint = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1)
                if hint:
                    message += f"; did you mean '{hint[0]}'?"
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-field"))
            continue
        line, col, _ = locate(node, loc)
        if kind == "union_tag_invalid":
            ctx = err.get("ctx", {})
            tag = str(ctx.get("tag", ""))
            known = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
            hint = difflib.get_close_matches(tag, known, n=1)
            message = f"unknown kind '{tag}'" + (f"; did you mean '{hint[0]}'?" if hint else "")
            message += f" (known: {', '.join(known)})"
            line, col, _ = locate(node, (*loc, "kind"))
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-kind"))
            continue
        if kind == "missing":
            message = f"required field '{loc[-1]}' is missing"
        else:
            message = f"{err['msg']} (got {_short(err.get('input'))})"
        problems.append(Problem(doc.path, line, col, "error", message, field, kind))
    return sorted(set(problems))
