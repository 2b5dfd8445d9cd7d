"""The commands for the people who write to dealers: the application form and the letters.

Each is a few lines: options in, one call, an exit code out (see cli.py).
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

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
    PathsArg,
    QuietOpt,
    VerificationsOpt,
)
from dealerscreen.cli.stderr import err, notes, report_problems, skipped_line, summary
from dealerscreen.cli.writing import emit, emit_binary, refuse_binary_on_a_terminal
from dealerscreen.i18n.problemtext import os_reason
from dealerscreen.models.choices import FormFormat, LetterFormat
from dealerscreen.models.problems import ExitCode


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

    The xlsx form has a drop-down list for every choice, city and brand, units in its
    headings, a description and an example row; filled in, it is screened as it is (it
    carries its own column mapping). The yaml form is one applicant file with every field
    explained.
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
    paths: PathsArg,
    output_dir: Annotated[
        str,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Folder to write the letters to, one file per applicant (made if needed).",
        ),
    ],
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    fmt: Annotated[
        LetterFormat,
        typer.Option("--format", "-f", help="md: Markdown; html: a page to print or send."),
    ] = LetterFormat.md,
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
) -> None:
    """Write a decision letter to each applicant: the decision, its reasons, what could change it.

    One file per applicant (APPLICANT_ID.md or .html), addressed to it by name: shortlisted,
    runner-up or not eligible; at most four principal reasons, ordered by their effect,
    each with its basis; what the applicant could change or send to be reconsidered.
    """
    import os

    from dealerscreen.reporters.interface import View
    from dealerscreen.reporters.letter_format import render_html, render_markdown
    from dealerscreen.reporters.output import write_atomic
    from dealerscreen.words.letters import LetterWriter

    check_paths(paths, output_dir)
    generated_at = run_time(as_of)
    max_bytes(max_file_size)  # a bad size is a usage error before the criteria load
    max_bytes(max_batch_size, "--max-batch-size")
    team = team_checks(verifications, generated_at)
    compiled = load_compiled(criteria, lang)
    options = batch_options(jobs, mapping, cache_dir, no_cache, max_file_size, None, max_batch_size)
    run = screen_inputs(compiled, paths, options, team)
    try:
        os.makedirs(output_dir, exist_ok=True)
    except OSError as exc:
        err(usage_words("cli.cannot-make", where=output_dir, reason=local(os_reason(exc))))
        raise typer.Exit(ExitCode.FATAL) from None
    view = View(run, run.results, lang=lang, generated_at=generated_at)
    writer = LetterWriter(compiled, view.msgs, generated_at[:10], with_points)
    for result in run.results:
        letter = writer.write(result, run.applicant_of(result), view.outlook(result, keep=False))
        if fmt is LetterFormat.html:
            text, suffix = render_html(letter, lang), ".html"
        else:
            text, suffix = render_markdown(letter), ".md"
        target = os.path.join(output_dir, letter.applicant_id + suffix)
        try:
            write_atomic(target, text)
        except OSError as exc:
            reason = local(os_reason(exc))
            err(usage_words("cli.cannot-write", where=target, reason=reason))
            raise typer.Exit(ExitCode.FATAL) from None
    warnings = report_problems(run.intake.problems, quiet)
    notes(run.intake)
    for s in run.intake.skipped:
        err(skipped_line(s.path, s.why))
    summary(run.counts(), lang, warnings)
    raise typer.Exit(run.exit_code)
