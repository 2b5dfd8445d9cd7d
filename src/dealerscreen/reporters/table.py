"""`--format table`: the ranked table an analyst reads in a terminal (rich, CJK-aware).

rich measures East Asian wide characters as two cells, so Chinese names line up. Names are
wrapped, never cut; the table is as wide as the terminal (`View.width`), and leaves out the
reason column on a terminal narrower than `REASON_MIN_WIDTH`.
`--by-city` shows one small table per recruitment city instead, flagged cities first.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealerscreen.batch.cityview import CitySection
from dealerscreen.models.fields import show
from dealerscreen.reporters.citylines import city_heading, coverage_lines
from dealerscreen.reporters.fitting import Col, FittedTable, Frame, plan, planned, rich_fits
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.team import team_text
from dealerscreen.words.evidence_words import status as evidence_status
from dealerscreen.words.labels import Messages
from dealerscreen.words.safetext import terminal
from dealerscreen.words.telling import total_cell

# Below this many columns the reason column is left out (`explain` gives it in full), so
# that names and the other columns are not cut.
REASON_MIN_WIDTH = 100
REASON_ROOM = 30


def make_console(buffer: io.StringIO, view: View) -> Console:
    return Console(
        file=buffer,
        width=view.width,
        force_terminal=view.color,
        color_system="standard" if view.color else None,
        no_color=not view.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


# The applicant column is never narrower than a long word of a company name ("Automobile"):
# a narrow terminal wraps names between words, not inside one.
NAME_MIN = 10


# What a ranked table spends besides its text: one cell of padding and one of rule per
# column (its edges, one cell each, make up for the first column's missing rule).
RANKED = Frame(per_column=2, edges=0)
# A city's table: a cell of padding either side of each column, rules between and around.
BY_CITY = Frame(per_column=3, edges=1)
REASON_COLUMN = 8  # the reason column's place in the ranked table, when it is shown


def _ranked_frame(title: str) -> Table:
    # No vertical rules, one space between columns: the room goes to names and reasons.
    return FittedTable(
        title=_literal(title),
        title_justify="left",
        show_lines=False,
        expand=False,
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
    )


def _ranked_cols(msgs: Messages, rows: list[list[str]], with_reason: bool) -> list[Col]:
    """The ranked table's columns for `plan`: rank, id, city rank, tier and total are
    numbers and ids, shown whole; when the terminal is too narrow the reason goes first,
    then the city rank, the tier, the city, the status, the name; rank and id stay."""

    def cells(i: int) -> list[str]:
        return [row[i] for row in rows]

    cols = [
        Col(msgs("col.rank"), cells(0), "right", whole=True),
        Col(msgs("col.id"), cells(1), whole=True),
        Col(msgs("col.applicant"), cells(2), floor=NAME_MIN, drop=6, grow=1),
        Col(msgs("col.city"), cells(3), words=True, drop=4, grow=3),
        Col(msgs("col.city_rank"), cells(4), "right", whole=True, drop=2),
        Col(msgs("col.status"), cells(5), words=True, drop=5, grow=2),
        Col(msgs("col.tier"), cells(6), "center", whole=True, drop=3),
        Col(msgs("col.total"), cells(7), "right", whole=True, drop=7),
    ]
    if with_reason:
        cols.append(Col(msgs("col.reason"), cells(8), floor=REASON_ROOM, drop=1, grow=4))
    return cols


def _city_frame(heading: str) -> Table:
    return FittedTable(
        title=_literal(heading), title_justify="left", expand=False, show_lines=False
    )


def _literal(title: str) -> Text:
    """A title as written: a string given to a table is read as markup ("[red]" in a
    profile's title would vanish into a colour); the style is the one a string gets."""
    return Text(title, style="table.title")


def _city_cols(msgs: Messages, rows: list[list[str]]) -> list[Col]:
    """A city's table for `plan`: the city rank, id, tier and total whole; when too
    narrow the tier goes first, then the status, the name, the total."""

    def cells(i: int) -> list[str]:
        return [row[i] for row in rows]

    return [
        Col(msgs("col.city_rank"), cells(0), "right", whole=True),
        Col(msgs("col.id"), cells(1), whole=True),
        Col(msgs("col.applicant"), cells(2), floor=NAME_MIN, drop=3, grow=1),
        Col(msgs("col.tier"), cells(3), "center", whole=True, drop=1),
        Col(msgs("col.total"), cells(4), "right", whole=True, drop=4),
        Col(msgs("col.status"), cells(5), words=True, drop=2, grow=2),
    ]


def _city_table(heading: str, cols: list[Col], rows: list[list[str]], styles: list[str]) -> Table:
    """A city's table as rich lays it out by itself: kept when that cuts nothing."""
    table = _city_frame(heading)
    rank, aid, name, tier, total, status = (c.header for c in cols)
    table.add_column(rank, justify="right", no_wrap=True)
    table.add_column(aid, no_wrap=True)
    table.add_column(name, overflow="fold")
    table.add_column(tier, justify="center", no_wrap=True)
    table.add_column(total, justify="right", no_wrap=True)
    table.add_column(status, no_wrap=True)
    for cells, style in zip(rows, styles, strict=True):
        table.add_row(*(Text(c) for c in cells), style=style)
    return table


def city_table(
    console: Console, msgs: Messages, heading: str, rows: list[list[str]], styles: list[str]
) -> tuple[Table, list[str]]:
    """A city's table for `console`'s width, and the headers of the columns it leaves out:
    rich's own layout where that cuts nothing, else the planned one."""
    cols = _city_cols(msgs, rows)
    table = _city_table(heading, cols, rows, styles)
    if rich_fits(table, console, cols):
        return table, []
    table = _city_frame(heading)
    return table, planned(table, cols, plan(cols, console.width, BY_CITY), styles)


def _ranked_table(
    msgs: Messages,
    width: int,
    title: str,
    cols: list[Col],
    rows: list[list[str]],
    styles: list[str],
) -> Table:
    """The table as rich lays it out by itself: kept when that cuts nothing."""
    table = _ranked_frame(title)
    table.add_column(msgs("col.rank"), justify="right", no_wrap=True)
    table.add_column(msgs("col.id"), no_wrap=True)
    # Names whole: wrapped over lines when the terminal is narrow, never cut.
    table.add_column(msgs("col.applicant"), overflow="fold", min_width=NAME_MIN)
    table.add_column(msgs("col.city"), no_wrap=True)
    table.add_column(msgs("col.city_rank"), justify="right")
    table.add_column(msgs("col.status"), overflow="fold")  # "shortlisted, provisional" wraps
    table.add_column(msgs("col.tier"), justify="center", no_wrap=True)
    # the criteria points then the bonus ("93.75+10"); the legend says what they are out of
    table.add_column(msgs("col.total"), justify="right", no_wrap=True)
    with_reason = len(cols) > REASON_COLUMN
    if with_reason:
        table.add_column(msgs("col.reason"), overflow="fold")
    for cells, style in zip(rows, styles, strict=True):
        table.add_row(*(Text(c) for c in cells), style=style)
    if with_reason:
        # Names whole where there is room: the reason, which wraps too, yields to them
        # down to REASON_ROOM cells (rich would otherwise share the shortfall out).
        widths = [c.widest for c in cols]
        fixed = sum(widths) - widths[2] - widths[-1] + len(widths)
        table.columns[2].min_width = min(widths[2], max(0, width - fixed - REASON_ROOM))
    return table


def ranked_table(
    console: Console, msgs: Messages, title: str, rows: list[list[str]], styles: list[str]
) -> tuple[Table, list[str]]:
    """The ranked table for `console`'s width, and the headers of the columns it leaves
    out. `rows` hold each applicant's cells as text, the reason last when the console is
    `REASON_MIN_WIDTH` wide: rich's own layout where that cuts nothing, else the planned
    one."""
    with_reason = console.width >= REASON_MIN_WIDTH
    cols = _ranked_cols(msgs, rows, with_reason)
    table = _ranked_table(msgs, console.width, title, cols, rows, styles)
    dropped = [] if with_reason else [msgs("col.reason")]
    if not rich_fits(table, console, cols):
        table = _ranked_frame(title)
        dropped += planned(table, cols, plan(cols, console.width, RANKED), styles)
    return table, dropped


def ranked_rows(view: View) -> tuple[list[list[str]], list[str]]:
    """The ranked table's rows as text, and each row's style; the reason last when the
    terminal is `REASON_MIN_WIDTH` wide."""
    msgs = view.msgs
    with_reason = view.width >= REASON_MIN_WIDTH
    rows: list[list[str]] = []
    styles: list[str] = []
    for r in view.rows:
        ev = r.evaluation
        styles.append("bold green" if r.shortlisted else ("" if ev.eligible else "dim"))
        status = "-"
        if ev.eligible:
            word = msgs("shortlisted") if r.shortlisted else msgs("runner_up")
            status = evidence_status(ev, word, msgs)
        # Applicant text goes in as Text, never as markup, and without control codes.
        rows.append(
            [
                str(r.rank) if r.rank is not None else "-",
                terminal(ev.applicant_id),
                terminal(msgs.name(ev), "?"),
                terminal(msgs.city(ev), "?"),
                str(r.city_rank) if r.city_rank is not None else "-",
                status,
                ev.tier or msgs("tier.out"),
                total_cell(ev, msgs),
                *([terminal(view.reason(r))] if with_reason else []),
            ]
        )
    return rows, styles


def city_rows(
    view: View, s: CitySection, multi: Mapping[str, Sequence[str]]
) -> tuple[list[list[str]], list[str]]:
    """A city's table rows as text (its eligible applicants), and each row's style;
    `multi` gives the other cities an applicant applied for."""
    msgs = view.msgs
    rows: list[list[str]] = []
    styles: list[str] = []
    for r in s.eligible:
        ev = r.evaluation
        others = multi.get(ev.applicant_id)
        status = msgs("shortlisted") if r.shortlisted else msgs("runner_up")
        status = evidence_status(ev, status, msgs)
        if others:
            names = ", ".join(view.city_name(c) for c in others)
            status += " ◆ " + msgs("city.multi", cities=names)
        rows.append(
            [
                str(r.city_rank),
                terminal(ev.applicant_id),
                terminal(msgs.name(ev), "?"),
                ev.tier or "",
                total_cell(ev, msgs),
                terminal(status),
            ]
        )
        styles.append("bold green" if r.shortlisted else "")
    return rows, styles


class TableReporter(Reporter):
    def render(self, view: View) -> str:
        data = view.data
        msgs = view.msgs
        profile = view.compiled.profile
        buffer = io.StringIO()
        console = make_console(buffer, view)
        title = msgs("title", title=profile.title, id=profile.id, version=profile.version)
        if view.by_city:
            self._by_city(console, view, title)
        else:
            self._ranked(console, view, title)
        team = team_text(view)  # a programme's: the team's acts, printed in one go
        if team:
            console.print(Text("\n".join(team)), overflow="fold")
        counts = data.counts
        console.print(msgs("counts", **counts))
        lists = data.illustrative_lists
        if lists:
            console.print(msgs("illustrative", lists=", ".join(lists)))
        console.print(Text(view.basis_line()), overflow="fold")
        console.print(Text(view.manifest_line()), overflow="fold")
        return buffer.getvalue()

    def _ranked(self, console: Console, view: View, title: str) -> None:
        msgs = view.msgs
        rows, styles = ranked_rows(view)
        table, dropped = ranked_table(console, msgs, title, rows, styles)
        console.print(table)
        if dropped:
            said = msgs("table.dropped", columns=msgs.list_sep.join(dropped))
            console.print(Text(said), overflow="fold")
        console.print(msgs("legend.city_rank"))
        console.print(msgs("legend.total", max=show(view.compiled.profile.max_points)))

    def _by_city(self, console: Console, view: View, title: str) -> None:
        msgs = view.msgs
        console.print(Text(title))
        flags = coverage_lines(view)
        console.print(Text(msgs("coverage"), style="bold"))
        for line in flags or [msgs("coverage.ok")]:
            console.print(Text(f"  ! {line}" if flags else f"  {line}"))
        multi = view.multi_city()
        for s in view.cities():
            console.print()
            if not s.eligible:
                console.print(Text(city_heading(view, s)))
                console.print(Text("  " + msgs("city.none")))
                continue
            rows, styles = city_rows(view, s, multi)
            table, dropped = city_table(console, msgs, city_heading(view, s), rows, styles)
            console.print(table)
            if dropped:
                said = msgs("table.dropped", columns=msgs.list_sep.join(dropped))
                console.print(Text(said), overflow="fold")
        console.print()
        console.print(msgs("city.multi_legend"))
        console.print(msgs("legend.total", max=show(view.compiled.profile.max_points)))
