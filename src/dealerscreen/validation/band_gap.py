"""band-gap (warning): values between two bands fall in no band and earn 0 points.

Often a typo in a bound; when it is meant, write the band with `points: 0`.

Fails::

    bands:
      - {min: 0, max: 15, points: 0}
      - {min: 20, points: 5}              # 15-<20 is in no band
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

ID = "band-gap"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for i, crit in enumerate(compiled.profile.criteria):
            if not isinstance(crit.scoring, Bands):
                continue
            pairs = ordered(crit.scoring.bands)
            for (_, a), (j, b) in itertools.pairwise(pairs):
                if a.max is not None and b.min is not None and a.max < b.min:
                    yield in_profile(
                        compiled,
                        ("criteria", i, "scoring", "bands", j, "min"),
                        "warning",
                        message("band-gap", low=show(a.max), high=show(b.min), criterion=crit.id),
                        ID,
                    )


CHECK = Check(ID, "warning", __doc__ or "", run)
