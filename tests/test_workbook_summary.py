"""The workbook a VP reads (#24): its first sheet on one page, names whole, totals on their
scale, and the rules in the reader's language with whose figure each line is.

Checked against the json report of the same run: who is shortlisted, who is next, which
decisions carry a risk. The pages themselves are looked at in LibreOffice when it is here
(`test_the_summary_prints_on_one_page`), never required.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from dealerscreen.reporters.celltext import text_width
from dealerscreen.words.labels import Messages
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
HEADER_ROW = 5  # title, counts, the illustrative list's note, the legend, then the header


# Each run's workbook (bytes) and json report (text), made once per module: four tests
# read the samples' Chinese run, two the English; each loads its own copy.
_MADE: dict[tuple[str, ...], tuple[bytes, str]] = {}


def _run(cli: Cli, tmp_path: Path, lang: str, *paths: str) -> tuple[Any, dict[str, Any]]:
    paths = paths or ("samples/applicants",)
    out = tmp_path / f"r-{lang}.xlsx"
    if (lang, *paths) not in _MADE:
        result = cli("screen", *paths, "-f", "xlsx", "-o", str(out), "--lang", lang)
        assert result.exit_code == 0, result
        report = cli("screen", *paths, "-f", "json", "--lang", lang).stdout
        _MADE[lang, *paths] = (out.read_bytes(), report)
    workbook, report = _MADE[lang, *paths]
    out.write_bytes(workbook)
    return openpyxl.load_workbook(out), json.loads(report)


def _rows(ws: Any) -> dict[str, tuple[Any, ...]]:
    """The summary's rows by city name."""
    return {r[0]: r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}


def _name(r: dict[str, Any], lang: str) -> str:
    return str(r["chinese_name"] if lang == "zh" and r.get("chinese_name") else r["legal_name"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_sheet_names_each_citys_shortlist_runner_up_and_risks(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    msgs = Messages(lang)
    wb, data = _run(cli, tmp_path, lang)
    ws = wb.worksheets[0]
    assert ws.title == msgs("xlsx.summary")
    assert [c.value for c in ws[HEADER_ROW]] == [
        msgs("col.city"),
        msgs("col.quota"),
        msgs("col.shortlisted_named"),
        msgs("col.runner_up_named"),
        msgs("col.risks"),
    ]
    rows = _rows(ws)
    assert len(rows) == len(data["cities"])
    results = data["results"]
    for city in data["cities"]:
        shown = city["name_zh"] if lang == "zh" and city.get("name_zh") else city["name"]
        _, quota, shortlisted, runner_up, risks = rows[shown]
        mine = [r for r in results if r["city"]["id"] == city["id"] and r["eligible"]]
        chosen = [r for r in mine if r["shortlisted"]]
        assert quota == city["quota"] and chosen
        for r in chosen:
            assert _name(r, lang) in shortlisted and r["applicant_id"] in shortlisted
            score = f"{float(r['score']):g}"
            assert f"{score}/100" in shortlisted  # on its own scale: never the sum of 100+
            assert f"{float(r['total']):g}" not in shortlisted or r["bonus"] in (0, "0")
            if r.get("provisional"):
                assert msgs("risk.provisional", id=r["applicant_id"]) in risks
        nxt = [r for r in mine if not r["shortlisted"]]
        assert (_name(nxt[0], lang) in runner_up) if nxt else runner_up == msgs("sum.nobody")
        assert risks
    # the samples hold a tie only the id broke (Shijiazhuang) and a near miss (Haikou)
    tie = msgs("risk.tie", first="XM24-SJW-001", second="XM24-SJW-002")
    assert tie in rows["石家庄" if lang == "zh" else "Shijiazhuang"][4]
    assert "XM24-HAK-003" in rows["海口" if lang == "zh" else "Haikou"][4]


def test_a_city_without_applicants_is_a_coverage_gap(cli: Cli, tmp_path: Path) -> None:
    wb, _ = _run(cli, tmp_path, "en", "samples/applicants/suzhou-jiangnan-huatong.yaml")
    rows = _rows(wb.worksheets[0])
    assert rows["Wuxi"][2] == "none" and rows["Wuxi"][4].startswith("Coverage gap")
    assert not rows["Suzhou"][4].startswith("Coverage gap")


def test_names_are_not_clipped_and_the_page_setup_fits(cli: Cli, tmp_path: Path) -> None:
    """An 18-character Chinese company name is 36 columns wide: its column is at least
    that (it was 26 on the ranked sheet, and the name was cut at the next cell)."""
    wb, data = _run(cli, tmp_path, "zh")
    longest = max(text_width(r["chinese_name"]) for r in data["results"] if r["chinese_name"])
    assert longest >= 36
    letters = {"概要": ["C", "D"], "排名": ["C"], "苏州": ["D"], "逐一说明": ["C"]}
    for sheet, columns in letters.items():
        for letter in columns:
            assert wb[sheet].column_dimensions[letter].width >= longest, (sheet, letter)
    ws = wb.worksheets[0]
    setup = ws.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 1)  # one page
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    tall = [d.height for i, d in ws.row_dimensions.items() if i > HEADER_ROW and d.height]
    assert tall, "rows with two names are as tall as their lines"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rules_sheet_says_each_line_and_whose_it_is(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    msgs = Messages(lang)
    wb, _ = _run(cli, tmp_path, lang)
    rows = {r[-1]: r for r in wb[msgs("xlsx.rules")].iter_rows(min_row=2, values_only=True)}
    assert rows["recruitment-city"][4] == msgs("basis.word.published")
    standing = rows["dealer-standing"]  # the team's reading of "strong regional merchant"
    assert standing[4] == msgs("basis.word.team") and "3" in standing[2] and standing[5]
    area = rows["site-building-area"][2]  # a criterion's scale, its unit named
    assert ("平方米" if lang == "zh" else "sqm") in area and "3000" in area
    if lang == "zh":
        assert rows["site-district"][2].startswith("选址商圈类型：主流汽车商圈：8 分")
        assert all(r[5] is None or not r[5].isascii() for r in rows.values())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_summary_prints_on_one_page(cli: Cli, tmp_path: Path) -> None:
    """The first sheet alone, saved as PDF by LibreOffice, is one page that holds every
    shortlisted applicant's id."""
    wb, data = _run(cli, tmp_path, "zh")
    for ws in wb.worksheets[1:]:
        wb.remove(ws)
    alone = tmp_path / "summary.xlsx"
    wb.save(alone)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(alone)],
        capture_output=True,
        timeout=240,
        check=True,
    )
    pdf = tmp_path / "summary.pdf"
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count (\d+)", pdf.read_bytes())
    assert counts and max(int(c) for c in counts) == 1, counts
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for r in data["results"]:
            if r["shortlisted"]:
                assert r["applicant_id"] in text
