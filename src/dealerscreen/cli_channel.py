"""The commands for the people who write to dealers: the application form and the letters.

Each is a few lines: options in, one call, an exit code out (see cli.py).
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from dealerscreen.choices import FormFormat, Language
from dealerscreen.cliparts import (
    DEFAULT_CRITERIA,
    CriteriaOpt,
    LangOpt,
    emit,
    emit_binary,
    load_compiled,
    refuse_binary_on_a_terminal,
    run_time,
)
from dealerscreen.problems import ExitCode


def template(
    fmt: Annotated[
        FormFormat,
        typer.Option("--format", "-f", help="xlsx: a sheet to fill in; yaml: one applicant file."),
    ] = FormFormat.xlsx,
    criteria: CriteriaOpt = DEFAULT_CRITERIA,
    lang: LangOpt = Language.en,
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
    from dealerscreen.applicationform import write_xlsx_form, yaml_form
    from dealerscreen.reporters.workbook import parse_stamp

    if fmt is FormFormat.xlsx:
        refuse_binary_on_a_terminal(fmt.value, output)
    stamp = parse_stamp(run_time(None))
    compiled = load_compiled(criteria, lang.value)
    if fmt is FormFormat.xlsx:
        emit_binary(partial(write_xlsx_form, compiled, lang.value, stamp), output)
    else:
        emit(yaml_form(compiled, lang.value), output)
    raise typer.Exit(ExitCode.OK)
