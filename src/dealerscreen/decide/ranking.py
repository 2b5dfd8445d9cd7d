"""Ranking: a batch of decided applicants placed in order, with overall and per-city ranks
and shortlists.

No I/O here. Ranking reads only what `Rankable` names of each item, so the engine's
evaluations and the batch's compact rows (batch/results.py) are placed alike.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from dealerscreen.criteria.compile import CompiledProfile


class Rankable(Protocol):
    """What ranking reads of an evaluation: a compact stand-in will do (see results.py)."""

    @property
    def applicant_id(self) -> str: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def city_id(self) -> str: ...
    @property
    def sort_key(self) -> Any: ...  # a tuple, or its bytes encoding (keys.py)


R = TypeVar("R", bound=Rankable)
Placing = tuple[
    R, int | None, int | None, int | None, bool
]  # item, rank, city rank, quota, shortlisted


@dataclass(frozen=True)
class Placed(Generic[R]):
    """A ranked batch, compactly: the items in order and one small int per eligible item,
    not a tuple per item (100,000 of them would be most of a large batch's memory)."""

    order: list[R]  # the eligible by sort key, then the ineligible by id
    eligible: int  # how many of `order` are eligible
    city_ranks: array[int]  # of order[i], for i < eligible
    # What readers of the order work out once and share (separation.Boundaries).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def at(self, compiled: CompiledProfile, i: int) -> Placing[R]:
        item = self.order[i]
        quota = compiled.quota_for(item.city_id)
        if i >= self.eligible:
            return (item, None, None, quota, False)
        city_rank = self.city_ranks[i]
        return (item, i + 1, city_rank, quota, quota is None or city_rank <= quota)


def place(items: Iterable[R], *, self_ordered: bool = False) -> Placed[R]:
    """Eligible applicants ranked by the profile's tie-break order; the ineligible after, by id.

    `self_ordered`: the items themselves sort in that order (`batch.row.Row` does), so one
    sort with no key objects places them: 100,000 decoded ids would be a large batch's
    largest allocation.
    """
    if self_ordered:
        order = sorted(items)  # type: ignore[type-var]
        eligible = next((i for i, e in enumerate(order) if not e.eligible), len(order))
    else:
        evals = list(items)
        order = sorted((e for e in evals if e.eligible), key=lambda e: e.sort_key)
        eligible = len(order)
        order += sorted((e for e in evals if not e.eligible), key=lambda e: e.applicant_id)
        del evals
    city_counts: dict[str, int] = defaultdict(int)
    city_ranks = array("l")
    for ev in order[:eligible]:
        city_counts[ev.city_id] += 1
        city_ranks.append(city_counts[ev.city_id])
    return Placed(order, eligible, city_ranks)


def placings(compiled: CompiledProfile, items: Iterable[R]) -> list[Placing[R]]:
    placed = place(items)
    return [placed.at(compiled, i) for i in range(len(placed.order))]
