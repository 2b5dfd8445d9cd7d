"""The mutants of a profile: each is the profile with one small change a criteria author
could make by mistake (mutate.py runs the cases against them).

The changes: a threshold or band bound moved by one, a comparison's boundary (`ge` to `gt`,
`eq` to `ne`), `all_of` for `any_of`, a value dropped from an `in` list or the tag from an
`in_list`, a points value, weight, bonus, bonus cap, tier bound or review margin moved by one, a
missing fact's policy changed, a gate's evidence rule dropped, its `verified` flipped or one of
its facts no longer asked for. Which edits of a rule are made is its kind's to say (the
`mutants` of each kind in rules/); this module applies, samples and names them.

A run is bounded, whatever the profile holds. Of a list of values, a lookup table, bands,
steps, cases, the conditions of an `all_of` or the facts of an evidence rule, at most
`PER_LIST` elements are mutated: the first, the last and a sample between them seeded by
where the list is written, so the same profile gives the same mutants on every machine
(a value dropped from an `in` list of 8,000 is 16 mutants, not 8,000). A profile gets at
most `PER_PROFILE` mutants, sampled the same way. The report says how many were made of
how many possible. A mutant's edit copies only the containers on the path to what it
changes and shares the rest of the profile's data (one dump per profile), so what a
mutant keeps is its place and its change, never a copy of the profile or of a list.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dealerscreen.models.fields import show
from dealerscreen.rules import CONDITION_KINDS, SCORING_KINDS
from dealerscreen.rules.base import Loc
from dealerscreen.yamlsource import dotted

ONE = Decimal(1)
# The bounds of a run (see the module's docstring): above every list of the shipped
# profiles (7 at most) and their mutants (209 at most), so those are mutated in full.
PER_LIST = 16
PER_PROFILE = 1000
Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Mutant:
    loc: Loc  # where the change is written in the profile
    change: str  # e.g. "ge → gt", "26 → 25"
    edit: Edit = field(compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"{dotted(self.loc)}: {self.change}"


def _sample(n: int, limit: int | None, seed: str) -> Sequence[int]:
    """Which of `n` elements to take: all up to `limit`; else the first, the last and a
    sample between them, seeded so that a run is repeatable (a str seed does not depend on
    the interpreter's hash seed)."""
    if limit is None or n <= limit:
        return range(n)
    between = random.Random(seed).sample(range(1, n - 1), max(limit - 2, 0))
    return sorted({0, n - 1, *between})


def _own(data: dict[str, Any], loc: Loc) -> Any:
    """The container at `loc` made the mutant's own: it and each container above it are
    copied (shallow), everything else is shared with the profile's data, which no edit
    writes. `data` itself is the mutant's copy of the top level."""
    node: Any = data
    for part in loc:
        child = node[part]
        child = dict(child) if isinstance(child, dict) else list(child)
        node[part] = child
        node = child
    return node


def _set(loc: Loc, key: Any, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        _own(data, loc)[key] = value

    return edit


def _moved(loc: Loc, key: Any, value: Any, floor: Decimal | None = None) -> Iterator[Mutant]:
    """The value one up and one down (not below `floor`)."""
    for delta in (ONE, -ONE):
        new = Decimal(str(value)) + delta
        if floor is not None and new < floor:
            continue
        yield Mutant((*loc, key), f"{show(Decimal(str(value)))} → {show(new)}", _set(loc, key, new))


def _dropped(loc: Loc, i: int) -> Edit:
    """The list at `loc` without its element `i`, made when the edit is applied: a mutant
    keeps its place, not a copy of the rest of the list."""

    def edit(data: dict[str, Any]) -> None:
        parent = _own(data, loc[:-1])
        parent[loc[-1]] = [x for j, x in enumerate(parent[loc[-1]]) if j != i]

    return edit


def _wrapped(loc: Loc, inner: Loc | None) -> Edit:
    """The condition at `loc` negated (`inner` None) or replaced by the condition it
    holds at `inner` (a `not` removed)."""

    def edit(data: dict[str, Any]) -> None:
        parent = _own(data, loc[:-1])
        node = parent[loc[-1]]
        parent[loc[-1]] = {"kind": "not", "condition": node} if inner is None else node[inner[0]]

    return edit


def _in_place(at: Loc, change: Callable[[Any], None]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        change(_own(data, at))

    return edit


def _weight(crit: Loc) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        _own(data, crit)["points"] += ONE
        data["max_points"] += ONE

    return edit


@dataclass(frozen=True)
class _Making:
    """How a kind's mutants are made (`rules.base.Mutations`): the kinds say which edits;
    this makes each a `Mutant` and samples the elements of a list: at most `limit` (None:
    every one), seeded by where the list is written."""

    limit: int | None

    def pick(self, n: int, where: Loc) -> Sequence[int]:
        return _sample(n, self.limit, dotted(where) if where else "profile")

    def condition(self, loc: Loc, data: dict[str, Any]) -> Iterator[Mutant]:
        return CONDITION_KINDS[data["kind"]].mutants(data, loc, self)

    def scoring(self, loc: Loc, data: dict[str, Any], points: Decimal) -> Iterator[Mutant]:
        return SCORING_KINDS[data["kind"]].mutants(data, loc, points, self)

    def set(self, loc: Loc, key: Any, value: Any, change: str) -> Iterator[Mutant]:
        yield Mutant((*loc, key), change, _set(loc, key, value))

    def moved(
        self, loc: Loc, key: Any, value: Any, floor: Decimal | None = None
    ) -> Iterator[Mutant]:
        return _moved(loc, key, value, floor)

    def dropped(self, loc: Loc, i: int, change: str) -> Iterator[Mutant]:
        yield Mutant((*loc, i), change, _dropped(loc, i))

    def negated(self, loc: Loc, change: str) -> Iterator[Mutant]:
        yield Mutant((*loc, "kind"), change, _wrapped(loc, None))

    def unwrapped(self, loc: Loc, key: str, change: str) -> Iterator[Mutant]:
        yield Mutant((*loc, "kind"), change, _wrapped(loc, (key,)))

    def edited(
        self, at: Loc, change_loc: Loc, change: str, edit: Callable[[Any], None]
    ) -> Iterator[Mutant]:
        yield Mutant(change_loc, change, _in_place(at, edit))

    def weight(self, loc: Loc, points: Decimal) -> Iterator[Mutant]:
        crit = loc[:-1]
        yield Mutant(
            (*crit, "points"), f"weight {show(points)} → {show(points + ONE)}", _weight(crit)
        )


ALL = _Making(None)


def condition(loc: Loc, cond: dict[str, Any], making: _Making = ALL) -> Iterator[Mutant]:
    """A condition's mutants: its kind says which (`mutants` of the kind's spec)."""
    return making.condition(loc, cond)


def scoring(i: int, crit: dict[str, Any], making: _Making = ALL) -> Iterator[Mutant]:
    """A criterion's mutants: its scoring kind's, then its missing fact's policy changed."""
    yield from making.scoring(("criteria", i, "scoring"), crit["scoring"], crit["points"])
    policies = {"zero": "neutral", "neutral": "zero", "fail": "zero"}
    missing = crit["missing"]
    yield Mutant(
        ("criteria", i, "missing"),
        f"missing {missing} → {policies[missing]}",
        _set(("criteria", i), "missing", policies[missing]),
    )


def _fact_dropped(loc: Loc, path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        del _own(data, (*loc, "facts"))[path]

    return edit


def _evidence(i: int, rule: dict[str, Any] | None, making: _Making) -> Iterator[Mutant]:
    """A gate's evidence rule dropped, its `verified` flipped, or one fact left out."""
    if not rule or not rule.get("required", True):
        return
    loc: Loc = ("gates", i, "evidence")
    yield Mutant(loc, "required → false", _set(loc, "required", False))
    verified = bool(rule.get("verified"))
    yield Mutant(
        (*loc, "verified"),
        f"verified {str(verified).lower()} → {str(not verified).lower()}",
        _set(loc, "verified", not verified),
    )
    facts = list(rule.get("facts") or {})
    if len(facts) > 1:  # leaving out the only fact leaves nothing to back: stillborn
        for j in making.pick(len(facts), (*loc, "facts")):
            yield Mutant(
                (*loc, "facts", facts[j]), f"{facts[j]} not asked for", _fact_dropped(loc, facts[j])
            )


def mutants(profile: dict[str, Any], limit: int | None = PER_LIST) -> Iterator[Mutant]:
    """The mutants of a profile (its model, dumped to plain data): at most `limit` elements
    of each list mutated (None: every one)."""
    making = _Making(limit)
    for i, gate in enumerate(profile["gates"]):
        yield from making.condition(("gates", i, "condition"), gate["condition"])
        other = "pass" if gate["missing"] == "fail" else "fail"
        yield Mutant(
            ("gates", i, "missing"),
            f"missing {gate['missing']} → {other}",
            _set(("gates", i), "missing", other),
        )
        yield from _evidence(i, gate.get("evidence"), making)
    for i, crit in enumerate(profile["criteria"]):
        yield from scoring(i, crit, making)
    for i, bonus in enumerate(profile["bonuses"]):
        yield from making.condition(("bonuses", i, "condition"), bonus["condition"])
        yield from _moved(("bonuses", i), "points", bonus["points"], ONE)
    if profile.get("bonus_cap") is not None:
        yield from _moved((), "bonus_cap", profile["bonus_cap"], Decimal(0))
    tiers = profile["tiers"]
    for i in making.pick(len(tiers), ("tiers",)):
        yield from _moved(("tiers", i), "min_points", tiers[i]["min_points"], Decimal(0))
    margin = profile.get("review_margin")
    if margin is not None:  # the near misses a person reviews (#12)
        if margin.get("points") is not None:
            yield from _moved(("review_margin",), "points", margin["points"], Decimal(0))
        fields = list(margin.get("fields", {}).items())
        for j in making.pick(len(fields), ("review_margin", "fields")):
            yield from _moved(("review_margin", "fields"), fields[j][0], fields[j][1], ONE)


@dataclass(frozen=True)
class Plan:
    """The mutants a run makes of one profile, and how many it could have made."""

    made: list[Mutant]
    possible: int


def plan(profile: dict[str, Any]) -> Plan:
    """At most PER_LIST elements of each list and PER_PROFILE mutants in all; `possible`
    counts every mutant, each made and dropped at once (a place and a change)."""
    sampled = list(mutants(profile))
    possible = sum(1 for _ in mutants(profile, None))
    kept = _sample(len(sampled), PER_PROFILE, str(profile.get("id", "")))
    return Plan([sampled[i] for i in kept], possible)
