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
from typing import BinaryIO

from dealerscreen.i18n.problemtext import os_reason, say
from dealerscreen.models.problems import Message, Problem
from dealerscreen.yamlsource import SourceError

DEFAULT_MAX_BYTES = 1_000_000  # an applicant file is a few KB; anything this big is a mistake
# A JSON Lines, CSV or XLSX file holds many applicants: 100,000 lines of JSON are about
# 140 MB. For an XLSX the limit holds for what it unpacks to as well (a zip "bomb").
DEFAULT_MAX_BATCH_BYTES = 500_000_000


_UNITS = {
    "": 1,
    "k": 1_000,
    "kb": 1_000,
    "m": 1_000_000,
    "mb": 1_000_000,
    "g": 1_000_000_000,
    "gb": 1_000_000_000,
}


class SizeError(ValueError):
    """Not a size: `message` says so."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


def parse_size(text: str) -> int:
    """A size as a user writes it on the command line: 500000, 500k, 2M, 1G (decimal units)."""
    raw = text.strip().lower()
    digits = raw.rstrip("kmgb")
    unit = raw[len(digits) :]
    if not digits.isdigit() or unit not in _UNITS or int(digits) == 0:
        raise SizeError(say("cli.size", text=text))
    return int(digits) * _UNITS[unit]


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    sha256: str


READ_BLOCK = 1 << 16  # an applicant file is about 1 KB: one read, and one more for the end


def _fail(
    path: str, message: Message, check: str, line: int | None = None, col: int | None = None
) -> SourceError:
    return SourceError(Problem(path, line, col, "error", message, None, check))


def _open_checked(path: str, max_bytes: int, option: str = "") -> int:
    """A descriptor of PATH opened for reading, or a located SourceError: unreadable, not
    a regular file (a FIFO would block the batch, a device never end), over the limit.
    Opened without blocking, so that a FIFO is refused, not waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _fail(path, say("unreadable", reason=os_reason(exc)), "unreadable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, say("not-a-file"), "not-a-file")
        if info.st_size > max_bytes:
            raise _fail(
                path,
                say(
                    "too-large.option",
                    size=f"{info.st_size:,}",
                    limit=f"{max_bytes:,}",
                    option=option,
                )
                if option
                else say("too-large", size=f"{info.st_size:,}", limit=f"{max_bytes:,}"),
                "too-large",
            )
    except OSError as exc:
        os.close(fd)
        raise _fail(path, say("unreadable", reason=os_reason(exc)), "unreadable") from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, or a located SourceError: not a regular file, too large, unreadable.

    `os.read` on a descriptor, not a file object: its buffer costs as much as the reading,
    100,000 times over.
    """
    fd = _open_checked(path, max_bytes)
    try:
        parts: list[bytes] = []
        total = 0
        while block := os.read(fd, min(READ_BLOCK, max_bytes + 1 - total)):
            parts.append(block)
            total += len(block)
            if total > max_bytes:  # it grew since fstat
                raise _fail(path, say("too-large.read", limit=f"{max_bytes:,}"), "too-large")
    except OSError as exc:
        raise _fail(path, say("unreadable", reason=os_reason(exc)), "unreadable") from None
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def open_regular(path: str, max_bytes: int) -> BinaryIO:
    """A file opened for reading in a stream (a batch file), or a located SourceError: not
    a regular file, over the limit. The caller counts what it reads against the limit
    too: a file may grow."""
    fd = _open_checked(path, max_bytes, "--max-batch-size")
    try:
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    return decode_text(path, read_bytes(path, max_bytes))


def decode_text(path: str, raw: bytes) -> SourceText:
    """Bytes read by `read_bytes` as UTF-8 text, or a located SourceError (binary, encoding)."""
    if b"\x00" in raw:
        raise _fail(path, say("binary"), "binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(path, not_utf8(raw), "encoding", line, col) from None
    return SourceText(path, text, hashlib.sha256(raw).hexdigest())


def not_utf8(raw: bytes) -> Message:
    """What to say of bytes that are not UTF-8, naming GBK when they read as GBK/GB18030
    (common from Chinese Excel)."""
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return say("encoding")
    return say("encoding.gbk")
