"""Adding a language is a catalog and a line in the language list (i18n/langs.py SPOKEN):
with a copy of the Chinese catalog under a new name and that name added to the list, the
new language says what Chinese says, with no other edit: the form's labels, units and
descriptions, the reports' punctuation and word order, the usage errors and the help."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dealerscreen.i18n import catalogs, criteriatext, langs, problemtext
from dealerscreen.intake.formfields import form_fields
from dealerscreen.words.evidence_words import fact_name
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import Messages, ordinal
from dealerscreen.words.letters.writer import fact_label
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
NEW = "xx"  # no language's tag: only what the catalog and the list give it can make it speak


def _clear() -> None:
    for cached in (catalogs.translations, problemtext._texts, criteriatext.words):
        cached.cache_clear()


@pytest.fixture
def new_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The two steps, and nothing else: the catalog (the Chinese one copied, as a
    translator starts) and the line in the list."""
    for lang in ("zh", NEW):
        shutil.copytree(catalogs.LOCALE_DIR / "zh", tmp_path / lang)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(langs, "SPOKEN", (*langs.SPOKEN, NEW))
    _clear()
    yield NEW
    _clear()


def test_the_new_language_is_spoken(new_language: str) -> None:
    assert langs.parse(new_language) == new_language
    assert langs.from_environment({"LANG": f"{new_language}_XX.UTF-8"}) == new_language


def test_the_forms_words_in_the_new_language(new_language: str) -> None:
    for field in form_fields():
        assert field.label(new_language) == field.label("zh") != field.label("en"), field.key
        assert field.unit(new_language) == field.unit("zh"), field.key
        assert field.description(new_language) == field.description("zh"), field.key
        said = (fact_label(field.path, new_language), fact_name(field.key, new_language))
        assert said == (fact_label(field.path, "zh"), fact_name(field.key, "zh")), field.key
    new, zh = Messages(new_language), Messages("zh")
    assert fact_value("site.building_area_sqm", 3200, new) == fact_value(
        "site.building_area_sqm", 3200, zh
    )


def test_the_reports_punctuation_in_the_new_language(new_language: str) -> None:
    new, zh = Messages(new_language), Messages("zh")
    assert new.lang == new_language
    assert (new.colon, new.list_sep, new.paren("a"), new.names("Suzhou", "苏州")) == (
        zh.colon,
        zh.list_sep,
        zh.paren("a"),
        zh.names("Suzhou", "苏州"),
    )
    assert new("yes") == zh("yes") and ordinal(3, new_language) == ordinal(3, "zh")


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--bogus", str(ROOT / "samples" / "applicants")],
        ["screen", str(ROOT / "samples" / "applicants"), "-f", "nope"],
        ["scren"],
        ["screen", "--help"],
        ["programme", "init", "--help"],
    ],
)
def test_the_command_line_in_the_new_language(new_language: str, cli: Cli, args: list[str]) -> None:
    """Usage errors and --help, asked for with --lang."""
    new, zh = cli(*args, "--lang", new_language), cli(*args, "--lang", "zh")
    assert (new.exit_code, new.stdout, new.stderr) == (zh.exit_code, zh.stdout, zh.stderr)
    assert "用法：" in new.stdout + new.stderr
