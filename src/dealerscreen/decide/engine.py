"""The pure core: a compiled profile and one applicant in, its decision and explanation out.

No I/O and no printing here. `evaluate` scores one applicant on its own, and ranking
(ranking.py) only orders decisions already made, so screening a batch and screening each
file alone give each applicant the same evaluation.
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys
from dealerscreen.decide.explained import explained as _explained
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
from dealerscreen.models.result import (
    BonusResult,
    CheckResult,
    CriterionResult,
    Evaluation,
    GateResult,
    Wanted,
    make_bonus,
    make_check,
    make_criterion,
    make_gate,
)
from dealerscreen.rules.base import VALUE, Traced
from dealerscreen.rules.phrases import Phrases
from dealerscreen.rules.reviewed import Reviewed

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


def explain(compiled: CompiledProfile, decision: Decision) -> Evaluation:
    """The words for a decision, from its record alone: each rule says why its decided
    value is what it is from what it kept (the facts it read, the branch that held).
    `compiled` may be the profile compiled for another reader's language.

    A rule's result is a function of the compiled profile, the rule and its record alone
    (and, for a gate, whether the decision waits for documents on it): it is made once
    per distinct record (decide/explained.py) and shared by every applicant whose record
    is the same (2,000 synthetic applicants: 62,000 rule results, 14,000 distinct), so
    its words are rendered once too."""
    assert decision.complete and decision.shown is not None, "a trial's decision is not shown"
    memo = _explained(compiled)
    wanted = dict(zip(decision.provisional, decision.wanted, strict=True))
    gates: list[GateResult] = []
    for i, traced in enumerate(decision.gate_records):
        if i in wanted:  # waits for documents: not shared (rare)
            gates.append(_gate(compiled, i, traced, wanted[i]))
        else:
            gates.append(memo.get(compiled, "g", i, traced, _gate))
    criteria: list[CriterionResult] = []
    for i, traced in enumerate(decision.criterion_records):
        crit_result, required = memo.get(compiled, "c", i, traced, _criterion)
        criteria.append(crit_result)
        if required is not None:
            gates.append(required)
    bonuses = [memo.get(compiled, "b", i, t, _bonus) for i, t in enumerate(decision.bonus_records)]
    checks = [memo.get(compiled, "k", i, t, _check) for i, t in enumerate(decision.checks)]
    shown = decision.shown
    return Evaluation(
        applicant_id=decision.applicant_id,
        legal_name=shown.legal_name,
        chinese_name=shown.chinese_name,
        group_name=shown.group_name,
        city_id=decision.city_id,
        city_name=shown.city_name,
        city_name_zh=shown.city_name_zh,
        source_path=shown.source_path,
        eligible=decision.eligible,
        gates=tuple(gates),
        criteria=tuple(criteria),
        bonuses=tuple(bonuses),
        checks=tuple(checks),
        score=decision.score,
        bonus=decision.bonus,
        total=decision.total,
        tier=decision.tier,
        sort_key=decision.sort_key,
        review=decision.review,
        provisional=decision.is_provisional,
        evidence=shown.evidence,
    )


def _gate(
    compiled: CompiledProfile, i: int, traced: Traced, wanted: tuple[Wanted, ...] | None = None
) -> GateResult:
    gate, check = compiled.gates[i]
    text, missing = check.words(traced)
    return make_gate(
        gate.id,
        gate.title,
        gate_passes(gate, traced[VALUE]),
        gate.reason,
        text,
        gate.source,
        missing,
        gate.basis,
        wanted is not None,
        wanted or (),
    )


def _criterion(
    compiled: CompiledProfile, i: int, traced: Traced
) -> tuple[CriterionResult, GateResult | None]:
    """A criterion's result, and the gate it adds when its required fact is missing."""
    crit, scorer = compiled.criteria[i]
    text, missing, fact = scorer.words(traced)
    policy: str | None = None
    points = decided = traced[VALUE]
    unreviewed = False
    required = None
    if points is None:
        policy = crit.missing
        unreviewed = isinstance(crit.scoring, Reviewed)  # no fact the applicant left out
        if crit.missing == "fail":
            say = Phrases(compiled.lang)
            required = make_gate(
                f"{crit.id}:required",
                say(
                    "review_required_title" if unreviewed else "required_title",
                    title=crit.title,
                ),
                False,
                say("review_required_reason", title=crit.title)
                if unreviewed
                else say(
                    "required_reason",
                    title=crit.title.lower() if say.lang == "en" else crit.title,
                    facts=say("list_sep").join(missing) or text,
                ),
                text,
                crit.source,
                missing,
                crit.basis,
                False,
                (),
            )
            points = ZERO
        else:
            points = missing_points(crit)
    result = make_criterion(
        crit.id,
        crit.title,
        crit.group,
        points,
        crit.points,
        text,
        crit.source,
        policy,
        fact,
        crit.basis,
        missing if decided is None else (),
        unreviewed,
    )
    return result, required


def _bonus(compiled: CompiledProfile, i: int, traced: Traced) -> BonusResult:
    b, check = compiled.bonuses[i]
    text, _ = check.words(traced)
    applied = traced[VALUE] is True
    return make_bonus(
        b.id, b.title, b.points if applied else ZERO, applied, text, b.source, b.basis
    )


def _check(compiled: CompiledProfile, i: int, traced: Traced) -> CheckResult:
    c, check = compiled.checks[i]
    text, missing = check.words(traced)
    return make_check(
        c.id, c.title, traced[VALUE], c.level, c.verified, c.message, text, c.source, missing
    )


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
