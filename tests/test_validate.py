"""`dealerscreen validate`: one case file per check (tests/cases/validate), the registry,
the shipped criteria (strict), formats and exit codes.

A case's first line is `# expect: [PATH:]LINE:COL CHECK [words in the message]` (PATH
relative to the case, when the problem is reported in another file); an optional
`# with: PATH` line names companion files validated together with it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dealerscreen.validation import CHECKS
from dealerscreen.validation.runner import validate
from tests.conftest import ROOT

CASES_DIR = Path(__file__).parent / "cases" / "validate"
CASES = sorted(CASES_DIR.glob("*.yaml"))
INVALID_CRITERIA = sorted((Path(__file__).parent / "cases" / "criteria-invalid").glob("*.yaml"))
EXPECT = re.compile(
    r"# expect: (?:(?P<path>\S+):)?(?P<line>\d+):(?P<col>\d+) (?P<check>\S+) ?(?P<words>.*)"
)


def expectation(path: Path) -> re.Match[str]:
    found = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert found, f"{path} has no '# expect:' line"
    return found


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_each_check_reports_its_case_at_its_position(case: Path) -> None:
    want = expectation(case)
    companions = re.findall(r"^# with: (\S+)$", case.read_text(encoding="utf-8"), re.M)
    result = validate([str(case), *(str(case.parent / c) for c in companions)])
    where = str(case.parent / want["path"]) if want["path"] else str(case)
    hits = [
        p
        for p in result.problems
        if Path(p.path).resolve() == Path(where).resolve()
        and (p.line, p.column, p.check) == (int(want["line"]), int(want["col"]), want["check"])
    ]
    shown = "\n".join(p.render() for p in result.problems)
    assert hits, f"expected {want.group(0)}; got:\n{shown}"
    assert all(want["words"] in p.text for p in hits), shown
    assert hits[0].level == CHECKS[want["check"]].level
    assert result.failed(strict=True)


def test_every_registered_check_has_a_case_and_documents_a_failing_example() -> None:
    covered = {expectation(p)["check"] for p in CASES + INVALID_CRITERIA}
    for check in CHECKS.values():
        assert check.summary.startswith(f"{check.id} ({check.level})"), check.id
        assert re.search(r"^\s*Fails\b.*::$", check.doc, re.M), f"{check.id} has no failing example"
    # missing-source is pydantic's "missing" renamed by validate: tested below.
    assert set(CHECKS) - covered == {"missing-source"}, set(CHECKS) - covered


def test_missing_source_is_named(tmp_path: Path) -> None:
    text = (CASES_DIR / "band-gap.yaml").read_text(encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(text.replace("    source: test\n", "", 1), encoding="utf-8")
    path.write_text(
        path.read_text().replace("../../data", str(ROOT / "tests" / "data")), encoding="utf-8"
    )
    result = validate([str(path)])
    assert [p.check for p in result.problems if p.level == "error"] == ["missing-source"]


def test_shipped_criteria_pass_strict() -> None:
    result = validate([str(ROOT / "criteria")])
    assert result.problems == [], "\n".join(p.render() for p in result.problems)
    assert len(result.profiles) >= 4 and len(result.lists) >= 4


def test_cli_exit_codes_and_formats(cli) -> None:  # type: ignore[no-untyped-def]
    ok = cli("validate", "--strict")
    assert ok.exit_code == 0, ok
    warn = cli("validate", str(CASES_DIR / "band-gap.yaml"))
    assert warn.exit_code == 0, warn  # a warning fails only with --strict
    assert cli("validate", "--strict", str(CASES_DIR / "band-gap.yaml")).exit_code == 1
    bad = cli("validate", str(INVALID_CRITERIA[0]), "--format", "json")
    assert bad.exit_code == 1, bad
    envelope = json.loads(bad.stdout)
    assert envelope["status"] == "failed" and envelope["problems"][0]["line"] is not None
    assert cli("validate", "--format", "xml").exit_code == 2
    assert cli("validate", "no/such/folder").exit_code == 2
    assert cli("validate", "criteria", "-o", "criteria/xiaomi-2s-2024.yaml").exit_code == 2
    listed = cli("validate", "--list-checks").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == list(CHECKS)


def test_github_annotations_chosen_in_actions(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = cli("validate", str(CASES_DIR / "band-overlap.yaml")).stdout
    # the case has no basis on its rules either: pick the band-overlap line out
    first = next(line for line in out.splitlines() if "title=band-overlap" in line)
    assert re.match(
        r"::error file=[^,]+band-overlap\.yaml,line=30,col=11,title=band-overlap::", first
    ), out


def test_a_broken_file_does_not_hide_another(tmp_path: Path) -> None:
    result = validate([str(CASES_DIR / "band-overlap.yaml"), str(INVALID_CRITERIA[0])])
    assert {p.check for p in result.problems} >= {
        "band-overlap",
        expectation(INVALID_CRITERIA[0])["check"],
    }


def test_docs_list_every_check_with_its_level() -> None:
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for check in CHECKS.values():
        assert f"| `{check.id}` | {check.level} |" in docs, check.id


def test_docs_workflow_and_pre_commit_examples_are_valid_yaml() -> None:
    import yaml

    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.S)
    workflow = next(yaml.safe_load(b) for b in blocks if "runs-on:" in b)
    steps = workflow["jobs"]["criteria"]["steps"]
    runs = " ".join(str(s.get("run", "")) for s in steps)
    for command in ("dealerscreen validate --strict", "dealerscreen test", "dealerscreen diff"):
        assert command in runs
    # a team's own repository: dealerscreen comes from a tag or a wheel, never `pip install .`
    assert "pip install ." not in runs
    assert workflow["env"]["DEALERSCREEN"].startswith("dealerscreen @ git+https://")
    assert "--format sarif" in runs and "fetch-depth" in str(steps[0])
    config = next(yaml.safe_load(b) for b in blocks if "repos:" in b)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [h["id"] for h in hooks]
