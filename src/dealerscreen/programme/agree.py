"""`programme check` beyond the chain: each stored decision's record against its digest,
and the columns read in place of the record against the record itself.

The seal of a screen act (chain.py) covers a decision's record, digest and outcome, but
not the columns status reads instead of the record (migration v0003: city, its Chinese
name, provisional, the facts evidence is wanted for): a hand edit of those would change
what status shows and leave the chain intact. Here every decision is read back: its
record must hash to its digest, and its outcome and columns must be what the record
says (as `decisions.outcome` and `decisions.columns_of` make them). A change of what
`columns_of` makes therefore comes with a migration that fills the columns anew.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from sqlalchemy import Connection, select

from dealerscreen.programme import chain
from dealerscreen.programme.chain import Finding
from dealerscreen.programme.decisions import columns_of, outcome
from dealerscreen.programme.schema import decisions, runs

BATCH = 1000  # rows fetched at a time: the whole table is never held at once


def verify(conn: Connection) -> tuple[int, list[Finding]]:
    """The chain (chain.verify), then the first decision that does not agree with itself."""
    n, found = chain.verify(conn)
    first = first_disagreeing(conn)
    return n, found + ([first] if first is not None else [])


def first_disagreeing(conn: Connection) -> Finding | None:
    """The first decision, in id order, whose record does not match its digest, or whose
    outcome or columns are not what its record says."""
    c = decisions.c
    query = select(
        c.id, c.run_id, c.applicant_id, c.outcome, c.record, c.record_z, c.digest,
        c.city, c.city_zh, c.provisional, c.wanted,
    ).order_by(c.id)  # fmt: skip
    # each run's dictionary once (its records are compressed against it), not per row
    zdicts: dict[int, bytes | None] = {
        r.id: r.zdict for r in conn.execute(select(runs.c.id, runs.c.zdict))
    }
    for r in conn.execution_options(yield_per=BATCH).execute(query):
        found = _disagrees(r, zdicts.get(r.run_id))
        if found is not None:
            return found
    return None


def _disagrees(r: Any, zdict: bytes | None) -> Finding | None:
    where = {"decision": r.id, "id": r.applicant_id, "run": r.run_id}
    try:
        text = chain.record_text(r.record, r.record_z, zdict)
    except (zlib.error, UnicodeDecodeError):  # a record or dictionary edited: no record
        return ("decision-digest", where)
    if chain.sha256(text) != r.digest:
        return ("decision-digest", where)
    said = {"outcome": outcome(json.loads(text)), **columns_of(text)}
    stored = {name: getattr(r, name) for name in said}
    if stored["provisional"] is not None:  # as the driver gives it back: 0/1 or a bool
        stored["provisional"] = bool(stored["provisional"])
    edited = [name for name in said if stored[name] != said[name]]
    if edited:
        columns = ", ".join(f"decisions.{name}" for name in edited)  # as an auditor queries them
        return ("decision-columns", {**where, "columns": columns})
    return None
