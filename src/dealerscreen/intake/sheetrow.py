"""One row of a spreadsheet as the table readers pass it on (tabular, formsheet)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from dealerscreen.models.problems import Problem


class Row(NamedTuple):
    number: int  # the row's number in the sheet, or the line a CSV record starts on
    cells: Sequence[Any]
    problems: tuple[Problem, ...] = ()  # the row cannot be read (a line not UTF-8)
    notes: tuple[Problem, ...] = ()  # warnings at its cells (a formula without a value)
    percent: frozenset[int] = frozenset()  # 0-based: numbers in cells formatted as %
    # (row, column) of each cell where it is not (number, its place + 1): a form that asks
    # one question per row gives its answers as one row (intake.formsheet)
    places: tuple[tuple[int, int], ...] = ()
