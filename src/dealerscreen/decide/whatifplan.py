"""What a what-if search knows of a profile before it sees an applicant, from the kinds.

Worked out once per profile (`plan`), from each rule kind's own answers: which facts a
rule reads and the numbers where its outcome changes (`boundaries`), and whether it
changes only there (`stepwise`). So, per fact: the gates, criteria and bonuses that read
it, the values worth trying (each boundary and its neighbours, or each category, checked
against the field's type once, not per applicant), and whether the next edge is known
(`Fact.exact`) or must be searched for.

A trial (`Outcome.trial`) decides only the rules that read the changed fact, by their
own deciding functions, and takes every other rule's outcome from the applicant's
decision: the same gates, points, bonuses and tier as deciding the whole changed
applicant (tests/test_whatif.py compares them on every sample), for a fraction of it.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.engine import gate_passes, missing_points
from dealerscreen.decide.explaining import Told
from dealerscreen.models.applicant import SELF_CLAIMS, Applicant
from dealerscreen.models.fields import FieldPathError, FieldRef, resolve_field
from dealerscreen.models.result import Evaluation
from dealerscreen.rules.base import Facts, Kind

ZERO = Decimal(0)


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


def step_of(base: Any) -> Decimal:
    """The grid a numeric fact is tried and bisected on: whole numbers, or tenths."""
    return Decimal(1) if base is int else Decimal("0.1")


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
        step = step_of(base)
        values: set[Decimal] = set()
        for n in numbers:
            values.update((n, n - step, n + step))
        typed = [base(v) for v in sorted(values) if v >= 0]
        return [v for v in typed if v != old and _valid(annotation, v)], True, base
    return [], False, None


class Reads(NamedTuple):
    """The rules that read one fact, by their index in the profile."""

    gates: tuple[int, ...]
    criteria: tuple[int, ...]
    bonuses: tuple[int, ...]


@dataclass(frozen=True)
class Fact:
    """One fact a search may change, as a profile reads it."""

    path: str
    ref: FieldRef
    title: str  # the first criterion (or gate) that reads it
    reads: Reads
    values: tuple[Any, ...]  # every value worth trying, valid for the field (the old one too)
    numeric: bool
    base: Any  # int or float for a number
    # The kinds say where the outcome changes, and each such number and its neighbours are
    # among `values`: the cheapest value that works is the answer, with no bisection.
    exact: bool

    def tries(self, old: Any) -> list[Any]:
        return [v for v in self.values if v != old]


@dataclass(frozen=True)
class Plan:
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
    eligible: dict[str, Fact]  # the facts an eligible applicant's search tries
    ineligible: dict[str, Fact]  # and an ineligible one's


class _Edges:
    """Each rule's `boundaries`, worked out once while a plan is made: the plan asks for
    them per fact and per rule (9,400 times for the default profile), each a walk of the
    rule's definition. Read only: the sets are the rule's answer, not copies."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Kind, Facts]] = {}

    def __call__(self, kind: Kind) -> Facts:
        known = self._known.get(id(kind))
        if known is None or known[0] is not kind:
            known = self._known[id(kind)] = (kind, kind.boundaries())
        return known[1]


def _gather(
    specs: list[tuple[str, Kind]], edges: _Edges
) -> tuple[dict[str, set[Decimal]], dict[str, str]]:
    facts: dict[str, set[Decimal]] = {}
    titles: dict[str, str] = {}
    for title, spec in specs:
        for path, numbers in edges(spec).items():
            facts.setdefault(path, set()).update(numbers)
            titles.setdefault(path, title)
    return facts, titles


def _reads(path: str, kinds: list[Kind], edges: _Edges) -> tuple[int, ...]:
    return tuple(i for i, k in enumerate(kinds) if path in edges(k))


def _facts(
    numbers: dict[str, set[Decimal]],
    titles: dict[str, str],
    fields: dict[str, FieldRef | None],
    rules: tuple[list[Kind], list[Kind], list[Kind]],
    edges: _Edges,
) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    every = [k for group in rules for k in group]
    for path in sorted(numbers):
        ref = fields.get(path)
        if ref is None:
            continue
        reads = Reads(*(_reads(path, group, edges) for group in rules))
        values, numeric, base = _candidates(ref.annotation, numbers[path], object())
        readers = [k for k in every if path in edges(k)]
        turns = set().union(*(edges(k)[path] for k in readers))
        step = step_of(base)
        exact = (
            all(k.stepwise() for k in readers)
            and turns <= numbers[path]  # every edge of the outcome is tried, and beside it
            and all(n % step == 0 for n in turns)  # on the grid: nothing between to find
        )
        out[path] = Fact(path, ref, titles[path], reads, tuple(values), numeric, base, exact)
    return out


