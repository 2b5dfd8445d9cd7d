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
from collections.abc import Callable
from typing import Any, Literal

from pydantic import Field

from dealerscreen.lazytext import Text
from dealerscreen.rules.base import BindContext, CondFn, Loc, Rule, Spec, value_check

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
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


class Compare(Spec):
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

                raise BindError((*loc, "value"), f"'{self.op}' needs a list value", "bad-value")
            target: Any = frozenset(
                value_check(ref, v, (*loc, "value", i)) for i, v in enumerate(self.value)
            )
            wanted = ctx.say.choices(self.value)
        else:
            target = value_check(ref, self.value, (*loc, "value"))
            wanted = ctx.say.show(self.value)
        fn = _OPS[self.op]
        get = ref.get
        path = self.field
        say = ctx.say
        sym = say(f"op_{self.op}") if self.op in ("in", "not_in") else SYMBOL[self.op]

        def decide(applicant: Any) -> bool | None:
            fact = get(applicant)
            return None if fact is None else fn(fact, target)

        def words(applicant: Any, value: bool | None) -> tuple[Text, tuple[str, ...]]:
            if value is None:
                return say.later("missing_needs", path=path, sym=sym, wanted=wanted), (path,)
            fact = get(applicant)
            return say.later("needs", path=path, fact=fact, sym=sym, wanted=wanted), ()

        return Rule(decide, words)
