"""The workbook's rules sheet: every rule in the reader's language, with its line (#24).

One row per gate, criterion, bonus, advisory and tier: what it asks (a gate's requirement
as an applicant is told it, a criterion's scale of points, a tier's lowest total), its
points, whose figure it is (published by the maker, reported, or the screening team's
own, with the team's reasoning) and the source it cites. A team threshold is never read
as the maker's requirement.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n import valuetext
from dealerscreen.models.fields import show
from dealerscreen.reporters.workbook import Column
from dealerscreen.reporters.xlsx_summary import fact_label
from dealerscreen.words.labels import Messages


def rule_columns(msgs: Messages) -> list[Column]:
    return [
        Column(msgs("col.part"), 10),
        Column(msgs("col.rule"), 28, wrap=True),
        Column(msgs("col.requirement"), 60, wrap=True),
        Column(msgs("col.max"), 6),
        Column(msgs("col.basis"), 14, wrap=True),
        Column(msgs("col.rationale"), 48, wrap=True),
        Column(msgs("col.source_title"), 36, wrap=True),
        Column(msgs("col.published"), 11),
        Column(msgs("col.id"), 22),
    ]


def basis_word(basis: str | None, msgs: Messages) -> str:
    return msgs(f"basis.word.{basis or 'unstated'}")


def rows(compiled: CompiledProfile, msgs: Messages) -> Iterator[list[Any]]:
    """Every rule as a row of `rule_columns`."""
    profile = compiled.profile
    lang = msgs.lang

    def cite(key: str, rule_id: str) -> list[Any]:
        ref = profile.sources.get(key)
        published = ref.published.isoformat() if ref and ref.published else None
        return [ref.title if ref else key, published, rule_id]

    def why(rule: Any) -> str | None:
        """The team's reasoning in the reader's language; none where the profile has it
        only in English (the sheet is read in one language)."""
        if rule.basis == "published":
            return None
        if lang == "en":
            return str(rule.rationale) if rule.rationale else None
        text = rule.translations.get(lang)
        return getattr(text, "rationale", None) if text is not None else None

    for g in profile.gates:
        yield [
            msgs("part.gate"),
            g.title,
            g.reason,
            None,
            basis_word(g.basis, msgs),
            why(g),
            *cite(g.source, g.id),
        ]
    for c in profile.criteria:
        yield [
            msgs("part.criterion"),
            c.title,
            scale(c.scoring, c.points, msgs),
            c.points,
            basis_word(c.basis, msgs),
            why(c),
            *cite(c.source, c.id),
        ]
    for b in profile.bonuses:
        yield [
            msgs("part.bonus"),
            b.title,
            msgs("scale.bonus", points=show(b.points)),
            b.points,
            basis_word(b.basis, msgs),
            why(b),
            *cite(b.source, b.id),
        ]
    for k in profile.checks:
        basis = None if k.verified else "reported"
        yield [
            msgs("part.advisory"),
            k.title,
            k.message,
            None,
            basis_word(basis, msgs),
            None,
            *cite(k.source, k.id),
        ]
    for t in profile.tiers:
        yield [
            msgs("col.tier"),
            msgs.tier(compiled, t.id),
            msgs("scale.at_least", at=show(t.min_points)),
            None,
            basis_word(t.basis, msgs),
            t.rationale if lang == "en" else None,  # a tier's is in the profile's words
            None,
            None,
            t.id,
        ]


def scale(scoring: Any, most: Decimal, msgs: Messages) -> str:
    """How a criterion's points follow from the facts, in a line: its bands, steps, table
    or cases, with the fact named as the application form names it (with its unit)."""
    kind = getattr(scoring, "kind", "")
    sep = msgs.semicolon
    parts: list[str] = []
    if kind == "bands":
        parts = [_points(b.label(), b.points, msgs) for b in scoring.bands]
    elif kind == "thresholds":
        word = "scale.at_least" if scoring.better == "higher" else "scale.at_most"
        steps = sorted(scoring.steps, key=lambda s: s.at, reverse=scoring.better == "higher")
        parts = [_points(msgs(word, at=show(s.at)), s.points, msgs) for s in steps]
    elif kind == "linear":
        zero, full = show(scoring.zero_at), show(scoring.full_at)
        parts = [msgs("scale.linear", zero=zero, full=full, points=show(most))]
    elif kind == "lookup":
        parts = [_points(_value(k, msgs), v, msgs) for k, v in scoring.table.items()]
    elif kind == "cases":
        for case in scoring.cases:
            label = case.label
            if isinstance(label, dict):
                label = label.get(msgs.lang) or label.get("en")
            parts.append(_points(label or "-", case.points, msgs))
    if kind in ("lookup", "cases") and scoring.default:
        parts.append(msgs("scale.default", points=show(scoring.default)))
    text = sep.join(parts)
    field = getattr(scoring, "field", None)
    if text and isinstance(field, str):
        text = msgs("scale.fact", fact=fact_label(field, msgs.lang), scale=text)
    return text


def _value(key: bool | int | str, msgs: Messages) -> str:
    """A lookup table's key in words: a choice's words, yes or no, a number."""
    if isinstance(key, bool):
        return msgs.yes_no(key)
    return valuetext.label(str(key), msgs.lang)


def _points(range_: str, points: Decimal, msgs: Messages) -> str:
    return msgs("scale.points", range=range_, points=show(points))
