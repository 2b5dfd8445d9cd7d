"""A decision's stored record keeps, among its review flags, the reviewers' spread above
programme.yaml's `reviews.max_spread` on a criterion it counted (`reviewers-disagree:NAME`),
as of the decision's date: a fact about its inputs that status flags only as of today, and
which a later change of the limit or a later review must not rewrite. The cases are those of
test_reviewed.py (tests/cases/programme/reviewed/cases.yaml, `flagged`); files screened
without a programme have no reviews, so their records (and the golden files) are unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.programme.helpers import BACKENDS, Cli, Made, fresh_database

CASES = Path(__file__).resolve().parent.parent / "cases" / "programme" / "reviewed"
ALL: list[dict[str, Any]] = yaml.safe_load((CASES / "cases.yaml").read_text("utf-8"))
SUZ = "XM24-SUZ-002"


def _stored_flags(made: Made) -> list[list[str]]:
    """The review flags of each stored decision of SUZ, oldest first."""
    exported = made.run("programme", "export")
    assert exported.exit_code == 0, exported
    records = [json.loads(d["record"]) for d in json.loads(exported.stdout)["decisions"]]
    return [r["review_flags"] for r in records if r["applicant_id"] == SUZ]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", ALL, ids=[c["case"] for c in ALL])
def test_the_stored_decision_keeps_the_reviewers_disagreeing(
    cli: Cli, tmp_path: Path, backend: str, case: dict[str, Any]
) -> None:
    folder = tmp_path / "prog"
    shutil.copytree(CASES, folder)
    made = Made(cli, folder, fresh_database(backend, tmp_path))
    assert made.run("intake", "samples/applicants/suzhou-taihu-jiarui.yaml").exit_code == 0
    for by, *scores in case["reviews"]:
        assert made.run("review", SUZ, *scores, "--by", by).exit_code == 0
    as_of = ["--as-of", str(case["as_of"])] if "as_of" in case else []
    assert made.run("screen", "-o", str(tmp_path / "report.txt"), *as_of).exit_code == 0
    (flags,) = _stored_flags(made)
    assert ("reviewers-disagree:site_visit" in flags) is case["flagged"], flags
    if not case["flagged"]:
        return
    # the limit raised afterwards: status no longer flags it, the stored decision still does
    path = folder / "programme.yaml"
    path.write_text(path.read_text("utf-8").replace("max_spread: 3", "max_spread: 9"), "utf-8")
    status = made.run("status", "-f", "json", *as_of)
    (mine,) = [a for a in json.loads(status.stdout)["applicants"] if a["applicant_id"] == SUZ]
    assert not [f for f in mine["flags"] if f["flag"] == "reviewers-disagree"], mine
    assert _stored_flags(made) == [flags]
