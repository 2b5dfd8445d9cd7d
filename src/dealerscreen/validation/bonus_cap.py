"""bonus-cap-unreachable (warning): `bonus_cap` is above what all bonuses add up to.

The cap can never apply, so it says something the profile does not do; usually a bonus
was removed or lowered and the cap not updated.

Fails::

    bonus_cap: 15
    bonuses:
      - {id: luxury-agency, points: 5, ...}
      - {id: nev-agency, points: 5, ...}      # at most 10
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "bonus-cap-unreachable"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        cap = compiled.profile.bonus_cap
        total = sum((b.points for b in compiled.profile.bonuses), Decimal(0))
        if cap is not None and cap > total:
            yield in_profile(
                compiled,
                ("bonus_cap",),
                "warning",
                message("bonus-cap-unreachable", cap=show(cap), total=show(total)),
                ID,
            )


CHECK = Check(ID, "warning", __doc__ or "", run)
