"""`status`: the pipeline per city and stage, what waits on whom, and the applicants the
team has acted on or that wait, at a cost that grows with what the team did and what
waits, not with the number of applicants.

Each applicant stands at the first stage, in the city of its newest decision (or, not yet
screened, the city its newest submission names), unless the team moved it: so the
pipeline is counted in SQL (GROUP BY on the decisions' columns, the unscreened by the
city their content names) and then corrected by the standings of the applicants the team
acted on. What waits is bounded by acts (requests, overrides) and by the decisions'
columns (a provisional shortlisted applicant waits for verifications); a standing
(queries.py) is computed only for those, exactly as for every applicant (`--all`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import JSON, Connection, cast, func, select

from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.decisions import newest_decisions
from dealerscreen.programme.queries import AWAITING, Standing, plain, standings, team_acts
from dealerscreen.programme.schema import decisions, submissions

SCHEMA = "dealerscreen.status/2"  # /2: "applicants" lists `listing`'s, with city_zh, acts
ACTED_OR_WAITING = "acted-or-waiting"
ALL = "all"


def status(
    conn: Connection, cfg: ProgrammeConfig, today: str, everyone: bool = False
) -> dict[str, Any]:
    """The board; `everyone`: every applicant listed, not only those acted on or waiting."""
    team = team_acts(conn)
    counts, city_zh, provisional = _counts(conn)
    asked = set(team) | provisional
    found = standings(conn, cfg, today, asked, team)
    waiting = _waiting(found)
    _moved(counts, found, cfg.first_stage)
    if everyone:
        listed = standings(conn, cfg, today, None, team)
    else:
        waits = {key for ids in waiting.values() for key in ids}
        listed = [s for s in found if s.acts or s.applicant_id in waits]
    order = {stage: i for i, stage in enumerate(cfg.stages)}
    return {
        "schema": SCHEMA,
        "programme": cfg.title,
        "as_of": today,
        "stages": list(cfg.stages),
        "pipeline": {
            city: {
                s: n
                for s, n in sorted(
                    stages.items(), key=lambda x: (order.get(x[0], len(order)), x[0])
                )
                if n
            }
            for city, stages in sorted(counts.items())
        },
        "city_zh": dict(sorted(city_zh.items())),
        "waiting": waiting,
        "listing": ALL if everyone else ACTED_OR_WAITING,
        "total": sum(sum(stages.values()) for stages in counts.values()),
        "applicants": [plain(s) for s in listed],
    }


def _counts(conn: Connection) -> tuple[dict[str, dict[str, int]], dict[str, str], set[str]]:
    """Applicants by city, all at the first stage (key ""), each city's Chinese name, and
    the provisional shortlisted: the screened by their newest decision (the newest run's,
    read off the index `ix_decisions_board` alone), the others by their content's city."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    city_zh: dict[str, str] = {}
    c = decisions.c
    last = conn.execute(select(func.max(c.run_id))).scalar()
    waits: set[str] = set()
    if last is not None:
        # Every screening decides every applicant recorded by then, so the newest run holds
        # each one's newest decision; one decided only before it (none, unless a record was
        # made otherwise) is read the general way.
        _add(conn, counts, city_zh, waits, c.run_id == last)
        n_last = conn.execute(select(func.count()).where(c.run_id == last)).scalar_one()
        decided = conn.execute(select(func.count(c.applicant_id.distinct()))).scalar_one()
        if decided > n_last:
            newest = newest_decisions()
            in_last = select(c.applicant_id).where(c.run_id == last)
            older = select(newest.c.d).where(newest.c.applicant_id.not_in(in_last))
            _add(conn, counts, city_zh, waits, c.id.in_(older))
    s = submissions.c
    found = conn.execute(select(func.count(s.applicant_id.distinct()))).scalar_one()
    if found > sum(sum(stages.values()) for stages in counts.values()):
        _unscreened(conn, counts)
    return counts, city_zh, waits


def _add(
    conn: Connection,
    counts: dict[str, dict[str, int]],
    city_zh: dict[str, str],
    waits: set[str],
    which: Any,
) -> None:
    """The decisions `which` selects, counted by city, and their provisional shortlisted."""
    c = decisions.c
    query = select(c.city, c.city_zh, func.count()).where(which).group_by(c.city, c.city_zh)
    for city, zh, n in conn.execute(query.order_by(c.city, c.city_zh)):
        counts[str(city)][""] += n
        if zh:
            city_zh[str(city)] = zh
    provisional = which & c.provisional & (c.outcome == "shortlisted")
    waits.update(conn.execute(select(c.applicant_id).where(provisional)).scalars())


def _unscreened(conn: Connection, counts: dict[str, dict[str, int]]) -> None:
    """Applicants never screened, counted by the city their newest content names."""
    c, s = decisions.c, submissions.c
    decided = select(c.applicant_id)  # NOT IN: one pass over its index, not a query per row
    latest = (
        select(s.applicant_id, func.max(s.version).label("v"))
        .where(s.valid & s.applicant_id.not_in(decided))
        .group_by(s.applicant_id)
        .subquery()
    )
    named = _content_city(conn)
    unscreened = (
        select(named, func.count())
        .join(latest, (s.applicant_id == latest.c.applicant_id) & (s.version == latest.c.v))
        .group_by(named)
    )
    for city, n in conn.execute(unscreened):
        counts[str(city)][""] += n


def _content_city(conn: Connection) -> Any:
    """The city a submission's content names (target.city), read by the database."""
    if conn.dialect.name == "postgresql":
        return func.json_extract_path_text(cast(submissions.c.content, JSON), "target", "city")
    return func.json_extract(submissions.c.content, "$.target.city")


def _moved(counts: dict[str, dict[str, int]], found: list[Standing], first: str) -> None:
    """The first stage's key ("") named, and each applicant the team moved taken from it
    to its stage."""
    for stages in counts.values():
        stages[first] = stages.pop("", 0) + stages.get(first, 0)
    for s in found:
        if s.stage != first:
            counts[s.city][first] -= 1
            counts[s.city][s.stage] += 1


def _waiting(found: list[Standing]) -> dict[str, list[str]]:
    """What waits on whom, each list in id order (`found` is)."""
    return {
        "overdue_requests": [
            s.applicant_id for s in found if any(r["overdue"] for r in s.requests)
        ],
        "awaiting_information": [s.applicant_id for s in found if s.shown == AWAITING],
        "missing_verifications": [
            s.applicant_id
            for s in found
            if s.wanted or (s.shown == "shortlisted" and {"flag": "provisional"} in s.flags)
        ],
        "overrides_awaiting_approval": [
            s.applicant_id for s in found if any(f["flag"] == "override-waiting" for f in s.flags)
        ],
    }
