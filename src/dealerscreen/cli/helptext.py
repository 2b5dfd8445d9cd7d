"""`--help` in another language: the help of each command, argument and option through
the catalogs (msgctxt `help:`), and the words around them (clitext's `help.*`).

The English of a help text is where the option is declared (typer.Option's `help`);
helpwords.py gathers them for `python3 dev.py catalog`. A text is found by its command
and name (`help:option.screen.format`), else by its name alone when every command that
has that option says the same (`help:option.criteria`). English `--help` stays typer's
own; this one is written from the option's parts (its default, range, whether it is
required), as typer does.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Any

from dealerscreen.cli.helpwrap import cells
from dealerscreen.i18n.catalogs import text
from dealerscreen.i18n.problemtext import words_of

ROOT = "dealerscreen"


def command_path(ctx: Any) -> str:
    """The command's place under `dealerscreen`: 'screen', 'programme.init'; the group
    itself is 'dealerscreen'."""
    return ".".join(ctx.command_path.split()[1:]) or ROOT


class HelpWords:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.usage = words_of("cli:", "usage", lang, usage="")
        self.required = words_of("cli:", "help.required", lang)
        self.arguments = words_of("cli:", "help.arguments", lang)
        self.options = words_of("cli:", "help.options", lang)
        self.commands = words_of("cli:", "help.commands", lang)

    def command(self, ctx: Any, english: str) -> str:
        return text(self.lang, "help:command." + command_path(ctx), english)

    def short(self, ctx: Any, name: str, command: Any, limit: int) -> str:
        """A command's line in its group's list: the first sentence of its help."""
        english = inspect.cleandoc(command.help or "").partition("\f")[0]
        group = command_path(ctx)
        place = name if group == ROOT else f"{group}.{name}"
        said = text(self.lang, "help:command." + place, english).split("\n\n")[0]
        first = said.split("。")[0] + "。" if "。" in said else said
        if cells(first) <= limit:  # in columns: a Chinese character takes two
            return first
        while cells(first) > limit - 1:
            first = first[:-1]
        return first.rstrip("，、；：") + "…"

    def param(self, ctx: Any, param: Any) -> str:
        english = getattr(param, "help", None) or ""
        if not english:
            return english
        own = text(self.lang, f"help:option.{command_path(ctx)}.{param.name}", english)
        return own if own != english else text(self.lang, f"help:option.{param.name}", english)

    def option(self, ctx: Any, param: Any, record: tuple[str, str]) -> tuple[str, str]:
        """typer's row of an option, its help in this language: the option's names as
        typer wrote them, then its help and what typer adds in brackets."""
        extras = self.extras(ctx, param)
        help_text = self.param(ctx, param)
        sep = "  " if help_text else ""
        return record[0], help_text + (f"{sep}[{extras}]" if extras else "")

    def extras(self, ctx: Any, param: Any) -> str:
        parts = []
        default = shown_default(ctx, param)
        if default:
            parts.append(words_of("cli:", "help.default", self.lang, value=default))
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None and high is not None:
            parts.append(f"{low}<=x<={high}")
        elif low is not None or high is not None:
            parts.append(f"x>={low}" if high is None else f"x<={high}")
        if param.required:
            parts.append(self.required)
        return words_of("cli:", "help.and", self.lang).join(parts)


def shown_default(ctx: Any, param: Any) -> str:
    """The default typer shows for an option ('' for none), by typer's rules."""
    if isinstance(param.show_default, str):
        return f"({param.show_default})"
    if not (param.show_default or ctx.show_default):
        return ""
    value = param.default
    if value is None or callable(value):
        return ""
    if getattr(param, "is_flag", False):
        if not getattr(param, "secondary_opts", None):
            return "" if not value else str(value)
        names = param.opts if value else param.secondary_opts
        return str(names[0]).lstrip("-")
    values = value if isinstance(value, list | tuple) else [value]
    return ", ".join(str(v.value if isinstance(v, Enum) else v) for v in values)
