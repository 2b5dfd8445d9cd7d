"""A decision letter (`letters.Letter`) as Markdown or as a small HTML page to print.

Markdown: a title, the date (an English letter's; a Chinese one is dated at the bottom),
the salutation, paragraphs, the reasons as a list with each reason's basis below it, what
could change the decision, the closing, the regards and the sender block, each of its
lines kept a line.
HTML: the same, self-contained (no script, no network), every text escaped, laid out to
print on one A4 page.
"""

from __future__ import annotations

from html import escape

from dealerscreen.i18n.punctuation import punct
from dealerscreen.words.letters import Letter
from dealerscreen.words.safetext import printable

LETTER_CSS = (
    "body{font:15px/1.6 system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC',"
    "'Microsoft YaHei',sans-serif;color:#111;max-width:44em;margin:2em auto;padding:0 1em}"
    "h1{font-size:1.2em}.sender{margin-top:2em}.basis{color:#555;font-size:.9em}"
    "li{margin:.4em 0}@page{size:A4;margin:2cm}@media print{body{margin:0}}"
)


def _md(text: str) -> str:
    """Text safe in Markdown prose: no raw HTML, no links or images, one line."""
    text = " ".join(printable(text).split())
    for ch in "\\`*_[]<>!|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(letter: Letter) -> str:
    out = [f"# {_md(letter.title)}", ""]
    if letter.dated_at_top:
        out += [_md(letter.dated), ""]
    out += [_md(letter.salutation), ""]
    for paragraph in letter.opening:
        out += [_md(paragraph), ""]
    if letter.reasons:
        out += [_md(letter.reasons_heading), ""]
        for reason, basis in letter.reasons:
            out += [f"- {_md(reason)}", f"  {_md(basis)}"]
        out.append("")
    if letter.changes:
        out += [_md(letter.change_heading), ""]
        out += [f"- {_md(change)}" for change in letter.changes]
        out.append("")
    for paragraph in letter.closing:
        out += [_md(paragraph), ""]
    out += [*_lines(letter.regards), "", *_lines(letter.sender)]
    if not letter.dated_at_top:
        out += ["", _md(letter.dated)]
    return "\n".join(out) + "\n"


def _lines(texts: list[str]) -> list[str]:
    """Lines that stay lines in Markdown (a hard break: two spaces at the end)."""
    return [_md(t) + ("  " if i < len(texts) - 1 else "") for i, t in enumerate(texts)]


def _e(text: str) -> str:
    return escape(printable(text), quote=True)


def render_html(letter: Letter, lang: str) -> str:
    html_lang = punct(lang, "lang.tag")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(letter.title)}</title>",
        f"<style>{LETTER_CSS}</style></head>",
        "<body>",
        f"<h1>{_e(letter.title)}</h1>",
        *([f'<p class="date">{_e(letter.dated)}</p>'] if letter.dated_at_top else []),
        f"<p>{_e(letter.salutation)}</p>",
        *(f"<p>{_e(p)}</p>" for p in letter.opening),
    ]
    if letter.reasons:
        out.append(f"<p>{_e(letter.reasons_heading)}</p><ul>")
        out += [
            f'<li>{_e(reason)}<br><span class="basis">{_e(basis)}</span></li>'
            for reason, basis in letter.reasons
        ]
        out.append("</ul>")
    if letter.changes:
        out.append(f"<p>{_e(letter.change_heading)}</p><ul>")
        out += [f"<li>{_e(change)}</li>" for change in letter.changes]
        out.append("</ul>")
    out += [f"<p>{_e(p)}</p>" for p in letter.closing]
    out.append("<p>" + "<br>".join(_e(t) for t in letter.regards) + "</p>")
    out.append('<p class="sender">' + "<br>".join(_e(t) for t in letter.sender) + "</p>")
    if not letter.dated_at_top:
        out.append(f'<p class="date">{_e(letter.dated)}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
