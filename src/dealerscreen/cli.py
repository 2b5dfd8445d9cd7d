"""The command line: parse options, call one function, map its outcome to an exit code.

Reports go to stdout (or --output); problems and summaries go to stderr.
"""

from __future__ import annotations

import os
import signal
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from dealerscreen import __version__
from dealerscreen.problems import ExitCode, FatalError, Problem
from dealerscreen.safetext import visible

if TYPE_CHECKING:  # the compiled profile is imported only by the commands that need it
    from dealerscreen.criteria.compile import CompiledProfile

app = typer.Typer(
    name="dealerscreen",
    help="Screen dealer applications against a car maker's published partner requirements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PathsArg = Annotated[
    list[str], typer.Argument(help="Applicant files or folders (searched recursively).")
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write the output to this file (atomically)."),
]
CriteriaOpt = Annotated[
    str,
    typer.Option(
        "--criteria", "-c", help="Criteria: a profile file, or the id of a shipped profile."
    ),
]
DEFAULT_CRITERIA = "xiaomi-2s-2024"
LangOpt = Annotated[str, typer.Option("--lang", help="Language of the report: en or zh (中文).")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Time the report states (ISO date or date-time, UTC); default SOURCE_DATE_EPOCH, else now.",
    ),
]
DEFAULT_MAX_SIZE = "1M"
MaxSizeOpt = Annotated[
    str,
    typer.Option(
        "--max-file-size",
        help="Refuse applicant files larger than this, before parsing (e.g. 500k, 2M).",
    ),
]


def _max_bytes(text: str) -> int:
    from dealerscreen.sourcefile import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from None


def _err(line: str) -> None:
    # Problems quote applicant text and file names: never let them drive the terminal.
    sys.stderr.write(visible(line) + "\n")


def _compiled(criteria: str, lang: str) -> CompiledProfile:
    """The criteria loaded and compiled, or exit 3 with one located line per problem."""
    from dealerscreen.screening import load_criteria

    try:
        return load_criteria(criteria, lang)
    except FatalError as exc:
        _fatal(exc.problems)


def _refuse_overwriting_an_input(output: str | None, inputs: list[str]) -> None:
    from dealerscreen.output import is_input

    if output and is_input(output, inputs):
        raise typer.BadParameter(f"'{output}' is one of the inputs", param_hint="--output")


def _fatal(problems: list[Problem]) -> NoReturn:
    for p in problems:
        _err(p.render())
    raise typer.Exit(ExitCode.FATAL)


def _width() -> int:
    try:
        return int(os.environ.get("COLUMNS", "")) or 120
    except ValueError:
        return 120


def _use_color(output: str | None) -> bool:
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None) -> None:
    if output:
        from dealerscreen.output import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:  # the old file, if any, is still there: say so and stop
            _err(f"dealerscreen: cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(ExitCode.FATAL) from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _lang(lang: str) -> str:
    from dealerscreen.i18n import LANGS

    if lang not in LANGS:
        raise typer.BadParameter(f"choose one of: {', '.join(LANGS)}", param_hint="--lang")
    return lang


def _run_time(as_of: str | None) -> str:
    from dealerscreen.clock import ClockError, run_time

    try:
        return run_time(as_of, os.environ)
    except ClockError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from None


def _summary(counts: dict[str, int], lang: str) -> None:
    from dealerscreen.i18n import Messages

    _err("dealerscreen: " + Messages(lang)("summary", **counts))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dealerscreen {__version__}")
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


@app.command()
def screen(
    paths: PathsArg,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output format: table, json, csv, markdown or html."),
    ] = "table",
    output: OutputOpt = None,
    city: Annotated[
        str | None,
        typer.Option("--city", help="Only applicants for this city (English or Chinese name)."),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the first N rows.")] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: all cores for large batches)."
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option("--mapping", help="Column mapping (YAML) for CSV and XLSX exports."),
    ] = None,
    cache_dir: Annotated[
        str | None,
        typer.Option(
            "--cache-dir",
            help="Parse cache folder (default: DEALERSCREEN_CACHE_DIR, else ~/.cache/dealerscreen).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every file; neither read nor write the cache.")
    ] = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    by_city: Annotated[
        bool,
        typer.Option(
            "--by-city", help="Table per recruitment city: shortlist, runners-up, coverage flags."
        ),
    ] = False,
    lang: LangOpt = "en",
    as_of: AsOfOpt = None,
) -> None:
    """Screen applicant files and print a ranked, explained report.

    PATH may be a folder, a YAML/JSON file, a JSON Lines file (.jsonl), a CSV or XLSX
    export (with --mapping), or - for JSON Lines on standard input.
    """
    from dealerscreen.reporters import REPORTERS, Format
    from dealerscreen.reporters.interface import View
    from dealerscreen.screening import screen as run_screen
    from dealerscreen.screening import select

    try:
        format_ = Format(fmt)
    except ValueError:
        raise typer.BadParameter(
            f"choose one of: {', '.join(f.value for f in Format)}", param_hint="--format"
        ) from None
    _refuse_overwriting_an_input(output, paths)
    if by_city and format_ is not Format.table:
        raise typer.BadParameter(
            "--by-city is a table view; the other formats always have a per-city section",
            param_hint="--by-city",
        )
    lang, generated_at = _lang(lang), _run_time(as_of)
    max_bytes = _max_bytes(max_file_size)
    compiled = _compiled(criteria, lang)
    from dealerscreen.batch import BatchOptions, is_large
    from dealerscreen.cache import default_dir
    from dealerscreen.progress import progress_line, wanted

    with progress_line(wanted() and is_large(paths)) as tick:
        cache = None if no_cache else (cache_dir or default_dir())
        options = BatchOptions(jobs, cache, mapping, progress=tick)
        try:
            run = run_screen(compiled, paths, max_bytes, options)
        except FatalError as exc:  # an invalid column mapping
            _fatal(exc.problems)
    rows = select(run.results, city, top, compiled)
    entry = compiled.cities.resolve(city) if city and compiled.cities else None
    view = View(
        run,
        rows,
        width=_width(),
        color=_use_color(output),
        lang=lang,
        generated_at=generated_at,
        by_city=by_city,
        city_id=(entry.id if entry else city) if city else None,
    )
    _emit(REPORTERS[format_]().render(view), output)
    for p in sorted(run.intake.problems):
        _err(p.render())
    for s in run.intake.skipped:
        _err(f"{s.path}: [skipped] {s.why}")
    _summary(run.counts(), lang)
    raise typer.Exit(run.exit_code)


