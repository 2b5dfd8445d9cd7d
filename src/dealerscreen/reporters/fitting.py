"""Terminal tables that fit their width without cutting a number or an id.

rich fits a table that is too wide by narrowing the columns that may wrap and, when that is
not enough, every column alike: a total "93.75+10" became "93.75" at 70 columns and "93" at
60, an id "XM24-SUZ-…" at 40. Here a table keeps rich's own layout where that cuts nothing
(`rich_fits`), and is otherwise laid out by `plan`: every number and id column as wide as
its widest value, the wrapping columns (names, statuses, reasons) down to a floor, and when
even that is too wide, whole columns left out, least needed first; the reporter says which
under the table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text

from dealerscreen.reporters.textfit import one_line, text_measure, wrapped


class FittedTable(Table):
    """A `Table` that lays its columns out once for `rich_fits` and for printing.

    rich works out the column widths by measuring every cell: for 2,000 rows that cost as
    much as a third of printing the table, and `rich_fits` asked for them just before the
    print asked again. The widths `rich_fits` found are kept with the options they were
    found for, and given back only for equal options (`ConsoleOptions` compares every
    field); a row or column added forgets them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fitted: tuple[ConsoleOptions, list[int]] | None = None

    def add_row(self, *args: Any, **kwargs: Any) -> None:
        self._fitted = None
        super().add_row(*args, **kwargs)

    def add_column(self, *args: Any, **kwargs: Any) -> None:
        self._fitted = None
        super().add_column(*args, **kwargs)

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        kept = self._fitted
        if kept is not None and kept[0] == options:
            return list(kept[1])
        widths = super()._calculate_column_widths(console, options)
        self._fitted = (options, list(widths))
        return widths

    def _measure_column(
        self, console: Console, options: ConsoleOptions, column: Column
    ) -> Measurement:
        """rich's measure of a column, each padded text cell measured by `_text_measure`
        (rich's steps, without an object per step: 18,000 cells of a ranked table)."""
        width = options.max_width
        if width < 1 or column.width is not None:
            return super()._measure_column(console, options, column)
        padding = self._get_padding_width(column._index)
        least: list[int] = []
        most: list[int] = []
        # each cell as `_get_cells` pads it, without making its padding: only the cells
        # left and right count for a measure, and they are the column's in every row
        cells = [
            *([column.header] if self.show_header else []),
            *column.cells,
            *([column.footer] if self.show_footer else []),
        ]
        left, right = self._sides(column._index)
        padded = any(self.padding)
        # a column's texts repeat (cities, statuses, tiers, totals): each measured once
        measured_text: dict[str, tuple[int, int]] = {}
        for cell in cells:
            if padded and type(cell) is Text:
                plain = cell.plain
                found = measured_text.get(plain)
                if found is None:
                    found = measured_text[plain] = text_measure(width, left + right, plain)
                low, high = found
            else:
                pad = Padding(cell, (0, right, 0, left)) if padded else cell
                low, high = Measurement.get(console, options, pad)
            least.append(low)
            most.append(high)
        measured = Measurement(max(least) if least else 1, max(most) if most else width)
        return measured.with_maximum(width).clamp(
            None if column.min_width is None else column.min_width + padding,
            None if column.max_width is None else column.max_width + padding,
        )

    def _sides(self, index: int) -> tuple[int, int]:
        """The padding left and right of column `index`'s cells, as `_get_cells` gives it
        (for every row: only its top and bottom differ by row)."""
        _, right, _, left = self.padding
        if self.collapse_padding and index != 0:
            left = max(0, left - right)
        if not self.pad_edge:
            left = 0 if index == 0 else left
            right = 0 if index == len(self.columns) - 1 else right
        return left, right

    def _render(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        """rich's rendering, with the body rows put together as text when the console
        writes no colour (a report to a file): then a cell is its wrapped text, padded,
        and nothing of the styles reaches the output. rich renders each cell through
        three layers (padding, text, lines, each cropped and padded again): for 2,000
        rows that was most of a table report's time. The title, the header, the rules
        and any cell this does not know how to lay out (`_cell_lines`) are rich's own;
        tests/test_table_fast.py holds the two ways to the same text."""
        if not self._plain_body(console):
            yield from super()._render(console, options, widths)
            return
        rows, self.rows = self.rows, []
        kept = [column._cells for column in self.columns]
        for column in self.columns:
            column._cells = []
        try:  # the frame without the body: top edge, header, its rule, bottom edge
            frame = list(super()._render(console, options, widths))
        finally:
            self.rows = rows
            for column, cells in zip(self.columns, kept, strict=True):
                column._cells = cells
        bottom = 2 if self.box and self.show_edge else 0  # rich's last two: the edge, "\n"
        yield from frame[: len(frame) - bottom]
        yield from self._body(console, options, widths)
        yield from frame[len(frame) - bottom :]

    def _plain_body(self, console: Console) -> bool:
        """Whether the body can be put together as text: no colour, and a plain layout
        (a header, no footer, no lines or sections between rows)."""
        return (
            console.color_system is None
            and bool(self.rows)
            and self.show_header
            and not self.show_footer
            and not self.show_lines
            and not self.leading
            and not any(row.end_section for row in self.rows)
            and not Padding.unpack(self.padding)[0]  # no padding above or below a cell:
            and not Padding.unpack(self.padding)[2]  # the header's is the same without rows
        )

    def _body(
        self, console: Console, options: ConsoleOptions, widths: list[int]
    ) -> Iterator[Segment]:
        safe = console.safe_box if self.safe_box is None else self.safe_box  # rich's pick_bool
        box = self.box.substitute(options, safe=safe) if self.box else None
        columns = [
            list(self._get_cells(console, i, column))[1:]  # the header's cell is rich's
            for i, column in enumerate(self.columns)
        ]
        n = len(self.rows)
        for index, row_cells in enumerate(zip(*columns, strict=True)):
            cells = [
                _cell_lines(console, options, cell, width, column)
                for cell, width, column in zip(row_cells, widths, self.columns, strict=True)
            ]
            height = max(1, *map(len, cells))  # a row is a line at least, as rich's
            for c, width in zip(cells, widths, strict=True):
                c.extend([" " * width] * (height - len(c)))  # cells align at the top
            if box is None:
                left = right = divider = ""
            elif index == n - 1:  # the last row takes the footer's edges, as rich's does
                left, right, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left, right, divider = box.mid_left, box.mid_right, box.mid_vertical
            if not self.show_edge:
                left = right = ""
            for line in zip(*cells, strict=True):
                yield Segment(left + divider.join(line) + right + "\n")


def _cell_lines(
    console: Console, options: ConsoleOptions, cell: Any, width: int, column: Column
) -> list[str]:
    """A body cell's lines as text, each `width` cells wide, as rich renders it without
    colour: a padded text wrapped by rich's own `Text.wrap` with the column's justify,
    overflow and no_wrap; anything else (a cell that is not a padded text, a vertical
    alignment other than the top, a line that does not come out `width` wide) is
    rendered by rich itself."""
    pad = cell.renderable
    text = pad.renderable if isinstance(pad, Padding) else None
    inner = width - pad.left - pad.right if text is not None else 0
    if (
        isinstance(text, Text)
        and not pad.top
        and not pad.bottom
        and cell.vertical == "top"
        and inner >= 1
        and text.justify is None
        and text.overflow is None
        and text.no_wrap is None
        and text.end == "\n"
    ):
        fits = one_line(text.plain, inner, column.justify or "default")
        if fits is not None:
            return [" " * pad.left + fits + " " * pad.right]
        plains = (
            wrapped(text.plain, inner, column.justify or "default")
            if (column.overflow or "fold") == "fold" and not column.no_wrap
            else None
        )
        if plains is None:
            tab_size = console.tab_size if text.tab_size is None else text.tab_size
            plains = [
                line.plain
                for line in text.wrap(
                    console,
                    inner,
                    justify=column.justify or "default",
                    overflow=column.overflow or "fold",
                    tab_size=tab_size or 8,
                    no_wrap=bool(column.no_wrap),
                )
            ]
        lines = []
        for plain in plains:
            size = cell_len(plain)
            if size > inner:
                break
            lines.append(" " * pad.left + plain + " " * (inner - size + pad.right))
        else:
            if lines:
                return lines
    rendered = console.render_lines(
        cell.renderable,
        options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        ),
    )
    return ["".join(segment.text for segment in line) for line in rendered]


