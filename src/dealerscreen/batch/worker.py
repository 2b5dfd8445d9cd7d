"""One worker's job in a batch: read, parse (or take from the cache), validate, decide.

A worker turns a chunk of tasks (files, records of a batch file, outcomes known already)
into a `ChunkOut`: a row per valid applicant (its decision, `row.Row`), an `InputResult`
for anything else, and the validated models written to its own spill file. The serial
path runs the same code in the calling process.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from dealerscreen.batch.results import RAW, ChunkWriter, SpillWriter, pack
from dealerscreen.batch.row import Row
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys, record
from dealerscreen.decide.engine import Decision, decide
from dealerscreen.intake import Record, loading, validate_record
from dealerscreen.intake.cache import DAMAGED, ParseCache
from dealerscreen.intake.filelog import FileLog
from dealerscreen.intake.loading import Advice, Loaded, located
from dealerscreen.intake.verifications import Checks, effective, self_verified
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Message, Problem, from_data, to_data
from dealerscreen.yamlsource import SourceError, dotted
from dealerscreen.yamlsource.sourcefile import read_bytes

if TYPE_CHECKING:
    from dealerscreen.criteria.names import NameField

Task = str | Record | Loaded  # a file to load, a record to validate, an outcome known already


class InputResult(NamedTuple):
    """An input that is not simply a valid applicant: invalid, warned, newly cached, or a
    record of a batch file (a plain valid file is only its row, see `ChunkOut`)."""

    path: str  # the file, or "file:line" for a record
    sha256: str | None
    scored: Row | None
    problems: tuple[Problem, ...] = ()
    fresh: tuple[str, bytes] | None = None  # a cache entry for the parent to store
    line: int | None = None  # the line or row of a record in a batch file
    damaged: bool = False  # its cache entry did not match its seal: parsed again


class ChunkOut(NamedTuple):
    """What a worker sends back for one chunk, in one pickle: per applicant a few bytes,
    so that the parent (which shares the cores with the workers) does little per file."""

    number: int  # chunks are numbered in submission order
    spill: tuple[str, int]  # where the worker wrote the chunk's models: file, offset
    log: str  # FileLog lines of the chunk's files
    log_span: tuple[str, str] | None  # their first and last path, if in path order
    items: list[Row | InputResult]  # a Row: a valid file, nothing else to say; in task order


class Worker:
    """What one process needs: the compiled profile, the team's checks and a cache to read."""

    def __init__(
        self,
        compiled: CompiledProfile,
        cache: ParseCache | None,
        max_bytes: int,
        spill_dir: str,
        checks: Checks | None = None,
        rank_only: bool = False,
    ) -> None:
        from dealerscreen.criteria.names import name_fields

        self.compiled = compiled
        self.cache = cache if cache is not None and cache.usable else None
        self.max_bytes = max_bytes
        self.checks: Checks = checks or {}
        self.advise = _advice(compiled, name_fields(compiled))
        self.chunk = ChunkWriter(0)
        self.spill = SpillWriter(spill_dir)
        # An applicant a requirement shuts out decided only as far as ranking needs (no
        # record in its row): for a run that reads only a few rows, which completes theirs
        # (`BatchOptions.shown`). Deciding every rule of the shut-out majority with records
        # was most of a `--top 20` run's deciding.
        self.rank_only = rank_only

    def score(self, applicant: Applicant, model_json: bytes, source: str) -> Row:
        """`applicant` as the file says it (`model_json`): decided, and kept for the
        reports, with verification from the team's checks only."""
        decided, model_json = self.verified(applicant, model_json)
        return self.decided_row(decided, model_json, source)

    def decided_row(self, applicant: Applicant, model_json: bytes, source: str) -> Row:
        """The row of an applicant as decided (its checks applied): its complete decision,
        or with `rank_only`, for one a requirement shuts out, its place alone."""
        if self.rank_only:
            trial = decide(self.compiled, applicant, stop_early=True)
            if not trial.eligible:
                blob = pack(source, model_json)
                key = keys.str_bytes(trial.applicant_id)  # the ineligible are ordered by id
                return self.chunk.row(
                    False, key, trial.city_id, trial.applicant_id, blob, trial.group
                )
        return self.row(decide(self.compiled, applicant, source_path=source), model_json, source)

    def verified(self, applicant: Applicant, model_json: bytes) -> tuple[Applicant, bytes]:
        """The applicant as it is decided and its model as the reports read it again: the
        one the file gave (the parse cache keeps that) when the team's checks change nothing."""
        decided = effective(applicant, self.checks.get(applicant.applicant_id, ()))
        if decided is applicant:
            return applicant, model_json
        return decided, decided.model_dump_json().encode()

    def row(self, d: Decision, model_json: bytes, source: str) -> Row:
        # The ineligible are ordered by id alone; the eligible by the profile's tie-break.
        key = keys.encode(d.sort_key) if d.eligible else keys.str_bytes(d.applicant_id)
        blob = pack(source, model_json)
        kept = record.encode(d)
        return self.chunk.row(
            d.eligible, key, d.city_id, d.applicant_id, blob, d.group, kept, d.is_provisional
        )


