"""The letters written to a programme's applicants, kept as `letter` acts of the chain.

Each letter written is one act (append-only, so `programme check` covers it): its kind,
the sha256 of the file written, the decision it tells (the stored decision's id, its run
and outcome) and where it was written. The outcome it tells is the decision that holds:
an override in effect (approved where the programme asks for it) replaces the computed
outcome, which the act keeps beside it (`computed`, and the override's act); one awaiting
approval changes nothing, as status and the reports show it. What was told last is what
`letters --unsent` compares with: a letter is due again only when the outcome told or the
kind of letter changed (an override taking effect, or corrected back, is such a change).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from dealerscreen.programme import chain, queries
from dealerscreen.programme.chain import Act
from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.schema import acts, decisions, head
from dealerscreen.words.letters.team import TeamDecision, TeamRequest


@dataclass(frozen=True)
class Decided:
    """The stored decision a letter tells: the applicant's newest, and the decision that
    holds (`outcome`: an override's in effect, else the computed one)."""

    decision: int
    run: int
    outcome: str
    computed: str = ""
    team: TeamDecision | None = None
    request: TeamRequest | None = None  # open requests: the letter asks for information


@dataclass(frozen=True)
class Written:
    applicant_id: str
    kind: str  # the letter's kind (words/letters LetterKind)
    outcome: str  # the decision the letter tells
    decision: int
    run: int
    digest: str  # sha256 of the file written
    path: str
    format: str
    computed: str  # the stored decision's outcome
    override: int | None  # the act of the override in effect the letter tells, if any

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "applicant_id"}


def decided(conn: Connection) -> dict[str, Decided]:
    """Each applicant's newest stored decision, by id."""
    newest = (
        select(func.max(decisions.c.id).label("d")).group_by(decisions.c.applicant_id).subquery()
    )
    query = select(decisions).join(newest, decisions.c.id == newest.c.d)
    return {
        r.applicant_id: Decided(r.id, r.run_id, r.outcome, r.outcome) for r in conn.execute(query)
    }


def holding(conn: Connection, cfg: ProgrammeConfig, today: str) -> dict[str, Decided]:
    """Each applicant's newest stored decision, with the decision that holds as the
    programme shows it (queries.standings): an override in effect replaces its outcome."""
    told = decided(conn)
    for s in queries.standings(conn, cfg, today):
        o, mine = s.override, told.get(s.applicant_id)
        if mine is None:
            continue
        if o is not None and o["in_effect"]:
            team = TeamDecision(o["to"], o["reason"] or "", o["by"], o["approved_by"], o["act"])
            told[s.applicant_id] = replace(mine, outcome=o["to"], team=team)
        elif s.shown == queries.AWAITING:  # open requests: the letter is a request (补件通知)
            told[s.applicant_id] = replace(mine, outcome=s.shown, request=_asked(s.requests))
    return told


def _asked(requests: list[dict[str, Any]]) -> TeamRequest:
    """The open requests as one: every fact asked for once, the earliest due date."""
    open_ = [r for r in requests if not r["overdue"]]
    facts = tuple(dict.fromkeys(f for r in open_ for f in r["facts"]))
    dues = sorted(r["due"] for r in open_ if r["due"] is not None)
    return TeamRequest(facts, date.fromisoformat(dues[0]) if dues else None)


def last_letters(conn: Connection) -> dict[str, dict[str, Any]]:
    """The last letter recorded for each applicant (its act's detail), by id."""
    query = (
        select(acts.c.applicant_id, acts.c.payload)
        .where(acts.c.kind == "letter")
        .order_by(acts.c.seq)
    )
    return {r.applicant_id: json.loads(r.payload) for r in conn.execute(query)}


def unsent(last: dict[str, Any] | None, outcome: str, kind: str) -> bool:
    """Whether a letter telling `outcome` as a `kind` letter is news to its applicant."""
    return last is None or (last.get("outcome"), last.get("kind")) != (outcome, kind)


def record(conn: Connection, written: Sequence[Written], by: str, at: str) -> list[Act]:
    """One `letter` act per letter written, in the caller's transaction."""
    conn.execute(select(head).with_for_update()).all()  # the writers' queue (chain.py)
    return [
        chain.append(conn, "letter", w.applicant_id, by, at, None, w.payload()) for w in written
    ]
