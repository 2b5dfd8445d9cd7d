"""Mutation testing of criteria (`dealerscreen test --mutate`): are the cases green for the
right reason?

Each mutant is the profile with one small change a criteria author could make by mistake:
a threshold or band bound moved by one, a comparison's boundary (`ge` to `gt`, `eq` to
`ne`), `all_of` for `any_of`, a value dropped from an `in` list or the tag from an
`in_list`, a points value, weight, bonus, bonus cap, tier bound or review margin moved by one, a
missing fact's policy changed, a gate's evidence rule dropped, its `verified` flipped or one of
its facts no longer asked for. Which edits of a rule are made is its kind's to say (the
`mutants` of each kind in rules/); this module applies, samples and names them. Every case
file of the profile is decided again under the mutant with `engine.decide` alone (nothing is explained); a mutant is killed when some case or
ranking fails. A mutant that no longer compiles is stillborn (the loader or compiler would
refuse that edit anyway) and is not counted.

A survivor is a change no case notices: a missing case, or an edit that changes nothing a
case can see. The case file says which survivors are acceptable and why (`accepted:`).

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

import json
import os
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.models import Profile
from dealerscreen.i18n.criteriatext import words
from dealerscreen.models.fields import show
from dealerscreen.models.problems import FatalError
from dealerscreen.outcomes.runner import BuiltCase, LoadedCases, TestRun, any_fails
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


def build(
    compiled: CompiledProfile, mutant: Mutant, data: dict[str, Any] | None = None
) -> CompiledProfile | None:
    """The mutant compiled, or None when it no longer compiles (stillborn). `data` is the
    profile dumped once for all its mutants: the edit copies what it changes, not `data`."""
    if data is None:
        data = compiled.profile.model_dump(mode="python")
    mine = dict(data)
    mutant.edit(mine)
    try:
        profile = Profile.model_validate(mine)
        return compile_profile(replace(compiled.loaded, profile=profile))
    except (ValidationError, FatalError):
        return None


@dataclass
class MutantFate:
    mutant: Mutant
    status: str  # killed, survived, stillborn
    accepted: str | None = None  # why a survivor is acceptable, from the case file


@dataclass
class ProfileMutation:
    id: str
    compiled: CompiledProfile
    files: list[tuple[LoadedCases, list[BuiltCase]]] = field(default_factory=list)
    outcomes: list[MutantFate] = field(default_factory=list)
    possible: int = 0  # the mutants there are; `outcomes` has the ones made (at most PER_PROFILE)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def score(self) -> float:
        live = self.count("killed") + self.count("survived")
        return 100.0 if not live else 100.0 * self.count("killed") / live

    @property
    def sampled(self) -> bool:
        """Some mutants were left out (see PER_LIST and PER_PROFILE)."""
        return len(self.outcomes) < self.possible

    def where(self, mutant: Mutant) -> tuple[str, int | None, int | None]:
        return self.compiled.loaded.position(mutant.loc)

    def run(self) -> None:
        accepted = {
            a.mutant: a.why for loaded, _ in self.files for a in loaded.spec.accepted if a.mutant
        }
        data = self.compiled.profile.model_dump(mode="python")
        made = plan(data)
        self.possible = made.possible
        for mutant in made.made:
            variant = build(self.compiled, mutant, data)
            if variant is None:
                self.outcomes.append(MutantFate(mutant, "stillborn"))
                continue
            killed = any(any_fails(variant, loaded.spec, built) for loaded, built in self.files)
            status = "killed" if killed else "survived"
            why = accepted.get(mutant.id) if not killed else None
            self.outcomes.append(MutantFate(mutant, status, why))


class Collector:
    """A `run_tests` visitor: the case files of each profile, for mutation afterwards."""

    def __init__(self) -> None:
        self.profiles: dict[str, ProfileMutation] = {}

    def __call__(self, loaded: LoadedCases, built: list[BuiltCase]) -> None:
        pid = loaded.compiled.profile.id
        entry = self.profiles.setdefault(pid, ProfileMutation(pid, loaded.compiled))
        entry.files.append((loaded, built))

    def run(self) -> None:
        for entry in self.profiles.values():
            entry.run()

    def below(self, minimum: float | None) -> list[ProfileMutation]:
        if minimum is None:
            return []
        return [m for m in self.profiles.values() if m.score < minimum]


SCHEMA = "dealerscreen.mutation/1"


def shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _where(m: ProfileMutation, mutant: Mutant) -> str:
    path, line, col = m.where(mutant)
    return ":".join(str(x) for x in (shown(path), line, col) if x is not None)


def _sampled(m: ProfileMutation, said: dict[str, str]) -> str:
    return said["mutation.sampled"].format(
        made=len(m.outcomes), possible=m.possible, per_list=PER_LIST, per_profile=PER_PROFILE
    )


def text(col: Collector, minimum: float | None, lang: str = "en") -> str:
    """The mutation report; a mutant's id (where, and what changed) is written as case
    files name it under `accepted`, so it stays as it is in every language."""
    said = words(lang)
    lines = []
    for pid in sorted(col.profiles):
        m = col.profiles[pid]
        live = m.count("killed") + m.count("survived")
        lines.append(
            said["mutation.line"].format(
                profile=pid,
                path=shown(m.compiled.loaded.path),
                killed=m.count("killed"),
                live=live,
                score=f"{m.score:.1f}%",
                stillborn=m.count("stillborn"),
            )
        )
        if m.sampled:
            lines.append("  " + _sampled(m, said))
        for o in m.outcomes:
            if o.status != "survived":
                continue
            where, mutant = _where(m, o.mutant), o.mutant.id
            if o.accepted:
                line = said["mutation.accepted"].format(where=where, mutant=mutant, why=o.accepted)
            else:
                line = said["mutation.survived"].format(where=where, mutant=mutant)
            lines.append("  " + line)
    if minimum is not None:
        low = col.below(minimum)
        verdict = said["verdict.ok"]
        if low:
            ids = ", ".join(m.id for m in low)
            verdict = said["verdict.below"].format(ids=ids, minimum=f"{minimum:.1f}%")
        lines.append(said["mutation.minimum"].format(minimum=f"{minimum:.1f}%", verdict=verdict))
    return "".join(line + "\n" for line in lines)


def as_json(col: Collector, run: TestRun, minimum: float | None) -> str:
    profiles = []
    for pid in sorted(col.profiles):
        m = col.profiles[pid]
        survivors = []
        for o in m.outcomes:
            if o.status == "survived":
                path, line, column = m.where(o.mutant)
                survivors.append(
                    {
                        "mutant": o.mutant.id,
                        "field": dotted(o.mutant.loc),
                        "change": o.mutant.change,
                        "path": shown(path),
                        "line": line,
                        "column": column,
                        "accepted": o.accepted,
                    }
                )
        profiles.append(
            {
                "id": pid,
                "path": shown(m.compiled.loaded.path),
                "mutants": m.count("killed") + m.count("survived"),
                "killed": m.count("killed"),
                "survived": m.count("survived"),
                "stillborn": m.count("stillborn"),
                # made: killed + survived + stillborn, of the possible (see PER_LIST)
                "made": len(m.outcomes),
                "possible": m.possible,
                "score": round(m.score, 2),
                "survivors": survivors,
            }
        )
    envelope = {
        "schema": SCHEMA,
        "status": "ok" if run.ok and not col.below(minimum) else "failed",
        "min_killed": minimum,
        "limits": {"per_list": PER_LIST, "per_profile": PER_PROFILE},
        "tests": run.counts(),
        "profiles": profiles,
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