_worker: Worker | None = None


def _advice(compiled: CompiledProfile, fields: list[NameField]) -> Advice:
    """Warnings on a valid applicant: names that the profile's closed lists do not know,
    and documents it says it verified itself."""
    from dealerscreen.criteria.names import unknown_names

    def advise(applicant: Applicant) -> list[tuple[tuple[str | int, ...], Message, str]]:
        return [
            *(
                (u.loc, u.message, "unknown-name")
                for u in unknown_names(compiled, applicant, fields)
            ),
            *self_verified(applicant),
        ]

    return advise


def init_worker(
    profile_path: str,
    cache_dir: str | None,
    max_bytes: int,
    spill_dir: str,
    checks: Checks | None = None,
    rank_only: bool = False,
) -> None:
    global _worker
    # Signals are the pool's business: a worker ignores SIGINT and SIGTERM, and the
    # parent alone says "interrupted" or "terminated" and kills it (workerpool).
    inherited = _worker  # set by the parent before a fork
    if inherited is not None and inherited.compiled.loaded.path == profile_path:
        compiled = inherited.compiled
    else:  # a spawned worker: the words are the parent's business, the decisions the same
        from dealerscreen.criteria.compile import compile_profile
        from dealerscreen.criteria.loading import load_profile

        compiled = compile_profile(load_profile(profile_path))
    # never reuse the parent's SQLite connection across a fork
    reader = ParseCache(cache_dir, readonly=True) if cache_dir else None
    _worker = Worker(compiled, reader, max_bytes, spill_dir, checks, rank_only)
    settle()


# Objects allocated between two collections of the youngest generation (Python's default:
# 700). Deciding with records makes about 130 small tuples per applicant and parsing many
# more nodes, all short-lived or never cyclic: collecting every 700 allocations cost a tenth to
# a sixth of a serial batch's CPU (docs/performance-history.md). It holds for the report
# after the batch too: a full json report of 100,000 spent 4.3 s collecting at 20,000, 0.7 s
# at 200,000; at 200,000 one of 2,000 still collected its long-lived objects one to three
# times, 40-85 ms each, at 1,000,000 not once, with the same peak memory at 100,000.
YOUNG = 1_000_000


