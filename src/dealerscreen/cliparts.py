"""What the commands share: option types, reading criteria and applicants, writing reports.

Each function does one of the CLI's chores and ends, where it must, in a usage error
(`typer.BadParameter`, exit 2) or a fatal one (exit 3) with one line per problem; the
commands in `cli.py` are then a few lines each.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dealerscreen.choices import Language
from dealerscreen.problems import ExitCode, FatalError, Problem
from dealerscreen.safetext import visible

if TYPE_CHECKING:  # imported by the commands that need them, not at start-up
    from collections.abc import Callable, Iterable
    from typing import BinaryIO

    from dealerscreen.batch import BatchOptions
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.screenrun import ScreenRun

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
LangOpt = Annotated[
    Language, typer.Option("--lang", help="Language of the report: English or Chinese (中文).")
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
        help="Refuse applicant files larger than this, before parsing (e.g. 500k, 2M).",
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


def max_bytes(text: str) -> int:
    from dealerscreen.sourcefile import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from None


def batch_options(
    jobs: int | None,
    mapping: str | None,
    cache_dir: str | None,
    no_cache: bool,
    max_file_size: str,
    progress: Callable[[int], None] | None = None,
) -> BatchOptions:
    from dealerscreen.batch import BatchOptions
    from dealerscreen.cache import default_dir

    cache = None if no_cache else (cache_dir or default_dir())
    # The CLI owns its process: the batch may freeze the garbage collector's view of it.
    return BatchOptions(jobs, cache, mapping, max_bytes(max_file_size), progress, freeze_gc=True)


def screen_inputs(compiled: CompiledProfile, paths: list[str], options: BatchOptions) -> ScreenRun:
    """Read and screen the applicants, or exit 3 when the column mapping is invalid."""
    from dealerscreen.screening import screen as run_screen

    try:
        return run_screen(compiled, paths, options.max_bytes, options)
    except FatalError as exc:
        fatal(exc.problems)


def err(line: str) -> None:
    # Problems quote applicant text and file names: never let them drive the terminal.
    sys.stderr.write(visible(line) + "\n")


def load_compiled(criteria: str, lang: str) -> CompiledProfile:
    """The criteria loaded and compiled, or exit 3 with one located line per problem."""
    from dealerscreen.screening import load_criteria

    try:
        return load_criteria(criteria, lang)
    except FatalError as exc:
        fatal(exc.problems)


def refuse_overwriting_an_input(output: str | None, inputs: list[str]) -> None:
    from dealerscreen.output import is_input

    if output and is_input(output, inputs):
        raise typer.BadParameter(f"'{output}' is one of the inputs", param_hint="--output")


def fatal(problems: list[Problem]) -> NoReturn:
    for p in problems:
        err(p.render())
    raise typer.Exit(ExitCode.FATAL)


def width() -> int:
    """The terminal's width (COLUMNS first, as shells and tests set it); 120 when the
    output is not a terminal."""
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def use_color(output: str | None) -> bool:
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(text: str | Iterable[str], output: str | None) -> None:
    if output:
        from dealerscreen.output import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:  # the old file, if any, is still there: say so and stop
            err(f"dealerscreen: cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(ExitCode.FATAL) from None
    else:
        for part in [text] if isinstance(text, str) else text:
            sys.stdout.write(part)
        sys.stdout.flush()


def emit_binary(write: Callable[[BinaryIO], None], output: str | None) -> None:
    """A binary report (a workbook) to --output, atomically, or to a redirected stdout."""
    import io

    if output:
        from dealerscreen.output import write_atomic_binary

        try:
            write_atomic_binary(output, write)
        except OSError as exc:
            err(f"dealerscreen: cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(ExitCode.FATAL) from None
        return
    buffer = io.BytesIO()  # a zip is written with seeks: not straight into a pipe
    write(buffer)
    sys.stdout.buffer.write(buffer.getvalue())
    sys.stdout.flush()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def refuse_binary_on_a_terminal(fmt: str, output: str | None) -> None:
    """A workbook is bytes: on a terminal it would be noise, so it needs -o (or a pipe)."""
    if output is None and stdout_is_terminal():
        raise typer.BadParameter(
            f"{fmt} is a binary file format: write it with -o FILE (or redirect stdout to a file)",
            param_hint="--output",
        )


def run_time(as_of: str | None) -> str:
    from dealerscreen.clock import ClockError, run_time

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


def report_problems(run: ScreenRun, quiet: bool = False, skipped: bool = True) -> int:
    """Each problem on stderr (warnings too, unless `quiet`), then the skipped files; the
    number of warnings, for the summary line."""
    warnings = 0
    for p in sorted(run.intake.problems):
        if p.level == "warning":
            warnings += 1
            if quiet:
                continue
        err(p.render())
    for s in run.intake.skipped if skipped else ():
        err(f"{s.path}: [skipped] {s.why}")
    return warnings


def summary(counts: dict[str, int], lang: str, warnings: int = 0) -> None:
    from dealerscreen.i18n import Messages

    msgs = Messages(lang)
    line = msgs("summary", **counts)
    if warnings:
        line += msgs("summary.warnings", n=warnings)
    err("dealerscreen: " + line)


def check_paths(targets: list[str], output: str | None, must_exist: bool = True) -> None:
    """Inputs that exist, and an --output that would not overwrite one of them."""

    for target in targets if must_exist else []:
        if not os.path.exists(target):
            raise typer.BadParameter(f"no such file or folder: {target}", param_hint="PATHS")
    refuse_overwriting_an_input(output, targets)
