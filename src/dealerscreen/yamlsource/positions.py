"""Where a value was written: a pydantic location mapped to the line and column of its node, and validation errors as located problems."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.i18n.problemtext import PYDANTIC, VALIDATORS, pydantic, say, validator
from dealerscreen.models.problems import Listed, Message, Problem, Value, plain

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

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


def _date_message(value: object) -> Message:
    """Pydantic speaks of datetimes with zero time; a person wrote a date, or a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return say("date.serial", input=_short(value))
    return say("date", input=_short(value))


def error_message(err: ErrorDetails) -> Message:
    """pydantic's message of an error, from its type and `ctx` (the types are stable keys,
    pydantic's English their templates); the English pydantic wrote when the type is not
    one listed, or its values do not make the same sentence."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":  # a ValueError of a validator: its words as it wrote them
        return plain(str(err["msg"]).removeprefix("Value error, "))
    if kind in PYDANTIC or kind in VALIDATORS:
        values: dict[str, Value] = {k: _ctx_value(k, v) for k, v in ctx.items()}
        if "expected_plural" in PYDANTIC.get(kind, ""):
            count = ctx.get("min_length", ctx.get("max_length", 0))
            values["expected_plural"] = "" if count == 1 else "s"
        made = validator(kind, **values) if kind in VALIDATORS else pydantic(kind, **values)
        if made.english() == err["msg"]:
            return made
    escaped = str(err["msg"]).replace("{", "{{").replace("}", "}}")
    return Message("pydantic:" + kind, escaped)


def _ctx_value(name: str, value: object) -> Value:
    if name == "expected" and isinstance(value, str):  # pydantic's "'a', 'b' or 1"
        head, _, last = value.rpartition(" or ")
        items = [*head.split(", "), last] if head else [last]
        return Listed(tuple(items), quoted=False)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # pydantic writes 0.0 as 0
    if isinstance(value, Message | Listed | str | int | float | Decimal):
        return value
    return str(value)


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
            message = say("unknown-field", name=str(loc[-1]))
            owner = _model_at(model, loc[:-1]) if model else None
            if owner is not None:
                hint = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1)
                if hint:
                    message = say("unknown-field.hint", name=str(loc[-1]), hint=hint[0])
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-field"))
            continue
        line, col, _ = locate(node, loc)
        if kind == "union_tag_invalid":
            ctx = err.get("ctx", {})
            tag = str(ctx.get("tag", ""))
            known = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
            hint = difflib.get_close_matches(tag, known, n=1)
            message = (
                say("unknown-kind.hint", tag=tag, hint=hint[0], known=", ".join(known))
                if hint
                else say("unknown-kind", tag=tag, known=", ".join(known))
            )
            line, col, _ = locate(node, (*loc, "kind"))
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-kind"))
            continue
        if kind == "missing":
            message = say("missing", name=str(loc[-1]))
        elif kind.startswith(("date_", "datetime_")):
            message = _date_message(err.get("input"))
        elif kind == "value_error" or kind in VALIDATORS:  # a validator's own sentence
            message = error_message(err)
            if not isinstance(err.get("input"), dict | list):
                message = say("got", rest=message, input=_short(err.get("input")))
        else:
            message = say("got", rest=error_message(err), input=_short(err.get("input")))
        check = "value_error" if kind in VALIDATORS else kind  # the check ids stay as they were
        problems.append(Problem(doc.path, line, col, "error", message, field, check))
    return sorted(set(problems))
