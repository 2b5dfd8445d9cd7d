"""JSON Lines, CSV and XLSX give the same results as the YAML files they were made from,
and a bad line or row is reported where it is while the others go on."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.cli.app import app
from dealerscreen.models.problems import Problem
from dealerscreen.reporters.json_report import result_record

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "samples" / "exports"
MAPPING = str(EXPORTS / "mapping.yaml")


def records(run: ScreenRun) -> list[dict[str, Any]]:
    """Everything a report says about each applicant except where it came from."""
    out = []
    for r in run.results:
        rec = result_record(r)
        rec.pop("source")
        out.append(rec)
    return out


@pytest.fixture(scope="module")
def yaml_run() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


@pytest.mark.parametrize("name", ["applicants.jsonl", "applicants.csv", "applicants.xlsx"])
def test_export_screens_like_the_yaml_files(name: str, yaml_run: ScreenRun) -> None:
    run = screen(
        load_criteria("xiaomi-2s-2024"),
        [str(EXPORTS / name)],
        options=BatchOptions(mapping=MAPPING),
    )
    assert not run.intake.invalid, [p.render() for p in run.intake.problems]
    assert records(run) == records(yaml_run)
    first = run.results[0].evaluation.source_path
    assert first.startswith(str(EXPORTS / name) + ":")  # file:line or file:row


def test_bad_jsonl_lines_are_located_and_the_rest_go_on(tmp_path: Path) -> None:
    good = (EXPORTS / "applicants.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    bad_type = good[1].replace('"schema_version": 1', '"schema_version": 1, "legal_nme": "x"')
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([good[0], "{not json", "", bad_type, "[1, 2]"]) + "\n", "utf-8")
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)])
    assert len(run.results) == 1
    got = {(p.line, p.check) for p in run.intake.problems}
    assert got == {(2, "json-syntax"), (4, "unknown-field"), (5, "not-a-mapping")}
    unknown = next(p for p in run.intake.problems if p.check == "unknown-field")
    assert unknown.column is not None and "did you mean 'legal_name'" in unknown.text


def export_rows() -> list[list[str]]:
    with open(EXPORTS / "applicants.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_bad_csv_cells_are_located_by_row_and_column(tmp_path: Path) -> None:
    rows = export_rows()
    rank_col = rows[0].index("Top-100 list year") + 1
    rows[1][rank_col - 1] = "last year"
    path = tmp_path / "export.csv"
    write_csv(path, rows[:3])
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(path)], options=BatchOptions(mapping=MAPPING)
    )
    assert len(run.results) == 1
    (problem,) = run.intake.problems
    assert (problem.line, problem.column) == (2, rank_col)
    assert "Top-100 list year" in problem.text


def test_a_cell_pydantic_rejects_names_its_column(tmp_path: Path) -> None:
    rows = export_rows()
    col = rows[0].index("Debt ratio %") + 1
    rows[1][col - 1] = "140"  # a percentage over 100
    path = tmp_path / "export.csv"
    write_csv(path, rows[:2])
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(path)], options=BatchOptions(mapping=MAPPING)
    )
    (problem,) = run.intake.problems
    assert (problem.line, problem.column, problem.field) == (2, col, "finance.debt_ratio_pct")


def test_an_export_without_a_mapping_is_an_invalid_input() -> None:
    run = screen(load_criteria("xiaomi-2s-2024"), [str(EXPORTS / "applicants.csv")])
    assert [p.check for p in run.intake.problems] == ["no-mapping"]


def test_a_mapping_naming_an_unknown_field_is_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "mapping.yaml"
    bad.write_text("kind: column-mapping\ncolumns:\n  City: target.cty\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["screen", str(EXPORTS / "applicants.csv"), "--mapping", str(bad)]
    )
    assert result.exit_code == 3, result.output
    assert "mapping.yaml:3:" in result.stderr and "did you mean 'target.city'" in result.stderr


def test_stdin_is_read_as_json_lines() -> None:
    text = (EXPORTS / "applicants.jsonl").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert '"screened": 53' in result.stdout and '"source": "-:1"' in result.stdout


# --- issue 21: constants, duplicate headers, over-long records, the csv module's limit ------

CORPUS = ROOT / "tests" / "cases" / "batch-files"


def test_constants_merge_key_by_key_and_a_cell_wins_over_a_constant(tmp_path: Path) -> None:
    """`constants: {after_sales: {workshop_at_site: true}}` stays on a row that fills
    another `after_sales.*` column (it was lost, and the workshop gate said 'not stated');
    for one field, a cell's value wins and an empty cell leaves the constant."""
    from dealerscreen.intake.mapping import load_mapping
    from dealerscreen.intake.tabular import read_table

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "kind: column-mapping\n"
        "constants:\n"
        "  schema_version: 1\n"
        "  standing: {kind: regional_merchant}\n"
        "  after_sales: {workshop_at_site: true, paint: false}\n"
        "columns:\n"
        "  Id: applicant_id\n"
        "  Rank: {field: standing.top100_rank, type: int}\n"
        "  Paint: {field: after_sales.paint, type: bool}\n"
        "  Sheet metal: {field: after_sales.sheet_metal, type: bool}\n",
        encoding="utf-8",
    )
    export = tmp_path / "export.csv"
    export.write_text("Id,Rank,Paint,Sheet metal\nA,12,yes,yes\nB,,,no\n", encoding="utf-8")
    rows = list(read_table(str(export), load_mapping(str(mapping))))
    data = [r.data for r in rows if not isinstance(r, Problem)]
    assert data[0] == {
        "schema_version": 1,
        "applicant_id": "A",
        "standing": {"kind": "regional_merchant", "top100_rank": 12},
        "after_sales": {"workshop_at_site": True, "paint": True, "sheet_metal": True},
    }
    assert data[1] is not None and data[1]["after_sales"] == {
        "workshop_at_site": True,
        "paint": False,  # the constant: the cell is empty
        "sheet_metal": False,
    }


