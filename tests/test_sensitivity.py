"""Sensitivity: the reported weight moves are where a shortlist really changes."""

from __future__ import annotations

import sys
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest

from dealerscreen.batch import sensitivity
from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.batch.sensitivity import analyse
from dealerscreen.decide import keys
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def run() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


def shortlists(run: ScreenRun, crit: str, move: Decimal) -> dict[str, set[str]]:
    """Recomputed from scratch: totals with one criterion's points scaled, top quota by total."""
    weight = next(c.points for c, _ in run.compiled.criteria if c.id == crit)
    by_city: dict[str, list[tuple[Decimal, str]]] = defaultdict(list)
    for r in run.results:
        ev = r.evaluation
        if not ev.eligible:
            continue
        got = next(c.points for c in ev.criteria if c.id == crit)
        total = ev.total + got * move / weight
        by_city[ev.city_id].append((-total, ev.applicant_id))
    out = {}
    for city, rows in by_city.items():
        quota = run.compiled.quota_for(city) or len(rows)
        out[city] = {a for _, a in sorted(rows)[:quota]}
    return out


def test_reported_moves_are_where_shortlists_change(run: ScreenRun) -> None:
    report = analyse(run.compiled, run.results)
    assert len(report.weights) == len(run.compiled.criteria)
    base = shortlists(run, report.weights[0].criterion, Decimal(0))
    checked = 0
    for w in report.weights:
        for sign, size in ((-1, w.down), (1, w.up)):
            if size is None:
                continue
            checked += 1
            after = shortlists(run, w.criterion, sign * (size + Decimal("0.02")))
            if size >= Decimal("0.02"):  # 0: an exact tie (Haikou), flipped by any move
                before = shortlists(run, w.criterion, sign * (size - Decimal("0.02")))
                assert before == base, (w.criterion, sign)
            assert after != base, (w.criterion, sign)
    assert checked >= 2
    # the tie across Haikou's quota line moves with the least change of either weight
    by_id = {w.criterion: w for w in report.weights}
    assert by_id["active-customers"].down == 0 and by_id["satisfaction"].up == 0


def test_no_reported_move_means_no_change_within_range(run: ScreenRun) -> None:
    report = analyse(run.compiled, run.results)
    base = shortlists(run, report.weights[0].criterion, Decimal(0))
    for w in report.weights:
        if w.up is None:
            for step in range(1, 101, 3):
                assert shortlists(run, w.criterion, Decimal(step)) == base, (w.criterion, step)
        if w.down is None:
            assert shortlists(run, w.criterion, -w.weight) == base, w.criterion


def test_fragile_ranks_are_reported_within_the_distance(run: ScreenRun) -> None:
    report = analyse(run.compiled, run.results, within=Decimal(20))
    assert report.fragile, "a 20-point move flips someone in the samples"
    for f in report.fragile:
        assert abs(f.delta) <= 20
        now = shortlists(
            run, f.criterion, f.delta + (Decimal("0.001") if f.delta > 0 else Decimal("-0.001"))
        )
        assert (f.applicant_id in now[f.city_id]) != f.shortlisted


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> ScreenRun:
    """800 synthetic applicants (benchmarks/synth.py): cities of several each."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path_factory.mktemp("synthetic")
    synth.generate(str(folder), 800)
    return screen(load_criteria("xiaomi-2s-2024"), [str(folder)])


def test_each_fragile_applicant_flips_first_at_its_reported_move(synthetic: ScreenRun) -> None:
    """Checked against a shortlist sorted from scratch (the engine's tie-break) at every
    hundredth of a point up to the move. The search once skipped the probe just past a
    crossing when another city already differed there, and reported a later move."""
    compiled, report = synthetic.compiled, analyse(synthetic.compiled, synthetic.results)
    scored = sensitivity._scored(compiled, synthetic.results)
    assert report.fragile
    for f in report.fragile:
        crit = next(c for c, _ in compiled.criteria if c.id == f.criterion)
        city = [e for e in scored if e.city_id == f.city_id]
        quota = compiled.quota_for(f.city_id)
        assert quota is not None
        args = (compiled, city, quota, crit.id, crit.points, f.applicant_id)
        sign = 1 if f.delta > 0 else -1
        assert _listed(*args, Decimal(0)) is f.shortlisted
        assert _listed(*args, f.delta) is not f.shortlisted, f
        step = Decimal("0.01")
        d = step
        while d < abs(f.delta):
            assert _listed(*args, sign * d) is f.shortlisted, (f, d)
            d += step


def _listed(
    compiled: Any, city: list[Any], quota: int, crit: str, weight: Decimal, aid: str, d: Decimal
) -> bool:
    """Whether `aid` is in the city's shortlist with `crit`'s weight moved by d, sorted
    from scratch by the engine's tie-break."""

    def key(e: Any) -> tuple[object, ...]:
        shift = e.points[crit] / weight * d
        parts = list(e.sort_key)
        for i, (name, order) in enumerate(compiled.tie_break):
            moved = {"total": e.total, "score": e.score, f"criterion:{crit}": e.points[crit]}
            if name in moved:
                parts[i] = keys.part(moved[name] + shift, order == "desc")
        return tuple(parts)

    ranked = sorted(city, key=key)
    return aid in {e.applicant_id for e in ranked[:quota]}


def test_pooled_analysis_equals_every_pair_analysis(
    synthetic: ScreenRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a city's pool (the first `quota` of each share of a criterion's points) can be
    shortlisted: the analysis of the pools says what the analysis of every pair of every
    city says, on a batch where cities hold several applicants each."""
    compiled, batch = synthetic.compiled, synthetic
    pooled = analyse(compiled, batch.results)

    sizes: list[tuple[int, int]] = []
    real_pool = sensitivity._pool

    def counted(*args: Any) -> list[Any]:
        got = real_pool(*args)
        sizes.append((len(got), len(args[1])))
        return got

    monkeypatch.setattr(sensitivity, "_pool", counted)
    analyse(compiled, batch.results)
    assert sum(p for p, _ in sizes) < sum(n for _, n in sizes), "no pool is smaller than its city"

    def every_applicant(_c: Any, evs: list[Any], quota: int | None, *_: Any) -> list[Any]:
        return list(evs) if quota is not None else []

    monkeypatch.setattr(sensitivity, "_pool", every_applicant)
    assert analyse(compiled, batch.results) == pooled
    assert any(w.up is not None or w.down is not None for w in pooled.weights)
