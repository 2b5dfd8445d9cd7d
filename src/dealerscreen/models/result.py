"""What screening decides for one applicant: frozen records that every reporter reads.

Points are Decimals end to end, so a total that lands on a tier threshold is in the tier.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class GateResult:
    id: str
    title: str
    passed: bool
    reason: str  # the profile's words for a failure
    detail: str  # the facts that decided it
    source: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    id: str
    title: str
    group: str | None
    points: Decimal
    max_points: Decimal
    detail: str
    source: str
    missing_policy: str | None = None  # set when a missing fact decided the points
    fact: str | None = None


@dataclass(frozen=True)
class BonusResult:
    id: str
    title: str
    points: Decimal
    applied: bool
    detail: str
    source: str


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    passed: bool | None
    level: str
    verified: bool
    message: str
    detail: str
    source: str


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

    @property
    def failed_gates(self) -> tuple[GateResult, ...]:
        return tuple(g for g in self.gates if not g.passed)


@dataclass(frozen=True)
class Result:
    evaluation: Evaluation
    rank: int | None  # overall rank among eligible applicants; None when ineligible
    city_rank: int | None
    city_quota: int | None
    shortlisted: bool
