"""The team's `verify` acts as the checks a screening counts (intake/verifications.py's
mechanism): a check counts only if made on or before the decision's as-of date, not
expired then, and only for the value it checked (a later submission that changes the
fact needs a new check). With them, the reviewers' scores made by then (reviewed.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from dealerscreen.intake.verifications import Finding, Verifications
from dealerscreen.models.verification import TeamCheck
from dealerscreen.programme import chain
from dealerscreen.programme.decisions import Latest
from dealerscreen.programme.reviewed import team_reviews
from dealerscreen.programme.schema import acts

MISSING = object()


def value_at(content: dict[str, Any], path: str) -> object:
    """The fact at a dotted path of an applicant's content (MISSING when not stated)."""
    here: object = content
    for part in path.split("."):
        if not isinstance(here, dict) or here.get(part) is None:
            return MISSING
        here = here[part]
    return here


def stated(content: str, path: str) -> str | None:
    """The fact's value as canonical JSON text (what a check is of); None if not stated."""
    found = value_at(json.loads(content), path)
    return None if found is MISSING else chain.canonical(found)


def counted(payload: dict[str, Any], at: str, as_of: date, current: str | None) -> bool:
    if date.fromisoformat(at[:10]) > as_of:
        return False
    expires = payload.get("expires")
    if expires is not None and date.fromisoformat(expires) <= as_of:
        return False
    return current is not None and payload.get("value") == current


def team_checks(
    conn: Connection, chosen: dict[str, Latest], as_of: date, reviewed: Iterable[str]
) -> Verifications:
    """The checks, and the scores of the `reviewed` criteria (programme.yaml's), that count
    for a decision as of `as_of`."""
    checks: dict[str, list[Finding]] = {}
    for r in conn.execute(select(acts).where(acts.c.kind == "verify").order_by(acts.c.seq)):
        mine = chosen.get(r.applicant_id)
        if mine is None:
            continue
        payload = json.loads(r.payload)
        if not counted(payload, r.at, as_of, stated(mine.content, payload["fact"])):
            continue
        checks.setdefault(r.applicant_id, []).append(
            TeamCheck(
                field=payload["fact"],
                document=payload["document"],
                reference=payload.get("reference"),
                verified_by=r.by,
                verified_on=date.fromisoformat(r.at[:10]),
            )
        )
    for key, scores in team_reviews(conn, chosen, reviewed, as_of).items():
        checks.setdefault(key, []).extend(scores)
    return Verifications(checks={k: tuple(v) for k, v in checks.items()})
