"""Intake: submissions recorded as received, from every input `screen` reads (files,
folders, JSON Lines, CSV/XLSX exports), in one transaction.

Each valid applicant is kept as its validated content (canonical JSON) with its digest,
source and time. The same content again is no new version; changed content for a known
id is a new version, the old one kept. An invalid input is kept with its problems; the
same invalid input again (same source, same bytes) is not kept twice. Two inputs of one
intake with the same id: the second is invalid (`duplicate-id`), as `screen` says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from dealerscreen.batch.run import BatchOptions, StreamedIntake
from dealerscreen.batch.run import _tasks as batch_inputs  # what `screen` reads, as it reads it
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n import problemtext
from dealerscreen.intake import Record, loading, validate_record
from dealerscreen.intake.loading import Skipped
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Problem
from dealerscreen.programme import chain, rundetail
from dealerscreen.programme.schema import head, runs, submissions


@dataclass(frozen=True)
class Received:
    source: str
    applicant: Applicant | None
    problems: tuple[Problem, ...]
    file_digest: str | None  # sha256 of the file, when it was read
    # where the facts a screening warns about are written (a valid applicant's): the file,
    # a record's line, and each field's line and column (the `places` column's JSON)
    places: dict[str, Any] | None = None


@dataclass(frozen=True)
class Kept:
    """A received input as it is recorded: a valid applicant's content as canonical JSON
    text, its model not kept (100,000 validated models held until the last file was read
    were gigabytes; their texts are a tenth of that)."""

    source: str
    applicant_id: str | None
    content: str | None  # canonical JSON of the validated applicant; None: invalid
    problems: tuple[Problem, ...]
    file_digest: str | None
    places: dict[str, Any] | None = None


def kept(item: Received | Kept) -> Kept:
    if isinstance(item, Kept):
        return item
    a = item.applicant
    content = content_of(a) if a is not None else None
    applicant_id = a.applicant_id if a is not None else None
    return Kept(item.source, applicant_id, content, item.problems, item.file_digest, item.places)


@dataclass
class IntakeSummary:
    new: list[tuple[str, int]] = field(default_factory=list)  # (id, version) recorded
    unchanged: list[str] = field(default_factory=list)
    invalid: list[Received] = field(default_factory=list)  # newly recorded, with problems
    invalid_known: int = 0  # invalid inputs recorded before, not again
    skipped: list[Skipped] = field(default_factory=list)
    run_id: int | None = None

    def counts(self) -> dict[str, int]:
        changed = sum(1 for _, v in self.new if v > 1)
        return {
            "new": len(self.new) - changed,
            "changed": changed,
            "unchanged": len(self.unchanged),
            "invalid": len(self.invalid) + self.invalid_known,
            "skipped": len(self.skipped),
        }


def read(
    compiled: CompiledProfile, paths: Sequence[str], options: BatchOptions
) -> tuple[list[Kept], list[Skipped]]:
    """Every input, validated, in the order `screen` reads them; with each valid one the
    places of the facts the screening warns about, as the screen of the files finds them
    (the file is read here, not by `screen -p`). Read before the record's transaction
    begins, which holds the writers' lock only while the rows are written."""
    from dealerscreen.batch.worker import _advice as advice_on  # what the screening warns of
    from dealerscreen.criteria.names import name_fields

    advise = advice_on(compiled, name_fields(compiled))
    listing = StreamedIntake()
    out: list[Kept] = []
    for task in batch_inputs(paths, options, listing, compiled):
        if isinstance(task, str):
            loaded = loading.load_file(task, options.max_bytes, advise)
            places = _file_places(task, loaded.problems) if loaded.applicant else None
            out.append(
                kept(Received(task, loaded.applicant, loaded.problems, loaded.sha256, places))
            )
        elif isinstance(task, Record):
            applicant, problems = validate_record(task)
            # a row's cells may hold dates: its digest is of their text
            raw = task.text if task.text is not None else json.dumps(task.data, default=str)
            places = _record_places(task, advise(applicant)) if applicant else None
            out.append(kept(Received(task.label, applicant, problems, chain.sha256(raw), places)))
        else:
            out.append(Kept(task.path, None, None, task.problems, task.sha256))
    return out, listing.skipped


def _file_places(path: str, warned: Sequence[Problem]) -> dict[str, Any] | None:
    fields = {p.field: [p.line, p.column] for p in warned if p.field and p.line is not None}
    return {"path": path, "line": None, "fields": fields} if fields else None


def _record_places(record: Record, advice: Iterable[Any]) -> dict[str, Any] | None:
    """A record's warned-about fields at their line (JSON Lines) or row and column."""
    from dealerscreen.intake import place_of
    from dealerscreen.yamlsource import dotted

    fields = {}
    for loc, _message, _check in advice:
        field_ = dotted(loc) or None
        if field_:
            line, column, _header = place_of(record, field_)
            fields[field_] = [line, column]
    return {"path": record.path, "line": record.line, "fields": fields} if fields else None


