"""The status board and a history as text and HTML, in the reader's language: strings,
never printed here."""

from __future__ import annotations

from html import escape
from typing import Any

from dealerscreen.words.safetext import visible
from dealerscreen.words.teamwords import (
    act_name,
    flag_text,
    letter_name,
    outcome_name,
    reviews_text,
    say,
    shown_text,
    stage_name,
)


def _city(found: dict[str, Any], lang: str) -> dict[str, str]:
    """Each city's name in `lang` (the pipeline is keyed by the English one)."""
    names = {a["city"]: a["city"] for a in found["applicants"]}
    if lang == "zh":
        names.update({a["city"]: a["city_zh"] for a in found["applicants"] if a.get("city_zh")})
    return names


def status_table(found: dict[str, Any], lang: str = "en") -> str:
    city_in = _city(found, lang)
    lines = [
        say("status.as-of", lang, title=found["programme"], as_of=found["as_of"]),
        "",
        say("status.pipeline", lang),
    ]
    for city, stages in found["pipeline"].items():
        counts = ", ".join(f"{stage_name(s, lang)} {n}" for s, n in stages.items())
        lines.append(f"  {city_in.get(city, city)}: {counts}")
    lines += ["", say("status.waiting", lang)]
    for what, ids in found["waiting"].items():
        lines.append(f"  {say('waiting.' + what, lang)}: {', '.join(ids) if ids else '-'}")
    lines += ["", say("status.applicants", lang)]
    for a in found["applicants"]:
        stage = stage_name(a["stage"], lang)
        row = f"  {a['applicant_id']}  {city_in[a['city']]}  [{stage}]  {shown_text(a, lang)}"
        if a["reviews"]:
            row += "  " + say("team.reviews", lang, reviews=reviews_text(a["reviews"], lang))
        lines.append(row)
        lines += [f"      ! {flag_text(flag, lang)}" for flag in a["flags"]]
    return "".join(visible(line) + "\n" for line in lines)


STYLE = """body{font:15px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;
margin:0 auto;padding:1rem;max-width:80rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}
.muted{color:#555}.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;min-width:100%}
td,th{border:1px solid #d0d0d0;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.9em}
.flag{color:#8a3b00}ul.waiting{padding-left:1.2rem}ul.waiting li{margin:.15rem 0}
@media (max-width:640px){body{font-size:14px;padding:.6rem}td,th{padding:.25rem .35rem}
td.wide{min-width:14rem}}"""


def status_html(found: dict[str, Any], lang: str = "en") -> str:
    """One self-contained page a manager can open and forward; narrow screens scroll the
    tables sideways, never the page."""
    stages = found["stages"]
    city_in = _city(found, lang)
    head = "".join(f"<th>{escape(stage_name(s, lang))}</th>" for s in stages)
    pipeline = "".join(
        f"<tr><th>{escape(city_in.get(city, city))}</th>"
        + "".join(f'<td class="n">{counts.get(s, "")}</td>' for s in stages)
        + "</tr>"
        for city, counts in found["pipeline"].items()
    )
    waiting = "".join(
        f"<li><b>{escape(say('waiting.' + k, lang))}</b>: {escape(', '.join(v) or '-')}</li>"
        for k, v in found["waiting"].items()
    )
    rows = "".join(
        f'<tr><td class="id">{escape(a["applicant_id"])}</td><td>{escape(a["name"])}</td>'
        f"<td>{escape(city_in[a['city']])}</td><td>{escape(stage_name(a['stage'], lang))}</td>"
        f'<td class="wide">{escape(shown_text(a, lang))}</td>'
        f'<td class="flag">{"<br>".join(escape(flag_text(f, lang)) for f in a["flags"])}</td></tr>'
        for a in found["applicants"]
    )
    title = escape(found["programme"])
    cols = ("id", "name", "city", "stage", "decision", "flags")
    header = "".join(f"<th>{escape(say('status.' + c, lang))}</th>" for c in cols)
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(say("status.title", lang, title=found["programme"]))}</title>
<style>{STYLE}</style>
</head><body>
<h1>{title}</h1><p class="muted">{escape(say("status.html-as-of", lang, as_of=found["as_of"]))}</p>
<h2>{escape(say("status.html-pipeline", lang))}</h2>
<div class="scroll"><table><thead><tr><th>{escape(say("status.city", lang))}</th>{head}</tr></thead>
<tbody>{pipeline}</tbody></table></div>
<h2>{escape(say("status.waiting", lang))}</h2><ul class="waiting">{waiting}</ul>
<h2>{escape(say("status.applicants", lang))}</h2><div class="scroll"><table>
<thead><tr>{header}</tr></thead>
<tbody>{rows}</tbody></table></div>
</body></html>
"""


def _value(key: str, value: object, lang: str) -> object:
    """An act's detail: a stage or an outcome in words, the rest as recorded."""
    if key in ("to", "was", "from") and isinstance(value, str):
        named = outcome_name(value, lang)
        return named if named != value or lang == "en" else stage_name(value, lang)
    return value


def history_text(events: list[dict[str, Any]], lang: str = "en") -> str:
    lines = []
    for e in events:
        kind = e["event"]
        if kind == "submission":
            what = say(
                "history.submission",
                lang,
                version=e["version"],
                digest=e["digest"][:16],
                source=e["source"],
            )
        elif kind == "decision":
            what = say(
                "history.decision",
                lang,
                outcome=outcome_name(e["outcome"], lang),
                run=e["run"],
                as_of=e["as_of"],
                digest=e["criteria_digest"][:16],
            )
        elif kind == "letter":
            d = e["detail"]
            what = say(
                "history.letter",
                lang,
                kind=letter_name(d["kind"], lang),
                outcome=outcome_name(d["outcome"], lang),
                digest=d["digest"][:16],
                path=d["path"],
            )
        else:
            detail = e.get("detail") or {}
            shown = ", ".join(
                f"{k}={_value(k, v, lang)}" for k, v in sorted(detail.items()) if k != "value"
            )
            what = say("history.act", lang, act=e["act"], kind=act_name(kind, lang), by=e["by"])
            what += f": {shown}" if shown else ""
            if e.get("reason"):
                what += f" ({say('history.reason', lang, reason=e['reason'])})"
        lines.append(f"{e['at']}  {what}")
    return "".join(visible(line) + "\n" for line in lines)
