"""What a command says on stderr: one located line per problem (annotations inside GitHub
Actions), the run's notes and summary line, and the stops: a usage error (exit 2) or a
fatal one (exit 3). Every line is made visible first: problems quote applicant text and
file names, which must never drive the terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

import typer

from dealerscreen.cli.language import local, said, speaking
from dealerscreen.models.problems import ExitCode, FatalError, Message, Problem, UsageError
from dealerscreen.words.safetext import visible

if TYPE_CHECKING:  # imported by the commands that need them, not at start-up
    from collections.abc import Iterable

    from dealerscreen.intake.loading import Intake


def tell(text: str) -> None:
    """`dealerscreen: text` on stderr, with the colon of the language spoken
    ("dealerscreen：" in Chinese, as the screening summary writes it)."""
    from dealerscreen.i18n.punctuation import punct

    err("dealerscreen" + punct(speaking(), "punct.colon") + text)


def err(line: str) -> None:
    # Problems quote applicant text and file names: never let them drive the terminal.
    sys.stderr.write(visible(line) + "\n")


def notes(intake: Intake) -> None:
    """What the run has to say about itself, not about a file (the parse cache)."""
    for note in intake.notes:
        tell(local(note))


def fatal(problems: list[Problem]) -> NoReturn:
    for p in problems:
        err(said(p))
    raise typer.Exit(ExitCode.FATAL)


def stop(exc: FatalError, param: str | None = None) -> NoReturn:
    """A run that cannot go on: a usage error (exit 2) when the command line named
    something that is not there, else fatal (exit 3), one located line per problem."""
    if isinstance(exc, UsageError):
        from dealerscreen.i18n.problemtext import in_lang, say

        lang = speaking()
        text = "; ".join(
            in_lang(p.message if p.path in p.text else say("at", path=p.path, rest=p.message), lang)
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


def skipped_line(path: str, why: Message | str) -> str:
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