@dataclass(frozen=True)
class Col:
    """A column as the plan sees it: its header and cells, and how it may give way."""

    header: str
    cells: Sequence[str]
    justify: JustifyMethod = "left"
    whole: bool = False  # numbers and ids: as wide as the widest value (its header may wrap)
    floor: int = 0  # a wrapping column: the narrowest it is made (a longer word folds)
    words: bool = False  # a wrapping column never narrower than its longest word
    drop: int = 0  # 0: always shown; else left out in this order (1 first) when too narrow
    grow: int = 0  # the order in which spare room widens the wrapping columns

    def __post_init__(self) -> None:
        # Its measures are worked out once (`cached_property`; `plan` reads them in
        # loops): the cells are held as a tuple, so that nothing changes under them.
        object.__setattr__(self, "cells", tuple(self.cells))

    @cached_property
    def widest(self) -> int:
        """The column's width with nothing wrapped: header and every value on one line."""
        return max([cell_len(self.header), *map(cell_len, set(self.cells))])

    @cached_property
    def glyph(self) -> int:
        """Its widest character: 2 where it holds Chinese. A column narrower than that
        has no room for the character and loses it ("状态" in a column one cell wide).
        Each distinct character measured once (a ranked table of 2,000 rows: 100,000
        characters a column, a few hundred distinct)."""
        return max(map(cell_len, set(self.header).union(*self.cells)), default=1)

    @cached_property
    def least(self) -> int:
        """The narrowest the plan makes it: a number or id whole (its header word by word),
        a wrapping column down to its floor; never narrower than its widest character."""
        if self.whole:
            return max([_longest_word([self.header]), *map(cell_len, set(self.cells))])
        floor = max(self.floor, _longest_word(self.cells)) if self.words else self.floor
        return max(self.glyph, min(self.widest, floor))


