"""What would change the outcome: the smallest change of one fact that lifts an applicant.

For an eligible applicant the target is the next tier up; for an ineligible one, becoming
eligible. The search tries each numeric, yes/no or category fact that the criteria (and,
for an ineligible applicant, the gates) read: the numbers where each rule's outcome changes
(its kind's `boundaries`), their neighbours, and every category. Each try decides the whole applicant with one fact
changed (`model_copy` of the nested section) by the word-free functions that rank the
batch, so the answer is what the engine would say, not an estimate, and costs a few
microseconds a try; only the answer is explained. The number of tries is bounded
(`MAX_TRIALS`). For scales (`linear`) a bisection then finds the smallest value that
still works. "Smallest" is the relative change |new - old| / max(|old|, 1); adding a
missing fact or changing a category counts as 1 (100%).
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.engine import decide
from dealerscreen.models.applicant import SELF_CLAIMS, Applicant
from dealerscreen.models.fields import FieldPathError, FieldRef, resolve_field, show, to_decimal
from dealerscreen.models.result import Evaluation
from dealerscreen.rules.base import Kind

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


def _inner(annotation: Any) -> Any:
    while get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return annotation
        annotation = args[0]
    return annotation


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _valid(annotation: Any, value: Any) -> bool:
    try:
        _adapter(annotation).validate_python(value, strict=False)
    except ValidationError:
        return False
    return True


class _Changed:
    """A model read with one attribute changed, without copying it: the what-if search
    decides thousands of changed applicants, and a pydantic copy of two nested models
    cost more than deciding one. Only attribute reads are served (what the rules' field
    getters do)."""

    __slots__ = ("_base", "_name", "_value")

    def __init__(self, base: Any, name: str, value: Any) -> None:
        self._base, self._name, self._value = base, name, value

    def __getattr__(self, attr: str) -> Any:
        return self._value if attr == self._name else getattr(self._base, attr)


def _changed(model: Any, path: list[str], value: Any) -> Any:
    head, *rest = path
    if not rest:
        return _Changed(model, head, value)
    return _Changed(model, head, _changed(getattr(model, head), rest, value))


def _candidates(annotation: Any, numbers: set[Decimal], old: Any) -> tuple[list[Any], bool, Any]:
    """(values to try, numeric?, the Python type of the field)."""
    inner = _inner(annotation)
    if get_origin(inner) is Literal:
        return [v for v in get_args(inner) if v != old], False, None
    if inner is bool:
        return [v for v in (True, False) if v != old], False, bool
    if inner in (int, float) or (
        get_origin(inner) is not None and _inner(get_args(inner)[0]) in (int, float)
    ):
        base = inner if inner in (int, float) else _inner(get_args(inner)[0])
        step = Decimal(1) if base is int else Decimal("0.1")
        values: set[Decimal] = set()
        for n in numbers:
            values.update((n, n - step, n + step))
        typed = [base(v) for v in sorted(values) if v >= 0]
        return [v for v in typed if v != old and _valid(annotation, v)], True, base
    return [], False, None


@dataclass(frozen=True)
class _Plan:
    """What the search reads of a profile, worked out once per profile, not per applicant."""

    facts: dict[str, set[Decimal]]  # field path -> the numbers the criteria compare it with
    titles: dict[str, str]  # field path -> the first criterion that reads it
    gate_facts: dict[str, set[Decimal]]  # the same over criteria and gates (ineligible)
    gate_titles: dict[str, str]
    criterion_paths: tuple[tuple[str, Decimal, tuple[str, ...]], ...]  # id, points, facts
    bonus_paths: tuple[str, ...]  # one per bonus that reads it
    bonus_max: Decimal  # the most the bonuses can add, after the cap
    fields: dict[str, FieldRef | None]  # None: not a field of the applicant model
    # The facts each requirement reads, by the id it fails under (a gate's, or
    # "<criterion>:required" for a criterion whose missing fact shuts an applicant out)
    requirement_paths: dict[str, frozenset[str]]


def _make_plan(compiled: CompiledProfile) -> _Plan:
    def gather(
        specs: list[tuple[str, Kind]],
    ) -> tuple[dict[str, set[Decimal]], dict[str, str]]:
        facts: dict[str, set[Decimal]] = {}
        titles: dict[str, str] = {}
        for title, spec in specs:
            for path, numbers in spec.boundaries().items():
                facts.setdefault(path, set()).update(numbers)
                titles.setdefault(path, title)
        return facts, titles

    scoring: list[tuple[str, Kind]] = [(c.title, c.scoring) for c, _ in compiled.criteria]
    facts, titles = gather(scoring)
    gate_facts, gate_titles = gather(scoring + [(g.title, g.condition) for g, _ in compiled.gates])
    bonus_total = sum((b.points for b, _ in compiled.bonuses), Decimal(0))
    cap = compiled.profile.bonus_cap
    fields: dict[str, FieldRef | None] = {}
    for path in gate_facts:
        try:
            # a claim or label is not a change to advise (SELF_CLAIMS): never tried
            fields[path] = None if path in SELF_CLAIMS else resolve_field(Applicant, path)
        except FieldPathError:
            fields[path] = None
    requirements = {g.id: frozenset(g.condition.boundaries()) for g, _ in compiled.gates}
    requirements.update(
        {f"{c.id}:required": frozenset(c.scoring.boundaries()) for c, _ in compiled.criteria}
    )
    return _Plan(
        facts,
        titles,
        gate_facts,
        gate_titles,
        tuple((c.id, c.points, tuple(c.scoring.boundaries())) for c, _ in compiled.criteria),
        tuple(path for b, _ in compiled.bonuses for path in b.condition.boundaries()),
        min(bonus_total, cap) if cap is not None else bonus_total,
        fields,
        requirements,
    )


PLANS_MAX = 8  # profiles whose plan is kept: a run compiles one or two (diff, sensitivity a few)
_PLANS: dict[int, tuple[CompiledProfile, _Plan]] = {}


def _plan(compiled: CompiledProfile) -> _Plan:
    kept = _PLANS.get(id(compiled))
    if kept is not None and kept[0] is compiled:
        return kept[1]
    plan = _make_plan(compiled)
    if len(_PLANS) >= PLANS_MAX:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(compiled)] = (compiled, plan)  # holding `compiled` keeps its id unique
    return plan


def _headroom(plan: _Plan, ev: Evaluation) -> dict[str, Decimal]:
    """Field path -> the most points a change of that fact alone could add to the total."""
    room: dict[str, Decimal] = {}
    got = {c.id: c.points for c in ev.criteria}
    for crit_id, points, paths in plan.criterion_paths:
        for path in paths:
            room[path] = room.get(path, Decimal(0)) + points - got.get(crit_id, Decimal(0))
    bonus_room = plan.bonus_max - ev.bonus
    for path in plan.bonus_paths:
        room[path] = room.get(path, Decimal(0)) + bonus_room
    return room


class Trial(NamedTuple):
    """What a trial needs to know of the changed applicant: decided, not explained."""

    eligible: bool
    total: Decimal | None  # None when not eligible
    tier: str | None


# A search tries the thresholds of each fact the rules read and bisects scales: a few
# dozen trials for the shipped profiles. A profile with very many thresholds could ask
# for thousands per applicant; past this many the search stops and keeps the best change
# found so far (or none), so a full report's cost stays bounded by the batch size.
MAX_TRIALS = 2000


class _Search:
    def __init__(self, compiled: CompiledProfile, applicant: Applicant, ev: Evaluation) -> None:
        self.compiled = compiled
        self.applicant = applicant
        self.ev = ev
        self.trials = 0
        order = [t.id for t in compiled.tiers]  # highest first
        if ev.eligible:
            here = order.index(ev.tier) if ev.tier in order else len(order)
            self.goal: set[str] = set(order[:here]) if here > 0 else set()
        else:
            self.goal = set(order)

    def reaches(self, new: Trial) -> bool:
        return new.eligible and new.tier in self.goal

    def exhausted(self) -> bool:
        return self.trials >= MAX_TRIALS

    def trial(self, path: str, value: Any) -> Trial:
        """The applicant with one fact changed, decided by the same functions that rank
        the batch (`engine.decide`), not explained: a report explains only the answer."""
        self.trials += 1
        changed = _changed(self.applicant, path.split("."), value)
        decided = decide(self.compiled, changed, stop_early=True)
        if not decided.eligible:
            return Trial(False, None, None)
        return Trial(True, decided.total, decided.tier)

    def cost(self, old: Any, new: Any, numeric: bool) -> Decimal:
        if numeric and old is not None:
            d_old, d_new = to_decimal(old), to_decimal(new)
            return abs(d_new - d_old) / max(abs(d_old), ONE)
        return ONE

    def refine(self, path: str, old: Any, new: Any, base: Any) -> Any:
        """The value closest to `old` between `old` and a working `new` (facts are monotone)."""
        step = Decimal(1) if base is int else Decimal("0.1")
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


def outlook(compiled: CompiledProfile, applicant: Applicant, ev: Evaluation) -> Outlook:
    top = ev.eligible and bool(compiled.tiers) and ev.tier == compiled.tiers[0].id
    return Outlook(None if top else next_step(compiled, applicant, ev), top)


def next_step(compiled: CompiledProfile, applicant: Applicant, ev: Evaluation) -> Change | None:
    """The smallest single-fact change that reaches the next tier (or eligibility), if any."""
    search = _Search(compiled, applicant, ev)
    if not search.goal:
        return None
    plan = _plan(compiled)
    facts, titles = (
        (plan.facts, plan.titles) if ev.eligible else (plan.gate_facts, plan.gate_titles)
    )
    headroom = _headroom(plan, ev) if ev.eligible else None
    if not ev.eligible:
        # One changed fact makes an applicant eligible only if every requirement it fails
        # reads that fact: a requirement's verdict depends on the facts it reads alone.
        failing = [plan.requirement_paths.get(g.id, frozenset()) for g in ev.gates if not g.passed]
        can_fix = frozenset.intersection(*failing) if failing else frozenset()
        facts = {path: numbers for path, numbers in facts.items() if path in can_fix}
    needed = min(t.min_points for t in compiled.tiers if t.id in search.goal) - ev.total
    best: tuple[Decimal, str, Change] | None = None
    for path in sorted(facts):
        # A fact whose rules cannot add the points still needed is not worth a trial.
        if headroom is not None and headroom.get(path, Decimal(0)) < needed:
            continue
        ref = plan.fields.get(path)
        if ref is None:
            continue
        try:
            old = ref.get(applicant)
        except AttributeError:
            continue
        values, numeric, base = _candidates(ref.annotation, facts[path], old)
        found: list[tuple[Decimal, Decimal, str, Any]] = []
        # Cheapest first: once a value works, only values of the same cost can still win
        # (equal costs: a fact added or a category changed; then the least demanding one).
        for cost, value in sorted(
            ((search.cost(old, v, numeric), v) for v in values), key=lambda cv: (cv[0], str(cv[1]))
        ):
            if (found and cost > found[0][0]) or (best is not None and cost > best[0]):
                break
            if search.exhausted():
                break
            trial = search.trial(path, value)
            if search.reaches(trial):
                found.append((cost, trial.total or Decimal(0), str(value), value))
        if not found:
            continue
        cost, _, _, value = min(found)
        if numeric and old is not None:
            value = search.refine(path, old, value, base)
            cost = search.cost(old, value, numeric)
        new = search.trial(path, value)
        if not search.reaches(new) or new.total is None:  # refine stopped short of the bound
            continue
        change = Change(
            path, old, value, new.total - ev.total, new.tier, not ev.eligible, titles[path]
        )
        if best is None or (cost, path) < best[:2]:
            best = (cost, path, change)
    return best[2] if best else None
