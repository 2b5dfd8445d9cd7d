"""The letters written to a programme's applicants, kept as `letter` acts of the chain.

Each letter written is one act (append-only, so `programme check` covers it): its kind,
the sha256 of the file written, the decision it tells (the stored decision's id, its run
and outcome) and where it was written. What was told last is what `letters --unsent`
compares with: a letter is due again only when the outcome or the kind of letter changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from dealerscreen.programme import chain
from dealerscreen.programme.chain import Act
from dealerscreen.programme.schema import acts, decisions, head


@dataclass(frozen=True)
class Decided:
    """The stored decision a letter tells: the applicant's newest."""

    decision: int
    run: int
    outcome: str


@dataclass(frozen=True)
class Written:
    applicant_id: str
    kind: str  # the letter's kind (words/letters LetterKind)
    outcome: str
    decision: int
    run: int
    digest: str  # sha256 of the file written
    path: str
    format: str

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "applicant_id"}


def decided(conn: Connection) -> dict[str, Decided]:
    """Each applicant's newest stored decision, by id."""
    newest = (
        select(func.max(decisions.c.id).label("d")).group_by(decisions.c.applicant_id).subquery()
    )
    query = select(decisions).join(newest, decisions.c.id == newest.c.d)
    return {r.applicant_id: Decided(r.id, r.run_id, r.outcome) for r in conn.execute(query)}


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
