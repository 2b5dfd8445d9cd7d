"""A decision and its explanation agree: the explanation is built from the decision.

`engine.decide` is what a batch ranks by; `engine.evaluate` explains it (`explain` of
`decide`). Each rule decides once and only puts its decided value into words, so this
checks the wiring: every gate, criterion and bonus the explanation shows says what the
decision says, for every shipped profile on every sample, 400 synthetic applicants and
hypothesis's.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.engine import decide, evaluate
from dealerscreen.loading import load_file
from dealerscreen.models.applicant import Applicant
from dealerscreen.screening import load_criteria
from dealerscreen.yamlsource import parse_yaml
from tests.strategies import applicant_batches

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))


@cache
def compiled(profile: str) -> CompiledProfile:
    return load_criteria(str(ROOT / "criteria" / f"{profile}.yaml"))


@cache
def applicants() -> list[Applicant]:
    out = []
    for path in sorted((ROOT / "samples" / "applicants").iterdir()):
        applicant = load_file(str(path)).applicant
        if applicant is not None:
            out.append(applicant)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rng = random.Random(7)
    for i in range(400):
        data = parse_yaml(synth.applicant_yaml(i, rng), "synth.yaml").data
        out.append(Applicant.model_validate(data))
    return out


def _agree(profile: CompiledProfile, applicant: Applicant) -> None:
    decision, full = decide(profile, applicant), evaluate(profile, applicant)
    assert (decision.applicant_id, decision.eligible, decision.city_id) == (
        full.applicant_id,
        full.eligible,
        full.city_id,
    )
    assert (decision.total, decision.tier, decision.sort_key) == (
        full.total,
        full.tier,
        full.sort_key,
    )
    assert decision.failed(profile) == tuple(g.id for g in full.gates if not g.passed)
    for decided, shown in zip(decision.points, full.criteria, strict=True):
        assert shown.missing_policy is None if decided is not None else shown.missing_policy
        if decided is not None:
            assert decided == shown.points
    for value, shown in zip(decision.bonuses, full.bonuses, strict=True):
        assert shown.applied is (value is True)
    assert full.score + full.bonus == full.total


@pytest.mark.parametrize("profile", PROFILES)
def test_the_explanation_says_what_was_decided(profile: str) -> None:
    c = compiled(profile)
    totals: set[Decimal] = set()
    shut_out = 0
    for applicant in applicants():
        _agree(c, applicant)
        decision = decide(c, applicant)
        if decision.eligible:
            totals.add(decision.total)
        else:
            shut_out += 1
    # the applicants are varied enough to mean something: many totals, and gates that bite
    assert len(totals) > 10 and shut_out > 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=applicant_batches(max_size=3))
def test_the_explanation_says_what_was_decided_for_any_valid_applicant(
    batch: list[dict[str, Any]],
) -> None:
    for data in batch:
        applicant = Applicant.model_validate(data)
        for profile in PROFILES:
            _agree(compiled(profile), applicant)
