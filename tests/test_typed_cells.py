"""Spreadsheet cells as people type them (issue 24): percentages, units, yes/no words.

A percent-formatted cell is a percentage (Excel holds 58 % as 0.58); a plain number between
0 and 1 in a percentage field is warned at its cell; a unit that is the field's own is read
off ("3,500 ㎡"), any other unit is one located error naming the unit the field takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dealerscreen.intake import Record, validate_record
from dealerscreen.intake.mapping import CellError, Column, Mapping, parse_mapping
from dealerscreen.intake.tabular import read_table
from dealerscreen.intake.units import is_percent_format
from dealerscreen.models.problems import Problem
from tests import form_cases
from tests.test_xlsx_limits import said_in_chinese


def column(field: str, kind: str = "float") -> Column:
    return Column(field, tuple(field.split(".")), field, kind)  # type: ignore[arg-type]


MAPPING = Mapping("m.yaml", (), {})
AREA = column("site.building_area_sqm")
HEIGHT = column("site.showroom_height_m")
DEBT = column("finance.debt_ratio_pct")
REVENUE = column("finance.automotive_revenue_rmb_m")
PARKING = column("site.parking_spaces", "int")
SCORE = column("customers.satisfaction_score")
WORKSHOP = column("after_sales.workshop_at_site", "bool")


@pytest.mark.parametrize(
    ("spec", "typed", "read"),
    [
        (AREA, "3500平方米", 3500.0),
        (AREA, "3,500 ㎡", 3500.0),
        (AREA, "3500 m²", 3500.0),
        (AREA, "3500sqm", 3500.0),
        (AREA, "３５００平米", 3500.0),  # full-width digits, as a Chinese input method types
        (PARKING, "4,200", 4200),
        (PARKING, "１２", 12),
        (HEIGHT, "6.5米", 6.5),
        (HEIGHT, "6.5 m", 6.5),
        (DEBT, "58%", 58.0),
        (DEBT, "58 ％", 58.0),
        (REVENUE, "20百万元", 20.0),
        (WORKSHOP, "是", True),
        (WORKSHOP, "有", True),
        (WORKSHOP, "否", False),
        (WORKSHOP, "无", False),
        (WORKSHOP, "YES", True),
        (WORKSHOP, "n", False),
        (WORKSHOP, "True", True),
    ],
)
def test_a_value_with_the_fields_own_unit_is_read(spec: Column, typed: str, read: Any) -> None:
    value = MAPPING.convert(spec, typed)
    assert value == read and type(value) is type(read)


@pytest.mark.parametrize(
    ("spec", "typed", "words"),
    [
        (AREA, "3500 m", "is not in square metres"),
        (HEIGHT, "6.5平方米", "is not in metres"),
        (REVENUE, "2000万元", "is not in million RMB"),
        (DEBT, "58‰", "is not a percentage"),
        (SCORE, "91%", "takes a plain number"),
        (PARKING, "40个", "takes a plain number"),
        (AREA, "3000左右", "is not a number"),
        (AREA, "3,50 ㎡", "is not a number"),
        (WORKSHOP, "可能", "is not yes/no"),
    ],
)
def test_anything_else_is_one_clear_error(spec: Column, typed: str, words: str) -> None:
    with pytest.raises(CellError, match=words) as caught:
        MAPPING.convert(spec, typed)
    said_in_chinese(Problem("f.csv", 2, 1, "error", caught.value.message, None, "cell-type"))


def test_a_percent_formatted_cell_is_the_percentage_it_shows() -> None:
    assert MAPPING.convert(DEBT, 0.58, percent=True) == 58.0  # exactly: not 57.99999999999999
    assert MAPPING.convert(column("standing.regional_market_share_pct"), 0.045, True) == 4.5
    with pytest.raises(CellError, match="'91%' is formatted as a percentage"):
        MAPPING.convert(SCORE, 0.91, percent=True)


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.0%;[Red]-0.0%", True),
        ("General", False),
        ('0.0" %"', False),  # a % in quotes is shown, the number not scaled
        ("0\\%", False),
        (None, False),
        ("[$%-804]0", False),
    ],
)
def test_which_number_formats_are_percentages(code: str | None, percent: bool) -> None:
    assert is_percent_format(code) is percent


HEAD = ["Application no.", "Debt ratio %", "Regional share %"]
TABLE_MAPPING = """\
kind: column-mapping
constants: {schema_version: 1}
columns:
  Application no.: applicant_id
  Debt ratio %: {field: finance.debt_ratio_pct, type: float}
  Regional share %: {field: standing.regional_market_share_pct, type: float}
