"""The criteria-as-code commands: validate, test, diff and schema.

Plain functions with their options; `cli.py` registers them on the application, in the
order `--help` lists them.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dealerscreen.choices import DiffFormat, FailOn, SchemaName, TestFormat, ValidateFormat
from dealerscreen.cliparts import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    CacheDirOpt,
    CriteriaOpt,
    JobsOpt,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    NoCacheOpt,
    OutputOpt,
    batch_options,
    check_paths,
    emit,
    err,
    fatal,
    notes,
)
from dealerscreen.problems import ExitCode, FatalError


def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH...", help="Criteria files or folders (default: criteria/)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    fmt: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (github: workflow annotations, the default inside GitHub Actions).",
        ),
    ] = None,
    output: OutputOpt = None,
    list_checks: Annotated[
        bool, typer.Option("--list-checks", help="List every check (id, level) and exit.")
    ] = False,
) -> None:
    """Check criteria files: schema, rule references, bands, tiers, sources, extends.

    Exit 0 when clean, 1 when problems were found (warnings only with --strict), 2 on usage.
    """
    from dealerscreen.validation import CHECKS
    from dealerscreen.validation.formats import FORMATS
    from dealerscreen.validation.runner import validate as run_validate

    if list_checks:
        listing = (
            f"{check.id}\t{check.level}\t{check.summary.split(': ', 1)[-1]}\n"
            for check in CHECKS.values()
        )
        emit(listing, None)
        raise typer.Exit(ExitCode.OK)
    targets = paths or ["criteria"]
    check_paths(targets, output)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    format_ = fmt or (ValidateFormat.github if in_actions else ValidateFormat.text)
    result = run_validate(targets)
    emit(FORMATS[format_](result, strict), output)
    raise typer.Exit(ExitCode.INVALID_INPUT if result.failed(strict) else ExitCode.OK)


def test_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH...", help="Case files or folders (default: criteria/tests/)."),
    ] = None,
    fmt: Annotated[
        TestFormat, typer.Option("--format", "-f", help="Output format (junit: JUnit XML).")
    ] = TestFormat.text,
    output: OutputOpt = None,
) -> None:
    """Run expected-outcome cases: eligibility, failed gates, tiers, totals, rank order.

    Exit 0 when every case passes, 1 when a case fails or cannot run (or none is found), 2 on usage.
    """
    from dealerscreen.outcomes.formats import FORMATS
    from dealerscreen.outcomes.runner import run_tests

    targets = paths or [os.path.join("criteria", "tests")]
    check_paths(targets, output)
    run = run_tests(targets)
    emit(FORMATS[fmt](run), output)
    raise typer.Exit(ExitCode.OK if run.ok else ExitCode.INVALID_INPUT)


def diff(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Applicant files or folders to re-screen."),
    ],
    base: Annotated[
        str,
        typer.Option(
            "--base",
            metavar="ID|FILE|REV:PATH",
            help="Criteria before the edit: a file, a profile id, or REV:path.",
        ),
    ],
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.text
    ),
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 on a tier change (or an eligibility change), on an eligibility change only, or never.",
        ),
    ] = FailOn.none,
    output: OutputOpt = None,
    jobs: JobsOpt = None,
    mapping: MappingOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
) -> None:
    """Show what a criteria edit changes: eligibility, tiers, ranks, city shortlists, and why.

    --criteria is the edited side (a file, a profile id, or REV:path, e.g. HEAD:criteria/x.yaml).
    Exit 0, or 1 when --fail-on finds such a change or some applicant files are invalid;
    2 on usage; 3 when either side's criteria are invalid.
    """
    from dealerscreen.diff.formats import FORMATS
    from dealerscreen.diff.run import run_diff

    check_paths(paths, output, must_exist=False)
    options = batch_options(jobs, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    try:
        run = run_diff(base, criteria, paths, options)
    except FatalError as exc:
        fatal(exc.problems)
    emit(FORMATS[fmt](run.result), output)
    for p in sorted(run.intake.problems):
        err(p.render())
    notes(run.intake)
    for s in run.intake.skipped:
        err(f"{s.path}: [skipped] {s.why}")
    failed = run.gate_failed(fail_on) or bool(run.intake.invalid)
    raise typer.Exit(ExitCode.INVALID_INPUT if failed else ExitCode.OK)


def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(metavar="NAME", help="One of: " + ", ".join(SchemaName) + "."),
    ],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of a file format (for editors and other validators)."""
    from dealerscreen.schemas import schema_text

    emit(schema_text(name), output)
