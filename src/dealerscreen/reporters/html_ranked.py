"""The html report's ranked table, with its filter box, and which rows the page explains.

A large batch's page explains the rows that matter (`explained`): every shortlisted
applicant, then the runners-up next in line (a city's places up to twice its quota),
then the others in rank order, up to a limit (`html_report.EXPLAINED_MAX`). The ranked table lists every row;
its ids link to the explanations the page holds, and a note says how many it does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from dealerscreen.batch.results import Results
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.fields import show
from dealerscreen.models.result import Result
from dealerscreen.reporters.html_parts import TABLE_END, e, table_head, td, th, tr
from dealerscreen.reporters.interface import View
from dealerscreen.words.explain import city_standing
from dealerscreen.words.telling import total_cell


def _next_in_line(city_rank: int | None, quota: int | None) -> bool:
    return city_rank is not None and quota is not None and city_rank <= 2 * quota


def _standing(rows: Results, compiled: CompiledProfile) -> Iterator[tuple[bool, bool]]:
    """(shortlisted, next in line) of each row in order, read off the rows' bytes, so
    choosing evaluates nothing."""
    in_city: dict[str, int] = {}
    for _, row, shortlisted in rows.placed_rows():
        rank = None
        if row.eligible:
            rank = in_city[row.city_id] = in_city.get(row.city_id, 0) + 1
        yield shortlisted, not shortlisted and _next_in_line(rank, compiled.quota_for(row.city_id))


def explained(rows: Results, limit: int, compiled: CompiledProfile) -> Results:
    """The rows the page explains, in rank order: all of them when they are few."""
    if len(rows) <= limit:
        return rows
    first: list[int] = []
    later: list[int] = []
    for i, (shortlisted, next_in_line) in enumerate(_standing(rows, compiled)):
        if shortlisted:
            first.append(i)
        elif next_in_line:
            later.append(i)
    chosen = (first + later)[:limit]
    if len(chosen) < limit:  # room left: the best-placed others
        taken = set(chosen)
        rest = (i for i in range(len(rows)) if i not in taken)
        chosen += islice(rest, limit - len(chosen))
    chosen.sort()
    return rows.subset(chosen)


def _status(r: Result) -> str:
    """A row's status as the filter's select names it."""
    if not r.evaluation.eligible:
        return "out"
    return "shortlisted" if r.shortlisted else "runner-up"


def _named(name: str, status: str, words: dict[str, str]) -> str:
    """The applicant's name with its status in words beside it: the row's pale background
    alone was lost on a phone (where the standing column is hidden), in a black-and-white
    print and on a reader who does not tell the green from white (#24). It sorts by name."""
    return (
        f'<td data-v="{e(name)}">{e(name)} '
        f'<span class="st st-{status}">{e(words[status])}</span></td>'
    )


def _select(name: str, label: str, every: str, options: dict[str, str]) -> str:
    items = "".join(f'<option value="{e(v)}">{e(t)}</option>' for v, t in options.items())
    return (
        f'<select name="{name}" aria-label="{e(label)}">'
        f'<option value="">{e(every)}</option>{items}</select>'
    )


def _by_name(options: dict[str, str]) -> dict[str, str]:
    return dict(sorted(options.items(), key=lambda kv: kv[1]))


def ranked_section(view: View, linked: set[str]) -> list[str]:
    """Every row, sortable; `linked`: the ids whose explanation the page holds."""
    msgs = view.msgs
    head = [
        th(msgs("col.rank"), True),
        th(msgs("col.id")),
        th(msgs("col.applicant")),
        th(msgs("col.city")),
        th(msgs("col.city_rank"), True),
        th(msgs("col.tier")),
        th(msgs("col.total"), True),
        th(msgs("col.reason")),
    ]
    statuses = {
        "shortlisted": msgs("shortlisted"),
        "runner-up": msgs("runner_up"),
        "out": msgs("html.status_out"),
    }
    cities: dict[str, str] = {}
    tiers: dict[str, str] = {}
    body = []
    for r in view.rows:
        ev = r.evaluation
        cls = "short" if r.shortlisted else ("" if ev.eligible else "out")
        aid = e(ev.applicant_id)
        link = f'<a href="#a-{aid}">{aid}</a>' if ev.applicant_id in linked else aid
        ident = f'<td class="nw">{link}</td>'
        city = msgs.city(ev)
        cities.setdefault(ev.city_id, city)
        tier = ev.tier or "out"
        if tier not in tiers:  # "A: shortlist", as the tier chart names it
            tiers[tier] = msgs.tier(view.compiled, ev.tier)
        attrs = f' data-city="{e(ev.city_id)}" data-tier="{e(tier)}" data-status="{_status(r)}"'
        body.append(
            tr(
                [
                    td(r.rank if r.rank is not None else "-", True),
                    ident,
                    _named(msgs.name(ev), _status(r), statuses),
                    td(city, nowrap=True),
                    td(city_standing(r), True, value=r.city_rank if r.city_rank else ""),
                    td(ev.tier or msgs("tier.out"), nowrap=True),
                    # compact ('93+5'), as in the terminal: the full form widened the
                    # table past a 800 px window; the legend below says what it is out of
                    td(total_cell(ev, msgs), True, value=ev.total),
                    td(view.reason(r)),
                ],
                cls,
                attrs,
            )
        )
    shown = msgs("html.shown", n="{n}", total="{total}")
    out = [
        f'<section id="ranked"><h2>{e(msgs("ranked"))}</h2>',
        '<div class="filters" id="filters" data-for="ranked-table" hidden>'
        f'<input type="search" aria-label="{e(msgs("html.filter"))}" '
        f'placeholder="{e(msgs("html.filter_hint"))}">'
        + _select("city", msgs("col.city"), msgs("html.all_cities"), _by_name(cities))
        + _select("tier", msgs("col.tier"), msgs("html.all_tiers"), dict(sorted(tiers.items())))
        + _select("status", msgs("col.status"), msgs("html.all_statuses"), statuses)
        + "</div>",
        f'<p class="muted js-only" hidden>{e(msgs("html.sort_hint"))} '
        f'<span id="shown" aria-live="polite" data-template="{e(shown)}"></span></p>',
    ]
    missing = len(view.rows) - len(linked)
    if missing > 0:
        out.append(f'<p class="note">{e(msgs("html.compact", n=f"{missing:,}"))}</p>')
    out.append(table_head(head, table_id="ranked-table"))
    out += body
    out.append(TABLE_END)
    out.append(f'<p class="muted">{e(msgs("legend.city_rank"))}</p>')
    most = show(view.compiled.profile.max_points)
    out.append(f'<p class="muted">{e(msgs("legend.total", max=most))}</p>')
    return [*out, "</section>"]
