"""A language's punctuation and order of words, as its translator writes them: English
here, the others in the catalogs (msgctxt "report:punct.*"). One place for the reports'
labels (words/labels.py takes these into its catalogue) and for what is said on stderr
or in a history, which must not load the labels (they bring the criteria models).

A view asks these, never which language it speaks: a new language's catalog says how it
writes (tests/test_new_language.py). "punct.space" is what stands between two words or
sentences (none in Chinese): a template, as a catalog cannot hold an empty translation.
"lang.tag" is the language's tag in a document (html lang)."""

from __future__ import annotations

from dealerscreen.i18n.catalogs import translated

EN: dict[str, str] = {
    "punct.colon": ": ",
    "punct.list": ", ",
    "punct.paren": " ({text})",
    "punct.names": "{first}{sep}{other}",
    "punct.comma": ", ",  # between clauses ("，")
    "punct.semicolon": "; ",  # between items that hold commas ("；")
    "punct.space": "{before} {after}",
    "lang.tag": "en",
    "ordinal": "{n}th",  # English's by its rule (1st, 2nd, 3rd, 4th: words/labels.py `ordinal`)
}


def punct(lang: str, key: str) -> str:
    """One of them in `lang` ("punct.colon": ": ", in Chinese "：")."""
    return translated(lang, "report:", {key: EN[key]})[key]


def space(lang: str) -> str:
    """What stands between two words or sentences in `lang`: " ", in Chinese nothing."""
    return punct(lang, "punct.space").format(before="", after="")
