"""An application form with one question per row, read as the one row of a table (#24).

`template -f xlsx` writes a form a dealer can read and print: one applicant per workbook,
one question per row (its number, the question with its unit, the answer cell, the unit,
how to answer). The hidden mapping sheet is the same as the wide form's, with a mark in
A3 that says the layout. Read back, the questions become the header row and the answers
the one applicant row, each answer keeping its own cell (C12), so every problem is said
at the cell the dealer typed in; everything else (the mapping's trust, units, percent
cells, choices in words) is the table reader's, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dealerscreen.intake import units
from dealerscreen.intake.sheetrow import Row

LAYOUT_CELL = "A3"  # of the hidden mapping sheet
LAYOUT_MARK = "layout: one question per row"
HEADER_ROW = 3  # the title, how to fill it in, then the headings
FIRST_QUESTION = HEADER_ROW + 1
NUMBER, QUESTION, ANSWER, UNIT, HELP = 1, 2, 3, 4, 5  # the columns, A to E


def is_question_form(mapping_sheet: Any) -> bool:
    """Whether a workbook's hidden mapping sheet marks the one-question-per-row layout."""
    for row in mapping_sheet.iter_rows(min_row=3, max_row=3, max_col=1, values_only=True):
        return bool(row) and str(row[0] or "").strip() == LAYOUT_MARK
    return False


def answer_rows(sheet: Any) -> Iterator[Row]:
    """The questions as a header row, then the answers as one row, each with its cell."""
    labels: list[str] = []
    answers: list[Any] = []
    places: list[tuple[int, int]] = []
    percent: set[int] = set()
    for number, row in enumerate(sheet.iter_rows(min_row=FIRST_QUESTION), start=FIRST_QUESTION):
        question = getattr(row[QUESTION - 1], "value", None) if len(row) >= QUESTION else None
        if question is None or not str(question).strip():
            continue  # a blank line, or a heading the dealer added
        answer = row[ANSWER - 1] if len(row) >= ANSWER else None
        value = getattr(answer, "value", None)
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and units.is_percent_format(getattr(answer, "number_format", None) or "General")
        ):
            percent.add(len(answers))
        labels.append(str(question).strip())
        answers.append(value)
        places.append((number, ANSWER))
    yield Row(HEADER_ROW, tuple(labels))
    if any(a not in (None, "") for a in answers):
        first = places[0][0] if places else FIRST_QUESTION
        yield Row(first, tuple(answers), percent=frozenset(percent), places=tuple(places))
