"""`reviewed`: points from the screening team's reviewers, not from the application.

A site visit or an interview is scored by people (`dealerscreen review ID site_visit=8
--by NAME`); several reviewers' latest scores are averaged, and the average earns points on
a capped straight line from ``zero_at`` to ``full_at``, as `linear` does (rounded
half-even to two places). ``review`` names the criterion as reviewers score it: one of
programme.yaml's `reviews.criteria`.

The fact is the team's, never the applicant's: scores an application writes under
`reviews` are ignored, with a `self-reviewed` warning. Before any reviewer has scored it
(always, when files are screened without a programme) the criterion is *not yet
reviewed*: no points of its own, and the criterion's ``missing`` policy decides, as for a
fact not stated: `zero` (the default) ranks applicants on their application until the
visit adds its points; `fail` keeps anyone unvisited off the shortlist. Nothing is asked
of the applicant: a letter does not tell it to send a score. A what-if names no fact to
change (an applicant cannot change its reviewers' scores by acting); a spread of the
reviewers' scores above programme.yaml's `reviews.max_spread` is flagged by the programme
(status, explain, the report's team section).

Example (a site visit scored 0-10 by the team)::

    kind: reviewed
    review: site_visit
    zero_at: 0
    full_at: 10
    # given {reviews: {site_visit: {mean: 7.5, reviewers: 2, spread: 1}}}: 6 of 8 points
    # given {reviews: {site_visit: {mean: 10, reviewers: 1, spread: 0}}}: 8 of 8 points
    # given {reviews: {site_visit: {mean: 0, reviewers: 3, spread: 2}}}: 0 of 8 points
    # given {reviews: {interview: {mean: 9, reviewers: 1, spread: 0}}}: missing
    # given {}: missing
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.lazytext import Text
from dealerscreen.models.numbers import Amount
from dealerscreen.rules.base import (
    FACTS,
    VALUE,
    BindContext,
    BindError,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Scorer,
    ScoringKind,
    Traced,
    by_fact,
)
from dealerscreen.rules.linear import scale, scale_branches


class Reviewed(ScoringKind):
    kind: Literal["reviewed"] = Field(description="Points from the team's reviewers' scores.")
    review: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="The criterion as reviewers score it (`dealerscreen review ID "
        "site_visit=8`): one of programme.yaml's reviews.criteria.",
    )
    zero_at: Amount = Field(description="Average score that earns no points.")
    full_at: Amount = Field(description="Average score that earns full points.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Scorer:
        if self.zero_at == self.full_at:
            raise BindError((*loc, "full_at"), message("empty-scale"), "empty-scale")
        lo, hi, name, say = self.zero_at, self.full_at, self.review, ctx.say
        lo_shown, hi_shown = show(lo), show(hi)
        scaled = by_fact(scale(lo, hi, max_points))  # linear's line, on the average

        def decide(applicant: Any) -> Decimal | None:
            found = applicant.reviews.get(name)
            return None if found is None else scaled(found.mean)[0]

        def trace(applicant: Any) -> Traced:
            found = applicant.reviews.get(name)
            if found is None:
                return (None, (None, 0), None, ())
            points, part = scaled(found.mean)
            return (points, (found.mean, found.reviewers), part, ())

        def words(traced: Traced) -> tuple[Text, tuple[str, ...], str | None]:
            if traced[VALUE] is None:  # nothing the applicant could send: no missing fact
                return say.later("not_reviewed", review=name), (), None
            mean, n = traced[FACTS]
            shown = say.later("reviewed", review=name, fact=mean, n=n, lo=lo_shown, hi=hi_shown)
            return shown, (), None

        return Scorer(decide, trace, words)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        """No points, some, full: the three parts of the scale (as `linear`'s)."""
        name = self.review

        def value(applicant: Any) -> Decimal | None:
            found = applicant.reviews.get(name)
            return None if found is None else found.mean

        return scale_branches(loc, self.zero_at, self.full_at, value)

    def best_points(self, full: Decimal) -> Decimal:
        return full

    def fewest_points(self, full: Decimal) -> Decimal:
        return Decimal(0)  # an average at zero_at

    def boundaries(self) -> Facts:
        return {}  # the reviewers' scores are no fact of the applicant's: nothing to change

    def stepwise(self) -> bool:
        return False  # the points change all along the scale

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """Either end of the scale moved by one; the weight one up (the points follow it)."""
        yield from m.moved(loc, "zero_at", data["zero_at"])
        yield from m.moved(loc, "full_at", data["full_at"])
        yield from m.weight(loc, points)
