"""The text of a CSV file as the csv module reads it, with every record bounded.

A record is one line, or several when a quoted cell holds line breaks. Each line is
decoded on its own, so a byte that is not UTF-8 makes its own record invalid and no other.
A record over --max-file-size is one `too-large` problem at the line it starts on, and
the records after it are read as usual: its text past the limit is never given to the
csv module (a line over the limit is not even held), only a stand-in that leaves the
module where the withheld text would have left it (inside a quoted cell or not), found by
`ends_quoted`. So the module never meets a cell larger than the limit, and its own limit
on a cell (131,072 characters by default, which ended the file) is raised to ours while
it reads.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import IO

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import Line, byte_lines, line_problem
from dealerscreen.models.problems import Problem

_BARE_CR = re.compile(rb"(?<=\r)(?!\n)")  # a line break of old Mac exports, as csv reads it

# The csv module's states that matter to where a record ends (the default dialect: `,`,
# `"` doubled inside a quoted cell, not strict): at a cell's start, in an unquoted cell,
# in a quoted cell, just after a quote inside a quoted cell.
START, UNQUOTED, QUOTED, QUOTE = range(4)
_IN_QUOTES = re.compile(rb'[^"]*(?:""[^"]*)*')  # a quoted cell's text: "" is a quote in it
_OPENS = re.compile(rb'[,\r\n]"')  # an unquoted cell ends and a quoted one starts


def ends_quoted(state: int, text: bytes) -> int:
    """The csv module's state after `text`, given its state before: each step finds the
    next quote or comma that matters by a search, so a long line costs a few passes in C.
    A line break outside quotes ends the record (a bare CR is a line of its own)."""
    i, n = 0, len(text)
    while i < n:
        if state == QUOTED:
            text_end = _IN_QUOTES.match(text, i)
            i = text_end.end() if text_end is not None else i  # it always matches
            if i == n:
                return QUOTED
            state, i = QUOTE, i + 1  # a quote not doubled: the quoted part ends
        elif state != UNQUOTED and text[i] == 0x22:  # a quote opens a cell, or is doubled
            state, i = QUOTED, i + 1
        else:  # after a cell's first character: only `,"` or a line break and `"` opens one
            found = _OPENS.search(text, i)
            if found is None:
                return START if text[-1:] in (b",", b"\r", b"\n") else UNQUOTED
            state, i = QUOTED, found.end()
    return state


class CsvText:
    """Lines for `csv.reader`; after each record the reader gives, `record(line_num)` says
    where it started and what was wrong with it.

    Lines are counted as the csv module counts them (a bare CR ends a line); a problem is
    placed at the line of the file (LF-ended) where it is."""

    def __init__(self, path: str, max_line: int) -> None:
        self.path = path
        self.max_line = max_line
        self.count = 0  # lines given to the reader
        self.ended = 0  # the line the reader's last record ended on
        self.bad: dict[int, Problem] = {}  # by the count: lines that cannot be read
        self.size = 0  # bytes of the record being read
        self.over = False  # it went over the limit: its later lines are withheld
        self.first = 0  # the line of the file it starts on, and its last so far
        self.last = 0
        self.skimmed = START  # the state over a line too long to hold, as it is skipped
        self.open_at_end = False

    def lines(self, stream: IO[bytes], max_total: int) -> Iterator[str]:
        self.skimmed = START
        for line in byte_lines(stream, self.max_line, max_total, self._skim):
            problem = line_problem(self.path, line, self.max_line)
            if line.too_long:
                yield self._withheld(line, problem, self.skimmed)
            else:
                for part in _BARE_CR.split(line.raw):
                    if part:
                        yield self._part(line, part, problem)
            # before the next line is read (and perhaps skimmed): where will it start?
            self.skimmed = QUOTED if self.count > self.ended else START
        self.open_at_end = self.count > self.ended  # the last record is inside quotes

    def _skim(self, piece: bytes) -> None:
        self.skimmed = ends_quoted(self.skimmed, piece)

    def _start(self, line: Line) -> bool:
        """Count a line given to the reader; True when it starts a record."""
        starts = self.count == self.ended
        self.count += 1
        if starts:
            self.first, self.size, self.over = line.number, 0, False
        self.last = line.number
        return starts

    def _part(self, line: Line, part: bytes, problem: Problem | None) -> str:
        starts = self._start(line)
        content = len(part) - part.endswith(b"\n")  # as a line's limit counts it
        if starts or (not self.over and self.size + content <= self.max_line):
            self.size += len(part)
            if problem is not None and part.strip():  # "\r" alone: an empty row
                self.bad[self.count] = problem
            return part.decode("utf-8", "replace")
        # A quoted cell's line that takes its record over the limit: withheld.
        self.over = True
        return _stand_in(QUOTED, ends_quoted(QUOTED, part))

    def _withheld(self, line: Line, problem: Problem | None, end: int) -> str:
        """A line too long to hold (skimmed as it was skipped)."""
        began = START if self._start(line) else QUOTED
        self.over = True
        if problem is not None:
            self.bad[self.count] = problem
        return _stand_in(began, end)

    def record(self, end: int) -> tuple[int, tuple[Problem, ...]]:
        """(the line the record ending at line `end` starts on, as the reader counts; the
        problems of the lines it spans, or of its size)."""
        start = self.ended + 1
        found = dict.fromkeys(self.bad.pop(n) for n in range(start, end + 1) if n in self.bad)
        if self.over and not any(p.check == "too-large" for p in found):
            message = say(
                "record-too-large", first=self.first, last=self.last, limit=f"{self.max_line:,}"
            )
            found[Problem(self.path, self.first, None, "error", message, None, "too-large")] = None
        elif self.open_at_end and end == self.count and end > start:
            # csv read the lines after the quote into its cell: the rows there are not
            # rows (on one line, what the open quote did is seen in the row's own cells)
            message = say("open-quote", first=self.first, last=self.last)
            found[Problem(self.path, self.first, None, "error", message, None, "open-quote")] = None
        self.ended = end
        return start, tuple(found)


def _stand_in(began: int, ended: int) -> str:
    """Text that takes the csv module from inside a quoted cell or not (`began`) to where
    the withheld text ended: a quote, when one of them is inside and the other not."""
    return '"' if (began == QUOTED) != (ended == QUOTED) else ""


def read_records(
    path: str, stream: IO[bytes], max_line: int, max_total: int
) -> Iterator[tuple[int, list[str], tuple[Problem, ...]]]:
    """(the line a record starts on, its cells, its problems), record by record."""
    text = CsvText(path, max_line)
    reader = csv.reader(text.lines(stream, max_total))
    while True:
        # The module's limit on a cell is process-wide: raised while it reads, no longer.
        before = csv.field_size_limit(max_line + 1)
        try:
            cells = next(reader, None)
        finally:
            csv.field_size_limit(before)
        if cells is None:
            return
        start, problems = text.record(reader.line_num)
        yield start, cells, problems
