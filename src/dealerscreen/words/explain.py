"""Decisions in words: the one-line reason and the full explanation of one result.

Pure text building, shared by every reporter so that the table, json and explain
outputs never disagree about why. Labels come from the message catalogue of the chosen
language (i18n.py); rule details are the rules' own words.
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.criteria.basis import rationale_of
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.explaining import Told, losses_of
from dealerscreen.decide.whatif import Outlook
from dealerscreen.i18n.problemtext import level as level_words
from dealerscreen.models.fields import show
from dealerscreen.models.result import CriterionResult, GateResult, Result
from dealerscreen.words.basis import basis_line
from dealerscreen.words.evidence_words import (
    decision_line,
    document_sections,
    entry_line,
    gate_line,
    policy_line,
    provisional_clause,
    status,
)
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import EN_MESSAGES, Messages, ordinal
from dealerscreen.words.telling import (
    review_reasons,
    separation_clause,
    separation_sentence,
    total_text,
)

__all__ = [
    "biggest_losses",
    "city_standing",
    "explain_lines",
    "missing_note",
    "one_line",
    "ordinal",
    "points",
]


# Points as shown, by value: a batch shows a few dozen values of points a hundred thousand
# times. `show` of a finite Decimal depends on its value alone (1.50 and 1.5 show "1.5").
_SHOWN: dict[Decimal, str] = {}


def points(value: Decimal) -> str:
    if type(value) is not Decimal or not value.is_finite():
        return show(value)
    found = _SHOWN.get(value)
    if found is None:
        if len(_SHOWN) >= 1 << 12:
            _SHOWN.clear()
        found = _SHOWN[value] = show(value)
    return found


def biggest_losses(result: Result, n: int = 3) -> list[CriterionResult]:
    """The criteria where the applicant lost most points against the maximum (ties: by
    id); a decision told lazily puts only those into words (`Told.losses`)."""
    ev = result.evaluation
    if isinstance(ev, Told):
        return ev.losses(n)
    return losses_of(ev.criteria, n)


def _status(result: Result, msgs: Messages) -> str:
    word = msgs("shortlisted") if result.shortlisted else msgs("runner_up")
    return status(result.evaluation, word, msgs)


def gate_reason(gate: GateResult, msgs: Messages = EN_MESSAGES) -> str:
    """Why a failed gate failed, as the applicant is told it. A gate that failed because a
    fact was not stated says so: "not stated" is not "does not meet" (#12)."""
    if gate.missing:
        facts = msgs.list_sep.join(gate.missing)
        return msgs("reason.not_stated", facts=facts, requirement=gate.title)
    return gate.reason.strip()


def facts_to_ask(result: Result) -> list[str]:
    """Every fact the application leaves out that a requirement, a score or an advisory
    would read, in the order the explanation meets them, once each."""
    ev = result.evaluation
    found: dict[str, None] = {}
    for parts in (ev.gates, ev.criteria, ev.checks):
        for part in parts:
            if part.missing:  # most rules read every fact they need: nothing to add
                found.update(dict.fromkeys(part.missing))
    return list(found)


def _review_mark(result: Result, msgs: Messages) -> str:
    """'; needs review' ('；需复核' in Chinese), unless the tie clause already says so."""
    sep = result.separation
    if not result.review or (sep is not None and sep.unbroken):
        return ""
    return msgs("reason.sep") + msgs("review.mark")


def one_line(result: Result, msgs: Messages = EN_MESSAGES) -> str:
    ev = result.evaluation
    if not ev.eligible:
        failed = ev.failed_gates
        more = msgs("reason.more", n=len(failed) - 1) if len(failed) > 1 else ""
        line = msgs("line.ineligible", reason=gate_reason(failed[0], msgs), more=more)
        return line + _review_mark(result, msgs)
    where = msgs("line.where", ordinal=msgs.ordinal(result.city_rank or 0), city=msgs.city(ev))
    if result.city_quota is not None:
        where += msgs("line.quota", quota=result.city_quota, status=_status(result, msgs))
    where += separation_clause(result, msgs) + _review_mark(result, msgs)
    losses = biggest_losses(result, 1)
    if losses:
        c = losses[0]
        title = c.title.lower() if msgs.lang == "en" else c.title
        where += msgs(
            "line.loss", criterion=title, points=points(c.points), max=points(c.max_points)
        )
    if ev.provisional:
        where += provisional_clause(ev, msgs)
    return where


def city_standing(result: Result) -> str:
    """'1/2 ✓': rank in the city, the city's quota, and a tick when shortlisted."""
    if result.city_rank is None:
        return "-"
    quota = f"/{result.city_quota}" if result.city_quota is not None else ""
    return f"{result.city_rank}{quota}" + (" ✓" if result.shortlisted else "")


def outlook_line(outlook: Outlook, compiled: CompiledProfile, msgs: Messages) -> str:
    """'street frontage 22 m -> 26 m would add 2 points and reach tier B', in words."""
    change = outlook.change
    if change is None:
        return msgs("ex.change.top") if outlook.top_tier else msgs("ex.change.none")
    fact, old, new = change.describe()
    if msgs.lang != "en":  # the rule's title, values and units in the reader's words
        fact = f"{change.rule}{msgs.paren(change.fact)}" if change.rule else change.fact
        old, new = (fact_value(change.fact, v, msgs) for v in (change.old, change.new))
    elif isinstance(change.old, bool) or isinstance(change.new, bool):  # yes/no
        old = msgs.yes_no(change.old) if isinstance(change.old, bool) else old
        new = msgs.yes_no(change.new) if isinstance(change.new, bool) else new
    tier = msgs.tier(compiled, change.tier)
    if change.became_eligible:
        return msgs("ex.change.eligible", fact=fact, old=old, new=new, tier=tier)
    return msgs("ex.change.tier", fact=fact, old=old, new=new, gain=points(change.gain), tier=tier)


def missing_note(c: CriterionResult, msgs: Messages) -> str:
    """' (not stated: scored 0)' after a criterion whose fact is missing: the policy in
    words, never its key ('zero'). A reviewer-scored criterion not yet reviewed left nothing
    unstated: ' (scored 0 until the team's review)'."""
    if not c.missing_policy:
        return ""
    if c.unreviewed:
        return msgs("ex.unreviewed." + c.missing_policy)
    return msgs("ex.missing", policy=msgs("ex.missing." + c.missing_policy))


def _cited(source: str, basis: str | None, msgs: Messages) -> str:
    """'[team's judgement · seed-001]': where the rule's numbers come from, and its source."""
    return f"[{msgs('basis.' + basis)} · {source}]" if basis else f"[{source}]"


def _basis_said(
    compiled: CompiledProfile | None, gate_id: str, basis: str | None, msgs: Messages
) -> str | None:
    """Under a failed gate: that its threshold is the team's (and why) or only reported."""
    if basis == "reported":
        return msgs("ex.basis.reported")
    if basis != "team" or compiled is None or gate_id.endswith(":required"):
        return None  # a required fact is a policy on missing facts, not a threshold
    rationale = rationale_of(compiled, "gate", gate_id, msgs.lang)
    return msgs("ex.basis.team", rationale=rationale or "-")


def explain_lines(
    result: Result,
    msgs: Messages = EN_MESSAGES,
    outlook: Outlook | None = None,
    compiled: CompiledProfile | None = None,
) -> list[str]:
    """Every decision about one applicant, in words, in the order a reader asks."""
    ev = result.evaluation
    lines = [f"{ev.applicant_id}  {msgs.full_name(ev)}"]
    lines.append(msgs("ex.city", city=msgs.city_names(ev), file=ev.source_path))
    if ev.eligible:
        status = ""
        if result.city_quota is not None:
            status = msgs("ex.status", quota=result.city_quota, status=_status(result, msgs))
        lines.append(
            msgs(
                "ex.eligible",
                tier=ev.tier,
                total=total_text(ev, msgs),
                rank=result.rank,
                ordinal=msgs.ordinal(result.city_rank or 0),
                city=msgs.city(ev),
                status=status,
            )
        )
        told = separation_sentence(result, msgs)
        if told:
            lines.append(told)
        if ev.provisional:
            lines.append(decision_line(ev, msgs))
    else:
        lines.append(msgs("ex.ineligible", n=len(ev.failed_gates)))
    review = review_reasons(result, msgs)
    if review:
        lines.append("")
        lines.append(msgs("review.heading"))
        lines.extend(f"  - {reason}" for reason in review)
        margin = compiled.profile.review_margin if compiled is not None else None
        if margin is not None and margin.rationale:
            lines.append("  " + msgs("review.basis", rationale=margin.rationale))
    lines.append("")
    lines.append(msgs("ex.gates"))
    colon = msgs.colon
    provisional = {g.id for g in ev.provisional_gates}
    for g in ev.gates:
        mark = msgs("ex.pass") if g.passed else msgs("ex.fail")
        lines.append(f"  [{mark}] {g.title}{colon}{g.detail}  {_cited(g.source, g.basis, msgs)}")
        if g.id in provisional:
            lines.append(f"         {gate_line(g.wanted, msgs)}")
            said = policy_line(compiled, g.id, msgs) if compiled is not None else None
            if said:
                lines.append(f"         {said}")
        if not g.passed:
            lines.append(f"         {msgs('ex.why')}{colon}{gate_reason(g, msgs)}")
            said = _basis_said(compiled, g.id, g.basis, msgs)
            if said:
                lines.append(f"         {said}")
    lines.append("")
    lines.append(
        msgs("ex.points", score=points(ev.score), max=points(ev.max_points), bonus=points(ev.bonus))
    )
    for c in ev.criteria:
        note = missing_note(c, msgs)
        lines.append(
            f"  {points(c.points):>5}/{points(c.max_points):<3} {c.title}{colon}{c.detail}{note}"
            f"  {_cited(c.source, c.basis, msgs)}"
        )
    for b in ev.bonuses:
        got = f"+{points(b.points)}" if b.applied else "  +0"
        lines.append(
            f"  {got:>5}     {msgs('ex.bonus')} {b.title}{colon}{b.detail}  {_cited(b.source, b.basis, msgs)}"
        )
    warnings = [k for k in ev.checks if k.passed is not True]
    if warnings:
        lines.append("")
        lines.append(msgs("ex.advisories"))
        for k in warnings:
            tag = "" if k.verified else msgs("ex.unverified")
            if k.passed is None:  # a fact not stated: never worded as falling short
                said = msgs("ex.not_stated", facts=msgs.list_sep.join(k.missing) or k.detail)
                lines.append(f"  [{msgs('ex.unknown')}] {k.title}{tag}{colon}{said}  [{k.source}]")
            else:
                level = level_words(k.level, msgs.lang)
                detail = msgs("ex.check.detail", detail=k.detail)
                lines.append(f"  [{level}] {k.message}{tag}{detail}  [{k.source}]")
    losses = biggest_losses(result)
    if losses:
        lines.append("")
        lines.append(msgs("ex.losses"))
        for c in losses:
            lines.append(
                "  "
                + msgs(
                    "ex.loss",
                    criterion=c.title,
                    points=points(c.points),
                    max=points(c.max_points),
                    detail=c.detail,
                )
            )
    if ev.evidence:
        lines.append("")
        lines.append(msgs("ev.heading"))
        lines.extend(f"  - {entry_line(e, msgs)}" for e in ev.evidence)
    for heading, docs in document_sections(ev, msgs) if ev.provisional else ():
        lines.append("")
        lines.append(heading)
        lines.extend(f"  - {line}" for line in docs)
    if outlook is not None and compiled is not None:
        lines.append("")
        lines.append(msgs("ex.whatif"))
        lines.append("  " + outlook_line(outlook, compiled, msgs))
    ask = facts_to_ask(result)
    if ask:
        lines.append("")
        lines.append(msgs("ex.ask"))
        lines.extend(f"  - {fact}" for fact in ask)
    if compiled is not None:
        lines.append("")
        lines.append(basis_line(compiled, msgs))
    return lines
