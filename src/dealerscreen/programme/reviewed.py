"""The team's review acts as the scores a screening counts (rules/reviewed.py decides with
them) and as the standing shows them: per applicant and reviewer-scored criterion, each
reviewer's latest score (a later review by the same person replaces the earlier), averaged
to two places; the spread is the highest less the lowest, flagged above programme.yaml's
`reviews.max_spread`. A review counts for a decision only if made on or before its as-of
date, as a verification does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import Connection, select

from dealerscreen.criteria.loading import LoadedProfile
from dealerscreen.criteria.models import Profile
from dealerscreen.i18n.problemtext import say
from dealerscreen.models.applicant import ReviewScore
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.models.verification import TeamCheck, TeamReview
from dealerscreen.programme import chain
from dealerscreen.programme.chain import Act
from dealerscreen.programme.config import Reviews
from dealerscreen.programme.schema import acts
from dealerscreen.rules.reviewed import Reviewed
from dealerscreen.yamlsource import dotted

CENT = Decimal("0.01")


def averaged(reviews: Iterable[Act], criteria: Iterable[str]) -> dict[str, ReviewScore]:
    """One applicant's review acts (in order) as a score per criterion reviewers scored,
    in the order of `criteria` (programme.yaml's reviews.criteria)."""
    latest_by: dict[tuple[str, str], Decimal] = {}
    for a in reviews:
        for name, score in a.payload["scores"].items():
            latest_by[(name, a.by)] = Decimal(str(score))  # as the reviewer wrote it
    out: dict[str, ReviewScore] = {}
    for name in criteria:
        scores = [v for (n, _), v in latest_by.items() if n == name]
        if scores:
            mean = (sum(scores, Decimal(0)) / len(scores)).quantize(CENT, ROUND_HALF_EVEN)
            out[name] = ReviewScore(
                mean=_plain(mean), reviewers=len(scores), spread=_plain(max(scores) - min(scores))
            )
    return out


def _plain(number: Decimal) -> Decimal:
    """7.50 as 7.5 and 10.00 as 10 (never 1E+1), as a person writes it."""
    whole = number.to_integral_value()
    return whole if number == whole else number.normalize()


def team_reviews(
    conn: Connection, wanted: Iterable[str], criteria: Iterable[str], as_of: date
) -> dict[str, tuple[TeamReview, ...]]:
    """By applicant id (those `wanted`), the reviewers' scores made on or before `as_of`."""
    keep = set(wanted)
    names = list(criteria)
    by_applicant: dict[str, list[Act]] = {}
    query = select(acts).where(acts.c.kind == "review").order_by(acts.c.seq)
    for r in conn.execute(query):
        if r.applicant_id in keep and date.fromisoformat(r.at[:10]) <= as_of:
            by_applicant.setdefault(r.applicant_id, []).append(chain.row_of(r))
    out: dict[str, tuple[TeamReview, ...]] = {}
    for key, mine in by_applicant.items():
        scores = averaged(mine, names)
        if scores:
            out[key] = tuple(TeamReview(review=k, score=v) for k, v in scores.items())
    return out


def disagreeing(
    team: Mapping[str, Sequence[TeamCheck | TeamReview]], profile: Profile, max_spread: float
) -> dict[str, tuple[str, ...]]:
    """By applicant id, a review flag ('reviewers-disagree:site_visit') for each review a
    reviewed criterion of the profile counted whose reviewers' spread was above
    programme.yaml's `reviews.max_spread`: a fact about the inputs of the decision, kept in
    its stored record, as status flags it today."""
    counted = {c.scoring.review for c in profile.criteria if isinstance(c.scoring, Reviewed)}
    limit = Decimal(str(max_spread))
    out: dict[str, tuple[str, ...]] = {}
    for key, found in team.items():
        flags = tuple(
            f"reviewers-disagree:{f.review}"
            for f in found
            if isinstance(f, TeamReview) and f.review in counted and f.score.spread > limit
        )
        if flags:
            out[key] = flags
    return out


def unlisted(profile: Profile, criteria: Iterable[str], path: str) -> list[Problem]:
    """A warning for each reviewer-scored criterion of the profile whose scores no review
    can give: programme.yaml's `reviews.criteria` (at `path`) does not list its name."""
    known = list(criteria)
    return [
        Problem(
            path,
            level="warning",
            message=say(
                "review-unlisted", id=c.id, review=c.scoring.review, known=", ".join(known)
            ),
            field="reviews.criteria",
            check="review-unlisted",
        )
        for c in profile.criteria
        if isinstance(c.scoring, Reviewed) and c.scoring.review not in known
    ]


def off_scale(loaded: LoadedProfile, reviews: Reviews) -> list[Problem]:
    """A warning at each end of a reviewer-scored criterion's scale (zero_at, full_at)
    that lies outside the scores reviewers give (programme.yaml's reviews.low..high, which
    the review act holds them to): its full points no review can reach, or its zero."""
    low, high = Decimal(str(reviews.low)), Decimal(str(reviews.high))
    out: list[Problem] = []
    for i, c in enumerate(loaded.profile.criteria):
        if not isinstance(c.scoring, Reviewed):
            continue
        for end in ("zero_at", "full_at"):
            at: Decimal = getattr(c.scoring, end)
            if low <= at <= high:
                continue
            loc = ("criteria", i, "scoring", end)
            path, line, column = loaded.position(loc)
            said = say(f"review-scale.{end}", id=c.id, at=show(at), low=show(low), high=show(high))
            out.append(Problem(path, line, column, "warning", said, dotted(loc), "review-scale"))
    return out