@app.command()
def explain(
    path: Annotated[str, typer.Argument(help="One applicant file.")],
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    batch: Annotated[
        list[str] | None,
        typer.Option(
            "--among", help="Rank against these files or folders too (for rank and shortlist)."
        ),
    ] = None,
    output: OutputOpt = None,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    lang: LangOpt = "en",
    as_of: AsOfOpt = None,
) -> None:
    """Explain one applicant's decision: every gate, every point, and what would change it."""
    from dealerscreen.reporters.explanation import render_explanation
    from dealerscreen.reporters.interface import View
    from dealerscreen.screening import screen as run_screen

    inputs = [path, *(batch or [])]
    _refuse_overwriting_an_input(output, inputs)
    max_bytes = _max_bytes(max_file_size)
    lang, generated_at = _lang(lang), _run_time(as_of)
    compiled = _compiled(criteria, lang)
    run = run_screen(compiled, inputs, max_bytes)
    for p in run.intake.problems:
        _err(p.render())
    target = os.path.realpath(path)
    mine = [r for r in run.results if os.path.realpath(r.evaluation.source_path) == target]
    if not mine:
        raise typer.Exit(ExitCode.INVALID_INPUT)
    view = View(run, mine, width=_width(), lang=lang, generated_at=generated_at)
    _emit(render_explanation(view, mine[0]), output)
    raise typer.Exit(run.exit_code)


@app.command()
def sensitivity(
    paths: PathsArg,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    within: Annotated[
        float,
        typer.Option(
            "--within",
            min=0,
            help="Call a rank fragile if a weight move this small (points) flips it.",
        ),
    ] = 2.0,
    output: OutputOpt = None,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    lang: LangOpt = "en",
    as_of: AsOfOpt = None,
) -> None:
    """How far each criterion's weight can move before any city's shortlist changes."""
    from decimal import Decimal

    from dealerscreen.reporters.interface import View
    from dealerscreen.reporters.sensitivity_report import render_sensitivity
    from dealerscreen.screening import screen as run_screen

    _refuse_overwriting_an_input(output, paths)
    max_bytes = _max_bytes(max_file_size)
    lang, generated_at = _lang(lang), _run_time(as_of)
    compiled = _compiled(criteria, lang)
    run = run_screen(compiled, paths, max_bytes)
    view = View(
        run,
        run.results,
        width=_width(),
        color=_use_color(output),
        lang=lang,
        generated_at=generated_at,
    )
    _emit(render_sensitivity(view, Decimal(str(within))), output)
    for p in sorted(run.intake.problems):
        _err(p.render())
    _summary(run.counts(), lang)
    raise typer.Exit(run.exit_code)


