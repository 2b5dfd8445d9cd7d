"""Writing a command's report: to --output (atomically) or stdout, every byte or one line
and exit 3; a binary one only where it is not noise; and what the terminal allows (its
width, colour).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import typer

from dealerscreen.cli.language import local, usage_words
from dealerscreen.cli.stderr import err
from dealerscreen.i18n.problemtext import os_reason
from dealerscreen.models.problems import ExitCode

if TYPE_CHECKING:  # imported by the commands that need them, not at start-up
    from collections.abc import Callable, Iterable, Sequence
    from typing import BinaryIO

    from dealerscreen.models.choices import ReportFormat
    from dealerscreen.models.problems import Problem
    from dealerscreen.reporters.interface import View


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
        err(usage_words("cli.cannot-write", where=where, reason=local(os_reason(exc))))
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


def emit_report(
    fmt: ReportFormat, view: View, problems: Sequence[Problem], output: str | None
) -> None:
    """`screen`'s report of `view` in `fmt` to `output` (sarif: the invalid applicant
    files, `problems`, for code scanning)."""
    from functools import partial

    from dealerscreen.models.choices import ReportFormat
    from dealerscreen.reporters import REPORTERS
    from dealerscreen.reporters.interface import BinaryReporter

    if fmt is ReportFormat.sarif:
        from dealerscreen.reporters.applicant_checks import RULES, unknown_rule
        from dealerscreen.reporters.sarif import log

        emit(log(problems, RULES, unknown_rule), output)
    elif isinstance(reporter := REPORTERS[fmt](), BinaryReporter):
        emit_binary(partial(reporter.write, view), output)
    else:
        emit(reporter.render_parts(view), output)
