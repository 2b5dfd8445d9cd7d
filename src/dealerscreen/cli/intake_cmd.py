"""`intake`: submissions recorded as received, the step `screen PATH... -p DIR` takes
before it screens the programme."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import typer

from dealerscreen.cli.inputs import batch_options, check_paths, load_compiled
from dealerscreen.cli.options import (
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    LangOpt,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    PathsArg,
    QuietOpt,
)
from dealerscreen.cli.programme_opts import ByOpt, DbOpt, ProgrammeOpt, now, opened, team_words, who
from dealerscreen.cli.stderr import err, report_problems, skipped_line, tell
from dealerscreen.models.problems import ExitCode

if TYPE_CHECKING:
    from dealerscreen.batch.run import BatchOptions
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.programme.record import Programme
    from dealerscreen.programme.submissions import IntakeSummary


class Recording(NamedTuple):
    """What `screen PATH... -p DIR` records before it screens: `record_inputs`'s arguments."""

    paths: list[str]
    options: BatchOptions
    by: str | None
    quiet: bool


def intake(
    paths: PathsArg,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    mapping: MappingOpt = None,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    quiet: QuietOpt = False,
    lang: LangOpt = "",
) -> None:
    """Record submissions as received: each valid applicant's content, digest, source and
    time (the same content again is no new version), each invalid input with its problems.

    PATH is what `screen` reads: files, folders, JSON Lines, CSV/XLSX (with --mapping)."""
    check_paths(paths, None)
    options = intake_options(mapping, max_file_size, max_batch_size)
    with opened(programme, db) as prog:
        compiled = load_compiled(prog.criteria, lang)
        summary = record_inputs(prog, compiled, paths, options, by)
    raise typer.Exit(told(summary, quiet))


def intake_options(mapping: str | None, max_file_size: str, max_batch_size: str) -> BatchOptions:
    """How intake reads: in one process, never from the parse cache (what is recorded is
    what the files hold now)."""
    return batch_options(1, mapping, None, True, max_file_size, None, max_batch_size)


def recording(
    paths: list[str], mapping: str | None, max_file_size: str, max_batch_size: str, quiet: bool
) -> Recording | None:
    """What `screen PATH... -p DIR` records, read as intake reads (None: no PATH)."""
    if not paths:
        return None
    return Recording(paths, intake_options(mapping, max_file_size, max_batch_size), None, quiet)


def record_inputs(
    prog: Programme,
    compiled: CompiledProfile,
    paths: list[str],
    options: BatchOptions,
    by: str | None,
) -> IntakeSummary:
    """The inputs recorded as submissions, in one transaction."""
    from dealerscreen.programme import submissions

    received, skipped = submissions.read(compiled, paths, options)
    with prog.engine.begin() as conn:
        summary = submissions.record(conn, received, who(by), now(), paths)
    summary.skipped = skipped
    return summary


def told(summary: IntakeSummary, quiet: bool) -> ExitCode:
    """The intake's problems and its line, on stderr; its exit code."""
    report_problems([p for r in summary.invalid for p in r.problems], quiet)
    for s in summary.skipped:
        err(skipped_line(s.path, s.why))
    c = summary.counts()
    tell(team_words("msg.intake", run=summary.run_id, **c))
    return ExitCode.INVALID_INPUT if c["invalid"] else ExitCode.OK
