"""A fact's value as a reader says it: '22 m', '22 米', '是', '核心商圈', '未填写'."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dealerscreen.i18n import valuetext
from dealerscreen.intake.formfields import unit
from dealerscreen.models.fields import show
from dealerscreen.words.labels import Messages


def grouped(text: str) -> str:
    """'48000' -> '48,000', '12345.5' -> '12,345.5': thousands separated, as a person reads
    a figure in a letter. A comma in both languages: the Chinese standard for numbers in
    print (GB/T 15835-2011, 4.1.4) allows it, and the reports already write counts so."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, point, fraction = digits.partition(".")
    if not whole.isdigit():
        return text
    return f"{sign}{int(whole):,}{point}{fraction}"


def fact_value(path: str, value: Any, msgs: Messages, group: bool = False) -> str:
    """`value` of the fact at `path` in the reader's words, with its unit; with `group`,
    its thousands separated (never a year's: 2023, not 2,023)."""
    if value is None:
        return valuetext.label("missing", msgs.lang)
    if isinstance(value, bool):
        return msgs.yes_no(value)
    if isinstance(value, str):
        return valuetext.label(value, msgs.lang)
    text = show(value) if isinstance(value, int | float | Decimal) else str(value)
    if group and isinstance(value, int | float | Decimal) and not path.endswith("_year"):
        text = grouped(text)
    said = unit(path, msgs.lang) if isinstance(value, int | float | Decimal) else ""
    if said:
        return f"{text}{said}" if said == "%" else f"{text} {said}"
    return text
