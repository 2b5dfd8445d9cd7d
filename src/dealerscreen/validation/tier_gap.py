"""tier-gap (warning): no tier starts at 0, so a low-scoring eligible applicant has no tier.

Reports then show an eligible applicant without a tier, which readers take for an error.

Fails::

    tiers:
      - {id: A, min_points: 80}
      - {id: B, min_points: 50}           # below 50: no tier; add {id: D, min_points: 0}
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "tier-gap"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        tiers = compiled.profile.tiers
        lowest = min(range(len(tiers)), key=lambda i: tiers[i].min_points)
        if tiers[lowest].min_points > 0:
            yield in_profile(
                compiled,
                ("tiers", lowest, "min_points"),
                "warning",
                message("tier-gap", low=show(tiers[lowest].min_points)),
                ID,
            )


CHECK = Check(ID, "warning", __doc__ or "", run)
