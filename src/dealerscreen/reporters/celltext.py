"""How much room a cell's text takes: its width in columns, the lines it wraps to, and
the pieces a text too tall for one row is told in (`workbook.Sheet` sizes its columns and
rows with these).

A Chinese character is two columns wide, as in a spreadsheet; a column's width counts the
digit 0, which is wider than most Latin letters and narrower than a Chinese character.
"""

from __future__ import annotations

import re
import unicodedata


class _Wider(dict[str, int]):
    """Character -> the columns it takes beyond one (1 for a wide one), found once each:
    a workbook of 2,000 applicants measures millions of characters, of few kinds."""

    def __missing__(self, ch: str) -> int:
        if len(self) > 1 << 16:  # a hostile text of every character: bounded all the same
            self.clear()
        extra = self[ch] = 1 if unicodedata.east_asian_width(ch) in "WF" else 0
        return extra


_WIDER = _Wider()
# Each character beyond ASCII, found by the regular expression engine: a text of words
# with a few of them ("≥", "→") is scanned at C speed (`str.translate` with a table
# looked each character up in a dict, the sheet's measuring's largest part).
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese character counts two."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_WIDER.__getitem__, _BEYOND_ASCII.findall(text)))


def widest_line(text: str) -> int:
    """Columns the widest of a text's lines takes."""
    return max(map(text_width, text.split("\n")))


LINE_HEIGHT = 15  # points a line of 11-point text takes in a row
LINE_HEIGHT_CJK = 17  # a line with Chinese characters: their fonts are taller


MAX_ROW_HEIGHT = 409  # points: the tallest row Excel allows
ROW_LINES = MAX_ROW_HEIGHT // LINE_HEIGHT_CJK  # lines of text the tallest row holds


def _room(width: int) -> int:
    return max(width - 3, 1)  # words wrap whole: a line holds a little less


def lines_in(text: str, width: int) -> int:
    """Lines a text wraps to in a column `width` characters wide. Latin text is told by its
    width alone (its letters are narrower than the digit a column's width counts, which
    covers the room a word moved whole to the next line leaves); a paragraph with Chinese
    characters is wrapped word by word (`_wrapped`)."""
    room = _room(width)
    lines = 0
    for part in text.split("\n"):
        used = text_width(part)
        if used <= room:
            lines += 1
        elif used == len(part):
            lines += -(-used // room)
        else:
            lines += _wrapped(part, room)
    return lines


def _wrapped(text: str, room: int) -> int:
    """Lines a paragraph with wide characters wraps to in `room` columns: a wide character
    may go to the next line alone, a run of other characters (a field's name, a number)
    only whole, at a space, unless it is longer than a line."""
    lines, used, word = 1, 0, 0
    for ch in text + " ":
        wide = _WIDER[ch]
        if ch != " " and not wide:
            word += 1
            continue
        if word:  # the run before this character, whole
            if used and used + word > room:
                lines, used = lines + 1, 0
            while word > room:
                lines, word = lines + 1, word - room
            used, word = used + word, 0
        if wide and used + 2 > room:
            lines, used = lines + 1, 0
        used += 1 + wide
    return lines


def pieces(text: str, width: int, most: int = ROW_LINES) -> list[str]:
    """`text` in pieces that each wrap to at most `most` lines in a column `width` wide:
    a text taller than the tallest row is told over several rows, not cut at the row's
    foot. A piece ends at a line break (which goes) or, inside a paragraph longer than a
    row, after its last space that fits (a text without one is cut between characters)."""
    room = _room(width)
    # each paragraph takes at most one line more than its width fills, and a character is
    # at most two wide: a text within both halves of `most` is one piece, unmeasured
    if 4 * len(text) <= room * most and 2 * text.count("\n") + 2 <= most:
        return [text]
    out: list[str] = []
    lines: list[str] = []
    used = 0
    for para in text.split("\n"):
        need = lines_in(para, width)
        if used + need > most and lines:
            out.append("\n".join(lines))
            lines, used = [], 0
        while need > most:  # a paragraph taller than a row alone: cut it across rows
            head, para = _cut(para, room * (most - 1))  # a line spare: words wrap whole
            out.append(head)
            need = lines_in(para, width)
        lines.append(para)
        used += need
    out.append("\n".join(lines))
    return out


def _cut(text: str, room: int) -> tuple[str, str]:
    """`text` cut where its first `room` columns end, after the last space before there
    when there is one in the second half."""
    used = 0
    end = len(text)
    for i, ch in enumerate(text):
        used += 1 + _WIDER[ch]
        if used > room:
            end = i
            break
    space = text.rfind(" ", end // 2, end)
    if space > 0:
        end = space + 1
    end = max(end, 1)  # a character wider than the room still goes somewhere
    return text[:end], text[end:]
