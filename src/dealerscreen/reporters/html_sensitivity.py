"""The html page's sensitivity section: how each criterion's weight could move the
shortlists, in applicants' names, and the fragile places.
"""

from __future__ import annotations

from dealerscreen.batch.sensitivity import Move, analyse
from dealerscreen.reporters.html_parts import TABLE_END, e, table_head
from dealerscreen.reporters.html_parts import td as _td
from dealerscreen.reporters.html_parts import th as _th
from dealerscreen.reporters.html_parts import tr as _tr
from dealerscreen.reporters.interface import View
from dealerscreen.words.explain import points

# The weight analysis compares every two eligible applicants of a city: past this many
# eligible applicants the page says so instead of taking minutes to open.
SENSITIVITY_MAX = 5000


class _Names:
    """Applicants' names by id, for the few a section names (each evaluated once)."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.known: dict[str, str] = {}

    def __call__(self, applicant_id: str) -> str:
        name = self.known.get(applicant_id)
        if name is None:
            found = self.view.data.results.find(applicant_id=applicant_id)
            name = self.view.msgs.name(found[0].evaluation) if found else applicant_id
            self.known[applicant_id] = name
        return name

    def moves(self, moves: tuple[Move, ...]) -> str:
        """'Nanjing: A enters the shortlist, B leaves it', in names."""
        msgs = self.view.msgs
        sep = msgs.comma
        parts = []
        for city, gained, lost in moves:
            said = []
            if gained:
                said.append(msgs("sens.enters", names=sep.join(map(self, gained))))
            if lost:
                said.append(msgs("sens.leaves", names=sep.join(map(self, lost))))
            parts.append(msgs("sens.move", city=self.view.city_name(city), changes=sep.join(said)))
        return "; ".join(parts)


def sensitivity_section(view: View) -> list[str]:
    """The shortlists' sensitivity to each criterion's weight, and the applicants whose
    place a small change of weight would move; past SENSITIVITY_MAX a note instead."""
    msgs = view.msgs
    eligible = view.data.counts["eligible"]
    if eligible > SENSITIVITY_MAX:
        note = msgs("sens.bounded", n=f"{eligible:,}", max=f"{SENSITIVITY_MAX:,}")
        return [
            f'<section id="sensitivity"><h2>{e(msgs("sens.title"))}</h2>',
            f'<p class="note">{e(note)}</p>',
            "</section>",
        ]
    report = analyse(view.compiled, view.data.results)
    out = [f'<section id="sensitivity"><h2>{e(msgs("sens.title"))}</h2>']
    out.append(f'<p class="muted">{e(msgs("sens.note"))}</p>')
    out.append(
        table_head(
            [
                _th(msgs("col.criterion")),
                _th(msgs("col.weight"), True),
                _th(msgs("col.down"), True),
                _th(msgs("col.up"), True),
                _th(msgs("col.changes")),
            ]
        )
    )
    names = _Names(view)
    for w in report.weights:
        change = "; ".join(names.moves(m) for m in (w.down_moves, w.up_moves) if m)
        out.append(
            _tr(
                [
                    _td(w.title),
                    _td(points(w.weight), True),
                    _td(points(w.down) if w.down is not None else "—", True),
                    _td(points(w.up) if w.up is not None else "—", True),
                    _td(change),
                ]
            )
        )
    out.append(TABLE_END)
    within = points(report.within)
    if report.fragile:
        out.append(f"<p>{e(msgs('sens.fragile', within=within))}</p><ul>")
        for f in report.fragile:
            status = msgs("shortlisted") if f.shortlisted else msgs("runner_up")
            sign = "+" if f.delta > 0 else "−"
            out.append(
                "<li>"
                + e(
                    msgs(
                        "sens.fragile_row",
                        id=names(f.applicant_id),
                        city=view.city_name(f.city_id),
                        status=status,
                        criterion=f.criterion,
                        direction=sign,
                        delta=points(abs(f.delta)),
                    )
                )
                + "</li>"
            )
        out.append("</ul>")
    else:
        out.append(f"<p>{e(msgs('sens.none_fragile', within=within))}</p>")
    return [*out, "</section>"]
