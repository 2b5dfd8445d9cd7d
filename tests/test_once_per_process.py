"""What a process works out once and then reuses: a parsed criteria file (by its path and
the digest of its bytes, so an edited file is parsed again), the application form's
fields and enumerations (read off the model, a class), and the template's mapping per
language (keyed on the language's catalog too). Each memo answers what a fresh
derivation answers, and an edit between two calls in one process is seen."""

from __future__ import annotations

import gettext
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria import loading
from dealerscreen.criteria.catalog import CRITERIA_MAX_BYTES
from dealerscreen.criteria.loading import load_profile
from dealerscreen.i18n import catalogs
from dealerscreen.i18n.langs import SPOKEN
from dealerscreen.intake import formfields
from dealerscreen.intake.formfields import enumerations, form_fields
from dealerscreen.intake.mapping import parse_mapping
from dealerscreen.models.applicant import Applicant
from dealerscreen.reference.lists import ReferenceListFile
from dealerscreen.words.form import mapping_text, template_form, template_mapping
from dealerscreen.yamlsource import parse_yaml
from dealerscreen.yamlsource.sourcefile import read_text
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
PROFILE = ROOT / "criteria" / "xiaomi-2s-2024.yaml"
CITIES = ROOT / "criteria" / "reference" / "cities-xiaomi-2s-2024.yaml"


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as many bytes) and put the modification time back: only
    the bytes tell the two versions apart."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.fixture
def criteria(tmp_path: Path) -> Path:
    """A copy of the shipped profile and its reference lists, to edit."""
    shutil.copytree(
        ROOT / "criteria", tmp_path / "criteria", ignore=shutil.ignore_patterns("tests")
    )
    return tmp_path / "criteria" / PROFILE.name


def test_a_profile_is_parsed_once_and_again_when_edited(criteria: Path) -> None:
    first = load_profile(str(criteria))
    again = load_profile(str(criteria))
    assert again.document is first.document  # unchanged: the parse is reused
    title = first.profile.title
    _same_size_edit(criteria, f"title: {title}", f"title: {title[::-1]}")
    edited = load_profile(str(criteria))
    assert edited.profile.title == title[::-1]
    assert edited.files[criteria.name] != first.files[criteria.name]
    assert edited.document is not first.document


def test_an_edited_reference_list_is_read_again(criteria: Path) -> None:
    cities = criteria.parent / "reference" / CITIES.name
    first = load_profile(str(criteria))
    entry = first.references["cities"].spec.entries[0]
    name = entry.name["en"]
    _same_size_edit(cities, f"en: {name}", f"en: {name.upper()}")
    edited = load_profile(str(criteria))
    assert edited.references["cities"].spec.entries[0].name["en"] == name.upper()
    assert edited.reference_docs["cities"] is not first.reference_docs["cities"]
    assert edited.references["brands"] is first.references["brands"]  # its index is reused
    assert edited.document is first.document  # the profile itself did not change


