"""`--help` that shows what the command really takes, whatever typer release is installed.

typer renders arguments its own way, and that way changes between releases (0.29 writes
`{paths}...` in the usage line and `<list[str]>` beside each argument). The usage line and
the argument list are therefore written here, through click's public formatting methods,
from each parameter's own metavar and help; options keep typer's rendering, which honours
an option's metavar and shows an enum's values as its choices.

In another language than English, the help is written through the catalogs (helptext.py),
and click's usage errors are given the parts usage.py words them from. The group (`Root`)
also keeps `--help` quick (see `Root` and `resolve_annotations`).
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import inspect
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from typer import BadParameter, Context, Typer
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


def _parts(exc: Any, message: Any) -> Any:
    """A usage error with its message as parts (usage.py words them in any language)."""
    exc.parts = message
    return exc


def _named(exc: Any, command: Any) -> Any:
    """A usage error naming its command: the parser raises some with no context."""
    if getattr(exc, "cmd", None) is None:
        exc.cmd = command
    return exc


class _Helped:
    """`--help` in the language spoken: its usage line and the command's help (helptext)."""

    help: str | None

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, pieces, prefix=_words(_lang()).usage)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        lang = _lang()
        if lang == "en" or not self.help:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
            return
        english = inspect.cleandoc(self.help).partition("\f")[0]
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(_words(lang).command(ctx, english))


class _Context(Context):
    """A context whose help, in another language than English, is wrapped by the columns
    its lines take (helpwrap.py: a Chinese character takes two); English keeps click's."""

    def make_formatter(self) -> Any:
        if _lang() == "en":
            return super().make_formatter()
        from dealerscreen.cli.helpwrap import WideFormatter

        return WideFormatter(width=self.terminal_width, max_width=self.max_content_width)


def _speak(given: list[str]) -> None:
    """The language of the command line as given: --help is written while the line is
    parsed, before --lang's callback runs."""
    from dealerscreen.cli.language import SPEAKING
    from dealerscreen.cli.usage import language_of

    SPEAKING[-1] = language_of(given)


