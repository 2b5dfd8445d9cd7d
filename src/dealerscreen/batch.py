"""Screen a batch streaming: parse, validate and score in worker processes, in order.

Each file (or JSON Lines line, or spreadsheet row) becomes an `Outcome`: its evaluation
or its problems, never its parsed model, so memory holds result records only. Work goes
out in chunks to a pool of processes and comes back in submission order through a
bounded window, so the output is the same as a serial run's whatever the scheduling, and
a 100,000-line input is never queued whole.

A compiled profile holds closures and cannot be pickled: with `fork` the workers inherit
it; otherwise each worker loads and compiles the profile once, from its path.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from typing import NamedTuple

from dealerscreen import keys, loading
from dealerscreen.cache import ParseCache, key
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.engine import decide
from dealerscreen.firstseen import FirstSeen
from dealerscreen.intake import BATCH_SUFFIXES, Record, validate_record
from dealerscreen.loading import Advice, Intake, Loaded, discover, located
from dealerscreen.models.applicant import Applicant
from dealerscreen.problems import Problem
from dealerscreen.results import ChunkWriter, FileLog, Row, Spill, SpillWriter, pack
from dealerscreen.sourcefile import DEFAULT_MAX_BYTES, read_bytes
from dealerscreen.yamlsource import SourceError, dotted

PARALLEL_MIN = 1000  # below this many applicants, starting processes costs more than it saves
CHUNK = 512  # items per message to a worker: large enough to amortise the round trip
WINDOW = 4  # chunks in flight per worker: keeps workers busy without queueing the batch
RECORD_BYTES = 600  # a rough size of one line or row, to guess a batch file's applicants

Task = str | Record | Loaded  # a file to load, a record to validate, an outcome known already


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None  # None: all cores for a large batch, one for a small one
    cache_dir: str | None = None  # None: no parse cache
    mapping: str | None = None  # column mapping for CSV and XLSX exports
    max_bytes: int = DEFAULT_MAX_BYTES  # a larger applicant file is refused
    progress: Callable[[int], None] | None = None  # told how many are done, chunk by chunk
    # Freeze the garbage collector's view of what exists before the batch (`gc.freeze`):
    # a third faster on a long batch, but it changes the whole process, so only the
    # program that owns the process (the CLI) asks for it; workers always do.
    freeze_gc: bool = False


class Outcome(NamedTuple):
    """An input that is not simply a valid applicant: invalid, warned, newly cached, or a
    record of a batch file (a plain valid file is only its row, see `ChunkOut`)."""

    path: str  # the file, or "file:line" for a record
    sha256: str | None
    scored: Row | None
    problems: tuple[Problem, ...] = ()
    fresh: tuple[str, str] | None = None  # a cache entry for the parent to store
    line: int | None = None  # the line or row of a record in a batch file


class ChunkOut(NamedTuple):
    """What a worker sends back for one chunk, in one pickle: per applicant a few bytes,
    so that the parent (which shares the cores with the workers) does little per file."""

    number: int  # chunks are numbered in submission order
    spill: tuple[str, int]  # where the worker wrote the chunk's models: file, offset
    log: str  # FileLog lines of the chunk's files
    log_span: tuple[str, str] | None  # their first and last path, if in path order
    items: list[Row | Outcome]  # a Row: a valid file, nothing else to say; in task order


@dataclass(frozen=True, slots=True)
class Warned(Loaded):
    """A screened applicant's warnings, without its model: a batch keeps no models."""


@dataclass
class StreamedIntake(Intake):
    """An intake whose valid entries are warnings only: the results are the valid inputs."""

    log: FileLog = field(default_factory=FileLog)

    def sorted_files(self) -> Iterator[tuple[str, str | None]]:
        """`files()` in path order; streamed from the log when it was written in order."""
        if not self.log.in_order:
            yield from sorted(self.files())
            return
        last: tuple[str, str | None] | None = None
        for path, sha in self.log:
            if last is not None and path == last[0]:
                last = (path, last[1] if last[1] is not None else sha)
                continue
            if last is not None:
                yield last
            last = (path, sha)
        if last is not None:
            yield last

    def files(self) -> Iterable[tuple[str, str | None]]:
        known: dict[str, str | None] = {}
        for path, sha in self.log:  # a batch file may be logged again with a problem
            if known.get(path) is None:
                known[path] = sha
        return list(known.items())

    @property
    def valid(self) -> list[Loaded]:
        return [x for x in self.loaded if isinstance(x, Warned) or x.applicant is not None]

    @property
    def invalid(self) -> list[Loaded]:
        return [x for x in self.loaded if x.applicant is None and not isinstance(x, Warned)]


