"""A reviewer-scored criterion whose zero_at or full_at lies outside the scores reviewers
give (programme.yaml's reviews.low..high, the scale the `review` act holds them to) is
warned about at `screen -p`, at that value in the criteria file: its full points no review
can reach, or every review earns it points. The cases are
tests/cases/programme/reviewed/review-scale.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.programme.helpers import Cli, Made

CASES = Path(__file__).resolve().parent.parent / "cases" / "programme" / "reviewed"
ALL: list[dict[str, Any]] = yaml.safe_load((CASES / "review-scale.yaml").read_text("utf-8"))
SCORING = "scoring: {kind: reviewed, review: site_visit, zero_at: 0, full_at: 10}"
REVIEWS = "low: 0, high: 10"


def _replaced(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, path
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("case", ALL, ids=[c["case"] for c in ALL])
def test_a_scale_end_no_review_gives_is_warned_where_written(
    cli: Cli, tmp_path: Path, case: dict[str, Any]
) -> None:
    folder = tmp_path / "prog"
    shutil.copytree(CASES, folder)
    low, high = case["reviews"]["low"], case["reviews"]["high"]
    _replaced(folder / "programme.yaml", REVIEWS, f"low: {low}, high: {high}")
    zero_at, full_at = case["scale"]["zero_at"], case["scale"]["full_at"]
    scoring = SCORING.replace("zero_at: 0, full_at: 10", f"zero_at: {zero_at}, full_at: {full_at}")
    criteria = _replaced(folder / "criteria.yaml", SCORING, scoring)
    made = Made(cli, folder, None)
    assert made.run("intake", "samples/applicants/suzhou-taihu-jiarui.yaml").exit_code == 0
    result = made.run("screen", "-o", str(tmp_path / "report.txt"))
    assert result.exit_code == 0, result
    warned = [ln for ln in result.stderr.splitlines() if ln.endswith("(review-scale)")]
    assert len(warned) == len(case["warned"]), result
    row = next(i for i, ln in enumerate(criteria.splitlines(), 1) if "kind: reviewed" in ln)
    for end, at in case["warned"].items():
        column = criteria.splitlines()[row - 1].index(f"{end}: ") + len(end) + 3
        where = f"criteria.yaml:{row}:{column}: [warning] "
        said = f"criterion site-visit gives {'full' if end == 'full_at' else 'no'} points at a"
        mine = [ln for ln in warned if where in ln and said in ln]
        assert len(mine) == 1 and f"average of {at}, " in mine[0], warned
        assert f"(programme.yaml reviews: {low} to {high})" in mine[0], warned