def content_of(applicant: Applicant) -> str:
    return chain.canonical(applicant.model_dump(mode="json"))


def _problems_text(problems: Sequence[Problem]) -> str:
    return chain.canonical(
        [[p.path, p.line, p.column, p.level, p.text, p.field, p.check] for p in problems]
    )


def _next_id(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1


def record(
    conn: Connection,
    received: Sequence[Received | Kept],
    by: str,
    at: str,
    sources: Sequence[str],
) -> IntakeSummary:
    """The inputs recorded, with the intake act that seals them, in the caller's
    transaction (one per intake: a kill leaves the record as before or after it)."""
    conn.execute(select(head).with_for_update()).all()  # the writers' queue (chain.py)
    summary = IntakeSummary()
    latest: dict[str, tuple[int, str]] = {}
    for r in conn.execute(
        select(submissions.c.applicant_id, submissions.c.version, submissions.c.digest).where(
            submissions.c.valid
        )
    ):
        if r.applicant_id not in latest or latest[r.applicant_id][0] < r.version:
            latest[r.applicant_id] = (r.version, r.digest)
    known_invalid = {
        (r.source, r.digest)
        for r in conn.execute(
            select(submissions.c.source, submissions.c.digest).where(~submissions.c.valid)
        )
    }
    run_id = _next_id(conn, runs.c.id)
    detail = chain.canonical({"inputs": list(sources)})
    conn.execute(runs.insert().values(id=run_id, kind="intake", at=at, by=by, detail=detail))
    first = _next_id(conn, submissions.c.id)
    count, chunk = 0, []
    for row in _rows(received, latest, known_invalid, summary, run_id, at):
        row["id"] = first + count
        count += 1
        chunk.append(row)
        if len(chunk) == WRITE_CHUNK:  # the driver's copy of every row at once, spared
            conn.execute(submissions.insert(), chunk)
            chunk = []
    if chunk:
        conn.execute(submissions.insert(), chunk)
    sealed = conn.execute(
        select(submissions).where(submissions.c.run_id == run_id).order_by(submissions.c.id)
    )
    seal = chain.rows_digest(chain.submission_digest(r) for r in sealed)
    # the detail sealed too: the inputs given, as the export writes them (rundetail.py)
    payload = {"run": run_id, "rows": seal, "count": count, rundetail.SEAL: rundetail.seal(detail)}
    chain.append(conn, "intake", None, by, at, None, payload)
    summary.run_id = run_id
    return summary


WRITE_CHUNK = 1000  # rows per insert, as a screening writes its decisions


def _rows(
    received: Sequence[Received | Kept],
    latest: dict[str, tuple[int, str]],
    known_invalid: set[tuple[str, str]],
    summary: IntakeSummary,
    run_id: int,
    at: str,
) -> Iterator[dict[str, Any]]:
    seen_here: dict[str, str] = {}
    for given in received:
        item = kept(given)
        applicant_id, content, problems = item.applicant_id, item.content, item.problems
        if applicant_id is not None and applicant_id in seen_here:
            other = seen_here[applicant_id]
            message = problemtext.say("duplicate-id", id=applicant_id, other=other)
            where = item.source.rpartition(":")[0] if ":" in item.source else item.source
            problems = (
                Problem(where, None, None, "error", message, "applicant_id", "duplicate-id"),
            )
            applicant_id = content = None
        base = {"run_id": run_id, "source": item.source, "received_at": at}
        if applicant_id is None or content is None:
            text = _problems_text(problems)
            digest = item.file_digest or chain.sha256(text)
            if (item.source, digest) in known_invalid:
                summary.invalid_known += 1
                continue
            known_invalid.add((item.source, digest))
            summary.invalid.append(Received(item.source, None, problems, item.file_digest))
            yield {
                **base,
                "applicant_id": None,
                "version": None,
                "valid": False,
                "digest": digest,
                "content": None,
                "problems": text,
                "places": None,
            }
            continue
        seen_here[applicant_id] = item.source
        digest = chain.sha256(content)
        version, last = latest.get(applicant_id, (0, ""))
        if last == digest:
            summary.unchanged.append(applicant_id)
            continue
        latest[applicant_id] = (version + 1, digest)
        summary.new.append((applicant_id, version + 1))
        yield {
            **base,
            "applicant_id": applicant_id,
            "version": version + 1,
            "valid": True,
            "digest": digest,
            "content": content,
            "problems": None,
            "places": chain.canonical(item.places) if item.places else None,
        }
