"""The status board and a history as text and HTML, in the reader's language: strings,
never printed here."""

from __future__ import annotations

from html import escape
from typing import Any

from dealerscreen.i18n.langs import localised
from dealerscreen.i18n.punctuation import punct
from dealerscreen.words.safetext import visible
from dealerscreen.words.teamwords import (
    act_name,
    flag_text,
    letter_name,
    outcome_name,
    paren,
    reviews_text,
    say,
    shown_text,
    stage_name,
)


def city_names(found: dict[str, Any], lang: str) -> dict[str, str]:
    """Each city's name in `lang` (the pipeline is keyed by the English one)."""
    names = {city: city for city in found["pipeline"]}
    names.update({a["city"]: a["city"] for a in found["applicants"]})
    for city, zh in (found.get("city_zh") or {}).items():  # a city's name in `lang`, if known
        names[city] = localised({"zh": zh}, lang, names.get(city, city))
    return names


def listed(found: dict[str, Any], lang: str) -> str:
    """The heading of the applicants listed: every one (--all), or those the team acted on
    or that wait, as so many of how many."""
    if found.get("listing") == "all":
        return say("status.applicants.all", lang, total=found["total"])
    return say("status.applicants.acted", lang, n=len(found["applicants"]), total=found["total"])


def status_table(found: dict[str, Any], lang: str = "en") -> str:
    city_in = city_names(found, lang)
    colon, sep = punct(lang, "punct.colon"), punct(lang, "punct.list")
    lines = [
        say("status.as-of", lang, title=found["programme"], as_of=found["as_of"]),
        "",
        say("status.pipeline", lang),
    ]
    for city, stages in found["pipeline"].items():
        counts = sep.join(f"{stage_name(s, lang)} {n}" for s, n in stages.items())
        lines.append(f"  {city_in.get(city, city)}{colon}{counts}")
    lines += ["", say("status.waiting", lang)]
    for what, ids in found["waiting"].items():
        lines.append(f"  {say('waiting.' + what, lang)}{colon}{sep.join(ids) if ids else '-'}")
    lines += ["", listed(found, lang)]
    if not found["applicants"]:
        lines.append("  " + say("status.none-listed", lang))
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
thead th{background:#f3f3f3}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.9em}
a.id{color:inherit}tr.total th,tr.total td{border-top:2px solid #888}
.flag{color:#8a3b00}ul.waiting{padding-left:1.2rem}ul.waiting li{margin:.25rem 0}
tr:target{background:#fff6d6}
@media (max-width:640px){body{font-size:14px;padding:.6rem}td,th{padding:.25rem .35rem}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;min-width:0}
table.cards thead{display:none}table.cards tr{border:1px solid #d0d0d0;margin:0 0 .5rem;
padding:.3rem .5rem}table.cards td{border:0;padding:.1rem 0}
table.cards td:empty{display:none}
table.cards td[data-label]::before{content:attr(data-label);color:#555}}"""


def _pipeline(found: dict[str, Any], lang: str) -> str:
    """Cities by stage, with each city's and each stage's total: a blank is none."""
    stages, city_in = found["stages"], city_names(found, lang)
    total = escape(say("status.total", lang))
    head = "".join(f'<th class="n">{escape(stage_name(s, lang))}</th>' for s in stages)
    rows = [
        f"<tr><th>{escape(city_in.get(city, city))}</th>"
        + "".join(f'<td class="n">{counts.get(s, "")}</td>' for s in stages)
        + f'<td class="n">{sum(counts.values())}</td></tr>'
        for city, counts in found["pipeline"].items()
    ]
    sums = [sum(c.get(s, 0) for c in found["pipeline"].values()) for s in stages]
    rows.append(
        f'<tr class="total"><th>{total}</th>'
        + "".join(f'<td class="n">{n or ""}</td>' for n in sums)
        + f'<td class="n">{sum(sums)}</td></tr>'
    )
    return (
        f'<div class="scroll"><table><thead><tr><th>{escape(say("status.city", lang))}</th>'
        f'{head}<th class="n">{total}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _waiting(found: dict[str, Any], lang: str) -> str:
    """What waits, each with how many and the applicants, linked to their rows."""
    items = []
    colon, sep = punct(lang, "punct.colon"), punct(lang, "punct.list")
    for key, ids in found["waiting"].items():
        linked = sep.join(f'<a class="id" href="#a-{escape(i)}">{escape(i)}</a>' for i in ids)
        many = punct(lang, "punct.paren").format(text=len(ids))
        items.append(
            f"<li><b>{escape(say('waiting.' + key, lang))}</b>{many}{colon}{linked or '-'}</li>"
        )
    return f'<ul class="waiting">{"".join(items)}</ul>'


def _applicants(found: dict[str, Any], lang: str) -> str:
    """One row per applicant; on a narrow screen each row is a card with its labels."""
    if not found["applicants"]:
        return f"<p>{escape(say('status.none-listed', lang))}</p>"
    city_in = city_names(found, lang)
    cols = ("id", "name", "city", "stage", "decision", "flags")
    label = {c: escape(say("status." + c, lang)) for c in cols}
    # a card's label, as the language writes one before its value ("城市：")
    tag = {c: escape(say("status." + c, lang) + punct(lang, "punct.colon")) for c in cols}
    rows = "".join(
        f'<tr id="a-{escape(a["applicant_id"])}"><td class="id">{escape(a["applicant_id"])}</td>'
        f"<td>{escape(a['name'])}</td>"
        f'<td data-label="{tag["city"]}">{escape(city_in[a["city"]])}</td>'
        f'<td data-label="{tag["stage"]}">{escape(stage_name(a["stage"], lang))}</td>'
        f'<td data-label="{tag["decision"]}">{escape(shown_text(a, lang))}</td>'
        f'<td class="flag">{"<br>".join("! " + escape(flag_text(f, lang)) for f in a["flags"])}'
        "</td></tr>"
        for a in found["applicants"]
    )
    header = "".join(f"<th>{label[c]}</th>" for c in cols)
    return f'<table class="cards"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>'


def status_html(found: dict[str, Any], lang: str = "en") -> str:
    """One self-contained page a manager can open and forward: on a narrow screen the
    pipeline scrolls sideways and each applicant is a card, never a column of letters."""
    title = escape(found["programme"])
    return f"""<!DOCTYPE html>
<html lang="{punct(lang, "lang.tag")}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(say("status.title", lang, title=found["programme"]))}</title>
<style>{STYLE}</style>
</head><body>
<h1>{title}</h1><p class="muted">{escape(say("status.html-as-of", lang, as_of=found["as_of"]))}</p>
<h2>{escape(say("status.html-pipeline", lang))}</h2>
{_pipeline(found, lang)}
<h2>{escape(say("status.waiting", lang))}</h2>{_waiting(found, lang)}
<h2>{escape(say("status.applicants", lang))}</h2>
<p class="muted">{escape(listed(found, lang))}</p>{_applicants(found, lang)}
</body></html>
"""


def _value(key: str, value: object, lang: str) -> object:
    """An act's detail: a stage or an outcome in words, scores and lists as a person writes
    them (`interview 7, site_visit 8`, not a program's dict), the rest as recorded."""
    if key in ("to", "was", "from") and isinstance(value, str):
        named = outcome_name(value, lang)
        return named if named != value or lang == "en" else stage_name(value, lang)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_number(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return ", ".join(str(_number(v)) for v in value)
    return _number(value)


def _number(value: object) -> object:
    """A whole float as the integer it is (a score of 7, not 7.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


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
            what = act_text(e, lang)
        lines.append(f"{e['at']}  {what}")
    return "".join(visible(line) + "\n" for line in lines)


def act_text(e: dict[str, Any], lang: str) -> str:
    """One act of a history as a sentence: who did what, with the act's own details in
    words (a stage, an outcome, a document by name), and its reason after it."""
    kind, d = e["event"], e.get("detail") or {}
    base = {"act": e["act"], "by": e["by"]}
    if kind == "note":
        return say("history.note", lang, **base, text=e.get("reason") or "")
    if kind == "verify":
        what = say("history.verify", lang, **base, **_checked(d, lang))
        extra = (
            [say("history.verify.ref", lang, reference=d["reference"])]
            if d.get("reference")
            else []
        )
        if d.get("expires"):
            extra.append(say("history.verify.expires", lang, expires=d["expires"]))
        what += paren(punct(lang, "punct.semicolon").join(extra), lang) if extra else ""
    elif kind == "request":
        facts = _facts(d.get("facts", []), lang)
        if d.get("due"):
            what = say("history.request", lang, **base, facts=facts, due=d["due"])
        else:
            what = say("history.request.open", lang, **base, facts=facts)
    elif kind == "override":
        was, to = (_value("was", d.get("was"), lang), _value("to", d.get("to"), lang))
        what = say("history.override", lang, **base, was=was, to=to)
        if d.get("needs_approval"):
            what += paren(say("history.override.approval", lang), lang)
    elif kind == "approve":
        what = say("history.approve", lang, **base, target=d.get("act"))
    elif kind == "stage":
        was, to = (stage_name(str(d.get("from")), lang), stage_name(str(d.get("to")), lang))
        what = say("history.stage", lang, **base, was=was, to=to)
    elif kind == "review":
        what = say("history.review", lang, **base, scores=_value("scores", d.get("scores"), lang))
    else:  # a kind this version does not know in words: its details as recorded
        shown = ", ".join(f"{k}={_value(k, v, lang)}" for k, v in sorted(d.items()))
        what = say("history.act", lang, act=e["act"], kind=act_name(kind, lang), by=e["by"])
        what += f": {shown}" if shown else ""
    if e.get("reason"):
        what += paren(say("history.reason", lang, reason=e["reason"]), lang)
    return what


def _facts(paths: list[str], lang: str) -> str:
    # The form's names of facts come with the applicant model (pydantic): loaded only when
    # a history holds a verification or a request, not for every `history` command.
    from dealerscreen.words.evidence_words import fact_name

    return punct(lang, "punct.list").join(fact_name(p, lang) for p in paths)


def _checked(d: dict[str, Any], lang: str) -> dict[str, Any]:
    from dealerscreen.words.evidence_words import document_name
    from dealerscreen.words.labels import Messages

    return {
        "fact": _facts([d["fact"]], lang),
        "value": _number(d.get("value")),
        "document": document_name(d["document"], Messages(lang)),
    }
