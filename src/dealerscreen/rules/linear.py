"""`linear`: points grow in a straight line from ``zero_at`` to ``full_at``, capped.

At or beyond ``full_at`` the criterion's full points; at or before ``zero_at`` none.
``full_at`` below ``zero_at`` means lower is better. Points are exact decimals rounded
half-even to two places, so a total never drifts below a tier threshold.

Example (certified technicians: 0 at 2, full at 12)::

    kind: linear
    field: after_sales.certified_technicians
    zero_at: 2
    full_at: 12
    # given {after_sales: {certified_technicians: 7}}: 5 of 10 points
    # given {after_sales: {certified_technicians: 30}}: 10 of 10 points
    # given {after_sales: {certified_technicians: 1}}: 0 of 10 points
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.fields import show, to_decimal
from dealerscreen.lazytext import Text
from dealerscreen.numbers import Amount
from dealerscreen.rules.base import (
    BindContext,
    BindError,
    Loc,
    ScoreFn,
    Scorer,
    Spec,
    fact_words,
    numeric_field,
    points_by_fact,
)

CENT = Decimal("0.01")


class Linear(Spec):
    kind: Literal["linear"] = Field(description="Points on a capped straight line.")
    field: str = Field(description="Dotted path of a numeric fact.")
    zero_at: Amount = Field(description="Value that earns no points.")
    full_at: Amount = Field(description="Value that earns full points.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = numeric_field(ctx, self.field, loc)
        if self.zero_at == self.full_at:
            raise BindError((*loc, "full_at"), "full_at must differ from zero_at", "empty-scale")
        lo, hi, path, say = self.zero_at, self.full_at, self.field, ctx.say
        span = hi - lo
        lo_shown, hi_shown = show(lo), show(hi)

        def scaled(fact: Any) -> Decimal:
            share = (to_decimal(fact) - lo) / span
            share = min(max(share, Decimal(0)), Decimal(1))
            points = (max_points * share).quantize(CENT, rounding=ROUND_HALF_EVEN)
            return points.normalize() if points else Decimal(0)

        def describe(fact: Any) -> Text:
            return say.later("scale", path=path, fact=fact, lo=lo_shown, hi=hi_shown)

        return Scorer(points_by_fact(ref.get, scaled), fact_words(ref.get, path, say, describe))
