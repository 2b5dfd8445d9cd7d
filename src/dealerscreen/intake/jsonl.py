"""JSON Lines: one applicant per line (`.jsonl`, or `-` for standard input).

Blank lines are skipped; each other line is one JSON object, validated on its own, so a bad
line is reported at its line number and the rest go on.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

from dealerscreen.intake import Record
from dealerscreen.problems import Problem


def read_jsonl(path: str) -> Iterator[Record | Problem]:
    """Records one by one: a 100,000-line file is never held whole."""
    try:
        if path == "-":
            stream: io.TextIOBase = io.TextIOWrapper(
                sys.stdin.buffer, encoding="utf-8-sig", errors="strict"
            )
        else:
            stream = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Problem(
            path, None, None, "error", f"cannot read the file: {exc.strerror}", None, "unreadable"
        )
        return
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield Record(path, number, text=line)
    except UnicodeDecodeError:
        yield Problem(
            path,
            number + 1,
            None,
            "error",
            "not valid UTF-8 text; files must be UTF-8",
            None,
            "encoding",
        )
    except OSError as exc:
        yield Problem(
            path,
            number + 1,
            None,
            "error",
            f"cannot read the file: {exc.strerror}",
            None,
            "unreadable",
        )
    finally:
        if path != "-":
            stream.close()
