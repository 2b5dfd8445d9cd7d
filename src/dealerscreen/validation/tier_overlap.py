"""tier-overlap (error): two tiers start at the same `min_points`.

Only one of them can ever be given; the other is dead.

Fails::

    tiers:
      - {id: A, min_points: 80}
      - {id: B, min_points: 80}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "tier-overlap"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        first: dict[Decimal, str] = {}
        for i, tier in enumerate(compiled.profile.tiers):
            other = first.setdefault(tier.min_points, tier.id)
            if other != tier.id:
                yield in_profile(
                    compiled,
                    ("tiers", i, "min_points"),
                    "error",
                    message("tier-overlap", first=other, second=tier.id, low=show(tier.min_points)),
                    ID,
                )


CHECK = Check(ID, "error", __doc__ or "", run)
