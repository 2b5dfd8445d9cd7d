"""Mutation testing of criteria (`dealerscreen test --mutate`): are the cases green for the
right reason?

Each mutant is the profile with one small change a criteria author could make by mistake:
a threshold or band bound moved by one, a comparison's boundary (`ge` to `gt`, `eq` to
`ne`), `all_of` for `any_of`, a value dropped from an `in` list or the tag from an
`in_list`, a points value, weight, bonus, bonus cap, tier bound or review margin moved by one, a
missing fact's policy changed, a gate's evidence rule dropped, its `verified` flipped or one of
its facts no longer asked for. Every case file of the profile is decided again under the mutant
with `engine.decide` alone (nothing is explained); a mutant is killed when some case or
ranking fails. A mutant that no longer compiles is stillborn (the loader or compiler would
refuse that edit anyway) and is not counted.

A survivor is a change no case notices: a missing case, or an edit that changes nothing a
case can see. The case file says which survivors are acceptable and why (`accepted:`).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.models import Profile
from dealerscreen.criteriatext import words
from dealerscreen.fields import show
from dealerscreen.outcomes.runner import BuiltCase, LoadedCases, TestRun, any_fails
from dealerscreen.problems import FatalError
from dealerscreen.rules.base import Loc
from dealerscreen.yamlsource import dotted

FLIP = {
    "ge": "gt",
    "gt": "ge",
    "le": "lt",
    "lt": "le",
    "eq": "ne",
    "ne": "eq",
    "in": "not_in",
    "not_in": "in",
}
ONE = Decimal(1)
Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Mutant:
    loc: Loc  # where the change is written in the profile
    change: str  # e.g. "ge → gt", "26 → 25"
    edit: Edit = field(compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"{dotted(self.loc)}: {self.change}"


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _set(loc: Loc, key: Any, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        _at(data, loc)[key] = value

    return edit


def _number(x: Any) -> bool:
    return isinstance(x, int | float | Decimal) and not isinstance(x, bool)


def _moved(loc: Loc, key: str, value: Any, floor: Decimal | None = None) -> Iterator[Mutant]:
    """The value one up and one down (not below `floor`)."""
    for delta in (ONE, -ONE):
        new = Decimal(str(value)) + delta
        if floor is not None and new < floor:
            continue
        yield Mutant((*loc, key), f"{show(Decimal(str(value)))} → {show(new)}", _set(loc, key, new))


def condition(loc: Loc, cond: dict[str, Any]) -> Iterator[Mutant]:
    kind = cond["kind"]
    if kind == "compare":
        op, value = cond["op"], cond["value"]
        yield Mutant((*loc, "op"), f"{op} → {FLIP[op]}", _set(loc, "op", FLIP[op]))
        if _number(value):
            yield from _moved(loc, "value", value)
        elif isinstance(value, list) and len(value) > 1:
            for i, v in enumerate(value):
                rest = [x for j, x in enumerate(value) if j != i]
                yield Mutant((*loc, "value", i), f"drop {v}", _set(loc, "value", rest))
    elif kind == "in_list" and cond.get("tag"):
        yield Mutant(
            (*loc, "tag"), f"any entry, not only tag {cond['tag']}", _set(loc, "tag", None)
        )
    elif kind in ("all_of", "any_of"):
        other = "any_of" if kind == "all_of" else "all_of"
        yield Mutant((*loc, "kind"), f"{kind} → {other}", _set(loc, "kind", other))
        for i, c in enumerate(cond["conditions"]):
            yield from condition((*loc, "conditions", i), c)
    elif kind == "not":
        inner = cond["condition"]

        def unwrap(data: dict[str, Any], loc: Loc = loc, inner: Any = inner) -> None:
            parent, key = _at(data, loc[:-1]), loc[-1]
            parent[key] = copy.deepcopy(inner)

        yield Mutant((*loc, "kind"), "not removed", unwrap)
        yield from condition((*loc, "condition"), inner)
    elif kind == "any_item":
        yield from condition((*loc, "where"), cond["where"])
        yield from _moved(loc, "min_count", cond["min_count"], ONE)


def _bounds(loc: Loc, bands: list[dict[str, Any]]) -> Iterator[Mutant]:
    """Each bound between bands moved by one (a bound two bands share moves in both)."""
    values = sorted({b[k] for b in bands for k in ("min", "max") if b.get(k) is not None})
    for v in values:
        for delta in (ONE, -ONE):
            new = v + delta

            def edit(data: dict[str, Any], v: Any = v, new: Decimal = new) -> None:
                for b in _at(data, (*loc, "bands")):
                    for k in ("min", "max"):
                        if b.get(k) == v:
                            b[k] = new

            j = next(i for i, b in enumerate(bands) if v in (b.get("min"), b.get("max")))
            key = "min" if bands[j].get("min") == v else "max"
            yield Mutant((*loc, "bands", j, key), f"bound {show(v)} → {show(new)}", edit)


def _weight(i: int, points: Decimal) -> Mutant:
    def edit(data: dict[str, Any]) -> None:
        data["criteria"][i]["points"] += ONE
        data["max_points"] += ONE

    return Mutant(("criteria", i, "points"), f"weight {show(points)} → {show(points + ONE)}", edit)


def scoring(i: int, crit: dict[str, Any]) -> Iterator[Mutant]:
    loc: Loc = ("criteria", i, "scoring")
    s = crit["scoring"]
    kind = s["kind"]
    zero = Decimal(0)
    if kind == "bands":
        yield from _bounds(loc, s["bands"])
        for j, b in enumerate(s["bands"]):
            yield from _moved((*loc, "bands", j), "points", b["points"], zero)
    elif kind == "thresholds":
        other = "lower" if s["better"] == "higher" else "higher"
        yield Mutant(
            (*loc, "better"), f"better {s['better']} → {other}", _set(loc, "better", other)
        )
        for j, step in enumerate(s["steps"]):
            yield from _moved((*loc, "steps", j), "at", step["at"])
            yield from _moved((*loc, "steps", j), "points", step["points"], zero)
    elif kind == "cases":
        for j, case in enumerate(s["cases"]):
            yield from condition((*loc, "cases", j, "when"), case["when"])
            yield from _moved((*loc, "cases", j), "points", case["points"], zero)
        yield from _moved(loc, "default", s["default"], zero)
    elif kind == "lookup":
        for key, points in s["table"].items():
            yield from _moved((*loc, "table"), key, points, zero)
        yield from _moved(loc, "default", s["default"], zero)
    elif kind == "linear":
        yield from _moved(loc, "zero_at", s["zero_at"])
        yield from _moved(loc, "full_at", s["full_at"])
        yield _weight(i, crit["points"])
    elif kind == "boolean":
        yield from condition((*loc, "condition"), s["condition"])
        yield _weight(i, crit["points"])
    policies = {"zero": "neutral", "neutral": "zero", "fail": "zero"}
    missing = crit["missing"]
    yield Mutant(
        ("criteria", i, "missing"),
        f"missing {missing} → {policies[missing]}",
        _set(("criteria", i), "missing", policies[missing]),
    )


def _evidence(i: int, rule: dict[str, Any] | None) -> Iterator[Mutant]:
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
    facts = rule.get("facts") or {}
    if len(facts) > 1:  # leaving out the only fact leaves nothing to back: stillborn
        for path in facts:

            def drop(data: dict[str, Any], path: str = path) -> None:
                del _at(data, (*loc, "facts"))[path]

            yield Mutant((*loc, "facts", path), f"{path} not asked for", drop)


def mutants(profile: dict[str, Any]) -> Iterator[Mutant]:
    """Every mutant of a profile (its model, dumped to plain data)."""
    for i, gate in enumerate(profile["gates"]):
        yield from condition(("gates", i, "condition"), gate["condition"])
        other = "pass" if gate["missing"] == "fail" else "fail"
        yield Mutant(
            ("gates", i, "missing"),
            f"missing {gate['missing']} → {other}",
            _set(("gates", i), "missing", other),
        )
        yield from _evidence(i, gate.get("evidence"))
    for i, crit in enumerate(profile["criteria"]):
        yield from scoring(i, crit)
    for i, bonus in enumerate(profile["bonuses"]):
        yield from condition(("bonuses", i, "condition"), bonus["condition"])
        yield from _moved(("bonuses", i), "points", bonus["points"], ONE)
    if profile.get("bonus_cap") is not None:
        yield from _moved((), "bonus_cap", profile["bonus_cap"], Decimal(0))
    for i, tier in enumerate(profile["tiers"]):
        yield from _moved(("tiers", i), "min_points", tier["min_points"], Decimal(0))
    margin = profile.get("review_margin")
    if margin is not None:  # the near misses a person reviews (#12)
        if margin.get("points") is not None:
            yield from _moved(("review_margin",), "points", margin["points"], Decimal(0))
        for name, amount in margin.get("fields", {}).items():
            yield from _moved(("review_margin", "fields"), name, amount, ONE)


def build(compiled: CompiledProfile, mutant: Mutant) -> CompiledProfile | None:
    """The mutant compiled, or None when it no longer compiles (stillborn)."""
    data = compiled.profile.model_dump(mode="python")
    mutant.edit(data)
    try:
        profile = Profile.model_validate(data)
        return compile_profile(replace(compiled.loaded, profile=profile))
    except (ValidationError, FatalError):
        return None


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, stillborn
    accepted: str | None = None  # why a survivor is acceptable, from the case file


@dataclass
class ProfileMutation:
    id: str
    compiled: CompiledProfile
    files: list[tuple[LoadedCases, list[BuiltCase]]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def score(self) -> float:
        live = self.count("killed") + self.count("survived")
        return 100.0 if not live else 100.0 * self.count("killed") / live

    def where(self, mutant: Mutant) -> tuple[str, int | None, int | None]:
        return self.compiled.loaded.position(mutant.loc)

    def run(self) -> None:
        accepted = {
            a.mutant: a.why for loaded, _ in self.files for a in loaded.spec.accepted if a.mutant
        }
        for mutant in mutants(self.compiled.profile.model_dump(mode="python")):
            variant = build(self.compiled, mutant)
            if variant is None:
                self.outcomes.append(Outcome(mutant, "stillborn"))
                continue
            killed = any(any_fails(variant, loaded.spec, built) for loaded, built in self.files)
            status = "killed" if killed else "survived"
            why = accepted.get(mutant.id) if not killed else None
            self.outcomes.append(Outcome(mutant, status, why))


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
                "score": round(m.score, 2),
                "survivors": survivors,
            }
        )
    envelope = {
        "schema": SCHEMA,
        "status": "ok" if run.ok and not col.below(minimum) else "failed",
        "min_killed": minimum,
        "tests": run.counts(),
        "profiles": profiles,
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
