"""The `sensitivity` command's text: a compact table of weights, then the fragile ranks."""

from __future__ import annotations

import io
from decimal import Decimal

from rich.table import Table
from rich.text import Text

from dealerscreen.batch.sensitivity import analyse
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.table import make_console
from dealerscreen.words.explain import points


def render_sensitivity(view: View, within: Decimal) -> str:
    msgs = view.msgs
    report = analyse(view.compiled, view.data.results, within)
    buffer = io.StringIO()
    console = make_console(buffer, view)
    table = Table(title=msgs("sens.title"), title_justify="left", expand=False)
    table.add_column(msgs("col.criterion"), no_wrap=True)
    table.add_column(msgs("col.weight"), justify="right")
    table.add_column(msgs("col.down"), justify="right")
    table.add_column(msgs("col.up"), justify="right")
    table.add_column(msgs("col.changes"), overflow="fold")
    for w in report.weights:
        table.add_row(
            w.criterion,
            points(w.weight),
            points(w.down) if w.down is not None else "—",
            points(w.up) if w.up is not None else "—",
            Text("; ".join(x for x in (w.down_change, w.up_change) if x)),
        )
    console.print(table)
    console.print(Text(msgs("sens.note")))
    console.print()
    if report.fragile:
        console.print(Text(msgs("sens.fragile", within=points(within))))
        for f in report.fragile:
            status = msgs("shortlisted") if f.shortlisted else msgs("runner_up")
            console.print(
                Text(
                    "  "
                    + msgs(
                        "sens.fragile_row",
                        id=f.applicant_id,
                        city=view.city_name(f.city_id),
                        status=status,
                        criterion=f.criterion,
                        direction="+" if f.delta > 0 else "−",
                        delta=points(abs(f.delta)),
                    )
                )
            )
    else:
        console.print(Text(msgs("sens.none_fragile", within=points(within))))
    console.print(Text(view.basis_line()), overflow="fold")
    console.print(Text(view.manifest_line()), overflow="fold")
    return buffer.getvalue()
