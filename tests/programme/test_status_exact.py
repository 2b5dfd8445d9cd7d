"""`status` counts in SQL and computes standings only for the applicants the team acted on
or that wait (#23's scale): over programmes made with random acts (verifications,
requests with due dates, overrides with and without approval, approvals, stage moves,
reviews, notes), resubmissions that answer requests, and applicants not yet screened,
its pipeline, its waiting lists and its listing must be those computed the complete way,
from every applicant's standing, as status did before. Each seed is one programme."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import Connection, delete, func, select

from dealerscreen.models.applicant import Applicant
from dealerscreen.programme import acts, submissions
from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.decisions import latest
from dealerscreen.programme.errors import ActError
from dealerscreen.programme.queries import TEAM, plain, standings
from dealerscreen.programme.record import open_programme
from dealerscreen.programme.schema import acts as acts_table
from dealerscreen.programme.schema import decisions
from dealerscreen.programme.statusboard import _waiting, status
from tests.programme.helpers import SAMPLES, Made

FACTS = (
    "standing.top100_rank",
    "standing.group_name",
    "standing.years_in_region",
    "standing.stores_in_province",
    "site.building_area_sqm",
)
PEOPLE = ("Li", "Wang", "Zhou")
DAYS = ("2024-01-03", "2024-02-10", "2024-03-20", "2024-05-01", "2024-07-15")


def complete(conn: Connection, cfg: ProgrammeConfig, today: str) -> dict[str, Any]:
    """The board as status made it before: from every applicant's standing."""
    found = standings(conn, cfg, today)
    pipeline: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in found:
        pipeline[s.city][s.stage] += 1
    waiting = _waiting(found)  # what waits, defined once; here over every standing
    return {
        "pipeline": {city: dict(stages) for city, stages in pipeline.items()},
        "waiting": waiting,
        "applicants": [plain(s) for s in found],
    }


def _acted(conn: Connection) -> set[str]:
    """Applicants with an act of the team, read from the acts table itself."""
    query = select(acts_table.c.applicant_id, acts_table.c.kind)
    return {r.applicant_id for r in conn.execute(query) if r.kind in TEAM and r.applicant_id}


def _resubmit(conn: Connection, rng: random.Random, ids: list[str], fresh: int) -> None:
    """New versions of some applicants (a fact stated anew or dropped) and `fresh` new
    applicants, recorded by an intake: requests answered or not, applicants unscreened."""
    chosen = latest(conn)
    received = []
    for key in rng.sample(ids, k=min(8, len(ids))):
        content = json.loads(chosen[key].content)
        standing_ = content.setdefault("standing", {})
        if rng.random() < 0.5:
            standing_["top100_rank"] = rng.randint(1, 100)
        else:
            standing_.pop("top100_rank", None)
        received.append(submissions.Received(key, Applicant.model_validate(content), (), None))
    for i in range(fresh):
        content = json.loads(chosen[rng.choice(ids)].content)
        content["applicant_id"] = f"XM24-NEW-{i:03d}"
        if rng.random() < 0.5:
            content["target"]["city"] = rng.choice(("Suzhou", "Nowhere"))
        received.append(
            submissions.Received(f"new-{i}", Applicant.model_validate(content), (), None)
        )
    submissions.record(conn, received, "Li", "2024-04-01T00:00:00Z", ["random"])


def _act(conn: Connection, cfg: ProgrammeConfig, rng: random.Random, ids: list[str]) -> None:
    """One random act; bad input (a fact not stated, an illegal move) records nothing."""
    key, by = rng.choice(ids), rng.choice(PEOPLE)
    at = rng.choice(DAYS) + "T09:00:00Z"
    kind = rng.choice(("verify", "request", "override", "approve", "stage", "review", "note"))
    try:
        if kind == "verify":
            expires = rng.choice((None, "2024-03-01", "2030-01-01"))
            acts.verify(conn, key, rng.choice(FACTS), "other", None, expires, by, at)
        elif kind == "request":
            due = rng.choice(("2024-03-01", "2024-06-30", "2031-01-01"))
            asked = rng.sample(FACTS, k=rng.randint(1, 2))
            acts.request(conn, key, asked, due, by, "2024-01-03T09:00:00Z")
        elif kind == "override":
            needs = cfg.model_copy(update={"override_approval": rng.random() < 0.6})
            to = rng.choice(("shortlisted", "reserve", "not-eligible"))
            acts.override(conn, needs, key, to, "a reason", by, at)
        elif kind == "approve":
            query = select(acts_table.c.seq).where(acts_table.c.kind == "override")
            overrides = list(conn.execute(query).scalars())
            if overrides:
                acts.approve(conn, rng.choice(overrides), by, at)
        elif kind == "stage":
            now = acts.current_stage(conn, cfg, key)
            if cfg.stages[now]:
                acts.stage(conn, cfg, key, rng.choice(cfg.stages[now]), by, at)
        elif kind == "review":
            scores = [
                f"{c}={rng.randint(0, 10)}" for c in rng.sample(["site_visit", "interview"], 1)
            ]
            acts.review(conn, cfg, key, scores, by, at)
        else:
            acts.note(conn, key, "called", by, at)
    except ActError:
        pass


@pytest.mark.parametrize("seed", range(6))
def test_status_equals_the_complete_count_over_random_acts(made: Made, seed: int) -> None:
    made.replay(("intake", SAMPLES), ("screen", "-f", "json", "--as-of", "2024-02-01"))
    rng = random.Random(seed)
    prog = open_programme(str(made.folder), made.db)
    cfg = prog.config
    try:
        with prog.engine.begin() as conn:
            ids = sorted(latest(conn))
            for _ in range(rng.randint(5, 60)):
                _act(conn, cfg, rng, ids)
            if seed % 2:  # versions answering requests, and applicants never screened
                _resubmit(conn, rng, ids, fresh=seed)
        if seed % 3 == 2:  # screened again, and one decision of that run removed by hand:
            # that applicant's newest decision is then the first run's (status reads the
            # newest run's from an index, and any other the general way)
            assert made.run("screen", "-f", "json", "--as-of", "2024-03-01").exit_code in (0, 1)
            with prog.engine.begin() as conn:
                last = conn.execute(select(func.max(decisions.c.run_id))).scalar_one()
                gone = rng.choice(ids)
                mine = (decisions.c.run_id == last) & (decisions.c.applicant_id == gone)
                assert conn.execute(delete(decisions).where(mine)).rowcount == 1
        with prog.engine.connect() as conn:
            for today in ("2024-02-15T00:00:00Z", "2024-06-01T00:00:00Z", "2031-06-01T00:00:00Z"):
                want = complete(conn, cfg, today)
                got = status(conn, cfg, today)
                assert got["pipeline"] == want["pipeline"], today
                assert got["waiting"] == want["waiting"], today
                assert got["total"] == len(want["applicants"])
                waits = {key for ids_ in want["waiting"].values() for key in ids_}
                listed = _acted(conn) | waits
                assert got["listing"] == "acted-or-waiting"
                assert got["applicants"] == [
                    a for a in want["applicants"] if a["applicant_id"] in listed
                ], today
                every = status(conn, cfg, today, everyone=True)
                assert every["listing"] == "all"
                assert every["applicants"] == want["applicants"]
                assert {k: v for k, v in every.items() if k not in ("applicants", "listing")} == {
                    k: v for k, v in got.items() if k not in ("applicants", "listing")
                }
    finally:
        prog.close()
