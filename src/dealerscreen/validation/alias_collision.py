"""alias-collision (error): two entries of one reference list share a name or alias.

The second entry's spelling would silently resolve to the first, so an applicant who
writes it is matched to the wrong city, brand or group.

Fails::

    entries:
      - {id: suzhou, name: {en: Suzhou, zh: 苏州}}
      - {id: suzhou-new-district, name: {en: Suzhou New District}, aliases: [苏州]}
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.problems import Loc, Problem
from dealerscreen.reference.nameforms import normalise
from dealerscreen.validation.base import Check, Subject, in_list

ID = "alias-collision"


def run(subject: Subject) -> Iterator[Problem]:
    for lst in subject.lists:
        for hit in lst.ref.collisions:
            loc: Loc = ("entries",)
            for i, entry in enumerate(lst.ref.spec.entries):
                if entry.id != hit.second:
                    continue
                loc = ("entries", i)
                for j, alias in enumerate(entry.aliases):
                    if normalise(alias) == normalise(hit.key):
                        loc = ("entries", i, "aliases", j)
                for lang, name in entry.name.items():
                    if normalise(name) == normalise(hit.key):
                        loc = ("entries", i, "name", lang)
            yield in_list(
                lst,
                loc,
                "error",
                message("alias-collision", key=hit.key, entry=hit.second, other=hit.first),
                ID,
            )


CHECK = Check(ID, "error", __doc__ or "", run)
