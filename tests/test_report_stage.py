"""The report stage's shortcuts (issue 22) give what the long way gives, and take them.

What would change a decision reads the applicant's model back only when its search looks
at a fact; a ranked table's column widths are worked out once for fitting and printing;
rule phrases are remembered by everything their text depends on; a workbook measures
characters through a table.
"""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from dealerscreen.batch.results import Results
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.decide.whatif import outlook
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.lazytext import text_of
from dealerscreen.reporters import fitting, workbook
from dealerscreen.reporters.celltext import text_width
from dealerscreen.reporters.fitting import FittedTable
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.reporters.table import ranked_rows, ranked_table
from dealerscreen.rules import phrases
from dealerscreen.words import safetext
from dealerscreen.words.labels import Messages
from tests.conftest import ROOT, fresh_python


@pytest.fixture
def run(samples_run: ScreenRun) -> ScreenRun:
    return samples_run


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
    view = View(run.data(), run.results, generated_at="2024-01-02T00:00:00Z")
    _made(JsonReporter().render_parts(view))
    assert len(read) == len(set(read))  # each at most once
    assert 0 < len(read) < len(run.results)


def _made(parts: Any) -> None:
    """Every part of a report made (its text or bytes are not what these tests read)."""
    for _ in parts:
        pass


def _printed(table: Table, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 70, 99, 100, 120, 200])
def test_a_fitted_table_prints_as_one_laid_out_anew(run: ScreenRun, width: int) -> None:
    """The widths kept from fitting are the ones rich would work out again for the print
    (at widths where rich's layout is kept and where the plan's is)."""
    view = View(run.data(), run.results, width=width)
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
    view = View(run.data(), run.results, width=120)
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


# Rule phrases are remembered by everything their text depends on (rules/phrases.py).
def _fresh(lang: str, key: str, values: dict[str, Any]) -> str:
    phrases._MEMO.clear()
    return text_of(phrases.Phrases(lang).later(key, **values))


def _after(
    lang: str, key: str, values: dict[str, Any], warm: list[tuple[str, dict[str, Any]]]
) -> str:
    """The phrase rendered after others have been (and remembered)."""
    phrases._MEMO.clear()
    for other_lang, other in warm:
        text_of(phrases.Phrases(other_lang).later(key, **other))
    return text_of(phrases.Phrases(lang).later(key, **values))


NEEDS = {"path": "site.area_sqm", "fact": 1, "sym": ">=", "wanted": "2"}


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (("en", NEEDS), ("zh", NEEDS)),  # the language: 是/否, a category's label
        (("en", NEEDS), ("en", {**NEEDS, "fact": True})),  # the type: True == 1, reads "yes"
        (("en", NEEDS), ("en", {**NEEDS, "fact": 2})),  # a value
        # the names: the same values in the same order, under other names
        (("en", NEEDS), ("en", {"path": "site.area_sqm", "fact": 1, "wanted": ">=", "sym": "2"})),
        # equal values that read differently are not remembered
        (("en", {**NEEDS, "wanted": Decimal("1.5")}), ("en", {**NEEDS, "wanted": Decimal("1.50")})),
        (("en", {**NEEDS, "wanted": 0.0}), ("en", {**NEEDS, "wanted": -0.0})),
    ],
)
def test_a_remembered_phrase_answers_only_for_its_own_inputs(
    first: tuple[str, dict[str, Any]], then: tuple[str, dict[str, Any]]
) -> None:
    lang, values = then
    assert _after(lang, "needs", values, [first]) == _fresh(lang, "needs", values)
    assert _fresh(lang, "needs", values) != _fresh(*first[:1], "needs", first[1])


