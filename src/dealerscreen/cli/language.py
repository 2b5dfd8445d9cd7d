"""The language a command speaks: the --lang option's, else the locale's, and the
command line's own messages and the core's problems in it.

The CLI owns its process, so the language chosen is kept here for the lines written to
stderr by any part of the command.
"""

from __future__ import annotations

import os

import typer

from dealerscreen.i18n import langs
from dealerscreen.models.problems import Message, Problem, Value

# The language of everything a command prints (its report, problems, usage errors): the
# --lang option's, else the locale's (langs.py).
SPEAKING: list[str] = [langs.from_environment(os.environ)]


def speaking() -> str:
    return SPEAKING[-1]


def choose_language(value: str | None) -> str:
    """--lang's value (any spelling of en or zh), else the locale; kept for stderr."""
    try:
        lang = langs.choose(value or None, os.environ)
    except ValueError:
        from dealerscreen.i18n.problemtext import words

        text = words("cli.lang", langs.from_environment(os.environ), text=value or "")
        raise typer.BadParameter(text) from None
    SPEAKING[-1] = lang
    return lang


def usage_words(key: str, **values: Value) -> str:
    """One of the command line's own messages (problemtext.EN), in the language spoken."""
    from dealerscreen.i18n.problemtext import words

    return words(key, speaking(), **values)


def local(message: Message | str) -> str:
    """A message made by the core, in the language spoken; a text as it is (the notes of
    the parse cache and the system's words for a file that cannot be written are still
    texts: not yet made with their keys)."""
    from dealerscreen.i18n.problemtext import in_lang

    return in_lang(message, speaking()) if isinstance(message, Message) else message


def said(p: Problem) -> str:
    """A problem's line in the language the command speaks."""
    from dealerscreen.i18n.problemtext import render

    return render(p, speaking())
