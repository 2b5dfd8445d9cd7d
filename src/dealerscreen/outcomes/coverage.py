"""Which parts of a profile the expected-outcome cases exercise (`dealerscreen test --coverage`).

Like `opa test --coverage`, for criteria: for each profile, every gate passed and failed,
every band, threshold step, case, table value and straight-line range of the criteria,
every bonus applied and not, every tier reached and every city quota with an eligible
case in its city. An item no case reaches is reported at its line and column in the
criteria file, so an author sees what no case pins.

Each case is decided once (`engine.decide`); which band, step or case of a criterion it
reached is read off the rule's spec by the probes below, with the compiled rule's own
ordering, and checked against the decided points.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.engine import Decision, decide, gate_passes
from dealerscreen.fields import resolve_field, show, to_decimal
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import TIER
from dealerscreen.outcomes.runner import BuiltCase, LoadedCases
from dealerscreen.review import near_misses
from dealerscreen.rules.bands import Bands
from dealerscreen.rules.base import BindContext, Loc, value_check
from dealerscreen.rules.boolean import Boolean
from dealerscreen.rules.cases import Cases
from dealerscreen.rules.linear import Linear
from dealerscreen.rules.lookup import Lookup
from dealerscreen.rules.thresholds import Thresholds
from dealerscreen.yamlsource import dotted

KINDS = (
    "gates",
    "bands",
    "steps",
    "cases",
    "tables",
    "ranges",
    "bonuses",
    "tiers",
    "quotas",
    "reviews",
)


@dataclass(frozen=True)
class Item:
    """One thing a case can exercise: where it is written, and how it reads in a report."""

    kind: str  # one of KINDS
    loc: Loc
    label: str


@dataclass
class ProfileCoverage:
    id: str
    path: str
    compiled: CompiledProfile
    items: list[Item] = field(default_factory=list)
    hit: set[Item] = field(default_factory=set)
    accepted: dict[str, str] = field(default_factory=dict)  # field -> why no case can reach it

    @property
    def counted(self) -> list[Item]:
        """The items coverage is measured on: all but those the case files accept as
        unreachable (and that indeed no case reaches)."""
        return [i for i in self.items if i in self.hit or dotted(i.loc) not in self.accepted]

    @property
    def missed(self) -> list[Item]:
        return [i for i in self.counted if i not in self.hit]

    @property
    def excused(self) -> list[tuple[Item, str]]:
        return [(i, self.accepted[dotted(i.loc)]) for i in self.items if i not in self.counted]

    @property
    def percent(self) -> float:
        counted = self.counted
        return 100.0 if not counted else 100.0 * len(self.hit) / len(counted)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        out = {}
        for kind in KINDS:
            mine = [i for i in self.counted if i.kind == kind]
            if mine:
                out[kind] = (sum(i in self.hit for i in mine), len(mine))
        return out

    def where(self, item: Item) -> tuple[str, int | None, int | None]:
        path, line, col = self.compiled.loaded.position(item.loc)
        return shown(path), line, col


def shown(path: str) -> str:
    """A path under the working folder as a relative one (as the other reports name files)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


Probe = Callable[[Applicant, Decimal | None], Item | None]


def _getter(path: str) -> Callable[[Any], Any]:
    return resolve_field(Applicant, path).get


def _bands(cid: str, loc: Loc, spec: Bands) -> tuple[list[Item], Probe]:
    order = sorted(
        range(len(spec.bands)),
        key=lambda j: (spec.bands[j].min is not None, spec.bands[j].min or 0),
    )
    items = [
        Item("bands", (*loc, "bands", j), f"band {spec.bands[j].label()} of {cid}")
        for j in range(len(spec.bands))
    ]
    get = _getter(spec.field)

    def probe(a: Applicant, _points: Decimal | None) -> Item | None:
        fact = get(a)
        if fact is None:
            return None
        value = to_decimal(fact)
        return next((items[j] for j in order if spec.bands[j].holds(value)), None)

    return items, probe


def _steps(cid: str, loc: Loc, spec: Thresholds) -> tuple[list[Item], Probe]:
    higher = spec.better == "higher"
    sym = "≥" if higher else "≤"
    order = sorted(range(len(spec.steps)), key=lambda j: spec.steps[j].points, reverse=True)
    items = [
        Item("steps", (*loc, "steps", j), f"step {sym} {show(spec.steps[j].at)} of {cid}")
        for j in range(len(spec.steps))
    ]
    below = Item("steps", loc, f"no step reached (0 points) of {cid}")
    get = _getter(spec.field)

    def probe(a: Applicant, _points: Decimal | None) -> Item | None:
        fact = get(a)
        if fact is None:
            return None
        v = to_decimal(fact)
        reached = (j for j in order if (v >= spec.steps[j].at if higher else v <= spec.steps[j].at))
        return next((items[j] for j in reached), below)

    return [*items, below], probe