@app.command()
def profiles() -> None:
    """List the criteria profiles that can be named with --criteria."""
    from dealerscreen.criteria.catalog import list_profiles

    for info in list_profiles():
        typer.echo(f"{info.id}\t{info.version}\t{info.title}")


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Criteria files or folders (default: criteria/)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json or github (workflow annotations; the default inside GitHub Actions).",
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
    from dealerscreen.validation.formats import FORMATS, Format
    from dealerscreen.validation.runner import validate as run_validate

    if list_checks:
        for check in CHECKS.values():
            typer.echo(f"{check.id}\t{check.level}\t{check.summary.split(': ', 1)[-1]}")
        raise typer.Exit(ExitCode.OK)
    targets = paths or ["criteria"]
    _check_paths(targets, output)
    default = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    format_ = _choice(Format, fmt, default)
    result = run_validate(targets)
    _emit(FORMATS[format_](result, strict), output)
    raise typer.Exit(ExitCode.INVALID_INPUT if result.failed(strict) else ExitCode.OK)


@app.command("test")
def test_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Case files or folders (default: criteria/tests/)."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text, json or junit (JUnit XML).")
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Run expected-outcome cases: eligibility, failed gates, tiers, totals, rank order.

    Exit 0 when every case passes, 1 when a case fails or cannot run (or none is found), 2 on usage.
    """
    from dealerscreen.outcomes.formats import FORMATS, Format
    from dealerscreen.outcomes.runner import run_tests

    targets = paths or [os.path.join("criteria", "tests")]
    _check_paths(targets, output)
    format_ = _choice(Format, fmt, Format.text)
    run = run_tests(targets)
    _emit(FORMATS[format_](run), output)
    raise typer.Exit(ExitCode.OK if run.ok else ExitCode.INVALID_INPUT)


@app.command()
def diff(
    paths: Annotated[list[str], typer.Argument(help="Applicant files or folders to re-screen.")],
    base: Annotated[
        str,
        typer.Option("--base", help="Criteria before the edit: a file, a profile id, or REV:path."),
    ],
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 on: tier-change (or eligibility), eligibility-change, none."
        ),
    ] = "none",
    output: OutputOpt = None,
) -> None:
    """Show what a criteria edit changes: eligibility, tiers, ranks, city shortlists, and why.

    --criteria is the edited side (a file, a profile id, or REV:path, e.g. HEAD:criteria/x.yaml).
    Exit 0, or 1 when --fail-on finds such a change or some applicant files are invalid;
    2 on usage; 3 when either side's criteria are invalid.
    """
    from dealerscreen.diff.formats import FORMATS, Format
    from dealerscreen.diff.run import FailOn, run_diff

    format_ = _choice(Format, fmt, Format.text)
    try:
        gate = FailOn(fail_on)
    except ValueError:
        raise typer.BadParameter(
            f"choose one of: {', '.join(f.value for f in FailOn)}", param_hint="--fail-on"
        ) from None
    _check_paths(paths, output, must_exist=False)
    try:
        run = run_diff(base, criteria, paths)
    except FatalError as exc:
        _fatal(exc.problems)
    _emit(FORMATS[format_](run.result), output)
    for p in run.intake.problems:
        _err(p.render())
    failed = run.gate_failed(gate) or bool(run.intake.invalid)
    raise typer.Exit(ExitCode.INVALID_INPUT if failed else ExitCode.OK)


@app.command()
def schema(
    name: Annotated[
        str, typer.Argument(help="applicant, criteria, reference-list or criteria-tests.")
    ],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of a file format (for editors and other validators)."""
    from dealerscreen.schemas import SchemaName, schema_text

    try:
        which = SchemaName(name)
    except ValueError:
        raise typer.BadParameter(
            f"choose one of: {', '.join(n.value for n in SchemaName)}", param_hint="NAME"
        ) from None
    _emit(schema_text(which), output)


def _check_paths(targets: list[str], output: str | None, must_exist: bool = True) -> None:
    """Inputs that exist, and an --output that would not overwrite one of them."""

    for target in targets if must_exist else []:
        if not os.path.exists(target):
            raise typer.BadParameter(f"no such file or folder: {target}", param_hint="PATHS")
    _refuse_overwriting_an_input(output, targets)


E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], value: str | None, default: E) -> E:
    """A --format value, or a usage error listing the choices."""
    if value is None:
        return default
    try:
        return enum(value)
    except ValueError:
        raise typer.BadParameter(
            f"choose one of: {', '.join(e.value for e in enum)}", param_hint="--format"
        ) from None


def _on_interrupt(signum: int, frame: object) -> NoReturn:
    # SystemExit, not KeyboardInterrupt: click would turn the latter into "Aborted!" and
    # exit 1. `finally` blocks still run, so an output being written is cleaned up.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _err("dealerscreen: interrupted")
    raise SystemExit(ExitCode.INTERRUPTED)


def main() -> None:
    """Entry point: every outcome is an exit code of the README's table, never a traceback."""
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        app()
    except Exception as exc:  # a bug must still end in one line and a documented exit code
        if os.environ.get("DEALERSCREEN_DEBUG"):
            raise
        _err(
            f"dealerscreen: internal error: {type(exc).__name__}: {exc} (DEALERSCREEN_DEBUG=1 shows the traceback)"
        )
        sys.exit(ExitCode.FATAL)
