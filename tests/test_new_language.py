"""Adding a language is a catalog and a line in the language list (i18n/langs.py SPOKEN):
with a copy of the Chinese catalog under a new name and that name added to the list, the
new language says what Chinese says, with no other edit: the form's labels, units and
descriptions, the reports' punctuation and word order, the usage errors and the help."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from dealerscreen.i18n import catalogs, criteriatext, langs, problemtext
from dealerscreen.intake.formfields import form_fields
from dealerscreen.models import lazytext
from dealerscreen.programme.boards import act_text, city_names
from dealerscreen.rules import phrases
from dealerscreen.words.evidence_words import fact_name
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import Messages, ordinal
from dealerscreen.words.letters import LetterKind, texts
from dealerscreen.words.letters.texts import say
from dealerscreen.words.letters.writer import fact_label
from tests.conftest import CHECKS, ROOT, CliResult

Cli = Callable[..., CliResult]
NEW = "xx"  # no language's tag: only what the catalog and the list give it can make it speak


def _clear() -> None:
    for cached in (catalogs.translations, problemtext._texts, criteriatext.words, texts.catalogue):
        cached.cache_clear()
    for by_lang in (phrases.CATALOGUES, phrases.TAGS, lazytext.separators):
        by_lang.pop(NEW, None)


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


# The whole of what a reader is sent, in the new language: with the data that exists in
# Chinese only set aside (the applicants' Chinese names, the profile's translations, the
# lists' Chinese names), what the new language writes is what Chinese writes, byte for
# byte. A view that still asked whether the language is Chinese would write the new one
# in English forms (its punctuation, date, letter layout, document tag, ...) and differ.


def _without_chinese_data(data: Any) -> Any:
    if isinstance(data, dict):
        kept = {k: v for k, v in data.items() if k not in ("translations", "chinese_name")}
        if "en" in kept:  # texts by language: {en: ..., zh: ...}
            kept.pop("zh", None)
        return {k: _without_chinese_data(v) for k, v in kept.items()}
    if isinstance(data, list):
        return [_without_chinese_data(v) for v in data]
    return data


# libyaml where PyYAML has it: the same data and text as yaml.safe_load and safe_dump, made
# many times faster (the samples and criteria are read and written again for this module)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _copy_without_chinese_data(source: Path, target: Path) -> Path:
    for path in [source] if source.is_file() else sorted(source.rglob("*.yaml")):
        out = target / path.relative_to(source.parent if source.is_file() else source)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        plain = yaml.dump(_without_chinese_data(data), Dumper=DUMPER, allow_unicode=True)
        out.write_text(plain, "utf-8")
    return target / source.name if source.is_file() else target


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The samples, the shipped criteria and the letters settings with no Chinese data."""
    tmp = tmp_path_factory.mktemp("plain")
    criteria = _copy_without_chinese_data(ROOT / "criteria", tmp / "criteria")
    applicants = _copy_without_chinese_data(ROOT / "samples" / "applicants", tmp / "a")
    few = tmp / "few"  # a Word letter is slow to write: its layout shows in a few
    few.mkdir()
    for path in sorted(applicants.iterdir())[:6]:
        shutil.copy(path, few)
    return {
        "applicants": str(applicants),
        "few": str(few),
        "criteria": str(criteria / "xiaomi-2s-2024.yaml"),
        "settings": str(
            _copy_without_chinese_data(ROOT / "samples" / "letters-settings.yaml", tmp)
        ),
    }


def _both(cli: Cli, lang: str, *args: str) -> tuple[CliResult, CliResult]:
    """The run in Chinese and in `lang`; each succeeds."""
    zh, new = (cli(*args, "--lang", speaking) for speaking in ("zh", lang))
    assert zh.exit_code == new.exit_code == 0, new
    return zh, new


@pytest.mark.parametrize("fmt", ["markdown", "html", "xlsx", "csv"])
def test_the_reports_in_the_new_language(
    new_language: str, cli: Cli, plain: dict[str, str], fmt: str
) -> None:
    run = ("screen", plain["applicants"], "-c", plain["criteria"], "-f", fmt, *CHECKS)
    zh, new = _both(cli, new_language, *run)
    assert new.stdout_bytes == zh.stdout_bytes and new.stderr == zh.stderr


@pytest.mark.parametrize("fmt", ["markdown"])
def test_diff_in_the_new_language(
    new_language: str, cli: Cli, plain: dict[str, str], fmt: str
) -> None:
    later = str(Path(plain["criteria"]).with_name("xiaomi-2s-2025-expansion.yaml"))
    run = ("diff", "--base", plain["criteria"], "-c", later, plain["applicants"], "-f", fmt)
    zh, new = _both(cli, new_language, *run)
    assert new.stdout == zh.stdout and new.stderr == zh.stderr


def test_explain_in_the_new_language(new_language: str, cli: Cli, plain: dict[str, str]) -> None:
    for path in sorted(Path(plain["applicants"]).iterdir())[:4]:
        zh, new = _both(cli, new_language, "explain", str(path), "-c", plain["criteria"], *CHECKS)
        assert new.stdout == zh.stdout, path


