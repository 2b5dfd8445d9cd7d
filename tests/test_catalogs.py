"""The translation catalogs: complete, in step with the English, compiled, shipped."""

from __future__ import annotations

import re
import string
import sys
import typing

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from dealerscreen.cli import helpwords
from dealerscreen.i18n import catalogs, checktext, clitext, criteriatext, problemtext, valuetext
from dealerscreen.models import numbers
from dealerscreen.models.applicant import Applicant
from dealerscreen.rules import phrases
from dealerscreen.words import labels as i18n
from dealerscreen.words import teamwords
from dealerscreen.words.letters import texts as letter_texts
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import catalog

PO = catalogs.LOCALE_DIR / "zh" / "LC_MESSAGES" / "dealerscreen.po"
ENGLISH = {
    prefix + key: text
    for prefix, module, name in catalog.SOURCES
    for key, text in getattr(sys.modules[module], name).items()
}
OPTIONAL = {"expected_plural"}  # pydantic's English plural 's': a translation drops it


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_po_and_mo_are_up_to_date() -> None:
    """`python3 dev.py catalog --check`: the .po has every English text as it is now,
    and the .mo the package reads is compiled from it."""
    assert catalog.main(["--check"]) == 0, "run: python3 dev.py catalog"


def test_no_translation_waits_in_python() -> None:
    for module in (
        i18n,
        letter_texts,
        phrases,
        problemtext,
        valuetext,
        clitext,
        checktext,
        criteriatext,
        teamwords,
        helpwords,
    ):
        for name in dir(module):
            if name == "ZH" or name.startswith("ZH_"):
                assert getattr(module, name) == {}, (
                    f"{module.__name__}.{name}: run `python3 dev.py catalog`, then empty it"
                )


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    with PO.open("rb") as f:
        po = read_po(f)
    found = {m.context: m for m in po if m.id}
    assert set(found) == set(ENGLISH)
    for key, english in ENGLISH.items():
        message = found[key]
        assert message.string, f"{key}: no Chinese text"
        assert "fuzzy" not in message.flags, f"{key}: its English changed; check the Chinese"
        assert message.id == english
        theirs, ours = _fields(message.string), _fields(english)
        assert ours - OPTIONAL <= theirs <= ours, key


def test_the_mo_holds_every_translation() -> None:
    with (PO.with_suffix(".mo")).open("rb") as f:
        mo = read_mo(f)
    assert {m.context for m in mo if m.id} == set(ENGLISH)


def test_chinese_texts_use_full_width_punctuation() -> None:
    """No ASCII comma, colon, semicolon, bracket, ? or ! against a Chinese character."""
    ascii_by_cjk = re.compile(r"[\u4e00-\u9fff][,:;()?!]|[,:;()?!][\u4e00-\u9fff]")
    for key, english in ENGLISH.items():
        zh = catalogs.text("zh", key, english)
        assert not ascii_by_cjk.search(zh), (key, zh)


def test_pydantic_says_what_the_templates_say() -> None:
    """The English of each pydantic error type is the installed pydantic's: an upgrade that
    rewords one fails here, not silently in a Chinese message."""
    from pydantic_core import PydanticCustomError, PydanticKnownError

    ctx = {
        "gt": 1, "ge": 1, "lt": 1, "le": 1, "multiple_of": 1, "min_length": 1, "max_length": 1,
        "pattern": "x", "expected": "x", "class_name": "x", "field_type": "List",
        "actual_length": 0,
    }  # fmt: skip
    own = {"bool_not_number", "number_too_large", "number_too_precise"}
    own |= {kind for kind, _ in numbers._FORMS.values()}  # YAML 1.1's other number forms
    for kind, english in problemtext.PYDANTIC.items():
        if kind in own:
            continue
        needed = {k: v for k, v in ctx.items() if "{" + k + "}" in english}
        assert PydanticKnownError(kind, needed or None).message_template == english, kind  # type: ignore[arg-type]
    assert PydanticCustomError  # the project's own types are raised in numbers.py


def _literal_strings(model: type) -> set[str]:
    found: set[str] = set()

    def walk(tp: object) -> None:
        if typing.get_origin(tp) is typing.Literal:
            found.update(a for a in typing.get_args(tp) if isinstance(a, str))
        for arg in typing.get_args(tp):
            walk(arg)
        fields = getattr(tp, "model_fields", None)
        if fields:
            for f in fields.values():
                walk(f.annotation)

    walk(model)
    return found


