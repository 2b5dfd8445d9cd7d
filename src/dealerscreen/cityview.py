"""The per-city view: each recruitment city's ranked applicants, shortlist and runners-up.

Pure: built from a ranked batch. Cities come from the profile's city list, so a city that
drew no applicant at all is still shown (and flagged); applicants for cities outside the
list are left to the ranked table, where their failed gate says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.result import Result
from dealerscreen.reference import normalise

NO_ELIGIBLE = "no-eligible"
UNDER_QUOTA = "under-quota"


@dataclass(frozen=True)
class CitySection:
    city_id: str
    name: dict[str, str]  # by language
    quota: int | None
    shortlist: tuple[Result, ...]
    runners_up: tuple[Result, ...]
    ineligible: tuple[Result, ...]
    flag: str | None  # NO_ELIGIBLE, UNDER_QUOTA or None

    @property
    def eligible(self) -> tuple[Result, ...]:
        return self.shortlist + self.runners_up

    def display(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.city_id


def city_sections(compiled: CompiledProfile, results: Sequence[Result]) -> list[CitySection]:
    """Flagged cities first (none eligible, then under quota), each group in list order."""
    by_city: dict[str, list[Result]] = defaultdict(list)
    for r in results:  # results are in rank order, so each city's list is too
        by_city[r.evaluation.city_id].append(r)
    sections: list[CitySection] = []
    entries = compiled.cities.spec.entries if compiled.cities else []
    for entry in entries:
        mine = by_city.get(entry.id, [])
        eligible = [r for r in mine if r.evaluation.eligible]
        quota = compiled.quota_for(entry.id)
        flag = None
        if not eligible:
            flag = NO_ELIGIBLE
        elif quota is not None and len(eligible) < quota:
            flag = UNDER_QUOTA
        sections.append(
            CitySection(
                city_id=entry.id,
                name=dict(entry.name),
                quota=quota,
                shortlist=tuple(r for r in eligible if r.shortlisted),
                runners_up=tuple(r for r in eligible if not r.shortlisted),
                ineligible=tuple(r for r in mine if not r.evaluation.eligible),
                flag=flag,
            )
        )
    order = {NO_ELIGIBLE: 0, UNDER_QUOTA: 1, None: 2}
    return sorted(sections, key=lambda s: order[s.flag])  # stable: list order within a flag


def group_key(compiled: CompiledProfile, name: str) -> str:
    """One key per dealer group however it is spelt: its reference entry, else its folded name."""
    for list_name in sorted(compiled.loaded.references):
        if list_name == compiled.profile.city_list:
            continue
        entry = compiled.loaded.references[list_name].resolve(name)
        if entry is not None:
            return f"{list_name}:{entry.id}"
    return normalise(name)


def multi_city_groups(compiled: CompiledProfile, results: Sequence[Result]) -> dict[str, list[str]]:
    """Applicant id -> the other cities its dealer group applies in (only groups in 2+ cities)."""
    cities: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        name = r.evaluation.group_name
        if name:
            key = group_key(compiled, name)
            cities[key].add(r.evaluation.city_id)
            members[key].append(r)
    out: dict[str, list[str]] = {}
    for key, found in cities.items():
        if len(found) < 2:
            continue
        for r in members[key]:
            out[r.evaluation.applicant_id] = sorted(found - {r.evaluation.city_id})
    return out
