"""Compile a loaded profile once into plain functions, checking it against the model.

Everything a criteria file can get wrong beyond its schema (unknown field paths, lists,
tags, values of the wrong type, duplicate ids, sources not declared, points that do not
add up) is found here and reported at its line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, partial
from operator import attrgetter
from typing import Any

from dealerscreen.criteria.evidence import EvidenceError, Need, compile_need
from dealerscreen.criteria.loading import LoadedProfile
from dealerscreen.criteria.localise import localise
from dealerscreen.criteria.models import Bonus, Check, Criterion, Gate, Profile, Tier
from dealerscreen.criteria.nearness import NearGate, near_gates
from dealerscreen.i18n.checktext import message as said
from dealerscreen.i18n.checktext import path_message
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import FieldPathError, is_single_value, resolve_field, show
from dealerscreen.models.problems import FatalError, Message, Problem
from dealerscreen.reference.lists import ReferenceList
from dealerscreen.reference.nameforms import normalise
from dealerscreen.rules.base import (
    BindContext,
    BindError,
    CondFn,
    Loc,
    PointsFn,
    ScoreFn,
    ValueFn,
)
from dealerscreen.rules.phrases import Phrases
from dealerscreen.yamlsource import dotted

GROUP_KEYS_MAX = 65_536  # remembered group spellings (free text beyond it is folded anew)

SortPart = Callable[[Any, Decimal, Decimal, dict[str, Decimal]], object]


def _total(_a: Any, score: Decimal, bonus: Decimal, _by: dict[str, Decimal]) -> object:
    return score + bonus


def _score(_a: Any, score: Decimal, _b: Decimal, _by: dict[str, Decimal]) -> object:
    return score


def _bonus(_a: Any, _s: Decimal, bonus: Decimal, _by: dict[str, Decimal]) -> object:
    return bonus


def _applicant_id(a: Any, _s: Decimal, _b: Decimal, _by: dict[str, Decimal]) -> object:
    return a.applicant_id


def _criterion(crit: str, _a: Any, _s: Decimal, _b: Decimal, by: dict[str, Decimal]) -> object:
    return by.get(crit, Decimal(0))


def _field(get: Any, a: Any, _s: Decimal, _b: Decimal, _by: dict[str, Decimal]) -> object:
    return get(a)


@dataclass(frozen=True)
class Deciders:
    gates: tuple[tuple[Gate, ValueFn], ...]
    criteria: tuple[tuple[Criterion, PointsFn], ...]
    bonuses: tuple[tuple[Bonus, ValueFn], ...]
    needs: tuple[tuple[int, Need], ...]  # (gate index, its evidence rule), gates with one


@dataclass(frozen=True)
class CompiledProfile:
    loaded: LoadedProfile
    gates: tuple[tuple[Gate, CondFn], ...]
    criteria: tuple[tuple[Criterion, ScoreFn], ...]
    bonuses: tuple[tuple[Bonus, CondFn], ...]
    checks: tuple[tuple[Check, CondFn], ...]
    tiers: tuple[Tier, ...]  # highest first
    cities: ReferenceList | None
    tie_break: tuple[tuple[str, str], ...]
    used_entries: dict[str, set[str]]
    lang: str = "en"  # the reader's language, which the rules' words were compiled for
    near_gates: tuple[NearGate, ...] = ()  # gates with review-margin thresholds (#12)
    needs: tuple[Need | None, ...] = ()  # each gate's evidence rule, in gate order

    @property
    def profile(self) -> Profile:
        return self.loaded.profile

    @cached_property
    def max_points(self) -> Decimal:
        """The scale a score is out of: the criteria's points summed in profile order (an
        explained decision's `max_points`, asked a few times an applicant)."""
        return sum((crit.points for crit, _ in self.criteria), Decimal(0))

    @cached_property
    def sort_plan(self) -> tuple[tuple[SortPart, bool], ...]:
        """The tie-break order as getters, (applicant, score, bonus, points by criterion) ->
        value, each with whether it sorts descending: read once, not per applicant."""
        plan: list[tuple[SortPart, bool]] = []
        for key, order in self.tie_break:
            kind, _, arg = key.partition(":")
            part: SortPart
            if key == "total":
                part = _total
            elif key == "score":
                part = _score
            elif key == "bonus":
                part = _bonus
            elif key == "applicant_id":
                part = _applicant_id
            elif kind == "criterion":
                part = partial(_criterion, arg)
            else:  # field:<path>, checked when the profile was compiled
                part = partial(_field, attrgetter(arg))
            plan.append((part, order == "desc"))
        return tuple(plan)

    @cached_property
    def deciders(self) -> Deciders:
        """Each rule's deciding function, without its words (see `engine.decide`)."""
        return Deciders(
            tuple((g, fn.decide) for g, fn in self.gates),
            tuple((c, fn.decide) for c, fn in self.criteria),
            tuple((b, fn.decide) for b, fn in self.bonuses),
            tuple((i, need) for i, need in enumerate(self.needs) if need is not None),
        )

    @cached_property
    def _group_keys(self) -> dict[str, str]:
        return {}

    def group_key(self, name: str) -> str:
        """One key per dealer group however it is spelt: its entry in a reference list
        other than the cities (`top100:<id>`), else its folded name. Remembered per
        spelling: a batch repeats a few hundred group names."""
        keys = self._group_keys
        key = keys.get(name)
        if key is None:
            key = normalise(name)
            for list_name in sorted(self.loaded.references):
                if list_name == self.profile.city_list:
                    continue
                entry = self.loaded.references[list_name].resolve(name)
                if entry is not None:
                    key = f"{list_name}:{entry.id}"
                    break
            if len(keys) < GROUP_KEYS_MAX:
                keys[name] = key
        return key

    def tier_for(self, total: Decimal) -> str | None:
        for tier in self.tiers:
            if total >= tier.min_points:
                return tier.id
        return None

    def quota_for(self, city_id: str) -> int | None:
        quota = self.profile.quota
        for name, n in quota.by_city.items():
            entry = self.cities.resolve(name) if self.cities else None
            if (entry.id if entry else name) == city_id:
                return n
        return quota.default