def test_every_enumeration_value_has_words() -> None:
    values = _literal_strings(Applicant) - valuetext.AS_WRITTEN
    assert values and values <= set(valuetext.EN), values - set(valuetext.EN)
    zh = valuetext.words("zh")
    assert zh["leased"] == "租赁" and zh["mainstream_auto_circle"] == "主流汽车商圈"


def _made() -> list[tuple[object, str, str]]:
    """Messages as the core makes them, with their English and their Chinese."""
    from dealerscreen.models.problems import Listed

    say, pydantic = problemtext.say, problemtext.pydantic
    return [
        (say("got", rest=pydantic("less_than_equal", le=100), input="140"),
         "Input should be less than or equal to 100 (got 140)", "应小于或等于 100（实际为 140）"),
        (say("column", header="Area", rest=say("cell-empty", name="site")),
         "column 'Area': required field 'site' is missing: the cell is empty",
         "列“Area”：缺少必填字段“site”：单元格为空"),
        (say("got", rest=pydantic("literal_error", expected=Listed(("'2S'", "'3S'", "'4S'"), quoted=False)), input="'5S'"),
         "Input should be '2S', '3S' or '4S' (got '5S')", "应为 '2S'、'3S'或'4S'（实际为 '5S'）"),
        (say("unknown-field.hint", name="x", hint="y"),
         "unknown field 'x'; did you mean 'y'?", "未知字段“x”；是否指“y”？"),
        (say("cell.choice", text="'x'", choices=Listed(("owned", "leased"), as_values=True)),
         "'x' is not one of the choices: 'owned' or 'leased'", "'x' 不是可选值之一，可选：“自有”或“租赁”"),
    ]  # fmt: skip


def test_problem_messages_are_rendered_from_their_key_and_values() -> None:
    for message, english, chinese in _made():
        assert problemtext.in_lang(message, "en") == english  # type: ignore[arg-type]
        assert problemtext.in_lang(message, "zh") == chinese  # type: ignore[arg-type]


def test_every_problem_key_has_an_entry_in_each_catalog() -> None:
    """Each kind of problem, of the command line and of the checks is in every language's
    catalog (langs.SPOKEN), translated: a key added without its translation fails here."""
    from dealerscreen.i18n.langs import SPOKEN

    keys = [section + key for english, section in problemtext.SECTIONS for key in english]
    for lang in SPOKEN:
        if lang == "en":
            continue
        path = catalogs.LOCALE_DIR / lang / "LC_MESSAGES" / "dealerscreen.po"
        with path.open("rb") as f:
            found = {m.context: m.string for m in read_po(f) if m.id}
        missing = [k for k in keys if not found.get(k)]
        assert not missing, (lang, missing)


def test_no_problem_is_read_back_by_its_shape() -> None:
    """Problems, coverage items and click's usage errors are rendered from their keys and
    values: no module of the language layer, nor the CLI's words for usage errors, uses a
    regular expression, and nothing reads a problem's English to translate it."""
    import ast

    source = ROOT / "src" / "dealerscreen"
    renderers = [*(source / "i18n").glob("*.py"), source / "models" / "problems.py"]
    renderers += [source / "cli" / "usage.py", source / "outcomes" / "coverage_report.py"]
    for path in renderers:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in n.names
        }
        assert "re" not in names, path
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "translate(p.message" not in text and "translate(problem.message" not in text, path
        assert "format_message()" not in text or path.name == "usage.py", path
    # click's own English is read in one place only: a usage error of a kind usage.py does
    # not know, shown as click wrote it.
    usage = (source / "cli" / "usage.py").read_text(encoding="utf-8")
    assert usage.count("format_message()") == 1


def test_a_merged_key_moves_into_the_po_without_undoing_a_checked_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the lead does with a branch that added a key to EN and ZH: merge, run
    `python3 dev.py catalog`. A whole old ZH dict is safe: the .po's checked texts win."""
    import io

    from babel.messages.pofile import read_po as read

    monkeypatch.setattr(i18n, "EN", {**i18n.EN, "zz.new": "A new label"})
    monkeypatch.setattr(i18n, "ZH", {"zz.new": "新标签", "yes": "对"})
    monkeypatch.setattr(catalog, "KEPT", [])
    po, _mo = catalog.build("zh")
    texts = {m.context: m.string for m in read(io.BytesIO(po)) if m.id}
    assert texts["report:zz.new"] == "新标签"
    assert texts["report:yes"] == "是" and catalog.KEPT == ["report:yes"]
