"""The command line: parse options, call one function, map its outcome to an exit code.

Reports go to stdout (or --output); problems and summaries go to stderr.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import Annotated

import typer

from dealerscreen import __version__
from dealerscreen.cli import START_YOUNG, intake_cmd
from dealerscreen.cli import programme_cmds as programme_cli
from dealerscreen.cli.channel import letters, template
from dealerscreen.cli.criteria_cmds import diff, profiles, schema, test_cmd, validate
from dealerscreen.cli.helpformat import Command, Root, only_what_runs
from dealerscreen.cli.inputs import (
    batch_options,
    check_paths,
    city_of,
    load_compiled,
    max_bytes,
    run_time,
    screen_inputs,
    selecting,
    team_checks,
)
from dealerscreen.cli.language import SPEAKING, usage_words
from dealerscreen.cli.options import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    AsOfOpt,
    CacheDirOpt,
    CriteriaOpt,
    JobsOpt,
    LangOpt,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    NoCacheOpt,
    OutputOpt,
    PathsArg,
    QuietOpt,
    VerificationsOpt,
)
from dealerscreen.cli.programme_opts import DbOpt, ProgrammeOpt, ScreenPathsArg
from dealerscreen.cli.signals import on_interrupt, on_terminate
from dealerscreen.cli.stderr import err, notes, report_problems, skipped_line, summary
from dealerscreen.cli.writing import (
    emit,
    emit_report,
    refuse_binary_on_a_terminal,
    silence_stdout,
    use_color,
    width,
)
from dealerscreen.i18n import langs
from dealerscreen.models.choices import BINARY_FORMATS, ReportFormat
from dealerscreen.models.problems import ExitCode
from dealerscreen.words.safetext import visible

app = typer.Typer(
    name="dealerscreen",
    cls=Root,
    help="Screen dealer applications against a car maker's published partner requirements.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        emit(f"dealerscreen {__version__}\n", None)
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Screen dealer applications against a car maker's published partner requirements."""
    SPEAKING[-1] = langs.from_environment(os.environ)  # until a --lang says otherwise


