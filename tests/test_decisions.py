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

from dealerscreen.batch.results import Results
from dealerscreen.batch.row import Row
from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys
from dealerscreen.decide.engine import Decision, decide, evaluate
from dealerscreen.decide.record import encode
from dealerscreen.intake.loading import load_file
from dealerscreen.models.applicant import Applicant
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
    # which gates passed on claims alone, and whether that makes the decision provisional
    assert decision.provisional == tuple(i for i, g in enumerate(full.gates) if g.provisional)
    assert full.provisional is decision.is_provisional


@pytest.mark.parametrize("profile", PROFILES)
def test_the_explanation_says_what_was_decided(profile: str) -> None:
    c = compiled(profile)
    totals: set[Decimal] = set()
    shut_out = 0
    provisional: set[bool] = set()
    for applicant in applicants():
        _agree(c, applicant)
        decision = decide(c, applicant)
        provisional.add(decision.is_provisional)
        if decision.eligible:
            totals.add(decision.total)
        else:
            shut_out += 1
    # the applicants are varied enough to mean something: many totals, and gates that bite
    assert len(totals) > 10 and shut_out > 10
    if any(c.needs):  # a profile that requires evidence: some decisions final, some not
        assert provisional == {True, False}


# 60 batches of up to 3 applicants, each under every profile: the explanation's agreement
# with the decision (the inputs' parsing is the properties' of tests/test_properties.py)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=applicant_batches(max_size=3))
def test_the_explanation_says_what_was_decided_for_any_valid_applicant(
    batch: list[dict[str, Any]],
) -> None:
    for data in batch:
        applicant = Applicant.model_validate(data)
        for profile in PROFILES:
            _agree(compiled(profile), applicant)


def _same(a: Decision, b: Decision) -> None:
    """`a` read back from a row is `b` as decided."""
    assert a == b
    assert [p is None for p in a.points] == [p is None for p in b.points]
    assert [str(p) for p in a.points] == [str(p) for p in b.points]  # 1.50 stays 1.50


@pytest.mark.parametrize("profile", PROFILES)
def test_a_decision_record_reads_back_as_the_decision(profile: str) -> None:
    """The batch keeps each decision as its row's bytes: reading it back gives the whole
    decision, each rule's record (branch, facts read) with it, eligible or not."""
    c = compiled(profile)
    for i, applicant in enumerate(applicants()):
        d = decide(c, applicant, source_path=f"{i}.yaml")
        assert d.complete and len(d.criterion_records) == len(c.criteria)
        key = keys.encode(d.sort_key) if d.eligible else keys.str_bytes(d.applicant_id)
        row = Row.make(d.eligible, key, d.city_id, d.applicant_id, (i, 0, 1), d.group, encode(d))
        _same(row.decision(c), d)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=applicant_batches(max_size=4))
def test_a_record_read_back_is_the_decision_for_any_valid_applicant(
    batch: list[dict[str, Any]],
) -> None:
    """Reading a record back shares what it can between applicants (the evidence entries
    made once per set of values, record._evidence): each read, first or again, is the
    decision as decided, its entries' values of the same types."""
    for profile in PROFILES:
        c = compiled(profile)
        for i, data in enumerate(batch):
            d = decide(c, Applicant.model_validate(data), source_path=f"{i}.yaml")
            key = keys.encode(d.sort_key) if d.eligible else keys.str_bytes(d.applicant_id)
            row = Row.make(
                d.eligible, key, d.city_id, d.applicant_id, (i, 0, 1), d.group, encode(d)
            )
            for _ in range(2):
                back = row.decision(c)
                _same(back, d)
                assert back.shown is not None and d.shown is not None
                for got, made in zip(back.shown.evidence, d.shown.evidence, strict=True):
                    assert got.model_dump() == made.model_dump()
                    assert [type(v) for v in got.model_dump().values()] == [
                        type(v) for v in made.model_dump().values()
                    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_ranks_and_reports_from_the_decisions_its_rows_hold(
    tmp_path: Path, jobs: int
) -> None:
    """Sensitivity and the reports read decisions off the rows: they must be those
    `decide` gives for the same models, in one process and across workers."""
    c = compiled("xiaomi-2s-2024")
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in sorted((ROOT / "samples" / "applicants").iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    run = screen(c, [str(folder)], options=BatchOptions(jobs=jobs))
    results = run.results
    assert isinstance(results, Results)
    decided = list(results.decisions())
    models = list(results.models())
    assert len(decided) == len(models) > 10
    for d, (applicant, source) in zip(decided, models, strict=True):
        _same(d, decide(c, applicant, source_path=source))
    assert [d.applicant_id for d in results.decisions(eligible_only=True)] == [
        r.evaluation.applicant_id for r in results if r.rank is not None
    ]
