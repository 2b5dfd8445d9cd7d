"""The workbook's city sheets, filled in the pass that writes the ranked sheet.

A city sheet lists its city's shortlist, then its runners-up, then its ineligible
applicants. Filled in a pass of its own, each of its results was read back from the
spill a second time (100,000 applicants: the report's largest part after the cells),
and its status, total and reason put into words again. Here each result the ranked
sheet reads is given to its city's sheet as well (`take`), with the words the ranked
row made; a row comes to its sheet in the sheet's own order, so one that comes early
(a runner-up ranked above one of the city's shortlist) waits for those before it, and
what the pass never met (a city's applicants the chosen rows leave out) is read at the
end (`finish`), as before. Each sheet gets the same rows in the same order, and the
summary looks at each city's results in that order too (its risks are each city's own:
a tie is at a city's quota line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dealerscreen.batch.cityview import CitySection
from dealerscreen.batch.row import Row
from dealerscreen.models.result import Result
from dealerscreen.reporters.workbook import Sheet

RowOf = Callable[[Result], list[Any]]  # a result's row on its city's sheet


class CityRows:
    def __init__(
        self, sections: Sequence[tuple[CitySection, Sheet]], look: Callable[[Result], None]
    ) -> None:
        self._sheets = [sheet for _, sheet in sections]
        self._groups = [(s.eligible, s.ineligible) for s, _ in sections]
        self._look = look
        # a batch row (by identity: the rows live as long as the results) -> its city's
        # sheet and its place there
        self._place: dict[int, tuple[int, int]] = {}
        self._sizes: list[int] = []
        for k, groups in enumerate(self._groups):
            n = 0
            for group in groups:
                for j in range(len(group)):
                    self._place[id(group.row_at(j))] = (k, n)
                    n += 1
            self._sizes.append(n)
        self._next = [0] * len(sections)  # the place each sheet writes next
        self._waiting: list[dict[int, tuple[Result, list[Any]]]] = [{} for _ in sections]

    def take(self, row: Row, r: Result, values: list[Any]) -> None:
        """The result of a batch row and its city row to its city's sheet: now if it is
        the sheet's next row, else when the rows before it have come."""
        found = self._place.get(id(row))
        if found is None:  # in no city's sheet (its city is not in the list, or not chosen)
            return
        k, at = found
        if at != self._next[k]:
            self._waiting[k][at] = (r, values)
            return
        self._write(k, r, values)
        waiting = self._waiting[k]
        while waiting and self._next[k] in waiting:
            self._write(k, *waiting.pop(self._next[k]))

    def finish(self, row_of: RowOf) -> None:
        """Each sheet's rows the pass did not give it, read and written in their order."""
        for k, (eligible, ineligible) in enumerate(self._groups):
            waiting = self._waiting[k]
            while self._next[k] < self._sizes[k]:
                at = self._next[k]
                if at in waiting:
                    self._write(k, *waiting.pop(at))
                    continue
                r = eligible[at] if at < len(eligible) else ineligible[at - len(eligible)]
                self._write(k, r, row_of(r))

    def _write(self, k: int, r: Result, values: list[Any]) -> None:
        self._sheets[k].append(values)
        self._look(r)
        self._next[k] += 1
