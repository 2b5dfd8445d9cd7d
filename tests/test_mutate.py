"""`dealerscreen test --mutate`: each mutant of a profile is decided again by every case of
it; the shipped cases kill at least 90% of their profiles' mutants, and every survivor is
accepted with a reason; a missing case shows as a survivor at its place in the criteria."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.outcomes.mutants import mutants
from dealerscreen.outcomes.mutate import Collector, build
from dealerscreen.outcomes.runner import run_tests
from tests.conftest import ROOT, CliResult

CASES = ROOT / "criteria" / "tests"
PARTIAL = "tests/cases/outcomes/partial.yaml"
Cli = Callable[..., CliResult]


@pytest.fixture(scope="module")
def shipped() -> Collector:
    col = Collector()
    run_tests([str(CASES)], col)
    col.run()
    return col


def test_shipped_cases_kill_at_least_90_percent(shipped: Collector) -> None:
    assert len(shipped.profiles) == 4
    for m in shipped.profiles.values():
        assert m.score >= 90.0, (m.id, m.score)
        assert m.count("killed") >= 75


def test_every_surviving_mutant_of_a_shipped_profile_is_accepted(shipped: Collector) -> None:
    unaccepted = [
        (m.id, o.mutant.id)
        for m in shipped.profiles.values()
        for o in m.outcomes
        if o.status == "survived" and not o.accepted
    ]
    assert unaccepted == []


def test_every_kind_of_mutation_is_made() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    changes = [m.change for m in mutants(compiled.profile.model_dump(mode="python"))]
    for expected in (
        "ge → gt",  # a comparison's boundary
        "le → lt",
        "eq → ne",
        "in → not_in",
        "all_of → any_of",  # an operator
        "any_of → all_of",
        "drop core_commercial_district",  # list membership
        "any entry, not only tag luxury",
        "bound 1000 → 1001",  # a band bound (both bands that share it)
        "80 → 81",  # a threshold step, or a tier bound
        "better higher → lower",
        "missing fail → pass",  # a missing fact's policy
        "missing zero → neutral",
    ):
        assert expected in changes, expected
    assert any(c.startswith("weight ") for c in changes)
    # a `listed` rank: its comparison and its number, as a `compare`'s
    ids = [m.id for m in mutants(compiled.profile.model_dump(mode="python"))]
    for listed in ("op: le → lt", "value: 20 → 21", "value: 20 → 19"):
        assert f"criteria[0].scoring.cases[0].when.{listed}" in ids, listed
    # a `present` condition negated; `not present` negated again would be `not removed`,
    # so it is made once, not twice
    data = compiled.profile.model_dump(mode="python")
    given = {"kind": "present", "field": "site.address"}
    data["gates"][0]["condition"] = {
        "kind": "any_of",
        "conditions": [given, {"kind": "not", "condition": given}],
    }
    ids = [m.id for m in mutants(data)]
    assert "gates[0].condition.conditions[0].kind: present → not present" in ids
    assert "gates[0].condition.conditions[1].kind: not removed" in ids
    assert not [i for i in ids if i.startswith("gates[0].condition.conditions[1].condition")]
    # the default profile no longer has a neutral policy (#12): its mutant, on a copy
    data = compiled.profile.model_dump(mode="python")
    data["criteria"][0]["missing"] = "neutral"
    assert "missing neutral → zero" in [m.change for m in mutants(data)]


def test_a_mutant_that_does_not_compile_is_stillborn() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    over = next(
        m
        for m in mutants(compiled.profile.model_dump(mode="python"))
        if m.id == "criteria[3].scoring.bands[3].points: 6 → 7"  # over the criterion's 6
    )
    assert build(compiled, over) is None
    under = next(
        m
        for m in mutants(compiled.profile.model_dump(mode="python"))
        if m.id == "criteria[3].scoring.bands[3].points: 6 → 5"
    )
    variant = build(compiled, under)
    assert variant is not None and variant.profile.criteria[3].scoring.bands[3].points == 5  # type: ignore[union-attr]


def test_a_missing_boundary_case_lets_its_mutant_survive(tmp_path: Path) -> None:
    """Without the cases on the building-area bound of 1,000 sqm, moving it goes unnoticed."""
    text = (CASES / "xiaomi-2s-2024.yaml").read_text("utf-8")
    kept = []
    skip = False
    for line in text.splitlines():
        if line.startswith("  - id: "):
            skip = line.split("id: ")[1] in ("bounds-on-lower", "bounds-below-lower")
        elif not line.startswith("    "):
            skip = False
        if not skip:
            kept.append(line)
    (tmp_path / "tests").mkdir()
    shutil.copytree(ROOT / "criteria" / "reference", tmp_path / "reference")
    shutil.copy(ROOT / "criteria" / "xiaomi-2s-2024.yaml", tmp_path)
    (tmp_path / "tests" / "cases.yaml").write_text("\n".join(kept) + "\n", "utf-8")
    col = Collector()
    assert run_tests([str(tmp_path / "tests" / "cases.yaml")], col).ok
    col.run()
    survivors = {
        o.mutant.id for o in col.profiles["xiaomi-2s-2024"].outcomes if o.status == "survived"
    }
    assert "criteria[3].scoring.bands[0].max: bound 1000 → 1001" in survivors
    assert "criteria[3].scoring.bands[0].max: bound 1000 → 999" in survivors


def test_cli_reports_survivors_where_they_are_written(cli: Cli) -> None:
    low = cli("test", PARTIAL, "--mutate", "--min-killed", "90")
    assert low.exit_code == 1, low
    assert "FAILED: xiaomi-2s-2024 below 90.0%" in low.stdout
    line = next(ln for ln in low.stdout.splitlines() if "tiers[0].min_points: 80 → 81" in ln)
    where = line.strip().split(": [survived]")[0].rsplit(":", 2)
    assert where[0].endswith("xiaomi-2s-2024.yaml")
    source = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text("utf-8").splitlines()
    assert "{id: A, min_points: 80" in source[int(where[1]) - 1]
    data = json.loads(cli("test", PARTIAL, "--mutate", "--format", "json").stdout)
    assert data["schema"] == "dealerscreen.mutation/1" and data["status"] == "ok"
    (profile,) = data["profiles"]
    assert profile["killed"] + profile["survived"] == profile["mutants"]
    assert profile["survivors"][0]["line"] >= 1
    assert cli("test", PARTIAL, "--min-killed", "90").exit_code == 2  # needs --mutate
    assert cli("test", PARTIAL, "--mutate", "--coverage", "-f", "json").exit_code == 2
