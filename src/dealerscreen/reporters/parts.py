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

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
MAX = 1 << 15  # parts remembered (a few MB); past this many the memo starts again


class Parts(Generic[T]):
    def __init__(self) -> None:
        self._found: dict[tuple[int, Hashable], tuple[object, T]] = {}

    def get(self, result: Any, context: Hashable, make: Callable[..., T], *args: Any) -> T:
        """`make(result, *args)`, made once per result and `context` (which must name all
        that `args` bring to the part)."""
        key = (id(result), context)
        found = self._found.get(key)
        if found is not None and found[0] is result:
            return found[1]
        made = make(result, *args)
        if len(self._found) >= MAX:
            self._found.clear()
        self._found[key] = (result, made)
        return made

    def clear(self) -> None:
        self._found.clear()
