"""A next round: a new programme folder under the next phase's criteria, carrying the
applicants a round leaves with the outcomes asked for (its runners-up, `reserve`).

A round is a programme of its own (its folder, programme.yaml, record), not a number in
the same record: each round keeps its criteria, stages and chain, and a round's record
stays as it was closed. The new programme.yaml names the one before (`previous`, with
its round number); the carried applicants' latest versions are its first intake, each
with its source in the round before; the round before gets a `round` act naming them.

Its record: SQLite in its folder when this round's is SQLite. On a PostgreSQL server the
next round's record is a database of its own beside this one's, named as the folder is
(`dealers` -> `dealers_round2`, `dealers_round2` -> `dealers_round3`), made on the same
server when it is not there yet, or the database the team gives (`--into-db`, made by
whoever may make databases there). Either must hold no table yet: a round's record is
never written into another's. Its programme.yaml names it (`database:`), without a
password that was typed on the command line rather than kept in this programme.yaml
(the server's password then comes as libpq's do: PGPASSWORD or ~/.pgpass).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dealerscreen.models.applicant import Applicant
from dealerscreen.programme import chain, queries, submissions
from dealerscreen.programme.db import connect, shown
from dealerscreen.programme.decisions import latest, latest_decisions
from dealerscreen.programme.errors import ActError, ProgrammeError, driver_said
from dealerscreen.programme.record import Programme
from dealerscreen.programme.schema import head

CARRY = ("shortlisted", "reserve", "not-eligible", queries.AWAITING)


def next_folder(prog: Programme) -> Path:
    """Where the next round goes by default: beside this one, `<name>-round<N+1>`."""
    base = re.sub(r"-round\d+$", "", prog.folder.resolve().name)
    return prog.folder.resolve().parent / f"{base}-round{prog.config.round + 1}"


def next_database(prog: Programme) -> str | None:
    """Where the next round's record goes by default: None (SQLite in its folder) for a
    SQLite round; on PostgreSQL this one's database name with `_round<N+1>`."""
    if prog.engine.dialect.name != "postgresql":
        return None
    url = make_url(prog.url)
    base = re.sub(r"_round\d+$", "", url.database or "")
    name = f"{base}_round{prog.config.round + 1}"
    return url.set(database=name).render_as_string(hide_password=False)


def database(prog: Programme, into_db: str | None) -> tuple[str | None, str | None]:
    """The next round's record, ready and empty: (the URL to open it with, the URL its
    programme.yaml names); (None, None) for SQLite in its folder. The default database
    is made on this round's server when it is not there; one that holds tables is
    refused (2), one that cannot be made or opened is fatal (3)."""
    url = into_db or next_database(prog)
    if url is None:
        return None, None
    if into_db is None:
        _make(prog, make_url(url).database or "")
    engine = connect(url)
    try:
        if inspect(engine).get_table_names():
            raise ActError("round-db-exists", "--into-db", url=shown(url))
    except DBAPIError as exc:
        raise ProgrammeError("db-open", url=shown(url), detail=driver_said(exc.orig)) from None
    finally:
        engine.dispose()
    kept = into_db is None and prog.config.database == prog.url  # a password already in a file
    named = url if kept else make_url(url).set(password=None).render_as_string(hide_password=False)
    return url, named


def _make(prog: Programme, name: str) -> None:
    """The database `name` made on this round's server, unless it is there already."""
    server = prog.engine.execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        there = text("SELECT 1 FROM pg_database WHERE datname = :name")
        if conn.execute(there, {"name": name}).first() is not None:
            return
        quoted = conn.dialect.identifier_preparer.quote(name)
        try:
            conn.execute(text(f"CREATE DATABASE {quoted}"))
        except DBAPIError as exc:
            detail = str(exc.orig).strip()
            raise ProgrammeError("round-db-make", name=name, detail=detail) from None


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
