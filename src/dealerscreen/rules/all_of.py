"""`all_of`: every condition holds.

False as soon as one is false; unknown if none is false but one is unknown.

Passes::

    kind: all_of
    conditions:
      - {kind: compare, field: after_sales.mechanical_repair, op: eq, value: true}
      - {kind: compare, field: after_sales.paint, op: eq, value: true}
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


class AllOf(Spec):
    kind: Literal["all_of"] = Field(description="Every condition holds.")
    conditions: list[Condition] = Field(min_length=1, description="The conditions.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        checks = [c.compile(ctx, (*loc, "conditions", i)) for i, c in enumerate(self.conditions)]

        def check(applicant: Any) -> Outcome:
            unknown: list[Outcome] = []
            for c in checks:
                out = c(applicant)
                if out.value is False:
                    return out
                if out.value is None:
                    unknown.append(out)
            if unknown:
                missing = tuple(m for o in unknown for m in o.missing)
                return Outcome(None, joined([o.text for o in unknown]), missing)
            return Outcome(True, joined([c(applicant).text for c in checks]))

        verdict = first_decisive([verdict_of(c) for c in checks], decisive=False)
        return with_verdict(check, verdict)