@dataclass
class BatchResult:
    intake: StreamedIntake  # invalid inputs, warnings and skipped files: valid ones are scored
    spill: Spill
    rows: list[Row] = field(default_factory=list)


class _Worker:
    """What one process needs: the compiled profile and a cache to read."""

    def __init__(
        self,
        compiled: CompiledProfile,
        cache: ParseCache | None,
        max_bytes: int,
        spill_dir: str,
    ) -> None:
        self.compiled = compiled
        self.cache = cache if cache is not None and cache.usable else None
        self.max_bytes = max_bytes
        self.advise = _advice(compiled)
        self.chunk = ChunkWriter(0)
        self.spill = SpillWriter(spill_dir)

    def score(self, applicant: Applicant, model_json: str, source: str) -> Row:
        d = decide(self.compiled, applicant, stop_early=True)
        # The ineligible are ordered by id alone; the eligible by the profile's tie-break.
        key = keys.encode(d.sort_key) if d.eligible else keys.str_bytes(d.applicant_id)
        blob = pack(source, model_json)
        return self.chunk.row(d.eligible, key, d.city_id, d.applicant_id, blob, d.group)


_worker: _Worker | None = None


def _advice(compiled: CompiledProfile) -> Advice:
    """Warnings on a valid applicant: names that the profile's closed lists do not know."""
    from dealerscreen.names import name_fields, unknown_names

    fields = name_fields(compiled)

    def advise(applicant: Applicant) -> list[tuple[tuple[str | int, ...], str, str]]:
        return [
            (u.loc, u.message, "unknown-name") for u in unknown_names(compiled, applicant, fields)
        ]

    return advise


def _init_worker(profile_path: str, cache_dir: str | None, max_bytes: int, spill_dir: str) -> None:
    global _worker
    inherited = _worker  # set by the parent before a fork
    if inherited is not None and inherited.compiled.loaded.path == profile_path:
        compiled = inherited.compiled
    else:  # a spawned worker: the words are the parent's business, the decisions the same
        from dealerscreen.criteria.compile import compile_profile
        from dealerscreen.criteria.loading import load_profile

        compiled = compile_profile(load_profile(profile_path))
    # never reuse the parent's SQLite connection across a fork
    reader = ParseCache(cache_dir, readonly=True) if cache_dir else None
    _worker = _Worker(compiled, reader, max_bytes, spill_dir)
    _settle()


def _settle() -> None:
    """Move what exists now (modules, schemas, the compiled profile) out of the garbage
    collector's sight: it would traverse them on every full collection of a long batch,
    which measured a third of a worker's time (benchmarks/steps.py)."""
    gc.freeze()


# Cache entries: "A" + model JSON; "W" + {field: [line, col]} of the warnings the parse
# gave + RS + model JSON (a warning on a cached model is placed from it); "P" / "Q" +
# problems, when the file was read (its sha256 is reported) / could not be read as text.
RS = "\x1e"  # JSON never holds it unescaped


def _encode(loaded: Loaded, model_json: str | None) -> str | None:
    if loaded.applicant is not None and model_json is not None:
        where = {p.field: [p.line, p.column] for p in loaded.problems if p.field is not None}
        if not where:
            return "A" + model_json
        return "W" + json.dumps(where, ensure_ascii=False) + RS + model_json
    if all(p.path == loaded.path for p in loaded.problems):
        rows = [[p.line, p.column, p.level, p.message, p.field, p.check] for p in loaded.problems]
        return ("P" if loaded.sha256 else "Q") + json.dumps(rows, ensure_ascii=False)
    return None


