"""The rule-explanation catalogues: same keys and placeholders in every language."""

from __future__ import annotations

import string

from dealerscreen.rules.phrases import CATALOGUES, EN, Phrases


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    for lang, catalogue in CATALOGUES.items():
        assert catalogue.keys() == EN.keys(), lang
        for key, template in catalogue.items():
            assert _fields(template) == _fields(EN[key]), (lang, key)


def test_booleans_are_shown_in_the_readers_language() -> None:
    assert (Phrases("en").show(True), Phrases("zh").show(False)) == ("yes", "否")
    assert Phrases("zh").show(3000.0) == "3000"
