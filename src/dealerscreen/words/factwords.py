"""A fact's value as a reader says it: '22 m', '22 米', '是', '核心商圈', '未填写'."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dealerscreen.i18n import valuetext
from dealerscreen.intake.formfields import UNITS
from dealerscreen.models.fields import show
from dealerscreen.words.labels import Messages


def fact_value(path: str, value: Any, msgs: Messages) -> str:
    """`value` of the fact at `path` in the reader's words, with its unit."""
    if value is None:
        return valuetext.label("missing", msgs.lang)
    if isinstance(value, bool):
        return msgs.yes_no(value)
    if isinstance(value, str):
        return valuetext.label(value, msgs.lang)
    text = show(value) if isinstance(value, int | float | Decimal) else str(value)
    for suffix, names in UNITS.items():
        if path.endswith(suffix) and isinstance(value, int | float | Decimal):
            unit = names.get(msgs.lang, names["en"])
            return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
    return text