@app.command(cls=Command)
def screen(
    paths: ScreenPathsArg = None,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format (sarif: the invalid applicant files as a SARIF 2.1.0 log, "
            "for code scanning, instead of the report).",
        ),
    ] = ReportFormat.table,
    output: OutputOpt = None,
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            metavar="CITY",
            help="Only applicants for this city (English, Chinese or pinyin name); a city "
            "the profile's list does not know is an error, with suggestions.",
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, metavar="N", help="Only the first N rows.")
    ] = None,
    jobs: JobsOpt = None,
    mapping: MappingOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    by_city: Annotated[
        bool,
        typer.Option(
            "--by-city", help="Table per recruitment city: shortlist, runners-up, coverage flags."
        ),
    ] = False,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="csv: start with a UTF-8 byte-order mark, so Excel reads Chinese names right.",
        ),
    ] = False,
    verifications: VerificationsOpt = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "",
    as_of: AsOfOpt = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
) -> None:
    """Screen applicant files and print a ranked, explained report.

    PATH may be a folder, a YAML/JSON file, a JSON Lines file (.jsonl), a CSV or XLSX
    export (with --mapping), or - for JSON Lines on standard input; none: a programme's.

    PATH with -p DIR: recorded in the programme (as intake does), then its applicants screened.
    """
    from dealerscreen.batch.screening import select
    from dealerscreen.reporters.interface import View

    in_programme = not paths or programme is not None  # its criteria, its verify acts
    if in_programme:
        criteria = programme_cli.programme_criteria(programme, db, verifications)
    paths = paths or []
    check_paths(paths, output)
    # PATH... -p DIR: recorded (as `intake` does), then the programme screened
    given = paths if in_programme else []
    recording = intake_cmd.recording(given, mapping, max_file_size, max_batch_size, quiet)
    if fmt in BINARY_FORMATS:
        refuse_binary_on_a_terminal(fmt.value, output)
    if bom and fmt is not ReportFormat.csv:
        raise typer.BadParameter(usage_words("cli.bom"), param_hint="--bom")
    if by_city and fmt is not ReportFormat.table:
        raise typer.BadParameter(usage_words("cli.by-city"), param_hint="--by-city")
    generated_at = run_time(as_of)
    max_bytes(max_file_size)  # a bad size is a usage error before the criteria load
    max_bytes(max_batch_size, "--max-batch-size")
    team = team_checks(verifications, generated_at, output)
    compiled = load_compiled(criteria, lang)
    city_id = city_of(compiled, city)
    from dealerscreen.batch.jobs import is_large
    from dealerscreen.cli.progress import progress_bar, wanted

    with progress_bar(wanted(quiet) and is_large(paths), lang) as bar:
        options = batch_options(
            jobs, mapping, cache_dir, no_cache, max_file_size, bar, max_batch_size
        )
        # a programme's: the team's acts shown beside its decisions; its intake's exit code
        acts, recorded, store = None, ExitCode.OK, None
        if in_programme:
            run, acts, recorded, store = programme_cli.screen_programme(
                programme, db, compiled, options, as_of, recording
            )
        else:
            run = screen_inputs(compiled, paths, selecting(options, fmt, top, city_id), team)
    rows = select(run.results, city_id, top)
    view = View(
        run.data(),
        rows,
        width=width(),
        color=use_color(output),
        lang=lang,
        generated_at=generated_at,
        by_city=by_city,
        city_id=city_id,
        bom=bom,
        team=acts,
    )
    try:
        emit_report(fmt, view, run.intake.problems, output)
    except Exception:  # a programme's decisions are stored however the report ended
        if store is not None:  # (not when the user stopped it: SystemExit, see signals.py)
            store()
        raise
    if store is not None:  # each decision made into its row as the report read it
        store()
    warnings = report_problems(run.intake.problems, quiet)
    notes(run.intake)
    for s in run.intake.skipped:
        err(skipped_line(s.path, s.why))
    summary(run.counts(), lang, warnings)
    raise typer.Exit(max(run.exit_code, recorded))


