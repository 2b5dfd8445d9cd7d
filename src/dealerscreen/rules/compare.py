"""`compare`: compare one applicant fact with a value.

Passes when ``field <op> value`` holds; the outcome is unknown (missing) when the fact is
absent, and the gate or criterion using it decides what that means.

Operators: ``eq ne lt le gt ge`` and ``in`` / ``not_in`` (value is a list).

Passes::

    kind: compare
    field: target.store_format
    op: eq
    value: 2S
    # given {target: {store_format: 2S}}: passes

Fails::

    kind: compare
    field: site.street_frontage_m
    op: ge
    value: 26
    # given {site: {street_frontage_m: 22}}: fails
    # given {}: unknown
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
    FACTS,
    VALUE,
    BindContext,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
    Traced,
    numbers,
    value_check,
)

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"]

# The comparison operators, defined once: `compare`, `listed` and the review of near
# misses (review.py) all compare with these.
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
}
SYMBOL = {
    "eq": "=",
    "ne": "≠",
    "lt": "<",
    "le": "≤",
    "gt": ">",
    "ge": "≥",
    "in": "in",
    "not_in": "not in",
}
# The boundary an author could get wrong by one: each operator and its neighbour.
FLIP = {
    "ge": "gt",
    "gt": "ge",
    "le": "lt",
    "lt": "le",
    "eq": "ne",
    "ne": "eq",
    "in": "not_in",
    "not_in": "in",
}


def compared(data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
    """The mutants of a comparison (`compare`, `listed`): its operator flipped, a number
    moved by one, each value of a list dropped."""
    op, value = data["op"], data.get("value")
    yield from m.set(loc, "op", FLIP[op], f"{op} → {FLIP[op]}")
    if numbers(value):
        yield from m.moved(loc, "value", value)
    elif isinstance(value, list) and len(value) > 1:
        for i in m.pick(len(value), (*loc, "value")):
            yield from m.dropped((*loc, "value"), i, f"drop {value[i]}")


class Compare(ConditionKind):
    kind: Literal["compare"] = Field(description="Compare a fact with a value.")
    field: str = Field(
        description="Dotted path of the applicant fact, e.g. site.street_frontage_m."
    )
    op: Op = Field(description="Comparison operator.")
    value: Any = Field(description="Value to compare with; a list for 'in' and 'not_in'.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        if self.op in ("in", "not_in"):
            if not isinstance(self.value, list):
                from dealerscreen.rules.base import BindError

                raise BindError((*loc, "value"), message("needs-list", op=self.op), "bad-value")
            target: Any = frozenset(
                value_check(ref, v, (*loc, "value", i)) for i, v in enumerate(self.value)
            )
            wanted = ctx.say.choices(self.value)
        else:
            target = value_check(ref, self.value, (*loc, "value"))
            wanted = ctx.say.show(self.value)
        fn = OPS[self.op]
        get = ref.get
        path = self.field
        say = ctx.say
        sym = say(f"op_{self.op}") if self.op in ("in", "not_in") else SYMBOL[self.op]

        def decide(applicant: Any) -> bool | None:
            fact = get(applicant)
            return None if fact is None else fn(fact, target)

        def trace(applicant: Any) -> Traced:
            fact = get(applicant)
            return (None if fact is None else fn(fact, target), (fact,), None, ())

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            if traced[VALUE] is None:
                return say.later("missing_needs", path=path, sym=sym, wanted=wanted), (path,)
            fact = traced[FACTS][0]
            return say.later("needs", path=path, fact=fact, sym=sym, wanted=wanted), ()

        return Rule(decide, trace, words, (path,))

    def boundaries(self) -> Facts:
        return {self.field: numbers(self.value)}

    def stepwise(self) -> bool:
        # a list ('in', 'not_in') changes at its entries, which are not its boundaries
        return self.op not in ("in", "not_in")

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        return compared(data, loc, m)