class Command(_Helped, TyperCommand):
    """A command whose usage line and argument list name each argument by its metavar,
    and whose usage errors and help are written in the language spoken (usage.py,
    helptext.py)."""

    context_class = _Context

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        given = list(args)  # parsing consumes the list
        _speak(given)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _usage_error() as exc:
            from dealerscreen.cli.usage import language_of, localise

            localise(_named(exc, self), language_of(given))
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _usage_error() as exc:
            from dealerscreen.cli.language import speaking
            from dealerscreen.cli.usage import localise

            localise(exc, speaking())
            raise

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """click's, but an extra argument fails with its parts kept (usage.py words them)."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            from dealerscreen.cli.usage import cli
            from dealerscreen.words.safetext import visible

            extra = " ".join(visible(str(arg)) for arg in rest)
            exc = _usage_error()(f"Got unexpected extra argument(s) ({extra})", ctx)
            raise _parts(exc, cli("extra-arguments", args=extra))
        return rest

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [_argument_name(p) for p in self.get_params(ctx) if isinstance(p, TyperArgument)]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        said = _words(_lang())
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not getattr(param, "hidden", False):
                    extra = f"  [{said.required}]" if param.required else ""
                    arguments.append((_argument_name(param), said.param(ctx, param) + extra))
            else:
                record = param.get_help_record(ctx)
                if record is not None:
                    options.append(record if said.lang == "en" else said.option(ctx, param, record))
        for title, rows in ((said.arguments, arguments), (said.options, options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _lang() -> str:
    from dealerscreen.cli.language import speaking

    return speaking()


def _words(lang: str) -> Any:
    """The words of `--help` in `lang` (helptext.py); English without loading them."""
    if lang == "en":
        return _ENGLISH
    from dealerscreen.cli.helptext import HelpWords

    return HelpWords(lang)


class _English:
    """typer's own words, as it writes them (English `--help` stays typer's)."""

    lang = "en"
    usage = "Usage: "
    required = "required"
    arguments = "Arguments"
    options = "Options"

    def param(self, ctx: Any, param: Any) -> str:
        return getattr(param, "help", None) or ""


_ENGLISH = _English()


_GIVEN = "dealerscreen.given"  # the group's arguments as given, in its context's meta


class Root(_Helped, TyperGroup):
    """The command group: its usage errors (an unknown command) in the language the
    command line asks for, and its own flags (--help, the completion ones) read as
    booleans: typer runs every parameter's value through a pydantic adapter unless it is
    already a bool; a flag not given arrives as None, so `dealerscreen screen --help`
    loaded pydantic (a fifth of a second) for the group's three flags before the help."""

    context_class = _Context

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        given = list(args)
        _speak(given)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except _usage_error() as exc:
            from dealerscreen.cli.usage import language_of, localise

            localise(exc, language_of(given))
            raise
        ctx.meta[_GIVEN] = given
        return ctx

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _usage_error() as exc:
            from dealerscreen.cli.usage import language_of, localise

            localise(exc, language_of(ctx.meta.get(_GIVEN, ())))
            raise

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _usage_error() as exc:
            if type(exc).__name__ == "UsageError" and args:  # ctx.fail's: no such command
                from dealerscreen.cli.usage import cli

                name, near = args[0], difflib.get_close_matches(args[0], list(self.commands))
                hint = ", ".join(repr(m) for m in near)
                key = "no-command.mean" if near else "no-command"
                _parts(exc, cli(key, name=repr(name), hint=hint))
            raise

    def format_options(self, ctx: Any, formatter: Any) -> None:
        said = _words(_lang())
        if said.lang == "en":
            super().format_options(ctx, formatter)
            return
        records = ((p, p.get_help_record(ctx)) for p in self.get_params(ctx))
        options = [said.option(ctx, p, r) for p, r in records if r is not None]
        names = [n for n in self.list_commands(ctx) if not self.commands[n].hidden]
        limit = formatter.width - 6 - max(map(len, names), default=0)
        commands = [(n, said.short(ctx, n, self.commands[n], limit)) for n in names]
        for title, rows in ((said.options, options), (said.commands, commands)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.default is None:
                param.default = False
        return params


@contextlib.contextmanager
def only_what_runs(app: Typer, args: Sequence[str], environ: Mapping[str, str]) -> Iterator[None]:
    """While a command line runs, `app` holds only what it needs built.

    typer builds every command (its parameters read off its signature) before it runs
    one: a third of `--help`'s time. The command the line names is built alone; with no
    command named (the group's --help, --version, a typo), every command is listed by its
    name and help, with no parameters to build. Shell completion walks every command:
    it gets them all. The commands kept have their annotations evaluated once."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        resolve_annotations(app)
        yield
        return
    named = next((arg for arg in args if not arg.startswith("-")), None)
    commands, groups = list(app.registered_commands), list(app.registered_groups)
    chosen = [c for c in commands if _command_name(c) == named]
    chosen_groups = [g for g in groups if g.typer_instance and g.typer_instance.info.name == named]
    if chosen or chosen_groups:
        app.registered_commands[:], app.registered_groups[:] = chosen, chosen_groups
    else:
        app.registered_commands[:] = [_listed(c) for c in commands]
    resolve_annotations(app)
    try:
        yield
    finally:
        app.registered_commands[:], app.registered_groups[:] = commands, groups


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def _listed(info: Any) -> Any:
    """A command as its group's --help lists it: its name and help, no parameters."""
    shown = copy.copy(info)
    shown.name = _command_name(info)
    shown.help = info.help if info.help is not None else inspect.getdoc(info.callback)
    shown.callback = _nothing
    return shown


def _nothing() -> None:
    """A listed command's body: never run (the line named no command)."""


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
