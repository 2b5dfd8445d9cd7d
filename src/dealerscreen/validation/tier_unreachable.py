"""tier-unreachable (error): a tier's `min_points` is above the best possible total.

The best total is `max_points` plus the bonuses (all of them, or `bonus_cap` if lower).
No applicant can ever be put in such a tier.

Fails::

    max_points: 100
    bonus_cap: 10
    tiers:
      - {id: A+, min_points: 120}         # at most 110 is possible
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "tier-unreachable"


def best_total(compiled: CompiledProfile) -> Decimal:
    profile = compiled.profile
    bonus = sum((b.points for b in profile.bonuses), Decimal(0))
    if profile.bonus_cap is not None:
        bonus = min(bonus, profile.bonus_cap)
    return profile.max_points + bonus


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        best = best_total(compiled)
        for i, tier in enumerate(compiled.profile.tiers):
            if tier.min_points > best:
                yield in_profile(
                    compiled,
                    ("tiers", i, "min_points"),
                    "error",
                    message(
                        "tier-unreachable", tier=tier.id, low=show(tier.min_points), best=show(best)
                    ),
                    ID,
                )


CHECK = Check(ID, "error", __doc__ or "", run)
