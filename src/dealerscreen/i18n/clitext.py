"""The command line's own words: usage errors (from click, inside typer), in English.

click writes its usage errors in English and offers no catalog of its own; in another
language the CLI words them (cli/usage.py) with these keys, from the parts click's
exception keeps (the option, the parameter, the value refused, the choices).
"""

from __future__ import annotations

EN: dict[str, str] = {
    "usage": "Usage: {usage}",
    "try": "Try '{command} --help' for help.",
    "error": "Error: {message}",
    "invalid": "Invalid value for {param}: {rest}",
    "invalid-value": "Invalid value: {rest}",
    "not-one-of": "{value} is not one of {expected}.",
    "no-option": "No such option: {name}",
    "no-option.possible": "No such option: {name} (Possible options: {names})",
    "no-command": "No such command {name}.",
    "no-command.mean": "No such command {name}. Did you mean {hint}?",
    "missing-argument": "Missing argument {name}.",
    "missing-option": "Missing option {name}.",
    "requires-argument": "Option {name} requires an argument.",
    "takes-no-value": "Option {name} does not take a value.",
    "extra-arguments": "Got unexpected extra argument(s) ({args})",
    # --help (the help texts themselves are in the catalog as help:, cli/helpwords.py)
    "help.arguments": "Arguments",
    "help.options": "Options",
    "help.commands": "Commands",
    "help.required": "required",
    "help.default": "default: {value}",
    "help.and": "; ",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
