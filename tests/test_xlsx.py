"""`screen --format xlsx`: a workbook a channel team opens in Excel, checked with openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from dealerscreen.cli import writing
from dealerscreen.models.problems import ExitCode
from dealerscreen.reporters import xlsx_report
from dealerscreen.reporters.workbook import FIT_MAX
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
SAMPLES = ROOT / "samples" / "applicants"
SAMPLE_FILES = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.iterdir() if p.suffix != ".md")
CITIES_EN = ["Suzhou", "Chongqing", "Ningbo", "Nanjing", "Wenzhou", "Wuxi", "Xi'an", "Foshan"]


def workbook(cli: Cli, tmp_path: Path, *args: str, name: str = "r.xlsx") -> Any:
    out = tmp_path / name
    result = cli("screen", *args, "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    return openpyxl.load_workbook(out)


# The samples' workbook, made once per module: most tests here read it (each loads its
# own copy, so none sees another's changes); making it is most of each test's time.
_SAMPLES_XLSX: list[bytes] = []


def samples_workbook(cli: Cli, tmp_path: Path) -> Any:
    """`workbook(cli, tmp_path, "samples/applicants")`, the report made only once."""
    if not _SAMPLES_XLSX:
        workbook(cli, tmp_path, "samples/applicants", name="samples.xlsx")
        _SAMPLES_XLSX.append((tmp_path / "samples.xlsx").read_bytes())
    out = tmp_path / "r.xlsx"
    out.write_bytes(_SAMPLES_XLSX[0])
    return openpyxl.load_workbook(out)


def header(ws: Any, row: int) -> list[Any]:
    return [c.value for c in ws[row]]


def test_sheets_overview_ranked_each_city_explanations_rules_manifest(
    cli: Cli, tmp_path: Path
) -> None:
    wb = samples_workbook(cli, tmp_path)
    names = wb.sheetnames
    assert names[:3] == ["Summary", "Overview", "Ranked"]
    assert names[-3:] == ["Explanations", "Rules", "Manifest"]
    assert set(CITIES_EN) <= set(names[3:-3]) and len(names[3:-3]) == 17


def test_every_table_has_a_frozen_header_a_filter_and_widths(cli: Cli, tmp_path: Path) -> None:
    wb = samples_workbook(cli, tmp_path)
    expected = {"Overview": 4, "Ranked": 1, "Suzhou": 3, "Explanations": 2, "Rules": 1}
    for name, head in expected.items():
        ws = wb[name]
        assert ws.auto_filter.ref.startswith(f"A{head}:"), name
        assert ws.freeze_panes.endswith(str(head + 1)), name
        assert all(c.font.b for c in ws[head] if c.value), name  # bold headings
        widths = [d.width for d in ws.column_dimensions.values()]
        assert widths and all(6 <= w <= FIT_MAX for w in widths), (name, widths)
    ranked = wb["Ranked"]
    assert ranked.freeze_panes == "D2"  # rank, id and name stay in sight
    assert (
        ranked.auto_filter.ref == f"A1:AD{len(SAMPLE_FILES) + 1}"
    )  # + provisional, documents to send


def test_every_sheet_prints_landscape_with_its_header_on_each_page(
    cli: Cli, tmp_path: Path
) -> None:
    """A4 landscape with the header row repeated; a table narrow enough is shrunk to the
    page's width, the ranked sheet (every criterion's points) runs across pages, each
    with the rank, id and name."""
    wb = samples_workbook(cli, tmp_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.print_title_rows, ws.title
    for name in ("Overview", "Suzhou", "Rules", "Manifest"):
        assert wb[name].sheet_properties.pageSetUpPr.fitToPage, name
        assert wb[name].page_setup.fitToWidth == 1, name
    ranked = wb["Ranked"]
    assert not (
        ranked.sheet_properties.pageSetUpPr and ranked.sheet_properties.pageSetUpPr.fitToPage
    )
    assert ranked.print_title_cols == "$A:$C"


def test_ranked_sheet_numbers_are_numbers(cli: Cli, tmp_path: Path) -> None:
    ws = samples_workbook(cli, tmp_path)["Ranked"]
    head = header(ws, 1)
    assert head[:3] == ["Rank", "ID", "Legal name"]
    assert "Dealer-group standing (of 25)" in head and "Rank in city" in head
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(SAMPLE_FILES)
    col = {h: i for i, h in enumerate(head)}
    first = rows[0]
    assert first[col["Rank"]] == 1 and isinstance(first[col["Score"]], int | float)
    assert first[col["ID"]] == "XM24-SUZ-001" and first[col["Status"]] == "shortlisted"
    criteria = [h for h in head if str(h).endswith(")") and "(of " in str(h)]
    assert len(criteria) == 12
    for row in rows:
        if row[col["Status"]] == "ineligible":
            assert row[col["Rank"]] is None and row[col["Requirements not met"]]
            continue
        got = sum(row[col[h]] for h in criteria)
        assert got == pytest.approx(row[col["Score"]])
        # the total on its own scale, the bonus beside it: never one number over 100
        score, bonus = (f"{v:g}" for v in (row[col["Score"]], row[col["Bonus"]]))
        assert row[col["Total"]] == (
            f"{score}/100 + {bonus} bonus" if bonus != "0" else f"{score}/100"
        )


def test_city_sheet_shortlist_then_runners_up_then_ineligible(cli: Cli, tmp_path: Path) -> None:
    ws = samples_workbook(cli, tmp_path)["Suzhou"]
    assert ws["A1"].value.startswith("Suzhou — quota 1")
    assert header(ws, 3)[:4] == ["Rank in city", "Status", "ID", "Applicant"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    statuses = [r[1] for r in rows]
    assert statuses[0] == "shortlisted"
    assert statuses == sorted(statuses, key=["shortlisted", "runner-up", "ineligible"].index)
    ranked = [r[0] for r in rows if r[0] is not None]
    assert ranked == list(range(1, len(ranked) + 1)) and len(ranked) < len(rows)
    assert "Wuxi" in {r[8] for r in rows}  # a dealer group that also applies in Wuxi


def test_overview_flags_cities_short_of_their_quota_first(cli: Cli, tmp_path: Path) -> None:
    ws = samples_workbook(cli, tmp_path)["Overview"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 17
    flags = [r[6] for r in rows]
    ok = flags.index("covered") if "covered" in flags else len(flags)
    assert all(f != "covered" for f in flags[:ok]) and all(f == "covered" for f in flags[ok:])
    for _, quota, eligible, shortlisted, runners, _, _ in rows:
        assert isinstance(quota, int) and eligible == shortlisted + runners


def test_explanations_say_why_in_words_and_rules_cite_sources(cli: Cli, tmp_path: Path) -> None:
    """A row per rule (tests/test_xlsx_explanations.py checks each against the json)."""
    wb = samples_workbook(cli, tmp_path)
    ws = wb["Explanations"]
    head = header(ws, 2)
    assert head == ["Rank", "ID", "Applicant", "Part", "Rule", "Result", "In words"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    decisions = {r[1]: r for r in rows if r[3] == "Decision"}
    assert len(decisions) == len(SAMPLE_FILES)
    failed = {r[1] for r in rows if r[3] == "Requirement" and r[5] and r[6]}  # not met, not stated
    out = {at for at, r in decisions.items() if r[6].startswith("ineligible")}
    assert out and out <= failed
    assert {r[1] for r in rows if r[3] == "What would change" and r[6]} == set(decisions)
    # the quota line and review reasons below the decision (#12)
    assert "Runner-up in Haikou: the quota is 1" in decisions["XM24-HAK-002"][6]
    assert "within the review margin (1)" in decisions["XM24-HAK-003"][6]
    assert ws.cell(3, 7).alignment.wrap_text
    rules = list(wb["Rules"].iter_rows(min_row=2, values_only=True))
    assert {r[-1] for r in rules} >= {"recruitment-city", "standing", "luxury-agency"}
    assert all(r[6] for r in rules if r[0] != "Tier")  # every rule names its source


def test_explanations_are_bounded_and_say_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_report, "EXPLAINED_MAX", 3)
    ws = workbook(cli, tmp_path, "samples/applicants")["Explanations"]
    assert "first 3 of 53" in ws["A1"].value
    assert len({r[1] for r in ws.iter_rows(min_row=3, values_only=True)}) == 3


def test_chinese_headings_sheet_names_and_cities(cli: Cli, tmp_path: Path) -> None:
    wb = workbook(cli, tmp_path, "samples/applicants", "--lang", "zh")
    assert wb.sheetnames[:3] == ["概览", "排名", "苏州"] or "苏州" in wb.sheetnames
    assert wb.sheetnames[-3:] == ["逐一说明", "规则", "运行清单"]
    head = header(wb["排名"], 1)
    assert head[:3] == ["排名", "编号", "中文名称"]
    assert "经销商集团实力（满分 25）" in head
    assert wb["排名"]["C2"].value == "苏州江南华通欣悦汽车销售服务有限公司"


def test_the_same_run_is_the_same_bytes_whatever_the_order(cli: Cli, tmp_path: Path) -> None:
    a, b, c = (tmp_path / f"{n}.xlsx" for n in "abc")
    assert cli("screen", *SAMPLE_FILES, "-f", "xlsx", "-o", str(a)).exit_code == 0
    assert cli("screen", *SAMPLE_FILES, "-f", "xlsx", "-o", str(b)).exit_code == 0
    assert cli("screen", *reversed(SAMPLE_FILES), "-f", "xlsx", "-o", str(c)).exit_code == 0
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    props = openpyxl.load_workbook(a).properties
    assert props.created.isoformat() == "2024-01-02T00:00:00"  # SOURCE_DATE_EPOCH
    assert props.creator == "dealerscreen"


def test_text_that_looks_like_a_formula_stays_text(cli: Cli, tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLES / "suzhou-taihu-jiarui.yaml").read_text(encoding="utf-8"))
    data.update(applicant_id="EVIL-1", legal_name='=HYPERLINK("http://x","y")\x07')
    data.update(chinese_name="#N/A")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    wb = workbook(cli, tmp_path, str(folder))
    ws = wb["Ranked"]
    assert ws["C2"].value == '=HYPERLINK("http://x","y")' and ws["C2"].data_type == "s"
    assert ws["D2"].value == "#N/A" and ws["D2"].data_type == "s"


def test_a_workbook_is_not_written_to_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "stdout_is_terminal", lambda: True)
    result = cli("screen", "samples/applicants", "-f", "xlsx")
    assert result.exit_code == ExitCode.USAGE, result
    assert "binary" in result.stderr and "-o FILE" in result.stderr


def test_a_workbook_goes_to_a_redirected_stdout(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "samples/applicants", "-f", "xlsx", "--top", "3")
    assert result.exit_code == 0, result
    out = tmp_path / "piped.xlsx"
    out.write_bytes(result.stdout_bytes)
    assert len(list(openpyxl.load_workbook(out)["Ranked"].iter_rows(min_row=2))) == 3