def settle() -> None:
    """Move what exists now (modules, schemas, the compiled profile) out of the garbage
    collector's sight: it would traverse them on every full collection of a long batch,
    which measured a third of a worker's time (benchmarks/steps.py); and collect the
    youngest generation less often (`YOUNG`). For the process that owns it only."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG, middle, old)


# Cache entries, as bytes (UTF-8; "surrogatepass" where a file name may hold what is not):
# "A" + model JSON; "W" + {field: [line, col]} of the warnings the parse gave + RS + model
# JSON (a warning on a cached model is placed from it); "P" / "Q" + problems, when the file
# was read (its sha256 is reported) / could not be read as text. The model JSON is kept as
# bytes from end to end: validated from them, and written to the spill as they are.
RS = b"\x1e"  # JSON never holds it unescaped


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _encode(loaded: Loaded, model_json: bytes | None) -> bytes | None:
    if loaded.applicant is not None and model_json is not None:
        where = {p.field: [p.line, p.column] for p in loaded.problems if p.field is not None}
        if where:
            return b"W" + _utf8(json.dumps(where, ensure_ascii=False)) + RS + model_json
        return b"A" + model_json
    if all(p.path == loaded.path for p in loaded.problems):
        rows = [
            [p.line, p.column, p.level, to_data(p.message), p.field, p.check]
            for p in loaded.problems
        ]
        return (b"P" if loaded.sha256 else b"Q") + _utf8(json.dumps(rows, ensure_ascii=False))
    return None


@dataclass(frozen=True)
class Cached:
    applicant: Applicant | None
    model_json: bytes
    positions: dict[str, tuple[int | None, int | None]]  # of the warnings the parse gave
    problems: tuple[Problem, ...]
    sha_known: bool  # whether the file's sha256 is reported (it was read as text)


def _decode(entry: bytes, path: str) -> Cached | None:
    """None: the entry is not one this version reads; parse the file instead."""
    try:
        split = _model_of(entry)
        if split is not None:
            model, where = split
            positions = _positions(where) if where is not None else {}
            return Cached(Applicant.model_validate_json(model), model, positions, (), True)
        if entry.startswith((b"P", b"Q")):
            rows = json.loads(_text(entry[1:]))
            problems = tuple(
                Problem(path, line, col, level, from_data(said), field_, check)
                for line, col, level, said, field_, check in rows
            )
            return Cached(None, b"", {}, problems, entry.startswith(b"P"))
    except (ValueError, TypeError):
        pass
    return None


def _model_of(entry: bytes) -> tuple[bytes, bytes | None] | None:
    """An applicant's entry ("A" or "W"): its model JSON, and its warnings' positions as
    stored (None without warnings); None for an entry of problems."""
    if entry.startswith(b"A"):
        return entry[1:], None
    if entry.startswith(b"W"):
        where, model = entry[1:].split(RS, 1)
        return model, where
    return None


def _positions(where: bytes) -> dict[str, tuple[int | None, int | None]]:
    return {k: (v[0], v[1]) for k, v in json.loads(_text(where)).items()}


def _read_bytes(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when they cannot be had (the parse then says why)."""
    try:
        return read_bytes(path, max_bytes)
    except SourceError:
        return None


def _from_cache(worker: Worker, path: str, sha: str, entry: bytes) -> InputResult | None:
    cached = _decode(entry, path)
    if cached is None:
        return None
    applicant = cached.applicant
    if applicant is None:
        return InputResult(path, sha if cached.sha_known else None, None, cached.problems)
    warnings: tuple[Problem, ...] = ()
    advice = list(worker.advise(applicant))
    if advice:
        # Placed where the parse placed them; advice the parse did not give (the criteria
        # changed) needs the document again.
        where = cached.positions
        if any(dotted(loc) not in where for loc, _, _ in advice):
            return None
        warnings = located(path, advice, lambda loc: where[dotted(loc)])
    return InputResult(path, sha, worker.score(applicant, cached.model_json, path), warnings)


def _load(worker: Worker, path: str, read: _Read | None, entry: bytes | None) -> InputResult:
    """A file: from its cache entry when there is a usable one, else parsed (from the
    bytes read to look the entry up, if any: a file is read once)."""
    damaged = entry == DAMAGED
    if read is not None and entry is not None and not damaged:
        hit = _from_cache(worker, path, read.sha, entry)
        if hit is not None:
            return hit
    # A --top run spills the file's bytes for the few models it reads back (results.RAW)
    spill_raw = worker.rank_only and worker.cache is None  # (with a cache, `read` is given)
    kept = _read_bytes(path, worker.max_bytes) if spill_raw else None
    raw = read.raw if read is not None else kept
    loaded = loading.load_file(path, worker.max_bytes, worker.advise, raw)
    model_json = None
    scored = None
    if loaded.applicant is not None:
        # what the cache keeps (the file's bytes are a --top run's spill, when no cache)
        model_json = RAW + kept if kept is not None else loaded.applicant.model_dump_json().encode()
        decided, decided_json = worker.verified(loaded.applicant, model_json)
        scored = worker.decided_row(decided, decided_json, path)
    fresh: tuple[str, bytes] | None = None
    # A file that does not parse has no sha256 of its own; ours is of the same bytes.
    digest = loaded.sha256 or (read.sha if read is not None else None)
    if worker.cache is not None and digest is not None:
        text = _encode(loaded, model_json)
        fresh = (worker.cache.key(_kind(path), digest), text) if text is not None else None
    return InputResult(path, loaded.sha256, scored, loaded.problems, fresh, damaged=damaged)