@app.command(cls=Command)
def explain(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="One applicant file, or (with --id) the files, folders or exports it is among; "
            "none: the applicant --id of a programme (-p, or the one this folder is in).",
        ),
    ] = None,
    applicant_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The applicant to explain, by its applicant_id (needed when PATH holds several).",
        ),
    ] = None,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    batch: Annotated[
        list[str] | None,
        typer.Option(
            "--among",
            metavar="PATH",
            help="Rank against these files or folders too (for rank and shortlist).",
        ),
    ] = None,
    output: OutputOpt = None,
    mapping: MappingOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    verifications: VerificationsOpt = None,
    lang: LangOpt = "",
    as_of: AsOfOpt = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
) -> None:
    """Explain one applicant's decision: every gate, every point, and what would change it.

    `explain FILE` explains the applicant in FILE; `explain --id ID PATH...` the applicant
    with that id among the files, folders, JSON Lines or CSV/XLSX exports given; `-p DIR --id
    ID` a programme's."""
    from dealerscreen.reporters.explanation import render_explanation
    from dealerscreen.reporters.interface import View

    if programme is not None or not paths:  # a programme's, with the team's acts beside it
        programme_cli.explain_programme(programme, db, applicant_id, paths, lang, as_of, output)
    if applicant_id is None and len(paths) != 1:
        raise typer.BadParameter(usage_words("cli.explain-which"))
    inputs = [*paths, *(batch or [])]
    check_paths(inputs, output)
    generated_at = run_time(as_of)
    options = batch_options(1, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    team = team_checks(verifications, generated_at, output)
    compiled = load_compiled(criteria, lang)
    # one applicant explained: the team's checks of the others are not this run's business
    run = screen_inputs(compiled, inputs, options, team, whole_batch=False)
    report_problems(run.intake.problems)
    notes(run.intake)
    if applicant_id is not None:
        mine = run.results.find(applicant_id=applicant_id)
        if not mine:
            err(usage_words("cli.explain-none", id=visible(applicant_id)))
    else:
        mine = run.results.find(source=paths[0])
        if len(mine) > 1:
            raise typer.BadParameter(
                usage_words("cli.explain-many", path=paths[0], n=len(mine)),
                param_hint="PATH",
            )
    if not mine:
        raise typer.Exit(ExitCode.INVALID_INPUT)
    view = View(run.data(), mine, width=width(), lang=lang, generated_at=generated_at)
    emit(render_explanation(view, mine[0]), output)
    raise typer.Exit(run.exit_code)


@app.command(cls=Command)
def sensitivity(
    paths: PathsArg,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    within: Annotated[
        float,
        typer.Option(
            "--within",
            min=0,
            metavar="POINTS",
            help="Call a rank fragile if a weight move this small (points) flips it.",
        ),
    ] = 2.0,
    output: OutputOpt = None,
    jobs: JobsOpt = None,
    mapping: MappingOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    verifications: VerificationsOpt = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "",
    as_of: AsOfOpt = None,
) -> None:
    """How far each criterion's weight can move before any city's shortlist changes."""
    from decimal import Decimal

    from dealerscreen.reporters.interface import View
    from dealerscreen.reporters.sensitivity_report import render_sensitivity

    check_paths(paths, output)
    options = batch_options(jobs, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    generated_at = run_time(as_of)
    team = team_checks(verifications, generated_at, output)
    compiled = load_compiled(criteria, lang)
    run = screen_inputs(compiled, paths, options, team)
    view = View(
        run.data(),
        run.results,
        width=width(),
        color=use_color(output),
        lang=lang,
        generated_at=generated_at,
    )
    emit(render_sensitivity(view, Decimal(str(within))), output)
    warnings = report_problems(run.intake.problems, quiet)
    notes(run.intake)
    summary(run.counts(), lang, warnings)
    raise typer.Exit(run.exit_code)


app.command(cls=Command)(profiles)  # in criteria_cmds, to keep this module small


# The commands for writing to dealers, then the criteria-as-code ones (`--help` order).
app.command(cls=Command)(template)
app.command(cls=Command)(letters)
programme_cli.register_programme(app)  # the programme record: what the team does after screening
app.command(cls=Command)(validate)
app.command("test", cls=Command)(test_cmd)
app.command(cls=Command)(diff)
app.command(cls=Command)(schema)


def main() -> None:
    """Entry point: every outcome is an exit code of the README's table, never a traceback."""
    signal.signal(signal.SIGINT, on_interrupt)
    previous_term = signal.signal(signal.SIGTERM, on_terminate)
    # A command's start makes some 90,000 objects that live as long as the process
    # (modules, classes, validators, the compiled profile): collected every 700
    # allocations, they were traversed again and again, about 45 ms of every run. The
    # youngest generation waits for START_YOUNG allocations instead (cli/start.py has it
    # wait while this module is imported; a batch sets its own: worker.settle).
    previous_gc = gc.get_threshold()
    gc.set_threshold(START_YOUNG, *previous_gc[1:])
    try:
        with only_what_runs(app, sys.argv[1:], os.environ):
            app()
    except BrokenPipeError:  # outside `emit`, which ends such a run itself
        silence_stdout()
        sys.exit(ExitCode.CLOSED)
    except Exception as exc:  # a bug must still end in one line and a documented exit code
        if os.environ.get("DEALERSCREEN_DEBUG"):
            raise
        err(usage_words("cli.internal", detail=f"{type(exc).__name__}: {exc}"))
        sys.exit(ExitCode.FATAL)
    finally:  # for a caller that runs main() in its own process (tests)
        signal.signal(signal.SIGTERM, previous_term)
        gc.set_threshold(*previous_gc)
