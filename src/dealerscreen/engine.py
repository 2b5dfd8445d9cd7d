"""The pure core: a compiled profile and applicants in, explained and ranked results out.

No I/O and no printing here. `evaluate` scores one applicant on its own; `rank` orders a
batch and assigns overall and per-city ranks and shortlists, so screening a batch and
screening each file alone give each applicant the same evaluation.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.criteria.models import Criterion, Gate
from dealerscreen.fields import to_decimal
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import (
    BonusResult,
    CheckResult,
    CriterionResult,
    Evaluation,
    GateResult,
    Result,
    make_bonus,
    make_check,
    make_criterion,
    make_gate,
)

ZERO = Decimal(0)
HALF = Decimal("0.5")


def evaluate(compiled: CompiledProfile, applicant: Applicant, source_path: str = "") -> Evaluation:
    eligible = True
    gates: list[GateResult] = []  # built by make_*: every field, in order
    for gate, check in compiled.gates:
        out = check(applicant)
        passed = _gate_passes(gate, out.value)
        eligible &= passed
        gates.append(
            make_gate(
                gate.id,
                gate.title,
                passed,
                gate.reason,
                out.text,
                gate.source,
                out.missing,
            )
        )

    criteria: list[CriterionResult] = []
    by_id: dict[str, Decimal] = {}
    score = ZERO
    for crit, scorer in compiled.criteria:
        pts = scorer(applicant)
        policy: str | None = None
        points = pts.points
        if points is None:
            policy = crit.missing
            if crit.missing == "fail":
                eligible = False
                gates.append(
                    make_gate(
                        f"{crit.id}:required",
                        f"{crit.title} (required fact)",
                        False,
                        f"A fact {crit.title.lower()} needs is missing: {', '.join(pts.missing) or pts.text}.",
                        pts.text,
                        crit.source,
                        pts.missing,
                    )
                )
                points = ZERO
            else:
                points = _missing_points(crit)
        criteria.append(
            make_criterion(
                crit.id,
                crit.title,
                crit.group,
                points,
                crit.points,
                pts.text,
                crit.source,
                policy,
                pts.fact,
            )
        )
        by_id[crit.id] = points
        score += points

    bonuses: list[BonusResult] = []
    bonus = ZERO
    for b, check in compiled.bonuses:
        out = check(applicant)
        applied = out.value is True
        bonuses.append(
            make_bonus(b.id, b.title, b.points if applied else ZERO, applied, out.text, b.source)
        )
        if applied:
            bonus += b.points
    bonus = _capped(compiled, bonus)

    checks: list[CheckResult] = []
    for c, check in compiled.checks:
        out = check(applicant)
        checks.append(
            make_check(
                c.id,
                c.title,
                out.value,
                c.level,
                c.verified,
                c.message,
                out.text,
                c.source,
            )
        )

    total = score + bonus
    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    return Evaluation(
        applicant_id=applicant.applicant_id,
        legal_name=applicant.legal_name,
        chinese_name=applicant.chinese_name,
        group_name=applicant.standing.group_name,
        city_id=entry.id if entry else city_text,
        city_name=entry.display("en") if entry else city_text,
        city_name_zh=entry.name.get("zh") if entry else None,
        source_path=source_path,
        eligible=eligible,
        gates=tuple(gates),
        criteria=tuple(criteria),
        bonuses=tuple(bonuses),
        checks=tuple(checks),
        score=score,
        bonus=bonus,
        total=total,
        tier=compiled.tier_for(total) if eligible else None,
        sort_key=_sort_key(compiled, applicant, score, bonus, by_id),
    )


def _gate_passes(gate: Gate, value: bool | None) -> bool:
    """A gate whose fact is missing passes only if the profile says so (`missing: pass`)."""
    return value if value is not None else gate.missing == "pass"


def _missing_points(crit: Criterion) -> Decimal:
    """Points for a criterion whose fact is missing, when its policy is not `fail`."""
    return crit.points * HALF if crit.missing == "neutral" else ZERO


def _capped(compiled: CompiledProfile, bonus: Decimal) -> Decimal:
    cap = compiled.profile.bonus_cap
    return bonus if cap is None else min(bonus, cap)


class Verdict(NamedTuple):
    """What ranking needs of an evaluation, and nothing that explains it."""

    applicant_id: str
    eligible: bool
    city_id: str
    total: Decimal | None  # None when ineligible: ranking does not read it
    sort_key: tuple[object, ...] | None  # likewise: the ineligible are ordered by id


def verdict(compiled: CompiledProfile, applicant: Applicant) -> Verdict:
    """`evaluate` without words: the same eligibility, and for the eligible the same total
    and sort key, several times faster. A batch ranks every applicant by this and explains
    only the results a report shows (tests/test_verdict_only.py checks both agree on every
    sample and profile). An applicant a gate shuts out is not scored at all: its points
    change no ranking, and a report that shows it evaluates it in full."""
    fast = compiled.verdicts
    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    city_id = entry.id if entry else city_text
    for gate, passes in fast.gates:
        if not _gate_passes(gate, passes(applicant)):
            return Verdict(applicant.applicant_id, False, city_id, None, None)
    by_id: dict[str, Decimal] = {}
    score = ZERO
    for crit, points_for in fast.criteria:
        points = points_for(applicant)
        if points is None:
            if crit.missing == "fail":
                return Verdict(applicant.applicant_id, False, city_id, None, None)
            points = _missing_points(crit)
        by_id[crit.id] = points
        score += points
    bonus = ZERO
    for b, applies in fast.bonuses:
        if applies(applicant) is True:
            bonus += b.points
    bonus = _capped(compiled, bonus)
    return Verdict(
        applicant.applicant_id,
        True,
        city_id,
        score + bonus,
        _sort_key(compiled, applicant, score, bonus, by_id),
    )


def _sort_key(
    compiled: CompiledProfile,
    applicant: Applicant,
    score: Decimal,
    bonus: Decimal,
    by_id: dict[str, Decimal],
) -> tuple[object, ...]:
    """Smaller sorts first. Each key is (missing?, value): a missing fact ranks last."""
    parts: list[object] = []
    for part, desc in compiled.sort_plan:
        value = part(applicant, score, bonus, by_id)
        if value is None:
            parts.append((1, ZERO))
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            d = to_decimal(value)
            parts.append((0, -d if desc else d))
        else:
            parts.append((0, str(value)))
    parts.append((0, applicant.applicant_id))  # ids are unique: the order is total
    return tuple(parts)


class Rankable(Protocol):
    """What ranking reads of an evaluation: a compact stand-in will do (see results.py)."""

    @property
    def applicant_id(self) -> str: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def city_id(self) -> str: ...
    @property
    def sort_key(self) -> Any: ...  # a tuple, or its bytes encoding (keys.py)


R = TypeVar("R", bound=Rankable)
Placing = tuple[
    R, int | None, int | None, int | None, bool
]  # item, rank, city rank, quota, shortlisted


@dataclass(frozen=True)
class Placed(Generic[R]):
    """A ranked batch, compactly: the items in order and one small int per eligible item,
    not a tuple per item (100,000 of them would be most of a large batch's memory)."""

    order: list[R]  # the eligible by sort key, then the ineligible by id
    eligible: int  # how many of `order` are eligible
    city_ranks: array[int]  # of order[i], for i < eligible

    def at(self, compiled: CompiledProfile, i: int) -> Placing[R]:
        item = self.order[i]
        quota = compiled.quota_for(item.city_id)
        if i >= self.eligible:
            return (item, None, None, quota, False)
        city_rank = self.city_ranks[i]
        return (item, i + 1, city_rank, quota, quota is None or city_rank <= quota)


def place(items: Iterable[R], *, self_ordered: bool = False) -> Placed[R]:
    """Eligible applicants ranked by the profile's tie-break order; the ineligible after, by id.

    `self_ordered`: the items themselves sort in that order (`results.Row` does), so one
    sort with no key objects places them: 100,000 decoded ids would be a large batch's
    largest allocation.
    """
    if self_ordered:
        order = sorted(items)  # type: ignore[type-var]
        eligible = next((i for i, e in enumerate(order) if not e.eligible), len(order))
    else:
        evals = list(items)
        order = sorted((e for e in evals if e.eligible), key=lambda e: e.sort_key)
        eligible = len(order)
        order += sorted((e for e in evals if not e.eligible), key=lambda e: e.applicant_id)
        del evals
    city_counts: dict[str, int] = defaultdict(int)
    city_ranks = array("l")
    for ev in order[:eligible]:
        city_counts[ev.city_id] += 1
        city_ranks.append(city_counts[ev.city_id])
    return Placed(order, eligible, city_ranks)


def placings(compiled: CompiledProfile, items: Iterable[R]) -> list[Placing[R]]:
    placed = place(items)
    return [placed.at(compiled, i) for i in range(len(placed.order))]


def rank(compiled: CompiledProfile, evaluations: Iterable[Evaluation]) -> list[Result]:
    """Eligible applicants ranked by the profile's tie-break order; the ineligible after, by id."""
    return [Result(*p) for p in placings(compiled, evaluations)]
