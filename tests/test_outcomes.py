"""`dealerscreen test`: shipped cases pass and pin every gate and tier; wrong expectations
fail with expected against actual and the explanation; formats and exit codes."""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.catalog import list_profiles
from dealerscreen.outcomes.runner import run_tests
from tests.conftest import ROOT

CASE_DIR = ROOT / "criteria" / "tests"
FAILING = Path(__file__).parent / "cases" / "outcomes" / "failing.yaml"


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it


@functools.cache
def _case_files() -> tuple[tuple[str, list[dict[str, Any]]], ...]:
    """(profile, cases) of each shipped case file, read once for the profiles' tests (with
    libyaml: the same data as yaml.safe_load, many times faster on these long files)."""
    found = []
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        found.append((data["profile"], data["cases"]))
    return tuple(found)


def test_shipped_cases_pass() -> None:
    run = run_tests([str(CASE_DIR)])
    assert run.ok, [(o.id, o.failures, o.problems) for o in run.outcomes if o.status != "pass"]
    assert run.counts()["cases"] >= 40


@pytest.mark.parametrize("info", list_profiles([ROOT / "criteria"]), ids=lambda i: i.id)
def test_every_gate_and_tier_of_every_shipped_profile_is_pinned(info) -> None:  # type: ignore[no-untyped-def]
    compiled = load_criteria(info.path)
    gates = {g.id for g, _ in compiled.gates}
    gates |= {f"{c.id}:required" for c, _ in compiled.criteria if c.missing == "fail"}
    tiers = {t.id for t in compiled.tiers}
    pinned_gates: set[str] = set()
    pinned_tiers: set[str] = set()
    for target, cases in _case_files():
        if Path(target).stem != info.id and target != info.id:
            continue
        for case in cases:
            expect = case["expect"]
            if expect.get("eligible") is False or expect.get("failed_gates"):
                pinned_gates |= set(expect.get("failed_gates") or [])
            if expect.get("tier"):
                pinned_tiers.add(expect["tier"])
    assert gates <= pinned_gates, f"gates without a case: {gates - pinned_gates}"
    assert tiers <= pinned_tiers, f"tiers without a case: {tiers - pinned_tiers}"


def test_flagged_pins_exactly_the_advisories_that_flag(tmp_path: Path) -> None:
    """`flagged` (#12): a label the facts contradict is flagged; a wrong list fails the
    case with expected against actual, and a check whose fact is not stated is no flag."""
    cases = yaml.safe_load(FAILING.read_text(encoding="utf-8"))
    area = {"after_sales": {"workshop_area_sqm": 900}}
    label = {**area, "standing": {"kind": "national_dealer_group", "group_name": "Nowhere Motors"}}
    big = {**area, "site": {"building_area_sqm": 3000, "street_frontage_m": 26}}
    cases["cases"] = [
        {
            "id": "right",
            "applicant": label,
            "expect": {
                "flagged": [
                    "national-label-unlisted",
                    "reported-building-area",
                    "reported-frontage",
                ]
            },
        },
        {"id": "wrong", "applicant": label, "expect": {"flagged": []}},
        {
            "id": "none",
            "applicant": {**big, "standing": {"kind": "regional_merchant"}},
            "expect": {"flagged": []},
        },
    ]
    cases.pop("rankings")
    path = tmp_path / "flags.yaml"
    path.write_text(yaml.safe_dump(cases, allow_unicode=True), encoding="utf-8")
    by_id = {o.id: o for o in run_tests([str(path)]).outcomes}
    assert by_id["right"].status == "pass" and by_id["none"].status == "pass"
    assert [f.english() for f in by_id["wrong"].failures] == [
        "flagged: expected [], got ['national-label-unlisted', 'reported-building-area', "
        "'reported-frontage']",
    ]


def test_wrong_expectations_fail_with_expected_and_actual() -> None:
    run = run_tests([str(FAILING)])
    assert not run.ok
    by_id = {o.id: o for o in run.outcomes}
    whys: list[tuple[str, str]] = []
    case_id = ""
    for line in FAILING.read_text(encoding="utf-8").splitlines():
        case_id = m[1] if (m := re.match(r"\s*- id: ([\w-]+)", line)) else case_id
        if "# why: " in line:
            whys.append((case_id, line.split("# why: ", 1)[1]))
    assert len(whys) == 12
    for case_id, why in whys:
        outcome = by_id[case_id]
        said = [*(f.english() for f in outcome.failures), *(p.text for p in outcome.problems)]
        assert any(why in s for s in said), (case_id, said)
    assert by_id["wrong-tier"].explanation[2].startswith("Decision: ELIGIBLE, tier C")
    assert by_id["bad-applicant"].status == "error"
    assert by_id["bad-applicant"].problems[0].line == 28
    assert by_id["low"].status == "pass"


def test_cli_formats_and_exit_codes(cli) -> None:  # type: ignore[no-untyped-def]
    ok = cli("test")
    assert ok.exit_code == 0 and ok.stdout.rstrip().endswith(": ok"), ok
    bad = cli("test", str(FAILING))
    assert bad.exit_code == 1, bad
    assert "tier: expected A, got C" in bad.stdout and "explanation:" in bad.stdout
    envelope = json.loads(cli("test", str(FAILING), "--format", "json").stdout)
    assert envelope["status"] == "failed" and envelope["counts"]["failed"] == 10
    junit = ET.fromstring(cli("test", str(FAILING), "--format", "junit").stdout)
    suite = junit.find("testsuite")
    assert suite is not None and (suite.get("failures"), suite.get("errors")) == ("10", "2")
    assert cli("test", "--format", "tap").exit_code == 2
    assert cli("test", "no/such/dir").exit_code == 2


def test_no_cases_found_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("test", str(tmp_path))
    assert result.exit_code == 2 and "no case file" in result.stderr, result


def test_a_case_that_expects_nothing_is_an_error() -> None:
    run = run_tests([str(FAILING.parent / "expects-nothing.yaml")])
    assert not run.ok and not run.outcomes
    (problem,) = run.problems
    assert (problem.line, problem.column) == (7, 13) and "names no expectation" in problem.text


def test_shipped_cases_run_when_criteria_is_copied_elsewhere(tmp_path: Path) -> None:
    """No shipped case reads a file outside criteria/ (a team copies the folder)."""
    import shutil

    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    run = run_tests([str(tmp_path / "criteria" / "tests")])
    assert run.ok, [(o.id, o.failures, o.problems) for o in run.outcomes if o.status != "pass"]
    for path in (tmp_path / "criteria" / "tests").glob("*.yaml"):
        assert not re.search(r"applicant:\s*\.\./", path.read_text("utf-8")), path.name


def test_no_paths_and_no_case_folder_is_nothing_to_run(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The pre-commit hook runs `dealerscreen test` with no paths: a repository that keeps
    criteria but no criteria/tests/ has nothing to run, which is not an error."""
    (tmp_path / "criteria").mkdir()
    monkeypatch.chdir(tmp_path)
    result = cli("test")
    assert result.exit_code == 0, result
    assert "no criteria/tests/ folder here" in result.stderr and result.stdout == ""
    named = cli("test", "criteria/tests")  # named, it must be there
    assert named.exit_code == 2, named
