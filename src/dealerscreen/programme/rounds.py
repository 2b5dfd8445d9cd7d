"""A next round: a new programme folder under the next phase's criteria, carrying the
applicants a round leaves with the outcomes asked for (its runners-up, `reserve`).

A round is a programme of its own (its folder, programme.yaml, record), not a number in
the same record: each round keeps its criteria, stages and chain, and a round's record
stays as it was closed. The new programme.yaml names the one before (`previous`, with
its round number); the carried applicants' latest versions are its first intake, each
with its source in the round before; the round before gets a `round` act naming them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, select

from dealerscreen.models.applicant import Applicant
from dealerscreen.programme import chain, queries, submissions
from dealerscreen.programme.decisions import latest, latest_decisions
from dealerscreen.programme.errors import ActError
from dealerscreen.programme.record import Programme
from dealerscreen.programme.schema import head

CARRY = ("shortlisted", "reserve", "not-eligible", queries.AWAITING)


def next_folder(prog: Programme) -> Path:
    """Where the next round goes by default: beside this one, `<name>-round<N+1>`."""
    base = re.sub(r"-round\d+$", "", prog.folder.resolve().name)
    return prog.folder.resolve().parent / f"{base}-round{prog.config.round + 1}"


def carried(conn: Connection, prog: Programme, carry: Sequence[str], today: str) -> list[str]:
    """The ids whose outcome as the programme shows it (the team's acts applied) is one
    of `carry`; refused before any screening, which is what the outcomes come from."""
    for outcome in carry:
        if outcome not in CARRY:
            raise ActError("not-an-outcome", "--carry", text=outcome, outcomes=", ".join(CARRY))
    if not latest_decisions(conn):
        raise ActError("round-unscreened", "-p", folder=str(prog.folder))
    return [s.applicant_id for s in queries.standings(conn, prog.config, today) if s.shown in carry]


def received(conn: Connection, prog: Programme, ids: Sequence[str]) -> list[submissions.Received]:
    """The carried applicants' latest versions, as the next round's intake receives them."""
    chosen = latest(conn)
    out = []
    for key in ids:
        mine = chosen[key]
        applicant = Applicant.model_validate(json.loads(mine.content))
        where = f"{prog.folder}: {key} v{mine.version} ({mine.source})"
        out.append(submissions.Received(where, applicant, (), None))
    return out


def close(
    conn: Connection,
    into: Path,
    criteria: str,
    carry: Sequence[str],
    ids: Sequence[str],
    by: str,
    at: str,
) -> chain.Act:
    """The `round` act of the round left: where the next one is, and whom it carried."""
    conn.execute(select(head).with_for_update()).all()  # the writers' queue
    payload = {
        "into": os.fspath(into),
        "criteria": criteria,
        "carry": list(carry),
        "carried": list(ids),
    }
    return chain.append(conn, "round", None, by, at, None, payload)
