"""The translations, read from gettext message catalogs shipped with the package.

English is the source language and lives in Python next to the code that uses it (the
`EN` dicts); every other language is a catalog a translator edits without Python:
`locale/<lang>/LC_MESSAGES/dealerscreen.po`, one entry per text, its msgctxt the text's
key (so two texts with the same English words can still be translated apart), its msgid
the English, its msgstr the translation. The compiled `.mo` beside it is what runs: the
standard library's `gettext` reads it in about a millisecond, so Babel, which manages the
catalogs (`python3 dev.py catalog`), is only a development tool and start-up stays fast.

A text the catalog does not have yet comes back in English (gettext's own fallback);
tests/test_catalogs.py fails while any key has no translation.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "dealerscreen"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; no translation at all for English (the source)."""
    if lang == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    except OSError:  # no catalog for this language: every text stays English
        return gettext.NullTranslations()


def text(lang: str, key: str, english: str) -> str:
    """The text of `key` in `lang`, English when the catalog lacks it."""
    if lang == "en":
        return english
    return translations(lang).pgettext(key, english)


def translated(
    lang: str,
    section: str,
    english: dict[str, str],
    pending: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, str]:
    """A whole catalogue of one module in `lang`: `{key: text}` with the keys of the
    English one; the catalog's msgctxt of a key is `section` + key. `pending`: the
    module's inboxes by language ({"zh": ZH}), texts a branch wrote in Python that
    `python3 dev.py catalog` has not moved into the .po yet; they are used as they are."""
    if lang == "en":
        return english
    found = translations(lang)
    out = {key: found.pgettext(section + key, source) for key, source in english.items()}
    if pending:
        out.update(pending.get(lang, {}))
    return out
