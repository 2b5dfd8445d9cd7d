"""Claims and evidence (#12): a gate that requires documents makes a pass on statements
alone provisional; every report separates provisional from final and says what to send.

The outcome cases in criteria/tests pin which applicants are provisional under the
default profile; these tests pin the words, the records and the file format.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.evidence import compile_need
from dealerscreen.decide.engine import decide, evaluate
from dealerscreen.decide.record import decode, encode
from dealerscreen.models.applicant import Applicant, fact_paths
from dealerscreen.models.facts import check_fact_path
from dealerscreen.outcomes.mutants import mutants
from tests.conftest import ROOT, CliResult
from tests.helpers import applicant

Cli = Callable[..., CliResult]
SAMPLES = ROOT / "samples" / "applicants"
# the team's checks of the samples' documents, kept apart from the applications
TEAM = ("--verifications", str(ROOT / "samples" / "verifications.yaml"))
FINAL = "XM24-SUZ-001"  # every statement backed by a verified document
SUBMITTED = "XM24-TSN-001"  # documents sent, none verified yet
NO_CERTIFICATE = "XM24-CKG-001"  # verified, but the stated rank has no certificate
WRONG_KIND = "XM24-XIY-002"  # its stores backed by a lease
REGIONAL_FINAL = "XM24-CSX-002"


def regional(*evidence: dict[str, Any]) -> Applicant:
    return applicant(
        standing={"kind": "regional_merchant", "stores_in_province": 6, "years_in_region": 8},
        target={
            "city": "Suzhou",
            "store_format": "2S",
            "resells_vehicles": False,
            "delivers_vehicles": False,
        },
        site={"district_type": "mainstream_auto_circle"},
        after_sales={
            "mechanical_repair": True,
            "sheet_metal": True,
            "paint": True,
            "workshop_at_site": True,
        },
        customers={"active_customers": 5000},
        evidence=list(evidence),
    )


STORES = {"field": "standing.stores_in_province", "document": "store_list"}
YEARS = {"field": "standing.years_in_region", "document": "business_licence"}


# --- the applicant file -------------------------------------------------------------


def test_every_fact_path_resolves_and_none_is_bookkeeping() -> None:
    paths = fact_paths()
    assert "standing.stores_in_province" in paths and "brand_agencies" in paths
    assert not {"applicant_id", "schema_version", "evidence", "contact.name"} & set(paths)


def test_an_unknown_fact_is_refused_with_the_nearest_one() -> None:
    with pytest.raises(ValueError, match=r"did you mean 'standing\.stores_in_province'"):
        check_fact_path("standing.stores_in_provnce", fact_paths())


def test_an_applicants_own_verification_date_is_read_not_refused() -> None:
    # what an application says of verification is warned and ignored (test_verifications)
    assert regional({**STORES, "verified_on": "2024-01-20"}).evidence[0].verified_on
    with pytest.raises(ValidationError, match="valid date"):
        regional({**STORES, "verified_on": "soon"})


def test_an_entry_without_verified_by_is_submitted_not_verified() -> None:
    a = regional(STORES, {**YEARS, "verified_by": "Li Na"})
    assert [e.verified for e in a.evidence] == [False, True]


# --- deciding -----------------------------------------------------------------------


def test_verified_documents_make_the_decision_final_and_change_no_points() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    bare = decide(compiled, regional())
    backed = decide(
        compiled,
        regional({**STORES, "verified_by": "Li Na"}, {**YEARS, "verified_by": "Li Na"}),
    )
    assert bare.is_provisional and not backed.is_provisional
    assert (bare.total, bare.tier, bare.eligible) == (backed.total, backed.tier, backed.eligible)
    # ranked on its claims: the sort key ignores the evidence but for the id
    assert bare.sort_key[:-1] == backed.sort_key[:-1]


def test_a_submitted_document_is_wanted_for_verification_and_a_wrong_kind_for_another() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    ev = evaluate(
        compiled,
        regional(STORES, {"field": "standing.years_in_region", "document": "lease"}),
    )
    wanted = {w.fact: w for w in ev.wanted}
    assert wanted["standing.stores_in_province"].submitted  # sent: awaiting verification
    assert not wanted["standing.years_in_region"].submitted  # a lease does not show years
    assert wanted["standing.years_in_region"].documents == ("business_licence", "audited_accounts")


def test_the_decision_record_keeps_a_provisional_gate_and_the_documents_it_waits_for() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    for backed in (False, True):
        extra = ({**STORES, "verified_by": "L"}, {**YEARS, "verified_by": "L"}) if backed else ()
        d = decide(compiled, regional(*extra))
        record = encode(d)
        back = decode(record, d.applicant_id, d.city_id, d.group, d.eligible, d.sort_key)
        assert back == d
        if not backed:
            assert back.provisional == (2,) and back.is_provisional
            assert [w.fact for w in back.wanted[0]] == [
                "standing.stores_in_province",
                "standing.years_in_region",
            ]
        else:
            assert back.provisional == () and back.wanted == ()


def test_a_gate_without_an_evidence_rule_is_never_provisional() -> None:
    compiled = load_criteria("xpeng-jupiter-2023")
    assert all(need is None for need in compiled.needs)
    assert not decide(compiled, regional()).provisional


def test_the_shorthand_asks_for_any_document_for_each_fact_the_gate_reads() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    gate = compiled.profile.gates[2].model_copy(update={"evidence": None})
    from dealerscreen.criteria.models import EvidenceRule

    need = compile_need(gate.model_copy(update={"evidence": EvidenceRule()}), ("gates", 2))
    assert need is not None and not need.verified
    assert [p for p, _, kinds in need.facts if not kinds] == [
        "standing.group_name",
        "standing.stores_in_province",
        "standing.top100_rank",
        "standing.years_in_region",
    ]
    assert compile_need(gate, ("gates", 2)) is None


def test_mutation_testing_changes_the_evidence_rule() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    changes = {m.id for m in mutants(compiled.profile.model_dump(mode="python"))}
    assert "gates[2].evidence: required → false" in changes
    assert "gates[2].evidence.verified: verified true → false" in changes
    assert (
        "gates[2].evidence.facts.standing.top100_rank: standing.top100_rank not asked for"
        in changes
    )


def test_validate_wants_a_basis_for_requiring_evidence(tmp_path: Path, cli: Cli) -> None:
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '      basis: team\n      rationale: "A pass that rests',
        '      rationale: "A pass that rests',
    )
    (tmp_path / "reference").symlink_to(ROOT / "criteria" / "reference")
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    result = cli("validate", "--strict", str(profile))
    assert "the evidence gate 'dealer-standing' requires has no basis" in result.stdout, result


# --- the samples, in every report ---------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from typer.testing import CliRunner

    from dealerscreen.cli.app import app

    out = CliRunner().invoke(app, ["screen", str(SAMPLES), "--format", "json", *TEAM])
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def _record(report: dict[str, Any], applicant_id: str) -> dict[str, Any]:
    return next(r for r in report["results"] if r["applicant_id"] == applicant_id)


def test_the_samples_show_final_and_provisional_decisions(report: dict[str, Any]) -> None:
    final = _record(report, FINAL)
    assert final["provisional"] is False and final["evidence_wanted"] == []
    assert {e["verified_by"] for e in final["evidence"]} == {"Zhou Min"}
    assert _record(report, REGIONAL_FINAL)["provisional"] is False

    submitted = _record(report, SUBMITTED)
    assert submitted["provisional"] is True
    assert all(w["submitted"] for w in submitted["evidence_wanted"])
    assert len(submitted["evidence_wanted"]) == 4
    # every document sent, none checked: nothing is asked for (#24)
    assert "documents to send" not in submitted["reason"]
    assert "provisional: documents for dealer group" in submitted["reason"]
    assert "being checked" in submitted["reason"]

    assert [w["fact"] for w in _record(report, NO_CERTIFICATE)["evidence_wanted"]] == [
        "standing.top100_rank"
    ]
    wrong = _record(report, WRONG_KIND)["evidence_wanted"]
    assert wrong == [
        {
            "fact": "standing.stores_in_province",
            "documents": ["store_list", "business_licence"],
            "verified": True,
            "submitted": False,
        }
    ]
    gate = next(g for g in _record(report, SUBMITTED)["gates"] if g["id"] == "dealer-standing")
    assert gate["provisional"] is True and gate["passed"] is True


def test_the_city_lists_name_their_provisional_applicants(report: dict[str, Any]) -> None:
    suzhou = next(c for c in report["cities"] if c["id"] == "suzhou")
    assert FINAL in suzhou["shortlist"] and FINAL not in suzhou["provisional"]
    assert set(suzhou["provisional"]) == set(suzhou["shortlist"] + suzhou["runners_up"]) - {FINAL}
    # ineligible applicants are out, final: never listed as provisional
    assert not set(suzhou["provisional"]) & set(suzhou["ineligible"])


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "shortlisted, provisional",
                "Provisional: no verified document yet for top-100 rank.",
                "the screening team's policy, not a published requirement: A pass that rests",
                "Documents to send:",
                "  - top-100 rank: top-100 ranking certificate",
                "  - dealer group: business licence (营业执照 91500000MA60BSJH3R), verified by Tan Yu on 2023-12-20",
            ],
        ),
        (
            "zh",
            [
                "入围（暂定）",
                "暂定：百强排名尚无经核实的证明文件。",
                "并非公布的招募条件：依据申请方自述通过此项的",
                "  - 百强排名：百强排名证明",
            ],
        ),
    ],
)
def test_explain_shows_each_document_and_what_is_missing(
    cli: Cli, lang: str, words: list[str]
) -> None:
    out = cli("explain", "--id", NO_CERTIFICATE, str(SAMPLES), "--lang", lang, *TEAM).stdout
    for w in words:
        assert w in out, (w, out)


def test_a_final_decision_says_nothing_provisional(cli: Cli) -> None:
    out = cli("explain", "--id", FINAL, str(SAMPLES), *TEAM).stdout
    assert "provisional" not in out.lower()
    assert "top-100 rank: top-100 ranking certificate (2023 national dealer-group" in out


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html", "table"])
def test_every_text_report_separates_provisional_from_final(cli: Cli, fmt: str) -> None:
    out = cli("screen", str(SAMPLES), "--format", fmt, "--top", "3", *TEAM).stdout
    assert "provisional" in out
    if fmt == "csv":
        rows = {r["applicant_id"]: r for r in csv.DictReader(io.StringIO(out))}
        assert (rows[SUBMITTED]["provisional"], rows[FINAL]["provisional"]) == ("true", "false")
        assert rows[SUBMITTED]["evidence_wanted"].startswith("standing.group_name standing.top")


def test_the_city_tables_mark_a_provisional_shortlist(cli: Cli) -> None:
    out = cli("screen", str(SAMPLES), "--by-city", "--city", "Chongqing", *TEAM).stdout
    assert "shortlisted, provisional" in out


def test_the_workbook_marks_provisional_and_lists_the_documents(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "r.xlsx"
    assert cli("screen", str(SAMPLES), "-f", "xlsx", "-o", str(path), *TEAM).exit_code == 0
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Ranked"].iter_rows(values_only=True))
    column = rows[0].index("Provisional")
    marked = {r[1] for r in rows[1:] if r[column] == "provisional"}
    assert SUBMITTED in marked and FINAL not in marked
    cells = [str(c) for row in rows for c in row if c]
    assert any(c.startswith("top-100 rank: top-100 ranking certificate") for c in cells)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "This decision is provisional",
                "Documents still to send: top-100 rank: top-100 ranking certificate.",
            ],
        ),
        ("zh", ["本结论为暂定结论", "请补交以下文件：百强排名：百强排名证明。"]),
    ],
)
def test_a_letter_says_the_decision_is_provisional_and_what_to_send(
    cli: Cli, tmp_path: Path, lang: str, words: list[str]
) -> None:
    out = tmp_path / "letters"
    assert cli("letters", str(SAMPLES), "-o", str(out), "--lang", lang, *TEAM).exit_code == 0
    text = (out / f"{NO_CERTIFICATE}.md").read_text(encoding="utf-8")
    for w in words:
        assert w in text, (w, text)
    assert "provisional" not in (out / f"{FINAL}.md").read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    ("lang", "send", "awaiting"),
    [
        ("en", "Documents still to send", "Documents received, which the team is now checking"),
        ("zh", "请补交", "以下文件已收到，招募团队正在核实"),
    ],
)
def test_a_document_sent_is_never_asked_for_again(
    cli: Cli, tmp_path: Path, lang: str, send: str, awaiting: str
) -> None:
    """Sent-awaiting-check and missing are two states (#24): the letter to an applicant
    whose every document was sent but not yet checked asked it to send them ("请补交：
    营业执照（已提交，待团队核实）"); explain listed both under one heading."""
    out = tmp_path / "letters"
    assert cli("letters", str(SAMPLES), "-o", str(out), "--lang", lang, *TEAM).exit_code == 0
    sent = (out / f"{SUBMITTED}.md").read_text(encoding="utf-8")
    assert awaiting in sent and send not in sent
    missing = (out / f"{NO_CERTIFICATE}.md").read_text(encoding="utf-8")
    assert send in missing and awaiting not in missing
    told = cli("explain", "--id", SUBMITTED, str(SAMPLES), "--lang", lang, *TEAM).stdout
    assert ("Documents to send:" if lang == "en" else "待补交的文件：") not in told
    assert (
        "Documents received, being checked" if lang == "en" else "已收到、招募团队正在核实"
    ) in told


@pytest.mark.parametrize(
    ("lang", "send", "awaiting"),
    [
        ("en", "Documents to send:", "Documents received, being checked by the team"),
        ("zh", "待补交的文件：", "已收到、招募团队正在核实"),
    ],
)
def test_the_html_page_lists_the_two_document_states_apart(
    cli: Cli, tmp_path: Path, lang: str, send: str, awaiting: str
) -> None:
    """The html explanation had one list headed 'Documents to send, and documents being
    checked': what was sent read as asked for again (#24). Two lists, as markdown says."""
    page = cli("screen", str(SAMPLES), "-f", "html", "--lang", lang, *TEAM).stdout
    articles = {a.split('"', 1)[0]: a for a in page.split('<article class="applicant" id="a-')[1:]}
    sent, missing = articles[SUBMITTED], articles[NO_CERTIFICATE]
    assert "Documents to send, and documents being checked" not in page
    assert awaiting in sent and send not in sent
    assert send in missing and awaiting not in missing
