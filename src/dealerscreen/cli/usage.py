"""Usage errors in the language spoken: click writes them in English, with no catalog.

A usage error (an unknown option, a bad value, a missing argument) is raised while the
command line is parsed, often before --lang itself is read; so the language is read from
the arguments here (or the locale). Its words are translated by their shape (shapetext.py:
click gives them no keys), from the templates of clitext.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import IO, Any

from dealerscreen.i18n import langs


def language_of(args: Sequence[str]) -> str:
    """The language a command line asks for with --lang (when it names one we speak),
    else the locale's."""
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            found = langs.parse(value)
            if found is not None:
                return found
    return langs.from_environment(os.environ)


def localise(exc: Any, lang: str) -> None:
    """Make a click usage error show itself in `lang` (English needs nothing)."""
    if lang != "en" and not getattr(exc, "localised", False):
        exc.show = partial(_show, exc, lang)
        exc.localised = True


def _show(exc: Any, lang: str, file: IO[str] | None = None) -> None:
    from dealerscreen.i18n.problemtext import words_of
    from dealerscreen.i18n.shapetext import translate

    out = file or sys.stderr
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage()
        prefix = "Usage: "
        if usage.startswith(prefix):
            usage = words_of("cli:", "usage", lang, usage=usage[len(prefix) :])
        out.write(usage + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            out.write(words_of("cli:", "try", lang, command=ctx.command_path) + "\n")
        out.write("\n")
    out.write(
        words_of("cli:", "error", lang, message=translate(exc.format_message(), lang, "cli:"))
        + "\n"
    )
