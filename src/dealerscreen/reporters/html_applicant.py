"""The html page's explanations: one article per applicant the page explains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.models.result import BonusResult, CriterionResult, GateResult, Result
from dealerscreen.reporters.html_parts import e
from dealerscreen.reporters.html_parts import td as _td
from dealerscreen.reporters.html_parts import th as _th
from dealerscreen.reporters.html_parts import tr as _tr
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.parts import Parts
from dealerscreen.words.evidence_words import document_sections
from dealerscreen.words.explain import biggest_losses, one_line, outlook_line, points
from dealerscreen.words.labels import Messages
from dealerscreen.words.telling import review_reasons, separation_sentence, total_text


def explanations_section(view: View, shown: Sequence[Result]) -> list[str]:
    """The explanations the page holds (`shown`), and a note when it holds fewer than all."""
    msgs = view.msgs
    out = [f'<section id="explanations"><h2>{e(msgs("explanations"))}</h2>']
    if len(view.rows) > len(shown):
        note = msgs("explanations.chosen", n=f"{len(shown):,}", total=f"{len(view.rows):,}")
        out.append(f'<p class="note">{e(note)}</p>')
    for r in shown:
        out += applicant_article(view, r)
    return [*out, "</section>"]


def applicant_article(view: View, r: Result) -> list[str]:
    """One applicant explained: its verdict, why, what it may send, where it lost points,
    what would change it, and the details folded away."""
    msgs = view.msgs
    compiled = view.compiled
    ev = r.evaluation
    badge = "ok" if ev.eligible else "bad"
    out = [
        f'<article class="applicant" id="a-{e(ev.applicant_id)}">',
        f"<h3>{e(ev.applicant_id)} — {e(msgs.full_name(ev, ' '))}</h3>",
        f'<p><span class="badge {badge}">{e(msgs.tier(compiled, ev.tier))}</span> '
        f"{e(total_text(ev, msgs))} · {e(one_line(r, msgs))}</p>",
    ]
    told = separation_sentence(r, msgs)
    if told:
        out.append(f"<p>{e(told)}</p>")
    review = review_reasons(r, msgs)
    if review:
        out.append(f"<p><b>{e(msgs('review.heading'))}</b></p><ul>")
        out += [f"<li>{e(reason)}</li>" for reason in review]
        out.append("</ul>")
    lang = msgs.lang
    words = _words(msgs)
    if ev.failed_gates:
        out.append(words.failed)
        out += _PARTS.each(ev.failed_gates, ("failed", lang), _failed_item, msgs)
        out.append("</ul>")
    # Documents to send and documents sent and being checked are two states (#24): two
    # lists under their own headings, as markdown, explain and the letters say them.
    for heading, docs in document_sections(ev, msgs) if ev.provisional else ():
        out.append(f"<p>{e(heading)}</p><ul>")
        out += [f"<li>{e(line)}</li>" for line in docs]
        out.append("</ul>")
    losses = biggest_losses(r)
    if losses:
        out.append(words.losses)
        out += _PARTS.each(losses, ("loss", lang), _loss_item, msgs)
        out.append("</ul>")
    out.append(f"{words.whatif}{e(outlook_line(view.outlook(r), compiled, msgs))}</p>")
    rows = _PARTS.each(ev.criteria, "criterion", _criterion_row)
    rows += _PARTS.each(ev.bonuses, ("bonus", lang), _bonus_row, msgs)
    gates = "".join(_PARTS.each(ev.gates, ("gate", lang), _gate_item, msgs))
    out.append(
        f"{words.details}<ul>{gates}</ul><table>{words.head}{''.join(rows)}</table>"
        f'<p class="muted">{e(ev.source_path)}</p></details>'
    )
    return [*out, "</article>"]


@dataclass(frozen=True)
class _Words:
    """The html every article of one language repeats, made once per language."""

    failed: str
    losses: str
    whatif: str
    details: str
    head: str


def _words_of(msgs: Messages) -> _Words:
    head = [_th(msgs("col.points"), True), _th(msgs("col.max"), True), _th(msgs("col.criterion"))]
    return _Words(
        failed=f"<p>{e(msgs('ex.failed'))}</p><ul>",
        losses=f"<p>{e(msgs('ex.losses'))}</p><ul>",
        whatif=f"<p><b>{e(msgs('ex.whatif'))}</b> ",
        details=f"<details><summary>{e(msgs('ex.details'))}</summary>",
        head=_tr([*head, _th("")]),
    )


# language -> its catalogue and the words made from it (made anew if the catalogue is)
_WORDS: dict[str, tuple[object, _Words]] = {}


def _words(msgs: Messages) -> _Words:
    found = _WORDS.get(msgs.lang)
    if found is None or found[0] is not msgs.catalogue:
        found = _WORDS[msgs.lang] = (msgs.catalogue, _words_of(msgs))
    return found[1]


# Each rule's row, made once per result (`parts.Parts`) and the reader's language.
_PARTS: Parts[str] = Parts()


def _failed_item(g: GateResult, msgs: Messages) -> str:
    detail = e(msgs.paren(g.detail).strip())
    reason = f"{e(g.title)}</b>{e(msgs.colon)}{e(g.reason.strip())}"
    return f"<li><b>{reason} <span class='muted'>{detail}</span></li>"


def _loss_item(c: CriterionResult, msgs: Messages) -> str:
    most = points(c.max_points)
    loss = msgs("ex.loss", criterion=c.title, points=points(c.points), max=most, detail=c.detail)
    return f"<li>{e(loss)}</li>"


def _criterion_row(c: CriterionResult) -> str:
    return _tr(
        [_td(points(c.points), True), _td(points(c.max_points), True), _td(c.title), _td(c.detail)]
    )


def _bonus_row(b: BonusResult, msgs: Messages) -> str:
    return _tr(
        [
            _td(f"+{points(b.points)}", True),
            _td("", True),
            _td(f"{msgs('ex.bonus')}{msgs.colon}{b.title}"),
            _td(b.detail),
        ]
    )


def _gate_item(g: GateResult, msgs: Messages) -> str:
    verdict = msgs("ex.pass") if g.passed else msgs("ex.fail")
    return f"<li>[{e(verdict)}] {e(g.title)}{e(msgs.colon)}{e(g.detail)}</li>"
