"""`--help` that shows what the command really takes, whatever typer release is installed.

typer renders arguments its own way, and that way changes between releases (0.29 writes
`{paths}...` in the usage line and `<list[str]>` beside each argument). The usage line and
the argument list are therefore written here, through click's public formatting methods,
from each parameter's own metavar and help; options keep typer's rendering, which honours
an option's metavar and shows an enum's values as its choices.
"""

from __future__ import annotations

import typing
from typing import Any

from typer import BadParameter, Typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

# click's Context and HelpFormatter are typed as Any: typer 0.12 uses click itself, later
# releases a copy of it inside typer, and only the methods named here are relied on.


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


def _usage_error() -> type[Exception]:
    """click's UsageError, in whichever click typer uses (its own copy, or click)."""
    return next(c for c in BadParameter.__mro__ if c.__name__ == "UsageError")


class Command(TyperCommand):
    """A command whose usage line and argument list name each argument by its metavar,
    and whose usage errors are written in the language spoken (usage.py)."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        given = list(args)  # parsing consumes the list
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _usage_error() as exc:
            from dealerscreen.cli.usage import language_of, localise

            localise(exc, language_of(given))
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _usage_error() as exc:
            from dealerscreen.cli.language import speaking
            from dealerscreen.cli.usage import localise

            localise(exc, speaking())
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [_argument_name(p) for p in self.get_params(ctx) if isinstance(p, TyperArgument)]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not getattr(param, "hidden", False):
                    extra = "  [required]" if param.required else ""
                    help_text = getattr(param, "help", None) or ""
                    arguments.append((_argument_name(param), help_text + extra))
            else:
                record = param.get_help_record(ctx)
                if record is not None:
                    options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Root(TyperGroup):
    """The command group: its own flags (--help, the completion ones) read as booleans.

    typer runs every parameter's value through a pydantic adapter unless it is already a
    bool; a flag not given arrives as None, so `dealerscreen screen --help` loaded pydantic
    (a fifth of a second) for the group's three flags before the command's help."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.default is None:
                param.default = False
        return params


def resolve_annotations(app: Typer) -> None:
    """Each command's annotations evaluated once, in place of its strings.

    The modules use `from __future__ import annotations`; typer reads a command's type
    hints about four times while it builds the commands, and each reading compiles and
    evaluates every string again: most of the time `--help` took beyond `import typer`."""
    infos: list[Any] = [*app.registered_commands, app.registered_callback]
    for group in app.registered_groups:
        if group.typer_instance is not None:
            resolve_annotations(group.typer_instance)
    for info in infos:
        if info is not None and info.callback is not None:
            callback = info.callback
            callback.__annotations__ = typing.get_type_hints(callback, include_extras=True)
