"""What the record says: each applicant's standing (stage, computed decision, the team's
acts beside it), what waits on whom, one applicant's history, the whole record.

The computed decision is the newest screening's; what the programme shows is that with
the team's acts applied: an approved override (flagged when the decision it overrode has
changed since), else "awaiting-information" while a request is open and unanswered.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from dealerscreen.programme import acts as acts_of
from dealerscreen.programme import chain
from dealerscreen.programme.chain import JSON, Act, canonical, record_text
from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.decisions import Latest, latest, latest_decisions
from dealerscreen.programme.reviewed import averaged
from dealerscreen.programme.schema import acts, decisions, runs, submissions
from dealerscreen.programme.verified import stated

AWAITING = "awaiting-information"


@dataclass
class Standing:
    applicant_id: str
    name: str
    city: str
    stage: str
    computed: str | None  # the newest screening's outcome; None before any
    shown: str  # with the team's acts applied
    override: dict[str, Any] | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)  # open or overdue
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)
    verified: list[str] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)  # provisional: facts to verify
    flags: list[dict[str, Any]] = field(default_factory=list)  # {"flag": key, ...values}
    city_zh: str | None = None  # the city's Chinese name, when the screening knew the city
    acts: int = 0  # how many acts of the team on it (TEAM: never letters)


# The team's acts on an applicant (letters and the record's own runs are not): what makes
# it one status lists by default and a report's section of the team's acts shows.
TEAM = ("verify", "request", "override", "approve", "stage", "review", "note")


def standings(
    conn: Connection,
    cfg: ProgrammeConfig,
    today: str,
    ids: Collection[str] | None = None,
    team: dict[str, list[Act]] | None = None,
    decided_now: Mapping[str, dict[str, Any]] | None = None,
    chosen: Mapping[str, Latest] | None = None,
) -> list[Standing]:
    """Every applicant's standing, in id order; of `ids` only, if given, with `team`
    (team_acts) when the caller has read them already; `decided_now`: decisions of a
    screening not yet written, in place of the stored ones (storing.Storing.decided);
    `chosen`: the versions that screening decided (decisions.latest), not read again."""
    if chosen is None:
        chosen = latest(conn, ids)
    decided = latest_decisions(conn, ids)
    if decided_now is not None:
        decided.update(decided_now)
    by_applicant = team_acts(conn) if team is None else team
    return [
        _standing(cfg, chosen[key], decided.get(key), by_applicant.get(key, []), today)
        for key in sorted(chosen)
    ]


def team_acts(conn: Connection) -> dict[str, list[Act]]:
    """The team's acts, by applicant, each in order: as many as the team made, whatever
    the number of applicants (never the letters, one per applicant and screening)."""
    query = select(acts).where(acts.c.kind.in_(TEAM)).order_by(acts.c.seq)
    by_applicant: dict[str, list[Act]] = defaultdict(list)
    for r in conn.execute(query):
        if r.applicant_id is not None:
            by_applicant[r.applicant_id].append(chain.row_of(r))
    return dict(by_applicant)


def _standing(
    cfg: ProgrammeConfig,
    mine: Latest,
    decided: dict[str, Any] | None,
    team: list[Act],
    today: str,
) -> Standing:
    content = json.loads(mine.content)
    computed = decided["outcome"] if decided else None
    stages = [a.payload["to"] for a in team if a.kind == "stage"]
    s = Standing(
        mine.applicant_id,
        str(content.get("chinese_name") or content.get("legal_name") or ""),
        str(decided["city"] if decided else (content.get("target") or {}).get("city")),
        stages[-1] if stages else cfg.first_stage,
        computed,
        computed or "not-screened",
    )
    s.city_zh = decided["city_zh"] if decided else None
    s.acts = sum(1 for a in team if a.kind in TEAM)
    approved = {a.payload["act"]: a for a in team if a.kind == "approve"}
    # The override that holds is the newest one in effect; a newer one still awaiting
    # approval is flagged beside it and takes over only once approved (it used to
    # replace it at once, so a mere proposal undid an approved decision).
    in_effect: dict[str, Any] | None = None
    waiting: dict[str, Any] | None = None
    for a in team:
        if a.kind == "override":
            takes_effect = not a.payload["needs_approval"] or a.seq in approved
            o = {
                "act": a.seq,
                "to": a.payload["to"],
                "was": a.payload["was"],
                "by": a.by,
                "reason": a.reason,
                "approved_by": approved[a.seq].by if a.seq in approved else None,
                "in_effect": takes_effect,
            }
            in_effect, waiting = (o, None) if takes_effect else (in_effect, o)
        elif a.kind == "request":
            answered = mine.version > a.payload["version"] and all(
                stated(mine.content, f) is not None for f in a.payload["facts"]
            )
            if not answered:
                overdue = a.payload["due"] is not None and a.payload["due"] < today[:10]
                s.requests.append({"act": a.seq, **a.payload, "overdue": overdue})
        elif a.kind == "verify" and stated(mine.content, a.payload["fact"]) == a.payload["value"]:
            s.verified.append(a.payload["fact"])
    s.reviews = _reviews(cfg, [a for a in team if a.kind == "review"], today)
    s.override = in_effect or waiting
    _apply(s, decided or {}, waiting if in_effect is not None else None)
    return s


def _apply(s: Standing, decided: dict[str, Any], waiting: dict[str, Any] | None) -> None:
    """The decision shown, and the flags (keys with values, put into words by
    words/teamwords.py in the reader's language); `waiting`: an override awaiting
    approval newer than the one in effect."""
    o = s.override
    if o is not None and o["in_effect"]:
        s.shown = o["to"]
        if o["was"] != s.computed:
            s.flags.append(
                {"flag": "override-changed", "act": o["act"], "was": o["was"], "now": s.computed}
            )
    elif any(not r["overdue"] for r in s.requests) and s.computed == "not-eligible":
        s.shown = AWAITING
    if o is not None and not o["in_effect"]:
        s.flags.append({"flag": "override-waiting", "act": o["act"]})
    if waiting is not None:
        s.flags.append({"flag": "override-waiting", "act": waiting["act"]})
    for r in s.requests:
        if r["overdue"]:
            s.flags.append({"flag": "request-overdue", "act": r["act"], "due": r["due"]})
    if decided.get("provisional") and s.shown == "shortlisted":
        s.wanted = list(decided["wanted"])
        s.flags.append({"flag": "provisional"})
    for name, r in s.reviews.items():
        if r["flagged"]:
            s.flags.append({"flag": "reviewers-disagree", "criterion": name, "spread": r["spread"]})


def _reviews(cfg: ProgrammeConfig, reviews: list[Act], today: str) -> dict[str, dict[str, Any]]:
    """The scores as a screening as of `today` counts them (reviewed.py), and the flag."""
    made = [a for a in reviews if a.at[:10] <= today[:10]]
    return {
        name: {
            "mean": float(r.mean),
            "reviewers": r.reviewers,
            "spread": float(r.spread),
            "flagged": r.spread > Decimal(str(cfg.reviews.max_spread)),
        }
        for name, r in averaged(made, cfg.reviews.criteria).items()
    }


def plain(s: Standing) -> dict[str, Any]:
    """A standing as plain data: its fields as they are (`asdict` copies every list and
    dict in it again, and was half of what status spent on its applicants)."""
    return {name: getattr(s, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(Standing))


def team_view(
    conn: Connection,
    cfg: ProgrammeConfig,
    today: str,
    decided_now: Mapping[str, dict[str, Any]] | None = None,
    chosen: Mapping[str, Latest] | None = None,
) -> dict[str, dict[str, Any]]:
    """Each applicant's standing as plain data, by id: what a report shows beside the
    computed decision (reporters' View.team); `decided_now` and `chosen` as `standings`
    takes them."""
    found = standings(conn, cfg, today, decided_now=decided_now, chosen=chosen)
    return {s.applicant_id: plain(s) for s in found}


def _sealed_by(conn: Connection) -> dict[int, int]:
    """Each intake or screening run's id -> the seq of the act that sealed it."""
    query = select(acts.c.seq, acts.c.payload).where(acts.c.kind.in_(("intake", "screen")))
    return {json.loads(r.payload)["run"]: r.seq for r in conn.execute(query)}


def history(conn: Connection, applicant_id: str) -> list[dict[str, Any]]:
    """Submissions, decisions and acts of one applicant, in time order; events of the same
    time in the order they happened: the seq of the act that recorded them (a submission
    or decision is recorded by its run's intake or screen act)."""
    seq_of = _sealed_by(conn)
    events: list[tuple[str, int, int, int, dict[str, Any]]] = []
    for r in conn.execute(select(submissions).where(submissions.c.applicant_id == applicant_id)):
        event = {
            "at": r.received_at,
            "event": "submission",
            "version": r.version,
            "digest": r.digest,
            "source": r.source,
        }
        events.append((r.received_at, seq_of.get(r.run_id, 0), 0, r.id, event))
    c = decisions.c
    wanted = (c.id, c.run_id, c.outcome, c.as_of, c.criteria_digest, runs.c.at)
    query = select(*wanted).join(runs, runs.c.id == c.run_id)  # never the records
    for r in conn.execute(query.where(decisions.c.applicant_id == applicant_id)):
        event = {
            "at": r.at,
            "event": "decision",
            "run": r.run_id,
            "outcome": r.outcome,
            "as_of": r.as_of,
            "criteria_digest": r.criteria_digest,
        }
        events.append((r.at, seq_of.get(r.run_id, 0), 1, r.id, event))
    for a in acts_of.of(conn, applicant_id):
        events.append((a.at, a.seq, 2, 0, {"event": a.kind, **a.record()}))
    return [e for *_, e in sorted(events, key=lambda e: e[:4])]


def export(conn: Connection, cfg: ProgrammeConfig) -> dict[str, Any]:
    """The whole record, table by table, in id order; each decision's record as its text
    (its run's dictionary, `zdict`, is how it is stored, not part of the record)."""

    def rows(query: Any) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(query)]

    kept = [c for c in runs.c if c.name != "zdict"]
    packed = select(decisions, runs.c.zdict).join(runs, runs.c.id == decisions.c.run_id)
    ran, criteria = _criteria_apart(rows(select(*kept).order_by(runs.c.id)))
    return {
        "schema": "dealerscreen.programme/1",
        "programme": cfg.model_dump(mode="json"),
        "runs": ran,
        "criteria": criteria,
        "submissions": rows(select(submissions).order_by(submissions.c.id)),
        "decisions": [
            {
                **{k: v for k, v in d.items() if k not in ("record_z", "zdict")},
                "record": record_text(d["record"], d["record_z"], d["zdict"]),
            }
            for d in rows(packed.order_by(decisions.c.id))
        ],
        "acts": [a.record() for a in acts_of.of(conn)],
    }


def _criteria_apart(ran: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[JSON]]:
    """The runs, each screening's detail without the criteria files' text it keeps, and
    those texts a row each (run, path, sha256, text): one file to a row, as a workbook's
    cell holds one (the texts of a run together are longer than a cell)."""
    texts: list[JSON] = []
    for r in ran:
        detail = json.loads(r["detail"])
        if not isinstance(detail, dict) or "criteria" not in detail:
            continue
        for path, text in sorted(detail.pop("criteria").items()):
            sha = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
            texts.append({"run": r["id"], "path": path, "sha256": sha, "text": text})
        r["detail"] = canonical(detail)
    return ran, texts
