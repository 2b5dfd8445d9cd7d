"""Reviewer-scored criteria (`kind: reviewed`): the team's review acts, averaged as of the
screening's date, are the criterion's fact; a spread above programme.yaml's limit is
flagged; an application that scores itself is warned and ignored; without a programme the
criterion is not yet reviewed. The cases are tests/cases/programme/reviewed/cases.yaml,
under that folder's profile (the shipped profiles have no such criterion: no source says
the maker visits sites)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.programme.helpers import BACKENDS, Cli, Made, fresh_database

CASES = Path(__file__).resolve().parent.parent / "cases" / "programme" / "reviewed"
CRITERIA = str(CASES / "criteria.yaml")
SELF_SCORED = str(CASES / "self-scored.yaml")
SUZ = "XM24-SUZ-002"
SUZHOU = [str(p) for p in sorted(Path("samples/applicants").glob("suzhou-*"))]
ALL_CASES: list[dict[str, Any]] = yaml.safe_load((CASES / "cases.yaml").read_text("utf-8"))


@pytest.fixture(params=BACKENDS)
def programme(request: pytest.FixtureRequest, cli: Cli, tmp_path: Path) -> Made:
    """The case folder's programme with the Suzhou samples taken in."""
    folder = tmp_path / "prog"
    shutil.copytree(CASES, folder)
    made = Made(cli, folder, fresh_database(request.param, tmp_path))
    result = made.run("intake", *SUZHOU)
    assert result.exit_code == 0, result
    return made


def _decided(made: Made, applicant: str = SUZ, *extra: str) -> tuple[dict[str, Any], str]:
    result = made.run("screen", "-f", "json", *extra)
    assert result.exit_code == 0, result
    found = [r for r in json.loads(result.stdout)["results"] if r["applicant_id"] == applicant]
    assert len(found) == 1, result
    return found[0], result.stderr


def _site_visit(decided: dict[str, Any]) -> dict[str, Any]:
    (criterion,) = [c for c in decided["criteria"] if c["id"] == "site-visit"]
    return criterion


@pytest.mark.parametrize("case", ALL_CASES, ids=[c["case"] for c in ALL_CASES])
def test_the_reviewers_scores_decide_the_criterion(programme: Made, case: dict[str, Any]) -> None:
    before, _ = _decided(programme)
    assert _site_visit(before)["points"] == 0  # not yet reviewed
    for by, *scores in case["reviews"]:
        result = programme.run("review", SUZ, *scores, "--by", by)
        assert result.exit_code == 0, result
    as_of = ["--as-of", str(case["as_of"])] if "as_of" in case else []
    after, _ = _decided(programme, SUZ, *as_of)
    points = Decimal(str(case["points"]))
    assert Decimal(str(_site_visit(after)["points"])) == points
    assert Decimal(str(after["total"])) - Decimal(str(before["total"])) == points
    status = programme.run("status", "-f", "json", *as_of)
    assert status.exit_code == 0, status
    (mine,) = [a for a in json.loads(status.stdout)["applicants"] if a["applicant_id"] == SUZ]
    flagged = [f for f in mine["flags"] if f["flag"] == "reviewers-disagree"]
    assert bool(flagged) is case["flagged"], mine
    explained = programme.run("explain", "--id", SUZ, *as_of)
    assert explained.exit_code == 0, explained
    assert ("reviewers disagree on site_visit" in explained.stdout) is case["flagged"]


def test_the_decision_says_how_the_reviewers_scored(programme: Made) -> None:
    for by, score in (("Li", "site_visit=8"), ("Wang", "site_visit=7")):
        assert programme.run("review", SUZ, score, "--by", by).exit_code == 0
    decided, _ = _decided(programme)
    said = "site_visit: reviewers' average 7.5 (2 reviewer(s)) on a scale 0 → 10"
    assert _site_visit(decided)["detail"] == said
    zh = programme.run("explain", "--id", SUZ, "--lang", "zh")
    assert "site_visit：评审平均分 7.5（2 位评审）" in zh.stdout, zh


