"""The acts' hash chain: append-only, each act carrying the digest of the one before.

An act's digest is the sha256 of its fields and of the previous act's digest, so an act
edited, removed or inserted by hand breaks the chain at that point, and `verify` names
the first act that does not match. The `head` row counts the acts appended: removing the
last act, which no later act refers to, is found by the count. Submissions and decisions
are rows of their own tables, each sealed by the intake or screen act that wrote them
(`rows_digest`), so a hand edit of those is found as well; so is each run's detail
(rundetail.py: what a screening's records are read with).

Appending takes the `head` row for update first: two writers at once queue there (SQLite's
write lock, PostgreSQL's row lock), so each reads the true end of the chain.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Table, func, select, update

from dealerscreen.programme import rundetail
from dealerscreen.programme.schema import acts, decisions, head, runs, submissions
from dealerscreen.reporters.jsontext import plain_float, scientific

JSON = dict[str, Any]


def canonical(data: object, floats: bool = True) -> str:
    """The one JSON text of `data`: sorted keys, no spaces, characters as they are; byte
    for byte what the standard encoder writes (`_standard`), which every digest of a
    record already made was taken over.

    orjson writes the same text about four times faster. Where the two could differ, the standard
    encoder writes it: what orjson refuses (a key that is not a string, an integer wider
    than 64 bits, a lone surrogate, a type it does not know), a float it would print
    otherwise (`jsontext.scientific`: `1e-05`, `1e+16`), and a float that is not finite,
    which the standard encoder writes as `NaN` or `Infinity` and orjson as `null` (looked
    for only when the text has a `null`). tests/test_canonical.py holds the promise over
    arbitrary JSON-like data.

    The searches take back most of the gain on a decision's record (2,000 of them: 0.16 s
    against the standard encoder's 0.19 s), which `record_json` writes without them.
    `floats=False`: the caller's data holds no
    float (a row of the record's integer and text columns, sealed and checked once per
    row), so neither search is needed (the exponent's would find one in every hex digest
    a text holds, and write the text the slow way): half the standard encoder's time."""
    try:
        out = orjson.dumps(data, default=plain_float, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return _standard(data)
    if floats and (scientific(out) or (b"null" in out and _not_finite(data))):
        return _standard(data)
    return out.decode()


def record_json(record: object) -> str:
    """A stored decision's record as JSON text: sorted keys, no spaces, orjson's text where
    orjson writes it (else the standard encoder's). Unlike `canonical`, not held to the
    standard encoder's bytes: nothing compares a record's text or digest with one made
    again from the same data (a record is checked against the digest of the text stored,
    and a decision's change is told by its outcome). So the searches `canonical` makes
    for the rare floats the two write otherwise (an exponent's form; NaN, which no record
    holds: its numbers are points and facts, and the models refuse NaN and infinity) are
    not made: they cost three times orjson's own writing of a record. The text is the
    same JSON value (tests/test_canonical.py)."""
    try:
        return orjson.dumps(record, default=plain_float, option=orjson.OPT_SORT_KEYS).decode()
    except (orjson.JSONEncodeError, TypeError):
        return _standard(record)


def _standard(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _not_finite(data: object) -> bool:
    """Whether `data` holds a float that is NaN or infinite. A loop over a stack, the
    common types first: a recursive walk cost as much as the standard encoder."""
    stack: list[Any] = [data]
    pop, push = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is dict:
            push(item.values())
        elif kind is list or kind is tuple:
            push(item)
        elif kind is str or kind is int or kind is bool or item is None:
            continue
        elif isinstance(item, float):
            if not math.isfinite(item):
                return True
        elif isinstance(item, dict):
            push(item.values())
        elif isinstance(item, list | tuple):
            push(item)
    return False


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Act:
    seq: int
    kind: str
    applicant_id: str | None
    by: str
    at: str
    reason: str | None
    payload: JSON
    prev: str
    digest: str

    def record(self) -> JSON:
        return {
            "act": self.seq,
            "kind": self.kind,
            "applicant_id": self.applicant_id,
            "by": self.by,
            "at": self.at,
            "reason": self.reason,
            **({"detail": self.payload} if self.payload else {}),
            "digest": self.digest,
        }


def act_digest(
    seq: int,
    kind: str,
    applicant_id: str | None,
    by: str,
    at: str,
    reason: str | None,
    payload: str,
    prev: str,
) -> str:
    return sha256(canonical([seq, kind, applicant_id, by, at, reason, payload, prev], floats=False))


def append(
    conn: Connection,
    kind: str,
    applicant_id: str | None,
    by: str,
    at: str,
    reason: str | None = None,
    payload: JSON | None = None,
) -> Act:
    """One act at the chain's end, inside the caller's transaction."""
    conn.execute(update(head).where(head.c.id == 1).values(n=head.c.n + 1))
    last = conn.execute(select(acts.c.seq, acts.c.digest).order_by(acts.c.seq.desc()).limit(1))
    row = last.first()
    seq, prev = (row.seq + 1, row.digest) if row is not None else (1, "")
    text = canonical(payload or {})
    digest = act_digest(seq, kind, applicant_id, by, at, reason, text, prev)
    conn.execute(
        acts.insert().values(
            seq=seq,
            kind=kind,
            applicant_id=applicant_id,
            by=by,
            at=at,
            reason=reason,
            payload=text,
            prev=prev,
            digest=digest,
        )
    )
    return Act(seq, kind, applicant_id, by, at, reason, payload or {}, prev, digest)


def row_of(r: Any) -> Act:
    return Act(
        r.seq, r.kind, r.applicant_id, r.by, r.at, r.reason, json.loads(r.payload), r.prev, r.digest
    )


def rows_digest(digests: Iterable[str]) -> str:
    """One digest for the rows an intake or screen act seals, in id order."""
    return sha256("\n".join(digests))


def submission_digest(r: Any) -> str:
    fields = (r.id, r.run_id, r.applicant_id, r.version, bool(r.valid), r.digest)
    return sha256(
        canonical([*fields, r.content, r.problems, r.source, r.received_at], floats=False)
    )


def record_text(record: str | None, record_z: bytes | None, zdict: bytes | None = None) -> str:
    """A decision row's record as the JSON text its digest was taken of: stored as text
    before migration v0004, compressed (`record_z`) since, against its run's dictionary
    (`runs.zdict`) since v0005."""
    if record is not None:
        return record
    assert record_z is not None, "a decision row holds its record in one form or the other"
    if zdict is None:
        return zlib.decompress(record_z).decode("utf-8")
    unpack = zlib.decompressobj(zdict=zdict)
    return (unpack.decompress(record_z) + unpack.flush()).decode("utf-8")


def decision_digest(r: Any, zdict: bytes | None = None) -> str:
    """The same for either form of the record, so a compressed record keeps its seal; a
    record that no longer unpacks (its dictionary edited) matches no seal."""
    fields = (r.id, r.run_id, r.applicant_id, r.submission_id, r.criteria_digest, r.as_of)
    try:
        text = record_text(r.record, r.record_z, zdict)
    except (zlib.error, UnicodeDecodeError):
        text = None
    return decision_seal(fields, r.outcome, text, r.digest)


def decision_seal(fields: tuple[Any, ...], outcome: str, text: str | None, digest: str) -> str:
    """`decision_digest` of a row's values: its id, run, applicant, submission, criteria
    digest and as-of date (`fields`), outcome, record text and the text's digest."""
    return sha256(canonical([*fields, outcome, text, digest], floats=False))


SEALED: dict[str, tuple[Table, Any]] = {
    "intake": (submissions, submission_digest),
    "screen": (decisions, decision_digest),
}


def _sealed_rows(conn: Connection, kind: str, run_id: int) -> str:
    table, digest = SEALED[kind]
    query = select(table).where(table.c.run_id == run_id).order_by(table.c.id)
    rows = conn.execute(query)
    if table is decisions:  # with the dictionary its records are compressed against, once
        zdict = conn.scalar(select(runs.c.zdict).where(runs.c.id == run_id))
        return rows_digest(decision_digest(r, zdict) for r in rows)
    return rows_digest(digest(r) for r in rows)


Finding = tuple[str, dict[str, Any]]  # a key of words/teamwords.py ("msg." + key), values


def verify(conn: Connection) -> tuple[int, list[Finding]]:
    """(acts checked, what does not match: the first broken act named first)."""
    found: list[Finding] = []
    prev = ""
    n = 0
    for r in conn.execute(select(acts).order_by(acts.c.seq)):
        n += 1
        expected = act_digest(r.seq, r.kind, r.applicant_id, r.by, r.at, r.reason, r.payload, prev)
        if r.prev != prev:
            found.append(("chain-prev", {"act": r.seq, "kind": r.kind}))
        elif r.digest != expected:
            found.append(("chain-edited", {"act": r.seq, "kind": r.kind}))
        elif r.kind in SEALED:
            seal = json.loads(r.payload)
            if _sealed_rows(conn, r.kind, seal["run"]) != seal["rows"]:
                what = "chain-submissions" if r.kind == "intake" else "chain-decisions"
                found.append((what, {"act": r.seq, "kind": r.kind}))
            elif rundetail.changed(r.kind, seal, _detail(conn, seal["run"])):
                found.append(
                    ("chain-run-detail", {"act": r.seq, "kind": r.kind, "run": seal["run"]})
                )
        if found:
            return n, found
        prev = r.digest
    counted = conn.execute(select(head.c.n)).scalar_one()
    if counted != n:
        found.append(("chain-removed", {"n": n, "counted": counted}))
    unsealed = _unsealed(conn)
    if unsealed:
        found.append(unsealed)
    return n, found


def _detail(conn: Connection, run_id: int) -> str | None:
    """The detail text of a run as stored (None: no such run)."""
    detail: str | None = conn.scalar(select(runs.c.detail).where(runs.c.id == run_id))
    return detail


def _unsealed(conn: Connection) -> Finding | None:
    """Rows of a run no act seals: added by hand."""
    sealed = {
        (r.kind, json.loads(r.payload)["run"])
        for r in conn.execute(select(acts.c.kind, acts.c.payload).where(acts.c.kind.in_(SEALED)))
    }
    for kind, (table, _) in SEALED.items():
        runs: Sequence[Any] = conn.execute(select(func.distinct(table.c.run_id))).all()
        stray = sorted(r[0] for r in runs if (kind, r[0]) not in sealed)
        if stray:
            return ("chain-unsealed", {"table": table.name, "run": stray[0]})
    return None
