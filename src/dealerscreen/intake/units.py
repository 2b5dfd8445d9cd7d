"""Numbers as people type them in a spreadsheet cell: with the field's own unit, in
full-width digits, as a percentage.

A field's unit is in its name (`_sqm`, `_m`, `_rmb_m`, `_pct`: see models/applicant.py).
A cell may carry that unit after its number ("3500平方米", "3,500 ㎡", "6.5米", "58%"):
the unit is read off and the number kept. A unit that is not the field's own ("3500 m" in
an area, "20万元" in million RMB, "91%" in a score) is never converted and never
dropped: it is an error naming the unit the field takes, since a number read without its
unit would be silently wrong. Text after a number that is no unit known here ("3000左右")
is left to the number reader, which says it is not a number.

Full-width digits and signs (３５００，＋，．) are read as their ASCII forms; nothing else
is normalised (NFKC would turn "10²" into 102).

Excel stores a cell typed as 58% as 0.58 with a percent number format: `is_percent_format`
says which formats those are, so the reader scales such a cell by 100.
"""

from __future__ import annotations

import re

# Longest suffix first: `_rmb_m` also ends in `_m`.
_SUFFIXES = (("_rmb_m", "rmb_m"), ("_sqm", "sqm"), ("_pct", "pct"), ("_m", "m"))

# The units each field's own unit is written as, compared folded (`_fold`).
OWN: dict[str, frozenset[str]] = {
    "sqm": frozenset({"平方米", "平米", "㎡", "m²", "m2", "sqm", "sq.m", "sq.m."}),
    "m": frozenset({"米", "m", "metres", "meters"}),
    "pct": frozenset({"%"}),
    "rmb_m": frozenset({"百万元", "百万", "millionrmb", "rmbmillion"}),
}
# Units of other quantities, said to be wrong rather than "not a number": what a dealer
# types when the form's unit was missed.
_OTHER = frozenset(
    {
        *(u for units in OWN.values() for u in units),
        *("元", "万元", "亿元", "千元", "万", "亿", "千", "rmb", "cny", "yuan", "k"),
        *("cm", "mm", "km", "厘米", "毫米", "公里", "千米", "ft", "feet", "sqft", "平方英尺"),
        *("亩", "公顷", "ha", "平方公里", "km2", "km²"),
        *("‰", "个", "家", "辆", "台", "次", "人", "名", "年", "个月"),
    }
)

_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# A number, then text that starts with neither a digit nor a separator: its unit.
_WITH_UNIT = re.compile(r"(?P<number>[+-]?[0-9.,][0-9., \u00a0\u202f]*?)\s*(?P<unit>[^0-9.,\s].*)")


# Percentages for which a value below 1 % is not believable, so that a plain 0.58 can only
# be a fraction (58 %) typed without the cell's % format: a debt ratio. A regional market
# share below 1 % is common (the sample export holds 0.2-0.8 %), so it is not warned.
FRACTION_UNLIKELY = frozenset({"finance.debt_ratio_pct"})


def unit_of(field: str) -> str | None:
    """The unit of a field by its name ('sqm', 'm', 'rmb_m', 'pct'); None for a plain number."""
    name = field.rsplit(".", 1)[-1]
    return next((unit for suffix, unit in _SUFFIXES if name.endswith(suffix)), None)


def half_width(text: str) -> str:
    """Full-width ASCII forms (digits, signs, letters, the ideographic space) as ASCII."""
    return text.translate(_FULL_WIDTH)


def _fold(unit: str) -> str:
    return "".join(unit.split()).casefold().replace("％", "%")


def split_unit(text: str) -> tuple[str, str] | None:
    """(number, unit) of a text such as '3,500 ㎡' (after `half_width`), when what follows
    the number is a unit this module knows; None for anything else (left to the number
    reader, which says it is not a number)."""
    found = _WITH_UNIT.fullmatch(text.strip())
    if found is None or _fold(found["unit"]) not in _OTHER:
        return None
    return found["number"].strip(), found["unit"]


def is_own(field: str, unit: str) -> bool:
    """The unit is the field's own (so the number is read as written)."""
    own = unit_of(field)
    return own is not None and _fold(unit) in OWN[own]


def has_percent(text: str) -> bool:
    """The text is written as a percentage: a number followed by % (or ％)."""
    split = split_unit(half_width(text))
    return split is not None and _fold(split[1]) == "%"


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text and [colour] in a format


def is_percent_format(code: str | None) -> bool:
    """An Excel number format that shows a number times 100 with % ('0%', '0.00%')."""
    return bool(code) and "%" in _QUOTED.sub("", code or "")
