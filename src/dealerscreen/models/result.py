"""What screening decides for one applicant: frozen records that every reporter reads.

Points are Decimals end to end, so a total that lands on a tier threshold is in the tier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from dealerscreen.models.lazytext import LazyText

if TYPE_CHECKING:
    from dealerscreen.models.applicant import Evidence


ID_KEY = "applicant_id"  # the last ranking key: a tie no key of the profile broke


@dataclass(frozen=True)
class Wanted:
    """One fact a provisional pass rests on: the documents that would make it final."""

    fact: str  # field path
    documents: tuple[str, ...]  # kinds accepted; () for any
    verified: bool  # whether the team must verify it (a submitted document is not enough)
    submitted: bool  # a document was sent, but not verified (when `verified`)


@dataclass(frozen=True)
class Separation:
    """One applicant against the applicant across its city's quota line."""

    quota: int
    other_id: str
    other_name: str
    other_name_zh: str | None
    other_above: bool  # the other ranks above (this one is a runner-up)
    key: str  # the ranking key that decided: total, criterion:<id>, field:<path>, applicant_id
    tied_on: tuple[str, ...]  # the keys before it, on which the two are equal
    ours: Decimal | str | None  # this applicant's value of `key` (None: fact missing)
    theirs: Decimal | str | None
    other_score: Decimal  # the other's criteria points and bonus: a total is told on its scale
    other_bonus: Decimal

    @property
    def unbroken(self) -> bool:
        """No key of the profile told the two apart: only the id did."""
        return self.key == ID_KEY


@dataclass(frozen=True)
class GateResult:
    id: str
    title: str
    passed: bool
    reason: str  # the profile's words for a failure
    if TYPE_CHECKING:  # a LazyText descriptor: set with a Text, reads as str
        detail: str  # the facts that decided it
    else:
        detail: LazyText = LazyText()
    source: str
    missing: tuple[str, ...] = ()
    basis: str | None = None  # published | reported | team (criteria.models.Basis)
    # Passed on claims the profile wants documents for (evidence.py): what to send.
    provisional: bool = False
    wanted: tuple[Wanted, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    id: str
    title: str
    group: str | None
    points: Decimal
    max_points: Decimal
    if TYPE_CHECKING:
        detail: str
    else:
        detail: LazyText = LazyText()
    source: str
    missing_policy: str | None = None  # set when a missing fact decided the points
    fact: str | None = None
    basis: str | None = None
    missing: tuple[str, ...] = ()  # the facts not stated that decided it, to ask for
    # A reviewer-scored criterion no reviewer has scored yet: its missing policy stands in
    # until the team's review, and nothing was left out by the applicant.
    unreviewed: bool = False


@dataclass(frozen=True)
class BonusResult:
    id: str
    title: str
    points: Decimal
    applied: bool
    if TYPE_CHECKING:
        detail: str
    else:
        detail: LazyText = LazyText()
    source: str
    basis: str | None = None


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    passed: bool | None
    level: str
    verified: bool
    message: str
    if TYPE_CHECKING:
        detail: str
    else:
        detail: LazyText = LazyText()
    source: str
    missing: tuple[str, ...] = ()  # not stated, so not checked


GATE, TIER, TIE = "gate", "tier", "tie"


@dataclass(frozen=True)
class ReviewFlag:
    """A reason for a person to look again at a decision (review.py, separation.py; #12)."""

    kind: str  # GATE, TIER or TIE
    id: str  # the gate's id, the tier's id, or the applicant across the quota line
    field: str | None = None  # GATE: the fact missed by little
    value: Any = None  # GATE: its stated value; TIER: the total
    threshold: Any = None  # GATE: the threshold; TIER: the tier's lowest total
    margin: Decimal | None = None
    op: str | None = None  # GATE: how the gate compares (ge, gt, le, lt)

    @property
    def code(self) -> str:
        """'gate:dealer-standing', 'tier:A', 'tie': for json and the outcome cases."""
        return self.kind if self.kind == TIE else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Evaluation:
    """One applicant scored on its own; ranks come later, from the whole batch."""

    applicant_id: str
    legal_name: str
    chinese_name: str | None
    group_name: str | None
    city_id: str  # the reference entry's id, or the text as written when unknown
    city_name: str
    city_name_zh: str | None
    source_path: str
    eligible: bool
    gates: tuple[GateResult, ...]
    criteria: tuple[CriterionResult, ...]
    bonuses: tuple[BonusResult, ...]
    checks: tuple[CheckResult, ...]
    score: Decimal  # criteria points
    bonus: Decimal  # bonus points after the cap
    total: Decimal
    tier: str | None  # None when ineligible
    sort_key: tuple[object, ...]
    review: tuple[ReviewFlag, ...] = ()  # near misses of a gate or tier (review.py, #12)

    @property
    def max_points(self) -> Decimal:
        """The scale the score is out of: the criteria's points add up to the profile's."""
        return sum((c.max_points for c in self.criteria), Decimal(0))

    # Eligible on claims a gate wants documents for: ranked, but not final until they come.
    provisional: bool = False
    evidence: tuple[Evidence, ...] = ()  # the documents the application lists

    @property
    def failed_gates(self) -> tuple[GateResult, ...]:
        return tuple(g for g in self.gates if not g.passed)

    @property
    def provisional_gates(self) -> tuple[GateResult, ...]:
        return tuple(g for g in self.gates if g.provisional) if self.provisional else ()

    @property
    def wanted(self) -> tuple[Wanted, ...]:
        """The documents a provisional decision waits for, each fact once."""
        seen: dict[str, Wanted] = {}
        for g in self.provisional_gates:
            for w in g.wanted:
                seen.setdefault(w.fact, w)
        return tuple(seen.values())


@dataclass(frozen=True)
class Result:
    evaluation: Evaluation
    rank: int | None  # overall rank among eligible applicants; None when ineligible
    city_rank: int | None
    city_quota: int | None
    shortlisted: bool
    # At the city's quota line: who is across it and what separated them (#12).
    separation: Separation | None = None

    @property
    def review(self) -> tuple[ReviewFlag, ...]:
        """Why a person should look again: near misses, and a tie only the id broke."""
        return with_tie(self.evaluation.review, self.separation)


def with_tie(review: tuple[ReviewFlag, ...], sep: Separation | None) -> tuple[ReviewFlag, ...]:
    """A decision's reasons to look again (its near misses) and, at the quota line, a tie
    only the id broke: what a result and a stored record both say."""
    if sep is not None and sep.unbroken:
        return (*review, ReviewFlag(TIE, sep.other_id))
    return review


T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """``cls(*values)`` (every field, in order) for the engine's hot loop: the same object.

    A frozen dataclass sets each field through ``object.__setattr__`` (about 1 us for a
    gate's seven fields, ~50 records per applicant); filling ``__dict__`` at once is 4x
    faster. A `LazyText` field lives under its slot name, unformatted, as ``__init__``
    would leave it.
    """
    names = tuple(
        f"_{f.name}" if isinstance(cls.__dict__.get(f.name), LazyText) else f.name
        for f in fields(cls)  # type: ignore[arg-type]
    )
    new = object.__new__

    def make(*values: Any) -> T:
        obj = new(cls)
        obj.__dict__.update(zip(names, values, strict=True))
        return obj

    return make


make_gate = builder(GateResult)
make_criterion = builder(CriterionResult)
make_bonus = builder(BonusResult)
make_check = builder(CheckResult)
