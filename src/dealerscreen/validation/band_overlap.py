"""band-overlap (error): two bands of a `bands` criterion cover the same values.

A value in both would get the points of whichever band happens to come first.

Fails::

    bands:
      - {min: 0, max: 20, points: 2}
      - {min: 15, max: 26, points: 3}     # 15-<20 is in both
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.rules.bands import Bands
from dealerscreen.validation.bands_order import ordered
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "band-overlap"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for i, crit in enumerate(compiled.profile.criteria):
            if not isinstance(crit.scoring, Bands):
                continue
            pairs = ordered(crit.scoring.bands)
            for (_, a), (j, b) in itertools.pairwise(pairs):
                if a.max is None or b.min is None or a.max > b.min:
                    band, other = b.label(), a.label()
                    said = (
                        message("band-overlap", band=band, other=other, criterion=crit.id)
                        if b.min is None
                        else message(
                            "band-overlap.from",
                            band=band,
                            other=other,
                            criterion=crit.id,
                            low=show(b.min),
                        )
                    )
                    where = ("criteria", i, "scoring", "bands", j)
                    yield in_profile(compiled, where, "error", said, ID)


CHECK = Check(ID, "error", __doc__ or "", run)
