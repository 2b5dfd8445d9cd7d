"""The tier chart counts each row's tier read off the row (`Results.tiers`): an
ineligible row's as none, without reading its record from the spill, an eligible one's
from its record without building the decision. It must be the tier each decision holds,
for every row of a run and of any part of one (a city's, a slice)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from dealerscreen.batch.screening import load_criteria, screen
from tests.strategies import applicant_batches, batch_folder


def _same(results: Any) -> None:
    assert list(results.tiers()) == [d.tier for d in results.decisions()]


def test_the_samples_tiers_are_their_decisions_tiers(samples_run: Any) -> None:
    results = samples_run.results
    tiers = list(results.tiers())
    assert None in tiers and len(set(tiers)) > 2  # ineligible rows and several tiers
    _same(results)
    _same(results[3:17])
    for city in {d.city_id for d in results.decisions()}:
        _same(results.in_city(city))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=applicant_batches(max_size=8))
def test_any_batch_tiers_are_its_decisions_tiers(
    tmp_path: Path, items: list[dict[str, Any]]
) -> None:
    folder = batch_folder(tmp_path, items)
    _same(screen(load_criteria("xiaomi-2s-2024"), [str(folder)]).results)
