"""missing-rewarded (warning): leaving a fact out scores more than the worst answer to it.

`missing: neutral` gives half a criterion's points when its fact is not stated. Where an
applicant who states the fact can score less than that, omission pays: leaving customer
satisfaction blank would earn 3.5 of 7 while reporting 79 earns 0. Use `missing: zero`,
or say why the omission should be treated that way (`missing_rationale`).

Fails::

    - id: satisfaction
      points: 7
      missing: neutral                      # blank: 3.5 points
      scoring:
        kind: thresholds
        field: customers.satisfaction_score
        steps: [{at: 80, points: 3}, ...]   # a stated 79: 0 points
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "missing-rewarded"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for i, crit in enumerate(compiled.profile.criteria):
            if crit.missing != "neutral" or crit.missing_rationale:
                continue
            half, worst = crit.points / 2, crit.scoring.fewest_points(crit.points)
            if half > worst:
                yield in_profile(
                    compiled,
                    ("criteria", i, "missing"),
                    "warning",
                    message(
                        "missing-rewarded", criterion=crit.id, half=show(half), worst=show(worst)
                    ),
                    ID,
                )


CHECK = Check(ID, "warning", __doc__ or "", run)
