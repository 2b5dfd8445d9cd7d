"""A table cell's text measured and laid on one line as rich does it, without rich's
objects (`fitting.FittedTable`: 18,000 cells of a ranked table, each measured and laid
out; tests/test_table_fast.py and tests/test_table_one_line.py hold both to rich's own).
"""

from __future__ import annotations

from itertools import pairwise

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import JustifyMethod


def _normal(low: int, high: int) -> tuple[int, int]:
    """`Measurement.normalize`."""
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def text_measure(width: int, extra: int, plain: str) -> tuple[int, int]:
    """`Measurement.get` of a `Padding` (`extra` cells left and right) around a `Text`
    of `plain`, `width` wide (at least 1), step by step as rich takes them."""
    if width - extra < 1:
        low, high = width, width
    else:
        lines = plain.splitlines()
        words = plain.split()
        # printable ASCII takes a cell a character (most cells: measured without a lookup)
        size = len if plain.isascii() and plain.isprintable() else cell_len
        high = max(map(size, lines)) if lines else 0
        low = max(map(size, words)) if words else high
        low, high = _normal(low, high)  # the text's measure, in Measurement.get
        low, high = min(low, width), min(high, width)
        if high < 1:
            low, high = 0, 0
        else:
            low, high = _normal(low, high)
        low, high = min(low + extra, width), min(high + extra, width)  # the padding's
    low, high = _normal(low, high)  # Measurement.get of the padding
    low, high = min(low, width), min(high, width)
    if high < 1:
        return 0, 0
    return _normal(low, high)


def one_line(plain: str, width: int, justify: JustifyMethod) -> str | None:
    """A text that fits on one line, `width` cells wide, as rich's `Text.wrap` justifies it
    (most cells of a table: no line to break, so nothing to divide); None for any other.
    It fits in cells and in characters both: rich trims trailing spaces from a line longer
    in characters than its width (`Text.rstrip_end`), which zero-width ones can make."""
    if "\n" in plain or "\t" in plain or len(plain) > width:
        return None
    size = cell_len(plain)
    if size > width:
        return None
    if justify in ("default", "left", "full"):  # "full" spreads every line but the last
        return plain + " " * (width - size)
    if justify not in ("right", "center"):
        return None
    text = plain.rstrip()  # rich's `Text.rstrip`, before it pads
    spare = width - cell_len(text)
    left = spare if justify == "right" else spare // 2
    return " " * left + text + " " * (spare - left)


def wrapped(plain: str, width: int, justify: JustifyMethod) -> list[str] | None:
    """The lines of a text that does not fit on one line, `width` cells wide, as rich's
    `Text.wrap` (overflow "fold", no style) gives their text once padded to the width; or
    None where rich's own objects are needed: a text that is not printable (a line break,
    a tab, a control or format character), or justified right, centred or spread.

    The same steps on strings, where rich makes a `Text` of each piece and of each line:
    the breaks its own `divide_line` finds, then each line cut to the width in cells
    (`Text.truncate`). rich also drops a line's spaces beyond the width counted in
    characters (`Text.rstrip_end`): the padding puts them back, so the padded lines are
    the same without that step. A ranked table of 2,000 wraps some 4,000 cells."""
    if justify not in ("default", "left") or not plain.isprintable():
        return None
    bounds = [0, *divide_line(plain, width, fold=True), len(plain)]
    lines = []
    for start, end in pairwise(bounds):
        line = plain[start:end]
        lines.append(set_cell_size(line, width) if cell_len(line) > width else line)
    return lines
