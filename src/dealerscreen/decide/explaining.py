"""A decision put into words (`explain`), each rule's words only when a view reads them.

Each rule says why its decided value is what it is from what its record kept (the facts
it read, the branch that held): nothing is decided again. A rule's result is a function
of the compiled profile, the rule and its record alone (and, for a gate, whether the
decision waits for documents on it): it is made once per distinct record
(decide/explained.py) and shared by every applicant whose record is the same (2,000
synthetic applicants: 62,000 rule results, 14,000 distinct).

The evaluation `explain` gives (`Told`) holds the decision's own fields at once and puts
its rules into words when they are first read: a view that shows a row (its name, city,
tier, points and reason) reads no rule's words of an eligible applicant but its
criteria's, and of one not eligible (most of a large batch) only the requirements it did
not meet (`failed_gates`). The words are the same ones, made by the same functions, as
if all were made at once (tests/test_told_lazily.py).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.explained import explained as _explained
from dealerscreen.decide.record import ZERO, Decision, gate_passes, missing_points
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

RULES = ("gates", "criteria", "bonuses", "checks")  # an evaluation's fields told when read
_new = object.__new__


class Told(Evaluation):
    """An evaluation whose rules are put into words when first read (`RULES`), each kind
    on its own (a row's reason reads an eligible applicant's criteria, not its gates,
    bonuses or checks); the rest is the decision's, set when made. Equal to an evaluation
    of the same words, read or not."""

    def __getattr__(self, name: str) -> Any:  # only for a field not set yet
        make = _MAKE.get(name)
        if make is None:
            raise AttributeError(name)
        compiled, decision = self.__dict__["_of"]
        told = self.__dict__[name] = make(compiled, decision)
        return told

    @property
    def decision(self) -> Decision:
        """The decision these words are made from: its verdicts and points can be read
        without putting any rule into words (decide/whatifplan.py's accessors do)."""
        decision: Decision = self.__dict__["_of"][1]
        return decision

    @property
    def failed_gates(self) -> tuple[GateResult, ...]:
        if "gates" in self.__dict__:
            return super().failed_gates
        # Kept once made: a row's reason, the explanation and the letters each read them
        # (a markdown report asked 5,384 times for 2,000 applicants). The decision and
        # the profile it is told with never change, so neither can the answer.
        failed: tuple[GateResult, ...] | None = self.__dict__.get("_failed")
        if failed is None:
            compiled, decision = self.__dict__["_of"]
            failed = self.__dict__["_failed"] = _gates(compiled, decision, failed=True)
        return failed

    @property
    def max_points(self) -> Decimal:
        if "criteria" in self.__dict__:
            return super().max_points
        compiled: CompiledProfile = self.__dict__["_of"][0]
        return compiled.max_points

    def losses(self, n: int) -> list[CriterionResult]:
        """The `n` criteria that lost most points against their maximum (ties: by id), as
        `words.explain.biggest_losses` picks them from the criteria in words; found from
        the decision's points, so only those `n` are put into words (an explanation shows
        three of a profile's criteria, a row's reason one)."""
        if "criteria" in self.__dict__:
            return losses_of(self.criteria, n)
        compiled, decision = self.__dict__["_of"]
        counted = decision.criterion_points(compiled)  # as `_criterion` counts them
        lost: list[tuple[Decimal, str, int]] = []
        for i, (crit, _) in enumerate(compiled.criteria):
            points = counted[crit.id]
            if points < crit.points:
                lost.append((points - crit.points, crit.id, i))
        lost.sort()
        memo, records = _explained(compiled), decision.criterion_records
        return [memo.get(compiled, "c", i, records[i], _criterion)[0] for *_, i in lost[:n]]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Evaluation):  # a Told or an evaluation made whole
            return all(getattr(self, f) == getattr(other, f) for f in _FIELDS)
        return NotImplemented

    __hash__ = Evaluation.__hash__


_FIELDS = tuple(Evaluation.__dataclass_fields__)


