"""`dealerscreen template`: application forms made from the model, filled in and screened."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from dealerscreen.cli import writing
from dealerscreen.intake.formfields import EXAMPLE, LABELS, form_fields
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import ExitCode
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


def test_every_field_of_the_model_has_words_in_both_languages() -> None:
    keys = {f.key for f in form_fields()}
    assert keys == set(LABELS), "formfields.LABELS and the applicant model differ"
    for f in form_fields():
        assert f.label("en") and f.label("zh") and f.description("en") and f.description("zh")
    assert {f.path for f in form_fields()} >= set(EXAMPLE)


def test_the_example_is_a_valid_applicant() -> None:
    data: dict[str, Any] = {"schema_version": 1, "target": {"city": "Suzhou"}}
    data["brand_agencies"] = [{"brand": "BMW"}]
    data["evidence"] = [{}]  # filled from the example row
    for path, value in EXAMPLE.items():
        here: Any = data
        parts = path.replace("[0]", ".0").split(".")
        for part in parts[:-1]:
            here = here[int(part)] if part.isdigit() else here.setdefault(part, {})
        here[parts[-1]] = value
    Applicant.model_validate(data)


def form(cli: Cli, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "form.xlsx"
    result = cli("template", "-f", "xlsx", "-o", str(out), *args)
    assert result.exit_code == 0, result
    return out


def wide(_cli: Cli, tmp_path: Path, *args: str) -> Path:
    """The wide form (one applicant per row) that forms sent before #24 have: still read."""
    from tests.form_cases import blank_form

    out = tmp_path / "form.xlsx"
    out.write_bytes(blank_form("zh" if "zh" in args else "en"))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_xlsx_form_asks_one_question_per_row_with_its_unit_help_and_drop_down(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    """A form a dealer reads and prints (#24): it was one row of 65 columns (20 pages)."""
    from dealerscreen.intake.formsheet import ANSWER, HEADER_ROW, QUESTION, UNIT
    from dealerscreen.words.labels import Messages

    msgs = Messages(lang)
    wb = openpyxl.load_workbook(form(cli, tmp_path, "--lang", lang))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[HEADER_ROW]] == [
        msgs(k)
        for k in ("form.q.no", "form.q.question", "form.q.answer", "form.q.unit", "form.q.help")
    ]
    rows = {ws.cell(r, QUESTION).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    fields = form_fields()
    assert list(rows) == [f.label(lang) for f in fields]  # every question, once, in order
    assert ws.max_column == 5
    area = rows["建筑面积（平方米）" if lang == "zh" else "Building area (sqm)"]
    assert ws.cell(area, UNIT).value == ("平方米" if lang == "zh" else "sqm")
    assert "3200" in ws.cell(area, 5).value  # the example, in the help
    assert all(ws.cell(r, ANSWER).value is None for r in rows.values())  # nothing pre-filled
    # no question is the team's: who verified a document is never asked of the dealer
    assert not [f.path for f in fields if "verified" in f.path]
    by_cell = {
        str(rng.coord): f"{dv.type} {dv.formula1}"
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    kind = rows["申请方类型" if lang == "zh" else "Applicant type"]
    words = "全国经销商集团" if lang == "zh" else "national_dealer_group"
    assert by_cell[f"C{kind}"].startswith(f'list "{words},')
    assert by_cell[f"C{rows['申请城市' if lang == 'zh' else 'City']}"].startswith("list =")
    assert by_cell[f"C{area}"].startswith("decimal")
    assert all(len(v) <= 260 for v in by_cell.values())  # Excel refuses a longer list rule
    setup = ws.page_setup
    assert setup.orientation == "portrait" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    hidden = [s for s in wb.worksheets if s.sheet_state == "hidden"]
    assert len(hidden) == 2 and hidden[0]["A1"].value == ("苏州" if lang == "zh" else "Suzhou")


def test_a_filled_form_is_screened_without_a_mapping(cli: Cli, tmp_path: Path) -> None:
    path = wide(cli, tmp_path, "--lang", "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    rows: list[dict[str, Any]] = [
        {
            "申请编号": "FORM-001",
            "法定名称": "Nanjing Form Motors Co., Ltd.",
            "中文名称": "南京表单汽车有限公司",
            "申请方类型": "regional_merchant",
            "省内门店数": 6,
            "区域经营年限": 9,
            "申请城市": "南京",
            "门店形态": "2S",
            "整车转售": "否",  # the 2S scope and the workshop are asked on the form (#12)
            "整车交付": "否",
            "选址商圈类型": "core_commercial_district",
            "建筑面积（平方米）": 3100,
            "场地落实情况": "owned",
            "代理品牌 1": "宝马",
            "品牌 1 代理年限": 5,
            "代理品牌 2": "比亚迪",
            "品牌 2 代理年限": 2,
            "机修": "是",
            "钣金": "是",
            "喷漆": "是",
            "店内维修车间": "是",
            "维修资质等级": 2,
            "活跃客户数": 9000,
        },
        {  # out: a sheet-metal answer of no
            "申请编号": "FORM-002",
            "法定名称": "Wuxi Form Auto",
            "申请方类型": "national_dealer_group",
            "所属经销商集团": "江南华通",
            "申请城市": "Wuxi",
            "门店形态": "2S",
            "整车转售": "否",
            "整车交付": "否",
            "选址商圈类型": "mainstream_auto_circle",
            "机修": "是",
            "钣金": "否",
            "喷漆": "是",
            "店内维修车间": "是",
            "活跃客户数": 20000,
        },
    ]
    for r, row in enumerate(rows, start=4):
        for head, value in row.items():
            ws.cell(r, col[head], value)
    wb.save(path)
    result = cli("screen", str(path), "-f", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["counts"]["screened"] == 2  # the example row is not an applicant
    found = {r["applicant_id"]: r for r in data["results"]}
    first = found["FORM-001"]
    assert first["eligible"] and first["city"]["id"] == "nanjing"
    assert {b["id"] for b in first["bonuses"] if b["applied"]} == {"luxury-agency", "nev-agency"}
    assert not found["FORM-002"]["eligible"]
    assert [g["id"] for g in found["FORM-002"]["gates"] if not g["passed"]] == [
        "after-sales-scope-2s"
    ]


def test_a_bad_cell_in_a_form_is_located(cli: Cli, tmp_path: Path) -> None:
    path = wide(cli, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    for head, value in {"Application no.": "BAD-1", "Legal name": "X", "City": "Suzhou"}.items():
        ws.cell(4, col[head], value)
    ws.cell(4, col["Building area (sqm)"], "large")
    wb.save(path)
    result = cli("screen", str(path))
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    assert f"form.xlsx:4:{col['Building area (sqm)']}:" in result.stderr


def test_a_chinese_form_shows_and_reads_its_choices_in_chinese(cli: Cli, tmp_path: Path) -> None:
    path = wide(cli, tmp_path, "--lang", "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    letter = openpyxl.utils.get_column_letter
    lists = {
        rng.coord.split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    assert lists[letter(col["场地落实情况"])] == '"自有,租赁,洽谈中,尚未落实"'
    assert lists[letter(col["证明文件 1：文件类型"])].startswith('"营业执照,审计报告,')
    assert ws.cell(3, col["申请方类型"]).value == "区域实力商家"  # the example row
    assert ws.cell(3, col["选址商圈类型"]).value == "主流汽车商圈"
    assert "regional_merchant" not in str(ws.cell(2, col["申请方类型"]).value)
    common = {"法定名称": "X", "门店形态": "2S", "整车转售": "否", "整车交付": "否"}
    rows: list[dict[str, Any]] = [
        {"申请编号": "ZH-1", "申请方类型": "区域实力商家", "选址商圈类型": "主流汽车商圈"},
        # the words with full-width spaces around them, English words, a code
        {"申请编号": "ZH-2", "申请方类型": "\u3000全国经销商集团 ", "场地落实情况": "leased"},
        {"申请编号": "ZH-3", "申请方类型": "other", "场地落实情况": "租的"},  # no such choice
    ]
    for r, row in enumerate(rows, start=4):
        for head, value in {**common, "申请城市": "南京", **row}.items():
            ws.cell(r, col[head], value)
    wb.save(path)
    result = cli("screen", str(path), "-f", "json", "--lang", "zh")
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    data = json.loads(result.stdout)
    assert data["counts"]["screened"] == 2 and data["counts"]["invalid"] == 1
    assert {r["applicant_id"] for r in data["results"]} == {"ZH-1", "ZH-2"}
    cell = f"{letter(col['场地落实情况'])}6"
    (line,) = [line for line in result.stderr.splitlines() if "site.tenure" in line]
    assert cell in line and "“自有”、“租赁”、“洽谈中”或“尚未落实”" in line, result.stderr
    assert "leased" not in line


def test_a_choice_is_read_as_its_code_or_its_words_in_its_own_field() -> None:
    from dealerscreen.intake.choicecells import read_choice

    assert read_choice("site.tenure", "租赁") == "leased"
    assert read_choice("evidence[2].document", "租赁合同") == "lease"
    assert read_choice("site.tenure", "ｌｅａｓｅｄ ") == "leased"
    assert read_choice("site.tenure", "not yet found") == "none"
    assert read_choice("site.tenure", "lease") is None  # a document, not a tenure


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_check_of_a_form_says_what_it_wants(cli: Cli, tmp_path: Path, lang: str) -> None:
    """Excel's pop-up for a refused value: only a drop-down says to choose from the list."""
    from dealerscreen.words.labels import Messages

    msgs = Messages(lang)
    ws = openpyxl.load_workbook(form(cli, tmp_path, "--lang", lang)).worksheets[0]
    errors: dict[str, set[str]] = {dv.type: set() for dv in ws.data_validations.dataValidation}
    for dv in ws.data_validations.dataValidation:
        assert dv.showErrorMessage and dv.prompt
        errors[dv.type].add(dv.error)
    assert errors == {
        "list": {msgs("form.bad_value")},
        "whole": {msgs("form.bad_whole")},
        "decimal": {msgs("form.bad_number")},
        "date": {msgs("form.bad_date")},
    }
    assert "2000-01-01" in msgs("form.bad_date")
    assert len({msgs(k) for k in ("form.bad_value", "form.bad_whole", "form.bad_number")}) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_yaml_form_is_an_applicant_file_with_every_field_explained(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "form.yaml"
    assert cli("template", "-f", "yaml", "--lang", lang, "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    Applicant.model_validate(yaml.safe_load(text))
    assert ("建筑面积（平方米）" if lang == "zh" else "Building area (sqm)") in text
    assert "# top100_rank:" in text  # what the example leaves out stays a commented line
    result = cli("screen", str(out), "-f", "json")
    assert result.exit_code == 0, result


def test_a_form_workbook_is_not_written_to_a_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "stdout_is_terminal", lambda: True)
    assert cli("template").exit_code == ExitCode.USAGE


def test_the_same_form_is_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert cli("template", "-o", str(a)).exit_code == 0
    assert cli("template", "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


# Issue 21, item 2: a form's own mapping is used only as the template wrote it (the cases
# of tests/cases/forms hold the edits a dealer makes: tests/test_form_cases.py).


def _with_mapping_text(path: Path, change: Callable[[str], str]) -> None:
    """The form with one applicant in row 4, and its mapping text changed."""
    from dealerscreen.intake.mapping import EMBEDDED_SHEET
    from tests.form_cases import APPLICANT

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    for head, value in APPLICANT.items():
        ws.cell(4, col[head], value)
    wb[EMBEDDED_SHEET]["A2"] = change(wb[EMBEDDED_SHEET]["A2"].value)
    wb.save(path)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda t: t.replace("title: '", "title: 'Made for another profile: ", 1), id="title"
        ),
        pytest.param(
            lambda t: yaml.safe_dump(
                {**yaml.safe_load(t), "decimal": "."}, default_flow_style=True, width=10**6
            ),
            id="same-mapping-written-otherwise",
        ),
    ],
)
def test_a_forms_mapping_that_means_what_the_templates_means_is_used(
    cli: Cli, tmp_path: Path, change: Callable[[str], str]
) -> None:
    """The mapping is compared by what it means: its title (a form made for another
    profile), its layout and a default written out change nothing that is read."""
    path = wide(cli, tmp_path)
    _with_mapping_text(path, change)
    result = cli("screen", str(path), "-f", "json")
    assert json.loads(result.stdout)["counts"]["screened"] == 1, result.stderr


def test_the_teams_mapping_reads_a_form_whose_own_mapping_was_edited(
    cli: Cli, tmp_path: Path
) -> None:
    """--mapping FILE from the team is what is used: the edited mapping is not read."""
    from dealerscreen.words.form import mapping_text

    case = Path(__file__).parent / "cases" / "forms" / "mapping-verifies-evidence.xlsx"
    refused = cli("screen", str(case), "-f", "json")
    assert refused.exit_code == ExitCode.INVALID_INPUT and "(mapping-changed)" in refused.stderr
    team = tmp_path / "team-mapping.yaml"
    team.write_text(mapping_text(form_fields(), "en", "Team"), encoding="utf-8")
    result = cli("screen", str(case), "--mapping", str(team), "-f", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["counts"]["screened"] == 1
    assert "Screening team" not in result.stdout  # the dealer's own "verification" is not read


def test_a_form_saved_again_with_shared_strings_keeps_its_mapping(cli: Cli, tmp_path: Path) -> None:
    """Excel saves text as shared strings (openpyxl writes it inline): the mapping cell is
    then an index into them, read without reading the strings after it."""
    import io
    import re
    import zipfile

    path = wide(cli, tmp_path)
    _with_mapping_text(path, lambda text: text)
    sheet = "xl/worksheets/sheet3.xml"  # the mapping sheet
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        texts: list[bytes] = []

        def shared(m: re.Match[bytes]) -> bytes:
            texts.append(m.group(2))
            return b'<c r="' + m.group(1) + b'" t="s"><v>%d</v></c>' % (len(texts) + 1)

        for info in src.infolist():
            body = src.read(info)
            if info.filename == sheet:
                body = re.sub(
                    rb'<c r="(A[12])" t="inlineStr"><is>(.*?)</is></c>', shared, body, flags=re.S
                )
                assert len(texts) == 2
            elif info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            dst.writestr(info, body)
        items = [b"<si><t>first</t></si>", b"<si><t>second</t></si>"]
        items += [b"<si>" + t + b"</si>" for t in texts]
        dst.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"".join(items)
            + b"</sst>",
        )
    path.write_bytes(out.getvalue())
    result = cli("screen", str(path), "-f", "json")
    assert json.loads(result.stdout)["counts"]["screened"] == 1, result.stderr


def test_the_question_form_answered_as_typed_is_read_as_meant(cli: Cli) -> None:
    """tests/cases/forms/questions-answered.xlsx, answered by `form_cases.answered` as a
    dealer types: '3500平方米', '28米', '12,000', 58 % and 4.5 % in %-formatted cells,
    区域实力商家, 租赁, 是/否/有. Each is read as meant (the case's entry says it screens
    without a problem; this says what it was read as)."""
    from tests.form_cases import CORPUS, TYPED

    result = cli("screen", str(CORPUS / "questions-answered.xlsx"), "-f", "json")
    assert result.exit_code == 0, result
    (r,) = json.loads(result.stdout)["results"]
    assert r["applicant_id"] == TYPED["申请编号"] and r["chinese_name"] == TYPED["中文名称"]
    points = {c["id"]: c["points"] for c in r["criteria"]}
    assert points["site-building-area"] == 6  # 3500 sqm: the top band (3,000 and more)
    assert points["site-frontage"] == 5  # 28 m: 26 and more
    assert points["debt-ratio"] == 4  # 58 %, not 0.58 %: "60 or less", not "50 or less"
    assert points["regional-share"] == 2.25  # 4.5 % of the 10 % for full points
    assert points["active-customers"] == 4  # 12,000
    assert points["site-tenure"] == 5  # 租赁 is leased
    assert r["eligible"]  # 是/否/有 read as yes/no
