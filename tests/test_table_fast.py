"""A fitted table's body, put together as text when the console writes no colour
(`FittedTable._render`), is what rich prints for the same table: any text (Chinese,
full-width punctuation, long words, spaces, blank cells, new lines, tabs), any column
(justify, overflow, no_wrap, a fixed width), any frame the reporters use (the ranked
table's, a city's, none), any width; and with colour, rich's own rendering. Its columns
are measured as rich measures them (`FittedTable._measure_column`).
"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from dealerscreen.reporters.fitting import FittedTable

WORDS = st.sampled_from(
    ["Synthetic", "Motors", "shortlisted,", "provisional", "苏州", "状态", "无低于本批平均的项",
     "（全角）", "a", "", " ", "  x ", "Automobile", "90.47+10", "-", "a\nb", "x\ty",
     "XM24-SUZ-001", "Strong: Customer satisfaction;"]
)  # fmt: skip
CELL = st.lists(WORDS, max_size=6).map(" ".join)
COLUMN = st.fixed_dictionaries(
    {
        "justify": st.sampled_from(["left", "right", "center", "full", "default"]),
        "overflow": st.sampled_from(["fold", "crop", "ellipsis"]),
        "no_wrap": st.booleans(),
        "width": st.one_of(st.none(), st.integers(1, 12)),
        "min_width": st.one_of(st.none(), st.integers(1, 10)),
    }
)
FRAMES: list[dict[str, Any]] = [
    {  # the ranked table's
        "box": box.SIMPLE_HEAD,
        "show_lines": False,
        "expand": False,
        "padding": (0, 1, 0, 0),
        "pad_edge": False,
    },
    {"expand": False, "show_lines": False},  # a city's
    {"box": None},
    {"box": box.ROUNDED, "show_edge": False, "expand": True},
    {"box": box.HEAVY, "safe_box": False},
    {"box": box.HEAVY_HEAD, "safe_box": True},
]


def _printed(cls: type[Table], frame: dict[str, Any], columns: list[dict[str, Any]],
             rows: list[list[str]], width: int, color: bool, legacy: bool = False) -> str:  # fmt: skip
    table = cls(title="T", **frame)
    for i, column in enumerate(columns):
        table.add_column(f"col {i}", **column)
    for i, row in enumerate(rows):
        table.add_row(*(Text(c) for c in row), style="dim" if i % 2 else "bold green")
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=legacy,  # its boxes substituted where the table's safe_box says
    )
    console.print(table)
    # and its measure, which a renderable holding it asks for (the columns' least widths)
    return f"{Measurement.get(console, console.options, table)}\n{buffer.getvalue()}"


@settings(max_examples=300, deadline=None)
@given(
    frame=st.sampled_from(FRAMES),
    columns=st.lists(COLUMN, min_size=1, max_size=5),
    cells=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=6),
    width=st.integers(10, 140),
    color=st.booleans(),
    legacy=st.booleans(),
)
@example(frame=FRAMES[0], columns=[{}], cells=[["苏州"]], width=10, color=False, legacy=False)
@example(frame=FRAMES[4], columns=[{}], cells=[["a"], ["b"]], width=20, color=False, legacy=True)
def test_a_fitted_table_prints_what_rich_prints(
    frame: dict[str, Any],
    columns: list[dict[str, Any]],
    cells: list[list[str]],
    width: int,
    color: bool,
    legacy: bool,
) -> None:
    rows = [row[: len(columns)] for row in cells]
    ours = _printed(FittedTable, frame, columns, rows, width, color, legacy)
    assert ours == _printed(Table, frame, columns, rows, width, color, legacy)


def test_a_fitted_table_without_colour_puts_its_body_together_itself() -> None:
    """The fast way is taken (not rich's per-cell rendering) for a table to a file."""
    table = FittedTable(box=box.SIMPLE_HEAD)
    table.add_column("a")
    table.add_row(Text("x"))
    console = Console(file=io.StringIO(), width=40, color_system=None, no_color=True)
    assert table._plain_body(console)
    coloured = Console(file=io.StringIO(), width=40, color_system="standard", force_terminal=True)
    assert not table._plain_body(coloured)
