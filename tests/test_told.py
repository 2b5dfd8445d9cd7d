"""Ties, quotas and near misses are told; totals on their scale (#12).

Read off the shipped samples: Haikou has a tie across the quota line that a tie-break
decides (XM24-HAK-001 over XM24-HAK-002 on active-customer points), Shijiazhuang a tie no
criterion breaks (only the ids order XM24-SJW-001 and -002), XM24-HAK-003 misses the
dealer-standing gate by one store, XM24-HFE-002 misses tier B by 0.3 points.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.criteria.compile import compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.decide.separation import rank
from dealerscreen.decide.whatif import outlook
from dealerscreen.models.applicant import SELF_CLAIMS
from dealerscreen.models.problems import FatalError
from dealerscreen.models.result import Result
from dealerscreen.reporters.json_report import result_record
from dealerscreen.words.explain import explain_lines, one_line
from dealerscreen.words.labels import Messages
from tests.conftest import ROOT

EN, ZH = Messages("en"), Messages("zh")


@pytest.fixture(scope="module")
def run() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


def _by_id(run: ScreenRun) -> dict[str, Result]:
    return {r.evaluation.applicant_id: r for r in run.results}


def test_a_tie_break_across_the_quota_line_is_named(run: ScreenRun) -> None:
    got = _by_id(run)
    up, down = got["XM24-HAK-001"], got["XM24-HAK-002"]
    assert up.evaluation.total == down.evaluation.total
    sep = down.separation
    assert sep is not None and sep.other_id == "XM24-HAK-001" and sep.other_above
    assert (sep.key, sep.tied_on) == ("criterion:active-customers", ("total", "criterion:standing"))
    assert (sep.theirs, sep.ours) == (Decimal(4), Decimal(0))
    assert up.separation is not None and not up.separation.other_above
    assert up.separation.other_id == "XM24-HAK-002"
    text = "\n".join(explain_lines(down, EN))
    assert "Runner-up in Haikou: the quota is 1 and XM24-HAK-001" in text
    assert "the tie was broken by Active customers points (4 vs 0)" in text
    zh = "\n".join(explain_lines(down, ZH))
    assert "海口候补：名额为 1" in zh and "得分区分（4 对 0）" in zh
    assert "broken by Active customers points (4 vs 0)" in one_line(down, EN)
    assert not down.review  # a criterion decided: nothing to review


def test_a_tie_only_the_id_broke_needs_review(run: ScreenRun) -> None:
    got = _by_id(run)
    for aid, other in (("XM24-SJW-001", "XM24-SJW-002"), ("XM24-SJW-002", "XM24-SJW-001")):
        r = got[aid]
        assert r.separation is not None and r.separation.unbroken
        assert [f.code for f in r.review] == ["tie"]
        assert f"tied with {other} on every criterion: needs review" in one_line(r, EN)
        text = "\n".join(explain_lines(r, EN))
        assert "no criterion broke the tie, only the applicant id did" in text
        assert "Needs review:" in text
    assert got["XM24-SJW-001"].shortlisted and not got["XM24-SJW-002"].shortlisted


def test_the_batch_and_the_list_ranking_tell_the_same(run: ScreenRun) -> None:
    """Rows of a batch (sort keys as bytes) and evaluations ranked in memory agree."""
    listed = rank(run.compiled, [r.evaluation for r in run.results])
    assert [r.separation for r in run.results] == [r.separation for r in listed]
    assert sum(r.separation is not None for r in listed) >= 30


def test_near_misses_of_a_gate_and_a_tier_are_marked(run: ScreenRun) -> None:
    got = _by_id(run)
    gate = got["XM24-HAK-003"]
    assert [f.code for f in gate.review] == ["gate:dealer-standing"]
    text = "\n".join(explain_lines(gate, EN, compiled=run.compiled))
    assert "standing.stores_in_province is 2, within the review margin (1)" in text
    assert "Review margin: The team's tolerance" in text
    tier = got["XM24-HFE-002"]
    assert [f.code for f in tier.review] == ["tier:B"]
    assert "within the review margin (2) of tier B, which starts at 65" in "\n".join(
        explain_lines(tier, EN)
    )
    assert one_line(tier, EN).endswith("; needs review") or "needs review" in one_line(tier, EN)
    assert not got["XM24-SUZ-001"].review


def test_json_adds_fields_and_keeps_the_old_ones(run: ScreenRun) -> None:
    got = _by_id(run)
    record = json.loads(json.dumps(result_record(got["XM24-SUZ-001"], EN)))
    assert (record["total"], record["score"], record["bonus"]) == (103.75, 93.75, 10)
    assert record["max_points"] == 100
    assert record["total_text"] == "93.75/100 + 10 bonus"
    assert record["separation"]["decided_by"] == "total"
    assert record["separation"]["other"] == "XM24-SUZ-002"
    assert record["needs_review"] == [] and record["review_flags"] == []
    near = result_record(got["XM24-HAK-003"], EN)
    assert near["review_flags"] == ["gate:dealer-standing"]
    assert near["needs_review"][0].startswith("Top-100 dealer group or strong regional merchant")
    tie = result_record(got["XM24-SJW-002"], ZH)
    assert tie["separation"]["tie_unbroken"] is True and tie["review_flags"] == ["tie"]


def test_totals_are_told_on_their_scale(run: ScreenRun) -> None:
    top = _by_id(run)["XM24-SUZ-001"]
    text = "\n".join(explain_lines(top, EN))
    assert "tier A, 93.75/100 + 10 bonus;" in text
    assert "Points: 93.75/100 from criteria + 10 bonus" in text
    assert "103.75" not in text
    assert "93.75/100 + 加分 10" in "\n".join(explain_lines(top, ZH))


def test_the_nearest_item_names_the_fact_that_falls_short(run: ScreenRun) -> None:
    bonus = next(
        b for b in _by_id(run)["XM24-HAK-003"].evaluation.bonuses if b.id == "luxury-agency"
    )
    assert not bonus.applied
    assert (
        "nearest: brand = 宝马 (BMW) is in brands (luxury); years = 2 (needs ≥ 3)" in bonus.detail
    )
    # a BYD agency is not "near" a luxury one: no item of the right kind, counted instead
    other = next(
        b for b in _by_id(run)["XM24-HAK-001"].evaluation.bonuses if b.id == "luxury-agency"
    )
    assert "0 of 3 items match" in other.detail


def test_no_sample_is_advised_to_change_a_claim(run: ScreenRun) -> None:
    """The regional merchants (XM24-HAK-002, -003, XM24-SJW-002) and every other sample:
    what would change the outcome is a fact changed by acting, never a claimed rank."""
    advised = merchants = 0
    for r in run.results:
        model = run.results.applicant_of(r)
        change = outlook(run.compiled, model, r.evaluation).change
        if change is not None:
            advised += 1
            merchants += model.standing.kind == "regional_merchant"
            assert change.fact not in SELF_CLAIMS, (r.evaluation.applicant_id, change.fact)
    assert advised >= 15 and merchants >= 3
    near = _by_id(run)["XM24-HAK-003"]
    change = outlook(run.compiled, run.results.applicant_of(near), near.evaluation).change
    assert change is not None and change.fact == "standing.stores_in_province"


def test_tier_labels_name_a_score_band_not_an_outcome() -> None:
    for path in sorted((ROOT / "criteria").glob("*.yaml")):
        compiled = load_criteria(str(path))
        for tier in compiled.tiers:
            assert "band" in tier.label["en"] and "分段" in tier.label["zh"], (path.name, tier)


def _profile_with(tmp_path: Path, margin: str) -> Path:
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    head = text[: text.index("review_margin:")]
    path = tmp_path / "criteria" / "p.yaml"
    path.parent.mkdir()
    (tmp_path / "criteria" / "reference").symlink_to(ROOT / "criteria" / "reference")
    path.write_text(head + margin, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("margin", "message"),
    [
        (
            "review_margin: {fields: {site.street_frontage_m: 2}, basis: team, rationale: x}\n",
            "no gate compares site.street_frontage_m",
        ),
        (
            "review_margin: {fields: {site.district_type: 1}, basis: team, rationale: x}\n",
            "site.district_type",
        ),
    ],
)
def test_a_margin_that_moves_nothing_is_refused(tmp_path: Path, margin: str, message: str) -> None:
    path = _profile_with(tmp_path, margin)
    with pytest.raises(FatalError) as err:
        compile_profile(load_profile(str(path)))
    problem = err.value.problems[0]
    assert message in problem.text and problem.line is not None, problem


def test_a_review_margin_without_basis_is_warned_about(tmp_path: Path) -> None:
    from dealerscreen.validation.runner import validate

    path = _profile_with(tmp_path, "review_margin: {points: 2}\n")
    found = [p for p in validate([str(path)]).problems if p.check == "basis-missing"]
    assert [p.text for p in found] == [
        "the review margin has no basis: say whether its numbers are published, reported "
        "or the team's judgement (basis: published | reported | team)"
    ]
