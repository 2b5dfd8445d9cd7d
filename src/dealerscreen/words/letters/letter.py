"""A letter as data: what it says, in what order, and which kind of letter it is.

Four kinds, each decided from the result alone (`kind_of`):

- shortlisted, and runner-up (eligible, below the city's places);
- rejected: a requirement is not met by what the application states;
- request for information (补件通知): every requirement not met fails only because a fact
  it reads is not stated. Such an applicant is asked for the facts, not turned away: the
  decision waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dealerscreen.models.result import Result
from dealerscreen.words.letters.texts import say


class LetterKind(StrEnum):
    shortlisted = "shortlisted"
    runner_up = "runner_up"
    rejected = "rejected"
    request = "request"


def kind_of(result: Result) -> LetterKind:
    ev = result.evaluation
    if ev.eligible:
        return LetterKind.shortlisted if result.shortlisted else LetterKind.runner_up
    failed = ev.failed_gates
    if failed and all(g.missing for g in failed):
        return LetterKind.request
    return LetterKind.rejected


@dataclass(frozen=True)
class Letter:
    applicant_id: str
    kind: LetterKind
    lang: str
    title: str
    dated: str  # place and date, as the letter is dated
    salutation: str
    opening: list[str]
    reasons_heading: str
    reasons: list[tuple[str, str]]  # (the reason, its basis)
    change_heading: str
    changes: list[str]
    closing: list[str] = field(default_factory=list)
    regards: list[str] = field(default_factory=list)  # 此致 / 敬礼！ on lines of their own
    sender: list[str] = field(
        default_factory=list
    )  # department, signatory, contact, reply-by, seal

    @property
    def dated_at_top(self) -> bool:
        """An English letter is dated above the salutation; a Chinese one below the sender."""
        return say(self.lang, "layout.dated") == "top"