def _cases(cid: str, loc: Loc, spec: Cases, ctx: BindContext) -> tuple[list[Item], Probe]:
    checks = [
        c.when.compile(ctx, (*loc, "cases", j, "when")).decide for j, c in enumerate(spec.cases)
    ]
    items = [
        Item("cases", (*loc, "cases", j), f"case {c.words('en') or j + 1} of {cid}")
        for j, c in enumerate(spec.cases)
    ]
    default = Item("cases", loc, f"no case holds (default {show(spec.default)} points) of {cid}")

    def probe(a: Applicant, points: Decimal | None) -> Item | None:
        if points is None:
            return None
        return next((items[j] for j, check in enumerate(checks) if check(a) is True), default)

    return [*items, default], probe


def _table(cid: str, loc: Loc, spec: Lookup) -> tuple[list[Item], Probe]:
    ref = resolve_field(Applicant, spec.field)
    keys = [
        (
            value_check(ref, k, loc),
            Item("tables", (*loc, "table", str(k)), f"{spec.field} = {k} of {cid}"),
        )
        for k in spec.table
    ]

    def probe(a: Applicant, _points: Decimal | None) -> Item | None:
        fact = ref.get(a)
        return next((item for key, item in keys if fact is not None and key == fact), None)

    return [item for _, item in keys], probe


def _ranges(cid: str, loc: Loc, spec: Linear) -> tuple[list[Item], Probe]:
    lo, hi = spec.zero_at, spec.full_at
    zero = Item(
        "ranges", (*loc, "zero_at"), f"at or beyond zero_at {show(lo)} (no points) of {cid}"
    )
    full = Item(
        "ranges", (*loc, "full_at"), f"at or beyond full_at {show(hi)} (full points) of {cid}"
    )
    between = Item("ranges", loc, f"between {show(lo)} and {show(hi)} of {cid}")
    get = _getter(spec.field)
    up = hi > lo

    def probe(a: Applicant, _points: Decimal | None) -> Item | None:
        fact = get(a)
        if fact is None:
            return None
        v = to_decimal(fact)
        if (v <= lo) if up else (v >= lo):
            return zero
        if (v >= hi) if up else (v <= hi):
            return full
        return between

    return [zero, between, full], probe


def _boolean(cid: str, loc: Loc, _spec: Boolean, max_points: Decimal) -> tuple[list[Item], Probe]:
    yes = Item("cases", (*loc, "condition"), f"condition holds (full points) of {cid}")
    no = Item("cases", loc, f"condition does not hold (no points) of {cid}")

    def probe(_a: Applicant, points: Decimal | None) -> Item | None:
        return None if points is None else (yes if points == max_points else no)

    return [yes, no], probe


@dataclass
class _Plan:
    """The profile's items, and how to read off a decision which of them it reached."""

    items: list[Item]
    criteria: list[Probe | None]


