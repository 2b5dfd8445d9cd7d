"""Near misses of a gate: each gate compiled once more with its thresholds moved by the
profile's review margin (`review_margin.fields`), so that "missed by little" is one more
call of a compiled condition, not a search (#12).

Only `compare` conditions on a margin field move (ge/gt down, le/lt up); conditions on
the items of a list (`any_item`'s `where`) keep their thresholds: their fields are not
the applicant's facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from dealerscreen.criteria.models import Gate, ReviewMargin
from dealerscreen.i18n.checktext import message
from dealerscreen.rules.base import BindContext, BindError, Loc, ValueFn, numeric_field
from dealerscreen.rules.compare import Compare

_TOWARD_PASS = {"ge": -1, "gt": -1, "le": 1, "lt": 1}


@dataclass(frozen=True)
class Leaf:
    """One threshold a margin field is compared with: what the reader is told."""

    field: str
    op: str
    threshold: Any
    margin: Decimal
    get: Any  # the fact's getter


@dataclass(frozen=True)
class NearGate:
    index: int  # of the gate in the profile (and in a decision's verdicts)
    gate: Gate
    relaxed: ValueFn  # the gate with every margin field's thresholds moved
    leaves: tuple[Leaf, ...]


def _moved(value: Any, op: str, margin: Decimal) -> Any:
    moved = Decimal(str(value)) + _TOWARD_PASS[op] * margin
    if isinstance(value, int) and moved == moved.to_integral_value():
        return int(moved)  # an int field compares with an int
    return moved


def _relax(
    node: BaseModel, margins: dict[str, Decimal], leaves: list[tuple[str, str, Any]]
) -> BaseModel:
    if isinstance(node, Compare):
        if node.field in margins and node.op in _TOWARD_PASS:
            leaves.append((node.field, node.op, node.value))
            return node.model_copy(
                update={"value": _moved(node.value, node.op, margins[node.field])}
            )
        return node
    update: dict[str, Any] = {}
    for name in type(node).model_fields:
        if name == "where":  # item-relative paths: not the applicant's facts
            continue
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            update[name] = _relax(value, margins, leaves)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_relax(v, margins, leaves) for v in value]
    return node.model_copy(update=update) if update else node


def near_gates(
    gates: list[Gate], margin: ReviewMargin | None, ctx: BindContext
) -> tuple[NearGate, ...]:
    """The gates that compare a margin field, each with its relaxed condition.
    Raises BindError for a margin field that is not a numeric applicant fact."""
    if margin is None or not margin.fields:
        return ()
    margins: dict[str, Decimal] = {}
    getters: dict[str, Any] = {}
    for path, amount in margin.fields.items():
        loc: Loc = ("review_margin", "fields", path)
        getters[path] = numeric_field(ctx, path, loc).get
        margins[path] = Decimal(amount)
    out: list[NearGate] = []
    read: set[str] = set()
    for i, gate in enumerate(gates):
        found: list[tuple[str, str, Any]] = []
        relaxed = _relax(gate.condition, margins, found)
        if not found:
            continue
        rule = relaxed.compile(ctx, ("gates", i, "condition"))  # type: ignore[attr-defined]
        leaves = tuple(Leaf(f, op, v, margins[f], getters[f]) for f, op, v in found)
        read.update(f for f, _, _ in found)
        out.append(NearGate(i, gate, rule.decide, leaves))
    for path in margins:
        if path not in read:
            raise BindError(
                ("review_margin", "fields", path),
                message("unused-margin", path=path),
                "unused-margin",
            )
    return tuple(out)