def make_plan(compiled: CompiledProfile) -> Plan:
    edges = _Edges()
    scoring: list[tuple[str, Kind]] = [(c.title, c.scoring) for c, _ in compiled.criteria]
    facts, titles = _gather(scoring, edges)
    gates: list[tuple[str, Kind]] = [(g.title, g.condition) for g, _ in compiled.gates]
    gate_facts, gate_titles = _gather(scoring + gates, edges)
    bonus_total = sum((b.points for b, _ in compiled.bonuses), ZERO)
    cap = compiled.profile.bonus_cap
    fields: dict[str, FieldRef | None] = {}
    for path in gate_facts:
        try:
            # a claim or label is not a change to advise (SELF_CLAIMS): never tried
            fields[path] = None if path in SELF_CLAIMS else resolve_field(Applicant, path)
        except FieldPathError:
            fields[path] = None
    requirements = {g.id: frozenset(edges(g.condition)) for g, _ in compiled.gates}
    requirements.update(
        {f"{c.id}:required": frozenset(edges(c.scoring)) for c, _ in compiled.criteria}
    )
    rules: tuple[list[Kind], list[Kind], list[Kind]] = (
        [g.condition for g, _ in compiled.gates],
        [c.scoring for c, _ in compiled.criteria],
        [b.condition for b, _ in compiled.bonuses],
    )
    return Plan(
        facts,
        titles,
        gate_facts,
        gate_titles,
        tuple((c.id, c.points, tuple(edges(c.scoring))) for c, _ in compiled.criteria),
        tuple(path for b, _ in compiled.bonuses for path in edges(b.condition)),
        min(bonus_total, cap) if cap is not None else bonus_total,
        fields,
        requirements,
        _facts(facts, titles, fields, rules, edges),
        _facts(gate_facts, gate_titles, fields, rules, edges),
    )


PLANS_MAX = 8  # profiles whose plan is kept: a run compiles one or two (diff, sensitivity a few)
_PLANS: dict[int, tuple[CompiledProfile, Plan]] = {}


def plan(compiled: CompiledProfile) -> Plan:
    kept = _PLANS.get(id(compiled))
    if kept is not None and kept[0] is compiled:
        return kept[1]
    made = make_plan(compiled)
    if len(_PLANS) >= PLANS_MAX:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(compiled)] = (compiled, made)  # holding `compiled` keeps its id unique
    return made


def bonus_points(compiled: CompiledProfile, applied: Iterable[bool]) -> Decimal:
    """The applied bonuses' points before the cap, summed in profile order from zero."""
    bonuses = compiled.deciders.bonuses
    return sum((b.points for (b, _), v in zip(bonuses, applied, strict=True) if v), ZERO)


class Trial(NamedTuple):
    """What a trial needs to know of the changed applicant: decided, not explained."""

    eligible: bool
    total: Decimal | None  # None when not eligible
    tier: str | None


class _Changed:
    """A model read with one attribute changed, without copying it: a pydantic copy of
    two nested models costs more than deciding the rules that read the fact. Only
    attribute reads are served (what the rules' field getters do)."""

    __slots__ = ("_base", "_name", "_value")

    def __init__(self, base: Any, name: str, value: Any) -> None:
        self._base, self._name, self._value = base, name, value

    def __getattr__(self, attr: str) -> Any:
        return self._value if attr == self._name else getattr(self._base, attr)


def changed(model: Any, path: list[str], value: Any) -> Any:
    head, *rest = path
    if not rest:
        return _Changed(model, head, value)
    return _Changed(model, head, changed(getattr(model, head), rest, value))


