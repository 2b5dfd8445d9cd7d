"""The word-free rules a batch ranks by agree with the explained rules a report shows.

Every rule kind compiles two functions from the same values (`rules.base.with_verdict`);
`engine.verdict` ranks with one, `engine.evaluate` explains with the other. If they ever
disagreed, a shortlist would differ from the explanation printed beside it: so every
shipped profile is checked on every sample, 400 synthetic applicants and hypothesis's.
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
from dealerscreen.engine import evaluate, verdict
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
    fast, full = verdict(profile, applicant), evaluate(profile, applicant)
    assert (fast.applicant_id, fast.eligible, fast.city_id) == (
        full.applicant_id,
        full.eligible,
        full.city_id,
    )
    if full.eligible:  # the ineligible are ranked by id alone: not scored
        assert (fast.total, fast.sort_key) == (full.total, full.sort_key)
    else:
        assert (fast.total, fast.sort_key) == (None, None)


@pytest.mark.parametrize("profile", PROFILES)
def test_verdict_agrees_with_evaluate_on_samples_and_synthetic_applicants(profile: str) -> None:
    c = compiled(profile)
    totals: set[Decimal] = set()
    shut_out = 0
    for applicant in applicants():
        _agree(c, applicant)
        total = verdict(c, applicant).total
        if total is not None:
            totals.add(total)
        else:
            shut_out += 1
    # the applicants are varied enough to mean something: many totals, and gates that bite
    assert len(totals) > 10 and shut_out > 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=applicant_batches(max_size=3))
def test_verdict_agrees_with_evaluate_on_any_valid_applicant(batch: list[dict[str, Any]]) -> None:
    for data in batch:
        applicant = Applicant.model_validate(data)
        for profile in PROFILES:
            _agree(compiled(profile), applicant)
