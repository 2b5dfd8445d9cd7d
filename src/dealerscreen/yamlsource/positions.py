"""Where a value was written: a pydantic location mapped to the line and column of its node, and validation errors as located problems."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.models.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    from pydantic import BaseModel, ValidationError

from dealerscreen.yamlsource.base import Document, SourceError, _short
from dealerscreen.yamlsource.safe import compose


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
        named = [
            k
            for k, _v in current.value
            if isinstance(k, yaml.ScalarNode) and k.value == str(loc[-1])
        ]
        # A string key is the one pydantic names: `'1'`, not the integer `1` beside it.
        strings = [k for k in named if k.tag == "tag:yaml.org,2002:str"]
        for k in strings or named:
            return k.start_mark.line + 1, k.start_mark.column + 1
    return parent_line, parent_col


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    from pydantic import BaseModel

    """The model class that owns the last element of a location, for "did you mean"."""
    from dealerscreen.models.fields import _strip_optional

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


def dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _date_message(value: object) -> str:
    """Pydantic speaks of datetimes with zero time; a person wrote a date, or a number."""
    message = f"expected a date written as YYYY-MM-DD, e.g. 2024-01-11 (got {_short(value)})"
    if isinstance(value, int | float) and not isinstance(value, bool):
        message += "; a number here is often a spreadsheet's date serial: format the cell as a date"
    return message


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
    nodes: dict[str, yaml.Node | None] = {}  # composing a JSON file once, however many errors
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        # A discriminated union puts its tag ("compare") in the location; it is not a key.
        full = tuple(p for p in err["loc"] if p not in union_tags)
        doc, loc = route(full) if route else (home, full)
        if doc.path not in nodes:
            nodes[doc.path] = node_of(doc)
        node = nodes[doc.path]
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
        elif kind.startswith(("date_", "datetime_")):
            message = _date_message(err.get("input"))
        elif kind == "value_error":  # a validator's own sentence: it names what is wrong
            message = str(err["msg"]).removeprefix("Value error, ")
            if not isinstance(err.get("input"), dict | list):
                message += f" (got {_short(err.get('input'))})"
        else:
            message = f"{err['msg']} (got {_short(err.get('input'))})"
        problems.append(Problem(doc.path, line, col, "error", message, field, kind))
    return sorted(set(problems))
