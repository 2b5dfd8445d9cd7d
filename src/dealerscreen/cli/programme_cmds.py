"""The programme commands: `programme init|check|export`, `status`, `history` (`programme
round` is in round_cmd.py, `intake` in intake_cmd.py).

Thin as the others: options in, one call into dealerscreen.programme, an exit code out.
The team's acts are in act_cmds.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from dealerscreen.cli.helpformat import Command, Root
from dealerscreen.cli.inputs import batch_options, load_compiled, run_time
from dealerscreen.cli.language import speaking
from dealerscreen.cli.options import (
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    AsOfOpt,
    LangOpt,
    OutputOpt,
)
from dealerscreen.cli.programme_opts import (
    DbOpt,
    ProgrammeOpt,
    now,
    opened,
    refuse,
    team_words,
    who,
)
from dealerscreen.cli.stderr import tell
from dealerscreen.cli.writing import emit, emit_binary, refuse_binary_on_a_terminal, width
from dealerscreen.models.problems import ExitCode

if TYPE_CHECKING:
    from dealerscreen.batch.run import BatchOptions
    from dealerscreen.batch.screenrun import ScreenRun
    from dealerscreen.cli.intake_cmd import Recording
    from dealerscreen.criteria.compile import CompiledProfile


programme_app = typer.Typer(
    name="programme",
    cls=Root,
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
    lang: LangOpt = "",
) -> None:
    """Make a programme: DIR/programme.yaml and an empty record (record.sqlite, or --db)."""
    from dealerscreen.programme.errors import ProgrammeError
    from dealerscreen.programme.record import init as make

    load_compiled(criteria, lang)  # an unknown or invalid profile: 2 or 3, nothing made
    try:
        prog = make(folder, criteria, title, db)
    except ProgrammeError as exc:
        refuse(exc)
    prog.close()
    tell(team_words("msg.made", folder=folder))


def programme_criteria(programme: str | None, db: str | None, checks: list[str] | None) -> str:
    """The criteria of the programme `screen -p` decides on."""
    if checks:
        said = team_words("msg.checks-are-acts")
        raise typer.BadParameter(said, param_hint="--verifications")
    with opened(programme, db) as prog:
        return prog.criteria


def screen_programme(
    programme: str | None,
    db: str | None,
    compiled: CompiledProfile,
    options: BatchOptions,
    as_of: str | None,
    recording: Recording | None = None,
) -> tuple[ScreenRun, dict[str, dict[str, Any]], ExitCode, Callable[[], None]]:
    """`screen -p`: the latest version of every applicant screened as files are, with the
    team's verify acts as its checks; with each applicant's standing (the team's acts),
    for the report to show beside its decision, and what stores every decision (call it
    once the report is written, programme/storing.py; `letters -p` calls it at once).

    `screen PATH... -p DIR` records the inputs first, as `intake` does, then screens: one
    command and one process for what a team does with each batch it receives (the
    criteria compiled once). The exit code is intake's (invalid inputs: 1)."""
    from contextlib import ExitStack
    from datetime import date

    from dealerscreen.cli.inputs import screen_inputs
    from dealerscreen.cli.intake_cmd import record_inputs
    from dealerscreen.cli.intake_cmd import told as intake_told
    from dealerscreen.programme import decisions, queries, reviewed, sources, storing, verified

    generated_at = run_time(as_of)
    told = ExitCode.OK
    held = ExitStack()  # the programme stays open until the decisions are stored
    prog = held.enter_context(opened(programme, db))
    with held.pop_all() as closing:  # closed here only when something below fails
        if recording is not None:
            made = record_inputs(prog, compiled, recording.paths, recording.options, recording.by)
            told = intake_told(made, recording.quiet)
        with prog.engine.connect() as conn:
            chosen = decisions.latest(conn)
            names, day = prog.config.reviews.criteria, date.fromisoformat(generated_at[:10])
            team = verified.team_checks(conn, chosen, day, names)
        flags = reviewed.disagreeing(team.checks, compiled.profile, prog.config.reviews.max_spread)
        with decisions.as_jsonl(chosen) as path:
            named = replace(options, sources=sources.by_line(path, chosen))
            run = screen_inputs(compiled, [path], named, team)
        decisions.relocate(run, path, chosen)  # warnings at the submissions' own sources
        sources.name_submissions(run, chosen)  # and the manifest names them, not the file
        where = str(prog.folder / "programme.yaml")
        run.intake.warnings.extend(reviewed.unlisted(compiled.profile, names, where))
        run.intake.warnings.extend(reviewed.off_scale(compiled.loaded, prog.config.reviews))
        with prog.engine.connect() as conn:
            pending = storing.Storing(run, chosen, generated_at, storing.next_ids(conn), flags)
            acts = queries.team_view(conn, prog.config, generated_at, pending.decided(), chosen)
        held = closing.pop_all()

    def store() -> None:
        with held, prog.engine.begin() as conn:
            pending.write(conn, who(None), now())

    return run, acts, told, store


def explain_programme(
    programme: str | None,
    db: str | None,
    applicant_id: str | None,
    paths: list[str] | None,
    lang: str,
    as_of: str | None,
    output: str | None,
) -> NoReturn:
    """`explain -p DIR --id ID`: the applicant's latest version explained as `screen -p`
    decides it (ranked among the others, with the team's verify acts), and the team's acts
    beside the decision. Nothing is stored."""
    from datetime import date

    from dealerscreen.batch.results import Results
    from dealerscreen.cli.inputs import screen_inputs
    from dealerscreen.cli.stderr import notes
    from dealerscreen.programme import decisions, queries, sources, verified
    from dealerscreen.reporters.explanation import render_explanation
    from dealerscreen.reporters.interface import View
    from dealerscreen.reporters.team import team_text
    from dealerscreen.words.safetext import visible

    if paths:
        raise typer.BadParameter(team_words("msg.path-and-programme"), param_hint="-p")
    if applicant_id is None:
        raise typer.BadParameter(team_words("msg.explain-id"), param_hint="--id")
    generated_at = run_time(as_of)
    with opened(programme, db) as prog:
        compiled = load_compiled(prog.criteria, lang)
        with prog.engine.connect() as conn:
            chosen = decisions.latest(conn)
            if applicant_id not in chosen:
                said = team_words("msg.history-none", id=applicant_id)
                raise typer.BadParameter(said, param_hint="--id")
            names, day = prog.config.reviews.criteria, date.fromisoformat(generated_at[:10])
            checks = verified.team_checks(conn, chosen, day, names)
            acts = queries.team_view(conn, prog.config, generated_at)
        options = batch_options(1, None, None, True, DEFAULT_MAX_SIZE, None, DEFAULT_MAX_BATCH_SIZE)
        with decisions.as_jsonl(chosen) as path:
            named = replace(options, sources=sources.by_line(path, chosen))
            run = screen_inputs(compiled, [path], named, checks)
        decisions.relocate(run, path, chosen)
        sources.name_submissions(run, chosen)
    notes(run.intake)
    assert isinstance(run.results, Results)
    mine = run.results.find(applicant_id=applicant_id)
    view = View(run.data(), mine, width=width(), lang=lang, generated_at=generated_at, team=acts)
    text = render_explanation(view, mine[0])
    emit(text + "".join(visible(line) + "\n" for line in team_text(view)), output)
    raise typer.Exit(run.exit_code)


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"
    xlsx = "xlsx"


class ExportFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


def status(
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help="Output format.")] = (
        StatusFormat.table
    ),
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    everyone: Annotated[
        bool,
        typer.Option(
            "--all",
            help="List every applicant, not only those the team has acted on or that wait "
            "on someone.",
        ),
    ] = False,
    lang: LangOpt = "",
) -> None:
    """The pipeline per city and stage, and what waits on whom: overdue requests,
    provisional shortlisted applicants missing verifications, overrides awaiting approval;
    then the applicants the team has acted on or that wait (--all: every applicant)."""
    from dealerscreen.programme import statusboard
    from dealerscreen.programme.boards import status_html, status_table
    from dealerscreen.programme.workbooks import write_status

    if fmt is StatusFormat.xlsx:
        refuse_binary_on_a_terminal(fmt.value, output)
    today = run_time(as_of)
    with opened(programme, db) as prog, prog.engine.connect() as conn:
        found = statusboard.status(conn, prog.config, today, everyone)
    if fmt is StatusFormat.xlsx:
        emit_binary(partial(write_status, found, lang), output)
    elif fmt is StatusFormat.json:
        from dealerscreen.reporters import jsontext  # imported when used: --help stays quick

        emit(jsontext.dumps(found) + "\n", output)
    elif fmt is StatusFormat.html:
        emit(status_html(found, lang), output)
    else:
        emit(status_table(found, lang), output)


