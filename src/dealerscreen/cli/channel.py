"""The commands for the people who write to dealers: the application form and the letters.

Each is a few lines: options in, one call, an exit code out (see cli.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dealerscreen.cli.inputs import (
    batch_options,
    check_paths,
    load_compiled,
    max_bytes,
    run_time,
    screen_inputs,
    team_checks,
)
from dealerscreen.cli.language import local, usage_words
from dealerscreen.cli.options import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_BATCH_SIZE,
    DEFAULT_MAX_SIZE,
    AsOfOpt,
    CacheDirOpt,
    CriteriaOpt,
    JobsOpt,
    LangOpt,
    MappingOpt,
    MaxBatchSizeOpt,
    MaxSizeOpt,
    NoCacheOpt,
    QuietOpt,
    VerificationsOpt,
)
from dealerscreen.cli.programme_opts import ByOpt, DbOpt, ProgrammeOpt, ScreenPathsArg
from dealerscreen.cli.stderr import err, notes, report_problems, skipped_line, summary, tell
from dealerscreen.cli.writing import emit, emit_binary, refuse_binary_on_a_terminal
from dealerscreen.i18n.problemtext import os_reason
from dealerscreen.models.choices import FormFormat, LetterFormat
from dealerscreen.models.problems import ExitCode, FatalError

if TYPE_CHECKING:
    from dealerscreen.batch.screenrun import ScreenRun
    from dealerscreen.criteria.compile import CompiledProfile
    from dealerscreen.words.letters import Letter, LetterSettings
    from dealerscreen.words.letters.team import TeamDecision, TeamRequest


def template(
    fmt: Annotated[
        FormFormat,
        typer.Option("--format", "-f", help="xlsx: a sheet to fill in; yaml: one applicant file."),
    ] = FormFormat.xlsx,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    lang: LangOpt = "",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the form to this file (atomically)."
        ),
    ] = None,
) -> None:
    """Write an application form for dealers, made from the applicant model and the profile.

    The xlsx form asks one question per row, with its unit, how to answer and an example,
    and a drop-down list for every choice, city and brand; it prints on two A4 pages.
    Filled in, it is screened as it is (it carries its own column mapping). The yaml form
    is one applicant file with every field explained.
    """
    from dealerscreen.reporters.applicationform import write_xlsx_form, yaml_form
    from dealerscreen.reporters.workbook import parse_stamp

    if fmt is FormFormat.xlsx:
        refuse_binary_on_a_terminal(fmt.value, output)
    stamp = parse_stamp(run_time(None))
    compiled = load_compiled(criteria, lang)
    if fmt is FormFormat.xlsx:
        emit_binary(partial(write_xlsx_form, compiled, lang, stamp), output)
    else:
        emit(yaml_form(compiled, lang), output)
    raise typer.Exit(ExitCode.OK)


def letters(
    output_dir: Annotated[
        str,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Folder to write the letters to, one file per applicant (made if needed).",
        ),
    ],
    paths: ScreenPathsArg = None,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[
        LetterFormat,
        typer.Option(
            "--format",
            "-f",
            help="md: Markdown; html: a page to print or send; docx: a Word document to "
            "edit and stamp.",
        ),
    ] = LetterFormat.md,
    settings: Annotated[
        str | None,
        typer.Option(
            "--settings",
            metavar="FILE",
            help="Letters settings (YAML): the sender's department, signatory, contact, "
            "place and reply deadline (samples/letters-settings.yaml).",
        ),
    ] = None,
    with_points: Annotated[
        bool,
        typer.Option(
            "--with-points", help="Also state points (the letters leave them out by default)."
        ),
    ] = False,
    jobs: JobsOpt = None,
    mapping: MappingOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    max_batch_size: MaxBatchSizeOpt = DEFAULT_MAX_BATCH_SIZE,
    verifications: VerificationsOpt = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "",
    as_of: AsOfOpt = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    unsent: Annotated[
        bool,
        typer.Option(
            "--unsent",
            help="A programme's: only the letters whose decision or kind of letter changed "
            "since the last letter recorded for the applicant.",
        ),
    ] = False,
    by: ByOpt = None,
) -> None:
    """Write a decision letter to each applicant: the decision, its reasons, what could change it.

    One file per applicant (APPLICANT_ID.md, .html or .docx), addressed to it by name:
    shortlisted, runner-up, not eligible, or a request for the facts it did not state; at
    most four principal reasons, ordered by their effect, each with its basis; what the
    applicant could change to be reconsidered; signed as the --settings file says.

    No PATH, or -p DIR: a programme's applicants, as `screen -p` decides them (the
    decisions stored), each letter written recorded in the programme's record.
    """
    if not paths or programme is not None:
        wanted = Wanted(output_dir, fmt, settings, with_points, lang, as_of, quiet)
        _programme_letters(programme, db, (paths, verifications), wanted, unsent, by)
    if unsent:
        from dealerscreen.cli.programme_opts import team_words

        raise typer.BadParameter(team_words("msg.unsent-files"), param_hint="--unsent")
    check_paths(paths, output_dir)
    letter_settings = sender_settings(settings, output_dir)
    generated_at = run_time(as_of)
    max_bytes(max_file_size)  # a bad size is a usage error before the criteria load
    max_bytes(max_batch_size, "--max-batch-size")
    team = team_checks(verifications, generated_at)
    compiled = load_compiled(criteria, lang)
    options = batch_options(jobs, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    run = screen_inputs(compiled, paths, options, team)
    _make_dir(output_dir)
    wanted = Wanted(output_dir, fmt, settings, with_points, lang, as_of, quiet)
    for letter, content in _letters(run, compiled, wanted, letter_settings):
        _write(wanted, letter, content)
    _tell(run, quiet, lang)


@dataclass(frozen=True)
class Wanted:
    """The letters asked for: where, in which format, signed how."""

    output_dir: str
    fmt: LetterFormat
    settings: str | None
    with_points: bool
    lang: str
    as_of: str | None
    quiet: bool


def _make_dir(output_dir: str) -> None:
    import os

    try:
        os.makedirs(output_dir, exist_ok=True)
    except OSError as exc:
        err(usage_words("cli.cannot-make", where=output_dir, reason=local(os_reason(exc))))
        raise typer.Exit(ExitCode.FATAL) from None


def _letters(
    run: ScreenRun,
    compiled: CompiledProfile,
    wanted: Wanted,
    settings: LetterSettings | None,
    team: Mapping[str, TeamDecision] | None = None,
    asked: Mapping[str, TeamRequest] | None = None,
) -> Iterator[tuple[Letter, str | bytes]]:
    """Each applicant's letter, and its content in the format wanted; `team`: a
    programme's overrides in effect, by id, told in place of the computed decision;
    `asked`: its open requests, by id, which make the letter a request for information."""
    from dealerscreen.reporters.interface import View
    from dealerscreen.words.letters import LetterWriter
    from dealerscreen.words.letters.advice import cut_totals
    from dealerscreen.words.letters.team import asked_by_team, told_by_team

    generated_at = run_time(wanted.as_of)
    view = View(run.data(), run.results, lang=wanted.lang, generated_at=generated_at)
    day = date.fromisoformat(generated_at[:10])
    cuts = cut_totals(run.results)
    writer = LetterWriter(compiled, view.msgs, day, wanted.with_points, settings, cuts)
    for result in run.results:
        letter = writer.write(result, run.applicant_of(result), view.outlook(result, keep=False))
        decided = (team or {}).get(letter.applicant_id)
        if decided is not None:
            letter = told_by_team(writer, result, letter, decided)
        elif (request := (asked or {}).get(letter.applicant_id)) is not None:
            letter = asked_by_team(writer, result, letter, request)
        yield letter, render_letter(letter, wanted.fmt, generated_at)


def _write(wanted: Wanted, letter: Letter, content: str | bytes) -> str:
    """The letter's file written (atomically); its path."""
    import os

    from dealerscreen.reporters.output import write_atomic

    target = os.path.join(wanted.output_dir, letter.applicant_id + "." + wanted.fmt.value)
    try:
        write_atomic(target, content)
    except OSError as exc:
        reason = local(os_reason(exc))
        err(usage_words("cli.cannot-write", where=target, reason=reason))
        raise typer.Exit(ExitCode.FATAL) from None
    return target


