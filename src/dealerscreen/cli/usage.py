"""Usage errors in the language spoken: click writes them in English, with no catalog.

A usage error (an unknown option, a bad value, a missing argument) is raised while the
command line is parsed, often before --lang itself is read; so the language is read from
the arguments here (or the locale). Its words are made from the parts click's exception
keeps (the option, the parameter, the value refused and why, the choices) with the keys
of clitext.py, never read back from click's English.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import Enum
from functools import partial
from typing import IO, Any

from dealerscreen.i18n import langs
from dealerscreen.models.problems import Listed, Message, Value, plain


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


def cli(key: str, /, **values: Value) -> Message:
    """The command line's message `key` (clitext.EN) with its values."""
    from dealerscreen.i18n.clitext import EN

    return Message("cli:" + key, EN[key], tuple(values.items()))


def _show(exc: Any, lang: str, file: IO[str] | None = None) -> None:
    from dealerscreen.i18n.problemtext import in_lang

    out = file or sys.stderr
    ctx = exc.ctx
    if ctx is not None:
        pieces = ctx.command.collect_usage_pieces(ctx)
        usage = " ".join([ctx.command_path, *pieces])
        out.write(in_lang(cli("usage", usage=usage), lang) + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            out.write(in_lang(cli("try", command=ctx.command_path), lang) + "\n")
        out.write("\n")
    out.write(in_lang(cli("error", message=message_of(exc)), lang) + "\n")


def message_of(exc: Any) -> Message:
    """What a usage error says, from its parts; `parts` when the CLI made them itself
    (helpformat.py: an unknown command, extra arguments)."""
    made = getattr(exc, "parts", None)
    if isinstance(made, Message):
        return made
    kinds = {c.__name__ for c in type(exc).__mro__}  # typer's copy of click, or click
    if "NoSuchOption" in kinds:
        if exc.possibilities:
            names = ", ".join(sorted(exc.possibilities))
            return cli("no-option.possible", name=exc.option_name, names=names)
        return cli("no-option", name=exc.option_name)
    if "BadOptionUsage" in kinds:
        option = _option(exc.cmd, exc.option_name)
        flag = option is not None and getattr(option, "is_flag", False)
        return cli("takes-no-value" if flag else "requires-argument", name=repr(exc.option_name))
    hint = _hint(exc) if "BadParameter" in kinds else None
    if "MissingParameter" in kinds:
        kind = exc.param_type or getattr(exc.param, "param_type_name", "option")
        return cli("missing-argument" if kind == "argument" else "missing-option", name=hint or "")
    if "BadParameter" in kinds:
        rest = _refused(exc)
        return cli("invalid", param=hint, rest=rest) if hint else cli("invalid-value", rest=rest)
    return plain(exc.format_message())  # a usage error of no kind above: click's words


def _hint(exc: Any) -> str | None:
    """The parameter as click names it in the message: `'--format' / '-f'`, `PATH...`."""
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        try:
            hint = exc.param.get_error_hint(exc.ctx)  # click's
        except TypeError:
            hint = exc.param.get_error_hint()  # typer's copy takes no context
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return None if hint is None else str(hint)


def _refused(exc: Any) -> Message:
    """Why a value was refused: a choice not among the parameter's, the pydantic error
    typer's coercion raised (by its type and values); else the message as given (a
    callback of the CLI's own, already in the language spoken)."""
    from dealerscreen.yamlsource.positions import error_message

    errors = getattr(exc.__cause__, "errors", None)
    found = errors() if callable(errors) else []
    if found:
        error = found[0]
        choices = _choices(exc.param)
        if error["type"] == "value_error" and choices:
            expected = Listed(choices, "or", quoted=True)
            return cli("not-one-of", value=repr(error.get("input")), expected=expected)
        return error_message(error)  # as a field's value in a file is told
    return plain(str(exc.message))


def _choices(param: Any) -> tuple[str, ...]:
    """A parameter's choices (an enum's values), wherever the typer release keeps them."""
    for holder in (getattr(param, "type", None), getattr(param, "type_descriptor", None)):
        choices = getattr(holder, "choices", None)
        if choices:
            return tuple(str(c.value if isinstance(c, Enum) else c) for c in choices)
    return ()


def _option(command: Any, name: str) -> Any:
    """The option of `command` named `name` (click raises some errors without a context:
    helpformat.Command names itself on them)."""
    for param in getattr(command, "params", ()):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None
