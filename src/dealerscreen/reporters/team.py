"""The team's acts beside the computed decision, in a report of a programme (`screen -p`):
a section of lines (table, markdown) or of HTML, and the json record's `team` member.

`View.team` holds each applicant's standing as plain data (programme/queries.py); a report
of files has none, and these add nothing."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any

from dealerscreen.reporters.interface import View

if TYPE_CHECKING:  # the workbook's writer, imported by the xlsx report only (team_sheet)
    from dealerscreen.reporters.workbook import Book
from dealerscreen.words.teamwords import outcome_name, say, team_lines


def standing(view: View, applicant_id: str) -> Mapping[str, Any] | None:
    return view.team.get(applicant_id) if view.team is not None else None


def acted_on(found: Mapping[str, Any]) -> bool:
    """Whether the team has acted on the applicant, or it carries a flag of the team's (an
    override's, an overdue request's, the reviewers'): a provisional decision alone is the
    screening's, shown in the report already."""
    return bool(found.get("acts")) or any(f["flag"] != "provisional" for f in found["flags"])


def _shown(view: View, every: bool = True) -> list[tuple[str, str, list[str]]]:
    """Each row's applicant with the team's acts in words; `every`: also those the team
    has not acted on (the workbook's sheet, which a filter reads)."""
    out = []
    for key in view.rows.ids():  # the rows' ids alone: no decision put into words again
        found = standing(view, key)
        if found is not None and (every or acted_on(found)):
            out.append((key, str(found.get("name") or ""), team_lines(found, view.lang)))
    return out


def team_text(view: View) -> list[str]:
    """Lines: a heading, then each applicant the team acted on, with its acts, indented;
    one line when there is none."""
    if view.team is None:
        return []
    lines = ["", say("team.title", view.lang)]
    shown = _shown(view, every=False)
    if not shown:
        return [*lines, "  " + say("team.none", view.lang)]
    lines.append(say("team.listed", view.lang))
    for key, name, said in shown:
        lines.append(f"  {key}  {name}")
        lines += [f"      {line}" for line in said]
    if any(s.get("reviews") for s in view.team.values()):
        lines.append(say("team.reviews.model", view.lang))
    return lines


def team_markdown(view: View) -> list[str]:
    if view.team is None:
        return []
    lines = ["", f"## {say('team.title', view.lang)}", ""]
    shown = _shown(view, every=False)
    if not shown:
        return [*lines, say("team.none", view.lang)]
    lines += [say("team.listed", view.lang), ""]
    for key, name, said in shown:
        lines.append(f"- **{key}** {name}: " + "; ".join(said))
    return lines


def team_html(view: View) -> list[str]:
    if view.team is None:
        return []
    out = [f'<section id="team"><h2>{escape(say("team.title", view.lang))}</h2>']
    shown = _shown(view, every=False)
    if not shown:
        return [*out, f"<p>{escape(say('team.none', view.lang))}</p></section>"]
    out.append(f"<p>{escape(say('team.listed', view.lang))}</p><dl>")
    for key, name, said in shown:
        out.append(f"<dt><code>{escape(key)}</code> {escape(name)}</dt>")
        out.append("<dd>" + "<br>".join(escape(line) for line in said) + "</dd>")
    out.append("</dl></section>")
    return out


def team_sheet(view: View, book: Book) -> None:
    """The workbook's sheet of the team's acts (`-f xlsx` of a programme): a row per
    applicant, the decision the programme shows (an override in effect applied) beside
    the computed one, and the lines the other reports show; a filter finds the changed."""
    from dealerscreen.reporters.workbook import Column

    if view.team is None:
        return
    lang = view.lang
    sheet = book.sheet(
        say("team.title", lang),
        [
            Column(say("status.id", lang), 16),
            Column(say("status.name", lang), 30, fit=True),
            Column(say("team.col.shown", lang), 14),
            Column(say("team.col.computed", lang), 14),
            Column(say("team.title", lang), 70, wrap=True),
        ],
    )
    for key, name, said in _shown(view):
        found = view.team[key]
        shown, computed = outcome_name(found["shown"], lang), outcome_name(found["computed"], lang)
        sheet.append([key, name, shown, computed, "\n".join(said)])
