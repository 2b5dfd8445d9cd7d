"""A recruitment city's heading and coverage line, as the reports say them (the terminal
table, markdown, html and the workbook's city sheets): words only, so that a report that
draws no terminal table does not import rich for them (the workbook: 40 ms)."""

from __future__ import annotations

from dealerscreen.batch.cityview import NO_ELIGIBLE, CitySection
from dealerscreen.reporters.interface import View


def coverage_line(view: View, s: CitySection) -> str | None:
    """The city's coverage flag in words, or None when it has its quota of eligible."""
    msgs = view.msgs
    quota = s.quota if s.quota is not None else msgs("city.no_quota")
    if s.flag == NO_ELIGIBLE:
        return msgs("coverage.none", city=s.display(view.lang), quota=quota)
    if s.flag is not None:
        return msgs("coverage.short", city=s.display(view.lang), n=len(s.eligible), quota=quota)
    return None


def coverage_lines(view: View) -> list[str]:
    """One line per city short of its quota; flagged cities come first in view.cities()."""
    return [line for s in view.cities() if (line := coverage_line(view, s)) is not None]


def city_heading(view: View, s: CitySection) -> str:
    msgs = view.msgs
    quota = s.quota if s.quota is not None else msgs("city.no_quota")
    return msgs(
        "city.head",
        city=s.display(view.lang),
        quota=quota,
        n=len(s.eligible),
        out=len(s.ineligible),
    )
