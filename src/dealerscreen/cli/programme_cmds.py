"""The programme commands: `programme init|check|export`, `intake`, `status`, `history`.

Thin as the others: options in, one call into dealerscreen.programme, an exit code out.
The team's acts are in act_cmds.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from dealerscreen.cli.helpformat import Command
from dealerscreen.cli.inputs import batch_options, check_paths, load_compiled
from dealerscreen.cli.options import (
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    PathsArg,
    QuietOpt,
)
from dealerscreen.cli.programme_opts import ByOpt, DbOpt, ProgrammeOpt, now, opened, refuse, who
from dealerscreen.cli.stderr import err, report_problems, skipped_line
from dealerscreen.models.problems import ExitCode

programme_app = typer.Typer(
    name="programme",
    help="A programme: a folder with programme.yaml and the record of what the team does.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@programme_app.command("init", cls=Command)
def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="The programme folder (made).")],
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria",
            "-c",
            metavar="ID|FILE",
            help="The programme's criteria: a shipped profile id, or a profile file.",
        ),
    ],
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Its name (default: DIR's).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Make a programme: DIR/programme.yaml and an empty record (record.sqlite, or --db)."""
    from dealerscreen.programme.errors import ProgrammeError
    from dealerscreen.programme.record import init as make

    load_compiled(criteria, "en")  # an unknown or invalid profile: 2 or 3, nothing made
    try:
        prog = make(folder, criteria, title, db)
    except ProgrammeError as exc:
        refuse(exc)
    prog.close()
    err(f"dealerscreen: programme made in {folder} (edit {folder}/programme.yaml for its stages)")


def intake(
    paths: PathsArg,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    mapping: MappingOpt = None,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    quiet: QuietOpt = False,
) -> None:
    """Record submissions as received: each valid applicant's content, digest, source and
    time (the same content again is no new version), each invalid input with its problems.

    PATH is what `screen` reads: files, folders, JSON Lines, CSV/XLSX (with --mapping)."""
    from dealerscreen.programme import submissions

    check_paths(paths, None)
    options = batch_options(1, mapping, None, True, max_file_size, None, max_batch_size)
    with opened(programme, db) as prog:
        compiled = load_compiled(prog.criteria, "en")
        received, skipped = submissions.read(compiled, paths, options)
        with prog.engine.begin() as conn:
            summary = submissions.record(conn, received, who(by), now(), paths)
    summary.skipped = skipped
    report_problems([p for r in summary.invalid for p in r.problems], quiet)
    for s in skipped:
        err(skipped_line(s.path, s.why))
    c = summary.counts()
    err(
        f"dealerscreen: intake {summary.run_id}: {c['new']} new, {c['changed']} changed, "
        f"{c['unchanged']} unchanged, {c['invalid']} invalid, {c['skipped']} skipped"
    )
    raise typer.Exit(ExitCode.INVALID_INPUT if c["invalid"] else ExitCode.OK)
