"""The team's verifications (#21): nothing an applicant submits makes a document verified.

An application (a YAML or JSON file, a JSON Lines line, a spreadsheet row or a column
mapping's constants) that writes `verified_by` / `verified_on` is warned (`self-verified`)
and its documents count as submitted, not verified: the decision stays provisional and
its letter still asks for them. The team's checks come from `--verifications FILE`; one
dated after the run does not count, one of an applicant not screened is said, the json
manifest names the file, and no cache answers for another verifications file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealerscreen.batch.screening import load_criteria
from dealerscreen.decide.engine import decide
from dealerscreen.intake.verifications import effective, self_verified
from dealerscreen.models.verification import TeamCheck
from dealerscreen.outcomes.runner import run_file
from tests.conftest import ROOT, CliResult
from tests.helpers import applicant

Cli = Callable[..., CliResult]
SAMPLES = ROOT / "samples" / "applicants"
SUZHOU = SAMPLES / "suzhou-jiangnan-huatong.yaml"  # every standing statement has its document
TEAM = "samples/verifications.yaml"
FINAL = "XM24-SUZ-001"
# the shipped checks of XM24-SUZ-001, as the sample file once wrote them itself
CHECKS = [
    ("standing.group_name", "business_licence", "2023-12-21"),
    ("standing.top100_rank", "ranking_certificate", "2023-12-21"),
    ("standing.stores_in_province", "store_list", "2023-12-22"),
    ("standing.years_in_region", "business_licence", "2023-12-22"),
]


def self_verifying(folder: Path) -> Path:
    """The Suzhou sample with `verified_by` and `verified_on` written into its own entries."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SUZHOU.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        lines.append(line)
        if line.startswith("    reference: "):
            lines += ["    verified_by: Screening team", "    verified_on: 2023-12-21"]
    path = folder / "suzhou-self-verified.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(cli: Cli, *args: str, applicant_id: str = FINAL) -> tuple[dict[str, Any], CliResult]:
    result = cli("screen", *args, "--format", "json")
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    found = [r for r in report["results"] if r["applicant_id"] == applicant_id]
    assert len(found) == 1, result
    return found[0], result


