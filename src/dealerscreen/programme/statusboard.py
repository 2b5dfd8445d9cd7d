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
    counts, city_zh = _counts(conn)
    asked = set(team) | _provisional_shortlisted(conn)
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


def _counts(conn: Connection) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    """Applicants by city, all at the first stage (key ""), and each city's Chinese name:
    the screened by their newest decision's city, the others by their content's."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    city_zh: dict[str, str] = {}
    c = decisions.c
    newest = newest_decisions()
    query = (
        select(c.city, c.city_zh, func.count())
        .join(newest, c.id == newest.c.d)
        .group_by(c.city, c.city_zh)
        .order_by(c.city, c.city_zh)
    )
    for city, zh, n in conn.execute(query):
        counts[str(city)][""] += n
        if zh:
            city_zh[str(city)] = zh
    s = submissions.c
    latest = (
        select(s.applicant_id, func.max(s.version).label("v"))
        .where(s.valid)
        .group_by(s.applicant_id)
        .subquery()
    )
    named = _content_city(conn)
    unscreened = (
        select(named, func.count())
        .join(latest, (s.applicant_id == latest.c.applicant_id) & (s.version == latest.c.v))
        .where(~select(c.id).where(c.applicant_id == s.applicant_id).exists())
        .group_by(named)
    )
    for city, n in conn.execute(unscreened):
        counts[str(city)][""] += n
    return counts, city_zh


def _content_city(conn: Connection) -> Any:
    """The city a submission's content names (target.city), read by the database."""
    if conn.dialect.name == "postgresql":
        return func.json_extract_path_text(cast(submissions.c.content, JSON), "target", "city")
    return func.json_extract(submissions.c.content, "$.target.city")


def _provisional_shortlisted(conn: Connection) -> set[str]:
    """Applicants whose newest decision is provisional and shortlisted: as few as the
    cities' quotas, each waiting for the team's verifications."""
    c = decisions.c
    newest = newest_decisions()
    query = (
        select(c.applicant_id)
        .join(newest, c.id == newest.c.d)
        .where(c.provisional & (c.outcome == "shortlisted"))
    )
    return set(conn.execute(query).scalars())


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
