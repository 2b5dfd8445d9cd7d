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
    BindContext,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
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

        def words(applicant: Any, value: bool | None) -> tuple[Text, tuple[str, ...]]:
            out = inner(applicant)
            if value is None:
                return out.text, out.missing
            return (say.later("negated", text=out.text) if out.value else out.text), ()

        return Rule(decide, words)

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
