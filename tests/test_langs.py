"""--lang in any common spelling, and the locale when it is not given (POSIX order)."""

from __future__ import annotations

import pytest

from dealerscreen.i18n.langs import choose, from_environment, parse
from tests.conftest import ROOT

SAMPLE = str(ROOT / "samples" / "applicants" / "nanjing-jiangning-yuetong.json")


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_CN", "zh"),
        ("ZH-hans", "zh"),
        ("zh-Hans-CN", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("zh_TW.Big5@stroke", "zh"),
        ("en", "en"),
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("fr", None),
        ("", None),
    ],
)
def test_tags_in_any_spelling(tag: str, lang: str | None) -> None:
    assert parse(tag) == lang


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language we do not speak
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}, "en"),
        ({"LANG": "zh_CN", "LC_MESSAGES": "zh_CN", "LC_ALL": "en_US"}, "en"),  # LC_ALL first
        ({"LANG": "zh_CN", "LC_ALL": ""}, "zh"),  # an empty variable is unset
    ],
)
def test_the_locale_in_posix_order(environ: dict[str, str], lang: str) -> None:
    assert from_environment(environ) == lang


def test_the_option_wins_and_refuses_what_it_does_not_know() -> None:
    assert choose("en-US", {"LC_ALL": "zh_CN.UTF-8"}) == "en"
    assert choose(None, {"LC_ALL": "zh_CN.UTF-8"}) == "zh"
    for bad in ("fr", "C", "klingon"):
        with pytest.raises(ValueError):
            choose(bad, {})


@pytest.mark.parametrize("tag", ["zh", "zh-CN", "zh_CN", "zh-Hans", "ZH-cn"])
def test_explain_speaks_chinese_for_every_spelling(cli, tag: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", SAMPLE, "--lang", tag)
    assert out.exit_code == 0, out
    assert "结论：不合格" in out.stdout


def test_the_locale_chooses_when_lang_is_not_given(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "结论：不合格" in cli("explain", SAMPLE).stdout
    monkeypatch.setenv("LC_ALL", "C")
    assert "Decision: INELIGIBLE" in cli("explain", SAMPLE).stdout
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert "Decision: INELIGIBLE" in cli("explain", SAMPLE, "--lang", "en-US").stdout


def test_an_unknown_language_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", SAMPLE, "--lang", "fr")
    assert out.exit_code == 2
    assert "'fr' is not a language dealerscreen speaks" in out.stderr
