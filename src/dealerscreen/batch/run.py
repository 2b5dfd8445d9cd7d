"""Screen a batch streaming: parse, validate and score in worker processes, in order.

Each file (or JSON Lines line, or spreadsheet row) becomes an `InputResult`: its evaluation
or its problems, never its parsed model, so memory holds result records only. Work goes
out in chunks to a pool of processes and comes back in submission order through a
bounded window, so the output is the same as a serial run's whatever the scheduling, and
a 100,000-line input is never queued whole.

A compiled profile holds closures and cannot be pickled: with `fork` the workers inherit
it; otherwise each worker loads and compiles the profile once, from its path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from dealerscreen.batch.jobs import choose_jobs
from dealerscreen.batch.results import Spill
from dealerscreen.batch.row import Row
from dealerscreen.batch.worker import (
    ChunkOut,
    InputResult,
    Task,
    Worker,
    init_worker,
    install,
    run_chunk,
    settle,
)
from dealerscreen.batch.workerpool import ordered
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import Record, loading
from dealerscreen.intake.cache import ParseCache
from dealerscreen.intake.filelog import FileLog
from dealerscreen.intake.firstseen import FirstSeen
from dealerscreen.intake.loading import Intake, Loaded, discover
from dealerscreen.intake.verifications import Checks
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Problem
from dealerscreen.yamlsource import SourceError
from dealerscreen.yamlsource.sourcefile import (
    DEFAULT_MAX_BATCH_BYTES,
    DEFAULT_MAX_BYTES,
    open_regular,
)

CHUNK = 512  # items per message to a worker: large enough to amortise the round trip
WINDOW = 4  # chunks in flight per worker: keeps workers busy without queueing the batch


class Selection(NamedTuple):
    """The rows a run reads in full: the first `top` of the ranking (of one city's)."""

    top: int
    city_id: str | None = None


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None  # None: all cores for a large batch, one for a small one
    cache_dir: str | None = None  # None: no parse cache
    mapping: str | None = None  # column mapping for CSV and XLSX exports
    max_bytes: int = DEFAULT_MAX_BYTES  # a larger applicant file (or line) is refused
    progress: Callable[[int], None] | None = None  # told how many are done, chunk by chunk
    # Told about how many applicants the inputs hold, once they are listed (not for
    # standard input, whose length is unknown): the progress bar's total.
    expected: Callable[[int], None] | None = None
    # Freeze the garbage collector's view of what exists before the batch (`gc.freeze`):
    # a third faster on a long batch, but it changes the whole process, so only the
    # program that owns the process (the CLI) asks for it; workers always do.
    freeze_gc: bool = False
    # A larger JSON Lines, CSV or XLSX file (or an XLSX that unpacks to more) is refused.
    max_batch_bytes: int = DEFAULT_MAX_BATCH_BYTES
    checks: Checks | None = None  # the team's verifications that count, by applicant id
    # Only these rows are read in full (and the eligible ones): an applicant a requirement
    # shuts out is decided as far as ranking needs, and `screening.screen` completes the
    # records of the rows selected. None: every row holds its complete record.
    shown: Selection | None = None
    # By `Record.label` (file:line), the source the caller knows: a programme's submission's
    sources: Mapping[str, str] | None = None


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


def _file_sha256(path: str, limit: int = DEFAULT_MAX_BATCH_BYTES) -> str | None:
    """None for a file that cannot be read, is not a regular file (a FIFO would block, a
    device never end) or is over the limit: its reader says why."""
    digest = hashlib.sha256()
    try:
        with open_regular(path, limit) as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except (OSError, SourceError):
        return None
    return digest.hexdigest()


def _tasks(
    paths: Sequence[str], options: BatchOptions, intake: StreamedIntake, compiled: CompiledProfile
) -> Iterator[Task]:
    from dealerscreen.intake.jsonl import read_jsonl

    files, skipped, broken = discover([p for p in paths if p != "-"], batch=True)
    # Path order, as loading.load_batch: which of two files with one id is "first" must not
    # depend on how the paths were typed.
    intake.skipped.extend(sorted(skipped, key=lambda s: (s.path, s.why)))
    if options.expected is not None and "-" not in paths:
        from dealerscreen.intake.count import expected_total

        options.expected(expected_total(files, len(broken)))
    yield from sorted(broken, key=lambda b: b.path)
    mapping = None
    form = None  # what `template` writes for the profile: made when a table is met
    limits = (options.max_bytes, options.max_batch_bytes)
    files.sort(reverse=True)  # popped from the end: a path is not held once screened
    while files:
        path = files.pop()
        low = path.lower()
        if low.endswith(".jsonl"):
            stream: Iterable[Record | Problem] = read_jsonl(path, *limits)
        elif low.endswith((".csv", ".xlsx")):
            if form is None:
                from dealerscreen.words.form import template_form

                form = template_form(compiled)
            if mapping is None and options.mapping is not None:
                from dealerscreen.intake.mapping import load_mapping

                mapping = load_mapping(options.mapping)  # FatalError: the whole run stops
            use = mapping
            if use is None and low.endswith(".xlsx"):
                from dealerscreen.intake.tabular import embedded_mapping

                # a form carries its own, trusted as far as it is the template's
                own = embedded_mapping(path, form.mappings, options.max_batch_bytes)
                if isinstance(own, Problem):
                    yield Loaded(path, None, None, (own,))
                    continue
                use = own
            if use is None:
                why = say("no-mapping")
                yield Loaded(
                    path, None, None, (Problem(path, None, None, "error", why, None, "no-mapping"),)
                )
                continue
            from dealerscreen.intake.tabular import read_table

            stream = read_table(path, use, *limits, form_rows=form.rows)
        else:
            yield path
            continue
        intake.log.add(
            path, _file_sha256(path, options.max_batch_bytes)
        )  # a batch file is listed once, by its hash
        for item in stream:
            if isinstance(item, Record) and options.sources:
                # a line the programme names is one of its submissions, stored canonical
                source = options.sources.get(item.label)
                item = replace(item, source=source, canonical=source is not None)
            yield item if isinstance(item, Record) else Loaded(item.path, None, None, (item,))
    if "-" in paths:
        for item in read_jsonl("-", *limits):
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


def _parallel(
    chunks: Iterator[tuple[int, list[Task]]],
    jobs: int,
    initargs: tuple[str, str | None, int, str, Checks | None, bool],
) -> Generator[ChunkOut, None, None]:
    """Chunks in submission order, at most jobs * WINDOW in flight or waiting; every
    worker gone when this ends, however it ends (workerpool)."""
    return ordered(chunks, jobs, init_worker, initargs, run_chunk, jobs * WINDOW)


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
                p.message,
                one(p.field),
                one(p.check) or "",
            )
            for p in problems
        )


