"""What would change the outcome: the change found is real (the engine agrees) and minimal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.decide.engine import evaluate
from dealerscreen.decide.whatif import _plan, outlook
from dealerscreen.models.applicant import SELF_CLAIMS, Applicant
from dealerscreen.words.explain import outlook_line
from dealerscreen.words.labels import Messages
from tests.conftest import DATA, ROOT
from tests.helpers import applicant


def _with(model: BaseModel, path: list[str], value: Any) -> BaseModel:
    """The real model with one fact changed (pydantic copies): what the search's view of a
    changed applicant stands for."""
    head, *rest = path
    if not rest:
        return model.model_copy(update={head: value})
    return model.model_copy(update={head: _with(getattr(model, head), rest, value)})


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
    assert "由“22 米”改为“26 米”" in outlook_line(seen, mini, Messages("zh"))


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


def test_the_search_is_bounded(monkeypatch: pytest.MonkeyPatch, samples: ScreenRun) -> None:
    """Past MAX_TRIALS tries the search stops; what it still answers is a real change."""
    from dealerscreen.decide import whatif

    tried: list[int] = []
    real_trial = whatif._Search.trial

    def counting(self: whatif._Search, path: str, value: object) -> whatif.Trial:
        tried.append(1)
        return real_trial(self, path, value)

    monkeypatch.setattr(whatif._Search, "trial", counting)
    monkeypatch.setattr(whatif, "MAX_TRIALS", 3)
    compiled = samples.compiled
    for result in list(samples.results)[:12]:
        app = samples.applicant_of(result)
        tried.clear()
        seen = outlook(compiled, app, result.evaluation)
        assert len(tried) <= 3 + 1  # the bound, and the one try that confirms an answer
        if seen.change is not None:
            changed = _with(app, seen.change.fact.split("."), seen.change.new)
            assert isinstance(changed, Applicant)
            after = evaluate(compiled, changed)
            assert after.eligible and after.tier == seen.change.tier


def test_trials_decide_as_a_full_evaluation_would(samples: ScreenRun) -> None:
    """A trial is decided by the ranking functions; on every sample and every change the
    search tries, it agrees with the explained evaluation."""
    from dealerscreen.decide import whatif

    compiled = samples.compiled
    checked = 0
    for result in samples.results:
        app = samples.applicant_of(result)
        search = whatif._Search(compiled, app, result.evaluation)
        plan = whatif._plan(compiled)
        for path, numbers in sorted(plan.gate_facts.items()):
            ref = plan.fields[path]
            if ref is None:
                continue
            values, _, _ = whatif._candidates(ref.annotation, numbers, ref.get(app))
            for value in values[:4]:
                trial = search.trial(path, value)
                changed = _with(app, path.split("."), value)
                assert isinstance(changed, Applicant)
                full = evaluate(compiled, changed)
                assert (trial.eligible, trial.tier) == (full.eligible, full.tier)
                assert trial.total == (full.total if full.eligible else None)
                checked += 1
    assert checked > 500


def test_advice_names_only_facts_an_applicant_can_change_by_acting() -> None:
    """Never "state rank 19", "call yourself a national group" or "apply in another
    city": the search tries only facts an applicant changes by acting (#12)."""
    compiled = load_criteria("xiaomi-2s-2024")
    plan = _plan(compiled)
    read = SELF_CLAIMS & set(plan.gate_facts)
    # the default profile reads claims and labels (rank, group name, city) ...
    assert {"standing.top100_rank", "standing.group_name", "target.city"} <= read
    # ... and the search has no way to change any of them
    assert all(plan.fields[path] is None for path in read)
    for path in set(plan.gate_facts) - SELF_CLAIMS:
        assert plan.fields[path] is not None, path  # every other fact it reads, it may try
