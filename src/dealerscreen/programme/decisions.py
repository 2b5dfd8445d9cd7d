"""`screen` on a programme: the latest version of every applicant decided, through the
batch screening `screen` runs on files, and each decision stored with the criteria's
digest, the as-of date and the run, in one transaction sealed by a `screen` act.

The decision stored is the per-applicant record the json report writes (`result_record`),
as JSON text, so that its content can grow (the full decision record) without a migration.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from tempfile import TemporaryDirectory
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from dealerscreen.models.clock import combined_digest
from dealerscreen.models.problems import Problem
from dealerscreen.programme import chain
from dealerscreen.programme.schema import decisions, head, runs, submissions

if TYPE_CHECKING:  # the screening and its reports: imported by `screen -p` alone, when it
    # stores (status, history and the acts read this module's queries, not them)
    from dealerscreen.batch.results import Results
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
    return _columns(json.loads(text))


def _columns(record: dict[str, Any]) -> dict[str, Any]:
    city = record.get("city") or {}
    wanted = {w["fact"] for w in record.get("evidence_wanted") or [] if "fact" in w}
    return {
        "city": city.get("name"),
        "city_zh": city.get("name_zh"),
        "provisional": bool(record.get("provisional")),
        "wanted": chain.canonical(sorted(wanted)),
    }


ZDICT_MAX = 32 * 1024  # zlib's window: a longer preset dictionary's start is never used
# zlib's level: against the run's dictionary, 3 packs a record to within a fifth of 9's
# size at under half its time (2,000 synthetic records: 0.075 s and 0.92 MB, 9 0.17 s and
# 0.75 MB); unpacking does not depend on it
LEVEL = 3


def dictionary(texts: Sequence[str]) -> bytes:
    """A run's preset dictionary, of `texts`: records taken evenly across its ranking, from
    the first to the last (`sampled`), as many whole ones as zlib's window holds (the
    ranking puts like with like: the shortlisted, the reserve, the not eligible, most of a
    large batch; its first records alone were a poor dictionary for the rest). Each of the
    run's records is compressed against it (to about a twentieth of its size: the words of
    criteria, checks and reasons recur from applicant to applicant), and it is stored
    once, with the run (`runs.zdict`)."""
    if not texts:
        return b""
    taken = b"".join(t.encode("utf-8") for t in texts)
    return taken[-ZDICT_MAX:]  # zlib's window holds the dictionary's end


SAMPLES = 16  # records read first to tell how many whole ones the dictionary holds


def sampled(n: int, text_at: Callable[[int], str]) -> list[str]:
    """The records the dictionary is made of, of a run of `n` (`text_at(i)`: the record
    ranked i-th): the first and the last ranked and evenly between, as many as zlib's
    window holds at their mean length (told by a first few, taken the same way)."""
    if n == 0:
        return []
    last = n - 1

    def even(k: int) -> list[int]:
        k = max(1, min(n, k))
        return sorted({round(i * last / max(k - 1, 1)) for i in range(k)})

    made = {i: text_at(i) for i in even(SAMPLES)}
    mean = sum(len(t) for t in made.values()) / len(made)
    wanted = even(max(2, int(ZDICT_MAX // max(mean, 1))))
    return [made[i] if i in made else text_at(i) for i in wanted]


def pack(text: str, zdict: bytes) -> bytes:
    """One record compressed against its run's dictionary."""
    return packer(zdict)(text)


def packer(zdict: bytes) -> Callable[[str], bytes]:
    """Records compressed against their run's dictionary (chain.record_text unpacks them):
    the compressor is primed with the dictionary once and copied for each record, the
    same bytes as a compressor primed anew per record (priming hashes the whole 32 KB
    dictionary: a fifth of the time packing took)."""
    primed = zlib.compressobj(level=LEVEL, zdict=zdict)

    def one(text: str) -> bytes:
        fresh = primed.copy()
        return fresh.compress(text.encode("utf-8")) + fresh.flush()

    return one


def criteria_digest(run: ScreenRun) -> str:
    return combined_digest(dict(run.compiled.loaded.files))


