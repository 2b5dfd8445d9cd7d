"""`dealerscreen test --coverage`: which gates, bands, steps, cases, tables, ranges, bonuses,
tiers and quotas the cases exercise; what none reaches, located in the criteria file; the
shipped profiles covered in full."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.decide.engine import decide
from dealerscreen.outcomes.coverage import Collector, plan
from dealerscreen.outcomes.runner import run_tests
from tests.conftest import ROOT, CliResult

CASES = ROOT / "criteria" / "tests"
PARTIAL = "tests/cases/outcomes/partial.yaml"
Cli = Callable[..., CliResult]


def test_the_shipped_profiles_are_covered_in_full() -> None:
    col = Collector()
    run = run_tests([str(CASES)], col)
    assert run.ok
    assert sorted(col.profiles) == [
        "nio-partners-2023",
        "xiaomi-2s-2024",
        "xiaomi-2s-2025-expansion",
        "xpeng-jupiter-2023",
    ]
    for cov in col.profiles.values():
        assert cov.missed == [], [i.label for i in cov.missed]
        assert cov.percent == 100.0
        kinds = cov.by_kind()
        assert {"gates", "tiers"} <= set(kinds)
    # every item is reached by a case: none is excused
    assert all(cov.excused == [] for cov in col.profiles.values())


def test_an_item_no_case_reaches_can_be_excused_with_a_reason(tmp_path: Path) -> None:
    """A case file may excuse an item no case reaches (`accepted: uncovered`), with why:
    it is then reported as excused, not missed."""
    folder = tmp_path / "criteria"
    shutil.copytree(CASES.parent, folder)
    cases = folder / "tests" / "xiaomi-2s-2024.yaml"
    text = cases.read_text(encoding="utf-8")
    start = text.index("  - id: standing-no-case-holds\n")
    end = text.index("\nrankings:", start) + 1  # the last case before the rankings
    text = text[:start] + text[end:]
    text = text.replace(
        "accepted:\n",
        "accepted:\n  - uncovered: criteria[0].scoring\n    why: Not reached on purpose.\n",
        1,
    )
    cases.write_text(text, encoding="utf-8")
    col = Collector()
    assert run_tests([str(cases)], col).ok
    xiaomi = col.profiles["xiaomi-2s-2024"]
    assert xiaomi.missed == [] and xiaomi.percent == 100.0
    assert [(i.label, why) for i, why in xiaomi.excused] == [
        ("no case holds (default 0 points) of standing", "Not reached on purpose.")
    ]


def test_what_a_case_reaches_agrees_with_its_decided_points() -> None:
    """The probes read which band, step, case or table value a case reached off its
    decision record; the points of that branch in the spec must be the points `decide`
    gave."""
    seen: list[tuple[str, str]] = []

    def visit(loaded, built) -> None:  # type: ignore[no-untyped-def]
        compiled = loaded.compiled
        p = plan(compiled)
        for b in built:
            if b.applicant is None:
                continue
            d = decide(compiled, b.applicant)
            for i, ((crit, _), points) in enumerate(zip(compiled.criteria, d.points, strict=True)):
                item = p.criteria[i](d.criterion_records[i])
                if item is None or points is None:
                    continue
                spec = crit.scoring.model_dump()
                loc = item.loc[3:]
                if len(loc) == 2 and loc[0] in ("bands", "steps", "cases"):
                    assert spec[loc[0]][loc[1]]["points"] == points, (crit.id, item.label)
                    seen.append((crit.id, item.kind))
                elif len(loc) == 2 and loc[0] == "table":
                    table = crit.scoring.table
                    assert next(v for k, v in table.items() if str(k) == loc[1]) == points
                    seen.append((crit.id, item.kind))

    run_tests([str(CASES)], visit)
    assert {k for _, k in seen} >= {"bands", "steps", "cases"}


def test_missed_items_are_located_and_a_minimum_fails(cli: Cli) -> None:
    low = cli("test", PARTIAL, "--coverage", "--min-coverage", "90")
    assert low.exit_code == 1, low
    assert "FAILED: xiaomi-2s-2024 below 90.0%" in low.stdout
    lines = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text("utf-8").splitlines()
    missed = [ln.strip() for ln in low.stdout.splitlines() if "[coverage]" in ln]
    tier_d = next(m for m in missed if "tier D reached" in m)
    where = tier_d.split(": [coverage]")[0].rsplit(":", 2)
    assert where[0].endswith("criteria/xiaomi-2s-2024.yaml")
    assert lines[int(where[1]) - 1].strip().startswith("- {id: D, min_points: 0")
    assert any("gate recruitment-city failed" in m for m in missed)
    ok = cli("test", PARTIAL, "--coverage", "--min-coverage", "10")
    assert ok.exit_code == 0, ok
    assert cli("test", PARTIAL, "--min-coverage", "10").exit_code == 2  # needs --coverage
    assert cli("test", PARTIAL, "--coverage", "--format", "junit").exit_code == 2


def test_json(cli: Cli) -> None:
    result = cli("test", PARTIAL, "--coverage", "--format", "json", "--min-coverage", "50")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "dealerscreen.coverage/1" and data["status"] == "failed"
    (profile,) = data["profiles"]
    assert profile["id"] == "xiaomi-2s-2024" and profile["percent"] < 50
    assert profile["items"] == sum(k["items"] for k in profile["by_kind"].values())
    first = profile["missed"][0]
    assert set(first) == {"kind", "item", "field", "path", "line", "column"}
    assert first["line"] >= 1


@pytest.mark.parametrize(
    "kind", ["gates", "bands", "steps", "cases", "tables", "ranges", "bonuses", "tiers", "quotas"]
)
def test_every_kind_of_item_is_measured(kind: str) -> None:
    col = Collector()
    run_tests([str(CASES / "xiaomi-2s-2024.yaml")], col)
    assert kind in col.profiles["xiaomi-2s-2024"].by_kind()


def test_coverage_reads_the_branch_off_the_record_not_off_the_applicant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a case reached is the branch its decision record keeps: the kinds are not
    asked again which branch an applicant takes, and the applicant is not read."""
    from dealerscreen.rules import SCORING_KINDS
    from dealerscreen.rules.base import Branches

    expected = Collector()
    run_tests([str(CASES)], expected)

    def asked(*_: object) -> None:
        raise AssertionError("a kind was asked again which branch a case took")

    for cls in SCORING_KINDS.values():
        made = cls.branches

        def without_took(self, ctx, loc, points, made=made) -> Branches:  # type: ignore[no-untyped-def]
            return made(self, ctx, loc, points)._replace(took=asked)

        monkeypatch.setattr(cls, "branches", without_took)
    col = Collector()
    run_tests([str(CASES)], col)
    assert {pid: c.hit for pid, c in col.profiles.items()} == {
        pid: c.hit for pid, c in expected.profiles.items()
    }
    assert all(c.hit for c in col.profiles.values())
