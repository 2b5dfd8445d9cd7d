"""What the commands share: option types, reading criteria and applicants, writing reports.

Each function does one of the CLI's chores and ends, where it must, in a usage error
(`typer.BadParameter`, exit 2: something the command line names is not there) or a fatal
one (exit 3: the criteria are invalid) with one line per problem; the commands in `cli.py`
are then a few lines each. The exit codes are `problems.ExitCode`, one meaning each.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dealerscreen.i18n import langs
from dealerscreen.models.problems import ExitCode, FatalError, Problem, UsageError
from dealerscreen.words.safetext import visible

if TYPE_CHECKING:  # imported by the commands that need them, not at start-up
    from collections.abc import Callable, Iterable
    from typing import BinaryIO

    from dealerscreen.batch.run import BatchOptions
    from dealerscreen.batch.screenrun import ScreenRun
    from dealerscreen.cli.progress import Bar
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.intake.loading import Intake
    from dealerscreen.intake.verifications import Verifications

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...", help="Applicant files or folders (searched recursively), or -."
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write the output to this file (atomically)."
    ),
]
CriteriaOpt = Annotated[
    str,
    typer.Option(
        "--criteria",
        "-c",
        metavar="ID|FILE",
        help="Criteria: a profile file, or the id of a shipped profile.",
    ),
]
DEFAULT_CRITERIA = "xiaomi-2s-2024"
# The language of everything a command prints (its report, problems, usage errors): the
# --lang option's, else the locale's (langs.py). The CLI owns its process, so the language
# chosen is kept here for the lines written to stderr by any part of the command.
SPEAKING: list[str] = [langs.from_environment(os.environ)]


def speaking() -> str:
    return SPEAKING[-1]


def choose_language(value: str | None) -> str:
    """--lang's value (any spelling of en or zh), else the locale; kept for stderr."""
    try:
        lang = langs.choose(value or None, os.environ)
    except ValueError:
        from dealerscreen.i18n.problemtext import words

        text = words("cli.lang", langs.from_environment(os.environ), text=value)
        raise typer.BadParameter(text) from None
    SPEAKING[-1] = lang
    return lang


LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        metavar="LANG",
        callback=choose_language,
        autocompletion=lambda: list(langs.SPOKEN),
        show_default=False,
        help="Language: en (English) or zh (中文), also en-US, zh-CN, zh_CN, zh-Hans; "
        "default from LC_ALL, LC_MESSAGES or LANG.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Time the report states (ISO date or date-time, UTC); default SOURCE_DATE_EPOCH, else now.",
    ),
]
DEFAULT_MAX_SIZE = "1M"
MaxSizeOpt = Annotated[
    str,
    typer.Option(
        "--max-file-size",
        metavar="SIZE",
        help="Refuse applicant files (and JSON Lines lines) larger than this, before "
        "parsing (e.g. 500k, 2M).",
    ),
]
DEFAULT_MAX_BATCH_SIZE = "500M"
MaxBatchSizeOpt = Annotated[
    str,
    typer.Option(
        "--max-batch-size",
        metavar="SIZE",
        help="Refuse JSON Lines, CSV and XLSX files larger than this, and XLSX files that "
        "unpack to more (e.g. 200M, 2G).",
    ),
]

# How applicants are read: the same options, and the same intake, for every command that
# reads them (screen, explain, sensitivity, diff).
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes (default: all cores for large batches).",
    ),
]
MappingOpt = Annotated[
    str | None,
    typer.Option(
        "--mapping", metavar="FILE", help="Column mapping (YAML) for CSV and XLSX exports."
    ),
]
CacheDirOpt = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Parse cache folder (default: DEALERSCREEN_CACHE_DIR, else ~/.cache/dealerscreen).",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Parse every file; neither read nor write the cache.")
]
VerificationsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--verifications",
        metavar="FILE",
        help="The screening team's checks of documents (YAML, kept by the team): only these "
        "make a document verified, never an application. Repeatable.",
    ),
]


def max_bytes(text: str, option: str = "--max-file-size") -> int:
    from dealerscreen.yamlsource.sourcefile import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise typer.BadParameter(local(str(exc)), param_hint=option) from None


def usage_words(key: str, **values: object) -> str:
    """One of the command line's own messages (problemtext.EN), in the language spoken."""
    from dealerscreen.i18n.problemtext import words

    return words(key, speaking(), **values)


def local(message: str) -> str:
    """An English message made by the core, in the language spoken (when it knows it)."""
    from dealerscreen.i18n.problemtext import translate

    return translate(message, speaking())


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


def err(line: str) -> None:
    # Problems quote applicant text and file names: never let them drive the terminal.
    sys.stderr.write(visible(line) + "\n")


def notes(intake: Intake) -> None:
    """What the run has to say about itself, not about a file (the parse cache)."""
    for note in intake.notes:
        err(f"dealerscreen: {local(note)}")


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


def said(p: Problem) -> str:
    """A problem's line in the language the command speaks."""
    from dealerscreen.i18n.problemtext import render

    return render(p, speaking())