def _kind(path: str) -> str:
    return "json" if path.lower().endswith(".json") else "yaml"


def _process(worker: Worker, task: Task, read: _Read | None, entry: bytes | None) -> InputResult:
    if isinstance(task, str):
        return _load(worker, task, read, entry)
    if isinstance(task, Record):
        applicant, problems = validate_record(task)
        scored = None
        if applicant is not None:
            problems = _record_warnings(worker, task, applicant)
            scored = worker.score(applicant, applicant.model_dump_json().encode(), task.label)
        if task.notes:  # warnings from the reading: a cell that read as empty
            problems = tuple(sorted((*problems, *task.notes)))
        return InputResult(task.label, None, scored, problems, line=task.line)
    return InputResult(task.path, task.sha256, None, task.problems)


def _record_warnings(worker: Worker, record: Record, applicant: Applicant) -> tuple[Problem, ...]:
    """Advice on a line or row, placed at its line (JSON Lines) or row and column (exports)."""
    from dealerscreen.intake import place_of
    from dealerscreen.yamlsource import dotted

    out = []
    for loc, message, check in worker.advise(applicant):
        field_ = dotted(loc) or None
        line, column, _header = place_of(record, field_)
        out.append(Problem(record.path, line, column, "warning", message, field_, check))
    return tuple(sorted(out))


class _Read(NamedTuple):
    raw: bytes
    sha: str


def run_chunk(numbered: tuple[int, list[Task]]) -> ChunkOut:
    index, chunk = numbered
    worker = _worker
    assert worker is not None, "worker not initialised"
    worker.chunk = ChunkWriter(index)
    cache = worker.cache
    reads: list[_Read | None] = [None] * len(chunk)
    wanted: list[str | None] = [None] * len(chunk)
    entries: dict[str, bytes] = {}
    if cache is not None:
        # Read every file of the chunk first and look all their keys up in one query: a
        # query per file cost more than validating the model it returned.
        for i, task in enumerate(chunk):
            if isinstance(task, str):
                raw = _read_bytes(task, worker.max_bytes)
                if raw is not None:
                    got = reads[i] = _Read(raw, hashlib.sha256(raw).hexdigest())
                    wanted[i] = cache.key(_kind(task), got.sha)
        entries = cache.get_many([k for k in wanted if k is not None])
    items: list[Row | InputResult] = []
    log: list[str] = []
    logged: list[str] = []
    for task, read, k in zip(chunk, reads, wanted, strict=True):
        out = _process(worker, task, read, entries.get(k) if k is not None else None)
        if out.line is None:
            log.append(FileLog.line(out.path, out.sha256))
            logged.append(out.path)
        plain = out.scored is not None and not out.problems and out.fresh is None
        items.append(out.scored if plain and out.line is None else out)  # type: ignore[arg-type]
    where = worker.spill.write(worker.chunk.data())
    ordered = all(a <= b for a, b in itertools.pairwise(logged))
    span = (logged[0], logged[-1]) if logged and ordered else None
    return ChunkOut(index, where, "".join(log), span, items)


def install(worker: Worker | None) -> None:
    """This process's worker: set by the parent before the pool forks (the workers inherit
    the compiled profile), and by the serial path; None when the batch is done."""
    global _worker
    _worker = worker
