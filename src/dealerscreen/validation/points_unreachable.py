"""points-unreachable (warning): a criterion's scoring can never give its full `points`.

Then the criteria cannot add up to `max_points` in practice, whatever they declare, and
every tier threshold is harder to reach than it looks.

Fails::

    - id: frontage
      points: 6
      scoring:
        kind: bands
        field: site.street_frontage_m
        bands:
          - {max: 26, points: 2}
          - {min: 26, points: 5}          # the best band gives 5, not 6
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "points-unreachable"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for i, crit in enumerate(compiled.profile.criteria):
            top = crit.scoring.best_points(crit.points)  # the kind knows its best
            if top < crit.points:
                yield in_profile(
                    compiled,
                    ("criteria", i, "points"),
                    "warning",
                    message(
                        "points-unreachable",
                        criterion=crit.id,
                        points=show(crit.points),
                        top=show(top),
                    ),
                    ID,
                )


CHECK = Check(ID, "warning", __doc__ or "", run)
