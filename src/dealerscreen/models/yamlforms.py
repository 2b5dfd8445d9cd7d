"""YAML 1.1's other ways of writing a number, kept recognisable so that a number field refuses them.

PyYAML reads plain scalars by YAML 1.1: `010` is octal (8), `0x10` hexadecimal (16),
`0b11` binary (3), `1:30` and `190:00` base 60 (90 and 11,400), and `1.0e-400` a float
that underflows to 0. A person typing a number means none of these (the same `010` in a
CSV is 10), so the loader builds such a value as a `Written` int or float: the number
YAML reads, which behaves exactly as before everywhere (a dict key, a text field that
refuses a number, a comparison), plus the text as written and its form. A number field
(numbers.py) refuses it with a located error, as it refuses yes/no.

Both ways of building a document build these (yamlsource/loader.py): the checked constructor
(loader.py) and the quick one-pass builder (fast.py), so they agree. A JSON number too small for a float (`1e-400`) is kept so too
(jsonsource.py); JSON has no other forms.
"""

from __future__ import annotations

from typing import Any

OCTAL, HEXADECIMAL, BINARY, BASE_60, UNDERFLOW = (
    "octal",
    "hexadecimal",
    "binary",
    "base-60",
    "underflow",
)


class Written:
    """What a number read by YAML 1.1 was written as: its text and its form."""

    text: str
    form: str


class WrittenInt(int, Written):
    pass


class WrittenFloat(float, Written):
    pass


def written(value: Any, text: str, form: str | None) -> Any:
    if form is None:
        return value
    written: WrittenInt | WrittenFloat = (
        WrittenInt(value) if isinstance(value, int) else WrittenFloat(value)
    )
    written.text, written.form = text, form
    return written


def int_form(text: str) -> str | None:
    """The form of an int scalar's text that is not plain decimal digits, else None
    (the same reading of the text as PyYAML's `construct_yaml_int`)."""
    digits = text.replace("_", "").lstrip("+-")
    if digits.startswith("0b"):
        return BINARY
    if digits.startswith("0x"):
        return HEXADECIMAL
    if ":" in digits:
        return BASE_60
    if len(digits) > 1 and digits.startswith("0"):
        return OCTAL  # any leading zero: 010 is 8 to YAML and 10 to a reader
    return None


def float_form(text: str, value: float) -> str | None:
    """The form of a float scalar's text that does not read as written, else None."""
    if ":" in text:
        return BASE_60
    mantissa = text.lower().split("e", 1)[0]
    if value == 0.0 and any(c in "123456789" for c in mantissa):
        return UNDERFLOW  # 1.0e-400: too small for a float, read as 0
    return None
