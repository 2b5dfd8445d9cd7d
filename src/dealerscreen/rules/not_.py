"""`not`: the condition does not hold. Unknown stays unknown.

Passes::

    kind: not
    condition: {kind: compare, field: site.tenure, op: eq, value: none}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.rules.base import (
    BindContext,
    CondFn,
    Loc,
    Outcome,
    Spec,
    verdict_of,
    with_verdict,
)

if TYPE_CHECKING:
    from dealerscreen.rules import Condition


class Not(Spec):
    kind: Literal["not"] = Field(description="The condition does not hold.")
    condition: Condition = Field(description="The condition to negate.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        inner = self.condition.compile(ctx, (*loc, "condition"))

        say = ctx.say

        def check(applicant: Any) -> Outcome:
            out = inner(applicant)
            if out.value is None:
                return out
            return Outcome(
                not out.value, say.later("negated", text=out.text) if out.value else out.text
            )

        fast = verdict_of(inner)

        def verdict(applicant: Any) -> bool | None:
            value = fast(applicant)
            return None if value is None else not value

        return with_verdict(check, verdict)