@pytest.mark.parametrize("fmt", ["xlsx", "yaml"])
def test_the_application_form_in_the_new_language(
    new_language: str, cli: Cli, plain: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    forms = {}
    for lang in ("zh", new_language, "en"):
        out = tmp_path / f"form-{lang}.{fmt}"
        made = cli("template", "-f", fmt, "-c", plain["criteria"], "--lang", lang, "-o", str(out))
        assert made.exit_code == 0, made
        forms[lang] = out.read_bytes()
    assert forms[new_language] == forms["zh"] != forms["en"]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_letters_of_every_kind_in_the_new_language(
    new_language: str, cli: Cli, plain: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    letters = {}
    for lang in ("zh", new_language, "en") if fmt == "md" else ("zh", new_language):
        out = tmp_path / "letters" / lang
        applicants = plain["few" if fmt == "docx" else "applicants"]
        args = ("letters", applicants, "-c", plain["criteria"], "-f", fmt, "-o", str(out))
        made = cli(*args, "--settings", plain["settings"], "--with-points", "--lang", lang, *CHECKS)
        assert made.exit_code == 0, made
        letters[lang] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert letters[new_language] == letters["zh"] != letters.get("en")
    if fmt == "md":  # the samples hold each kind of letter: each is written
        said = b"".join(letters[new_language].values()).decode()
        for kind in LetterKind:
            parts = say(new_language, f"subject.{kind.value}", programme="|", id="|", city="|")
            assert any(
                all(p in letter for p in parts.split("|")) for letter in said.split("\n# ")
            ), kind


def test_the_programme_history_and_board_in_the_new_language(new_language: str) -> None:
    detail = {"fact": "site.building_area_sqm", "value": 3200, "document": "lease"}
    act = {"event": "verify", "act": 3, "by": "li", "detail": detail | {"reference": "R-1"}}
    act["detail"]["expires"] = "2030-01-31"  # two remarks: joined as the language joins them
    assert act_text(act, new_language) == act_text(act, "zh") != act_text(act, "en")
    found = {  # status/2: the cities of the pipeline, their Chinese names where known
        "pipeline": {"Suzhou": {}, "Wuxi": {}},
        "applicants": [{"city": "Wuxi"}],
        "city_zh": {"Suzhou": "苏州"},
    }
    assert city_names(found, "zh") == {"Suzhou": "苏州", "Wuxi": "Wuxi"}
    # a city's name exists in Chinese only: the new language reads it as written
    assert city_names(found, new_language) == {"Suzhou": "Suzhou", "Wuxi": "Wuxi"}


# Its own ways, where they are not Chinese's: a view that took Chinese's for any language
# but English would write these in Chinese forms.
OWN_WAYS = {  # msgctxt: the new language's way
    "report:punct.comma": "‚ ",
    "report:punct.semicolon": "⁏ ",
    "report:punct.space": "{before}␣{after}",
    "report:lang.tag": "xx-XX",
    "report:form.line_pt": "19",
    "letter:date.long": "{day}/{month}/{year}",
    **{f"letter:month.{n}": f"M{n}" for n in range(1, 13)},
    "letter:layout.dated": "top",
    "letter:docx.latin_tag": "xx-Latn",
}


@pytest.fixture
def own_ways(new_language: str) -> str:
    po = catalogs.LOCALE_DIR / new_language / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        message.string = OWN_WAYS.get(message.context or "", message.string)
    with po.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog)
    _clear()
    return new_language


def test_the_new_language_writes_in_its_own_ways(
    own_ways: str, cli: Cli, plain: dict[str, str], tmp_path: Path
) -> None:
    def run(*args: str) -> CliResult:
        done = cli(*args, "-c", plain["criteria"], "--lang", own_ways)
        assert done.exit_code == 0, done
        return done

    screen = ("screen", plain["applicants"], *CHECKS, "-f")
    assert '<html lang="xx-XX">' in run(*screen, "html").stdout
    assert "‚ " in run(*screen, "markdown").stdout  # "tier, total" in the cities' lists
    form = tmp_path / "form.xlsx"
    run("template", "-f", "xlsx", "-o", str(form))
    heights = [r.height for r in load_workbook(form).active.row_dimensions.values() if r.height]
    assert 19 + 2 in heights and 16 + 2 not in heights, heights  # a question of one line
    folder = tmp_path / "letters"
    run("letters", plain["applicants"], *CHECKS, "-o", str(folder), "--settings", plain["settings"])
    letters = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    assert any("⁏ " in letter for letter in letters)  # facts, or documents, in a row
    assert any("␣" in letter for letter in letters)  # a basis and its rationale
    for letter in letters:  # dated at the top, 2 January 2024 in its form
        assert "2/M1/2024" in letter.split("\n\n")[1], letter[:200]
    run(
        "letters",
        plain["few"],
        *CHECKS,
        "-o",
        str(folder),
        "-f",
        "docx",
        "--settings",
        plain["settings"],
    )
    docx = next(folder.glob("*.docx"))
    with zipfile.ZipFile(docx) as z:
        assert 'w:val="xx-Latn"' in z.read("word/styles.xml").decode()


def test_no_view_asks_whether_the_language_is_chinese() -> None:
    """A language's ways are its catalog's, its data picked by langs.localised: a switch
    on the language's name makes a new language write in English forms."""
    asks = re.compile(
        r"""[!=]=\s*["']zh["']|["']zh["']\s*[!=]=|in\s*\(\s*["']en["'],\s*["']zh["']"""
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "src" / "dealerscreen").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if asks.search(line)
    ]
    assert found == []
