"""The words rule kinds use to explain a decision: English here, other languages in the
gettext catalogs (msgctxt "rule:<key>"; i18n.py says how to add a text).

A rule picks its language when it compiles (the profile is compiled for one `--lang`), so
explanations cost no more per applicant. Field paths, list names and numbers stay as they
are: they are identifiers a reader finds in the applicant file. Both catalogues must have
the same keys and placeholders (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dealerscreen.i18n import valuetext
from dealerscreen.i18n.catalogs import translated
from dealerscreen.i18n.langs import SPOKEN
from dealerscreen.models import lazytext
from dealerscreen.models.fields import show

EN: dict[str, str] = {
    "missing": "{path} is missing",
    "missing_needs": "{path} is missing (needs {sym} {wanted})",
    "needs": "{path} = {fact} (needs {sym} {wanted})",
    "list_missing": "{path} is missing (needs an entry of {what})",
    "not_in_list": "{path} = {fact} is not in {list}{hint}",
    "closest": " (did you mean {names}?)",
    "not_tagged": "{path} = {fact} ({name}) is not tagged {tag}",
    "in_list": "{path} = {shown} is in {what}",
    "listed": "{path} = {shown}: {attr} {found} on {list} (needs {op} {value})",
    "not_given": "{path} is not given",
    "given": "{path} is given",
    "none_holds": "none holds: {text}",
    "negated": "not: {text}",
    "items_match": "{path}: {n} of {total} items match (needs {need})",
    "items_nearest": "{path}: no item qualifies (needs {need}); nearest: {text}",
    "items": "{path}: {text}",
    "band": "{path} = {fact} in band {band}",
    "no_band": "{path} = {fact} is in no band",
    "any_value": "any value",
    "step": "{path} = {fact} {sym} {at}",
    "no_step": "{path} = {fact} reaches no step",
    "lookup": "{path} = {fact}",
    "not_in_table": "{path} = {fact} (not in table)",
    "scale": "{path} = {fact} on a scale {lo} → {hi}",
    "reviewed": "{review}: reviewers' average {fact} ({n} reviewer(s)) on a scale {lo} → {hi}",
    "not_reviewed": "{review}: not yet reviewed",
    "case": "{label}: {text}",
    "no_case": "no case holds",
    "op_in": "in",
    "op_not_in": "not in",
    "yes": "yes",
    "no": "no",
    "choices": "[{items}]",
    "list_sep": ", ",
    "join_sep": "; ",
    "required_title": "{title} (required fact)",
    "required_reason": "A fact {title} needs is missing: {facts}.",
    "review_required_title": "{title} (review required)",
    "review_required_reason": "{title} is not yet reviewed: not eligible until the team's review.",
    "list_tag": "{list} ({tag})",
    "named": "{fact} ({name})",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`

# Each language's phrases from its catalog (ZH: texts not yet moved into the .po), with
# their tags and the separator of joined texts: those of langs.SPOKEN now, a language
# added later when first asked for (`_catalogue`).
CATALOGUES: dict[str, dict[str, str]] = {}
# One tag object per phrase, so that a pickle of many lazy texts writes each tag once.
TAGS: dict[str, dict[str, str]] = {}


def _catalogue(lang: str) -> dict[str, str]:
    found = CATALOGUES.get(lang)
    if found is None:
        found = CATALOGUES[lang] = translated(lang, "rule:", EN, {"zh": ZH})
        TAGS[lang] = {key: f"{lang}:{key}" for key in found}
        lazytext.separators[lang] = found["join_sep"]
    return found


for _lang in SPOKEN:
    _catalogue(_lang)


# Rendered phrases, by everything their text depends on (`_memo_key`): a batch's
# applicants share most of them (2,000 synthetic ones: 79,000 phrases, 13,000 distinct).
MEMO_MAX = 1 << 15  # phrases remembered (a few MB); past this many the memo starts again
_MEMO: dict[tuple[Any, ...], str] = {}
_PLAIN = frozenset({str, int, bool, type(None)})
# A `fact` is shown by `Phrases.show`, which gives equal numbers of one type alike
# (Decimal 1.5 and 1.50 both "1.5", -0.0 and 0.0 both "0"); `str.format` would not.
_SHOWN = _PLAIN | {float, Decimal}


def _memo_key(template: str, lang: str, values: dict[str, Any]) -> tuple[Any, ...] | None:
    """The template, the language (a fact's words: yes/no, a category's label), and each
    value with its name and type (True == 1, but reads "yes"); None when a value's text
    could differ between equal values, or it is a joined text (not remembered: its parts
    are)."""
    parts: list[Any] = [template, lang]
    for name, value in values.items():
        kind = type(value)
        if kind not in (_SHOWN if name == "fact" else _PLAIN):
            return None
        parts += (name, kind, value)
    return tuple(parts)


def _render(lang: str, key: str, values: dict[str, Any]) -> str:
    """A lazy phrase (see lazytext.py) in words; a value named ``fact`` is shown as written."""
    template = (CATALOGUES.get(lang) or _catalogue(lang))[key]
    memo = _memo_key(template, lang, values)
    if memo is not None:
        found = _MEMO.get(memo)
        if found is not None:
            return found
    shown = dict(values)
    if "text" in values:
        shown["text"] = lazytext.text_of(values["text"])
    if "fact" in values:
        shown["fact"] = (_SAY.get(lang) or Phrases(lang)).show(values["fact"])
    text = template.format(**shown)
    if memo is not None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        _MEMO[memo] = text
    return text


lazytext.render_phrase = _render


@dataclass(frozen=True)
class Phrases:
    lang: str = "en"

    def __call__(self, key: str, **values: Any) -> str:
        return (CATALOGUES.get(self.lang) or _catalogue(self.lang))[key].format(**values)

    def later(self, key: str, **values: Any) -> tuple[str, dict[str, Any]]:
        """The phrase, formatted when read (a value named ``fact`` is shown by `show`, one
        named ``text`` is a `Text`)."""
        tags = TAGS.get(self.lang)
        if tags is None:
            _catalogue(self.lang)
            tags = TAGS[self.lang]
        return (tags[key], values)

    def show(self, value: Any) -> str:
        """A fact as a reader writes it, with yes/no in the reader's language, and an
        enumeration's value in its words ('leased' reads 租赁 in Chinese)."""
        if isinstance(value, bool):
            return self("yes" if value else "no")
        if isinstance(value, str) and self.lang != "en":
            return valuetext.label(value, self.lang)
        return show(value)

    def choices(self, values: list[Any]) -> str:
        """'[owned, leased]'; in Chinese '自有、租赁'."""
        return self("choices", items=self("list_sep").join(self.show(v) for v in values))


_SAY = {lang: Phrases(lang) for lang in CATALOGUES}  # one per language, not one per phrase