# What the search reads of the applicant's decision, through these accessors only: the
# decision record may change its shape, the search need not. An evaluation that puts a
# decision into words as they are read (`Told`, what a batch's views hold) is read from
# its decision's verdicts and points: a search then puts no rule into words that its view
# does not show (a markdown report of 2,000 put 832 applicants' bonuses into words for
# its searches alone). The words' fields say the same (tests/test_told_lazily.py).
def gates_passed(compiled: CompiledProfile, ev: Evaluation) -> tuple[bool, ...]:
    if isinstance(ev, Told):
        verdicts = zip(compiled.gates, ev.decision.gates, strict=True)
        return tuple(gate_passes(gate, v) for (gate, _), v in verdicts)
    return tuple(g.passed for g in ev.gates[: len(compiled.gates)])


def criterion_points(compiled: CompiledProfile, ev: Evaluation) -> tuple[Decimal, ...]:
    """Each criterion's points as counted in the score (a missing fact's by its policy)."""
    if isinstance(ev, Told):
        return tuple(ev.decision.criterion_points(compiled).values())  # in profile order
    return tuple(c.points for c in ev.criteria)


def required_missing(compiled: CompiledProfile, ev: Evaluation) -> tuple[bool, ...]:
    """Each criterion: is its fact missing under the policy `fail` (shut out)?"""
    if isinstance(ev, Told):
        points = zip(compiled.criteria, ev.decision.points, strict=True)
        return tuple(p is None and crit.missing == "fail" for (crit, _), p in points)
    return tuple(c.missing_policy == "fail" for c in ev.criteria)


def bonuses_applied(compiled: CompiledProfile, ev: Evaluation) -> tuple[bool, ...]:
    if isinstance(ev, Told):
        return tuple(v is True for v in ev.decision.bonuses)
    return tuple(b.applied for b in ev.bonuses)


def failed_requirements(compiled: CompiledProfile, ev: Evaluation) -> tuple[str, ...]:
    """The ids of the requirements not met: a gate's, or "<criterion>:required" for a
    criterion whose missing fact shuts the applicant out (as `Plan.requirement_paths`)."""
    if isinstance(ev, Told):
        return ev.decision.failed(compiled)
    return tuple(g.id for g in ev.gates if not g.passed)


class Outcome:
    """One applicant's decision rule by rule, and trials of it with one fact changed."""

    def __init__(self, compiled: CompiledProfile, applicant: Applicant, ev: Evaluation) -> None:
        self.compiled, self.applicant = compiled, applicant
        self.points = criterion_points(compiled, ev)
        self.applied = bonuses_applied(compiled, ev)
        self.raw_bonus = bonus_points(compiled, self.applied)
        passed, required = gates_passed(compiled, ev), required_missing(compiled, ev)
        self.failing_gates = frozenset(i for i, ok in enumerate(passed) if not ok)
        self.failing_required = frozenset(i for i, out in enumerate(required) if out)

    def trial(self, fact: Fact, value: Any) -> Trial:
        """The applicant with `fact` set to `value`, decided: the rules that read the fact
        anew, every other rule as the applicant's decision has it."""
        compiled, reads = self.compiled, fact.reads
        if not (self.failing_gates <= set(reads.gates)) or not (
            self.failing_required <= set(reads.criteria)
        ):
            return Trial(False, None, None)  # shut out by a rule the fact does not touch
        fast = compiled.deciders
        applicant = changed(self.applicant, fact.path.split("."), value)
        for i in reads.gates:
            gate, passes = fast.gates[i]
            if not gate_passes(gate, passes(applicant)):
                return Trial(False, None, None)
        points = list(self.points)
        for i in reads.criteria:
            crit, points_for = fast.criteria[i]
            got = points_for(applicant)
            if got is None:
                if crit.missing == "fail":
                    return Trial(False, None, None)
                got = missing_points(crit)
            points[i] = got
        if reads.bonuses:
            applied = list(self.applied)
            for i in reads.bonuses:
                applied[i] = fast.bonuses[i][1](applicant) is True
            raw = bonus_points(compiled, applied)
        else:  # no bonus reads the fact: the applicant's own (most facts)
            raw = self.raw_bonus
        # Summed in profile order from zero, as `engine.decide` sums: the same decimals,
        # down to their exponent, so a gain reads as the engine's would.
        score = ZERO
        for p in points:
            score += p
        cap = compiled.profile.bonus_cap
        total = score + (raw if cap is None else min(raw, cap))
        return Trial(True, total, compiled.tier_for(total))