def test_a_remembered_phrase_follows_its_template(monkeypatch: pytest.MonkeyPatch) -> None:
    """The template is in the key: a catalogue changed (a test's, a language's) is read."""
    before = _fresh("en", "needs", NEEDS)
    monkeypatch.setitem(phrases.CATALOGUES["en"], "needs", "{path} is {fact}, not {sym} {wanted}")
    assert text_of(phrases.Phrases("en").later("needs", **NEEDS)) != before


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, min_value=-3, max_value=3),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-3, max_value=3),
    st.sampled_from(["leased", "owned", "2", "是"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["en", "zh"]),
            st.fixed_dictionaries(
                {"path": st.just("p"), "fact": VALUES, "sym": VALUES, "wanted": VALUES}
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_remembered_phrases_read_as_rendered_anew(
    seq: list[tuple[str, dict[str, Any]]],
) -> None:
    """Whatever was rendered before, a phrase reads as it does with nothing remembered."""
    *warm, (lang, values) = seq
    assert _after(lang, "needs", values, warm) == _fresh(lang, "needs", values)


@given(st.text(max_size=30))
def test_text_width_counts_wide_characters_twice(text: str) -> None:
    expected = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    assert text_width(text) == expected


def test_a_remembered_phrase_follows_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language is in the key even where two languages share a template (one not yet
    translated): a fact's words are the reader's (yes / 是)."""
    monkeypatch.setitem(phrases.CATALOGUES["zh"], "needs", phrases.CATALOGUES["en"]["needs"])
    values = {**NEEDS, "fact": True}
    assert _after("zh", "needs", values, [("en", values)]) == _fresh("zh", "needs", values)
    assert "是" in _fresh("zh", "needs", values)


def _printable_long_way(text: str) -> str:
    text = safetext._ESCAPES.sub("", text)
    text = safetext._SPACES.sub(" ", text)
    return safetext._CONTROLS.sub("", text)


@given(
    st.text(max_size=40) | st.text(alphabet="ab \x1b[]\x07\x9b\t\n\u202e\u2066\x00", max_size=20)
)
def test_printable_text_is_returned_as_it_is_only_when_nothing_would_change(text: str) -> None:
    """`printable`'s shortcut for text `str.isprintable` passes gives what the patterns give."""
    assert safetext.printable(text) == _printable_long_way(text)


def _cell_long_way(text: str) -> str:
    text = safetext.undecodable(text)
    return "\n".join(safetext.printable(part) for part in text.split("\n"))[: workbook.MAX_CELL]


@given(st.text(max_size=40) | st.text(alphabet="ab\n\x1b[\u202e\udcce\ud800苏", max_size=20))
def test_a_printable_cell_is_written_as_it_is_only_when_nothing_would_change(text: str) -> None:
    assert workbook.cell_value(text) == _cell_long_way(text)


@pytest.mark.parametrize(
    ("fmt", "absent"),
    [
        # `jsontext`, which commands import for JSON text, loads none of these either
        ("json", ("rich", "openpyxl", "docx")),
        # the city sheets say a city's heading and coverage from `citylines`, as the
        # terminal table does: the workbook does not load rich (40 ms) for them
        ("xlsx", ("rich", "dealerscreen.reporters.table")),
    ],
)
def test_a_report_loads_no_module_it_does_not_use(fmt: str, absent: tuple[str, ...]) -> None:
    """The registry imports a format's module when asked for it, and that module only
    what it uses."""
    code = (
        "import sys\n"
        "from dealerscreen.reporters import REPORTERS, Format, jsontext\n"
        f"REPORTERS[Format.{fmt}]\n"
        f"absent = {absent!r}\n"
        "print(' '.join(sorted(m for m in sys.modules if m in absent "
        "or m.split('.')[0] in absent)))"
    )
    out = fresh_python(code).stdout
    assert out.split() == [], out


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "table"])
def test_a_report_puts_each_row_into_words_once(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report that reads its rows in several sections (markdown: the ranked table, the
    cities, the explanations) explains each once: its evaluations are remembered."""
    import dealerscreen.batch.results as results_mod
    from dealerscreen.reporters import REPORTERS, Format

    run = screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])
    explained: list[str] = []
    real = results_mod.explain

    def counting(compiled: Any, decision: Any) -> Any:
        explained.append(decision.applicant_id)
        return real(compiled, decision)

    monkeypatch.setattr(results_mod, "explain", counting)
    monkeypatch.setattr(results_mod, "RECENT", 2)  # fewer than the samples: not by chance
    view = View(run.data(), run.results, generated_at="2024-01-02T00:00:00Z")
    run.results._spill.remembered = 2
    _made(REPORTERS[Format(fmt)]().render_parts(view))  # type: ignore[union-attr]
    assert sorted(explained) == sorted(run.results.ids())


def test_a_planned_column_measures_each_distinct_character_and_word_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plan reads a column's glyph, least and widest again and again: each is worked
    out once, from the distinct characters and words (2,000 rows of the same few cities
    measured 100,000 characters a column, every time the plan looked)."""
    measured: list[str] = []

    def counting(text: str) -> int:
        measured.append(text)
        return cell_len(text)

    monkeypatch.setattr(fitting, "cell_len", counting)
    cells = ["杭州 Hangzhou", "Ningbo", "杭州 Hangzhou", "Wuxi city"] * 500
    col = fitting.Col("City", cells, words=True)
    answers = (col.widest, col.glyph, col.least)
    assert answers == (col.widest, col.glyph, col.least) == (13, 2, 8)
    distinct = set("City").union(*cells)
    words = {w for c in cells for w in c.split()}
    # the header and each distinct cell (widest), character (glyph) and word (least)
    assert len(measured) == 1 + len(set(cells)) + len(distinct) + len(words)
    assert fitting.plan([col], 40, fitting.Frame(3, 1)) == [13]
    assert len(measured) == 1 + len(set(cells)) + len(distinct) + len(words)  # read again


@pytest.mark.parametrize("fmt", ["json", "markdown", "xlsx"])
def test_a_full_report_keeps_no_outlook_it_reads_once(run: ScreenRun, fmt: str) -> None:
    """A report that reads each applicant's outlook once does not keep it in the view: a
    markdown report of 100,000 held every outlook to its end."""
    from dealerscreen.reporters import REPORTERS, Format
    from dealerscreen.reporters.interface import BinaryReporter

    view = View(run.data(), run.results, width=120)
    reporter = REPORTERS[Format(fmt)]()
    if isinstance(reporter, BinaryReporter):
        reporter.write(view, io.BytesIO())
    else:
        _made(reporter.render_parts(view))
    assert run.results and not [k for k in view._cache if k.startswith("outlook:")]
