"""The English of every help text of the commands, by key (helptext.py), gathered from
the commands themselves for `python3 dev.py catalog`: each stays written beside its
option. Nothing imports this module at run time."""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from typer.main import get_command

from dealerscreen.cli.app import app
from dealerscreen.cli.helpformat import Command, Root
from dealerscreen.cli.helptext import ROOT


def _commands(command: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Each command (not group) under `command`, with its place ('programme.init')."""
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        place = f"{path}.{name}" if path else name
        if isinstance(sub, Command):
            yield place, sub
        yield from _commands(sub, place)


def _groups(command: Any, path: str = ROOT) -> Iterator[tuple[str, Any]]:
    """The group `command` and each group under it, with its place ('programme')."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if isinstance(sub, Root):
            yield from _groups(sub, name if path == ROOT else f"{path}.{name}")


def english() -> dict[str, str]:
    out: dict[str, str] = {}
    texts: dict[str, dict[str, str]] = defaultdict(dict)  # option name -> place -> help
    root = get_command(app)
    for place, command in [*_groups(root), *_commands(root)]:
        if command.help:
            out["command." + place] = inspect.cleandoc(command.help).partition("\f")[0]
        ctx = command.context_class(command, info_name=place)
        for param in command.get_params(ctx):
            if getattr(param, "help", None):
                texts[param.name][place] = param.help
    for name, by_place in sorted(texts.items()):
        # what most commands say of an option is one text; a command that says else, its own
        said = Counter(by_place.values()).most_common(1)[0][0]
        out["option." + name] = said
        out.update({f"option.{p}.{name}": t for p, t in by_place.items() if t != said})
    return out


EN: dict[str, str] = english()

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