def explain(compiled: CompiledProfile, decision: Decision) -> Evaluation:
    """The words for a decision, from its record alone (`compiled` may be the profile
    compiled for another reader's language); each rule's when it is first read."""
    assert decision.complete and decision.shown is not None, "a trial's decision is not shown"
    shown = decision.shown
    told = _new(Told)
    told.__dict__.update(
        applicant_id=decision.applicant_id,
        legal_name=shown.legal_name,
        chinese_name=shown.chinese_name,
        group_name=shown.group_name,
        city_id=decision.city_id,
        city_name=shown.city_name,
        city_name_zh=shown.city_name_zh,
        source_path=shown.source_path,
        eligible=decision.eligible,
        score=decision.score,
        bonus=decision.bonus,
        total=decision.total,
        tier=decision.tier,
        sort_key=decision.sort_key,
        review=decision.review,
        provisional=decision.is_provisional,
        evidence=shown.evidence,
        _of=(compiled, decision),
    )
    return told


def points_by_criterion(ev: Evaluation) -> dict[str, Decimal]:
    """Each criterion's points as counted in the score (a missing fact's by its policy),
    by id: a decision told lazily gives them from its record, without putting its
    criteria into words (a csv or workbook row shows the points, not the words)."""
    if isinstance(ev, Told) and "criteria" not in ev.__dict__:
        return ev.decision.criterion_points(ev.__dict__["_of"][0])
    return {c.id: c.points for c in ev.criteria}


def losses_of(criteria: tuple[CriterionResult, ...], n: int) -> list[CriterionResult]:
    """The criteria where the applicant lost most points against the maximum."""
    lost = [c for c in criteria if c.points < c.max_points]
    return sorted(lost, key=lambda c: (c.points - c.max_points, c.id))[:n]


def _gates(
    compiled: CompiledProfile, decision: Decision, failed: bool = False
) -> tuple[GateResult, ...]:
    """The gates, then a gate for each required criterion whose fact is missing; `failed`:
    only those not met (a gate's verdict that does not pass, and every required one)."""
    memo = _explained(compiled)
    wanted = dict(zip(decision.provisional, decision.wanted, strict=True))
    gates: list[GateResult] = []
    for i, traced in enumerate(decision.gate_records):
        if failed and gate_passes(compiled.gates[i][0], traced[VALUE]):
            continue
        if i in wanted:  # waits for documents: not shared (rare)
            gates.append(_gate(compiled, i, traced, wanted[i]))
        else:
            gates.append(memo.get(compiled, "g", i, traced, _gate))
    gates.extend(_required(compiled, decision))
    return tuple(gates)


def _criteria(compiled: CompiledProfile, decision: Decision) -> tuple[CriterionResult, ...]:
    memo = _explained(compiled)
    records = decision.criterion_records
    return tuple([memo.get(compiled, "c", i, t, _criterion)[0] for i, t in enumerate(records)])


def _bonuses(compiled: CompiledProfile, decision: Decision) -> tuple[BonusResult, ...]:
    memo = _explained(compiled)
    return tuple(
        [memo.get(compiled, "b", i, t, _bonus) for i, t in enumerate(decision.bonus_records)]
    )


def _checks(compiled: CompiledProfile, decision: Decision) -> tuple[CheckResult, ...]:
    memo = _explained(compiled)
    return tuple([memo.get(compiled, "k", i, t, _check) for i, t in enumerate(decision.checks)])


# How each kind of rule is put into words, by the field that holds it (`RULES`).
_MAKE: dict[str, Callable[[CompiledProfile, Decision], tuple[Any, ...]]] = {
    "gates": _gates,
    "criteria": _criteria,
    "bonuses": _bonuses,
    "checks": _checks,
}


def _required(compiled: CompiledProfile, decision: Decision) -> list[GateResult]:
    """The gate each required criterion whose fact is missing adds (`_criterion`), in
    profile order: only those criteria are looked up (most applicants have none)."""
    memo = _explained(compiled)
    out: list[GateResult] = []
    for i, traced in enumerate(decision.criterion_records):
        if traced[VALUE] is None and compiled.criteria[i][0].missing == "fail":
            _, required = memo.get(compiled, "c", i, traced, _criterion)
            assert required is not None, "a required criterion's missing fact is a gate"
            out.append(required)
    return out


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