def _tell(run: ScreenRun, quiet: bool, lang: str) -> NoReturn:
    warnings = report_problems(run.intake.problems, quiet)
    notes(run.intake)
    for s in run.intake.skipped:
        err(skipped_line(s.path, s.why))
    summary(run.counts(), lang, warnings)
    raise typer.Exit(run.exit_code)


def _programme_letters(
    programme: str | None,
    db: str | None,
    given: tuple[list[str] | None, list[str] | None],
    wanted: Wanted,
    unsent: bool,
    by: str | None,
) -> NoReturn:
    """`letters -p`: the programme screened (its decisions stored), each letter written
    recorded as a `letter` act; with --unsent only those telling something new."""
    import hashlib

    from dealerscreen.cli import programme_cmds
    from dealerscreen.cli.programme_opts import now, opened, team_words, who
    from dealerscreen.programme import letters as record

    paths, checks = given
    if paths:  # letters tell the programme's decisions, not files'
        raise typer.BadParameter(team_words("msg.path-and-programme"), param_hint="-p")
    criteria = programme_cmds.programme_criteria(programme, db, checks)
    settings = sender_settings(wanted.settings, wanted.output_dir)
    compiled = load_compiled(criteria, wanted.lang)
    options = batch_options(1, None, None, True, DEFAULT_MAX_SIZE, None, DEFAULT_MAX_BATCH_SIZE)
    run, _, _, store = programme_cmds.screen_programme(
        programme, db, compiled, options, wanted.as_of
    )
    store()  # before the letters: they tell the decisions stored, overrides applied
    written: list[record.Written] = []
    with opened(programme, db) as prog:
        with prog.engine.connect() as conn:  # the decision that holds: overrides in effect
            told = record.holding(conn, prog.config, run_time(wanted.as_of))
            last = record.last_letters(conn)
        team = {key: t.team for key, t in told.items() if t.team is not None}
        asked = {key: t.request for key, t in told.items() if t.request is not None}
        _make_dir(wanted.output_dir)
        try:
            for letter, content in _letters(run, compiled, wanted, settings, team, asked):
                mine, kind = told[letter.applicant_id], letter.kind.value
                if unsent and not record.unsent(last.get(letter.applicant_id), mine.outcome, kind):
                    continue
                target = _write(wanted, letter, content)
                data = content if isinstance(content, bytes) else content.encode("utf-8")
                digest = hashlib.sha256(data).hexdigest()
                written.append(
                    record.Written(
                        letter.applicant_id,
                        kind,
                        mine.outcome,
                        mine.decision,
                        mine.run,
                        digest,
                        target,
                        wanted.fmt.value,
                        mine.computed,
                        mine.team.act if mine.team is not None else None,
                    )
                )
        finally:  # what was written is recorded, even when a later letter could not be
            with prog.engine.begin() as conn:
                record.record(conn, written, who(by), now())
    told_already = len(run.results) - len(written)
    said = team_words("msg.letters", n=len(written), folder=wanted.output_dir, same=told_already)
    tell(said)
    _tell(run, wanted.quiet, wanted.lang)


def sender_settings(path: str | None, output_dir: str) -> LetterSettings | None:
    """The --settings file read; exit 2 when it is not there, 3 when it is not valid."""
    if path is None:
        return None
    import os

    from dealerscreen.cli.inputs import refuse_overwriting_an_input
    from dealerscreen.cli.language import usage_words as words
    from dealerscreen.cli.stderr import stop
    from dealerscreen.words.letters import load_settings

    if not os.path.isfile(path):
        raise typer.BadParameter(words("cli.no-file", path=path), param_hint="--settings")
    refuse_overwriting_an_input(output_dir, [path])
    try:
        return load_settings(path)
    except FatalError as exc:
        stop(exc, "--settings")


def render_letter(letter: Letter, fmt: LetterFormat, generated_at: str) -> str | bytes:
    """One letter in its format: text for md and html, bytes for docx."""
    from dealerscreen.reporters.letter_format import render_html, render_markdown

    if fmt is LetterFormat.html:
        return render_html(letter, letter.lang)
    if fmt is LetterFormat.docx:
        from dealerscreen.reporters.letter_docx import render_docx

        written = datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
        return render_docx(letter, written)
    return render_markdown(letter)
