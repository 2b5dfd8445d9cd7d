"""`explain` puts a decision's rules into words when a view first reads them
(decide/explaining.py: `Told`). What it gives must not depend on what was read first: the
requirements not met read alone are those of the evaluation read whole, the scale its
criteria add up to is theirs, and an evaluation read in any order equals one read whole,
for every sample and for arbitrary batches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.decide import whatifplan
from dealerscreen.decide.explaining import RULES, explain, losses_of, points_by_criterion
from dealerscreen.models.result import Evaluation
from tests.strategies import applicant_batches, batch_folder


def _whole(compiled: Any, decision: Any) -> Evaluation:
    told = explain(compiled, decision)
    for kind in RULES:
        getattr(told, kind)
    return told


def _same_whichever_first(results: Any) -> int:
    compiled = results._spill.compiled
    for decision in results.decisions():
        whole = _whole(compiled, decision)
        failed_first = explain(compiled, decision)
        assert failed_first.failed_gates == whole.failed_gates
        assert failed_first.failed_gates is failed_first.failed_gates  # made once, kept
        assert not any(name in failed_first.__dict__ for name in RULES)  # none put into words
        assert failed_first == whole
        points_first = explain(compiled, decision)
        assert points_by_criterion(points_first) == points_by_criterion(whole)
        assert [str(p) for p in points_by_criterion(points_first).values()] == [
            str(c.points) for c in whole.criteria
        ]  # the same decimals, down to their exponent
        assert not any(name in points_first.__dict__ for name in RULES)
        losses_first = explain(compiled, decision)
        for n in (1, 3, 99):
            assert losses_first.losses(n) == losses_of(whole.criteria, n)
        assert not any(name in losses_first.__dict__ for name in RULES)  # only those n
        assert losses_first == whole
        criteria_first = explain(compiled, decision)
        assert criteria_first.criteria == whole.criteria
        assert [k for k in RULES if k in criteria_first.__dict__] == ["criteria"]
        assert criteria_first == whole
        scale_first = explain(compiled, decision)
        assert scale_first.max_points == whole.max_points
        assert scale_first == whole and whole == scale_first
        # every field as a dataclass made whole holds it
        made = Evaluation(**{f: getattr(whole, f) for f in Evaluation.__dataclass_fields__})
        assert made == explain(compiled, decision) and explain(compiled, decision) == made
        assert hash(made) == hash(explain(compiled, decision))
        # what a what-if search reads of the decision: the same from its verdicts and
        # points as from the words, and read so it puts no rule into words
        read = explain(compiled, decision)
        for accessor in _SEARCH_READS:
            assert accessor(compiled, read) == accessor(compiled, made), accessor.__name__
        assert not any(name in read.__dict__ for name in RULES)
    return len(results)


_SEARCH_READS = (
    whatifplan.gates_passed,
    whatifplan.criterion_points,
    whatifplan.required_missing,
    whatifplan.bonuses_applied,
    whatifplan.failed_requirements,
)


def test_every_sample_reads_the_same_whichever_part_first(samples_run: Any) -> None:
    assert _same_whichever_first(samples_run.results) > 30
    # the samples reach both kinds of requirement not met: a gate's, a required fact's
    failed = [
        g.id
        for d in samples_run.results.decisions()
        for g in explain(samples_run.compiled, d).failed_gates
    ]
    assert any(i.endswith(":required") for i in failed) and any(":" not in i for i in failed)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=applicant_batches(max_size=8))
def test_any_batch_reads_the_same_whichever_part_first(
    tmp_path: Path, items: list[dict[str, Any]]
) -> None:
    folder = batch_folder(tmp_path, items)
    _same_whichever_first(screen(load_criteria("xiaomi-2s-2024"), [str(folder)]).results)
