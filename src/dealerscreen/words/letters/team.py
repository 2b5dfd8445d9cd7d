"""A letter that tells the team's decision: a programme's override in effect.

An override (`dealerscreen override ID --to ... --reason ...`, approved where the
programme asks for it) is the decision that holds, and the letter tells it: the kind of
letter is the override's (shortlisted, reserve list, not eligible), and the principal
reason is the team's, with who took it (and who approved it) as its basis. The computed
decision's reasons are left out, as they argue for the decision overridden; so is what
could change the decision, which the what-if outlook computed for that one. An override
to the kind of letter the computed decision makes changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dealerscreen.models.result import Result
from dealerscreen.words.letters.letter import Letter, LetterKind
from dealerscreen.words.letters.texts import long_date
from dealerscreen.words.letters.writer import LetterWriter


@dataclass(frozen=True)
class TeamRequest:
    """A programme's open requests for information (`dealerscreen request ID FACT...
    --due DATE`), not yet answered nor overdue: the letter asks for these facts."""

    facts: tuple[str, ...]  # in the order asked, each once
    due: date | None  # the earliest due date of the open requests


@dataclass(frozen=True)
class TeamDecision:
    """An override in effect: the decision that holds, why and by whom."""

    to: str  # shortlisted | reserve | not-eligible
    reason: str
    by: str
    approved_by: str | None = None
    act: int | None = None  # the override's act in the programme's record


KINDS = {
    "shortlisted": LetterKind.shortlisted,
    "reserve": LetterKind.runner_up,
    "not-eligible": LetterKind.rejected,
}


def told_by_team(
    writer: LetterWriter, result: Result, computed: Letter, team: TeamDecision
) -> Letter:
    """`computed` (the letter of the computed decision) telling `team`'s decision instead."""
    kind = KINDS[team.to]
    if kind is computed.kind:
        return computed
    ev = result.evaluation
    programme = writer.compiled.profile.title
    values = {"city": writer.msgs.city(ev), "programme": programme}
    if kind is LetterKind.shortlisted:
        opening = [writer.say("shortlisted", **values), writer.say("next")]
    else:
        opening = [writer.say(f"team.{kind.value}", **values)]
    if ev.provisional and kind is not LetterKind.rejected:
        opening += writer._documents(result)  # the documents still to check, as ever
    if team.approved_by:
        basis = writer.say("basis.override.approved", by=team.by, approver=team.approved_by)
    else:
        basis = writer.say("basis.override", by=team.by)
    return replace(
        computed,
        kind=kind,
        title=writer.say(f"subject.{kind.value}", id=ev.applicant_id, **values),
        opening=opening,
        reasons_heading=writer.say("reasons.team"),
        reasons=[(team.reason, basis)],
        changes=[],
        closing=[writer.say("closing")],
        sender=writer._sender(programme, kind),
    )


def asked_by_team(
    writer: LetterWriter, result: Result, computed: Letter, request: TeamRequest
) -> Letter:
    """`computed` turned into the request for information (补件通知) the team's open
    requests make: the facts asked for, and the due date the team gave. A fact the
    computed letter asked for too (not stated) is asked once; the others it asked for
    follow the team's."""
    ev = result.evaluation
    programme = writer.compiled.profile.title
    values = {"city": writer.msgs.city(ev), "programme": programme}
    basis = writer.say("basis.request")
    item = writer.say("request.team.item", facts=writer.facts_asked(request.facts))
    reasons = [(item, basis)]
    if computed.kind is LetterKind.request:  # what the rules found not stated, once
        asked = set(request.facts)
        for g in ev.failed_gates:
            if not set(g.missing) <= asked:
                reasons.append(writer._request(g))
                asked.update(g.missing)
    if request.due is not None:
        closing = writer.say("closing.request", date=long_date(request.due, writer.lang))
    else:
        closing = writer.say("closing.request.soon")
    return replace(
        computed,
        kind=LetterKind.request,
        title=writer.say(f"subject.{LetterKind.request.value}", id=ev.applicant_id, **values),
        opening=[writer.say("request", **values)],
        reasons_heading=writer.say("reasons.request"),
        reasons=reasons,
        changes=[],
        closing=[closing],
        sender=writer._sender(programme, LetterKind.request),
    )