def history(
    applicant_id: Annotated[str, typer.Argument(metavar="ID", help="The applicant_id.")],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        HistoryFormat.text
    ),
    output: OutputOpt = None,
    lang: LangOpt = "",
) -> None:
    """One applicant's audit trail in time order: submissions, decisions (with criteria
    digests) and the team's acts."""
    from dealerscreen.programme import queries
    from dealerscreen.programme.boards import history_text

    with opened(programme, db) as prog, prog.engine.connect() as conn:
        events = queries.history(conn, applicant_id)
    if not events:
        said = team_words("msg.history-none", id=applicant_id)
        raise typer.BadParameter(said, param_hint="ID")
    if fmt is HistoryFormat.json:
        from dealerscreen.reporters import jsontext  # imported when used: --help stays quick

        emit(jsontext.dumps(events) + "\n", output)
    else:
        emit(history_text(events, lang), output)


@programme_app.command("check", cls=Command)
def check(programme: ProgrammeOpt = None, db: DbOpt = None, lang: LangOpt = "") -> None:
    """Recompute the record's hash chain: an act, submission, decision or run detail changed
    or removed by hand is found, and the first act that does not match is named (exit 1)."""
    from dealerscreen.programme import agree

    with opened(programme, db) as prog, prog.engine.connect() as conn:
        n, found = agree.verify(conn)  # the chain, then each decision against its record
    from dealerscreen.words.teamwords import act_name

    for key, values in found:
        if "kind" in values:
            values = {**values, "kind": act_name(values["kind"], speaking())}
        tell(team_words("msg." + key, **values))
    if found:
        raise typer.Exit(ExitCode.INVALID_INPUT)
    tell(team_words("msg.intact", n=n))


