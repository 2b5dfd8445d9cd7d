"""The filled application forms of tests/cases/forms, made rather than hand-written.

    python -m tests.form_cases    # writes them into tests/cases/forms/

Each starts as a form made for the default profile (so it must be made again when the
form changes: tests/test_form_cases.py says so), then gets what a dealer did to it. The
wide forms (one applicant per row, as sent before #24: `write_table_form`) were typed over
the example row, lost the descriptions row, or had the mapping sheet unhidden and edited
so that the form verifies its own evidence or reads a column as another field. The form
`template -f xlsx` writes now (one question per row) is answered as a dealer types
(`answered`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "cases" / "forms"
STAMP = datetime(2024, 1, 2)
PROFILE = "xiaomi-2s-2024"

APPLICANT = {
    "Application no.": "FORM-CASE-001",
    "Legal name": "Case Form Motors Co., Ltd.",
    "Applicant type": "regional_merchant",
    "Stores in the province": 6,
    "Years in the region": 9,
    "City": "Nanjing",
    "Store format": "2S",
    "Vehicle resale at the store": "no",
    "Vehicle delivery at the store": "no",
    "District type": "core_commercial_district",
    "Building area (sqm)": 3100,
    "Site tenure": "owned",
    "Brand 1": "BMW",
    "Brand 1 years": 5,
    "Mechanical repair": "yes",
    "Sheet metal": "yes",
    "Paint": "yes",
    "Workshop at the site": "yes",
    "Repair class": 2,
    "Active customers": 9000,
}
APPLICANT_ZH = {
    "申请编号": "FORM-CASE-ZH-1",
    "法定名称": "Case Form Motors Wuxi",
    "申请方类型": "regional_merchant",
    "申请城市": "无锡",
    "门店形态": "2S",
    "整车转售": "否",
    "整车交付": "否",
    "选址商圈类型": "mainstream_auto_circle",
    "机修": "是",
    "钣金": "是",
    "喷漆": "是",
    "店内维修车间": "是",
}
# What a dealer adds to the mapping to verify its own evidence (issue 21, item 2).
SELF_VERIFIED = (
    "  evidence:\n"
    "  - field: standing.stores_in_province\n"
    "    document: store_list\n"
    "    verified_by: Screening team\n"
)


@functools.cache  # bytes: made once per test process (filled() starts from it each time)
def blank_form(lang: str = "en") -> bytes:
    """The wide form of before #24: these cases show it is still read as it was."""
    from dealerscreen.batch.screening import load_criteria
    from dealerscreen.reporters.applicationform import write_table_form

    out = io.BytesIO()
    write_table_form(load_criteria(PROFILE), lang, STAMP, out)
    return out.getvalue()


@functools.cache
def question_form(lang: str = "en") -> bytes:
    """The form `template -f xlsx` writes: one question per row."""
    from dealerscreen.batch.screening import load_criteria
    from dealerscreen.reporters.applicationform import write_xlsx_form

    out = io.BytesIO()
    write_xlsx_form(load_criteria(PROFILE), lang, STAMP, out)
    return out.getvalue()


def answered(answers: dict[str, Any], lang: str = "zh", percent: tuple[str, ...] = ()) -> bytes:
    """The question form answered as a dealer does it: each answer typed into the answer
    cell (column C) of the row whose question it answers; the `percent` questions' cells
    formatted as % (so Excel keeps 58 % as 0.58), as a dealer's Excel does on typing "58%"."""
    import openpyxl

    from dealerscreen.intake.formsheet import ANSWER, QUESTION
    from dealerscreen.reporters.workbook import save_stamped

    book = openpyxl.load_workbook(io.BytesIO(question_form(lang)))
    sheet = book.worksheets[0]
    rows = {sheet.cell(r, QUESTION).value: r for r in range(1, sheet.max_row + 1)}
    for question, value in answers.items():
        cell = sheet.cell(rows[question], ANSWER, value)
        if question in percent:
            cell.number_format = "0%"
    out = io.BytesIO()
    save_stamped(book, out, STAMP)
    return out.getvalue()


