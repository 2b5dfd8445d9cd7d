"""`programme round`: a next round, a programme folder of its own under the next phase's
criteria, whose first intake is the runners-up the round before leaves."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.programme.helpers import SAMPLES, Made

NEXT = "xiaomi-2s-2025-expansion"
TIE = "XM24-SUZ-002"  # a runner-up, moved to shortlisted by an approved override


def test_a_next_round_carries_the_runners_up(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES), ("screen", "-f", "json"))
    assert (
        made.run("override", TIE, "--to", "shortlisted", "--reason", "tie", "--by", "Li").exit_code
        == 0
    )
    assert made.run("approve", "3", "--by", "Wang").exit_code == 0
    before = json.loads(made.run("status", "-f", "json").stdout)["applicants"]
    reserve = sorted(a["applicant_id"] for a in before if a["shown"] == "reserve")
    assert reserve and TIE not in reserve
    into = tmp_path / "phase2"
    out = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into)
    )
    assert out.exit_code == 0, out
    config = yaml.safe_load((into / "programme.yaml").read_text(encoding="utf-8"))
    assert config["criteria"] == NEXT and config["round"] == 2
    assert (into / config["previous"]).resolve() == made.folder.resolve()
    nxt = made._cli
    record = json.loads(nxt("programme", "export", "-p", str(into)).stdout)
    carried = sorted(s["applicant_id"] for s in record["submissions"])
    assert carried == reserve
    old = json.loads(made.run("programme", "export").stdout)
    latest = {s["applicant_id"]: s["digest"] for s in old["submissions"] if s["valid"]}
    assert all(s["digest"] == latest[s["applicant_id"]] for s in record["submissions"])
    closed = [a for a in old["acts"] if a["kind"] == "round"]
    assert [a["detail"]["carried"] for a in closed] == [reserve]
    assert made.run("programme", "check").exit_code == 0
    assert nxt("programme", "check", "-p", str(into)).exit_code == 0
    assert nxt("screen", "-p", str(into), "-f", "json").exit_code in (0, 1)
    again = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into)
    )
    assert again.exit_code == 2 and "already exists" in again.stderr, again


def test_a_round_needs_a_screened_programme_and_an_outcome(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    into = str(tmp_path / "next")
    early = made.run("programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", into)
    assert early.exit_code == 2 and "screen it" in early.stderr, early
    assert made.run("screen", "-f", "json").exit_code == 0
    wrong = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "runner-up", "--into", into
    )
    assert wrong.exit_code == 2 and "not an outcome" in wrong.stderr, wrong
    assert not Path(into).exists()
