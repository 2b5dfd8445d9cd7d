"""unused-list (warning): a profile declares a reference list that none of its rules use.

Fails::

    reference:
      cities: reference/cities.yaml
      brands: reference/brands.yaml       # no in_list names `brands`
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "unused-list"


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for name in compiled.profile.reference:
            if name not in compiled.used_entries:
                yield in_profile(
                    compiled,
                    ("reference", name),
                    "warning",
                    message("unused-list", list=name),
                    ID,
                )


CHECK = Check(ID, "warning", __doc__ or "", run)