def fatal(problems: list[Problem]) -> NoReturn:
    for p in problems:
        err(said(p))
    raise typer.Exit(ExitCode.FATAL)


def stop(exc: FatalError, param: str | None = None) -> NoReturn:
    """A run that cannot go on: a usage error (exit 2) when the command line named
    something that is not there, else fatal (exit 3), one located line per problem."""
    if isinstance(exc, UsageError):
        from dealerscreen.i18n.problemtext import translate

        lang = speaking()
        text = "; ".join(
            translate(p.message, lang)
            if p.path in p.message
            else f"{p.path}: {translate(p.message, lang)}"
            for p in exc.problems
        )
        raise typer.BadParameter(text, param_hint=exc.param or param)
    fatal(exc.problems)


def report_problems(problems: Iterable[Problem], quiet: bool = False) -> int:
    """One located line per problem on stderr (warnings too, unless `quiet`); inside GitHub
    Actions the first ones are annotations on the pull request (as many as GitHub shows),
    the rest plain lines. Returns the number of warnings, for the summary line."""
    ordered = sorted(problems)
    warnings = sum(1 for p in ordered if p.level == "warning")
    shown = [p for p in ordered if not (quiet and p.level == "warning")]
    if in_actions():
        from dealerscreen.reporters.annotations import annotate

        for line in annotate((p, p.level) for p in shown):
            err(line)
    else:
        for p in shown:
            err(said(p))
    return warnings


def in_actions() -> bool:
    """Inside a GitHub Actions job: problems become annotations on the pull request."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def width() -> int:
    """The terminal's width (COLUMNS first, as shells and tests set it); 120 when the
    output is not a terminal."""
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def use_color(output: str | None) -> bool:
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(text: str | bytes | Iterable[str | bytes], output: str | None) -> None:
    """The report to --output or stdout, every byte of it, or one line and exit 3."""
    from dealerscreen.reporters.output import write_output, write_stdout

    try:
        if output:
            write_output(output, text)
        else:
            write_stdout(text)
    except BrokenPipeError:
        if not output:
            # The reader of stdout went away (`| head` has its lines): end quietly, as a
            # program SIGPIPE ends would (typer itself would say exit 1, a finding).
            silence_stdout()
            raise typer.Exit(ExitCode.CLOSED) from None
        err(f"dealerscreen: cannot write {output}: its reader went away (broken pipe)")
        raise typer.Exit(ExitCode.FATAL) from None
    except OSError as exc:  # a file is as it was before; a device or stdout has a part
        where = output or usage_words("cli.stdout")
        err(usage_words("cli.cannot-write", where=where, reason=local(f"{exc.strerror or exc}")))
        raise typer.Exit(ExitCode.FATAL) from None


def silence_stdout() -> None:
    """Send what is still buffered for stdout to /dev/null: its reader is gone, and Python
    would report the broken pipe again when it flushes at exit."""
    import io

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is not a descriptor (a test's capture): nothing to silence


def emit_binary(write: Callable[[BinaryIO], None], output: str | None) -> None:
    """A binary report (a workbook) to --output or a redirected stdout, written as every
    report is (atomically to a file, through to a device, every byte or exit 3). A zip is
    written with seeks, so it is made in memory first, not straight into a pipe."""
    import io

    buffer = io.BytesIO()
    write(buffer)
    emit(buffer.getvalue(), output)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def refuse_binary_on_a_terminal(fmt: str, output: str | None) -> None:
    """A workbook is bytes: on a terminal it would be noise, so it needs -o (or a pipe)."""
    if output is None and stdout_is_terminal():
        raise typer.BadParameter(usage_words("cli.binary", format=fmt), param_hint="--output")


def run_time(as_of: str | None) -> str:
    from dealerscreen.models.clock import ClockError, run_time

    try:
        return run_time(as_of, os.environ)
    except ClockError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from None


QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Leave warnings out of stderr (they are still counted); errors stay."
    ),
]


def skipped_line(path: str, why: str) -> str:
    """`path: [skipped] why`, in the language spoken."""
    from dealerscreen.i18n.problemtext import level

    return f"{path}: [{level('skipped', speaking())}] {local(why)}"


def summary(counts: dict[str, int], lang: str, warnings: int = 0) -> None:
    from dealerscreen.words.labels import Messages

    msgs = Messages(lang)
    line = msgs("summary", **counts)
    if warnings:
        line += msgs("summary.warnings", n=warnings)
    err("dealerscreen" + msgs.colon + line)  # "dealerscreen：" in Chinese


def check_paths(targets: list[str], output: str | None, param: str = "PATH") -> None:
    """Inputs that exist (or `-`, standard input), and an --output that would not
    overwrite one of them: a path that is not there is a usage error, before anything
    is read (a named broken link is read, and reported as a problem of that file)."""

    for target in targets:
        if target != "-" and not os.path.lexists(target):
            raise typer.BadParameter(usage_words("cli.no-path", path=target), param_hint=param)
    refuse_overwriting_an_input(output, targets)
