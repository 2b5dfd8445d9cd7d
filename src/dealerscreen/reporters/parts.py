"""A report's part for one rule's result, made once per result.

`engine.explain` shares one result among the applicants whose rule record is the same
(decide/explained.py), so a report's part made from a result alone (a json dict, an
html row) serves every applicant that holds that result: the page writes 62,000 rule
rows for 2,000 applicants from 14,000 results. A part is remembered by the result's
identity and whatever else the maker reads (the reader's language, a flag), which the
caller names in `context`. The entry holds the result, so no other object can take its
id while the entry exists. A part is never changed once made: the reports share it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
MAX = 1 << 15  # parts remembered (a few MB), in two generations of half each


class Parts(Generic[T]):
    def __init__(self) -> None:
        # by context, then by the result's id: a dict per context, so that finding a part
        # makes no key of its own (a report looks up 31 parts per applicant). In two
        # generations, as decide/explained.py keeps the results these are made from: a
        # part found in the old one moves to the young one; when the young one is full it
        # becomes the old one, and the old one goes (emptied whole, the memo made 21% more
        # parts for a json report of 10,000 than with no bound; see decide/explained.py
        # for why each generation holds half the bound).
        self._found: dict[Hashable, dict[int, tuple[object, T]]] = {}
        self._old: dict[Hashable, dict[int, tuple[object, T]]] = {}
        self._n = 0

    def get(self, result: Any, context: Hashable, make: Callable[..., T], *args: Any) -> T:
        """`make(result, *args)`, made once per result and `context` (which must name all
        that `args` bring to the part)."""
        return self.each((result,), context, make, *args)[0]

    def each(
        self, results: Iterable[Any], context: Hashable, make: Callable[..., T], *args: Any
    ) -> list[T]:
        """`get` of each of `results`, in one call (a report's parts for one applicant's
        gates, or criteria: the call per part cost as much as finding it)."""
        table = self._found.get(context)
        if table is None:
            table = self._found[context] = {}
        out: list[T] = []
        for result in results:
            found = table.get(id(result))
            if found is None or found[0] is not result:
                if self._n >= MAX // 2:  # as many in all as one memo held
                    self._old, self._found, self._n = self._found, {}, 0
                    table = self._found[context] = {}
                old = self._old.get(context)
                found = old.pop(id(result), None) if old is not None else None
                if found is None or found[0] is not result:
                    found = (result, make(result, *args))
                table[id(result)] = found
                self._n += 1
            out.append(found[1])
        return out

    def clear(self) -> None:
        self._found.clear()
        self._old.clear()
        self._n = 0
