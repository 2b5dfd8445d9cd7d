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

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
    PARTS,
    VALUE,
    BindContext,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    Scorer,
    ScoringKind,
    Traced,
)

YES, NO = 0, 1  # a record's branch, in the order of `branches`: holds, does not hold

if TYPE_CHECKING:
    from dealerscreen.rules.base import ConditionKind as Condition


class Boolean(ScoringKind):
    kind: Literal["boolean"] = Field(description="Full points when a condition holds.")
    condition: Condition = Field(description="The condition.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        check = self.condition.compile(ctx, (*loc, "condition"))

        fast = check.decide

        def decide(applicant: Any) -> Decimal | None:
            value = fast(applicant)
            return None if value is None else (max_points if value else Decimal(0))

        def trace(applicant: Any) -> Traced:
            said = check.trace(applicant)
            if said[VALUE] is None:
                return (None, (), None, (said,))
            return (
                max_points if said[VALUE] else Decimal(0),
                (),
                YES if said[VALUE] else NO,
                (said,),
            )

        def words(traced: Traced) -> tuple[Text, tuple[str, ...], str | None]:
            text, missing = check.words(traced[PARTS][0])
            return text, (missing if traced[VALUE] is None else ()), None

        return Scorer(decide, trace, words)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        yes = Branch("cases", (*loc, "condition"), branch_words("holds"))
        no = Branch("cases", loc, branch_words("not-holds"))

        def took(_applicant: Any, points: Decimal | None) -> Branch | None:
            return None if points is None else (yes if points == max_points else no)

        return Branches((yes, no), took)

    def best_points(self, full: Decimal) -> Decimal:
        return full

    def fewest_points(self, full: Decimal) -> Decimal:
        return Decimal(0)  # the condition does not hold

    def boundaries(self) -> Facts:
        return self.condition.boundaries()

    def stepwise(self) -> bool:
        return self.condition.stepwise()

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """The condition's own mutants; the weight one up (the points follow it)."""
        yield from m.condition((*loc, "condition"), data["condition"])
        yield from m.weight(loc, points)
