"""JSON Lines: one applicant per line (`.jsonl`, or `-` for standard input).

Blank lines are skipped; each other line is one JSON object, validated on its own, so a bad
line is reported at its line number and the rest go on. Lines are read as bytes and decoded
one by one: a line that is not UTF-8 is an invalid applicant at that line, and the lines
after it are read as usual. The file must be a regular file within --max-batch-size, and
each line within --max-file-size.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO

from dealerscreen.i18n.problemtext import os_reason, say
from dealerscreen.intake import OverLimit, Record, byte_lines, line_problem
from dealerscreen.models.problems import Problem
from dealerscreen.yamlsource import SourceError
from dealerscreen.yamlsource.sourcefile import (
    DEFAULT_MAX_BATCH_BYTES,
    DEFAULT_MAX_BYTES,
    open_regular,
)


def read_jsonl(
    path: str, max_line: int = DEFAULT_MAX_BYTES, max_total: int = DEFAULT_MAX_BATCH_BYTES
) -> Iterator[Record | Problem]:
    """Records one by one: a 100,000-line file is never held whole."""
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open_regular(path, max_total)
    except SourceError as exc:
        yield exc.problem
        return
    number = 0
    try:
        for line in byte_lines(stream, max_line, max_total):
            number = line.number
            bad = line_problem(path, line, max_line)
            if bad is not None:
                yield Record(path, line.number, problems=(bad,))
            elif line.raw.strip():
                yield Record(path, line.number, text=line.raw.decode("utf-8"))
    except OverLimit:
        message = say("batch-too-large", limit=f"{max_total:,}")
        yield Problem(path, number + 1, None, "error", message, None, "too-large")
    except OSError as exc:
        message = say("unreadable", reason=os_reason(exc))
        yield Problem(path, number + 1, None, "error", message, None, "unreadable")
    finally:
        if path != "-":
            stream.close()
