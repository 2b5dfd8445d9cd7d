"""A fact not stated is worded as not stated, never as a failed value, and is asked for (#12)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT

SITE_MISSING = ROOT / "samples" / "applicants" / "zhengzhou-jinshui-xinghang.yaml"


def test_a_gate_failed_for_a_fact_not_stated_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", str(SITE_MISSING)).stdout
    why = [line.strip() for line in out.splitlines() if line.strip().startswith("Why:")]
    assert why and all(w.startswith("Why: Not stated: site.district_type") for w in why), why
    assert "is not in a core commercial district" not in out  # the reason for a stated "other"
    ask = out[out.index("Facts to ask the applicant for") :]
    assert "  - site.district_type" in ask


def test_chinese_says_not_stated_too(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", str(SITE_MISSING), "--lang", "zh").stdout
    assert "原因：未填写：site.district_type" in out
    # the required-fact gate and the what-if advice in Chinese words, no English id
    assert "[未通过] 选址位置（必填信息）：site.district_type 未填写" in out
    assert "选址位置（site.district_type）由“未填写”改为“核心商圈”" in out
    assert "(required fact)" not in out and "missing" not in out
    assert "需向申请方索取的信息" in out


def test_json_names_the_facts_to_ask_for(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("screen", str(SITE_MISSING), "-f", "json").stdout)
    record = data["results"][0]
    assert record["not_stated"] == ["site.district_type"]
    reasons = [g["reason"] for g in record["gates"] if not g["passed"]]
    assert reasons and all(r.startswith("Not stated: site.district_type") for r in reasons)


def test_an_advisory_on_a_fact_not_stated_is_not_worded_as_falling_short(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = SITE_MISSING.read_text(encoding="utf-8")
    assert "  showroom_height_m: 6\n" in text
    path = tmp_path / "no-height.yaml"
    path.write_text(text.replace("  showroom_height_m: 6\n", ""), encoding="utf-8")
    out = cli("explain", str(path)).stdout
    assert "Below the reported (unverified) 2S spec of 6 m" not in out
    assert "not stated, so not checked: site.showroom_height_m" in out
