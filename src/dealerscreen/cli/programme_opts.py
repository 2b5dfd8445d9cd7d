"""What the programme commands share: their options, who acts and when, the programme
opened, and the record's errors turned into the README's exit codes."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dealerscreen.cli.language import speaking
from dealerscreen.cli.stderr import stop, tell
from dealerscreen.models.problems import ExitCode, FatalError

if TYPE_CHECKING:
    from dealerscreen.programme.errors import ProgrammeError
    from dealerscreen.programme.record import Programme

ProgrammeOpt = Annotated[
    str | None,
    typer.Option(
        "--programme",
        "-p",
        metavar="DIR",
        help="The programme folder (default: the nearest folder at or above this one that "
        "holds programme.yaml).",
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="The record's database, e.g. postgresql://USER@HOST/DB (default: programme.yaml's "
        "database, else record.sqlite in the programme folder).",
    ),
]
ScreenPathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PATH]...",
        help="Applicant files or folders (searched recursively), or -; none: the "
        "programme's latest submissions (-p, or the programme this folder is in).",
    ),
]
ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="Who acts (default: DEALERSCREEN_USER, else the login name).",
    ),
]


def team_words(key: str, **values: object) -> str:
    """A text of the programme record (words/teamwords.py), in the language spoken."""
    from dealerscreen.words.teamwords import say

    return say(key, speaking(), **values)


def who(by: str | None) -> str:
    """Who acts: --by, else DEALERSCREEN_USER, else the login name; a usage error when
    longer than the record keeps (the same on SQLite as on PostgreSQL)."""
    from dealerscreen.programme.schema import NAME_MAX

    name = _who(by)
    if len(name) > NAME_MAX:
        said = team_words("msg.name-too-long", max=NAME_MAX, n=len(name))
        raise typer.BadParameter(said, param_hint="--by")
    return name


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    named = os.environ.get("DEALERSCREEN_USER", "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a user entry)
        return "unknown"


def now() -> str:
    """The time an act or intake is recorded at: the clock the reports use (so that
    SOURCE_DATE_EPOCH makes a record reproducible too)."""
    from dealerscreen.models.clock import run_time

    return run_time(None, os.environ)


def refuse(exc: ProgrammeError) -> NoReturn:
    """Bad input to an act: a usage error (2); a record that cannot be used: fatal (3)."""
    from dealerscreen.programme.errors import ActError

    if isinstance(exc, ActError):
        raise typer.BadParameter(exc.words(speaking()), param_hint=exc.option)
    tell(exc.line(speaking()))
    raise typer.Exit(ExitCode.FATAL)


@contextmanager
def opened(programme: str | None, db: str | None) -> Iterator[Programme]:
    """The programme, open for the command; its errors as exit codes."""
    from sqlalchemy.exc import OperationalError

    from dealerscreen.programme.errors import ProgrammeError, driver_said
    from dealerscreen.programme.record import open_programme

    try:
        prog = open_programme(programme, db)
    except ProgrammeError as exc:
        refuse(exc)
    except FatalError as exc:  # programme.yaml is not valid
        stop(exc)
    try:
        yield prog
    except ProgrammeError as exc:
        refuse(exc)
    except OperationalError as exc:  # the server went away, the disk is full
        tell(team_words("msg.db-write", detail=driver_said(exc.orig)))
        raise typer.Exit(ExitCode.FATAL) from None
    finally:
        prog.close()
