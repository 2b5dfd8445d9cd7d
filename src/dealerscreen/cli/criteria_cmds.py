"""The criteria-as-code commands: validate, test, diff and schema.

Plain functions with their options; `cli.py` registers them on the application, in the
order `--help` lists them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from dealerscreen.cli.inputs import batch_options, check_paths
from dealerscreen.cli.options import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    CacheDirOpt,
    CriteriaOpt,
    JobsOpt,
    LangOpt,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    NoCacheOpt,
    OutputOpt,
)
from dealerscreen.cli.stderr import err, in_actions, notes, report_problems, skipped_line, stop
from dealerscreen.cli.writing import emit
from dealerscreen.i18n.criteriatext import say
from dealerscreen.models.choices import DiffFormat, FailOn, SchemaName, TestFormat, ValidateFormat
from dealerscreen.models.problems import ExitCode, FatalError

if TYPE_CHECKING:
    from dealerscreen.outcomes.runner import TestRun

DEFAULT_CASES = os.path.join("criteria", "tests")


def nothing_in(empty: list[str], key: str, lang: str) -> None:
    """A path given that holds nothing to check is a wrong path (exit 2), never a pass."""
    if empty:
        raise typer.BadParameter(say(lang, key, paths=", ".join(empty)), param_hint="PATH")


def run_code(run: TestRun) -> ExitCode:
    if run.criteria_invalid:
        return ExitCode.FATAL
    return ExitCode.OK if run.ok else ExitCode.INVALID_INPUT


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
            help="Output format (github: workflow annotations, the default inside GitHub "
            "Actions; sarif: SARIF 2.1.0, for code scanning).",
        ),
    ] = None,
    output: OutputOpt = None,
    list_checks: Annotated[
        bool, typer.Option("--list-checks", help="List every check (id, level) and exit.")
    ] = False,
    lang: LangOpt = "",
) -> None:
    """Check criteria files: schema, rule references, bands, tiers, sources, extends.

    Exit 0 when clean, 1 when problems were found (warnings only with --strict), 2 on usage
    (a PATH that does not exist or holds no criteria file).
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
    format_ = fmt or (ValidateFormat.github if in_actions() else ValidateFormat.text)
    result = run_validate(targets)
    nothing_in(result.empty, "validate.nothing", lang)
    emit(FORMATS[format_](result, strict, lang), output)
    raise typer.Exit(ExitCode.INVALID_INPUT if result.failed(strict) else ExitCode.OK)


