"""What the commands read: the criteria, the applicants and the team's checks, the limits
and the run's date, and the paths the command line names.

Each function does one of the CLI's chores and ends, where it must, in a usage error
(`typer.BadParameter`, exit 2: something the command line names is not there) or a fatal
one (exit 3: the criteria are invalid) with one line per problem; the commands are then a
few lines each. The exit codes are `problems.ExitCode`, one meaning each.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

import typer

from dealerscreen.cli.language import local, usage_words
from dealerscreen.cli.options import DEFAULT_MAX_BATCH_SIZE
from dealerscreen.cli.stderr import stop
from dealerscreen.models.problems import FatalError

if TYPE_CHECKING:  # imported by the commands that need them, not at start-up
    from dealerscreen.batch.run import BatchOptions
    from dealerscreen.batch.screenrun import ScreenRun
    from dealerscreen.cli.progress import Bar
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.intake.verifications import Verifications
    from dealerscreen.models.choices import ReportFormat


def max_bytes(text: str, option: str = "--max-file-size") -> int:
    from dealerscreen.yamlsource.sourcefile import SizeError, parse_size

    try:
        return parse_size(text)
    except SizeError as exc:
        raise typer.BadParameter(local(exc.message), param_hint=option) from None


def batch_options(
    jobs: int | None,
    mapping: str | None,
    cache_dir: str | None,
    no_cache: bool,
    max_file_size: str,
    progress: Bar | None = None,
    max_batch_size: str = DEFAULT_MAX_BATCH_SIZE,
) -> BatchOptions:
    from dealerscreen.batch.run import BatchOptions
    from dealerscreen.intake.cache import default_dir

    if mapping is not None and not os.path.exists(mapping):
        raise typer.BadParameter(usage_words("cli.no-file", path=mapping), param_hint="--mapping")
    cache = None if no_cache else (cache_dir or default_dir())
    # The CLI owns its process: the batch may freeze the garbage collector's view of it.
    return BatchOptions(
        jobs,
        cache,
        mapping,
        max_bytes(max_file_size),
        progress.tick if progress is not None else None,
        expected=progress.expect if progress is not None else None,
        freeze_gc=True,
        max_batch_bytes=max_bytes(max_batch_size, "--max-batch-size"),
    )


def screen_inputs(
    compiled: CompiledProfile,
    paths: list[str],
    options: BatchOptions,
    verifications: Verifications | None = None,
    whole_batch: bool = True,
) -> ScreenRun:
    """Read and screen the applicants, or exit 3 when the column mapping is invalid."""
    from dealerscreen.batch.screening import screen as run_screen

    try:
        return run_screen(compiled, paths, options.max_bytes, options, verifications, whole_batch)
    except FatalError as exc:
        stop(exc, "--mapping")


def selecting(
    options: BatchOptions, fmt: ReportFormat, top: int | None, city_id: str | None
) -> BatchOptions:
    """The batch for `screen --top N` in a report that reads in full only the rows it
    selects (and the eligible): the other shut-out applicants are decided only as far as
    their place (`BatchOptions.shown`). Not xlsx: its city sheets list every ineligible
    applicant with its reason. (Nor a programme's run, which stores every decision: its
    batch is not made here.)"""
    from dealerscreen.batch.run import Selection
    from dealerscreen.models.choices import ReportFormat as F

    if top is None or fmt not in (F.table, F.json, F.csv, F.markdown, F.html):
        return options
    return replace(options, shown=Selection(top, city_id))


def team_checks(
    files: list[str] | None, generated_at: str, output: str | None = None
) -> Verifications | None:
    """The --verifications files read, the checks dated after the run's date (`run_time`)
    left out; exit 2 when one is not there (or is the output), 3 when one is invalid."""
    if not files:
        return None
    for path in files:
        if not os.path.exists(path):
            raise typer.BadParameter(
                usage_words("cli.no-file", path=path), param_hint="--verifications"
            )
    refuse_overwriting_an_input(output, files)
    from datetime import date

    from dealerscreen.intake.verifications import load_verifications

    try:
        return load_verifications(files, date.fromisoformat(generated_at[:10]))
    except FatalError as exc:
        stop(exc, "--verifications")


def load_compiled(criteria: str, lang: str) -> CompiledProfile:
    """The criteria loaded and compiled; exit 2 when there are none by that name or path,
    3 with one located line per problem when they are invalid."""
    from dealerscreen.batch.screening import load_criteria

    try:
        return load_criteria(criteria, lang)
    except FatalError as exc:
        stop(exc, "--criteria")


def refuse_overwriting_an_input(output: str | None, inputs: list[str]) -> None:
    from dealerscreen.reporters.output import is_input

    if output and is_input(output, inputs):
        raise typer.BadParameter(usage_words("cli.is-input", path=output), param_hint="--output")


def run_time(as_of: str | None) -> str:
    from dealerscreen.models.clock import ClockError, run_time

    try:
        return run_time(as_of, os.environ)
    except ClockError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from None


def check_paths(targets: list[str], output: str | None, param: str = "PATH") -> None:
    """Inputs that exist (or `-`, standard input), and an --output that would not
    overwrite one of them: a path that is not there is a usage error, before anything
    is read (a named broken link is read, and reported as a problem of that file)."""

    for target in targets:
        if target != "-" and not os.path.lexists(target):
            raise typer.BadParameter(usage_words("cli.no-path", path=target), param_hint=param)
    refuse_overwriting_an_input(output, targets)


def city_of(compiled: CompiledProfile, city: str | None) -> str | None:
    """`--city` as the profile's city id; a city the list does not know is a usage error
    (it would select nothing, silently), with suggestions."""
    if city is None:
        return None
    from dealerscreen.criteria.names import UnknownCity, wanted_city
    from dealerscreen.words.safetext import visible

    try:
        return wanted_city(compiled, city)
    except UnknownCity as exc:
        raise typer.BadParameter(visible(local(exc.message)), param_hint="--city") from None
