"""`boolean`: full points when a condition holds, none when it does not.

Unknown when the condition is unknown (a fact it needs is missing): the criterion's
``missing`` policy then decides.

Example::

    kind: boolean
    condition: {kind: compare, field: site.tenure, op: in, value: [owned, leased]}
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.rules.base import BindContext, Loc, Points, ScoreFn, Spec, verdict_of, with_points

if TYPE_CHECKING:
    from dealerscreen.rules import Condition


class Boolean(Spec):
    kind: Literal["boolean"] = Field(description="Full points when a condition holds.")
    condition: Condition = Field(description="The condition.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        check = self.condition.compile(ctx, (*loc, "condition"))

        def score(applicant: Any) -> Points:
            out = check(applicant)
            if out.value is None:
                return Points(None, out.text, out.missing)
            return Points(max_points if out.value else Decimal(0), out.text)

        fast = verdict_of(check)

        def points(applicant: Any) -> Decimal | None:
            value = fast(applicant)
            return None if value is None else (max_points if value else Decimal(0))

        return with_points(score, points)