# A Nanjing applicant as typed into the Chinese form: units after the numbers, a thousands
# separator, percentages in %-formatted cells, yes/no as 是/否/有, the choices in their words.
TYPED = {
    "申请编号": "FORM-Q-001",
    "法定名称": "Nanjing Qinhuai Answered Motors Co., Ltd.",
    "中文名称": "南京秦淮答卷汽车销售服务有限责任公司",  # 18 characters
    "申请方类型": "区域实力商家",
    "省内门店数": 6,
    "区域经营年限": "9",
    "区域市场份额（%）": 0.045,
    "申请城市": "南京",
    "门店形态": "2S",
    "整车转售": "否",
    "整车交付": "否",
    "选址商圈类型": "主流汽车商圈",
    "建筑面积（平方米）": "3500平方米",
    "临街面宽（米）": "28米",
    "场地落实情况": "租赁",
    "代理品牌 1": "宝马",
    "品牌 1 代理年限": 5,
    "机修": "是",
    "钣金": "是",
    "喷漆": "是",
    "店内维修车间": "有",
    "维修资质等级": 2,
    "活跃客户数": "12,000",
    "资产负债率（%）": 0.58,
}
TYPED_PERCENT = ("区域市场份额（%）", "资产负债率（%）")


def questions_answered() -> bytes:
    """The question form, answered right: 3500平方米 is 3500, 58 % is 58, 是 is yes."""
    return answered(TYPED, percent=TYPED_PERCENT)


def questions_with_mistakes() -> bytes:
    """The same answers with a mistake of each kind, said in one round at their cells: an
    area in metres (a cell that cannot be read) and a satisfaction of 120 (a value the
    model refuses)."""
    mistaken = {**TYPED, "申请编号": "FORM-Q-002", "展厅面积（平方米）": "900 m", "客户满意度": 120}
    return answered(mistaken, percent=TYPED_PERCENT)


def filled(
    edit: Callable[[Any, Any], None],
    lang: str = "en",
    rows: dict[int, dict[str, Any]] | None = None,
) -> bytes:
    """The blank form with `rows` written by header (row number -> header -> value), then
    `edit(application sheet, mapping sheet)`; saved with a fixed time, so the same bytes."""
    import openpyxl

    from dealerscreen.intake.mapping import EMBEDDED_SHEET
    from dealerscreen.reporters.workbook import save_stamped

    book = openpyxl.load_workbook(io.BytesIO(blank_form(lang)))
    sheet = book.worksheets[0]
    column = {c.value: c.column for c in sheet[1]}
    for number, values in (rows or {}).items():
        for head, value in values.items():
            sheet.cell(number, column[head], value)
    edit(sheet, book[EMBEDDED_SHEET])
    out = io.BytesIO()
    save_stamped(book, out, STAMP)
    return out.getvalue()


def _nothing(_sheet: Any, _mapping: Any) -> None:
    return None


def typed_over_example() -> bytes:
    """The dealer typed its own application over the example row (row 3): the cells it did
    not type keep the example's values. It was read as nothing: "0 found", exit 0."""
    return filled(_nothing, rows={3: APPLICANT})


def descriptions_row_deleted() -> bytes:
    """The descriptions row deleted: the example is row 2, the applicant row 3 (it was
    passed over as above `first_row: 4`)."""

    def delete(sheet: Any, _mapping: Any) -> None:
        sheet.delete_rows(2)

    return filled(delete, rows={4: APPLICANT})


def filled_in_order() -> bytes:
    """As it should be: the descriptions and example rows kept, applicants below them."""
    second = {**APPLICANT, "Application no.": "FORM-CASE-002", "City": "Suzhou"}
    return filled(_nothing, rows={4: APPLICANT, 5: second})


def filled_chinese() -> bytes:
    """The Chinese form: its own headers, its own descriptions and example row."""
    return filled(_nothing, "zh", rows={4: APPLICANT_ZH})


