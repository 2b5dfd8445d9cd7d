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

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.fields import show, to_decimal
from dealerscreen.models.lazytext import Text
from dealerscreen.models.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    ScoringKind,
    Spec,
    check_points,
    fact_scorer,
    numbers,
    numeric_field,
)


class Step(Spec):
    at: Amount = Field(description="The value that reaches this step.")
    points: Points = Field(description="Points for reaching it.")


class Thresholds(ScoringKind):
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
        order = self._order()
        steps = [self.steps[j] for j in order]
        path, say = self.field, ctx.say
        shown = [show(s.at) for s in self.steps]  # by the step's place as written

        def held(fact: Any) -> tuple[Decimal, int | None]:
            """The points and the step (its index as written) the fact reaches."""
            k = _reached(steps, higher, to_decimal(fact))
            return (Decimal(0), None) if k is None else (steps[k].points, order[k])

        def describe(fact: Any, step: int | None) -> Text:
            if step is not None:
                return say.later("step", path=path, fact=fact, sym=sym, at=shown[step])
            return say.later("no_step", path=path, fact=fact)

        return fact_scorer(ref.get, path, say, held, describe)

    def _order(self) -> list[int]:
        """The steps' indexes, best points first: the first step reached is the one that counts."""
        return sorted(range(len(self.steps)), key=lambda j: self.steps[j].points, reverse=True)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        get = ctx.field(self.field, loc).get
        higher = self.better == "higher"
        sym = "≥" if higher else "≤"
        each = [
            Branch("steps", (*loc, "steps", j), branch_words("step", step=f"{sym} {show(s.at)}"))
            for j, s in enumerate(self.steps)
        ]
        below = Branch("steps", loc, branch_words("no-step"))
        tried = [self.steps[j] for j in self._order()]
        by_step = {id(self.steps[j]): each[j] for j in range(len(self.steps))}

        def took(applicant: Any, _points: Decimal | None) -> Branch | None:
            fact = get(applicant)
            if fact is None:
                return None
            k = _reached(tried, higher, to_decimal(fact))
            return below if k is None else by_step[id(tried[k])]

        return Branches((*each, below), took, default=True)

    def best_points(self, full: Decimal) -> Decimal:
        return max(s.points for s in self.steps)

    def fewest_points(self, full: Decimal) -> Decimal:
        return Decimal(0)  # a value that reaches no step

    def boundaries(self) -> Facts:
        return {self.field: numbers(*(s.at for s in self.steps))}

    def stepwise(self) -> bool:
        return True  # a step is reached at its value, each a boundary

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """The better direction turned, each step's value and points moved by one."""
        better = data["better"]
        other = "lower" if better == "higher" else "higher"
        yield from m.set(loc, "better", other, f"better {better} → {other}")
        steps = data["steps"]
        for j in m.pick(len(steps), (*loc, "steps")):
            yield from m.moved((*loc, "steps", j), "at", steps[j]["at"])
            yield from m.moved((*loc, "steps", j), "points", steps[j]["points"], Decimal(0))


def _reached(steps: list[Step], higher: bool, value: Decimal) -> int | None:
    """Where, best points first, the first step the value reaches is."""
    for k, step in enumerate(steps):
        if (value >= step.at) if higher else (value <= step.at):
            return k
    return None
