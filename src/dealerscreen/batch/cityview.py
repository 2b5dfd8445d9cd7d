"""The per-city view: each recruitment city's ranked applicants, shortlist and runners-up.

Pure: built from a ranked batch. Cities come from the profile's city list, so a city that
drew no applicant at all is still shown (and flagged); applicants for cities outside the
list are left to the ranked table, where their failed gate says why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from dealerscreen.batch.results import Results
from dealerscreen.criteria.compile import CompiledProfile

NO_ELIGIBLE = "no-eligible"
UNDER_QUOTA = "under-quota"


@dataclass(frozen=True)
class CitySection:
    city_id: str
    name: dict[str, str]  # by language
    quota: int | None
    shortlist: Results  # evaluated only when read
    runners_up: Results
    ineligible: Results
    flag: str | None  # NO_ELIGIBLE, UNDER_QUOTA or None
    eligible: Results  # the shortlist, then the runners-up

    def display(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.city_id


def city_sections(compiled: CompiledProfile, results: Results) -> list[CitySection]:
    """Flagged cities first (none eligible, then under quota), each group in list order.

    The sections are read off the rows (city, eligibility, shortlist place): no result is
    evaluated until a report shows it."""
    # By city, in rank order: (position in results, eligible, shortlisted)
    by_city: dict[str, list[tuple[int, bool, bool]]] = defaultdict(list)
    for pos, row, shortlisted in results.placed_rows():
        by_city[row.city_id].append((pos, row.eligible, shortlisted))
    pick = results.subset

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


def multi_city_groups(results: Results) -> dict[str, list[str]]:
    """Applicant id -> the other cities its dealer group applies in (only groups in 2+ cities)."""
    cities: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[tuple[str, str]]] = {}  # (applicant id, city id)
    # The group key is on each row: nothing is evaluated.
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
    out: dict[str, list[str]] = {}
    for key, found in cities.items():
        if len(found) < 2:
            continue
        for applicant_id, city_id in members[key]:
            out[applicant_id] = sorted(found - {city_id})
    return out
