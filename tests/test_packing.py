"""A packed evaluation (per-applicant values only, the rest from the profile) reads back whole."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from dealerscreen.engine import evaluate, rank
from dealerscreen.explain import explain_lines
from dealerscreen.loading import load_file
from dealerscreen.results import Layout, Scored, Spill
from dealerscreen.screening import load_criteria

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))
SAMPLES = sorted(str(p) for p in (ROOT / "samples" / "applicants").glob("*.yaml"))


@pytest.mark.parametrize("profile", PROFILES)
def test_unpacked_evaluations_equal_the_originals(profile: str) -> None:
    compiled = load_criteria(profile)
    layout = Layout(compiled)
    spill = Spill(layout)
    applicants = [a for a in (load_file(p).applicant for p in SAMPLES) if a is not None]
    assert applicants
    for applicant in applicants:
        ev = evaluate(compiled, applicant, "x.yaml")
        item = spill.keep(Scored.of(ev, applicant, layout))
        back = spill.load(item)
        assert back == ev
        assert pickle.loads(pickle.dumps(back)) == ev
        assert explain_lines(rank(compiled, [back])[0]) == explain_lines(rank(compiled, [ev])[0])