@dataclass(frozen=True)
class Cached:
    applicant: Applicant | None
    model_json: str
    positions: dict[str, tuple[int | None, int | None]]  # of the warnings the parse gave
    problems: tuple[Problem, ...]
    sha_known: bool  # whether the file's sha256 is reported (it was read as text)


def _decode(entry: str, path: str) -> Cached | None:
    """None: the entry is not one this version reads; parse the file instead."""
    try:
        if entry.startswith("A"):
            model = entry[1:]
            return Cached(Applicant.model_validate_json(model), model, {}, (), True)
        if entry.startswith("W"):
            where, model = entry[1:].split(RS, 1)
            positions = {k: (v[0], v[1]) for k, v in json.loads(where).items()}
            return Cached(Applicant.model_validate_json(model), model, positions, (), True)
        if entry.startswith(("P", "Q")):
            rows = json.loads(entry[1:])
            return Cached(None, "", {}, tuple(Problem(path, *row) for row in rows), entry[0] == "P")
    except (ValueError, TypeError):
        pass
    return None


def _read_bytes(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when they cannot be had (the parse then says why)."""
    try:
        return read_bytes(path, max_bytes)
    except SourceError:
        return None


def _from_cache(worker: _Worker, path: str, sha: str, entry: str) -> Outcome | None:
    cached = _decode(entry, path)
    if cached is None:
        return None
    applicant = cached.applicant
    if applicant is None:
        return Outcome(path, sha if cached.sha_known else None, None, cached.problems)
    warnings: tuple[Problem, ...] = ()
    advice = list(worker.advise(applicant))
    if advice:
        # Placed where the parse placed them; advice the parse did not give (the criteria
        # changed) needs the document again.
        where = cached.positions
        if any(dotted(loc) not in where for loc, _, _ in advice):
            return None
        warnings = located(path, advice, lambda loc: where[dotted(loc)])
    return Outcome(path, sha, worker.score(applicant, cached.model_json, path), warnings)


def _load(worker: _Worker, path: str, read: _Read | None, entry: str | None) -> Outcome:
    """A file: from its cache entry when there is a usable one, else parsed (from the
    bytes read to look the entry up, if any: a file is read once)."""
    if read is not None and entry is not None:
        hit = _from_cache(worker, path, read.sha, entry)
        if hit is not None:
            return hit
    raw = read.raw if read is not None else None
    loaded = loading.load_file(path, worker.max_bytes, worker.advise, raw)
    model_json = loaded.applicant.model_dump_json() if loaded.applicant is not None else None
    fresh: tuple[str, str] | None = None
    # A file that does not parse has no sha256 of its own; ours is of the same bytes.
    digest = loaded.sha256 or (read.sha if read is not None else None)
    if worker.cache is not None and digest is not None:
        text = _encode(loaded, model_json)
        fresh = (key(_kind(path), digest), text) if text is not None else None
    scored = None
    if loaded.applicant is not None and model_json is not None:
        scored = worker.score(loaded.applicant, model_json, path)
    return Outcome(path, loaded.sha256, scored, loaded.problems, fresh)


def _kind(path: str) -> str:
    return "json" if path.lower().endswith(".json") else "yaml"


def _process(worker: _Worker, task: Task, read: _Read | None, entry: str | None) -> Outcome:
    if isinstance(task, str):
        return _load(worker, task, read, entry)
    if isinstance(task, Record):
        applicant, problems = validate_record(task)
        scored = None
        if applicant is not None:
            problems = _record_warnings(worker, task, applicant)
            scored = worker.score(applicant, applicant.model_dump_json(), task.label)
        return Outcome(task.label, None, scored, problems, line=task.line)
    return Outcome(task.path, task.sha256, None, task.problems)


def _record_warnings(worker: _Worker, record: Record, applicant: Applicant) -> tuple[Problem, ...]:
    """Advice on a line or row, placed at its line (JSON Lines) or row and column (exports)."""
    from dealerscreen.intake import column_of
    from dealerscreen.yamlsource import dotted

    out = []
    for loc, message, check in worker.advise(applicant):
        field_ = dotted(loc) or None
        column, _header = column_of(record, field_)
        out.append(Problem(record.path, record.line, column, "warning", message, field_, check))
    return tuple(sorted(out))


class _Read(NamedTuple):
    raw: bytes
    sha: str


def _run_chunk(numbered: tuple[int, list[Task]]) -> ChunkOut:
    index, chunk = numbered
    worker = _worker
    assert worker is not None, "worker not initialised"
    worker.chunk = ChunkWriter(index)
    cache = worker.cache
    reads: list[_Read | None] = [None] * len(chunk)
    wanted: list[str | None] = [None] * len(chunk)
    entries: dict[str, str] = {}
    if cache is not None:
        # Read every file of the chunk first and look all their keys up in one query: a
        # query per file cost more than validating the model it returned.
        for i, task in enumerate(chunk):
            if isinstance(task, str):
                raw = _read_bytes(task, worker.max_bytes)
                if raw is not None:
                    got = reads[i] = _Read(raw, hashlib.sha256(raw).hexdigest())
                    wanted[i] = key(_kind(task), got.sha)
        entries = cache.get_many([k for k in wanted if k is not None])
    items: list[Row | Outcome] = []
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


def _file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _tasks(
    paths: Sequence[str], mapping_path: str | None, intake: StreamedIntake
) -> Iterator[Task]:
    from dealerscreen.intake.jsonl import read_jsonl

    files, skipped, broken = discover([p for p in paths if p != "-"])
    # Path order, as loading.load_batch: which of two files with one id is "first" must not
    # depend on how the paths were typed.
    intake.skipped.extend(sorted(skipped, key=lambda s: (s.path, s.why)))
    yield from sorted(broken, key=lambda b: b.path)
    mapping = None
    files.sort(reverse=True)  # popped from the end: a path is not held once screened
    while files:
        path = files.pop()
        low = path.lower()
        if low.endswith(".jsonl"):
            stream: Iterable[Record | Problem] = read_jsonl(path)
        elif low.endswith((".csv", ".xlsx")):
            if mapping is None and mapping_path is not None:
                from dealerscreen.intake.mapping import load_mapping

                mapping = load_mapping(mapping_path)  # FatalError: the whole run stops
            if mapping is None:
                why = "a CSV or XLSX export needs a column mapping: --mapping FILE"
                yield Loaded(
                    path, None, None, (Problem(path, None, None, "error", why, None, "no-mapping"),)
                )
                continue
            from dealerscreen.intake.tabular import read_table

            stream = read_table(path, mapping)
        else:
            yield path
            continue
        intake.log.add(path, _file_sha256(path))  # a batch file is listed once, by its hash
        for item in stream:
            yield item if isinstance(item, Record) else Loaded(item.path, None, None, (item,))
    if "-" in paths:
        for item in read_jsonl("-"):
            yield item if isinstance(item, Record) else Loaded(item.path, None, None, (item,))


def _chunks(tasks: Iterator[Task]) -> Iterator[tuple[int, list[Task]]]:
    chunk: list[Task] = []
    index = 0
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= CHUNK:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


def _size_hint(paths: Sequence[str]) -> int:
    """About how many applicants: decides whether starting worker processes pays off."""
    if "-" in paths:
        return PARALLEL_MIN
    n = 0
    for raw in paths:
        if os.path.isdir(raw):
            for _dir, _sub, names in os.walk(raw):
                n += len(names)
                if n >= PARALLEL_MIN:
                    return n
        elif raw.lower().endswith(BATCH_SUFFIXES):
            with contextlib.suppress(OSError):
                n += os.path.getsize(raw) // RECORD_BYTES
        else:
            n += 1
    return n


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def is_large(paths: Sequence[str]) -> bool:
    """Large enough for worker processes and a progress line."""
    return _size_hint(paths) >= PARALLEL_MIN


def choose_jobs(paths: Sequence[str], jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    return cores() if is_large(paths) else 1


def _parallel(
    chunks: Iterator[tuple[int, list[Task]]],
    jobs: int,
    initargs: tuple[str, str | None, int, str],
) -> Iterator[ChunkOut]:
    """Chunks in submission order, at most jobs * WINDOW in flight."""
    pool: Pool = multiprocessing.get_context().Pool(jobs, _init_worker, initargs)
    try:
        pending: deque[AsyncResult[ChunkOut]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_run_chunk, (chunk,)))
            if len(pending) >= jobs * WINDOW:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class _Sharing:
    """Problems kept with one copy of each repeated text: a batch with a common typo holds
    thousands of warnings, and each arrives from a worker with its own copy of the words."""

    LIMIT = 10_000  # distinct texts shared; free text beyond it is kept as it came

    def __init__(self) -> None:
        self._texts: dict[str | None, str | None] = {}

    def _one(self, text: str | None) -> str | None:
        kept = self._texts.get(text)
        if kept is None and len(self._texts) < self.LIMIT:
            kept = self._texts[text] = text
        return kept if kept is not None else text

    def __call__(self, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
        one = self._one
        return tuple(
            Problem(
                p.path,
                p.line,
                p.column,
                p.level,
                one(p.message) or "",
                one(p.field),
                one(p.check) or "",
            )
            for p in problems
        )


def _duplicate(out: Outcome, other: str, options: BatchOptions) -> Loaded:
    """An applicant whose id an earlier input used: invalid, at its id's position."""
    assert out.scored is not None
    where = (
        loading._id_position(out.path, options.max_bytes) if out.line is None else (out.line, None)
    )
    problem = Problem(
        out.path,
        *where,
        "error",
        f"applicant id '{out.scored.applicant_id}' is also used by {other}",
        "applicant_id",
        "duplicate-id",
    )
    return Loaded(out.path, out.sha256, None, (problem,))


def screen_batch(
    compiled: CompiledProfile, paths: Sequence[str], options: BatchOptions
) -> BatchResult:
    global _worker
    result = BatchResult(StreamedIntake(), Spill(compiled))
    cache = ParseCache(options.cache_dir) if options.cache_dir else None
    jobs = choose_jobs(paths, options.jobs)
    # Set before the pool starts, so that forked workers inherit the compiled profile.
    # Packed in this process too: a serial run keeps no more in memory than a parallel one.
    _worker = _Worker(compiled, cache, options.max_bytes, result.spill.folder)
    if options.freeze_gc:
        _settle()
    chunks = _chunks(_tasks(paths, options.mapping, result.intake))
    if jobs == 1:
        batches: Iterator[ChunkOut] = (_run_chunk(c) for c in chunks)
    else:
        if cache is not None:
            cache.flush()  # the database file must exist before workers open it read-only
        initargs = (compiled.loaded.path, options.cache_dir, options.max_bytes, result.spill.folder)
        batches = _parallel(chunks, jobs, initargs)
    rows = result.rows
    first_seen = FirstSeen(lambda: ((row.applicant_id, i) for i, row in enumerate(rows)))
    spill, loaded, log = result.spill, result.intake.loaded, result.intake.log
    shared = _Sharing()
    try:
        done = 0
        for batch in batches:
            done += len(batch.items)
            if options.progress is not None:
                options.progress(done)
            spill.add_chunk(batch.number, *batch.spill)
            log.add_lines(batch.log, batch.log_span)
            for item in batch.items:
                if isinstance(item, Row):  # a valid file and nothing else: the common case
                    position = first_seen.first(item.applicant_id, len(rows))
                    if position == len(rows):
                        rows.append(item)
                        continue
                    path = spill.source_of(item)
                    out = Outcome(path, _file_sha256(path), item)
                else:
                    out = item
                    if out.fresh is not None and cache is not None:
                        cache.put(*out.fresh)
                    row = out.scored
                    if row is None:
                        loaded.append(Loaded(out.path, out.sha256, None, shared(out.problems)))
                        continue
                    position = first_seen.first(row.applicant_id, len(rows))
                    if position == len(rows):
                        if out.problems:  # warnings on a valid applicant, kept in order
                            loaded.append(Warned(out.path, out.sha256, None, shared(out.problems)))
                        rows.append(row)
                        continue
                loaded.append(_duplicate(out, spill.source_of(rows[position]), options))
    finally:
        _worker = None
        if cache is not None:
            cache.close()
    return result