@programme_app.command("export", cls=Command)
def export(
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, or xlsx: a sheet per table (needs -o)."),
    ] = ExportFormat.json,
    output: OutputOpt = None,
    lang: LangOpt = "",  # the record is data (English keys); its problems follow --lang
) -> None:
    """Write the whole record: programme.yaml, runs, submissions, decisions and acts."""
    from dealerscreen.programme import queries
    from dealerscreen.programme.workbooks import write_export

    if fmt is ExportFormat.xlsx:
        refuse_binary_on_a_terminal(fmt.value, output)
    with opened(programme, db) as prog, prog.engine.connect() as conn:
        found = queries.export(conn, prog.config)
    if fmt is ExportFormat.xlsx:
        emit_binary(partial(write_export, found, run_time(None)), output)
        return
    from dealerscreen.reporters import jsontext  # imported when used: --help stays quick

    emit(jsontext.dumps(found) + "\n", output)


def register_programme(app: typer.Typer) -> None:
    """The programme commands, after the file-based ones (`--help` order)."""
    from dealerscreen.cli.act_cmds import ACTS
    from dealerscreen.cli.intake_cmd import intake
    from dealerscreen.cli.round_cmd import next_round

    programme_app.command("round", cls=Command)(next_round)
    app.add_typer(programme_app)
    for command in (intake, *ACTS, status, history):
        app.command(cls=Command)(command)
