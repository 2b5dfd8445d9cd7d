"""Where a profile's numbers come from, summed up for a reader of its decisions.

Each gate, criterion, bonus, tier and quota says whether its numbers are `published`
(the cited source says them), `reported` (an unverified source does) or `team` (the
screening team's judgement, with a rationale). A report states how much of the score
rests on each, so that a team threshold is never read as the maker's requirement.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.criteria.models import Bonus, Criterion, Gate

KINDS = ("published", "reported", "team")
ZERO = Decimal(0)


@dataclass(frozen=True)
class BasisSummary:
    max_points: Decimal  # what the criteria add up to
    points: dict[str, Decimal]  # criteria points by basis ("unstated" where none is given)
    bonus_points: dict[str, Decimal]  # bonus points by basis, before the cap
    gates: dict[str, int]  # gates by basis

    def record(self) -> dict[str, object]:
        """For the json manifest: plain numbers and counts."""
        return {
            "max_points": _number(self.max_points),
            "points": {k: _number(v) for k, v in self.points.items()},
            "bonus_points": {k: _number(v) for k, v in self.bonus_points.items()},
            "gates": dict(self.gates),
        }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _kind(basis: str | None) -> str:
    return basis if basis is not None else "unstated"


def summarise(compiled: CompiledProfile) -> BasisSummary:
    profile = compiled.profile
    points: dict[str, Decimal] = {}
    for crit in profile.criteria:
        points[_kind(crit.basis)] = points.get(_kind(crit.basis), ZERO) + crit.points
    bonus: dict[str, Decimal] = {}
    for b in profile.bonuses:
        bonus[_kind(b.basis)] = bonus.get(_kind(b.basis), ZERO) + b.points
    gates: dict[str, int] = {}
    for g in profile.gates:
        gates[_kind(g.basis)] = gates.get(_kind(g.basis), 0) + 1
    return BasisSummary(profile.max_points, points, bonus, gates)


def rationale_of(compiled: CompiledProfile, kind: str, rule_id: str, lang: str) -> str | None:
    """A rule's rationale in the language asked for, else in the profile's own."""
    profile = compiled.profile
    rules: list[Gate] | list[Criterion] | list[Bonus]
    if kind == "gate":
        rules = profile.gates
    elif kind == "criterion":
        rules = profile.criteria
    else:
        rules = profile.bonuses
    for rule in rules:
        if rule.id == rule_id:
            text = rule.translations.get(lang) if lang != "en" else None  # type: ignore[call-overload]
            translated: str | None = text.rationale if text is not None else None
            return translated or rule.rationale
    return None
