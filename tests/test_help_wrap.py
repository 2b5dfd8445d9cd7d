"""Help wrapped by columns (cli/helpwrap.py): a Chinese character takes two, a line breaks
beside one or at a space, never before closing punctuation nor inside a Latin word."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from dealerscreen.cli.helpwrap import cells, fill, wrap

TEXT = "带入具有此结果的申请人（按项目所示）：reserve、not-eligible、awaiting-information；可重复。"


@pytest.mark.parametrize("width", range(12, 60, 3))
def test_lines_keep_within_the_width_and_lose_nothing(width: int) -> None:
    lines = fill(TEXT, width, "  ", "  ")
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(line.strip() for line in lines) == TEXT
    assert not any(line.strip()[0] in "，。、；：）" for line in lines), lines
    for word in (
        "reserve",
        "not-eligible",
        "awaiting-information",
    ):  # whole where it fits, with its 、
        assert len(word) + 2 > width - 2 or any(word in line for line in lines), (word, lines)


def test_a_word_wider_than_the_line_is_cut_and_spaces_at_a_break_dropped() -> None:
    assert fill("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]
    assert fill("中文 中文", 4) == ["中文", "中文"]
    assert cells("中文 ab") == 7


def test_paragraphs_are_kept_and_a_raw_block_left_as_it_is() -> None:
    text = "第一段，较长的一段文字。\n\n\b\n  raw   line\n第二行"
    assert wrap(text, 14, "  ") == "  第一段，较长\n  的一段文字。\n\n    raw   line\n  第二行"