def store(
    conn: Connection,
    run: ScreenRun,
    chosen: dict[str, Latest],
    by: str,
    at: str,
    as_of: str,
    flags: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Every decision of `run`, in the caller's transaction; returns the run's id. `flags`:
    by applicant id, review flags the programme adds to the record's own (the reviewers'
    spread above the limit: reviewed.disagreeing)."""
    conn.execute(select(head).with_for_update()).all()  # the writers' queue (chain.py)
    digest = criteria_digest(run)
    run_id = int(conn.execute(select(func.coalesce(func.max(runs.c.id), 0))).scalar_one()) + 1
    first = int(conn.execute(select(func.coalesce(func.max(decisions.c.id), 0))).scalar_one()) + 1
    results, flags = run.results, flags or {}
    n = len(results)
    _remembered(results)  # before the dictionary's records are read: they are kept too

    def text_at(i: int) -> str:  # a record of the dictionary (put into words once more)
        return next(_rows((results[i],), chosen, run_id, digest, as_of, flags))[1]

    zdict = dictionary(sampled(n, text_at)) or None
    profile = run.compiled.profile
    detail = {"profile": profile.id, "version": profile.version, "criteria_digest": digest}
    conn.execute(
        runs.insert().values(
            id=run_id, kind="screen", at=at, by=by, detail=chain.canonical(detail), zdict=zdict
        )
    )
    # Each row keeps its record packed, never its text: a run of 100,000 held every
    # record's text (about 10 KB each) before it wrote one. Made from the last ranked to
    # the first (`_last_first`), written in id order (the ranking's) a chunk at a time:
    # SQLite fills its pages when ids come in ascending order, half of each when not.
    packed, sealed, rows = packer(zdict or b""), [""] * n, []
    made = _rows(_last_first(results), chosen, run_id, digest, as_of, flags)
    for back, (row, text) in enumerate(made):
        row["id"] = first + n - 1 - back
        row["record_z"] = packed(text)
        sealed[n - 1 - back] = chain.decision_digest(SimpleNamespace(**{**row, "record": text}))
        rows.append(row)
    rows.reverse()
    for at_ in range(0, n, WRITE_CHUNK):
        conn.execute(decisions.insert(), rows[at_ : at_ + WRITE_CHUNK])
    seal = chain.rows_digest(sealed)  # of the rows as written, in id order: not read back
    payload = {"run": run_id, "rows": seal, "count": n, "criteria_digest": digest}
    chain.append(conn, "screen", None, by, at, None, payload)
    return run_id


WRITE_CHUNK = 1000  # rows per insert: few round trips, no one statement of 100,000


def _remembered(results: Results) -> None:
    """The first `REMEMBERED_MAX` results kept explained once read: the report that follows
    the store reads them from the first, and finds them explained already (a row is put
    into words once, not once to store it and again to report it)."""
    from dealerscreen.batch.results import REMEMBERED_MAX  # status and history never load it

    results.remember(min(len(results), REMEMBERED_MAX))


def _last_first(results: Results) -> Iterator[Any]:
    """The results from the last to the first: those kept (`_remembered`) are the last
    read, the first ranked, which the report reads first."""
    for i in range(len(results) - 1, -1, -1):
        yield results[i]


def _rows(
    results: Iterable[Any],
    chosen: dict[str, Latest],
    run_id: int,
    digest: str,
    as_of: str,
    flags: Mapping[str, Sequence[str]],
) -> Iterator[tuple[dict[str, Any], str]]:
    from dealerscreen.reporters.json_report import result_record

    for result in results:
        record = result_record(result)
        mine = chosen[record["applicant_id"]]
        record["source"] = mine.source  # the submission's, not the screening's own file
        if mine.applicant_id in flags:  # the team's acts, which files screened have not
            record["review_flags"] = [*record["review_flags"], *flags[mine.applicant_id]]
        text = chain.canonical(record)
        row = {
            "run_id": run_id,
            "applicant_id": mine.applicant_id,
            "submission_id": mine.submission_id,
            "criteria_digest": digest,
            "as_of": as_of,
            "outcome": outcome(record),
            "record": None,
            "digest": chain.sha256(text),
            **_columns(record),  # the record at hand, not parsed again
        }
        yield row, text


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