def plan(compiled: CompiledProfile) -> _Plan:
    profile = compiled.profile
    ctx = BindContext(Applicant, compiled.loaded.references)
    items: list[Item] = []
    for i, (g, _) in enumerate(compiled.gates):
        if compiled.needs[i] is None:
            items.append(Item("gates", ("gates", i), f"gate {g.id} passed"))
        else:  # a pass on evidence and a pass on claims alone: both must be pinned
            items += [
                Item("gates", ("gates", i), f"gate {g.id} passed, evidence complete"),
                Item("gates", ("gates", i, "evidence"), f"gate {g.id} passed provisionally"),
            ]
        items.append(Item("gates", ("gates", i, "condition"), f"gate {g.id} failed"))
    probes: list[Probe | None] = []
    for i, (c, _) in enumerate(compiled.criteria):
        loc: Loc = ("criteria", i, "scoring")
        s = c.scoring
        made: tuple[list[Item], Probe] | None
        if isinstance(s, Bands):
            made = _bands(c.id, loc, s)
        elif isinstance(s, Thresholds):
            made = _steps(c.id, loc, s)
        elif isinstance(s, Cases):
            made = _cases(c.id, loc, s, ctx)
        elif isinstance(s, Lookup):
            made = _table(c.id, loc, s)
        elif isinstance(s, Linear):
            made = _ranges(c.id, loc, s)
        elif isinstance(s, Boolean):
            made = _boolean(c.id, loc, s, c.points)
        else:  # pragma: no cover - every scoring kind has a probe
            made = None
        probes.append(made[1] if made else None)
        items += made[0] if made else []
        if c.missing == "fail":
            items.append(Item("gates", ("criteria", i, "missing"), f"gate {c.id}:required failed"))
    for k, (b, _) in enumerate(compiled.bonuses):
        items += [
            Item("bonuses", ("bonuses", k), f"bonus {b.id} applied"),
            Item("bonuses", ("bonuses", k, "condition"), f"bonus {b.id} not applied"),
        ]
    for t, tier in enumerate(profile.tiers):
        items.append(Item("tiers", ("tiers", t), f"tier {tier.id} reached"))
    for name, n in profile.quota.by_city.items():
        items.append(
            Item(
                "quotas", ("quota", "by_city", name), f"quota {n} of {name}: an eligible case there"
            )
        )
    if profile.quota.default is not None:
        items.append(
            Item(
                "quotas",
                ("quota", "default"),
                f"default quota {profile.quota.default}: an eligible case in another city",
            )
        )
    margin = profile.review_margin
    if margin is not None and margin.points is not None:
        items.append(
            Item("reviews", ("review_margin", "points"), "review margin: a case just below a tier")
        )
    for name in margin.fields if margin is not None else ():
        items.append(
            Item(
                "reviews",
                ("review_margin", "fields", name),
                f"review margin of {name}: a case that misses a gate by that much",
            )
        )
    return _Plan(items, probes)


def reached(
    compiled: CompiledProfile, p: _Plan, applicant: Applicant, d: Decision
) -> Iterable[Item]:
    """The items one decided case reaches."""
    by_loc = {i.loc: i for i in p.items}
    for i, ((g, _), v) in enumerate(zip(compiled.gates, d.gates, strict=True)):
        if not gate_passes(g, v):
            yield by_loc[("gates", i, "condition")]
        else:
            yield by_loc[("gates", i, "evidence") if i in d.provisional else ("gates", i)]
    for i, ((c, _), points) in enumerate(zip(compiled.criteria, d.points, strict=True)):
        probe = p.criteria[i]
        item = probe(applicant, points) if probe else None
        if item is not None:
            yield item
        if points is None and c.missing == "fail":
            yield by_loc[("criteria", i, "missing")]
    for k, v in enumerate(d.bonuses):
        yield by_loc[("bonuses", k) if v is True else ("bonuses", k, "condition")]
    if d.eligible and d.tier is not None:
        t = next(t for t, tier in enumerate(compiled.profile.tiers) if tier.id == d.tier)
        yield by_loc[("tiers", t)]
    for flag in near_misses(compiled, d, applicant):
        yield by_loc[
            ("review_margin", "points")
            if flag.kind == TIER
            else ("review_margin", "fields", flag.field or "")
        ]
    if d.eligible:
        quota = compiled.profile.quota
        for name in quota.by_city:
            entry = compiled.cities.resolve(name) if compiled.cities else None
            if (entry.id if entry else name) == d.city_id:
                yield by_loc[("quota", "by_city", name)]
                break
        else:
            if quota.default is not None:
                yield by_loc[("quota", "default")]


def measure(
    compiled: CompiledProfile, applicants: Sequence[Applicant], into: ProfileCoverage | None = None
) -> ProfileCoverage:
    """What the applicants (the cases of one or more files) exercise of the profile."""
    p = plan(compiled)
    cov = into or ProfileCoverage(
        compiled.profile.id, compiled.loaded.path, compiled, list(p.items)
    )
    for a in applicants:
        cov.hit.update(reached(compiled, p, a, decide(compiled, a)))
    return cov


class Collector:
    """A `run_tests` visitor: the coverage of each profile, over all its case files."""

    def __init__(self) -> None:
        self.profiles: dict[str, ProfileCoverage] = {}

    def __call__(self, loaded: LoadedCases, built: list[BuiltCase]) -> None:
        compiled = loaded.compiled
        applicants = [b.applicant for b in built if b.applicant is not None]
        pid = compiled.profile.id
        cov = self.profiles[pid] = measure(compiled, applicants, self.profiles.get(pid))
        cov.accepted.update((a.uncovered, a.why) for a in loaded.spec.accepted if a.uncovered)

    def below(self, minimum: float | None) -> list[ProfileCoverage]:
        if minimum is None:
            return []
        return [c for c in self.profiles.values() if c.percent < minimum]
