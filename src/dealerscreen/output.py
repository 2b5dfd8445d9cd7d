"""Where reports go: stdout, or a file written atomically (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def _atomic(path: str) -> Iterator[int]:
    """A temporary file beside `path` (its descriptor), renamed over `path` once the caller
    has written, synced and closed it; removed instead, whatever interrupts the write."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        # mkstemp makes 0600 files; a report should get the mode any new file gets (or
        # keep the mode of the report it replaces), so colleagues can read it.
        os.chmod(tmp, _mode_for(target))
        yield fd
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """The old file or the new one, never half of either, whatever interrupts the write."""
    with _atomic(path) as fd, os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        if isinstance(text, str):
            fh.write(text)
        else:  # a report written as it is made: the whole of it is never in memory
            for part in text:
                fh.write(part)
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic_binary(path: str, write: Callable[[BinaryIO], None]) -> None:
    """A binary report (a workbook), written by `write` into a seekable file, atomically."""
    with _atomic(path) as fd, os.fdopen(fd, "wb") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def is_input(output: str, inputs: list[str]) -> bool:
    """True when the output path is one of the inputs (or inside an input folder's files)."""
    out = os.path.realpath(output)
    for item in inputs:
        real = os.path.realpath(item)
        if out == real or (
            os.path.isdir(real)
            and out.startswith(real + os.sep)
            and out.endswith((".yaml", ".yml", ".json"))
        ):
            return True
    return False
