"""A language's punctuation and order of words, as its translator writes them: English
here, the others in the catalogs (msgctxt "report:punct.*"). One place for the reports'
labels (words/labels.py takes these into its catalogue) and for what is said on stderr
or in a history, which must not load the labels (they bring the criteria models)."""

from __future__ import annotations

from dealerscreen.i18n.catalogs import translated

EN: dict[str, str] = {
    "punct.colon": ": ",
    "punct.list": ", ",
    "punct.paren": " ({text})",
    "punct.names": "{first}{sep}{other}",
    "ordinal": "{n}th",  # English's by its rule (1st, 2nd, 3rd, 4th: words/labels.py `ordinal`)
}


def punct(lang: str, key: str) -> str:
    """One of them in `lang` ("punct.colon": ": ", in Chinese "：")."""
    return translated(lang, "report:", {key: EN[key]})[key]
