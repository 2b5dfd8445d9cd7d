"""What separated the shortlist from the runners-up in a city: the quota, and which key.

A city's shortlist ends at its quota. The applicant on the last shortlisted place and
every runner-up are told who stands on the other side of that line and which ranking key
put them there: the total, a tie-break (a criterion's points, a fact), or, when every
key of the profile is equal, only the applicant id: a tie no criterion broke, which a
person should review (#12).

Computed from the ranked order and the sort keys the batch already holds: nothing is
decided or explained again, and one pass finds each city's line (`Boundaries`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.keys import value_of
from dealerscreen.decide.ranking import Placed, place
from dealerscreen.models.result import ID_KEY, Evaluation, Result, Separation

Other = tuple[str, str | None, Decimal, Decimal]  # legal name, Chinese name, score, bonus


def decisive(
    compiled: CompiledProfile, mine: Sequence[object], other: Sequence[object]
) -> tuple[str, tuple[str, ...], Decimal | str | None, Decimal | str | None]:
    """The first ranking key on which two sort keys differ, the keys before it (equal),
    and each side's value of it, as the reader knows it (not negated for sorting)."""
    names = [k for k, _ in compiled.tie_break] + [ID_KEY]  # the id always comes last
    for k, (a, b) in enumerate(zip(mine, other, strict=False)):
        if a != b:
            desc = k < len(compiled.tie_break) and compiled.tie_break[k][1] == "desc"
            key = names[k] if k < len(names) else ID_KEY
            return key, tuple(names[:k]), value_of(a, desc), value_of(b, desc)
    return ID_KEY, tuple(names[:-1]), None, None  # equal keys: ids are unique, unreachable


class Boundaries:
    """Each city's quota line in a ranked batch: the order index of its last shortlisted
    applicant and of its first runner-up. Found in one pass over the eligible, when a
    report first asks."""

    def __init__(self, compiled: CompiledProfile, placed: Placed[Any]) -> None:
        self.compiled = compiled
        self.placed = placed
        self.quotas: dict[str, int | None] = {}
        self.last: dict[str, int] = {}
        self.first_out: dict[str, int] = {}
        for i in range(placed.eligible):
            city = placed.order[i].city_id
            quota = self.quotas.get(city, -1)
            if quota == -1:
                quota = self.quotas[city] = compiled.quota_for(city)
            if quota is None:
                continue
            rank = placed.city_ranks[i]
            if rank == quota:
                self.last[city] = i
            elif rank == quota + 1:
                self.first_out[city] = i

    def other(self, i: int) -> tuple[int, bool] | None:
        """The index across the line from order[i], and whether it ranks above; None when
        order[i] is not at the line (shortlisted above it, ineligible, no quota)."""
        placed = self.placed
        if i >= placed.eligible:
            return None
        city = placed.order[i].city_id
        quota = self.quotas.get(city)
        if quota is None:
            return None
        rank = placed.city_ranks[i]
        if rank > quota and city in self.last:
            return self.last[city], True
        if rank == quota and city in self.first_out:
            return self.first_out[city], False
        return None


def separation(
    compiled: CompiledProfile,
    boundaries: Boundaries,
    i: int,
    key_of: Callable[[int], Sequence[object]],
    facts_of: Callable[[int], Other],
) -> Separation | None:
    """order[i] against the applicant across its city's quota line, if it is at the line.
    `key_of(j)`: the sort key of order[j]; `facts_of(j)`: its names and points."""
    found = boundaries.other(i)
    if found is None:
        return None
    j, above = found
    mine, theirs = key_of(i), key_of(j)
    # Decided in the order of the ranking: the upper applicant's key against the lower's.
    upper, lower = (theirs, mine) if above else (mine, theirs)
    key, tied, up_value, low_value = decisive(compiled, upper, lower)
    ours, other_value = (low_value, up_value) if above else (up_value, low_value)
    name, name_zh, score, bonus = facts_of(j)
    quota = boundaries.quotas[boundaries.placed.order[i].city_id]
    assert quota is not None
    return Separation(
        quota=quota,
        other_id=boundaries.placed.order[j].applicant_id,
        other_name=name,
        other_name_zh=name_zh,
        other_above=above,
        key=key,
        tied_on=tied,
        ours=ours,
        theirs=other_value,
        other_score=score,
        other_bonus=bonus,
    )


def told(compiled: CompiledProfile, placed: Placed[Any]) -> list[Result]:
    """Each placed evaluation as a result, told what separated it at its city's quota line."""
    bounds = Boundaries(compiled, placed)
    order = placed.order

    def facts(j: int) -> Other:
        ev = order[j]
        return ev.legal_name, ev.chinese_name, ev.score, ev.bonus

    return [
        Result(
            *placed.at(compiled, i),
            separation(compiled, bounds, i, lambda j: order[j].sort_key, facts),
        )
        for i in range(len(order))
    ]


def of_rows(compiled: CompiledProfile, placed: Placed[Any], i: int) -> Separation | None:
    """The same for a batch's rows (batch.row.Row): the line is found once per batch, and the
    other side's names and points (its decision record) read once per city."""
    bounds = placed.memo.get("boundaries")
    if bounds is None:
        bounds = placed.memo["boundaries"] = Boundaries(compiled, placed)
    others: dict[int, Other] = placed.memo.setdefault("others", {})

    def facts_of(j: int) -> Other:
        if j not in others:
            row = placed.order[j]
            decision = row.decision(compiled)
            shown = decision.shown
            assert shown is not None  # a batch keeps complete decisions
            others[j] = (shown.legal_name, shown.chinese_name, decision.score, decision.bonus)
        return others[j]

    return separation(compiled, bounds, i, lambda j: placed.order[j].key_parts(), facts_of)


def rank(compiled: CompiledProfile, evaluations: Iterable[Evaluation]) -> list[Result]:
    """Eligible applicants ranked by the profile's tie-break order; the ineligible after, by id;
    each at its city's quota line told what separated it from the applicant across it."""
    return told(compiled, place(evaluations))
