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

from dealerscreen.models.result import Result
from dealerscreen.words.letters.letter import Letter, LetterKind
from dealerscreen.words.letters.writer import LetterWriter


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