def test_the_memo_keeps_a_few_small_files(criteria: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-lived process keeps at most _PARSED_MAX parsed files, and none larger than
    _PARSED_MAX_CHARS: those are parsed at each load, as before."""
    monkeypatch.setattr(loading, "_PARSED", {})
    monkeypatch.setattr(loading, "_LISTS", {})
    monkeypatch.setattr(loading, "_PARSED_MAX", 2)
    load_profile(str(criteria))  # the profile and its three lists
    assert len(loading._PARSED) == 2 and len(loading._LISTS) <= 2
    # Nearly full of other files: the profile's own lists push out the oldest, not it
    monkeypatch.setattr(loading, "_PARSED_MAX", 32)
    doc = next(iter(loading._PARSED.values()))
    monkeypatch.setattr(loading, "_PARSED", {(f"other{n}", ""): doc for n in range(31)})
    first, again = load_profile(str(criteria)), load_profile(str(criteria))
    assert again.document is first.document and len(loading._PARSED) == 32
    size = len(criteria.read_text(encoding="utf-8"))
    monkeypatch.setattr(loading, "_PARSED_MAX_CHARS", size - 1)
    monkeypatch.setattr(loading, "_PARSED", {})
    first, again = load_profile(str(criteria)), load_profile(str(criteria))
    assert again.document is not first.document
    assert again.references["brands"] is first.references["brands"]  # a small list is kept


def test_no_command_writes_into_a_parsed_file(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load shares a parsed file's data: a reader that changed it would change the
    next load. After whole commands (a base profile, one that extends it, every report
    shape that reads the profile), each parsed file still equals a fresh parse."""
    monkeypatch.setattr(loading, "_PARSED", {})
    monkeypatch.setattr(loading, "_LISTS", {})
    samples = str(ROOT / "samples" / "applicants")
    expansion = str(ROOT / "criteria" / "xiaomi-2s-2025-expansion.yaml")
    for args in (
        ("screen", samples, "-f", "json", "--no-cache"),
        ("screen", samples, "-c", expansion, "-f", "html", "--no-cache"),
        ("explain", str(ROOT / "samples" / "applicants" / "changsha-yuelu-xintai.yaml")),
        ("sensitivity", samples, "--no-cache"),
        ("validate", str(ROOT / "criteria")),
    ):
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
    assert len(loading._PARSED) >= 6 and len(loading._LISTS) >= 3  # two profiles, their lists
    for (path, digest), doc in loading._PARSED.items():
        source = read_text(path, CRITERIA_MAX_BYTES)
        assert source.sha256 == digest
        assert doc.data == parse_yaml(source.text, path).data, path
    for (path, _), made in loading._LISTS.items():
        fresh = ReferenceListFile.model_validate(parse_yaml(read_text(path).text, path).data)
        assert made.spec == fresh, path


def test_the_forms_fields_once_equal_a_fresh_walk_of_the_model() -> None:
    fresh = list(formfields._walk(Applicant, "", "", None))
    assert form_fields() == fresh
    mine = form_fields()
    mine.clear()  # each caller has its own list
    assert form_fields() == fresh
    assert enumerations() is enumerations()  # made once
    assert dict(enumerations()) == {
        f.key: f.choices
        for f in fresh
        if f.type == "str" and f.choices and f.key != formfields.FACT_FIELD
    }
    assert enumerations()["site.tenure"]
    with pytest.raises(TypeError):  # shared by every caller: read-only
        enumerations()["site.tenure"] = ()  # type: ignore[index]


def test_the_template_mapping_once_equals_a_fresh_parse() -> None:
    compiled = load_criteria(str(PROFILE))
    form = template_form(compiled)
    for lang, made in zip(SPOKEN, form.mappings, strict=True):
        title = f"{compiled.profile.title} ({lang})"
        once = template_mapping(lang, catalogs.translations(lang), title)
        assert template_mapping(lang, catalogs.translations(lang), title) is once
        fresh = parse_mapping(mapping_text(form_fields(), lang, title), f"template ({lang})")
        assert once == fresh
        assert made.columns == fresh.columns and made.constants == fresh.constants


class _Renamed(gettext.NullTranslations):
    """The Chinese catalog with one label changed, as a translator's edit would."""

    def __init__(self, inner: gettext.NullTranslations, key: str, text: str) -> None:
        super().__init__()
        self.inner, self.key, self.text = inner, key, text

    def pgettext(self, context: str, message: str) -> str:
        return self.text if context == self.key else self.inner.pgettext(context, message)


def test_a_catalog_read_afresh_makes_the_template_mapping_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled = load_criteria(str(PROFILE))
    zh = SPOKEN.index("zh")
    before = {c.header for c in template_form(compiled).mappings[zh].columns}
    original = catalogs.translations
    renamed = _Renamed(original("zh"), "form:label.site.tenure", "场地（改）")
    monkeypatch.setattr(
        catalogs, "translations", lambda lang: renamed if lang == "zh" else original(lang)
    )
    after = {c.header for c in template_form(compiled).mappings[zh].columns}
    assert after - before == {"场地（改）"}
    assert len(before - after) == 1
