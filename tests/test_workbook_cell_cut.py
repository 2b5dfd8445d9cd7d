"""A text longer than an Excel cell holds is cut so the cell says so, never silently."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealerscreen.reporters.workbook import MAX_CELL, cell_value


@pytest.mark.parametrize("extra", [1, 9, 10, 11, 994, 9_995, 40_000])
def test_long_text_is_cut_with_the_count_left_out(extra: int) -> None:
    text = "x" * (MAX_CELL + extra)
    cut = cell_value(text)
    assert len(cut) == MAX_CELL
    kept, _, tail = cut.partition("…[+")
    assert tail.endswith("]")
    left_out = int(tail[:-1].replace(",", ""))
    assert len(kept) + left_out == len(text)  # every character is kept or counted


@given(st.integers(min_value=0, max_value=MAX_CELL))
def test_text_that_fits_is_kept_whole(n: int) -> None:
    text = "y" * n
    assert cell_value(text) == text
