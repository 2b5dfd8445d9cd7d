"""`screen` on a programme: the latest version of every applicant, decided through the
batch screening `screen` runs on files (storing.py stores each decision), and the
stored decisions read back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from dealerscreen.models.problems import Problem
from dealerscreen.programme import chain
from dealerscreen.programme.schema import decisions, submissions

if TYPE_CHECKING:  # the screening and its reports: imported by `screen -p` alone, when it
    # stores (status, history and the acts read this module's queries, not them)
    from dealerscreen.batch.screenrun import ScreenRun

OUTCOMES = ("shortlisted", "reserve", "not-eligible")


@dataclass(frozen=True)
class Latest:
    submission_id: int
    applicant_id: str
    version: int
    content: str
    source: str
    places: str | None = None  # where the facts warned about are written (v0006's column)


def latest(conn: Connection, ids: Collection[str] | None = None) -> dict[str, Latest]:
    """Each applicant's newest valid version, by id (of the applicants `ids` only, if given:
    status reads those it lists, not every one)."""
    out: dict[str, Latest] = {}
    for some in _some_of(ids):
        newest = select(submissions.c.applicant_id, func.max(submissions.c.version).label("v"))
        if some is not None:
            newest = newest.where(submissions.c.applicant_id.in_(some))
        found = newest.where(submissions.c.valid).group_by(submissions.c.applicant_id).subquery()
        query = select(submissions).join(
            found,
            (submissions.c.applicant_id == found.c.applicant_id)
            & (submissions.c.version == found.c.v),
        )
        for r in conn.execute(query):
            out[r.applicant_id] = Latest(
                r.id, r.applicant_id, r.version, r.content, r.source, r.places
            )
    return out


ASKED = 500  # ids in one query's IN (...): SQLite builds before 3.32 allow 999 parameters


def _some_of(ids: Collection[str] | None) -> Iterator[list[str] | None]:
    """None (every applicant), or `ids` a few hundred at a time."""
    if ids is None:
        yield None
        return
    given = sorted(ids)
    for start in range(0, len(given), ASKED):
        yield given[start : start + ASKED]


@contextmanager
def as_jsonl(chosen: dict[str, Latest]) -> Iterator[str]:
    """The versions as one JSON Lines file, in id order: what the batch screening reads."""
    with TemporaryDirectory(prefix="dealerscreen-programme-") as folder:
        path = os.path.join(folder, "latest.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for key in sorted(chosen):
                fh.write(chosen[key].content + "\n")
        yield path


def relocate(run: ScreenRun, path: str, chosen: dict[str, Latest]) -> None:
    """Problems found in the screening's own file, placed at each submission's source: at
    the line and column intake found the fact in (`places`), as the screen of the files
    places them; else at the file (and a batch file's line)."""
    order = sorted(chosen)

    def moved(p: Problem) -> Problem:
        if p.path != path or p.line is None or not 0 < p.line <= len(order):
            return p
        mine = chosen[order[p.line - 1]]
        where = places_of(mine.source, mine.places)
        line, column = where["fields"].get(p.field or "", (where["line"], None))
        return Problem(where["path"], line, column, p.level, p.message, p.field, p.check)

    loaded = run.intake.loaded
    loaded[:] = [replace(x, problems=tuple(moved(p) for p in x.problems)) for x in loaded]


def places_of(source: str, places: str | None) -> dict[str, Any]:
    """A submission's places; one recorded before they were kept (or with no warning at
    intake) has its source alone: a record of a batch file (`file:line`) its file and line."""
    if places is not None:
        found: dict[str, Any] = json.loads(places)
        return found
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return {"path": path, "line": int(line), "fields": {}}
    return {"path": source, "line": None, "fields": {}}


def outcome(record: dict[str, Any]) -> str:
    if not record["eligible"]:
        return "not-eligible"
    return "shortlisted" if record["shortlisted"] else "reserve"


def columns_of(text: str) -> dict[str, Any]:
    """The fields of a stored record that status reads, as the decisions table's columns
    (filled on insert, and by the third migration for records stored before it)."""
    return record_columns(json.loads(text))


def record_columns(record: dict[str, Any]) -> dict[str, Any]:
    city = record.get("city") or {}
    wanted = {w["fact"] for w in record.get("evidence_wanted") or [] if "fact" in w}
    return {
        "city": city.get("name"),
        "city_zh": city.get("name_zh"),
        "provisional": bool(record.get("provisional")),
        "wanted": chain.canonical(sorted(wanted)),
    }


# The columns status reads in place of the record (columns_of fills them).
READ = (decisions.c.city, decisions.c.city_zh, decisions.c.provisional, decisions.c.wanted)


def newest_decisions(ids: Sequence[str] | None = None) -> Any:
    """A subquery: each applicant's newest decision's id (`d`), by `applicant_id`."""
    newest = select(decisions.c.applicant_id, func.max(decisions.c.id).label("d"))
    if ids is not None:
        newest = newest.where(decisions.c.applicant_id.in_(ids))
    return newest.group_by(decisions.c.applicant_id).subquery()


def latest_decisions(
    conn: Connection, ids: Collection[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Each applicant's decision in the newest screening run that decided it (of `ids`
    only, if given): its columns, never the record itself (status reads every applicant's;
    parsing each record whole was most of its time)."""
    c = decisions.c
    wanted = (c.applicant_id, c.run_id, c.outcome, c.as_of, c.criteria_digest, *READ)
    out: dict[str, dict[str, Any]] = {}
    for some in _some_of(ids):
        newest = newest_decisions(some)
        for r in conn.execute(select(*wanted).join(newest, c.id == newest.c.d)):
            out[r.applicant_id] = {
                "run": r.run_id,
                "outcome": r.outcome,
                "as_of": r.as_of,
                "criteria_digest": r.criteria_digest,
                "city": r.city,
                "city_zh": r.city_zh,
                "provisional": bool(r.provisional),
                "wanted": json.loads(r.wanted or "[]"),
            }
    return out
