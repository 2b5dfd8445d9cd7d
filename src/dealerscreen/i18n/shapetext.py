"""What is still read back by its shape: click's usage errors (clitext), which click
writes in English with no catalog. Problems, why a case failed and what a coverage item
is are not: they carry their key and values (problemtext.py, criteriatext.shape).
"""

from __future__ import annotations

import functools
import re
import string

from dealerscreen.i18n import clitext, problemtext
from dealerscreen.i18n.catalogs import translated

_FORMAT = string.Formatter()
BY_PREFIX = {"cli:": clitext.EN, "pydantic:": problemtext.PYDANTIC}
FRAMES = {"cli:usage", "cli:try", "cli:error"}  # the frame around a message, not a message


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    seen = set()
    for literal, name, _spec, _conv in _FORMAT.parse(template):
        parts.append(re.escape(literal))
        if name in seen:  # the same value again
            parts.append(f"(?P={name})")
        elif name:
            seen.add(name)
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts) + r"\Z", re.S)


@functools.cache
def _templates(lang: str, section: str) -> list[tuple[str, re.Pattern[str], str]]:
    """(longest fixed part, English pattern, translation), the most specific first."""
    english = BY_PREFIX[section]
    pairs = [
        (source, target)
        for (key, source), target in zip(
            english.items(), translated(lang, section, english).values(), strict=True
        )
        if section + key not in FRAMES
    ]
    literal = {e: sum(len(lit) for lit, *_ in _FORMAT.parse(e)) for e, _ in pairs}
    pairs.sort(key=lambda pair: ("{rest}" not in pair[0], -literal[pair[0]]))
    return [
        (max((lit for lit, *_ in _FORMAT.parse(e)), key=len), _pattern(e), target)
        for e, target in pairs
        if target != e
    ]


def translate(message: str, lang: str, section: str) -> str:
    """`message` in `lang` when it has one of the section's shapes; else as it is."""
    if lang == "en" or not message:
        return message
    framed = None
    for fixed, pattern, target in _templates(lang, section):
        if fixed not in message:
            continue
        found = pattern.match(message)
        if found is None:
            continue
        values = found.groupdict()
        if "expected" in values and lang == "zh":  # click's list of choices
            values["expected"] = (
                values["expected"].replace("' or '", "'或'").replace("', '", "'、'")
            )
        if "rest" in values:
            inner = translate(values["rest"], lang, section)
            if inner == values["rest"]:
                framed = framed or target.format(**values)
                continue
            values["rest"] = inner
        return target.format(**values)
    if section == "cli:" and framed is None:  # a value's message inside click's frame
        return translate(message, lang, "pydantic:")
    return framed or message
