"""The team's acts: verify, request, override, approve, stage, review, note.

Each checks its input against the record and programme.yaml and appends one act to the
chain (chain.py), in one transaction that first queues for the chain's end, so what it
checked (the current stage, an override not yet approved) is still so when it is written.
Bad input is an ActError naming the argument at fault: nothing is recorded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, get_args

from pydantic_core import PydanticCustomError
from sqlalchemy import Connection, select

from dealerscreen.i18n import problemtext
from dealerscreen.models.applicant import DocumentKind, fact_paths
from dealerscreen.models.facts import check_fact_path
from dealerscreen.programme import chain
from dealerscreen.programme.chain import Act
from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.decisions import OUTCOMES, latest, latest_decisions
from dealerscreen.programme.errors import ActError
from dealerscreen.programme.schema import acts, head
from dealerscreen.programme.verified import stated


def _begin(conn: Connection) -> None:
    conn.execute(select(head).with_for_update()).all()  # the writers' queue (chain.py)


def _content(conn: Connection, applicant_id: str) -> str:
    found = latest(conn).get(applicant_id)
    if found is None:
        raise ActError("no-applicant", "ID", id=applicant_id)
    return found.content


def _fact(fact: str, option: str = "FACT") -> str:
    try:
        return check_fact_path(fact, fact_paths())
    except PydanticCustomError as exc:  # its key and values (problemtext.VALIDATORS)
        values = {k: str(v) for k, v in (exc.context or {}).items()}
        raise ActError("core", option, text=problemtext.validator(exc.type, **values)) from None


def day(text: str | None, option: str) -> str | None:
    """An ISO date (YYYY-MM-DD), as given on the command line; None when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ActError("not-a-date", option, text=text) from None


def verify(
    conn: Connection,
    applicant_id: str,
    fact: str,
    document: str,
    reference: str | None,
    expires: str | None,
    by: str,
    at: str,
) -> Act:
    _begin(conn)
    content = _content(conn, applicant_id)
    fact = _fact(fact)
    kinds = get_args(DocumentKind)
    if document not in kinds:
        raise ActError("not-a-document", "--document", text=document, kinds=", ".join(kinds))
    until = day(expires, "--expires")
    value = stated(content, fact)
    if value is None:
        raise ActError("not-stated", "FACT", id=applicant_id, fact=fact)
    payload = {"fact": fact, "document": document, "reference": reference, "expires": until}
    return chain.append(conn, "verify", applicant_id, by, at, None, {**payload, "value": value})


def request(
    conn: Connection, applicant_id: str, facts: Sequence[str], due: str, by: str, at: str
) -> Act:
    _begin(conn)
    _content(conn, applicant_id)
    version = latest(conn)[applicant_id].version  # answered by a later version
    checked = [_fact(f) for f in facts]
    when = day(due, "--due")
    if when is not None and when < at[:10]:
        raise ActError("due-past", "--due", due=when)
    return chain.append(
        conn,
        "request",
        applicant_id,
        by,
        at,
        None,
        {"facts": checked, "due": when, "version": version},
    )


def override(
    conn: Connection,
    cfg: ProgrammeConfig,
    applicant_id: str,
    to: str,
    reason: str,
    by: str,
    at: str,
) -> Act:
    _begin(conn)
    _content(conn, applicant_id)
    if to not in OUTCOMES:
        raise ActError("not-an-outcome", "--to", text=to, outcomes=", ".join(OUTCOMES))
    if not reason.strip():
        raise ActError("no-reason", "--reason")
    decided = latest_decisions(conn).get(applicant_id)
    payload = {
        "to": to,
        "was": decided["outcome"] if decided else None,
        "needs_approval": cfg.override_approval,
    }
    return chain.append(conn, "override", applicant_id, by, at, reason.strip(), payload)


def approve(conn: Connection, seq: int, by: str, at: str) -> Act:
    _begin(conn)
    row = conn.execute(select(acts).where(acts.c.seq == seq)).first()
    if row is None or row.kind != "override":
        raise ActError("not-an-override", "ACT", act=seq)
    if row.by == by:
        raise ActError("own-override", "--by", act=seq, by=by)
    for other in conn.execute(select(acts).where(acts.c.kind == "approve")):
        if json.loads(other.payload).get("act") == seq:
            raise ActError("approved-already", "ACT", act=seq, other=other.seq)
    return chain.append(conn, "approve", row.applicant_id, by, at, None, {"act": seq})


def current_stage(conn: Connection, cfg: ProgrammeConfig, applicant_id: str) -> str:
    query = (
        select(acts.c.payload)
        .where((acts.c.kind == "stage") & (acts.c.applicant_id == applicant_id))
        .order_by(acts.c.seq.desc())
        .limit(1)
    )
    last = conn.execute(query).scalar()
    return str(json.loads(last)["to"]) if last is not None else cfg.first_stage


def stage(
    conn: Connection, cfg: ProgrammeConfig, applicant_id: str, to: str, by: str, at: str
) -> Act:
    _begin(conn)
    _content(conn, applicant_id)
    if to not in cfg.stages:
        raise ActError("not-a-stage", "STAGE", text=to, stages=", ".join(cfg.stages))
    now = current_stage(conn, cfg, applicant_id)
    allowed = cfg.stages[now]
    if to not in allowed:
        if not allowed:
            raise ActError("stage-end", "STAGE", id=applicant_id, now=now, to=to)
        moves = ", ".join(allowed)
        raise ActError("illegal-move", "STAGE", id=applicant_id, now=now, to=to, moves=moves)
    return chain.append(conn, "stage", applicant_id, by, at, None, {"from": now, "to": to})


def review(
    conn: Connection,
    cfg: ProgrammeConfig,
    applicant_id: str,
    scores: Sequence[str],
    by: str,
    at: str,
) -> Act:
    _begin(conn)
    _content(conn, applicant_id)
    given: dict[str, float] = {}
    known = cfg.reviews.criteria
    for item in scores:
        name, eq, value = item.partition("=")
        if not eq or name not in known:
            raise ActError("not-a-score", "CRITERION=SCORE", text=item, known=", ".join(known))
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not cfg.reviews.low <= number <= cfg.reviews.high:
            low, high = f"{cfg.reviews.low:g}", f"{cfg.reviews.high:g}"
            raise ActError("score-range", "CRITERION=SCORE", text=item, low=low, high=high)
        given[name] = number
    if not given:
        raise ActError("no-score", "CRITERION=SCORE")
    return chain.append(conn, "review", applicant_id, by, at, None, {"scores": given})


def note(conn: Connection, applicant_id: str, text: str, by: str, at: str) -> Act:
    _begin(conn)
    _content(conn, applicant_id)
    if not text.strip():
        raise ActError("no-text", "TEXT")
    return chain.append(conn, "note", applicant_id, by, at, text.strip(), {})


def of(conn: Connection, applicant_id: str | None = None) -> list[Act]:
    """The acts (of one applicant), in order."""
    query = select(acts).order_by(acts.c.seq)
    if applicant_id is not None:
        query = query.where(acts.c.applicant_id == applicant_id)
    return [chain.row_of(r) for r in conn.execute(query)]


Payload = dict[str, Any]
