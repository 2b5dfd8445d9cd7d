"""A Chinese report, and a Chinese error, hold no English sentence outside identifiers,
file paths and the names taken from the input files (tests/englishcheck.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.englishcheck import english_runs

SAMPLES = ROOT / "samples" / "applicants"
INVALID = ROOT / "samples" / "invalid"
ONE = str(SAMPLES / "nanjing-jiangning-yuetong.json")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def names() -> set[str]:
    """Every string of the inputs: applicants' names, cities, brands; the criteria's titles
    and ids (a profile without a Chinese translation keeps its English: data, not ours)."""
    files = [*SAMPLES.iterdir(), *(ROOT / "criteria").glob("*.yaml")]
    files += [*(ROOT / "criteria" / "reference").glob("*.yaml")]
    found: set[str] = set()
    for path in files:
        found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


NAMES = names()


def _visible_html(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&#x27;", "'")


def test_the_checker_finds_english() -> None:
    """So that the checks below can fail."""
    assert english_runs("结论：不合格。Decision: not eligible for the city quota.") != []
    assert english_runs("site.building_area_sqm：应大于 0（XM24-NKG-004）") == []
    assert (
        english_runs(
            "Suzhou Taihu Auto Service Co., Ltd. 入围", ["Suzhou Taihu Auto Service Co., Ltd."]
        )
        == []
    )


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "csv"])
def test_a_chinese_report_has_no_english_sentence(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("screen", str(SAMPLES), "--lang", "zh-CN", "-f", fmt)
    text = out.stdout
    if fmt == "json":
        text = "\n".join(_strings(json.loads(text)))
    elif fmt == "html":
        text = _visible_html(text)
    assert english_runs(text + out.stderr, NAMES) == []
    # and the same check finds English in the English report
    english = cli("screen", str(SAMPLES), "--lang", "en", "-f", fmt).stdout
    assert english_runs(english, NAMES) != []


def test_a_chinese_explanation_has_no_english_sentence(cli) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(SAMPLES.iterdir())[:12]:
        out = cli("explain", str(path), "--lang", "zh")
        assert english_runs(out.stdout + out.stderr, NAMES) == [], path


def test_chinese_letters_have_no_english_sentence(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("letters", str(SAMPLES), "-o", str(tmp_path), "--lang", "zh")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir()))
    assert text and english_runs(text + out.stderr, NAMES) == []


def test_chinese_errors_for_bad_applicant_files(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("screen", str(INVALID), "--lang", "zh", "-f", "json")
    assert out.exit_code == 1
    lines = out.stderr.splitlines()
    assert len(lines) >= 8 and all(
        "[错误]" in x or x.startswith("dealerscreen：找到") for x in lines
    ), out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    assert "finance.debt_ratio_pct：应小于或等于 100（实际为 140）（less_than_equal）" in out.stderr


def test_chinese_errors_for_a_bad_criteria_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: profile\nid: x\nversion: 1\ntitle: t\nfoo: [1\n", encoding="utf-8")
    out = cli("screen", ONE, "--lang", "zh", "-c", str(bad))
    assert out.exit_code == 3 and "[错误]" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    bad.write_text("kind: profile\nid: x\nversion: 1\ntitle: t\nfoo: 1\n", encoding="utf-8")
    out = cli("screen", ONE, "--lang", "zh", "-c", str(bad))
    assert "未知字段“foo”" in out.stderr and "缺少必填字段“max_points”" in out.stderr
    assert english_runs(out.stderr, NAMES) == [], out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--bogus", ONE],
        ["screen", "no-such-file.yaml"],
        ["screen", ONE, "-f", "nope"],
        ["screen", ONE, "--top", "x"],
        ["screen", ONE, "--bom"],
        ["screen", ONE, "-c", "no-such-profile"],
    ],
)
def test_chinese_usage_errors(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    out = cli(*args, "--lang", "zh")
    assert out.exit_code == 2, out
    assert "错误：" in out.stderr and "用法：" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr


def test_chinese_names_first_and_values_in_words(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", ONE, "--lang", "zh").stdout
    first = out.splitlines()[0]
    assert first.index("南京江宁悦通汽车服务有限公司") < first.index("Nanjing Jiangning")
    assert "城市：南京 Nanjing" in out
    assert "site.tenure = 租赁" in out and "site.district_type = 主流汽车商圈" in out
    assert "leased" not in out and "mainstream_auto_circle" not in out
    assert "据报道（未经核实）" in out and "传闻" not in out
    english = cli("explain", ONE, "--lang", "en").stdout
    assert "City: Nanjing 南京" in english and "site.tenure = leased" in english