@pytest.mark.parametrize(
    ("constants", "column", "where"),
    [
        ("{brand_agencies: [{brand: BMW}]}", "brand_agencies[0].years", "brand_agencies"),
        ("{after_sales: yes}", "after_sales.paint", "after_sales"),
    ],
)
def test_a_constant_a_column_fills_inside_is_refused(
    tmp_path: Path, constants: str, column: str, where: str
) -> None:
    """A list (or a single value) in constants that a column fills an item of cannot be
    merged: which items were meant? The mapping is refused at the constant."""
    from dealerscreen.intake.mapping import load_mapping
    from dealerscreen.models.problems import FatalError

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        f"kind: column-mapping\nconstants: {constants}\ncolumns:\n  X: {{field: '{column}'}}\n",
        encoding="utf-8",
    )
    with pytest.raises(FatalError) as caught:
        load_mapping(str(mapping))
    (problem,) = caught.value.problems
    assert (problem.check, problem.line, problem.field) == (
        "constant-overlap",
        2,
        f"constants.{where}",
    )
    assert f"column 'X' fills '{column}'" in problem.text


def test_a_hidden_duplicate_column_in_a_workbook_is_an_error(tmp_path: Path) -> None:
    """A hidden second "Top-100 rank" column overrode the visible one; now the header is an
    error naming both columns by their letters, and no row is read from a guess."""
    import openpyxl

    from tests.xlsx_cases import HEADERS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADERS, "Top-100 rank"])
    sheet.append(["XM24-X-1", "Motors", "regional_merchant", "", "Suzhou", "2S", 3000, 40, 250, 1])
    sheet.column_dimensions["J"].hidden = True
    path = tmp_path / "form.xlsx"
    book.save(path)
    run = screen(
        load_criteria("xiaomi-2s-2024"),
        [str(path)],
        options=BatchOptions(mapping=str(CORPUS / ".mapping.yaml")),
    )
    assert run.counts()["found"] == 1 and not run.results
    (problem,) = run.intake.problems
    assert (problem.line, problem.column, problem.check) == (1, 10, "duplicate-column")
    assert "'Top-100 rank' (D, J)" in problem.text


def test_a_cell_over_the_csv_modules_limit_leaves_it_as_it_was() -> None:
    """The csv module's limit on a cell is raised while a file is read, and only then."""
    before = csv.field_size_limit()
    run = screen(
        load_criteria("xiaomi-2s-2024"),
        [str(CORPUS / "cell-over-131072.csv")],
        options=BatchOptions(mapping=str(CORPUS / ".mapping.yaml")),
    )
    assert run.counts()["screened"] == 4
    assert csv.field_size_limit() == before


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("record-too-long.csv", "2k"),
        ("quoted-cell-too-long.csv", "1k"),
        ("duplicate-header.csv", "1M"),
    ],
)
def test_the_new_batch_file_errors_read_in_chinese(name: str, size: str) -> None:
    from tests.englishcheck import english_runs

    result = CliRunner().invoke(
        app,
        [
            "screen",
            str(CORPUS / name),
            "--mapping",
            str(CORPUS / ".mapping.yaml"),
            "--max-file-size",
            size,
            "--lang",
            "zh",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "[错误]" in result.stderr
    assert english_runs(result.stderr, ["City"]) == [], result.stderr
