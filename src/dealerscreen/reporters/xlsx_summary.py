"""The workbook's first sheet: what a manager reads on one page before deciding (#24).

One row per recruitment city: its places, the shortlisted applicants by name with their
totals on the scale they are out of ("93.75/100 + 10 bonus", never 103.75 of 100), the
first runner-up, and the risks a decision carries: a shortlisted applicant that is only
provisional, a tie only the application id broke, a near miss of a line (within the
profile's review margin), a city short of eligible applicants. Cities with a gap come
first, as on the overview sheet.

The risks are read while the city sheets are written (`look`, once per applicant of a
city), so the batch is not read again; the sheet is filled last (`fill`) but comes first
in the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from dealerscreen.batch.cityview import NO_ELIGIBLE, UNDER_QUOTA, CitySection
from dealerscreen.intake.formfields import form_fields
from dealerscreen.models.fields import show
from dealerscreen.models.result import GATE, TIE, TIER, Result
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.workbook import Book, Column
from dealerscreen.rules.compare import SYMBOL
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import Messages
from dealerscreen.words.telling import total_text

RISKS_SHOWN = 4  # per city: more are counted, and the city's sheet holds them
ONE_PAGE_CITIES = 40  # up to this many cities the summary is printed on one page


@cache
def _fact_labels(lang: str) -> dict[str, str]:
    return {f.path: f.label(lang) for f in form_fields()}


def fact_label(path: str, lang: str) -> str:
    """A fact as the application form names it ('Stores in the province'), else its path."""
    return _fact_labels(lang).get(path, path)


class Summary:
    def __init__(self, book: Book, view: View, cities: Sequence[CitySection]) -> None:
        msgs = self.msgs = view.msgs  # one for every look (`View.msgs` makes one a call)
        self.view = view
        self.cities = cities
        profile = view.compiled.profile
        lists = view.data.illustrative_lists
        note = msgs("illustrative", lists=", ".join(lists)) if lists else ""
        above = [
            msgs("sum.title", title=profile.title),
            msgs("counts", **view.data.counts),
            *([note] if note else []),
            msgs("sum.legend", max=show(profile.max_points)),
        ]
        columns = [
            Column(msgs("col.city"), 8, fit=True),
            Column(msgs("col.quota"), 6),
            Column(msgs("col.shortlisted_named"), 40, fit=True),
            Column(msgs("col.runner_up_named"), 40, fit=True),
            Column(msgs("col.risks"), 64, wrap=True),
        ]
        self.sheet = book.sheet(
            msgs("xlsx.summary"),
            columns,
            above=above,
            freeze_columns=1,
            one_page=len(cities) <= ONE_PAGE_CITIES,
        )
        self.risks: dict[str, list[str]] = {}
        self._ties: set[frozenset[str]] = set()

    def look(self, r: Result) -> None:
        """Note the risks this applicant brings to its city's decision."""
        msgs = self.msgs
        ev = r.evaluation
        found = self.risks.setdefault(ev.city_id, [])
        if r.shortlisted and ev.provisional:
            found.append(msgs("risk.provisional", id=ev.applicant_id))
        titles = {g.id: g.title for g in ev.gates}
        for flag in r.review:
            if flag.kind == TIE and r.separation is not None:
                pair = frozenset((ev.applicant_id, flag.id))
                if pair in self._ties:
                    continue
                self._ties.add(pair)
                first, second = ev.applicant_id, flag.id
                if r.separation.other_above:
                    first, second = second, first
                found.append(msgs("risk.tie", first=first, second=second))
            elif flag.kind == GATE and flag.field:
                found.append(
                    msgs(
                        "risk.near_gate",
                        id=ev.applicant_id,
                        gate=titles.get(flag.id, flag.id),
                        fact=fact_label(flag.field, msgs.lang),
                        value=fact_value(flag.field, flag.value, msgs),
                        sym=SYMBOL.get(flag.op or "", ""),
                        threshold=fact_value(flag.field, flag.threshold, msgs),
                    )
                )
            elif flag.kind == TIER:
                found.append(
                    msgs(
                        "risk.near_tier",
                        id=ev.applicant_id,
                        total=show(flag.value),
                        tier=flag.id,
                        at=show(flag.threshold),
                    )
                )

    def fill(self) -> None:
        msgs = self.view.msgs
        for s in self.cities:
            self.sheet.append(
                [
                    s.display(msgs.lang),
                    s.quota,
                    "\n".join(_named(r, msgs) for r in s.shortlist) or msgs("sum.nobody"),
                    _named(s.runners_up[0], msgs) if s.runners_up else msgs("sum.nobody"),
                    self._risks(s, msgs),
                ]
            )

    def _risks(self, s: CitySection, msgs: Messages) -> str:
        risks = []
        if s.flag == NO_ELIGIBLE:
            risks.append(msgs("risk.no_eligible"))
        elif s.flag == UNDER_QUOTA:
            risks.append(msgs("risk.short", n=len(s.eligible), quota=s.quota))
        risks += self.risks.get(s.city_id, [])
        shown = risks[:RISKS_SHOWN]
        if len(risks) > RISKS_SHOWN:
            shown.append(msgs("risk.more", n=len(risks) - RISKS_SHOWN, city=s.display(msgs.lang)))
        return "\n".join(shown) or msgs("risk.none")


def _named(r: Result, msgs: Messages) -> str:
    ev = r.evaluation
    text = msgs(
        "sum.applicant",
        name=msgs.name(ev),
        id=ev.applicant_id,
        total=total_text(ev, msgs),
        tier=ev.tier or msgs("tier.out"),
    )
    return text + (msgs("sum.provisional") if ev.provisional else "")
