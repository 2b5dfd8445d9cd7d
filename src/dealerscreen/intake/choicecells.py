"""A cell of an enumeration field (site.tenure, standing.kind): its code or its words.

An applicant file writes `site.tenure: leased`; a form in Chinese offers 租赁 in its
drop-down, and a dealer types what the form shows. So a cell of such a field is read as
the value's code, or as its words in any language the tool speaks (valuetext.py: "leased",
"租赁"), compared exactly after trimming and full-width folding; anything else is left to
the reader, which says which values the field takes. Words are matched per field: 租赁 is
`leased` in site.tenure and `lease` in evidence[].document.
"""

from __future__ import annotations

import functools
import re

from dealerscreen.i18n import valuetext
from dealerscreen.i18n.langs import SPOKEN
from dealerscreen.intake import units
from dealerscreen.intake.formfields import enumerations
from dealerscreen.models.problems import Listed

_INDEX = re.compile(r"\[\d+\]")


@functools.cache
def _readings() -> dict[str, dict[str, str]]:
    """{field key: {code or words: code}}; words two values of one field share are left out
    (neither value can be known from them)."""
    out: dict[str, dict[str, str]] = {}
    for key, values in enumerations().items():
        found: dict[str, set[str]] = {}
        for value in values:
            for text in (value, *(valuetext.label(value, lang) for lang in SPOKEN)):
                found.setdefault(_folded(text), set()).add(value)
        out[key] = {text: next(iter(codes)) for text, codes in found.items() if len(codes) == 1}
    return out


def _folded(text: str) -> str:
    return units.half_width(text).strip()


def choices_of(field: str) -> tuple[str, ...]:
    """The values of an enumeration field, by its path as a mapping writes it
    ("brand_agencies[0].store_type"); () for any other field."""
    return enumerations().get(_INDEX.sub("[]", field), ())


def read_choice(field: str, text: str) -> str | None:
    """The code a cell of `field` means (its code, or its words in a language the tool
    speaks); None when it means none of the field's values."""
    return _readings().get(_INDEX.sub("[]", field), {}).get(_folded(text))


def listed(values: tuple[str, ...]) -> Listed:
    """The values as a message lists them: "'owned', 'leased' or 'none'" (a translation
    shows each in its words: problemtext)."""
    return Listed(values, as_values=True)
