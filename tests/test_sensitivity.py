"""Sensitivity: the reported weight moves are where a shortlist really changes."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from dealerscreen.screening import ScreenRun, load_criteria, screen
from dealerscreen.sensitivity import analyse
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
