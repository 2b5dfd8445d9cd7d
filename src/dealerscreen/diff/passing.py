"""Who passed whom between two rankings of the same batch, in time that grows with the
answer, not with the batch squared.

For an applicant ranked on both sides (before at B, after at A), the others it met:
- overtaken by: ranked ahead of it after (< A) and behind it or unranked before (> B or
  none); of those, the ones unranked before "entered" (newly eligible);
- overtook: ahead of it before (< B), behind it after (> A);
- dropped out: ahead of it before (< B), unranked after.
Each list is sorted by applicant id. A weights edit moves most of a large batch: asking
every other applicant for every changed one was quadratic (100,000 applicants: hours).
Here each kind of question is a sweep over one ranking with the other kept in a sorted
list, so each answer costs its own length plus a logarithm. tests/test_diff_passing.py
checks it against asking every pair.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sortedcontainers import SortedList

_NONE = float("inf")  # "unranked before" sorts after every rank: it counts as behind


@dataclass(frozen=True, slots=True)
class Passing:
    overtaken_by: tuple[str, ...]
    overtook: tuple[str, ...]
    newly_eligible: tuple[str, ...]
    dropped_out: tuple[str, ...]


NOBODY = Passing((), (), (), ())


def passing(
    ranks: Mapping[str, tuple[int | None, int | None]], asked: Iterable[str]
) -> dict[str, Passing]:
    """`ranks`: every applicant's (rank before, rank after); `asked`: the applicants whose
    passings are wanted. One ranked on only one side passed nobody (NOBODY)."""
    wanted = list(dict.fromkeys(asked))
    queries = sorted(
        (after, before, aid)
        for aid in wanted
        for before, after in (ranks[aid],)
        if before is not None and after is not None
    )
    ranked_after = _by_after(ranks)  # one sort serves both sweeps
    by = _overtaken_by(ranks, ranked_after, queries)
    over = _overtook(ranks, ranked_after, queries)
    left = _dropped_out(ranks, queries)
    out = dict.fromkeys(wanted, NOBODY)
    for _, _, aid in queries:
        passers = sorted(by.get(aid, ()))
        entered = tuple(x for x in passers if ranks[x][0] is None)
        out[aid] = Passing(
            tuple(passers), tuple(sorted(over.get(aid, ()))), entered, tuple(sorted(left[aid]))
        )
    return out


def _by_after(ranks: Mapping[str, tuple[int | None, int | None]]) -> list[tuple[int, str]]:
    return sorted((a, aid) for aid, (_, a) in ranks.items() if a is not None)


def _overtaken_by(
    ranks: Mapping[str, tuple[int | None, int | None]],
    people: list[tuple[int, str]],
    queries: list[tuple[int, int, str]],
) -> dict[str, list[str]]:
    """Sweep the after-ranking upward: the list holds, by rank before, everyone ranked
    ahead (after) of the applicant asked about; those behind it before passed it."""
    held: SortedList = SortedList()
    out: dict[str, list[str]] = {}
    i = 0
    for after, before, aid in queries:  # ascending rank after
        while i < len(people) and people[i][0] < after:
            other = people[i][1]
            b = ranks[other][0]
            held.add((_NONE if b is None else b, other))
            i += 1
        out[aid] = [other for _, other in held.irange((before + 1, ""), None)]
    return out


def _overtook(
    ranks: Mapping[str, tuple[int | None, int | None]],
    ranked_after: list[tuple[int, str]],
    queries: list[tuple[int, int, str]],
) -> dict[str, list[str]]:
    """Sweep the after-ranking downward: the list holds, by rank before, everyone ranked
    behind (after) the applicant asked about and ranked before; those ahead of it before
    it overtook."""
    people = [(a, o) for a, o in ranked_after if ranks[o][0] is not None]
    held: SortedList = SortedList()
    out: dict[str, list[str]] = {}
    i = len(people) - 1
    for after, before, aid in reversed(queries):  # descending rank after
        while i >= 0 and people[i][0] > after:
            other = people[i][1]
            held.add((ranks[other][0], other))
            i -= 1
        out[aid] = [o for _, o in held.irange(None, (before, ""), inclusive=(True, False))]
    return out


def _dropped_out(
    ranks: Mapping[str, tuple[int | None, int | None]],
    queries: list[tuple[int, int, str]],
) -> dict[str, list[str]]:
    """Ranked ahead of the applicant before and unranked after: a prefix of one list."""
    gone = sorted((b, aid) for aid, (b, a) in ranks.items() if b is not None and a is None)
    return {
        aid: [o for _, o in gone[: bisect_left(gone, (before, ""))]] for _, before, aid in queries
    }