class _Problems:
    def __init__(self, loaded: LoadedProfile) -> None:
        self.loaded = loaded
        self.items: list[Problem] = []

    def add(self, loc: Loc, message: Message, check: str) -> None:
        path, line, col = self.loaded.position(loc)
        self.items.append(Problem(path, line, col, "error", message, dotted(loc) or None, check))


def _bind(problems: _Problems, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except BindError as exc:
        problems.add(exc.loc, exc.message, exc.check)
        return None


def compile_profile(loaded: LoadedProfile, lang: str = "en") -> CompiledProfile:
    """Compile for one reader's language: titles and reasons come from `translations`."""
    loaded = replace(loaded, profile=localise(loaded.profile, lang))
    profile = loaded.profile
    problems = _Problems(loaded)
    ctx = BindContext(Applicant, loaded.references, say=Phrases(lang))

    seen: dict[str, Loc] = {}
    for section in ("gates", "criteria", "bonuses", "checks"):
        for i, rule in enumerate(getattr(profile, section)):
            loc: Loc = (section, i)
            if rule.id in seen:
                problems.add(
                    (*loc, "id"),
                    said("duplicate-id", id=rule.id, first=dotted(seen[rule.id])),
                    "duplicate-id",
                )
            seen.setdefault(rule.id, loc)
            if rule.source not in profile.sources:
                known = ", ".join(sorted(profile.sources)) or "none"
                problems.add(
                    (*loc, "source"),
                    said("unknown-source", source=rule.source, known=known),
                    "unknown-source",
                )

    gates = [
        (g, _bind(problems, partial(g.condition.compile, ctx, ("gates", i, "condition"))))
        for i, g in enumerate(profile.gates)
    ]
    needs: list[Need | None] = []
    for i, g in enumerate(profile.gates):
        try:
            needs.append(compile_need(g, ("gates", i)))
        except EvidenceError as exc:
            problems.add(exc.loc, exc.message, "evidence-fact")
            needs.append(None)
    criteria = [
        (c, _bind(problems, partial(c.scoring.compile, ctx, ("criteria", i, "scoring"), c.points)))
        for i, c in enumerate(profile.criteria)
    ]
    bonuses = [
        (b, _bind(problems, partial(b.condition.compile, ctx, ("bonuses", i, "condition"))))
        for i, b in enumerate(profile.bonuses)
    ]
    checks = [
        (c, _bind(problems, partial(c.condition.compile, ctx, ("checks", i, "condition"))))
        for i, c in enumerate(profile.checks)
    ]
    near = _bind(problems, partial(near_gates, profile.gates, profile.review_margin, ctx))

    total = sum((c.points for c in profile.criteria), Decimal(0))
    if profile.criteria and total != profile.max_points:
        problems.add(
            ("max_points",),
            said("points-sum", total=show(total), max=show(profile.max_points)),
            "points-sum",
        )

    cities: ReferenceList | None = None
    if profile.city_list is not None:
        cities = loaded.references.get(profile.city_list)
        if cities is None:
            problems.add(
                ("city_list",),
                said("city-list", list=profile.city_list),
                "unknown-list",
            )
        else:
            ctx.used_entries.setdefault(profile.city_list, set()).update(cities.by_id)
    for name in profile.quota.by_city:
        if cities is not None and cities.resolve(name) is None:
            problems.add(
                ("quota", "by_city", name),
                said("unknown-city", name=name, list=profile.city_list or ""),
                "unknown-city",
            )

    tiers = sorted(profile.tiers, key=lambda t: t.min_points, reverse=True)
    tier_ids = [t.id for t in tiers]
    if len(set(tier_ids)) != len(tier_ids):
        problems.add(("tiers",), said("tier-ids"), "duplicate-id")

    criterion_ids = {c.id for c in profile.criteria}
    tie_break: list[tuple[str, str]] = []
    for i, tb in enumerate(profile.tie_break):
        key = tb.key
        if key.startswith("criterion:") and key.split(":", 1)[1] not in criterion_ids:
            problems.add(
                ("tie_break", i, "key"),
                said("unknown-criterion", id=key.split(":", 1)[1]),
                "unknown-criterion",
            )
        elif key.startswith("field:"):
            try:
                ref = resolve_field(Applicant, key.split(":", 1)[1])
            except FieldPathError as exc:
                problems.add(("tie_break", i, "key"), path_message(exc), "unknown-field")
            else:
                if not is_single_value(ref):  # a group or a list has no order to honour
                    problems.add(
                        ("tie_break", i, "key"),
                        said("tie-break-not-value", path=ref.path),
                        "tie-break-not-value",
                    )
        elif key not in ("total", "bonus", "score", "applicant_id") and ":" not in key:
            problems.add(("tie_break", i, "key"), said("bad-tie-break", key=key), "bad-tie-break")
        tie_break.append((key, tb.order))

    if problems.items:
        raise FatalError(sorted(problems.items))
    return CompiledProfile(
        loaded=loaded,
        gates=tuple(gates),
        criteria=tuple(criteria),
        bonuses=tuple(bonuses),
        checks=tuple(checks),
        tiers=tuple(tiers),
        cities=cities,
        tie_break=tuple(tie_break),
        used_entries=ctx.used_entries,
        lang=lang,
        near_gates=near or (),
        needs=tuple(needs),
    )
