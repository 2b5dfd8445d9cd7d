"""Every number has a basis, and every report says it (#12).

A gate whose threshold is the team's judgement says so where a rejected dealer reads it,
with the team's rationale; a published gate is marked published; each report states how
much of the score rests on the team's judgement.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.basis import summarise
from dealerscreen.words.basis import basis_line
from dealerscreen.words.labels import Messages

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "applicants"
TEAM_GATE = SAMPLES / "suzhou-xiangcheng-lvchi.yaml"  # fails dealer-standing only


def test_the_default_profile_says_where_its_numbers_come_from() -> None:
    summary = summarise(load_criteria("xiaomi-2s-2024"))
    # Xiaomi publishes requirements, not weights: every point is the team's weighting
    assert summary.points == {"team": 100}
    assert summary.gates == {"published": 7, "team": 2}
    assert summary.bonus_points == {"team": 10}


def test_a_peer_profile_marks_its_thresholds_reported() -> None:
    summary = summarise(load_criteria("xpeng-jupiter-2023"))
    assert summary.gates == {"reported": 3}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "[team's judgement · seed-001]",
                "The team's threshold, not a published",
                "3 stores in the province and 5 years",
            ],
        ),
        ("zh", ["[招募团队的判断 · seed-001]", "此门槛为招募团队的判断", "省内 3 家门店"]),
    ],
)
def test_a_team_threshold_is_told_as_the_teams_where_the_dealer_reads_it(
    cli, lang: str, words: list[str]
) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", str(TEAM_GATE), "--lang", lang).stdout
    failed = out[out.index("[FAIL]" if lang == "en" else "[未通过]") :]
    for w in words:
        assert w in failed, (w, out)
    assert basis_line(load_criteria("xiaomi-2s-2024"), Messages(lang)) in out
    # a published gate is not dressed up as the team's, nor the other way round
    assert ("[published · seed-002]" if lang == "en" else "[已公布 · seed-002]") in out


def test_json_carries_each_rules_basis_and_the_reports_summary(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("screen", str(SAMPLES), "-f", "json").stdout)
    assert data["manifest"]["basis"] == {
        "max_points": 100,
        "points": {"team": 100},
        "bonus_points": {"team": 10},
        "gates": {"published": 7, "team": 2},
    }
    first = data["results"][0]
    by_id = {g["id"]: g["basis"] for g in first["gates"]}
    assert by_id["dealer-standing"] == "team" and by_id["recruitment-city"] == "published"
    assert {c["basis"] for c in first["criteria"]} == {"team"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_text_report_states_the_basis_of_the_score(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("screen", str(SAMPLES), "-f", fmt).stdout
    assert "Basis of the score: of 100 points, 100 on the team's judgement" in out.replace(
        "&#x27;", "'"
    ).replace("\n", " ").replace("  ", " ")
