"""The status board and a history as text and HTML: strings, never printed here."""

from __future__ import annotations

from html import escape
from typing import Any

from dealerscreen.words.safetext import visible


def _decision(a: dict[str, Any]) -> str:
    shown = str(a["shown"])
    o = a["override"]
    if o and o["in_effect"]:
        return f"{shown} (override {o['act']} by {o['by']}: {o['reason']})"
    return shown


def status_table(found: dict[str, Any]) -> str:
    lines = [f"{found['programme']} · as of {found['as_of']}", "", "Pipeline (city: stage n)"]
    for city, stages in found["pipeline"].items():
        counts = ", ".join(f"{s} {n}" for s, n in stages.items())
        lines.append(f"  {city}: {counts}")
    lines += ["", "Waiting"]
    for what, ids in found["waiting"].items():
        lines.append(f"  {what.replace('_', ' ')}: {', '.join(ids) if ids else '-'}")
    lines += ["", "Applicants"]
    for a in found["applicants"]:
        reviews = "; ".join(
            f"{k} {r['mean']:g} ({r['reviewers']})" for k, r in a["reviews"].items()
        )
        row = f"  {a['applicant_id']}  {a['city']}  [{a['stage']}]  {_decision(a)}"
        if reviews:
            row += f"  reviews: {reviews}"
        lines.append(row)
        lines += [f"      ! {flag}" for flag in a["flags"]]
    return "".join(visible(line) + "\n" for line in lines)


def status_html(found: dict[str, Any]) -> str:
    """One self-contained page a manager can open and forward; narrow screens scroll the
    tables sideways, never the page."""
    stages = found["stages"]
    head = "".join(f"<th>{escape(s)}</th>" for s in stages)
    pipeline = "".join(
        f"<tr><th>{escape(city)}</th>"
        + "".join(f"<td>{counts.get(s, '')}</td>" for s in stages)
        + "</tr>"
        for city, counts in found["pipeline"].items()
    )
    waiting = "".join(
        f"<li><b>{escape(k.replace('_', ' '))}</b>: {escape(', '.join(v) or '-')}</li>"
        for k, v in found["waiting"].items()
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(str(x))}</td>"
            for x in (a["applicant_id"], a["name"], a["city"], a["stage"], _decision(a))
        )
        + f"<td>{'<br>'.join(escape(f) for f in a['flags'])}</td></tr>"
        for a in found["applicants"]
    )
    title = escape(found["programme"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: status</title>
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:1rem;max-width:80rem}}
.scroll{{overflow-x:auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}}</style>
</head><body>
<h1>{title}</h1><p>As of {escape(found["as_of"])}</p>
<h2>Pipeline</h2><div class="scroll"><table><tr><th>city</th>{head}</tr>{pipeline}</table></div>
<h2>Waiting</h2><ul>{waiting}</ul>
<h2>Applicants</h2><div class="scroll"><table>
<tr><th>id</th><th>name</th><th>city</th><th>stage</th><th>decision</th><th>flags</th></tr>
{rows}</table></div>
</body></html>
"""


def history_text(events: list[dict[str, Any]]) -> str:
    lines = []
    for e in events:
        kind = e["event"]
        if kind == "submission":
            what = f"submission v{e['version']} sha256 {e['digest'][:16]} from {e['source']}"
        elif kind == "decision":
            what = (
                f"decision {e['outcome']} (run {e['run']}, as of {e['as_of']}, "
                f"criteria sha256 {e['criteria_digest'][:16]})"
            )
        else:
            detail = e.get("detail") or {}
            shown = ", ".join(f"{k}={v}" for k, v in sorted(detail.items()) if k != "value")
            what = f"act {e['act']} {kind} by {e['by']}" + (f": {shown}" if shown else "")
            if e.get("reason"):
                what += f" (reason: {e['reason']})"
        lines.append(f"{e['at']}  {what}")
    return "".join(visible(line) + "\n" for line in lines)
