"""The pure core: a compiled profile and one applicant in, its decision and explanation out.

No I/O and no printing here. `evaluate` scores one applicant on its own, and ranking
(ranking.py) only orders decisions already made, so screening a batch and screening each
file alone give each applicant the same evaluation.
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys
from dealerscreen.decide.explaining import explain
from dealerscreen.decide.record import (
    ZERO,
    Decision,
    Shown,
    gate_passes,
    missing_points,
    value_of,
)
from dealerscreen.decide.review import near_misses
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import Evaluation, Wanted

__all__ = ["Decision", "Shown", "decide", "evaluate", "explain", "gate_passes", "missing_points"]


def decide(
    compiled: CompiledProfile,
    applicant: Applicant,
    stop_early: bool = False,
    source_path: str = "",
) -> Decision:
    """The complete decision of one applicant: every gate, criterion, bonus and check
    with what decided it (the record every view reads).

    `stop_early`: a what-if trial's decision, without the rules' records (not complete),
    stopped at the first requirement not met: it asks only whether the changed applicant
    would be eligible and in which tier, thousands of times per report.
    """
    if stop_early:
        return _trial(compiled, applicant)
    city_id, group = _where(compiled, applicant)
    gate_records = tuple([rule.trace(applicant) for _, rule in compiled.gates])
    gates = tuple(map(value_of, gate_records))
    eligible = all(gate_passes(g, v) for (g, _), v in zip(compiled.gates, gates, strict=True))
    needs = compiled.deciders.needs
    provisional = (
        tuple(i for i, need in needs if gates[i] is True and not need.met(applicant))
        if needs
        else ()
    )
    criterion_records = tuple([scorer.trace(applicant) for _, scorer in compiled.criteria])
    points = tuple(map(value_of, criterion_records))
    by_id: dict[str, Decimal] = {}
    score = ZERO
    for (crit, _), got in zip(compiled.criteria, points, strict=True):
        if got is None:
            if crit.missing == "fail":
                eligible = False
            got = missing_points(crit)
        by_id[crit.id] = got
        score += got
    bonus_records = tuple([rule.trace(applicant) for _, rule in compiled.bonuses])
    bonuses = tuple(map(value_of, bonus_records))
    bonus = _capped(compiled, _bonus_points(compiled, bonuses))
    total = score + bonus
    decision = Decision(
        applicant.applicant_id,
        city_id,
        group,
        eligible,
        gates,
        points,
        bonuses,
        score,
        bonus,
        total,
        compiled.tier_for(total) if eligible else None,
        _sort_key(compiled, applicant, score, bonus, by_id),
        True,
        provisional,
        gate_records,
        criterion_records,
        bonus_records,
        tuple([rule.trace(applicant) for _, rule in compiled.checks]),
        tuple(_wanted(compiled, i, applicant) for i in provisional),
        (),
        _shown(compiled, applicant, source_path),
    )
    review = near_misses(compiled, decision, applicant)
    return decision._replace(review=review) if review else decision


def _where(compiled: CompiledProfile, applicant: Applicant) -> tuple[str, str | None]:
    """The applicant's city id (its entry's, or the text as written) and group key."""
    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    name = applicant.standing.group_name
    return entry.id if entry else city_text, compiled.group_key(name) if name else None


def _shown(compiled: CompiledProfile, applicant: Applicant, source_path: str) -> Shown:
    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    return Shown(
        applicant.legal_name,
        applicant.chinese_name,
        applicant.standing.group_name,
        entry.display("en") if entry else city_text,
        entry.name.get("zh") if entry else None,
        source_path,
        tuple(applicant.evidence),
    )


def _wanted(compiled: CompiledProfile, i: int, applicant: Applicant) -> tuple[Wanted, ...]:
    need = compiled.needs[i]
    return need.wanted(applicant) if need is not None else ()


def _bonus_points(compiled: CompiledProfile, bonuses: tuple[bool | None, ...]) -> Decimal:
    return sum(
        (b.points for (b, _), v in zip(compiled.bonuses, bonuses, strict=True) if v is True), ZERO
    )


def _trial(compiled: CompiledProfile, applicant: Applicant) -> Decision:
    """Decided by the rules' bare deciding functions, up to the first requirement not met."""
    fast = compiled.deciders
    city_id, group = _where(compiled, applicant)
    gates: list[bool | None] = []
    for gate, passes in fast.gates:
        value = passes(applicant)
        gates.append(value)
        if not gate_passes(gate, value):
            return _shut_out(applicant.applicant_id, city_id, group, gates)
    decided: list[Decimal | None] = []
    by_id: dict[str, Decimal] = {}
    score = ZERO
    for crit, points_for in fast.criteria:
        points = points_for(applicant)
        decided.append(points)
        if points is None:
            if crit.missing == "fail":
                return _shut_out(applicant.applicant_id, city_id, group, gates)
            points = missing_points(crit)
        by_id[crit.id] = points
        score += points
    bonuses = tuple(applies(applicant) for _, applies in fast.bonuses)
    bonus = _capped(compiled, _bonus_points(compiled, bonuses))
    total = score + bonus
    return Decision(
        applicant.applicant_id,
        city_id,
        group,
        True,
        tuple(gates),
        tuple(decided),
        bonuses,
        score,
        bonus,
        total,
        compiled.tier_for(total),
        _sort_key(compiled, applicant, score, bonus, by_id),
        False,
    )


def _shut_out(
    applicant_id: str, city_id: str, group: str | None, gates: list[bool | None]
) -> Decision:
    """A trial decided only as far as the first requirement not met."""
    return Decision(
        applicant_id, city_id, group, False, tuple(gates), (), (), ZERO, ZERO, ZERO, None, (),
        complete=False,
    )  # fmt: skip


def evaluate(compiled: CompiledProfile, applicant: Applicant, source_path: str = "") -> Evaluation:
    """The applicant decided and explained: `explain` of `decide`."""
    return explain(compiled, decide(compiled, applicant, source_path=source_path))


def _capped(compiled: CompiledProfile, bonus: Decimal) -> Decimal:
    cap = compiled.profile.bonus_cap
    return bonus if cap is None else min(bonus, cap)


def _sort_key(
    compiled: CompiledProfile,
    applicant: Applicant,
    score: Decimal,
    bonus: Decimal,
    by_id: dict[str, Decimal],
) -> tuple[object, ...]:
    """Smaller sorts first. Each key is (missing?, value): a missing fact ranks last; every
    key in its own order, whatever its kind (keys.part)."""
    parts: list[object] = [
        keys.part(get(applicant, score, bonus, by_id), desc) for get, desc in compiled.sort_plan
    ]
    parts.append((0, applicant.applicant_id))  # ids are unique: the order is total
    return tuple(parts)
