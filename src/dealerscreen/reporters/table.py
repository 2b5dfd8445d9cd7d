"""`--format table`: the ranked table an analyst reads in a terminal (rich, CJK-aware)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealerscreen.explain import city_standing, points, short_reason
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.safetext import terminal


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


class TableReporter(Reporter):
    def render(self, view: View) -> str:
        run = view.run
        profile = run.compiled.profile
        buffer = io.StringIO()
        console = make_console(buffer, view)
        title = f"{profile.title} — profile {profile.id} v{profile.version}"
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("Rank", justify="right")
        table.add_column("ID", no_wrap=True)
        table.add_column("Applicant", overflow="ellipsis", no_wrap=True, max_width=22)
        table.add_column("City", no_wrap=True)
        table.add_column("City #", justify="right", no_wrap=True)
        table.add_column("Tier", justify="center")
        table.add_column("Total", justify="right")
        table.add_column("Reason", overflow="fold")
        for r in view.rows:
            ev = r.evaluation
            style = "bold green" if r.shortlisted else ("" if ev.eligible else "dim")
            # Applicant text goes in as Text, never as markup, and without control codes.
            table.add_row(
                str(r.rank) if r.rank is not None else "-",
                Text(terminal(ev.applicant_id)),
                Text(terminal(ev.legal_name, "?")),
                Text(terminal(ev.city_name, "?")),
                city_standing(r),
                ev.tier or "out",
                points(ev.total),
                Text(terminal(short_reason(r))),
                style=style,
            )
        console.print(table)
        counts = run.counts()
        console.print("City #: rank in the city / the city's quota; ✓ shortlisted.")
        console.print(
            f"{counts['found']} files: {counts['screened']} screened "
            f"({counts['eligible']} eligible), {counts['invalid']} invalid, "
            f"{counts['skipped']} skipped."
        )
        lists = run.illustrative_lists()
        if lists:
            console.print(
                f"Note: reference list(s) {', '.join(lists)} are ILLUSTRATIVE, not real data."
            )
        return buffer.getvalue()
