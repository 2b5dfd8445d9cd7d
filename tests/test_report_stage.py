"""The report stage's shortcuts (issue 22) give what the long way gives, and take them.

What would change a decision reads the applicant's model back only when its search looks
at a fact; a ranked table's column widths are worked out once for fitting and printing.
"""

from __future__ import annotations

import functools
import io

import pytest
from rich.console import Console
from rich.table import Table

from dealerscreen.batch.results import Results
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.decide.whatif import outlook
from dealerscreen.models.applicant import Applicant
from dealerscreen.reporters.fitting import FittedTable
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.reporters.table import ranked_rows, ranked_table
from dealerscreen.words.labels import Messages
from tests.conftest import ROOT


@functools.cache
def _samples() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


@pytest.fixture
def run() -> ScreenRun:
    return _samples()


def test_a_lazy_model_gives_the_same_outlook(run: ScreenRun) -> None:
    """Given a function that reads the model, the search answers as given the model, and
    calls it at most once."""
    for result in run.results:
        model = run.applicant_of(result)
        calls: list[int] = []

        def read(model: Applicant = model, calls: list[int] = calls) -> Applicant:
            calls.append(1)
            return model

        ev = result.evaluation
        assert outlook(run.compiled, read, ev) == outlook(run.compiled, model, ev)
        assert len(calls) <= 1


def test_a_report_reads_back_only_the_models_a_search_looks_at(
    run: ScreenRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A json report shows every applicant's outlook; a model is read back from the spill
    (and validated) only for an applicant whose search tries a fact: not for one in the
    top tier, nor for one no single fact could let in."""
    read: list[str] = []
    real = Results.applicant_of

    def counting(self: Results, result: object) -> Applicant:
        model = real(self, result)  # type: ignore[arg-type]
        read.append(model.applicant_id)
        return model

    monkeypatch.setattr(Results, "applicant_of", counting)
    view = View(run, run.results, generated_at="2024-01-02T00:00:00Z")
    "".join(JsonReporter().render_parts(view))
    assert len(read) == len(set(read))  # each at most once
    assert 0 < len(read) < len(run.results)


def _printed(table: Table, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 70, 99, 100, 120, 200])
def test_a_fitted_table_prints_as_one_laid_out_anew(run: ScreenRun, width: int) -> None:
    """The widths kept from fitting are the ones rich would work out again for the print
    (at widths where rich's layout is kept and where the plan's is)."""
    view = View(run, run.results, width=width)
    msgs = Messages("en")
    rows, styles = ranked_rows(view)
    console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
    table, _ = ranked_table(console, msgs, "title", rows, styles)
    assert isinstance(table, FittedTable)
    again, _ = ranked_table(console, msgs, "title", rows, styles)
    assert isinstance(again, FittedTable)
    again._fitted = None  # forgotten: laid out anew by rich
    assert _printed(table, width) == _printed(again, width)


def test_a_fitted_table_measures_its_cells_once(
    run: ScreenRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = Table._calculate_column_widths

    def counting(self: Table, console: Console, options: object) -> list[int]:
        calls.append(1)
        return real(self, console, options)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "_calculate_column_widths", counting)
    view = View(run, run.results, width=120)
    rows, styles = ranked_rows(view)
    console = Console(file=io.StringIO(), width=120, no_color=True, highlight=False)
    table, _ = ranked_table(console, Messages("en"), "title", rows, styles)
    assert isinstance(table, FittedTable) and table._fitted is not None  # rich's layout kept
    console.print(table)
    assert len(calls) == 1


def test_a_row_added_forgets_the_widths() -> None:
    table = FittedTable()
    table.add_column("a")
    table.add_row("x")
    narrow = _printed(table, 80)
    table.add_row("a much longer cell than the first")
    fresh = FittedTable()
    fresh.add_column("a")
    fresh.add_row("x")
    fresh.add_row("a much longer cell than the first")
    assert _printed(table, 80) == _printed(fresh, 80) != narrow