def team_file(folder: Path, entries: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "team.yaml"
    path.write_text(
        yaml.safe_dump({"schema_version": 1, "verifications": entries}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def suzhou_checks(**dates: str) -> list[dict[str, Any]]:
    """The four checks of XM24-SUZ-001; `dates` moves one (by its document kind)."""
    return [
        {
            "applicant_id": FINAL,
            "field": fact,
            "document": kind,
            "verified_by": "Zhou Min",
            "verified_on": dates.get(fact.split(".")[-1], on),
        }
        for fact, kind, on in CHECKS
    ]


# --- an application cannot verify its own documents -------------------------------------


def test_a_yaml_applicant_that_verifies_itself_stays_provisional(cli: Cli, tmp_path: Path) -> None:
    path = self_verifying(tmp_path / "in")
    rec, result = record(cli, str(path))
    assert rec["provisional"] is True
    assert len(rec["evidence_wanted"]) == 4
    assert all(w["submitted"] for w in rec["evidence_wanted"])  # sent, awaiting the team
    assert not any(e["verified"] or e["verified_by"] for e in rec["evidence"])
    warned = [ln for ln in result.stderr.splitlines() if "(self-verified)" in ln]
    assert len(warned) == 4, result
    assert warned[0].startswith(f"{path}:71:18: [warning] evidence[0].verified_by: ")


def test_its_letter_still_asks_for_the_documents(cli: Cli, tmp_path: Path) -> None:
    path = self_verifying(tmp_path / "in")
    out = tmp_path / "letters"
    assert cli("letters", str(path), "-o", str(out)).exit_code == 0
    text = (out / f"{FINAL}.md").read_text(encoding="utf-8")
    assert "This decision is provisional" in text
    # sent but not checked: listed as being checked, never as a document to send (#24)
    assert "Documents received, which the team is now checking (nothing to send): " in text
    assert "top-100 rank: top-100 ranking certificate" in text
    assert "Documents still to send" not in text


def test_the_verifications_file_makes_it_final(cli: Cli, tmp_path: Path) -> None:
    path = self_verifying(tmp_path / "in")
    rec, result = record(cli, str(path), "--verifications", TEAM)
    assert rec["provisional"] is False and rec["evidence_wanted"] == []
    assert {e["verified_by"] for e in rec["evidence"]} == {"Zhou Min"}  # the team's, not its own
    assert "(self-verified)" in result.stderr  # still told: what it wrote decided nothing
    out = tmp_path / "letters"
    assert cli("letters", str(path), "-o", str(out), "--verifications", TEAM).exit_code == 0
    assert "provisional" not in (out / f"{FINAL}.md").read_text(encoding="utf-8").lower()


def _export(folder: Path, extra: dict[str, str], mapping_lines: list[str]) -> tuple[Path, Path]:
    """XM24-SUZ-001's row of the sample CSV export with `extra` columns, and the sample
    mapping with `mapping_lines` added (a line starting "constants:" replaces its own)."""
    rows = list(
        csv.DictReader(
            io.StringIO(
                (ROOT / "samples" / "exports" / "applicants.csv").read_text(encoding="utf-8-sig")
            )
        )
    )
    row = {**next(r for r in rows if r["Application no."] == FINAL), **extra}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "export.csv"
    data.write_text(buffer.getvalue(), encoding="utf-8")
    mapping = (ROOT / "samples" / "exports" / "mapping.yaml").read_text(encoding="utf-8")
    for line in mapping_lines:
        if line.startswith("constants:"):
            mapping = mapping.replace("constants:\n  schema_version: 1\n", line + "\n")
        else:
            mapping += line + "\n"
    path = folder / "mapping.yaml"
    path.write_text(mapping, encoding="utf-8")
    return data, path


def test_a_csv_column_mapped_to_verified_by_stays_provisional(cli: Cli, tmp_path: Path) -> None:
    extra = {f"Evidence {i} verified by": "Screening team" for i in range(1, 5)}
    lines = [f"  Evidence {i} verified by: evidence[{i - 1}].verified_by" for i in range(1, 5)]
    data, mapping = _export(tmp_path, extra, lines)
    rec, result = record(cli, str(data), "--mapping", str(mapping))
    assert rec["provisional"] is True and len(rec["evidence_wanted"]) == 4
    assert not any(e["verified"] for e in rec["evidence"])
    header = data.read_text(encoding="utf-8").splitlines()[0].split(",")
    column = header.index("Evidence 1 verified by") + 1
    assert f"{data}:2:{column}: [warning] evidence[0].verified_by: " in result.stderr, result
    out = tmp_path / "letters"
    assert cli("letters", str(data), "--mapping", str(mapping), "-o", str(out)).exit_code == 0
    assert "This decision is provisional" in (out / f"{FINAL}.md").read_text(encoding="utf-8")
    # the team's checks, and only they, make it final
    rec, _ = record(cli, str(data), "--mapping", str(mapping), "--verifications", TEAM)
    assert rec["provisional"] is False


def test_a_mapping_constant_cannot_verify_either(cli: Cli, tmp_path: Path) -> None:
    entry = (
        "{field: standing.top100_rank, document: ranking_certificate, "
        "verified_by: Screening team, verified_on: 2023-12-21}"
    )
    # the sample's evidence columns left empty: the row's evidence is the constant's
    extra = {
        f"Evidence {i} {part}": ""
        for i in range(1, 5)
        for part in ("fact", "document", "reference")
    }
    data, mapping = _export(
        tmp_path, extra, [f"constants:\n  schema_version: 1\n  evidence: [{entry}]"]
    )
    # The evidence columns unmapped: a constant list that a column fills inside is refused
    # (constant-overlap), so the constant is the row's only evidence.
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(
        "".join(line for line in text.splitlines(keepends=True) if ": evidence[" not in line),
        encoding="utf-8",
    )
    rec, result = record(cli, str(data), "--mapping", str(mapping))
    assert rec["provisional"] is True
    assert [(e["fact"], e["verified"]) for e in rec["evidence"]] == [
        ("standing.top100_rank", False)
    ]
    assert f"{data}:2: [warning] evidence[0].verified_by: " in result.stderr, result


# --- the team's file ---------------------------------------------------------------------


def test_a_check_dated_after_the_run_does_not_count(cli: Cli, tmp_path: Path) -> None:
    team = team_file(tmp_path, suzhou_checks(top100_rank="2024-03-01"))
    args = (str(SUZHOU), "--verifications", str(team))
    rec, result = record(cli, *args, "--as-of", "2024-02-01")
    assert rec["provisional"] is True
    assert [w["fact"] for w in rec["evidence_wanted"]] == ["standing.top100_rank"]
    assert (
        f"{team}:12:16: [warning] verifications[1].verified_on: checked on 2024-03-01, after "
        "the run's date 2024-02-01: it does not count yet (verification-future)"
    ) in result.stderr, result
    rec, result = record(cli, *args, "--as-of", "2024-03-01")  # on the day it counts
    assert rec["provisional"] is False and "verification-future" not in result.stderr


def test_a_check_of_an_applicant_not_screened_is_a_warning(cli: Cli, tmp_path: Path) -> None:
    entries = [{**suzhou_checks()[0], "applicant_id": "XM24-NOBODY"}, *suzhou_checks()]
    team = team_file(tmp_path, entries)
    result = cli("screen", str(SUZHOU), "--verifications", str(team))
    assert result.exit_code == 0, result
    assert (
        f"{team}:3:17: [warning] verifications[0].applicant_id: no applicant 'XM24-NOBODY' "
        "was screened: this check backs nothing (verification-unmatched)"
    ) in result.stderr, result
    # explaining one applicant out of a batch is not the whole batch: nothing to say
    result = cli("explain", str(SUZHOU), "--verifications", str(team))
    assert "verification-unmatched" not in result.stderr, result


def test_a_check_backs_the_fact_whether_or_not_the_application_lists_it() -> None:
    bare = applicant(standing={"kind": "regional_merchant", "stores_in_province": 6})
    check = TeamCheck(
        field="standing.stores_in_province",
        document="store_list",
        reference="SL-1",
        verified_by="Li Na",
        verified_on="2024-01-20",  # type: ignore[arg-type]
    )
    backed = effective(bare, [check])
    assert [(e.field, e.reference, e.verified_by) for e in backed.evidence] == [
        ("standing.stores_in_province", "SL-1", "Li Na")
    ]
    assert effective(bare) is bare  # nothing to change: the same model, no copy
    listed = applicant(
        evidence=[
            {"field": "standing.stores_in_province", "document": "store_list", "reference": "A"},
            {"field": "standing.years_in_region", "document": "lease", "verified_by": "me"},
        ]
    )
    decided = effective(listed, [check])
    # its own reference kept; its own verification dropped; the check marks its document
    assert [(e.reference, e.verified_by) for e in decided.evidence] == [
        ("A", "Li Na"),
        (None, None),
    ]
    assert [loc for loc, _, _ in self_verified(listed)] == [("evidence", 1, "verified_by")]


def test_the_shipped_checks_are_valid_against_their_schema() -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "verifications.schema.json").read_text("utf-8"))
    data = json.loads(json.dumps(yaml.safe_load((ROOT / TEAM).read_text("utf-8")), default=str))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert len(data["verifications"]) == 11


def test_the_manifest_names_the_verifications_file(cli: Cli) -> None:
    report = json.loads(cli("screen", str(SUZHOU), "-f", "json", "--verifications", TEAM).stdout)
    sha = hashlib.sha256((ROOT / TEAM).read_bytes()).hexdigest()
    assert report["manifest"]["verification_files"] == {TEAM: sha}
    plain = json.loads(cli("screen", str(SUZHOU), "-f", "json").stdout)
    assert plain["manifest"]["verification_files"] == {}


@pytest.mark.parametrize(
    ("entry", "where", "words"),
    [
        ({"verifed_by": "Li Na"}, "7:3", "unknown field 'verifed_by'; did you mean 'verified_by'?"),
        (
            {"field": "standing.stores_in_provnce"},
            "5:10",
            "did you mean 'standing.stores_in_province'?",
        ),
        ({"verified_on": None}, "8:16", "verified_on"),
        ({"document": "tax_return"}, "4:13", "tax_return"),
    ],
)
def test_a_bad_verifications_file_is_a_located_error(
    cli: Cli, tmp_path: Path, entry: dict[str, Any], where: str, words: str
) -> None:
    base = {
        "applicant_id": FINAL,
        "document": "store_list",
        "field": "standing.stores_in_province",
        "reference": "x",
        "verified_by": "Li Na",
        "verified_on": "2023-12-22",
    }
    team = team_file(tmp_path, [{**base, **entry}])
    result = cli("screen", str(SUZHOU), "--verifications", str(team))
    assert result.exit_code == 3, result
    assert f"{team}:{where}: [error]" in result.stderr and words in result.stderr, result


def test_a_verifications_file_that_is_not_there_is_a_usage_error(cli: Cli) -> None:
    result = cli("screen", str(SUZHOU), "--verifications", "no/such.yaml")
    assert result.exit_code == 2 and "no such file: no/such.yaml" in result.stderr, result


def test_the_warnings_speak_chinese(cli: Cli, tmp_path: Path) -> None:
    path = self_verifying(tmp_path / "in")
    team = team_file(tmp_path, suzhou_checks(top100_rank="2024-03-01"))
    result = cli("screen", str(path), "--verifications", str(team), "--lang", "zh")
    assert "verified_by 只能由筛选团队填写（--verifications），不由申请方填写" in result.stderr
    assert "核实日期 2024-03-01 晚于本次运行的日期 2024-01-02：暂不计入" in result.stderr


# --- caches and workers: nothing answers for another verifications file ------------------


def _batch(folder: Path) -> Path:
    """The samples, with a shut-out applicant (Lhasa is no recruitment city) that verifies
    its own documents: its cache entry must not stand for a decision under checks."""
    shutil.copytree(SAMPLES, folder)
    lhasa = folder / "lhasa-gaoyuan-zhiyuan.json"
    data = json.loads(lhasa.read_text(encoding="utf-8"))
    data["evidence"] = [
        {"field": "standing.stores_in_province", "document": "store_list", "verified_by": "Me"}
    ]
    lhasa.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def _check(applicant_id: str, fact: str, kind: str) -> dict[str, Any]:
    return {
        "applicant_id": applicant_id,
        "field": fact,
        "document": kind,
        "verified_by": "Li Na",
        "verified_on": "2023-12-30",
    }


def test_a_warm_run_with_other_checks_equals_no_cache(cli: Cli, tmp_path: Path) -> None:
    batch = str(_batch(tmp_path / "batch"))
    shipped = yaml.safe_load((ROOT / TEAM).read_text(encoding="utf-8"))["verifications"]
    shut_out = ("XM24-CKG-005", "XM24-NGB-003")  # ineligible: decided from the cache when warm
    first = team_file(
        tmp_path / "v1",
        [*shipped, _check(shut_out[0], "standing.years_in_region", "business_licence")],
    )
    # the second: SUZ-001 unchecked, the first shut-out applicant's check gone, the other's new
    second = team_file(
        tmp_path / "v2",
        [
            *(v for v in shipped if v["applicant_id"] != FINAL),
            _check(shut_out[1], "standing.stores_in_province", "store_list"),
        ],
    )
    cache = ["--cache-dir", str(tmp_path / "cache")]

    def report(team: Path, *how: str) -> str:
        result = cli("screen", batch, "-f", "json", "--verifications", str(team), *how)
        assert result.exit_code == 0, result
        return result.stdout

    plain: dict[Path, str] = {}  # a run without the cache, once for each file of checks
    for team in (first, first, second, second, first):  # cold, warm, then each changed
        warm = report(team, *cache)
        if team not in plain:
            plain[team] = report(team, "--no-cache")
        assert warm == plain[team], team
    final = json.loads(report(second, *cache))
    by_id = {r["applicant_id"]: r for r in final["results"]}
    assert by_id[FINAL]["provisional"] is True
    assert [e["verified_by"] for e in by_id[shut_out[1]]["evidence"]] == ["Li Na"]
    assert not by_id[shut_out[0]]["evidence"]
    assert [e["verified"] for e in by_id["XM24-LXA-001"]["evidence"]] == [False]  # its own


UNCHECKED_GATE = """\
  - id: not-yet-checked
    title: Not yet checked
    reason: The team has already checked a document of this application.
    source: seed-002
    basis: team
    rationale: A gate that reads the team's checks, to test that no cache entry outlives them.
    condition:
      kind: not
      condition: {kind: any_item, field: evidence, where: {kind: present, field: verified_by}}

"""


def test_no_entry_answers_for_other_checks_when_a_gate_reads_them(cli: Cli, tmp_path: Path) -> None:
    """A gate may read the checks (here: out once checked): an entry kept for an applicant
    decided under checks would shut it out in a later run without them."""
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: store-format-2s\n", UNCHECKED_GATE + "  - id: store-format-2s\n")
    (tmp_path / "reference").symlink_to(ROOT / "criteria" / "reference")
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    none = team_file(tmp_path / "none", [])
    cache = ("--cache-dir", str(tmp_path / "cache"))

    def report(team: str, *how: str) -> dict[str, Any]:
        args = ("screen", str(SAMPLES), "-c", str(profile), "-f", "json", "--verifications")
        result = cli(*args, team, *how)
        assert result.exit_code == 0, result
        data: dict[str, Any] = json.loads(result.stdout)
        return data

    report(TEAM, *cache)  # XM24-SUZ-001 checked: out at the new gate
    warm = report(str(none), *cache)
    assert warm == report(str(none), "--no-cache")
    assert next(r for r in warm["results"] if r["applicant_id"] == FINAL)["eligible"] is True


def test_parallel_workers_apply_the_same_checks(cli: Cli) -> None:
    def report(jobs: str) -> str:
        args = ("screen", str(SAMPLES), "-f", "json", "--no-cache", "--jobs", jobs)
        result = cli(*args, "--verifications", TEAM)
        assert result.exit_code == 0, result
        return result.stdout

    assert report("2") == report("1")


# --- the application form, and the case files ------------------------------------------


def test_the_application_form_has_no_verification_columns(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    from dealerscreen.intake.formfields import form_fields
    from dealerscreen.intake.mapping import EMBEDDED_SHEET

    assert not [f.path for f in form_fields() if "verified" in f.path]
    path = tmp_path / "form.xlsx"
    assert cli("template", "-o", str(path)).exit_code == 0
    book = openpyxl.load_workbook(path)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if "verified_by" in c or "verified_on" in c]
    assert "evidence[0].document" in str(book[EMBEDDED_SHEET]["A2"].value)


CASE_FILE = """\
schema_version: 1
kind: criteria-tests
profile: xiaomi-2s-2024
defaults:
  schema_version: 1
  legal_name: Test Motors Co., Ltd.
  standing: {kind: regional_merchant, stores_in_province: 6, years_in_region: 8}
  target: {city: Suzhou, store_format: 2S, resells_vehicles: false, delivers_vehicles: false}
  site: {district_type: mainstream_auto_circle}
  customers: {active_customers: 10000}
  after_sales: {mechanical_repair: true, sheet_metal: true, paint: true, workshop_at_site: true}
cases:
  - id: checked
    applicant: {}
    verifications:
      - {field: standing.stores_in_province, document: store_list, verified_by: Li Na, verified_on: 2024-01-20}
      - {field: standing.years_in_region, document: business_licence, verified_by: Li Na, verified_on: 2024-01-20}
    expect: {provisional: false}
  - id: self-verified
    applicant:
      evidence:
        - {field: standing.stores_in_province, document: store_list, verified_by: Li Na}
    expect: {provisional: true}
"""


def test_a_case_states_the_teams_checks_and_an_applicant_cannot(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(CASE_FILE, encoding="utf-8")
    outcomes, problems = run_file(str(path))
    assert not problems
    assert [(o.id, o.status) for o in outcomes] == [("checked", "pass"), ("self-verified", "error")]
    (problem,) = outcomes[1].problems
    assert (problem.line, problem.column, problem.check) == (22, 83, "self-verified")
    assert problem.text.startswith("applicant evidence[0].verified_by: an application cannot")


def test_the_checked_case_decides_as_the_engine_would() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    entry = {"field": "standing.stores_in_province", "document": "store_list"}
    bare = applicant(
        standing={"kind": "regional_merchant", "stores_in_province": 6, "years_in_region": 8},
        evidence=[{**entry, "verified_by": "Li Na"}],
    )
    # what the engine decides is the effective applicant: its own verification dropped
    assert (
        decide(compiled, effective(bare)).provisional
        == decide(
            compiled, applicant(standing=bare.standing.model_dump(), evidence=[entry])
        ).provisional
    )
