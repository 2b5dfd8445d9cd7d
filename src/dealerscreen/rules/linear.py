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

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.fields import show, to_decimal
from dealerscreen.models.lazytext import Text
from dealerscreen.models.numbers import Amount
from dealerscreen.rules.base import (
    BindContext,
    BindError,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    ScoringKind,
    fact_scorer,
    numbers,
    numeric_field,
)

ZERO, BETWEEN, FULL = 0, 1, 2  # the part of the scale a fact is on (a record's branch)

CENT = Decimal("0.01")


def scale(
    lo: Decimal, hi: Decimal, max_points: Decimal
) -> Callable[[Decimal], tuple[Decimal, int]]:
    """Points on the capped straight line from `lo` (none) to `hi` (all), rounded to the
    cent, and the part of the scale a value is on (ZERO, BETWEEN, FULL: a record's branch).
    Shared by every kind that scores on such a line (linear, reviewed)."""
    span = hi - lo

    def scaled(value: Decimal) -> tuple[Decimal, int]:
        share = (value - lo) / span
        part = ZERO if share <= 0 else FULL if share >= 1 else BETWEEN
        share = min(max(share, Decimal(0)), Decimal(1))
        points = (max_points * share).quantize(CENT, rounding=ROUND_HALF_EVEN)
        return (points.normalize() if points else Decimal(0)), part

    return scaled


def scale_branches(
    loc: Loc, lo: Decimal, hi: Decimal, value: Callable[[Any], Decimal | None]
) -> Branches:
    """The scale's three coverage branches (no points, some, full), and which one an
    applicant took given the `value` it is scored on (None: not known, no branch)."""
    zero = Branch("ranges", (*loc, "zero_at"), branch_words("zero-at", at=show(lo)))
    between = Branch("ranges", loc, branch_words("between", low=show(lo), high=show(hi)))
    full = Branch("ranges", (*loc, "full_at"), branch_words("full-at", at=show(hi)))
    up = hi > lo

    def took(applicant: Any, _points: Decimal | None) -> Branch | None:
        v = value(applicant)
        if v is None:
            return None
        if (v <= lo) if up else (v >= lo):
            return zero
        if (v >= hi) if up else (v <= hi):
            return full
        return between

    return Branches((zero, between, full), took)


class Linear(ScoringKind):
    kind: Literal["linear"] = Field(description="Points on a capped straight line.")
    field: str = Field(description="Dotted path of a numeric fact.")
    zero_at: Amount = Field(description="Value that earns no points.")
    full_at: Amount = Field(description="Value that earns full points.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = numeric_field(ctx, self.field, loc)
        if self.zero_at == self.full_at:
            raise BindError((*loc, "full_at"), message("empty-scale"), "empty-scale")
        lo, hi, path, say = self.zero_at, self.full_at, self.field, ctx.say
        lo_shown, hi_shown = show(lo), show(hi)

        on_scale = scale(lo, hi, max_points)

        def scaled(fact: Any) -> tuple[Decimal, int | None]:
            return on_scale(to_decimal(fact))

        def describe(fact: Any, _part: int | None) -> Text:
            return say.later("scale", path=path, fact=fact, lo=lo_shown, hi=hi_shown)

        return fact_scorer(ref.get, path, say, scaled, describe)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        """No points, some, full: the three parts of the scale."""
        get = ctx.field(self.field, loc).get

        def value(applicant: Any) -> Decimal | None:
            fact = get(applicant)
            return None if fact is None else to_decimal(fact)

        return scale_branches(loc, self.zero_at, self.full_at, value)

    def best_points(self, full: Decimal) -> Decimal:
        return full

    def fewest_points(self, full: Decimal) -> Decimal:
        return Decimal(0)  # at zero_at

    def boundaries(self) -> Facts:
        return {self.field: numbers(self.zero_at, self.full_at)}

    def stepwise(self) -> bool:
        return False  # the points change all along the scale: a search bisects it

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """Either end of the scale moved by one; the weight one up (the points follow it)."""
        yield from m.moved(loc, "zero_at", data["zero_at"])
        yield from m.moved(loc, "full_at", data["full_at"])
        yield from m.weight(loc, points)
