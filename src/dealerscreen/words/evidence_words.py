"""Evidence in words: what a provisional decision waits for, and what the file sent.

Shared by explain, the reports and the letters, so that each says the same thing: which
gates passed on statements alone, which documents would make the decision final, and
each document the application lists with whether the team has verified it.
"""

from __future__ import annotations

from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.formfields import label
from dealerscreen.models.applicant import Evidence
from dealerscreen.models.result import Evaluation, Wanted
from dealerscreen.words.labels import Messages


def fact_name(path: str, lang: str) -> str:
    """The application form's name of a fact ('stores in the province', '省内门店数')."""
    words = label(path, lang)
    if words is None:
        return path
    text = words.replace(" {n}", "").replace("{n}", "")
    return text[0].lower() + text[1:]  # inside a sentence (a script without case: as it is)


def document_name(kind: str, msgs: Messages) -> str:
    return msgs(f"doc.{kind}")


def _sep(msgs: Messages) -> str:
    return msgs.list_sep


def documents(w: Wanted, msgs: Messages) -> str:
    """'store list or business licence'; 'any document' when the rule takes any kind."""
    if not w.documents:
        return msgs("ev.any")
    return msgs("ev.or").join(document_name(d, msgs) for d in w.documents)


# A document to send and one sent that the team has yet to check are two states (#24):
# a reader is never asked for what it sent. Each list below holds one state only.


def to_send(ev: Evaluation) -> list[Wanted]:
    """The documents the applicant has still to send."""
    return [w for w in ev.wanted if not w.submitted]


def awaiting_check(ev: Evaluation) -> list[Wanted]:
    """The documents the applicant sent that the team has not checked yet."""
    return [w for w in ev.wanted if w.submitted]


def document_lines(wanted: list[Wanted], msgs: Messages) -> list[str]:
    """'dealer group: business licence', one per fact, with no state: the heading says it."""
    return [
        msgs("ev.want", fact=fact_name(w.fact, msgs.lang), documents=documents(w, msgs))
        for w in wanted
    ]


def document_sections(ev: Evaluation, msgs: Messages) -> list[tuple[str, list[str]]]:
    """(heading, lines) for the documents to send, then for those being checked."""
    out = []
    for heading, wanted in (("ev.send.only", to_send(ev)), ("ev.awaiting", awaiting_check(ev))):
        if wanted:
            out.append((msgs(heading), document_lines(wanted, msgs)))
    return out


def wanted_facts(ev: Evaluation, msgs: Messages) -> str:
    """'dealer group, stores in the province': the facts a provisional decision rests on."""
    return _sep(msgs).join(fact_name(w.fact, msgs.lang) for w in ev.wanted)


def provisional_clause(ev: Evaluation, msgs: Messages) -> str:
    """' (provisional: documents to send for X; documents for Y being checked)'."""
    parts = []
    for key, wanted in (("ev.line.send", to_send(ev)), ("ev.line.awaiting", awaiting_check(ev))):
        if wanted:
            facts = _sep(msgs).join(fact_name(w.fact, msgs.lang) for w in wanted)
            parts.append(msgs(key, facts=facts))
    return msgs("ev.line", parts=msgs("reason.sep").join(parts))


def entry_line(e: Evidence, msgs: Messages) -> str:
    """'stores in the province: store list (SL-2024-01), verified by Li Na on 2024-01-20'."""
    if e.verified_by and e.verified_on:
        status = msgs("ev.verified_on", by=e.verified_by, date=e.verified_on.isoformat())
    elif e.verified_by:
        status = msgs("ev.verified", by=e.verified_by)
    else:
        status = msgs("ev.submitted")
    reference = msgs("ev.reference", reference=e.reference) if e.reference else ""
    return msgs(
        "ev.entry",
        fact=fact_name(e.field, msgs.lang),
        document=document_name(e.document, msgs),
        reference=reference,
        status=status,
    )


def decision_line(ev: Evaluation, msgs: Messages) -> str:
    """The explanation's line under the decision: provisional, on which gates."""
    gates = _sep(msgs).join(g.title for g in ev.provisional_gates)
    return msgs("ev.decision", gates=gates)


def gate_line(w: tuple[Wanted, ...], msgs: Messages) -> str:
    """Under a gate passed provisionally: the facts it passed on without documents."""
    return msgs("ev.gate", facts=_sep(msgs).join(fact_name(x.fact, msgs.lang) for x in w))


def policy_line(compiled: CompiledProfile, gate_id: str, msgs: Messages) -> str | None:
    """Whose rule it is to ask for the documents: the team's policy is said to be one."""
    for gate in compiled.profile.gates:
        rule = gate.evidence_rule
        if gate.id == gate_id and rule is not None and rule.basis == "team":
            return msgs("ev.basis.team", rationale=rule.rationale or "-")
    return None


def status(ev: Evaluation, word: str, msgs: Messages) -> str:
    """A status cell ('shortlisted'), marked when the decision is provisional."""
    return msgs("ev.status", status=word) if ev.provisional else word


def wanted_records(ev: Evaluation) -> list[dict[str, Any]]:
    """The json report's `evidence_wanted`: each fact with the kinds that would do."""
    return [
        {
            "fact": w.fact,
            "documents": list(w.documents),
            "verified": w.verified,
            "submitted": w.submitted,
        }
        for w in ev.wanted
    ]


def entry_records(ev: Evaluation) -> list[dict[str, Any]]:
    """The json report's `evidence`: each document the application lists."""
    return [
        {
            "fact": e.field,
            "document": e.document,
            "reference": e.reference,
            "verified": e.verified,
            "verified_by": e.verified_by,
            "verified_on": e.verified_on.isoformat() if e.verified_on else None,
        }
        for e in ev.evidence
    ]