def filled_as_typed() -> bytes:
    """The Chinese form as an applicant types it: 58% in the debt ratio (Excel keeps 0.58
    in a percent-formatted cell), 4.5% likewise, "3,500 ㎡", "２８米" in full-width digits,
    是 for yes, the choices in the words the form's drop-downs show (区域实力商家, 租赁); a
    second applicant with mistakes (an area in metres, a tenure no drop-down offers) and a
    satisfaction of 120: all said at once, each at its cell."""
    percent = ("资产负债率（%）", "区域市场份额（%）")

    def edit(sheet: Any, _mapping: Any) -> None:
        column = {c.value: c.column for c in sheet[1]}
        for row in (4, 5):
            for head in percent:
                sheet.cell(row, column[head]).number_format = "0.0%"

    typed = {
        **APPLICANT_ZH,
        "资产负债率（%）": 0.58,
        "区域市场份额（%）": 0.045,
        "建筑面积（平方米）": "3,500 ㎡",
        "临街面宽（米）": "２８米",
        "店内维修车间": "是",
        "申请方类型": "区域实力商家",
        "选址商圈类型": " 主流汽车商圈 ",
        "场地落实情况": "租赁",
    }
    mistaken = {**typed, "申请编号": "FORM-CASE-ZH-2", "展厅面积（平方米）": "900 m"}
    mistaken["场地落实情况"] = "租的"
    mistaken["客户满意度"] = 120
    return filled(edit, "zh", rows={4: typed, 5: mistaken})


def _edit_mapping(change: Callable[[str], str]) -> Callable[[Any, Any], None]:
    def edit(_sheet: Any, mapping: Any) -> None:
        text = mapping["A2"].value
        changed = change(text)
        assert changed != text, "the edit did not apply"
        mapping["A2"] = changed

    return edit


def mapping_verifies_evidence() -> bytes:
    """The hidden mapping's constants give every row evidence verified by "the team"."""
    edit = _edit_mapping(lambda t: t.replace("constants:\n", "constants:\n" + SELF_VERIFIED, 1))
    return filled(edit, rows={4: APPLICANT})


def mapping_column_verified_by() -> bytes:
    """A column of the dealer's own, mapped to `evidence[0].verified_by`."""

    def edit(sheet: Any, mapping: Any) -> None:
        _edit_mapping(
            lambda t: t + "  Checked by:\n    field: evidence[0].verified_by\n    type: str\n"
        )(sheet, mapping)
        sheet.cell(1, sheet.max_column + 1, "Checked by")

    rows = {4: {**APPLICANT, "Evidence 1: fact": "standing.stores_in_province"}}
    rows[4]["Evidence 1: document"] = "store_list"
    return filled(edit, rows=rows)


def mapping_remapped() -> bytes:
    """The "Building area (sqm)" column re-mapped to read as the showroom's height."""
    edit = _edit_mapping(
        lambda t: t.replace(
            "Building area (sqm):\n    field: site.building_area_sqm",
            "Building area (sqm):\n    field: site.showroom_height_m",
            1,
        )
    )
    return filled(edit, rows={4: APPLICANT})


CASES: dict[str, Callable[[], bytes]] = {
    "typed-over-example.xlsx": typed_over_example,
    "descriptions-row-deleted.xlsx": descriptions_row_deleted,
    "filled-in-order.xlsx": filled_in_order,
    "filled-chinese.xlsx": filled_chinese,
    "mapping-verifies-evidence.xlsx": mapping_verifies_evidence,
    "mapping-column-verified-by.xlsx": mapping_column_verified_by,
    "mapping-remapped.xlsx": mapping_remapped,
    "filled-as-typed.xlsx": filled_as_typed,
    "questions-answered.xlsx": questions_answered,
    "questions-with-mistakes.xlsx": questions_with_mistakes,
}


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, make in CASES.items():
        (CORPUS / name).write_bytes(make())
        print(f"wrote {CORPUS / name}")


if __name__ == "__main__":
    main()
