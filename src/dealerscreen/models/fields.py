"""Field paths ("site.building_area_sqm") checked against a pydantic model at load time.

A criteria file names applicant facts by dotted path; resolving the path once, when the
profile is compiled, makes a typo a load error and gives the engine a plain getter.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


class FieldPathError(ValueError):
    """The path names no field of the model: `key` names the kind of the message
    (i18n/checktext.py), `values` what fills it; the layers above word it."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class FieldRef:
    path: str
    get: Callable[[Any], Any]
    annotation: Any  # the field's annotation, Optional included
    item_model: type[BaseModel] | None  # for a list of models: the item model


def _strip_optional(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    return annotation


def resolve_field(model: type[BaseModel], path: str) -> FieldRef:
    current: type[BaseModel] | None = model
    annotation: Any = None
    walked: list[str] = []
    for part in path.split("."):
        if current is None:
            raise FieldPathError("no-sub-fields", where=".".join(walked), path=path)
        fields = current.model_fields
        if part not in fields:
            key = "unknown-path" if walked else "unknown-path.top"
            hint = difflib.get_close_matches(part, list(fields), n=1)
            if hint:
                raise FieldPathError(
                    key + ".hint", path=path, where=".".join(walked), part=part,
                    hint=".".join([*walked, hint[0]]),
                )  # fmt: skip
            raise FieldPathError(key, path=path, where=".".join(walked), part=part)
        walked.append(part)
        annotation = fields[part].annotation
        inner = _strip_optional(annotation)
        current = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    inner = _strip_optional(annotation)
    item_model: type[BaseModel] | None = None
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        if isinstance(item, type) and issubclass(item, BaseModel):
            item_model = item
    return FieldRef(path=path, get=attrgetter(path), annotation=annotation, item_model=item_model)


def is_numeric(ref: FieldRef) -> bool:
    inner = _strip_optional(ref.annotation)
    return (
        isinstance(inner, type) and issubclass(inner, int | float | Decimal) and inner is not bool
    )


def is_single_value(ref: FieldRef) -> bool:
    """One value (a number, date, yes/no, choice or text), not a group of fields or a list:
    what a ranking key can order by."""
    inner = _strip_optional(ref.annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return False
    return get_origin(inner) not in (list, dict, tuple, set, frozenset)


def to_decimal(value: Any) -> Decimal:
    """Exact decimal of a fact: via str, so 0.1 stays 0.1 and never 0.1000000000000000055."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def show(value: Any) -> str:
    """A fact as a person writes it: 3000 not 3000.0, yes/no for booleans."""
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if type(value) is int:  # the common cases first: this runs for every rule of every file
        return str(value)
    if type(value) is float:
        if value.is_integer():
            return str(int(value))
        text = repr(value)  # the shortest text that reads back, as Decimal(str()) gives
        if "e" not in text:
            return text
    if isinstance(value, float | Decimal):
        d = to_decimal(value)
        if d == d.to_integral_value():
            return str(int(d))
        return format(d.normalize(), "f")
    return str(value)
