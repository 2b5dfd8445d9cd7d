"""--lang zh: the profile's own translations replace rule titles, reasons and messages."""

from __future__ import annotations

from dealerscreen.batch.screening import load_criteria, screen
from tests.conftest import DATA, ROOT

NO_PAINT = str(ROOT / "samples" / "applicants" / "nanjing-jiangning-yuetong.json")


def test_chinese_run_carries_the_profiles_chinese_words() -> None:
    en = screen(load_criteria("xiaomi-2s-2024"), [NO_PAINT]).results[0].evaluation
    zh = screen(load_criteria("xiaomi-2s-2024", "zh"), [NO_PAINT]).results[0].evaluation
    (gate_en,) = en.failed_gates
    (gate_zh,) = zh.failed_gates
    assert gate_en.id == gate_zh.id == "after-sales-scope-2s"
    assert gate_zh.title == "2S 售后服务范围" and "机修、钣金和喷漆" in gate_zh.reason
    assert gate_en.reason.startswith("A 2S store must offer")
    assert zh.criteria[0].title == "经销商集团实力"
    # Only words change: every decision and point is the same in both languages.
    assert (en.total, en.tier, en.eligible) == (zh.total, zh.tier, zh.eligible)
    assert [c.points for c in en.criteria] == [c.points for c in zh.criteria]


def test_untranslated_texts_stay_as_written() -> None:
    mini = str(DATA / "profiles" / "mini.yaml")  # has no translations
    zh = load_criteria(mini, "zh")
    assert [g.title for g, _ in zh.gates] == ["City"]
    assert zh.profile.title == "Mini test profile"
