"""The command line's own words: usage errors (from click, inside typer), in English.

click writes its usage errors in English and offers no catalog of its own; the CLI
translates them (usage.py) by their shape (shapetext.py): click gives them no keys.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "usage": "Usage: {usage}",
    "try": "Try '{command} --help' for help.",
    "error": "Error: {message}",
    "invalid": "Invalid value for {param}: {rest}",
    "invalid-value": "Invalid value: {rest}",
    "value-error": "Value error, {rest}",
    "not-one-of": "{value} is not one of {expected}.",
    "no-option": "No such option: {name}",
    "no-option.possible": "No such option: {name} (Possible options: {names})",
    "no-option.mean": "No such option: {name} Did you mean {hint}?",
    "no-command": "No such command {name}.",
    "missing-argument": "Missing argument {name}.",
    "missing-option": "Missing option {name}.",
    "requires-argument": "Option {name} requires an argument.",
    "extra-argument": "Got unexpected extra argument ({args})",
    "extra-arguments": "Got unexpected extra arguments ({args})",
    "not-integer": "{value} is not a valid integer.",
    "range-min": "{value} is not in the range {range}.",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
