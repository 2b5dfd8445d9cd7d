"""`not`: the condition does not hold. Unknown stays unknown.

Passes::

    kind: not
    condition: {kind: compare, field: site.tenure, op: eq, value: none}
    # given {site: {tenure: leased}}: passes

Fails::

    kind: not
    condition: {kind: compare, field: site.tenure, op: eq, value: none}
    # given {site: {tenure: none}}: fails
    # given {}: unknown
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
    PARTS,
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
)

if TYPE_CHECKING:
    from dealerscreen.rules.base import ConditionKind as Condition


class Not(ConditionKind):
    kind: Literal["not"] = Field(description="The condition does not hold.")
    condition: Condition = Field(description="The condition to negate.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        inner = self.condition.compile(ctx, (*loc, "condition"))

        say = ctx.say

        def decide(applicant: Any) -> bool | None:
            value = inner.decide(applicant)
            return None if value is None else not value

        def trace(applicant: Any) -> Traced:
            said = inner.trace(applicant)
            return (None if said[VALUE] is None else not said[VALUE], (), None, (said,))

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            said = traced[PARTS][0]
            text, missing = inner.words(said)
            if traced[VALUE] is None:
                return text, missing
            return (say.later("negated", text=text) if said[VALUE] else text), ()

        return Rule(decide, trace, words)

    def boundaries(self) -> Facts:
        return self.condition.boundaries()

    def stepwise(self) -> bool:
        return self.condition.stepwise()

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        inner = data["condition"]
        yield from m.unwrapped(loc, "condition", "not removed")
        if inner["kind"] != "present":  # negated again, it is the same as `not removed`
            yield from m.condition((*loc, "condition"), inner)