def test_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH...", help="Case files or folders (default: criteria/tests/)."),
    ] = None,
    fmt: Annotated[
        TestFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (junit: JUnit XML; github: annotations on the failed cases, "
            "the default inside GitHub Actions; sarif: SARIF 2.1.0).",
        ),
    ] = None,
    output: OutputOpt = None,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Also report which gates, bands, steps, cases, bonuses, tiers and quotas "
            "of each profile the cases exercise, and where what they miss is written.",
        ),
    ] = False,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            min=0,
            max=100,
            metavar="PCT",
            help="With --coverage: exit 1 when a profile's coverage is below PCT.",
        ),
    ] = None,
    mutate: Annotated[
        bool,
        typer.Option(
            "--mutate",
            help="Also mutate each profile (thresholds, operators, points, list entries, tier "
            "bounds) and report the mutants no case kills, where they are written. At most 16 "
            "elements of each list and 1000 mutants a profile, the same ones on every run.",
        ),
    ] = False,
    min_killed: Annotated[
        float | None,
        typer.Option(
            "--min-killed",
            min=0,
            max=100,
            metavar="PCT",
            help="With --mutate: exit 1 when a profile's cases kill less than PCT of its mutants.",
        ),
    ] = None,
    lang: LangOpt = "",
) -> None:
    """Run expected-outcome cases: eligibility, failed gates, tiers, totals, rank order.

    Exit 0 when every case passes, 1 when a case fails or cannot run (or coverage or the
    mutation score is below its minimum), 2 on usage (a PATH that does not exist or holds no case file), 3 when a
    profile the cases name is invalid.
    Without PATH, a repository with no criteria/tests/ folder has nothing to run: exit 0.
    """
    from dealerscreen.outcomes.quality import EXTRA_FORMATS, quality_report

    if not paths and not os.path.isdir(DEFAULT_CASES):
        err(say(lang, "test.no-folder", folder=DEFAULT_CASES))
        raise typer.Exit(ExitCode.OK)
    targets = paths or [DEFAULT_CASES]
    check_paths(targets, output)
    format_ = fmt or (TestFormat.github if in_actions() else TestFormat.text)
    if min_coverage is not None and not coverage:
        raise typer.BadParameter(say(lang, "test.needs-coverage"), param_hint="--min-coverage")
    if min_killed is not None and not mutate:
        raise typer.BadParameter(say(lang, "test.needs-mutate"), param_hint="--min-killed")
    if (coverage or mutate) and format_ not in EXTRA_FORMATS:
        raise typer.BadParameter(say(lang, "test.extra-formats"), param_hint="--format")
    if coverage and mutate and format_ is TestFormat.json:
        raise typer.BadParameter(say(lang, "test.json-one"), param_hint="--format")
    report = quality_report(targets, format_, coverage, min_coverage, mutate, min_killed, lang)
    nothing_in(report.run.empty, "test.nothing", lang)
    emit(report.text, output)
    code = run_code(report.run)
    raise typer.Exit(ExitCode.INVALID_INPUT if code is ExitCode.OK and report.short else code)


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
            help="Criteria before the edit: a file, a profile id, or REV:path (read from git "
            "whenever REV is a revision, even if a path of that name exists; ./NAME for a path).",
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
    lang: LangOpt = "",
) -> None:
    """Show what a criteria edit changes: eligibility, tiers, ranks, city shortlists, and why.

    --criteria is the edited side (a file, a profile id, or REV:path, e.g. HEAD:criteria/x.yaml).
    The report says where each side was read (git and its commit, a file, a profile).
    Exit 0, or 1 when --fail-on finds such a change or some applicant files are invalid;
    2 on usage (including a profile, file or git revision that is not there, or a name that
    is both a file here and a profile id); 3 when either side's criteria are invalid.
    """
    from dealerscreen.diff.formats import FORMATS
    from dealerscreen.diff.run import run_diff

    check_paths(paths, output)
    options = batch_options(jobs, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    try:
        run = run_diff(base, criteria, paths, options)
    except FatalError as exc:
        stop(exc)
    gated, invalid = run.gate_failed(fail_on), bool(run.intake.invalid)
    run.result.status = "failed" if gated else ("invalid-input" if invalid else "ok")
    emit(FORMATS[fmt](run.result, lang), output)
    report_problems([*run.notes, *run.intake.problems])
    notes(run.intake)
    for s in run.intake.skipped:
        err(skipped_line(s.path, s.why))
    raise typer.Exit(ExitCode.INVALID_INPUT if gated or invalid else ExitCode.OK)


def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(metavar="NAME", help="One of: " + ", ".join(SchemaName) + "."),
    ],
    output: OutputOpt = None,
    lang: LangOpt = "",
) -> None:
    """Print the JSON Schema of a file format (for editors and other validators).

    The schema is data for editors and stays in English; --lang is the language of the
    messages (a NAME that is not one, an --output that cannot be written).
    """
    from dealerscreen.cli.schemas import schema_text

    emit(schema_text(name), output)


def profiles(lang: LangOpt = "") -> None:
    """List the criteria profiles that can be named with --criteria."""
    from dealerscreen.criteria.catalog import list_profiles, title_in

    listing = (f"{info.id}\t{info.version}\t{title_in(info, lang)}\n" for info in list_profiles())
    emit("".join(listing), None)
