"""A history says each act as a sentence in the reader's language (tests/cases/history):
no recorded keys (`needs_approval=True`, `from=`) and no English in a Chinese history."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from dealerscreen.programme.boards import history_text
from tests.conftest import ROOT

CASES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests/cases/history/acts.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", CASES, ids=[c["event"]["event"] for c in CASES])
def test_an_act_in_words(case: dict[str, Any], lang: str) -> None:
    event = {"at": "2026-12-07T09:00:00Z", "reason": None, **case["event"]}
    assert history_text([event], lang) == f"2026-12-07T09:00:00Z  {case[lang]}\n"
    assert "=" not in case[lang]
