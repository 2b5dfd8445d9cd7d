"""`--format sarif` of validate, test and screen is valid SARIF 2.1.0 (checked against the
official schema, tests/data/sarif-schema-2.1.0.json) with one rule per check id and located
results; GitHub annotations are capped as GitHub caps them; JUnit carries times and totals."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dealerscreen.models.problems import Problem, plain
from dealerscreen.reporters.annotations import PER_LEVEL, annotate
from dealerscreen.reporters.sarif import uri
from dealerscreen.validation import CHECKS
from tests.conftest import ROOT, CliResult

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
FAILING = "tests/cases/outcomes/failing.yaml"
Cli = Callable[..., CliResult]


def valid_sarif(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "one rule per check id"
    for r in rules:
        assert r["help"]["text"] and r["shortDescription"]["text"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    return run


def test_the_schema_is_the_official_one() -> None:
    assert SCHEMA["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_the_schema_rejects_what_is_not_sarif() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [{"tool": {}}]})


def test_validate_sarif(cli: Cli) -> None:
    result = cli("validate", "tests/cases/validate", "--format", "sarif")
    assert result.exit_code == 1, result
    run = valid_sarif(result.stdout)
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(CHECKS) <= set(rules)
    assert "Fails::" in rules["band-overlap"]["help"]["text"]
    located = next(r for r in run["results"] if r["ruleId"] == "band-overlap")["locations"][0][
        "physicalLocation"
    ]
    assert located["artifactLocation"]["uri"] == "tests/cases/validate/band-overlap.yaml"
    assert located["region"]["startLine"] > 1 and located["region"]["startColumn"] >= 1
    clean = valid_sarif(cli("validate", "--strict", "--format", "sarif").stdout)
    assert clean["results"] == []


def test_test_sarif_locates_failed_cases_at_the_case(cli: Cli) -> None:
    result = cli("test", FAILING, "--format", "sarif")
    assert result.exit_code == 1, result
    run = valid_sarif(result.stdout)
    failed = {
        r["message"]["text"].split(":", 3)[2]: r
        for r in run["results"]
        if r["ruleId"] == "case-failed"
    }
    lines = (ROOT / FAILING).read_text("utf-8").splitlines()
    region = failed["wrong-tier"]["locations"][0]["physicalLocation"]["region"]
    assert lines[region["startLine"] - 1].strip() == "- id: wrong-tier"
    assert region["startColumn"] == lines[region["startLine"] - 1].index("id:") + 1
    assert "tier: expected A, got C" in failed["wrong-tier"]["message"]["text"]
    assert len(failed) == 10  # names add wrong-suggestion; #12 two review cases, a separation
    assert any(r["ruleId"] == "invalid-applicant" for r in run["results"])


def test_screen_sarif_lists_the_invalid_files(cli: Cli) -> None:
    result = cli("screen", "samples/invalid", "--format", "sarif")
    assert result.exit_code == 1, result
    run = valid_sarif(result.stdout)
    files = {p.name for p in (ROOT / "samples" / "invalid").iterdir() if p.suffix != ".md"}
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert {u.rsplit("/", 1)[1] for u in uris} == files
    ok = valid_sarif(cli("screen", "samples/applicants", "--format", "sarif").stdout)
    assert {r["level"] for r in ok["results"]} == {"warning"}  # unknown cities: warnings only


def test_uris_are_relative_or_file_uris() -> None:
    assert uri("samples/申请/a b.yaml") == "samples/%E7%94%B3%E8%AF%B7/a%20b.yaml"
    assert uri("/tmp/x.yaml") == "file:///tmp/x.yaml"


def problems(n: int, level: str = "error") -> list[tuple[Problem, str]]:
    return [
        (Problem(f"f{i}.yaml", i + 1, 1, "error", plain(f"bad {i}"), None, "x"), level)
        for i in range(n)
    ]


def test_annotations_are_capped_at_githubs_limit_per_level() -> None:
    lines = annotate([*problems(25), *problems(3, "warning")])
    assert sum(ln.startswith("::error ") for ln in lines) == PER_LEVEL == 10
    assert sum(ln.startswith("::warning ") for ln in lines) == 3
    assert sum(ln.startswith("f") for ln in lines) == 15  # the rest, as plain located lines
    assert lines[-1].startswith("::notice ") and "15 more error(s)" in lines[-1]
    assert not any(ln.startswith("::notice") for ln in annotate(problems(10)))


def test_screen_problems_are_annotations_inside_actions(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("screen", "samples/invalid")
    assert result.exit_code == 1
    annotations = [ln for ln in result.stderr.splitlines() if ln.startswith("::error ")]
    assert len(annotations) == 8
    assert any("file=samples/invalid/misspelled-field.yaml,line=23,col=3" in a for a in annotations)


def test_failed_cases_are_annotations_inside_actions(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("test", FAILING)
    assert result.exit_code == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
    assert len(annotations) == 10 and "explanation:" in result.stdout
    assert any(
        "title=case-failed::xiaomi-2s-2024::wrong-tier: tier: expected A, got C" in a
        for a in annotations
    )


def test_junit_has_times_and_totals(cli: Cli, tmp_path: Path) -> None:
    root = ET.fromstring(cli("test", FAILING, "criteria/tests", "--format", "junit").stdout)
    suites = root.findall("testsuite")
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites) > 40
    assert (root.get("failures"), root.get("errors")) == ("10", "2")
    assert float(root.get("time", "-1")) >= 0
    for case in root.iter("testcase"):
        assert float(case.get("time", "-1")) >= 0
    for suite in suites:
        assert float(suite.get("time", "-1")) >= 0 and suite.get("skipped") == "0"
