"""Every way one reference list's entries are written: what resolves, what is only close.

A reference list resolves a name by its exact folded key first (`ReferenceList.resolve`).
When that misses, this index tries the forms people write that are still unambiguous: the
name without an administrative suffix ("Chongqing Municipality", "苏州 市") and a Latin
spelling that is the pinyin of an entry's Chinese name ("Biyadi", "Chong Qing"). A form
two entries share resolves to neither.

Anything else is at most a suggestion: a misspelling ("Suzou"), a Chinese typo that sounds
the same (苏洲 for 苏州) or a longer name around a known one (苏州工业园区). Suggestions
never resolve: a typo may be a different city.

The entries' forms are computed once per list; pinyin only when first needed, since
pypinyin is slow to import. Lookups are cached per spelling by the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from dealerscreen.reference.nameforms import (
    bare,
    has_cjk,
    normalise,
    pinyin_keys,
    reads_as_pinyin,
    untoned,
)

Ids = frozenset[str]
_NONE: Ids = frozenset()
# Rank classes of a suggestion, best first.
_SAME = 0  # the same key (a shared form, a homophone): only an ambiguity keeps it apart
_CLOSE = 1  # a small edit away, or around a known name
_SUGGEST_MAX = 100  # characters: longer text is not a misspelt name, and not worth a scan


def allowed_edits(key: str) -> int:
    """Edits a misspelling may be from a name: none for 3 letters or fewer ("BMW" is not
    "BYD"), one up to 8 ("Suzou"), two beyond. "Hangzhou" is two edits from "Zhengzhou":
    a different city, not a typo."""
    n = len(key)
    return 0 if n <= 3 else 1 if n <= 8 else 2


class NameIndex:
    """The forms of a list's names (`spellings`: entry id and text, for every name and
    alias of every entry)."""

    def __init__(self, spellings: Iterable[tuple[str, str]]) -> None:
        self._spellings = list(spellings)
        forms: dict[str, set[str]] = defaultdict(set)
        for entry_id, text in self._spellings:
            for key in (normalise(text), bare(text)):
                if key:
                    forms[key].add(entry_id)
        self._forms = {k: frozenset(v) for k, v in forms.items()}

    @cached_property
    def _pinyin(self) -> dict[str, Ids]:
        """Toneless pinyin of every Chinese name, and of it without its suffix."""
        found: dict[str, set[str]] = defaultdict(set)
        for entry_id, text in self._spellings:
            for form in (text, bare(text)):
                for key in pinyin_keys(form) if form else ():
                    found[key].add(entry_id)
        return {k: frozenset(v) for k, v in found.items()}

    @cached_property
    def _latin(self) -> tuple[list[str], list[Ids]]:
        """Every Latin key (names, aliases, pinyin) with its entries, for edit distances."""
        merged: dict[str, set[str]] = defaultdict(set)
        for table in (self._forms, self._pinyin):
            for key, ids in table.items():
                if not has_cjk(key):
                    merged[key] |= ids
        keys = sorted(merged)
        return keys, [frozenset(merged[k]) for k in keys]

    @cached_property
    def _chinese(self) -> list[tuple[str, Ids]]:
        return sorted((k, v) for k, v in self._forms.items() if has_cjk(k))

    def shared(self) -> dict[str, Ids]:
        """Forms (suffix-free or pinyin) that several entries are written as: by these,
        none of them resolves."""
        merged: dict[str, set[str]] = defaultdict(set)
        for table in (self._forms, self._pinyin):
            for key, ids in table.items():
                merged[key] |= ids
        return {k: frozenset(v) for k, v in sorted(merged.items()) if len(v) > 1}

    def _queries(self, text: str) -> list[str]:
        return [q for q in dict.fromkeys((normalise(text), bare(text))) if q]

    def resolve(self, text: str) -> Ids:
        """The entries `text` names in any resolving form: one entry resolves, several
        are ambiguous. Chinese text is never read as pinyin: 苏洲 is a typo, not Suzhou."""
        found: set[str] = set()
        for query in self._queries(text):
            found |= self._forms.get(query, _NONE)
            spelt = untoned(query)
            if reads_as_pinyin(spelt):
                found |= self._pinyin.get(spelt, _NONE)
        return frozenset(found)

    def suggest(self, text: str) -> list[str]:
        """Entry ids close to `text`, best first: by characters and by pinyin."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA, JaroWinkler

        best: dict[str, tuple[int, int, float]] = {}
        if len(text) > _SUGGEST_MAX:
            return []

        def offer(ids: Iterable[str], rank: int, edits: int, query: str, key: str) -> None:
            score = (rank, edits, -JaroWinkler.similarity(query, key))
            for entry_id in ids:
                if entry_id not in best or score < best[entry_id]:
                    best[entry_id] = score

        shared = self.resolve(text)
        if len(shared) > 1:
            offer(shared, _SAME, 0, "", "")
        keys, key_ids = self._latin
        for query in self._queries(text):
            if has_cjk(query):
                for key, ids in self._chinese:
                    if len(key) >= 2 and key in query:  # 苏州工业园区 holds 苏州
                        offer(ids, _CLOSE, 0, query, key)
                    elif min(len(key), len(query)) >= 4 and OSA.distance(query, key) <= 1:
                        offer(ids, _CLOSE, 1, query, key)  # 梅赛德兹
                # Shorter names one character apart are different places (杭州 and 苏州,
                # 张家口 and 张家界); by sound they are not when the typo is a homophone
                # (苏洲), the usual slip of a pinyin keyboard.
                spoken = pinyin_keys(query)
            else:
                spoken = (untoned(query),)
            for said in spoken:
                close = process.extract(
                    said, keys, scorer=OSA.distance, score_cutoff=allowed_edits(said), limit=None
                )
                for key, edits, i in close:
                    offer(key_ids[i], _SAME if edits == 0 else _CLOSE, int(edits), said, key)
        return sorted(best, key=lambda entry_id: (best[entry_id], entry_id))
