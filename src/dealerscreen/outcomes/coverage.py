"""Which parts of a profile the expected-outcome cases exercise (`dealerscreen test --coverage`).

Like `opa test --coverage`, for criteria: for each profile, every gate passed and failed,
every band, threshold step, case, table value and straight-line range of the criteria,
every bonus applied and not, every tier reached and every city quota with an eligible
case in its city. An item no case reaches is reported at its line and column in the
criteria file, so an author sees what no case pins.

Each case is decided once (`engine.decide`), and what it reached is read off its
decision record: which band, step or case of a criterion held is the branch the record
keeps (its place in the kind's `branches`, in rules/), the near misses are the record's
review flags. This module only names and counts them; it neither asks the kinds again
nor reads the applicant.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.engine import Decision, decide, gate_passes
from dealerscreen.i18n.criteriatext import shape
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Message
from dealerscreen.models.result import TIER
from dealerscreen.outcomes.casefile import BuiltCase, LoadedCases
from dealerscreen.rules.base import BRANCH, VALUE, BindContext, Loc, ScoringKind, Traced
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
    """One thing a case can exercise: where it is written, and how it reads in a report
    (a line of criteriatext.SHAPES with its values: each report says it in its language)."""

    kind: str  # one of KINDS
    loc: Loc
    words: Message

    @property
    def label(self) -> str:
        """In English, as json keeps it."""
        return self.words.english()


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


@dataclass(frozen=True)
class Probe:
    """A criterion's items, in the order of its kind's branches, and which one a decided
    case reached: the branch its record names, else the default when the kind has one
    and the rule gave points."""

    items: tuple[Item, ...]
    default: bool

    def __call__(self, traced: Traced) -> Item | None:
        branch = traced[BRANCH]
        if branch is not None:
            return self.items[branch]
        return self.items[-1] if self.default and traced[VALUE] is not None else None


def _branches(cid: str, loc: Loc, scoring: ScoringKind, ctx: BindContext, points: Decimal) -> Probe:
    """A criterion's items: its scoring kind's branches, each named with the criterion."""
    made = scoring.branches(ctx, loc, points)
    items = (Item(b.group, b.loc, of_criterion(b.label, cid)) for b in made.all)
    return Probe(tuple(items), made.default)


def of_criterion(branch: Message, cid: str) -> Message:
    """A branch's words (a kind names it without its criterion) with the criterion's id."""
    return Message(branch.key, branch.template, (*branch.values, ("criterion", cid)))


@dataclass
class _Plan:
    """The profile's items, and how to read off a decision which of them it reached."""

    items: list[Item]
    criteria: list[Probe]


def plan(compiled: CompiledProfile) -> _Plan:
    profile = compiled.profile
    ctx = BindContext(Applicant, compiled.loaded.references)
    items: list[Item] = []
    for i, (g, _) in enumerate(compiled.gates):
        if compiled.needs[i] is None:
            items.append(Item("gates", ("gates", i), shape("gate.passed", id=g.id)))
        else:  # a pass on evidence and a pass on claims alone: both must be pinned
            items += [
                Item("gates", ("gates", i), shape("gate.complete", id=g.id)),
                Item("gates", ("gates", i, "evidence"), shape("gate.provisional", id=g.id)),
            ]
        items.append(Item("gates", ("gates", i, "condition"), shape("gate.failed", id=g.id)))
    probes: list[Probe] = []
    for i, (c, _) in enumerate(compiled.criteria):
        loc: Loc = ("criteria", i, "scoring")
        made = _branches(c.id, loc, c.scoring, ctx, c.points)
        probes.append(made)
        items += made.items
        if c.missing == "fail":
            required = shape("gate.failed", id=f"{c.id}:required")
            items.append(Item("gates", ("criteria", i, "missing"), required))
    for k, (b, _) in enumerate(compiled.bonuses):
        items += [
            Item("bonuses", ("bonuses", k), shape("bonus.applied", id=b.id)),
            Item("bonuses", ("bonuses", k, "condition"), shape("bonus.not-applied", id=b.id)),
        ]
    for t, tier in enumerate(profile.tiers):
        items.append(Item("tiers", ("tiers", t), shape("tier.reached", id=tier.id)))
    for name, n in profile.quota.by_city.items():
        items.append(Item("quotas", ("quota", "by_city", name), shape("quota", n=n, city=name)))
    if profile.quota.default is not None:
        items.append(
            Item(
                "quotas",
                ("quota", "default"),
                shape("quota.default", n=profile.quota.default),
            )
        )
    margin = profile.review_margin
    if margin is not None and margin.points is not None:
        items.append(Item("reviews", ("review_margin", "points"), shape("review.tier")))
    for name in margin.fields if margin is not None else ():
        items.append(
            Item(
                "reviews",
                ("review_margin", "fields", name),
                shape("review.gate", field=name),
            )
        )
    return _Plan(items, probes)


def reached(compiled: CompiledProfile, p: _Plan, d: Decision) -> Iterable[Item]:
    """The items one decided case reaches, read off its complete decision."""
    by_loc = {i.loc: i for i in p.items}
    for i, ((g, _), v) in enumerate(zip(compiled.gates, d.gates, strict=True)):
        if not gate_passes(g, v):
            yield by_loc[("gates", i, "condition")]
        else:
            yield by_loc[("gates", i, "evidence") if i in d.provisional else ("gates", i)]
    for i, ((c, _), traced) in enumerate(zip(compiled.criteria, d.criterion_records, strict=True)):
        item = p.criteria[i](traced)
        if item is not None:
            yield item
        if traced[VALUE] is None and c.missing == "fail":
            yield by_loc[("criteria", i, "missing")]
    for k, v in enumerate(d.bonuses):
        yield by_loc[("bonuses", k) if v is True else ("bonuses", k, "condition")]
    if d.eligible and d.tier is not None:
        t = next(t for t, tier in enumerate(compiled.profile.tiers) if tier.id == d.tier)
        yield by_loc[("tiers", t)]
    for flag in d.review:
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
        cov.hit.update(reached(compiled, p, decide(compiled, a)))
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
