"""`any_of`: at least one condition holds.

True as soon as one is true; unknown if none is true but one is unknown.

Passes::

    kind: any_of
    conditions:
      - {kind: in_list, field: standing.group_name, list: top100}
      - {kind: compare, field: standing.stores_in_province, op: ge, value: 5}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.lazytext import joined
from dealerscreen.rules.base import (
    BindContext,
    CondFn,
    Loc,
    Outcome,
    Spec,
    first_decisive,
    verdict_of,
    with_verdict,
)

if TYPE_CHECKING:
    from dealerscreen.rules import Condition


class AnyOf(Spec):
    kind: Literal["any_of"] = Field(description="At least one condition holds.")
    conditions: list[Condition] = Field(min_length=1, description="The conditions.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        checks = [c.compile(ctx, (*loc, "conditions", i)) for i, c in enumerate(self.conditions)]

        say = ctx.say

        def check(applicant: Any) -> Outcome:
            outs: list[Outcome] = []
            for c in checks:
                out = c(applicant)
                if out.value is True:
                    return out
                outs.append(out)
            text = say.later("none_holds", text=joined([o.text for o in outs]))
            if any(o.value is None for o in outs):
                missing = tuple(m for o in outs for m in o.missing)
                return Outcome(None, text, missing)
            return Outcome(False, text)

        verdict = first_decisive([verdict_of(c) for c in checks], decisive=True)
        return with_verdict(check, verdict)