def _duplicate(out: InputResult, other: str, options: BatchOptions) -> Loaded:
    """An applicant whose id an earlier input used: invalid, at its id's position."""
    assert out.scored is not None
    where = (
        loading._id_position(out.path, options.max_bytes) if out.line is None else (out.line, None)
    )
    # a line of a batch file is placed in its file ("a.jsonl", line 2), not at "a.jsonl:2"
    file = out.path if out.line is None else out.path.removesuffix(f":{out.line}")
    problem = Problem(
        file,
        *where,
        "error",
        say("duplicate-id", id=out.scored.applicant_id, other=other),
        "applicant_id",
        "duplicate-id",
    )
    return Loaded(out.path, out.sha256, None, (problem,))


def screen_batch(
    compiled: CompiledProfile, paths: Sequence[str], options: BatchOptions
) -> BatchResult:
    result = BatchResult(StreamedIntake(), Spill(compiled))
    cache = ParseCache(options.cache_dir) if options.cache_dir else None
    jobs = choose_jobs(paths, options.jobs)
    if jobs > 1:  # models build when first used: once here, not in each forked worker
        Applicant.model_rebuild()
    # Set before the pool starts, so that forked workers inherit the compiled profile.
    # Packed in this process too: a serial run keeps no more in memory than a parallel one.
    rank_only = options.shown is not None
    folder = result.spill.folder
    install(Worker(compiled, cache, options.max_bytes, folder, options.checks, rank_only))
    if options.freeze_gc:
        settle()
    chunks = _chunks(_tasks(paths, options, result.intake, compiled))
    if jobs == 1:
        batches: Generator[ChunkOut, None, None] = (run_chunk(c) for c in chunks)
    else:
        if cache is not None:
            cache.flush()  # the database file must exist before workers open it read-only
        readable = options.cache_dir if cache is not None and cache.usable else None
        initargs = (
            compiled.loaded.path,
            readable,
            options.max_bytes,
            folder,
            options.checks,
            rank_only,
        )
        batches = _parallel(chunks, jobs, initargs)
    rows = result.rows
    first_seen = FirstSeen(lambda: ((row.applicant_id, i) for i, row in enumerate(rows)))
    spill, loaded, log = result.spill, result.intake.loaded, result.intake.log
    shared = _Sharing()
    damaged = 0
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
                    out = InputResult(path, _file_sha256(path), item)
                else:
                    out = item
                    if out.fresh is not None and cache is not None:
                        cache.put(*out.fresh)
                    damaged += out.damaged
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
        batches.close()  # a parallel run's workers end now, not when it is collected
        install(None)
        if cache is not None:
            cache.close()
    if cache is not None and cache.note:
        result.intake.notes.append(cache.note)
    if damaged:
        result.intake.notes.append(
            say("cache-damaged" if damaged == 1 else "cache-damaged.n", n=damaged)
        )
    return result
