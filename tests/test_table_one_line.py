"""A table cell that fits on one line is laid out without rich's wrapping
(`textfit.one_line`, issue 22's report stage), as rich's `Text.wrap` lays it out: any
text (wide, zero-width and combining characters, spaces at either end, Unicode spaces),
any width, every justify. A text that needs rich (a line break, a tab, too wide) is left
to it; and a measured column takes printable ASCII a character a cell, as rich does.
A text wrapped over lines is broken without rich's objects too (`textfit.wrapped`), into
the lines rich's `Text.wrap` gives, wherever it takes one.
"""

from __future__ import annotations

import io

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from dealerscreen.reporters.textfit import one_line, text_measure, wrapped

JUSTIFY = st.sampled_from(["default", "left", "right", "center", "full"])
TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="ab 苏州\u3000\u0301\u200b\xa0\u2028😀（", max_size=20),
)


def _rich(plain: str, width: int, justify: str) -> list[str]:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    lines = Text(plain).wrap(console, width, justify=justify, overflow="fold")  # type: ignore[arg-type]
    return [line.plain for line in lines]


@settings(max_examples=400, deadline=None)
@given(plain=TEXT, width=st.integers(1, 40), justify=JUSTIFY)
@example(plain="e\u0301 ", width=2, justify="left")  # 2 cells, 3 characters: rich trims
@example(plain="  x  ", width=5, justify="right")
@example(plain="", width=3, justify="center")
def test_one_line_is_what_rich_wraps(plain: str, width: int, justify: str) -> None:
    plain = Text(plain).plain  # a cell's text, as the table holds it (no control codes)
    line = one_line(plain, width, justify)  # type: ignore[arg-type]
    if line is None:
        return
    wrapped = _rich(plain, width, justify)
    assert len(wrapped) == 1
    padded = wrapped[0] + " " * (width - cell_len(wrapped[0]))  # as the table pads it
    assert line == padded


WORDS = st.lists(
    st.one_of(
        st.text(alphabet="abcdefghij", min_size=1, max_size=14),
        st.text(alphabet="苏州市（）经销商😀", min_size=1, max_size=8),
        st.text(alphabet="e\u0301\u0300ab", min_size=1, max_size=6),  # combining marks
        st.sampled_from(["", " ", "  ", "   "]),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(plain=st.one_of(TEXT, WORDS), width=st.integers(1, 30), justify=JUSTIFY)
@example(plain="ab  cd", width=2, justify="left")  # a line of spaces beyond the width
@example(plain="苏州 苏州市经销商", width=3, justify="default")  # a wide character folded
@example(plain="e\u0301e\u0301e\u0301 x", width=2, justify="default")  # cells < characters
def test_a_wrapped_text_breaks_where_rich_breaks_it(plain: str, width: int, justify: str) -> None:
    plain = Text(plain).plain  # a cell's text, as the table holds it (no control codes)
    lines = wrapped(plain, width, justify)  # type: ignore[arg-type]
    if lines is None:
        assert justify not in ("default", "left") or not plain.isprintable()
        return
    padded = [line + " " * (width - cell_len(line)) for line in lines]
    assert padded == [
        line + " " * (width - cell_len(line)) for line in _rich(plain, width, justify)
    ]


@given(plain=st.text(max_size=30), width=st.integers(1, 40), extra=st.integers(0, 3))
def test_ascii_is_measured_as_rich_measures_it(plain: str, width: int, extra: int) -> None:
    plain = Text(plain).plain  # a cell's text, as the table holds it (no control codes)
    from rich.measure import Measurement
    from rich.padding import Padding

    console = Console(file=io.StringIO(), width=width, color_system=None)
    padded = Padding(Text(plain), (0, extra, 0, 0))
    rich = Measurement.get(console, console.options.update_width(width), padded)
    assert text_measure(width, extra, plain) == tuple(rich)


def test_a_text_rich_must_lay_out_is_left_to_it() -> None:
    assert one_line("a\nb", 10, "left") is None
    assert one_line("a\tb", 10, "left") is None
    assert one_line("苏州", 3, "left") is None  # 4 cells
    assert one_line("ab", 2, "right") == "ab"


@given(
    padding=st.tuples(*[st.integers(0, 3)] * 4),
    pad_edge=st.booleans(),
    collapse=st.booleans(),
    columns=st.integers(1, 4),
    rows=st.integers(0, 3),
)
def test_a_columns_sides_are_the_padding_rich_gives_each_cell(
    padding: tuple[int, int, int, int], pad_edge: bool, collapse: bool, columns: int, rows: int
) -> None:
    from rich.padding import Padding

    from dealerscreen.reporters.fitting import FittedTable

    table = FittedTable(padding=padding, pad_edge=pad_edge, collapse_padding=collapse)
    for i in range(columns):
        table.add_column(f"c{i}")
    for _ in range(rows):
        table.add_row(*(Text("x") for _ in range(columns)))
    console = Console(file=io.StringIO(), width=80, color_system=None)
    for i, column in enumerate(table.columns):
        for cell in table._get_cells(console, i, column):
            if isinstance(cell.renderable, Padding):
                pad = cell.renderable
                assert table._sides(i) == (pad.left, pad.right)
