"""Ties, quotas, near misses and totals in words (#12), for every report and letter.

A total is told on the scale it is out of, with the bonus beside it ("93/100 + 5 bonus",
never "98 points" on a 100-point scale). An applicant at its city's quota line is told
who stands across it and what separated them; one a person should look at again is told
why (review.py, separation.py).
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.i18n.langs import localised
from dealerscreen.models.fields import show
from dealerscreen.models.result import GATE, ID_KEY, TIER, Evaluation, Result, Separation
from dealerscreen.rules.compare import SYMBOL
from dealerscreen.words.labels import Messages


def total_text(ev: Evaluation, msgs: Messages) -> str:
    """'93/100 + 5 bonus', or '93/100' with no bonus."""
    return _total_of(ev.score, ev.bonus, ev.max_points, msgs)


def _total_of(score: Decimal, bonus: Decimal, most: Decimal, msgs: Messages) -> str:
    if bonus:
        return msgs("total.bonus", score=show(score), max=show(most), bonus=show(bonus))
    return msgs("total.of", score=show(score), max=show(most))


def total_cell(ev: Evaluation, msgs: Messages) -> str:
    """'93+5' for a narrow table column; the table's legend says what it is out of."""
    if ev.bonus:
        return msgs("total.cell", score=show(ev.score), bonus=show(ev.bonus))
    return show(ev.score)


def key_label(key: str, ev: Evaluation, msgs: Messages) -> str:
    """A ranking key as a reader names it: 'total', 'Active customers points', a fact."""
    kind, _, arg = key.partition(":")
    if kind == "criterion":
        title = next((c.title for c in ev.criteria if c.id == arg), arg)
        return msgs("sep.key.criterion", title=title)
    if kind == "field":
        return msgs("sep.key.field", field=arg)
    if key in ("total", "score", "bonus", ID_KEY):
        return msgs("sep.key." + key)
    return key


def _value(value: Decimal | str | None, msgs: Messages) -> str:
    if value is None:
        return msgs("sep.not_stated")
    return show(value) if isinstance(value, Decimal) else value


def _other(sep: Separation, msgs: Messages) -> str:
    name = localised({"zh": sep.other_name_zh}, msgs.lang, sep.other_name)
    return f"{sep.other_id} {name}"


def how_separated(sep: Separation, ev: Evaluation, msgs: Messages) -> str:
    key = key_label(sep.key, ev, msgs)
    theirs, ours = _value(sep.theirs, msgs), _value(sep.ours, msgs)
    if sep.key == "total":  # on the scale it is out of, the bonus beside it
        theirs = _total_of(sep.other_score, sep.other_bonus, ev.max_points, msgs)
        ours = total_text(ev, msgs)
    tied = msgs.list_sep
    tied_on = tied.join(key_label(k, ev, msgs) for k in sep.tied_on)
    if sep.unbroken:
        first, second = (theirs, ours) if sep.other_above else (ours, theirs)
        return msgs("sep.unbroken", tied=tied_on, first=first, second=second)
    if not sep.tied_on:
        return msgs("sep.by", by=key, theirs=theirs, ours=ours)
    return msgs("sep.tie", tied=tied_on, by=key, theirs=theirs, ours=ours)


def separation_sentence(result: Result, msgs: Messages) -> str | None:
    """'Runner-up in Suzhou: the quota is 1 and XM24-SUZ-001 ... ranks above by total
    (103.75 vs 77).' None when the applicant is not at its city's quota line."""
    sep = result.separation
    if sep is None:
        return None
    ev = result.evaluation
    key = "sep.runner_up" if sep.other_above else "sep.shortlisted"
    return msgs(
        key,
        city=msgs.city(ev),
        quota=sep.quota,
        other=_other(sep, msgs),
        how=how_separated(sep, ev, msgs),
    )


def separation_clause(result: Result, msgs: Messages) -> str:
    """For a one-line reason: said only when a tie-break, not the total, decided."""
    sep = result.separation
    if sep is None or not sep.tied_on:
        return ""
    ev = result.evaluation
    if sep.unbroken:
        return msgs("sep.line.unbroken", other=sep.other_id)
    tied = msgs.list_sep.join(key_label(k, ev, msgs) for k in sep.tied_on)
    return msgs(
        "sep.line.tie",
        other=sep.other_id,
        tied=tied,
        by=key_label(sep.key, ev, msgs),
        theirs=_value(sep.theirs, msgs),
        ours=_value(sep.ours, msgs),
    )


def review_codes(result: Result) -> list[str]:
    """'gate:dealer-standing', 'tier:B', 'tie': each reason a person should look again."""
    return list(dict.fromkeys(flag.code for flag in result.review))


def review_reasons(result: Result, msgs: Messages) -> list[str]:
    """Each reason a person should look at this decision again, in words."""
    ev = result.evaluation
    out: list[str] = []
    for flag in result.review:
        margin = show(flag.margin) if flag.margin is not None else "-"
        if flag.kind == GATE:
            op = SYMBOL.get(flag.op or "", "")
            # the gates' words only where a gate is named (most applicants have no flag)
            title = next((g.title for g in ev.gates if g.id == flag.id), flag.id)
            out.append(
                msgs(
                    "review.gate",
                    gate=title,
                    field=flag.field,
                    value=show(flag.value),
                    margin=margin,
                    sym=op,
                    threshold=show(flag.threshold),
                )
            )
        elif flag.kind == TIER:
            out.append(
                msgs(
                    "review.tier",
                    total=show(flag.value),
                    margin=margin,
                    tier=flag.id,
                    at=show(flag.threshold),
                )
            )
        else:
            sep = result.separation
            other = _other(sep, msgs) if sep is not None else flag.id
            out.append(msgs("review.tie", other=other))
    return out
