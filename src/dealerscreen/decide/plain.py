"""The decision record as plain JSON data: what a programme stores of each decision.

A stored decision is the decision record itself (decide/record.py), not a report of it:
each rule's verdict or points, the facts it read, the branch that held and its inner
conditions' records, by the rule's id; the ranking's place (rank, city rank, quota line,
who is across it); the documents the decision waits for; the reasons to look again (as
codes). No words: the words of a decision are the criteria's, which its run keeps (their
digest, each file's text, the field paths each rule reads), and they can be put together
again from this record and those criteria. Putting every decision into words in order to
store it cost most of what storing did.

A rule's record is the array `[value, facts, branch, parts]` (`Traced`, rules/decided.py):
`value` the verdict (true, false, null: not known) or the points (null: a fact is
missing), `facts` the values read in the order of the rule's field paths (`reads`, which
the run's detail lists once for every rule), `branch` the index of the band, step, case or
entry that held in the order the criteria write them (null: none did, or the default),
`parts` the inner conditions' own records.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import orjson

from dealerscreen.models.result import Separation, with_tie

if TYPE_CHECKING:
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.decide.record import Decision, Ranked

SCHEMA = "dealerscreen.decision/1"


def rule_ids(compiled: CompiledProfile) -> tuple[tuple[str, ...], ...]:
    """The ids of the gates, criteria, bonuses and checks, in profile order: the keys of a
    record's rules (read once per run, not per decision)."""
    return tuple(
        tuple(rule.id for rule, _ in part)
        for part in (compiled.gates, compiled.criteria, compiled.bonuses, compiled.checks)
    )


def reads(compiled: CompiledProfile) -> dict[str, dict[str, list[str]]]:
    """What each rule's `facts` are: its field paths, by kind and id (kept once per run)."""
    gates = {rule.id: list(fn.paths) for rule, fn in compiled.gates}
    criteria = {rule.id: list(fn.paths) for rule, fn in compiled.criteria}
    bonuses = {rule.id: list(fn.paths) for rule, fn in compiled.bonuses}
    checks = {rule.id: list(fn.paths) for rule, fn in compiled.checks}
    return {"gates": gates, "criteria": criteria, "bonuses": bonuses, "checks": checks}


def plain(ranked: Ranked, ids: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """One decision as plain data (`ids`: `rule_ids` of the profile that decided it)."""
    d = ranked.decision
    shown = d.shown
    assert d.complete and shown is not None, "only a complete decision is stored"
    gate_ids, criterion_ids, bonus_ids, check_ids = ids
    sep = ranked.separation
    review = list(dict.fromkeys(flag.code for flag in with_tie(d.review, sep)))
    return {
        "schema": SCHEMA,
        "applicant_id": d.applicant_id,
        "legal_name": shown.legal_name,
        "chinese_name": shown.chinese_name,
        "group_name": shown.group_name,
        "city": {"id": d.city_id, "name": shown.city_name, "name_zh": shown.city_name_zh},
        "source": shown.source_path,
        "eligible": d.eligible,
        "tier": d.tier,
        "rank": ranked.rank,
        "city_rank": ranked.city_rank,
        "city_quota": ranked.city_quota,
        "shortlisted": ranked.shortlisted,
        "score": d.score,
        "bonus": d.bonus,
        "total": d.total,
        "provisional": d.is_provisional,
        "evidence_wanted": _wanted(d, gate_ids),
        "evidence": [
            {"fact": e.field, "document": e.document, "reference": e.reference}
            for e in shown.evidence
        ],
        "review_flags": review,
        "separation": None if sep is None else separation(sep),
        "gates": dict(zip(gate_ids, d.gate_records, strict=True)),
        "criteria": dict(zip(criterion_ids, d.criterion_records, strict=True)),
        "bonuses": dict(zip(bonus_ids, d.bonus_records, strict=True)),
        "checks": dict(zip(check_ids, d.checks, strict=True)),
    }


def separation(sep: Separation) -> dict[str, Any]:
    """Who is across the quota line and which ranking key separated the two, as data (the
    json report's `separation` is this, its values as numbers, and its sentence)."""
    return {
        "quota": sep.quota,
        "other": sep.other_id,
        "other_ranks_above": sep.other_above,
        "decided_by": sep.key,
        "tied_on": list(sep.tied_on),
        "value": sep.ours,
        "other_value": sep.theirs,
        "tie_unbroken": sep.unbroken,
    }


def _wanted(d: Decision, gate_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The documents a provisional decision waits for, each fact once, with the gate that
    first asks for it (as the report tells them: `Evaluation.wanted`). A decision that
    is not eligible is final on its own claims, and waits for nothing."""
    if not d.is_provisional:
        return []
    seen: dict[str, dict[str, Any]] = {}
    for i, ws in zip(d.provisional, d.wanted, strict=True):
        for w in ws:
            seen.setdefault(
                w.fact,
                {
                    "gate": gate_ids[i],
                    "fact": w.fact,
                    "documents": w.documents,
                    "verified": w.verified,
                    "submitted": w.submitted,
                },
            )
    return list(seen.values())


def _value(value: Any) -> Any:
    """What orjson does not write itself. An exact decimal as the number it is: an
    integer, else the float whose shortest text is the same number; a decimal no float
    holds exactly (more than about 15 digits) as its text, not rounded. A float's subclass
    as a float; a date as its ISO text; anything else a fact can be as its text."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        near = float(value)
        return near if Decimal(repr(near)) == value else str(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def dumps(record: dict[str, Any]) -> bytes:
    """A plain record's JSON text (UTF-8): keys sorted, no spaces. What orjson refuses (an
    integer wider than 64 bits, a lone surrogate) the standard encoder writes, as ASCII."""
    try:
        return orjson.dumps(record, default=_value, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        text = json.dumps(record, default=_value, sort_keys=True, separators=(",", ":"))
        return text.encode("ascii")
