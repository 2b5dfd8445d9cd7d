"""The pure core: a compiled profile and one applicant in, its decision and explanation out.

No I/O and no printing here. `evaluate` scores one applicant on its own, and ranking
(ranking.py) only orders decisions already made, so screening a batch and screening each
file alone give each applicant the same evaluation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.criteria.models import Criterion, Gate
from dealerscreen.decide import keys
from dealerscreen.decide.review import near_misses
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import (
    BonusResult,
    CheckResult,
    CriterionResult,
    Evaluation,
    GateResult,
    make_bonus,
    make_check,
    make_criterion,
    make_gate,
)
from dealerscreen.rules.phrases import Phrases

ZERO = Decimal(0)
HALF = Decimal("0.5")


class Decision(NamedTuple):
    """What the profile decides for one applicant, and nothing that explains it.

    Made once per applicant by the rules' deciding functions (`decide`): ranking reads it,
    and an explanation is built from it and the applicant (`explain`), never by deciding
    again another way.
    """

    applicant_id: str
    city_id: str
    group: str | None  # the dealer group's key (`CompiledProfile.group_key`), if it names one
    eligible: bool
    gates: tuple[bool | None, ...]  # each gate's verdict, in profile order (None: not known)
    points: tuple[Decimal | None, ...]  # each criterion's points (None: its fact is missing)
    bonuses: tuple[bool | None, ...]  # each bonus's condition
    score: Decimal
    bonus: Decimal
    total: Decimal
    tier: str | None
    sort_key: tuple[object, ...]
    # False: decided only as far as the first requirement not met (`decide(stop_early=True)`,
    # what ranking needs: the ineligible are ordered by id); the rest is decided when read.
    complete: bool = True
    # Gates (by index) passed on claims without the evidence the profile requires for them:
    # the applicant is ranked on its claims, and the decision is provisional until it sends
    # the documents. Empty for almost every applicant of a profile that requires none.
    provisional: tuple[int, ...] = ()

    @property
    def is_provisional(self) -> bool:
        """An eligible applicant whose eligibility rests on claims not yet backed: an
        ineligible one is out on its own claims, final."""
        return self.eligible and bool(self.provisional)

    def criterion_points(self, compiled: CompiledProfile) -> dict[str, Decimal]:
        """Each criterion's points as counted in the score (a missing fact's by its policy)."""
        return {
            c.id: missing_points(c) if p is None else p
            for (c, _), p in zip(compiled.criteria, self.points, strict=True)
        }

    def failed(self, compiled: CompiledProfile) -> tuple[str, ...]:
        """Ids of the gates not met, and of the criteria whose required fact is missing."""
        out = [
            g.id
            for (g, _), v in zip(compiled.gates, self.gates, strict=True)
            if not gate_passes(g, v)
        ]
        out += [
            f"{c.id}:required"
            for (c, _), p in zip(compiled.criteria, self.points, strict=True)
            if p is None and c.missing == "fail"
        ]
        return tuple(out)


def decide(compiled: CompiledProfile, applicant: Applicant, stop_early: bool = False) -> Decision:
    """Every gate, criterion and bonus of the profile decided for one applicant.

    `stop_early`: stop at the first requirement not met. Ranking needs no more of an
    applicant that is shut out, and most of a large intake is (five times faster then).
    """
    fast = compiled.deciders
    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    city_id = entry.id if entry else city_text
    name = applicant.standing.group_name
    group = compiled.group_key(name) if name else None
    gates: list[bool | None] = []
    eligible = True
    for gate, passes in fast.gates:
        value = passes(applicant)
        gates.append(value)
        if not gate_passes(gate, value):
            eligible = False
            if stop_early:
                return _shut_out(applicant.applicant_id, city_id, group, gates)
    provisional = (
        tuple(i for i, need in fast.needs if gates[i] is True and not need.met(applicant))
        if fast.needs
        else ()
    )
    decided: list[Decimal | None] = []
    by_id: dict[str, Decimal] = {}
    score = ZERO
    for crit, points_for in fast.criteria:
        points = points_for(applicant)
        decided.append(points)
        if points is None:
            if crit.missing == "fail":
                eligible = False
                if stop_early:
                    return _shut_out(applicant.applicant_id, city_id, group, gates, provisional)
            points = missing_points(crit)
        by_id[crit.id] = points
        score += points
    bonuses = tuple(applies(applicant) for _, applies in fast.bonuses)
    raw = sum(
        (b.points for (b, _), v in zip(fast.bonuses, bonuses, strict=True) if v is True), ZERO
    )
    bonus = _capped(compiled, raw)
    total = score + bonus
    return Decision(
        applicant.applicant_id,
        city_id,
        group,
        eligible,
        tuple(gates),
        tuple(decided),
        bonuses,
        score,
        bonus,
        total,
        compiled.tier_for(total) if eligible else None,
        _sort_key(compiled, applicant, score, bonus, by_id),
        True,
        provisional,
    )


def _shut_out(
    applicant_id: str,
    city_id: str,
    group: str | None,
    gates: list[bool | None],
    provisional: tuple[int, ...] = (),
) -> Decision:
    """An applicant decided only as far as ranking needs: the gates up to the first one
    not met (or every gate, when a required criterion's fact is missing)."""
    return Decision(
        applicant_id,
        city_id,
        group,
        False,
        tuple(gates),
        (),
        (),
        ZERO,
        ZERO,
        ZERO,
        None,
        (),
        complete=False,
        provisional=provisional,
    )


def evaluate(compiled: CompiledProfile, applicant: Applicant, source_path: str = "") -> Evaluation:
    """The applicant decided and explained: `explain` of `decide`."""
    return explain(compiled, applicant, decide(compiled, applicant), source_path)


def explain(
    compiled: CompiledProfile, applicant: Applicant, decision: Decision, source_path: str = ""
) -> Evaluation:
    """The words for a decision: each rule says why its decided value is what it is."""
    if not decision.complete:  # decided only as far as ranking needed: the rest, likewise
        decision = decide(compiled, applicant)
    gates: list[GateResult] = []  # built by make_*: every field, in order
    say = Phrases(compiled.lang)
    provisional = decision.provisional
    for i, ((gate, check), value) in enumerate(zip(compiled.gates, decision.gates, strict=True)):
        text, missing = check.words(applicant, value)
        need = compiled.needs[i] if i in provisional else None
        gates.append(
            make_gate(
                gate.id,
                gate.title,
                gate_passes(gate, value),
                gate.reason,
                text,
                gate.source,
                missing,
                gate.basis,
                need is not None,
                need.wanted(applicant) if need is not None else (),
            )
        )

    criteria: list[CriterionResult] = []
    for (crit, scorer), decided in zip(compiled.criteria, decision.points, strict=True):
        text, missing, fact = scorer.words(applicant, decided)
        policy: str | None = None
        points = decided
        if points is None:
            policy = crit.missing
            if crit.missing == "fail":
                gates.append(
                    make_gate(
                        f"{crit.id}:required",
                        say("required_title", title=crit.title),
                        False,
                        say(
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
                )
                points = ZERO
            else:
                points = missing_points(crit)
        criteria.append(
            make_criterion(
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
            )
        )

    bonuses: list[BonusResult] = []
    for (b, check), value in zip(compiled.bonuses, decision.bonuses, strict=True):
        text, _ = check.words(applicant, value)
        applied = value is True
        bonuses.append(
            make_bonus(
                b.id, b.title, b.points if applied else ZERO, applied, text, b.source, b.basis
            )
        )

    checks: list[CheckResult] = []  # advisories: they decide nothing, so only explain
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
                out.missing,
            )
        )

    city_text = applicant.target.city
    entry = compiled.cities.resolve(city_text) if compiled.cities else None
    return Evaluation(
        applicant_id=applicant.applicant_id,
        legal_name=applicant.legal_name,
        chinese_name=applicant.chinese_name,
        group_name=applicant.standing.group_name,
        city_id=decision.city_id,
        city_name=entry.display("en") if entry else city_text,
        city_name_zh=entry.name.get("zh") if entry else None,
        source_path=source_path,
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
        review=near_misses(compiled, decision, applicant),
        provisional=decision.is_provisional,
        evidence=tuple(applicant.evidence),
    )


def gate_passes(gate: Gate, value: bool | None) -> bool:
    """A gate whose fact is missing passes only if the profile says so (`missing: pass`)."""
    return value if value is not None else gate.missing == "pass"


def missing_points(crit: Criterion) -> Decimal:
    """Points for a criterion whose fact is missing, when its policy is not `fail`."""
    return crit.points * HALF if crit.missing == "neutral" else ZERO


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
