"""`boolean`: full points when a condition holds, none when it does not.

Unknown when the condition is unknown (a fact it needs is missing): the criterion's
``missing`` policy then decides.

Example::

    kind: boolean
    condition: {kind: compare, field: site.tenure, op: in, value: [owned, leased]}
    # given {site: {tenure: leased}}: 6 of 6 points
    # given {site: {tenure: none}}: 0 of 6 points
    # given {}: missing
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.lazytext import Text
from dealerscreen.rules.base import BindContext, Loc, ScoreFn, Scorer, Spec

if TYPE_CHECKING:
    from dealerscreen.rules import Condition


class Boolean(Spec):
    kind: Literal["boolean"] = Field(description="Full points when a condition holds.")
    condition: Condition = Field(description="The condition.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        check = self.condition.compile(ctx, (*loc, "condition"))

        fast = check.decide

        def decide(applicant: Any) -> Decimal | None:
            value = fast(applicant)
            return None if value is None else (max_points if value else Decimal(0))

        def words(
            applicant: Any, points: Decimal | None
        ) -> tuple[Text, tuple[str, ...], str | None]:
            out = check(applicant)
            return out.text, (out.missing if points is None else ()), None

        return Scorer(decide, words)
