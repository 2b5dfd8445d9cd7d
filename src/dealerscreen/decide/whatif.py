"""What would change the outcome: the smallest change of one fact that lifts an applicant.

For an eligible applicant the target is the next tier up; for an ineligible one, becoming
eligible. The search tries each numeric, yes/no or category fact that the criteria (and,
for an ineligible applicant, the gates) read: the numbers where each rule's outcome changes
(its kind's `boundaries`), their neighbours, and every category (whatifplan.py works them
out once per profile). A try decides only the rules that read the changed fact, by the
word-free functions that rank the batch, and takes the rest from the applicant's decision
(`whatifplan.Outcome.trial`): the answer is what the engine would say, not an estimate,
and only the answer is explained. Where every rule reading a fact changes only at its
boundaries (the kinds' `stepwise`), the cheapest value that works is the next edge and
the answer; for scales (`linear`) a bisection then finds the smallest value that still
works. The number of tries is bounded (`MAX_TRIALS`). "Smallest" is the relative change
|new - old| / max(|old|, 1); adding a missing fact or changing a category counts as 1
(100%).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.whatifplan import (
    Outcome,
    Plan,
    Trial,
    _candidates,
    criterion_points,
    failed_requirements,
    plan,
    step_of,
)
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import show, to_decimal
from dealerscreen.models.result import Evaluation

__all__ = ["MAX_TRIALS", "Change", "Outlook", "Trial", "_candidates", "next_step", "outlook"]
_plan = plan  # the profile's plan, as tests and callers have named it

ONE = Decimal(1)
UNITS = (("_sqm", " sqm"), ("_pct", "%"), ("_rmb_m", " million RMB"), ("_m", " m"))


@dataclass(frozen=True)
class Change:
    fact: str  # dotted field path
    old: Any
    new: Any
    gain: Decimal  # points added to the total
    tier: str | None  # the tier reached
    became_eligible: bool
    rule: str = ""  # title of the first criterion (or gate) that reads the fact

    def describe(self) -> tuple[str, str, str]:
        """(fact, old, new) as a person reads them: 'Street frontage (site.street_frontage_m)'."""
        fact = f"{self.rule} ({self.fact})" if self.rule else self.fact
        return fact, with_unit(self.fact, self.old), with_unit(self.fact, self.new)


def with_unit(path: str, value: Any) -> str:
    if value is None:
        return "missing"
    text = show(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        for suffix, unit in UNITS:
            if path.endswith(suffix):
                return text + unit
    return text


def _headroom(compiled: CompiledProfile, plan: Plan, ev: Evaluation) -> dict[str, Decimal]:
    """Field path -> the most points a change of that fact alone could add to the total."""
    room: dict[str, Decimal] = {}
    got = dict(
        zip((c for c, _, _ in plan.criterion_paths), criterion_points(compiled, ev), strict=True)
    )
    for crit_id, points, paths in plan.criterion_paths:
        for path in paths:
            room[path] = room.get(path, Decimal(0)) + points - got.get(crit_id, Decimal(0))
    bonus_room = plan.bonus_max - ev.bonus
    for path in plan.bonus_paths:
        room[path] = room.get(path, Decimal(0)) + bonus_room
    return room


# A search tries the thresholds of each fact the rules read and bisects scales: a few
# dozen trials for the shipped profiles. A profile with very many thresholds could ask
# for thousands per applicant; past this many the search stops and keeps the best change
# found so far (or none), so a full report's cost stays bounded by the batch size.
MAX_TRIALS = 2000


# The applicant, or how to read it: a batch's model is read back from its spill only when
# a search first looks at a fact (over half of a batch's searches never do: an ineligible
# applicant that no one fact could let in, an eligible one no fact can lift a tier).
Model = Applicant | Callable[[], Applicant]


class _Search:
    def __init__(self, compiled: CompiledProfile, applicant: Model, ev: Evaluation) -> None:
        self.compiled = compiled
        self._model = applicant
        self._outcome: Outcome | None = None
        self.ev = ev
        self.trials = 0
        self.plan = plan(compiled)
        order = [t.id for t in compiled.tiers]  # highest first
        if ev.eligible:
            here = order.index(ev.tier) if ev.tier in order else len(order)
            self.goal: set[str] = set(order[:here]) if here > 0 else set()
        else:
            self.goal = set(order)

    @property
    def applicant(self) -> Applicant:
        if not isinstance(self._model, Applicant):
            self._model = self._model()  # read once, on first use
        return self._model

    @property
    def outcome(self) -> Outcome:
        if self._outcome is None:
            self._outcome = Outcome(self.compiled, self.applicant, self.ev)
        return self._outcome

    def reaches(self, new: Trial) -> bool:
        return new.eligible and new.tier in self.goal

    def exhausted(self) -> bool:
        return self.trials >= MAX_TRIALS

    def trial(self, path: str, value: Any) -> Trial:
        """The applicant with one fact changed, decided by the same functions that rank
        the batch: only the rules that read the fact (`whatifplan.Outcome.trial`)."""
        self.trials += 1
        # every fact a search may try is in the ineligible plan, read by the same rules
        return self.outcome.trial(self.plan.ineligible[path], value)

    def cost(self, old: Any, new: Any, numeric: bool) -> Decimal:
        if numeric and old is not None:
            d_old, d_new = to_decimal(old), to_decimal(new)
            return abs(d_new - d_old) / max(abs(d_old), ONE)
        return ONE

    def refine(self, path: str, old: Any, new: Any, base: Any) -> Any:
        """The value closest to `old` between `old` and a working `new` (facts are monotone)."""
        step = step_of(base)
        bad, good = to_decimal(old), to_decimal(new)
        while abs(good - bad) > step and not self.exhausted():
            mid = ((bad + good) / 2).quantize(step)
            if mid in (bad, good):
                break
            if self.reaches(self.trial(path, base(mid))):
                good = mid
            else:
                bad = mid
        return base(good)


@dataclass(frozen=True)
class Outlook:
    """The answer to "what would change the outcome" for one applicant."""

    change: Change | None
    top_tier: bool  # already in the highest tier: there is nothing to reach


def outlook(compiled: CompiledProfile, applicant: Model, ev: Evaluation) -> Outlook:
    """`applicant`: the model, or a function that reads it (called at most once, and only
    if the search looks at a fact)."""
    top = ev.eligible and bool(compiled.tiers) and ev.tier == compiled.tiers[0].id
    return Outlook(None if top else next_step(compiled, applicant, ev), top)


def next_step(compiled: CompiledProfile, applicant: Model, ev: Evaluation) -> Change | None:
    """The smallest single-fact change that reaches the next tier (or eligibility), if any."""
    search = _Search(compiled, applicant, ev)
    if not search.goal:
        return None
    plan_ = search.plan
    facts = plan_.eligible if ev.eligible else plan_.ineligible
    headroom = _headroom(compiled, plan_, ev) if ev.eligible else None
    if not ev.eligible:
        # One changed fact makes an applicant eligible only if every requirement it fails
        # reads that fact: a requirement's verdict depends on the facts it reads alone.
        failing = [
            plan_.requirement_paths.get(failed, frozenset())
            for failed in failed_requirements(compiled, ev)
        ]
        can_fix = frozenset.intersection(*failing) if failing else frozenset()
        facts = {path: fact for path, fact in facts.items() if path in can_fix}
    needed = min(t.min_points for t in compiled.tiers if t.id in search.goal) - ev.total
    best: tuple[Decimal, str, Change] | None = None
    for path, fact in facts.items():  # in path order (whatifplan._facts)
        # A fact whose rules cannot add the points still needed is not worth a trial.
        if headroom is not None and headroom.get(path, Decimal(0)) < needed:
            continue
        model = search.applicant  # read here, not where a missing attribute is caught
        try:
            old = fact.ref.get(model)
        except AttributeError:
            continue
        numeric, base = fact.numeric, fact.base
        found: list[tuple[Decimal, Decimal, str, Any]] = []
        # A scale's value that works is bisected towards the old one afterwards, so its
        # cost before that says nothing of the answer's: only a fact whose next edge is
        # known (or that is added or a category) can be passed over for a cheaper change
        # of another fact. (Passing a scale over too was a bug: a smaller change of it was
        # never tried once another fact sorted before it.)
        bisected = numeric and old is not None and not fact.exact
        # Cheapest first: once a value works, only values of the same cost can still win
        # (equal costs: a fact added or a category changed; then the least demanding one).
        for cost, value in sorted(
            ((search.cost(old, v, numeric), v) for v in fact.tries(old)),
            key=lambda cv: (cv[0], str(cv[1])),
        ):
            if found and cost > found[0][0]:
                break
            if best is not None and cost > best[0] and not bisected:
                break
            if search.exhausted():
                break
            trial = search.trial(path, value)
            if search.reaches(trial):
                found.append((cost, trial.total or Decimal(0), str(value), value))
        if not found:
            continue
        cost, total, _, value = min(found)
        if bisected:
            # a scale (or a boundary off the grid): the kinds cannot say where it turns
            value = search.refine(path, old, value, base)
            cost = search.cost(old, value, numeric)
            new = search.trial(path, value)
            if not search.reaches(new) or new.total is None:  # refine stopped short
                continue
            total = new.total
        tier = compiled.tier_for(total)  # a change that works is eligible: its total's tier
        change = Change(path, old, value, total - ev.total, tier, not ev.eligible, fact.title)
        if best is None or (cost, path) < best[:2]:
            best = (cost, path, change)
    return best[2] if best else None
