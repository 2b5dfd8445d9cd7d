"""The per-city view: each recruitment city's ranked applicants, shortlist and runners-up.

Pure: built from a ranked batch. Cities come from the profile's city list, so a city that
drew no applicant at all is still shown (and flagged); applicants for cities outside the
list are left to the ranked table, where their failed gate says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.batch.results import Results
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.result import Result

NO_ELIGIBLE = "no-eligible"
UNDER_QUOTA = "under-quota"


@dataclass(frozen=True)
class CitySection:
    city_id: str
    name: dict[str, str]  # by language
    quota: int | None
    shortlist: Sequence[Result]  # of a batch: `Results`, evaluated only when read
    runners_up: Sequence[Result]
    ineligible: Sequence[Result]
    flag: str | None  # NO_ELIGIBLE, UNDER_QUOTA or None
    eligible: Sequence[Result]  # the shortlist, then the runners-up

    def display(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.city_id


def city_sections(compiled: CompiledProfile, results: Sequence[Result]) -> list[CitySection]:
    """Flagged cities first (none eligible, then under quota), each group in list order.

    A batch's sections are read off its rows (city, eligibility, shortlist place): no
    result is evaluated until a report shows it."""
    # By city, in rank order: (position in results, eligible, shortlisted)
    by_city: dict[str, list[tuple[int, bool, bool]]] = defaultdict(list)
    if isinstance(results, Results):
        for pos, row, shortlisted in results.placed_rows():
            by_city[row.city_id].append((pos, row.eligible, shortlisted))
    else:
        for pos, r in enumerate(results):
            by_city[r.evaluation.city_id].append((pos, r.evaluation.eligible, r.shortlisted))

    def pick(positions: list[int]) -> Sequence[Result]:
        if isinstance(results, Results):
            return results.subset(positions)
        return tuple(results[p] for p in positions)

    sections: list[CitySection] = []
    entries = compiled.cities.spec.entries if compiled.cities else []
    for entry in entries:
        mine = by_city.get(entry.id, [])
        eligible = [(pos, short) for pos, ok, short in mine if ok]
        quota = compiled.quota_for(entry.id)
        flag = None
        if not eligible:
            flag = NO_ELIGIBLE
        elif quota is not None and len(eligible) < quota:
            flag = UNDER_QUOTA
        shortlist = [pos for pos, short in eligible if short]
        runners_up = [pos for pos, short in eligible if not short]
        sections.append(
            CitySection(
                city_id=entry.id,
                name=dict(entry.name),
                quota=quota,
                shortlist=pick(shortlist),
                runners_up=pick(runners_up),
                ineligible=pick([pos for pos, ok, _ in mine if not ok]),
                flag=flag,
                eligible=pick(shortlist + runners_up),
            )
        )
    order = {NO_ELIGIBLE: 0, UNDER_QUOTA: 1, None: 2}
    return sorted(sections, key=lambda s: order[s.flag])  # stable: list order within a flag


def provisional_ids(compiled: CompiledProfile, results: Sequence[Result]) -> list[str]:
    """The ids of those results whose decision is provisional, read off a batch's rows
    (their decision record says it) where it can: nothing is explained."""
    if isinstance(results, Results):
        return [d.applicant_id for d in results.decisions() if d.is_provisional]
    return [r.evaluation.applicant_id for r in results if r.evaluation.provisional]


def applicant_ids(results: Sequence[Result]) -> list[str]:
    """The applicant ids of some results, read off a batch's rows where it can."""
    if isinstance(results, Results):
        return results.ids()
    return [r.evaluation.applicant_id for r in results]


def multi_city_groups(compiled: CompiledProfile, results: Sequence[Result]) -> dict[str, list[str]]:
    """Applicant id -> the other cities its dealer group applies in (only groups in 2+ cities)."""
    cities: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)  # (applicant id, city id)
    if isinstance(results, Results):  # the group key is on each row: nothing is evaluated
        rows: dict[str, list[int]] = defaultdict(list)  # positions: ids decoded only if needed
        for pos, row, _ in results.placed_rows():
            group = row.group
            if group is not None:
                cities[group].add(row.city_id)
                rows[group].append(pos)
        for group, found in cities.items():
            if len(found) > 1:
                at = [results.row_at(p) for p in rows[group]]
                members[group] = [(row.applicant_id, row.city_id) for row in at]
    else:
        for r in results:
            name = r.evaluation.group_name
            if name:
                key = compiled.group_key(name)
                cities[key].add(r.evaluation.city_id)
                members[key].append((r.evaluation.applicant_id, r.evaluation.city_id))
    out: dict[str, list[str]] = {}
    for key, found in cities.items():
        if len(found) < 2:
            continue
        for applicant_id, city_id in members[key]:
            out[applicant_id] = sorted(found - {city_id})
    return out
