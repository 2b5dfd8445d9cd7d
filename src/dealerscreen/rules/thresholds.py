"""`thresholds`: the points of the best step a number reaches.

``higher`` (default): a step ``{at: 100, points: 5}`` is reached by 100 or more.
``lower``: reached by the step value or less (debt ratio, where lower is better).
A value that reaches no step earns 0 points.

Example (debt ratio, percent; lower is better)::

    kind: thresholds
    field: finance.debt_ratio_pct
    better: lower
    steps:
      - {at: 70, points: 2}
      - {at: 50, points: 5}
    # given {finance: {debt_ratio_pct: 45}}: 5 of 5 points
    # given {finance: {debt_ratio_pct: 60}}: 2 of 5 points
    # given {finance: {debt_ratio_pct: 80}}: 0 of 5 points
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.fields import show, to_decimal
from dealerscreen.lazytext import Text
from dealerscreen.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    Loc,
    ScoreFn,
    Scorer,
    Spec,
    check_points,
    fact_words,
    numeric_field,
    points_by_fact,
)


class Step(Spec):
    at: Amount = Field(description="The value that reaches this step.")
    points: Points = Field(description="Points for reaching it.")


class Thresholds(Spec):
    kind: Literal["thresholds"] = Field(description="Points of the best step reached.")
    field: str = Field(description="Dotted path of a numeric fact.")
    better: Literal["higher", "lower"] = Field("higher", description="Which direction is better.")
    steps: list[Step] = Field(min_length=1, description="The steps, in any order.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = numeric_field(ctx, self.field, loc)
        for i, step in enumerate(self.steps):
            check_points(step.points, max_points, (*loc, "steps", i, "points"))
        higher = self.better == "higher"
        sym = "≥" if higher else "≤"
        # Best points first, so the first step reached is the one that counts.
        steps = sorted(self.steps, key=lambda s: s.points, reverse=True)
        path, say = self.field, ctx.say
        shown = {id(s): show(s.at) for s in steps}

        def step_of(fact: Any) -> Step | None:
            value = to_decimal(fact)
            for step in steps:
                if (value >= step.at) if higher else (value <= step.at):
                    return step
            return None

        def points_for(fact: Any) -> Decimal:
            step = step_of(fact)
            return Decimal(0) if step is None else step.points

        def describe(fact: Any) -> Text:
            step = step_of(fact)
            if step is not None:
                return say.later("step", path=path, fact=fact, sym=sym, at=shown[id(step)])
            return say.later("no_step", path=path, fact=fact)

        return Scorer(points_by_fact(ref.get, points_for), fact_words(ref.get, path, say, describe))
