"""Read a file's bytes and decode them as UTF-8, refusing what is not text.

Applicant files come typed by hand and exported from spreadsheets: a byte-order mark is
accepted, a binary file or another encoding (GBK is common for Chinese) is a located
error that names the expected encoding rather than garbled text.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass

from dealerscreen.problems import Problem
from dealerscreen.yamlsource import SourceError

DEFAULT_MAX_BYTES = 1_000_000  # an applicant file is a few KB; anything this big is a mistake


_UNITS = {"": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000}


def parse_size(text: str) -> int:
    """A size as a user writes it on the command line: 500000, 500k, 2M (decimal units)."""
    raw = text.strip().lower()
    digits = raw.rstrip("kmb")
    unit = raw[len(digits) :]
    if not digits.isdigit() or unit not in _UNITS or int(digits) == 0:
        raise ValueError(f"'{text}' is not a size (examples: 500000, 500k, 2M)")
    return int(digits) * _UNITS[unit]


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    sha256: str


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    def fail(
        message: str, check: str, line: int | None = None, col: int | None = None
    ) -> SourceError:
        return SourceError(Problem(path, line, col, "error", message, None, check))

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the batch, a device never end
            raise fail("not a regular file", "not-a-file")
        size = info.st_size
        if size > max_bytes:
            raise fail(f"file is {size:,} bytes, over the limit of {max_bytes:,}", "too-large")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except SourceError:
        raise
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}", "unreadable") from None
    if len(raw) > max_bytes:
        raise fail(f"file is over the limit of {max_bytes:,} bytes", "too-large")
    if b"\x00" in raw:
        raise fail("binary file, not YAML or JSON text", "binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it looks like GBK/GB18030: save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        raise fail(
            f"not valid UTF-8 text{hint}; files must be UTF-8", "encoding", line, col
        ) from None
    return SourceText(path, text, hashlib.sha256(raw).hexdigest())
