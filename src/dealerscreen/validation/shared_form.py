"""shared-form (warning): two entries of one reference list share a written form.

A name resolves by its suffix-free form (苏州市 -> 苏州) or by the pinyin of its Chinese name
("Suzhou") only when one entry has that form. When two have it, an applicant who writes it
gets both suggested and matches neither: add the form as an alias of the entry it means,
or leave it to the writer.

Fails::

    entries:
      - {id: jiangsu-suzhou, name: {en: Suzhou Jiangsu, zh: 苏州}}
      - {id: anhui-suzhou, name: {en: Suzhou Anhui, zh: 宿州}}   # both "suzhou" in pinyin
"""

from __future__ import annotations

from collections.abc import Iterator

from dealerscreen.i18n.checktext import message
from dealerscreen.models.problems import Loc, Problem
from dealerscreen.validation.base import Check, Subject, in_list

ID = "shared-form"


def run(subject: Subject) -> Iterator[Problem]:
    for lst in subject.lists:
        ref = lst.ref
        position = {e.id: i for i, e in enumerate(ref.spec.entries)}
        for key, ids in ref.forms.shared().items():
            if ref.resolve(key) is not None and key in ref.exact_keys():
                continue  # a name or alias: alias-collision's business, or written on purpose
            ordered = sorted(ids, key=position.__getitem__)
            loc: Loc = ("entries", position[ordered[1]])
            names = " and ".join(f"'{i}'" for i in ordered)
            yield in_list(
                lst,
                loc,
                "warning",
                message("shared-form", key=key, entries=names),
                ID,
            )


CHECK = Check(ID, "warning", __doc__ or "", run)