def test_an_application_cannot_score_itself(cli: Cli) -> None:
    result = cli("screen", SELF_SCORED, "--criteria", CRITERIA, "-f", "json")
    assert result.exit_code == 0, result
    (decided,) = json.loads(result.stdout)["results"]
    assert _site_visit(decided)["points"] == 0
    assert _site_visit(decided)["detail"] == "site_visit: not yet reviewed"
    warned = [ln for ln in result.stderr.splitlines() if "(self-reviewed)" in ln]
    assert len(warned) == 1 and ":62:15: [warning] reviews.site_visit: " in warned[0], result


def test_in_a_programme_only_the_teams_scores_count(programme: Made) -> None:
    assert programme.run("intake", SELF_SCORED).exit_code == 0
    assert programme.run("review", "XM24-SUZ-092", "site_visit=5", "--by", "Li").exit_code == 0
    decided, stderr = _decided(programme, "XM24-SUZ-092")
    assert _site_visit(decided)["points"] == 4  # the team's 5 of 10, not its own 10
    assert "(self-reviewed)" in stderr


def test_files_alone_are_not_yet_reviewed_and_ask_the_applicant_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    sample = "samples/applicants/suzhou-taihu-jiarui.yaml"
    result = cli("screen", sample, "--criteria", CRITERIA, "-f", "json")
    (decided,) = json.loads(result.stdout)["results"]
    assert _site_visit(decided) | {"points": 0, "detail": "site_visit: not yet reviewed"} == (
        _site_visit(decided)
    )
    assert "reviews" not in json.dumps(decided["not_stated"])
    out = tmp_path / "letters"
    assert cli("letters", sample, "--criteria", CRITERIA, "-o", str(out)).exit_code == 0
    assert "site_visit" not in (out / f"{SUZ}.md").read_text(encoding="utf-8")


def test_an_application_without_scores_is_stored_as_before(programme: Made) -> None:
    """`reviews` is left out of the content when empty: the digests of submissions made
    before reviewer-scored criteria stay the same, so a new intake changes nothing."""
    exported = programme.run("programme", "export")
    assert exported.exit_code == 0, exported
    stored = json.loads(exported.stdout)["submissions"]
    assert stored and all('"reviews"' not in s["content"] for s in stored)
    again = programme.run("intake", *SUZHOU)
    assert f"0 new, 0 changed, {len(SUZHOU)} unchanged" in again.stderr, again


def test_criteria_tests_give_the_teams_scores_under_reviews(cli: Cli) -> None:
    result = cli("test", str(CASES / "criteria-tests.yaml"), "--coverage")
    assert result.exit_code == 0, result
    said = result.stdout + result.stderr
    assert "4 passed, 0 failed" in said, result
    assert "reviewed/criteria.yaml:" not in said, result  # each part of its scale reached


def test_a_case_whose_applicant_scores_itself_is_an_error(cli: Cli, tmp_path: Path) -> None:
    cases = yaml.safe_load((CASES / "criteria-tests.yaml").read_text("utf-8"))
    cases["profile"] = CRITERIA
    cases["cases"] = [
        {"id": "self-scored", "applicant": SELF_SCORED, "expect": {"total": 85}},
    ]
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(cases), encoding="utf-8")
    result = cli("test", str(path))
    assert result.exit_code == 1, result
    said = "reviews.site_visit: an application cannot score its own review; write the team's"
    assert said in result.stdout and "(self-reviewed)" in result.stdout, result


def test_a_criterion_no_review_can_score_is_said(programme: Made) -> None:
    path = programme.folder / "programme.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[site_visit, interview]", "[interview]"), encoding="utf-8")
    result = programme.run("screen", "-o", str(programme.folder / "report.txt"))
    assert result.exit_code == 0, result
    said = "programme.yaml: [warning] reviews.criteria: criterion site-visit counts reviewers'"
    assert said in result.stderr and "(review-unlisted)" in result.stderr, result
