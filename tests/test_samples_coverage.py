"""The shipped samples keep showing what they are meant to show (the README promises it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.models.result import Result
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "applicants"


@pytest.fixture(scope="module")
def results() -> list[Result]:
    compiled = load_criteria("xiaomi-2s-2024")
    run = screen(compiled, [str(SAMPLES)])
    assert not run.intake.invalid
    return run.results


def test_every_recruitment_city_has_an_applicant(results: list[Result]) -> None:
    cities = {r.evaluation.city_id for r in results}
    compiled = load_criteria("xiaomi-2s-2024")
    assert compiled.cities is not None
    assert set(compiled.cities.by_id) <= cities


def test_every_tier_is_reached_twice(results: list[Result]) -> None:
    tiers = Counter(r.evaluation.tier for r in results if r.evaluation.eligible)
    assert all(tiers[t] >= 2 for t in "ABCD"), tiers


def test_every_gate_fails_at_least_once(results: list[Result]) -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    failed = {g.id for r in results for g in r.evaluation.failed_gates}
    assert {g.id for g, _ in compiled.gates} <= failed
    assert any(g.id.endswith(":required") for r in results for g in r.evaluation.failed_gates)


def test_bonuses_ties_and_thresholds_occur(results: list[Result]) -> None:
    applied = Counter(b.id for r in results for b in r.evaluation.bonuses if b.applied)
    assert applied["luxury-agency"] >= 2 and applied["nev-agency"] >= 2
    eligible = [r for r in results if r.evaluation.eligible]
    totals = Counter((r.evaluation.city_id, r.evaluation.total) for r in eligible)
    assert any(n >= 2 for n in totals.values()), "no tie within a city"
    assert any(r.evaluation.total in (80, 65, 50) for r in eligible), "no total on a threshold"


def test_chinese_names_and_json_files() -> None:
    files = [p for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".yml", ".json")]
    assert sum(p.suffix == ".json" for p in files) >= 8
    chinese = [p for p in files if any("\u4e00" <= ch <= "\u9fff" for ch in _city_and_brands(p))]
    assert len(chinese) >= 8


def _city_and_brands(path: Path) -> str:
    import json

    import yaml

    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return data["target"]["city"] + "".join(a["brand"] for a in data.get("brand_agencies", []))


def test_facts_decide_over_labels_and_every_published_requirement_decides(
    results: list[Result],
) -> None:
    """#12: a self-labelled national group that is a strong regional merchant by its facts
    is screened and its label flagged; a mall showroom without a workshop that would reach
    tier A on points is out; a store planning resale is out; a group with almost no
    customers is out, whatever its standing."""
    by_id = {r.evaluation.applicant_id: r.evaluation for r in results}
    label = by_id["XM24-TAO-003"]
    assert label.eligible
    assert any(c.id == "national-label-unlisted" and c.passed is False for c in label.checks)
    mall = by_id["XM24-SUZ-006"]
    assert [g.id for g in mall.failed_gates] == ["workshop-at-site"] and mall.total >= 80
    assert [g.id for g in by_id["XM24-FOS-003"].failed_gates] == [
        "no-vehicle-resale",
        "no-vehicle-delivery",
    ]
    few = by_id["XM24-HFE-003"]
    assert [g.id for g in few.failed_gates] == ["customer-resources"]
    unstated = by_id["XM24-CSX-003"]
    assert all(g.missing for g in unstated.failed_gates)
