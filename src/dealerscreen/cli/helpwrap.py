"""`--help` in Chinese, wrapped by the columns a line takes on the terminal.

click wraps help by counting characters, and a Chinese character takes two columns: its
lines ran twice as wide as the terminal. This formatter measures each line in columns
(East Asian wide and full-width characters count two) and breaks a line between two
Chinese characters or at a space: never before closing punctuation (，。）) nor after an
opening one (（), nor inside a run of Latin letters (an option, a value: --carry,
not-eligible) unless that run alone is wider than the line. Headings in Chinese end with
a full-width colon. English `--help` keeps click's own formatter (typer's output, byte for
byte): helpformat.py gives this one only in another language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

# typer (>= 0.29) carries its own click: the formatter its contexts make.
from typer._click.formatting import HelpFormatter

_CLOSING = frozenset("，。、；：！？）」』】》〉”’…％")
_OPENING = frozenset("（「『【《〈“‘")
_CHUNK = re.compile(r"\s+|\S+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def cells(text: str) -> int:
    """The columns `text` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(2 if _wide(ch) else 1 for ch in text)


def _pieces(word: str) -> list[str]:
    """A word without spaces, cut where a line may break: beside a Chinese character,
    but not before closing punctuation nor after opening punctuation."""
    out = [word[0]]
    for before, ch in pairwise(word):
        if (_wide(before) or _wide(ch)) and ch not in _CLOSING and before not in _OPENING:
            out.append(ch)
        else:
            out[-1] += ch
    return out


def _cut(piece: str, room: int) -> str:
    """The longest start of `piece` that fits in `room` columns (one character at least)."""
    end, used = 0, 0
    for ch in piece:
        used += cells(ch)
        if used > room and end:
            break
        end += 1
    while 1 < end < len(piece) and piece[end] in _CLOSING:  # the rest starts no line with it
        end -= 1
    return piece[:end]


def fill(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` as lines of at most `width` columns, the first begun with `first`, the
    others with `rest`; spaces where a line breaks are dropped, as click drops them."""
    lines: list[str] = []
    line, space, fresh = first, "", True
    for chunk in _CHUNK.findall(text):
        if chunk.isspace():
            space = "" if fresh else space + chunk
            continue
        for piece in _pieces(chunk):
            if not fresh and cells(line + space + piece) > width:
                lines.append(line)
                line, space, fresh = rest, "", True
            while fresh and cells(line + piece) > width and len(piece) > 1:
                cut = _cut(piece, width - cells(line))
                lines.append(line + cut)
                line, piece = rest, piece[len(cut) :]
            line, space, fresh = line + space + piece, "", False
    if not fresh:
        lines.append(line)
    return lines


def wrap(text: str, width: int, indent: str = "") -> str:
    """click's wrap_text with its paragraphs kept, by columns: paragraphs apart by an empty
    line, each rewrapped at its first line's indent; one opened by a `\\b` line as it is."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.expandtabs()):
        given = [line for line in block.splitlines() if line]
        if not given:
            continue
        if given[0].strip() == "\b":
            out.append("\n".join(indent + line for line in given[1:]))
            continue
        lead = indent + " " * (len(given[0]) - len(given[0].lstrip()))
        out.append("\n".join(fill(" ".join(given).lstrip(), width, lead, lead)))
    return "\n\n".join(out)


class WideFormatter(HelpFormatter):
    """click's HelpFormatter, every width in columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = " " * max(self.current_indent - cells(prefix or ""), 0) + f"{prefix}{prog} "
        room = self.width - self.current_indent
        if room >= cells(start) + 20:
            self.write("\n".join(fill(args, room, start, " " * cells(start))) or start)
        else:
            self.write(start + "\n")
            indent = " " * (max(self.current_indent, cells(prefix or "")) + 4)
            self.write("\n".join(fill(args, room, indent, indent)))
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        colon = "：" if heading and _wide(heading[-1]) else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        self.write(wrap(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        first_col = min(max((cells(r[0]) for r in rows), default=0), col_max) + col_spacing
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + margin)
            lines = wrap(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write("".join([lines[0] + "\n", *(f"{margin}{line}\n" for line in lines[1:])]))
