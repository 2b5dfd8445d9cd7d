"""Names resolve as people write them; an unknown name gets suggestions, never a guess.

Unknown names are warned about only for closed lists; selecting lists answer for
themselves. The lists here are built in the test, so no shipped data moves them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.names import UnknownCity, unknown_names, wanted_city
from dealerscreen.models.problems import ExitCode
from dealerscreen.reference.lists import ReferenceList
from dealerscreen.reference.nameforms import bare, normalise, reads_as_pinyin
from tests.conftest import CliResult
from tests.helpers import applicant, reference


def _city(entry_id: str, en: str, zh: str, *aliases: str) -> dict[str, object]:
    return {"id": entry_id, "name": {"en": en, "zh": zh}, "aliases": list(aliases)}


# No aliases beyond the two names: every other spelling below is found by its form.
CITIES = reference(
    "cities",
    [
        _city("suzhou", "Suzhou", "苏州"),
        _city("chongqing", "Chongqing", "重庆"),
        _city("xian", "Xi'an", "西安"),
        _city("xiamen", "Xiamen", "厦门"),
        _city("zhengzhou", "Zhengzhou", "郑州"),
        _city("hangzhou", "Hangzhou", "杭州"),
        _city("wenzhou", "Wenzhou", "温州"),
        _city("huangshi", "Huangshi", "黄石"),
    ],
)
BRANDS = reference(
    "brands",
    [
        {"id": "byd", "name": {"en": "BYD", "zh": "比亚迪"}},
        {"id": "bmw", "name": {"en": "BMW", "zh": "宝马"}},
        {"id": "mercedes-benz", "name": {"en": "Mercedes-Benz", "zh": "奔驰"}},
    ],
)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("Chongqing Municipality", "chongqing"),
        ("重庆市", "chongqing"),
        ("Chongqing City", "chongqing"),
        ("Chongqing Shi", "chongqing"),
        ("Xī'ān", "xian"),
        ("XI AN", "xian"),
        ("ＳＵＺＨＯＵ", "suzhou"),
        ("苏州 市", "suzhou"),
        ("  suzhou  ", "suzhou"),
        ("Chóngqìng", "chongqing"),
        ("Chong-Qing", "chongqing"),
        ("chong2qing4", "chongqing"),  # tone numbers
        ("Xiamen", "xiamen"),  # 厦 is xia here, not sha: phrases are read as phrases
        ("Huangshi", "huangshi"),  # "shi" inside a name is not a suffix
    ],
)
def test_written_forms_resolve_to_the_entry(text: str, entry_id: str) -> None:
    entry = CITIES.resolve(text)
    assert entry is not None and entry.id == entry_id


@pytest.mark.parametrize(("text", "entry_id"), [("Biyadi", "byd"), ("bao ma", "bmw")])
def test_pinyin_of_a_chinese_name_resolves(text: str, entry_id: str) -> None:
    entry = BRANDS.resolve(text)
    assert entry is not None and entry.id == entry_id


@pytest.mark.parametrize("text", ["苏洲", "Suzou", "Huang", "杭洲", "Hangzhou Province Road"])
def test_typos_and_fragments_do_not_resolve(text: str) -> None:
    assert CITIES.resolve(text) is None


@pytest.mark.parametrize("text", ["苏洲", "Suzou", "苏洲市", "Suzhuo", "苏州工业园区"])
def test_typos_get_suzhou_suggested_first(text: str) -> None:
    assert [e.id for e in CITIES.suggest_entries(text)][:1] == ["suzhou"]


def test_suggestions_are_shown_in_the_writers_script_with_the_other_name() -> None:
    assert CITIES.suggest("苏洲") == ["苏州 (Suzhou)"]
    assert CITIES.suggest("Suzou") == ["Suzhou (苏州)"]


@pytest.mark.parametrize("text", ["Hangzou", "Hanzhou", "Hangzhuo", "hangzohu"])
def test_a_hangzhou_typo_suggests_hangzhou_not_zhengzhou(text: str) -> None:
    assert [e.id for e in CITIES.suggest_entries(text)] == ["hangzhou"]


def test_a_real_city_is_not_offered_as_a_neighbours_typo() -> None:
    without_hangzhou = reference(
        "cities",
        [c for c in CITIES.spec.entries if c.id != "hangzhou"],  # type: ignore[misc]
    )
    assert without_hangzhou.suggest("Hangzhou") == []
    assert without_hangzhou.suggest("杭州") == []  # one character from 苏州, 温州, 郑州


def test_a_form_two_entries_share_resolves_to_neither_and_suggests_both() -> None:
    # 苏州 and 宿州 are both Suzhou in pinyin; only the explicit name may decide.
    both = reference(
        "cities",
        [
            _city("suzhou-js", "Suzhou (Jiangsu)", "苏州"),
            _city("suzhou-ah", "Suzhou (Anhui)", "宿州"),
        ],
    )
    assert both.resolve("Suzhou") is None
    assert both.resolve("suzhou shi") is None
    assert {e.id for e in both.suggest_entries("Suzhou")} == {"suzhou-js", "suzhou-ah"}
    assert both.resolve("苏州市") is not None  # the characters are not shared


def test_long_text_is_not_scanned_for_suggestions() -> None:
    assert CITIES.suggest("苏州" * 10_000) == [] and CITIES.suggest("Suzou " * 1000) == []


def test_short_names_need_an_exact_match() -> None:
    assert BRANDS.suggest("BMV") == [] and BRANDS.resolve("BMV") is None


def test_forms_of_a_key() -> None:
    assert normalise("Ｘī’ĀN") == "xian"
    assert bare("Chongqing Municipality") == "chongqing"
    assert bare("沙市") is None and bare("Huangshi") is None
    assert reads_as_pinyin("chongqing") and not reads_as_pinyin("someregionalmotors")
    assert not reads_as_pinyin("an" * 1000)  # long input: no backtracking blow-up


def test_a_miss_costs_no_pinyin_when_it_cannot_be_pinyin() -> None:
    fresh: ReferenceList = reference("groups", [_city("gz", "Guangzhou Auto", "广汽")])
    assert fresh.resolve("Some Regional Motors") is None
    assert "_pinyin" not in vars(fresh.forms)  # not computed
    assert fresh.resolve("guangqi") is not None
    assert "_pinyin" in vars(fresh.forms)


def test_unknown_brand_warns_with_did_you_mean_but_group_outside_top100_does_not() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    who = applicant(
        standing={"kind": "regional_merchant", "group_name": "Some Regional Motors"},
        brand_agencies=[{"brand": "Mercedes-Bens", "years": 3}, {"brand": "宝马", "years": 3}],
    )
    warnings = unknown_names(compiled, who)
    assert [w.loc for w in warnings] == [("brand_agencies", 0, "brand")]
    assert "did you mean Mercedes-Benz" in warnings[0].message.english()


def test_the_default_profile_resolves_the_issue_spellings() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    assert compiled.cities is not None
    for text in ("Chongqing Municipality", "重庆市", "Xī'ān", "ＳＵＺＨＯＵ"):
        assert compiled.cities.resolve(text) is not None, text
    for text in ("苏洲", "Suzou"):
        who = applicant(target={"city": text, "store_format": "2S"})
        (warning,) = unknown_names(compiled, who)
        assert "did you mean" in warning.message.english() and "Suzhou" in warning.message.english()


def test_wanted_city_resolves_or_raises_with_suggestions() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    assert wanted_city(compiled, "Suzhou City") == "suzhou"
    with pytest.raises(UnknownCity, match=r"did you mean Suzhou \(苏州\)\?"):
        wanted_city(compiled, "Suzou")
    with pytest.raises(UnknownCity, match="the cities are Suzhou, Chongqing"):
        wanted_city(compiled, "Lhasa")


def test_unknown_city_option_is_a_usage_error(cli: Callable[..., CliResult]) -> None:
    result = cli("screen", "samples/applicants", "--city", "Suzou")
    assert result.exit_code == ExitCode.USAGE, result
    assert "did you mean Suzhou" in result.stderr and result.stdout == ""


def test_city_option_takes_written_forms(cli: Callable[..., CliResult]) -> None:
    result = cli("screen", "samples/applicants", "--city", "Suzhou City", "--format", "csv")
    assert result.exit_code == 0, result
    assert "suzhou" in result.stdout.lower()


def test_pinyin_reads_every_reading_without_the_phrase_dictionary() -> None:
    """The phrase dictionary costs 0.6 s and 58 MB in every process that meets an unknown
    name (the warm-path and memory targets, docs/performance-history.md): it is not loaded, and a
    heteronym still reads as a person writes it (重庆 chongqing, 厦门 xiamen)."""
    code = (
        "import sys\n"
        "from dealerscreen.reference.nameforms import pinyin_keys\n"
        "assert 'chongqing' in pinyin_keys('重庆') and 'xiamen' in pinyin_keys('厦门')\n"
        "assert 'luliang' in pinyin_keys('吕梁') and 'lvliang' in pinyin_keys('吕梁')\n"
        "assert 'pypinyin.phrases_dict' not in sys.modules\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