def _longest_word(texts: Sequence[str]) -> int:
    return max(map(cell_len, {w for t in texts for w in t.split()}), default=0)


@dataclass(frozen=True)
class Frame:
    """What a table spends besides its columns' text: per column (padding, the rule between
    columns) and once (the edges)."""

    per_column: int
    edges: int

    def room(self, width: int, columns: int) -> int:
        """The cells left for the text of `columns` columns in a table `width` wide."""
        return width - self.edges - self.per_column * columns


def plan(cols: Sequence[Col], width: int, frame: Frame) -> list[int | None]:
    """Each column's text width (None: left out) in a table at most `width` wide.

    Columns are left out in their `drop` order until the rest fit at their least; spare
    room then widens the wrapping columns (in `grow` order) to their widest, and then the
    headers of the whole columns. If even the columns that are always shown do not fit
    (a hostile id hundreds of characters long), the widest of them gives way and folds
    its value over lines: still whole, never cut.
    """
    shown = list(range(len(cols)))
    droppable = sorted((c.drop, i) for i, c in enumerate(cols) if c.drop)
    while sum(cols[i].least for i in shown) > frame.room(width, len(shown)) and droppable:
        shown.remove(droppable.pop(0)[1])
    widths: dict[int, int] = {i: cols[i].least for i in shown}
    spare = frame.room(width, len(shown)) - sum(widths.values())
    while spare < 0:  # only the always-shown are left; none narrower than a character
        slack = {i: widths[i] - cols[i].glyph for i in widths if widths[i] > cols[i].glyph}
        if not slack:
            break
        widest = max(slack, key=lambda i: widths[i])
        give = min(-spare, slack[widest])
        widths[widest] -= give
        spare += give
    wrapping = sorted((i for i in shown if not cols[i].whole), key=lambda i: cols[i].grow)
    for i in [*wrapping, *(i for i in shown if cols[i].whole)]:
        more = min(spare, max(0, cols[i].widest - widths[i]))
        widths[i] += more
        spare -= more
    return [widths.get(i) for i in range(len(cols))]


def rich_fits(table: Table, console: Console, cols: Sequence[Col]) -> bool:
    """Whether rich lays `table` out within the console's width cutting nothing: every
    whole column as wide as its widest value (its header may wrap between words), every
    other column that may not wrap as wide as its widest text, and a wrapping one at least
    `FOLD_MIN` wide (or its least); then rich's own layout is kept. rich has no public way
    to ask for its column widths; this asks what `Table.__rich_console__` computes first."""
    width = console.width - table._extra_width
    # the options `console.print(table)` renders with (its defaults), so that a
    # `FittedTable` printed next reuses these widths
    printing = console.options.update(
        justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None
    )
    widths = table._calculate_column_widths(console, printing.update_width(width))
    if sum(widths) > width:
        return False
    for i, (w, c) in enumerate(zip(widths, cols, strict=True)):
        text = w - table._get_padding_width(i)
        if c.whole:
            need = c.least
        elif table.columns[i].no_wrap:
            need = c.widest
        else:
            need = min(c.least, FOLD_MIN)
        if text < need:
            return False
    return True


# A column that wraps narrower than this is hard to read ("sh/or/tl/is/te/d"): the plan
# does better then.
FOLD_MIN = 8


def planned(
    table: Table,
    cols: Sequence[Col],
    widths: Sequence[int | None],
    styles: Sequence[str],
) -> list[str]:
    """`table` (made empty, with its title and box) given the planned columns and their
    rows; the headers of the columns left out. Every column has its width fixed, so rich
    narrows none, and may fold: a whole column's values fit, only its header wraps."""
    for c, w in zip(cols, widths, strict=True):
        if w is not None:
            table.add_column(c.header, justify=c.justify, width=w, overflow="fold")
    shown = [c for c, w in zip(cols, widths, strict=True) if w is not None]
    for row, style in enumerate(styles):
        table.add_row(*(Text(c.cells[row]) for c in shown), style=style)
    return [c.header for c, w in zip(cols, widths, strict=True) if w is None]
