"""unused-entry (warning): a reference-list entry that no rule of any profile uses.

An entry counts as used when a rule names its list without a tag, or with a tag the entry
carries, or when its list is a profile's `city_list`. Judged over every profile being
validated that loads the list; a list validated on its own is not judged. A dead entry
is usually a tag that was misspelt or forgotten.

Fails, since no rule asks for the tag `luxry` and none uses the list without one::

    - {id: bmw, name: {en: BMW, zh: 宝马}, tags: [luxry]}

A list whose extra entries are kept on purpose can say so on one line of the file:
``# dealerscreen: disable=unused-entry``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.problems import Problem
from dealerscreen.validation.base import Check, Subject, in_list

ID = "unused-entry"


def run(subject: Subject) -> Iterator[Problem]:
    used: dict[str, set[str]] = {}
    for compiled in subject.profiles:
        for name, doc in compiled.loaded.reference_docs.items():
            key = os.path.realpath(doc.path)
            used.setdefault(key, set()).update(compiled.used_entries.get(name, set()))
    for lst in subject.lists:
        key = os.path.realpath(lst.path)
        if key not in used:
            continue  # no profile being validated loads it: nothing to judge by
        for i, entry in enumerate(lst.ref.spec.entries):
            if entry.id not in used[key]:
                yield in_list(
                    lst,
                    ("entries", i, "id"),
                    "warning",
                    message("unused-entry", entry=entry.id, list=lst.ref.id),
                    ID,
                )


CHECK = Check(ID, "warning", __doc__ or "", run)