"""


def read_rows(path: Path) -> list[Record | Problem]:
    return list(read_table(str(path), parse_mapping(TABLE_MAPPING, "m.yaml")))


def test_a_workbook_percent_cell_is_scaled_and_a_plain_fraction_is_warned(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    sheet.append(["A-1", 0.58, 0.04])
    sheet["B2"].number_format = "0%"  # typed as 58% in Excel
    sheet["C2"].number_format = "0.0%"
    sheet.append(["A-2", 0.58, 4])  # typed as 0.58 in a cell without the format
    path = tmp_path / "t.xlsx"
    book.save(path)
    first, second = read_rows(path)
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.data is not None and second.data is not None
    assert first.data["finance"] == {"debt_ratio_pct": 58.0}
    assert first.data["standing"] == {"regional_market_share_pct": 4.0}
    assert not first.notes
    (note,) = second.notes
    assert (note.line, note.column, note.level, note.check) == (3, 2, "warning", "fraction-percent")
    assert note.text.startswith("cell B3, column 'Debt ratio %': 0.58 is read as 0.58 %")
    assert "if 58 % is meant, write 58" in note.text
    said_in_chinese(note)


def test_csv_text_percentages_and_fractions(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(",".join(HEAD) + "\nA-1,58%,0.5%\nA-2,0.58,4\n", encoding="utf-8")
    first, second = read_rows(path)
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.data and first.data["finance"] == {"debt_ratio_pct": 58.0}
    assert first.data["standing"] == {"regional_market_share_pct": 0.5}
    assert not first.notes  # 0.5% is written as a percentage: nothing to ask
    (note,) = second.notes
    assert (note.line, note.column, note.check) == (3, 2, "fraction-percent")
    assert note.text.startswith("column 'Debt ratio %': 0.58 is read as 0.58 %")


def test_a_row_says_its_cell_and_value_problems_in_one_round(tmp_path: Path) -> None:
    """A cell in the wrong unit does not hide the row's other problems until the next try."""
    path = tmp_path / "t.csv"
    path.write_text("Application no.,Building sqm,Satisfaction\nA-1,3500 m,120\n", encoding="utf-8")
    mapping = parse_mapping(
        "kind: column-mapping\nconstants: {schema_version: 1}\ncolumns:\n"
        "  Application no.: applicant_id\n"
        "  Building sqm: {field: site.building_area_sqm, type: float}\n"
        "  Satisfaction: {field: customers.satisfaction_score, type: float}\n",
        "m.yaml",
    )
    (record,) = read_table(str(path), mapping)
    assert isinstance(record, Record)
    applicant, problems = validate_record(record)
    assert applicant is None
    fields = {p.field: p for p in problems}
    assert fields["site.building_area_sqm"].check == "cell-type"
    assert fields["customers.satisfaction_score"].column == 3
    assert "site" not in fields  # the unreadable cell is not also said to be missing


# The form, filled by a script as an applicant would: tests/cases/forms/filled-as-typed.xlsx


def test_a_form_filled_as_typed_screens_with_the_numbers_meant() -> None:
    from dealerscreen.batch.screening import load_criteria
    from dealerscreen.words.form import template_form

    data = form_cases.filled_as_typed()
    path = Path(form_cases.CORPUS / "filled-as-typed.xlsx")
    assert path.read_bytes() == data  # the case file is the one made here
    form = template_form(load_criteria(form_cases.PROFILE))
    mapping = next(m for m in form.mappings if m.path == "template (zh)")
    good, bad = read_table(str(path), mapping, form_rows=form.rows)
    assert isinstance(good, Record) and isinstance(bad, Record)
    applicant, problems = validate_record(good)
    assert applicant is not None, problems
    assert applicant.finance.debt_ratio_pct == 58
    assert applicant.site.building_area_sqm == 3500
    assert applicant.site.street_frontage_m == 28
    assert applicant.standing.regional_market_share_pct == 4.5
    assert applicant.after_sales.workshop_at_site is True
    # the choices as the Chinese drop-downs show them: 区域实力商家, " 主流汽车商圈 ", 租赁
    assert applicant.standing.kind == "regional_merchant"
    assert applicant.site.district_type == "mainstream_auto_circle"
    assert applicant.site.tenure == "leased"
    assert not good.notes
    _, problems = validate_record(bad)
    where = sorted((p.line, p.column, p.check) for p in problems)
    assert [w[2] for w in where] == ["cell-type", "cell-type", "less_than_equal"], problems
    assert all(p.text.startswith(f"cell {_ref(p)}, column '") for p in problems), problems


def _ref(p: Problem) -> str:
    from dealerscreen.intake import column_letters

    assert p.column is not None
    return f"{column_letters(p.column)}{p.line}"
