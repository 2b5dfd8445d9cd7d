"""What would change the outcome: the change found is real (the engine agrees) and minimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.engine import evaluate
from dealerscreen.explain import outlook_line
from dealerscreen.i18n import Messages
from dealerscreen.models.applicant import Applicant
from dealerscreen.screening import ScreenRun, load_criteria, screen
from dealerscreen.whatif import _with, outlook
from tests.conftest import DATA, ROOT
from tests.helpers import applicant


@pytest.fixture(scope="module")
def mini() -> CompiledProfile:
    return compile_profile(load_profile(str(DATA / "profiles" / "mini.yaml")))


@pytest.fixture(scope="module")
def samples() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


def test_frontage_22_to_26_reaches_the_next_tier(mini: CompiledProfile) -> None:
    app = applicant(site={"street_frontage_m": 22, "tenure": "owned"})
    ev = evaluate(mini, app)
    assert ev.tier == "B"
    seen = outlook(mini, app, ev)
    assert seen.change is not None
    assert (seen.change.fact, seen.change.old, seen.change.new) == (
        "site.street_frontage_m",
        22,
        26,
    )
    assert seen.change.gain == Decimal("0.7") and seen.change.tier == "A"
    assert outlook_line(seen, mini, Messages("en")) == (
        "Frontage (site.street_frontage_m) 22 m → 26 m would add 0.7 points and reach tier A."
    )
    assert "由 22 m 改为 26 m" in outlook_line(seen, mini, Messages("zh"))


def test_top_tier_has_nothing_to_reach(mini: CompiledProfile) -> None:
    app = applicant(site={"street_frontage_m": 30, "tenure": "owned"})
    seen = outlook(mini, app, evaluate(mini, app))
    assert seen.top_tier and seen.change is None


def test_every_suggested_change_does_what_it_says_and_is_minimal(samples: ScreenRun) -> None:
    compiled = samples.compiled
    order = [t.id for t in compiled.tiers]
    found = 0
    for r in samples.results:
        ev = r.evaluation
        app = samples.applicant_of(r)  # a batch keeps its models on disk, not in the intake
        seen = outlook(compiled, app, ev)
        if seen.change is None:
            continue
        found += 1
        change = seen.change
        changed = _with(app, change.fact.split("."), change.new)
        assert isinstance(changed, Applicant)
        after = evaluate(compiled, changed)
        assert after.eligible and after.tier == change.tier
        assert after.total - ev.total == change.gain
        if ev.eligible:
            assert order.index(after.tier) < order.index(ev.tier)
        # One grid step back towards the old value no longer reaches the goal.
        if (
            isinstance(change.new, int | float)
            and not isinstance(change.new, bool)
            and change.old is not None
        ):
            step = 1 if isinstance(change.new, int) else 0.1
            back = change.new - step if change.new > change.old else change.new + step
            if back != change.old:
                again = evaluate(
                    compiled, _with(app, change.fact.split("."), type(change.new)(back))
                )  # type: ignore[arg-type]
                lifted = again.eligible and (
                    not ev.eligible or order.index(str(again.tier)) < order.index(str(ev.tier))
                )
                assert not lifted, (ev.applicant_id, change)
    assert found >= 10
