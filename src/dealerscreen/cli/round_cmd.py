"""`programme round`: the next round of a programme, carrying the applicants this one
leaves with the outcomes asked for (registered by programme_cmds.register_programme)."""

from __future__ import annotations

from typing import Annotated

import typer

from dealerscreen.cli.inputs import load_compiled, run_time
from dealerscreen.cli.options import AsOfOpt, LangOpt
from dealerscreen.cli.programme_opts import (
    ByOpt,
    DbOpt,
    ProgrammeOpt,
    now,
    opened,
    refuse,
    team_words,
    who,
)
from dealerscreen.cli.stderr import tell


def next_round(
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria",
            "-c",
            metavar="ID|FILE",
            help="The next round's criteria: a shipped profile id, or a profile file.",
        ),
    ],
    carry: Annotated[
        list[str],
        typer.Option(
            "--carry",
            metavar="OUTCOME",
            help="Carry the applicants with this outcome (as the programme shows it, the "
            "team's acts applied): reserve, shortlisted, not-eligible, awaiting-information; "
            "repeat for more.",
        ),
    ],
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            metavar="DIR",
            help="The next round's folder (default: beside this one, NAME-roundN).",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Its name (default: DIR's).")
    ] = None,
    into_db: Annotated[
        str | None,
        typer.Option(
            "--into-db",
            metavar="URL",
            help="The next round's database, empty (default: SQLite in its folder; on "
            "PostgreSQL, this one's database name with _roundN, made on the same server).",
        ),
    ] = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "",
) -> None:
    """Make the next round: a new programme under --criteria, whose first intake is the
    latest version of each applicant this round leaves with a --carry outcome; this
    round's record gets a `round` act naming them."""
    from pathlib import Path

    from dealerscreen.programme import rounds, submissions
    from dealerscreen.programme.errors import ActError, ProgrammeError
    from dealerscreen.programme.record import init as make

    load_compiled(criteria, lang)  # an unknown or invalid profile: 2 or 3, nothing made
    with opened(programme, db) as prog:
        target = Path(into) if into is not None else rounds.next_folder(prog)
        if (target / "programme.yaml").exists():
            refuse(ActError("exists", "--into", path=str(target / "programme.yaml")))
        with prog.engine.connect() as conn:
            ids = rounds.carried(conn, prog, carry, run_time(as_of))
            received = rounds.received(conn, prog, ids)
        url, named = rounds.database(prog, into_db)  # before the folder: nothing made else
        try:
            nxt = make(str(target), criteria, title, url, prog, named)
        except ProgrammeError as exc:
            refuse(exc)
        at, name = now(), who(by)
        try:
            with nxt.engine.begin() as conn:
                submissions.record(conn, received, name, at, [str(prog.folder)])
        finally:
            nxt.close()
        with prog.engine.begin() as conn:
            rounds.close(conn, target, criteria, carry, ids, name, at)
    said = team_words("msg.round", folder=str(target), criteria=criteria, n=len(ids))
    tell(said)
