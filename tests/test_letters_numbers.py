"""Figures in letters as a person reads them (#24): thousands separated ('3,000 sqm',
'3,000 平方米', as the profile's own texts write them), never a year ('2023')."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.words.factwords import fact_value, grouped
from dealerscreen.words.labels import Messages
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("48000", "48,000"), ("12345.75", "12,345.75"), ("-1234", "-1,234"), ("999", "999"),
     ("2.5", "2.5"), ("1000000", "1,000,000"), ("n/a", "n/a")],
)  # fmt: skip
def test_grouped(text: str, expected: str) -> None:
    assert grouped(text) == expected


@pytest.mark.parametrize(
    ("lang", "area", "year"), [("en", "3,000 sqm", "2023"), ("zh", "3,000 平方米", "2023")]
)
def test_a_letter_figure_is_grouped_but_not_a_year(lang: str, area: str, year: str) -> None:
    msgs = Messages(lang)
    assert fact_value("site.building_area_sqm", 3000, msgs, group=True) == area
    assert fact_value("standing.top100_list_year", 2023, msgs, group=True) == year
    assert fact_value("site.building_area_sqm", 3000, msgs).startswith("3000")  # the tables'


@pytest.mark.parametrize(
    ("lang", "stated"),
    [("en", r"your application states (\S+)\."), ("zh", r"申请填写的是(\S+?)。")],
)
def test_the_letters_state_figures_grouped(
    cli: Cli, tmp_path: Path, lang: str, stated: str
) -> None:
    out = tmp_path / lang
    assert cli("letters", "samples/applicants", "-o", str(out), "--lang", lang).exit_code == 0
    figures = [f for p in out.iterdir() for f in re.findall(stated, p.read_text("utf-8"))]
    numbers = [f for f in figures if re.fullmatch(r"[\d,.]+", f)]
    assert any("," in f for f in numbers)  # the samples state customers in the thousands
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", f) for f in numbers), numbers
