"""Where reports go: stdout, a file written atomically, or through to what is already there.

`--output PATH` means the thing PATH names, as a shell's `> PATH` would:

- a regular file (or none yet) gets the new text atomically: a temporary file beside it,
  flushed to disk, then renamed over it. A symbolic link is followed first, so the link
  stays and the file it points to gets the report;
- a device, a FIFO or a socket is written through, never replaced (`-o /dev/null` must not
  turn the system's /dev/null into a regular file);
- `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are the process's own descriptors: written
  through that descriptor, so `-o /dev/stdout >> log` appends to the log like stdout does.

Every write is checked to its last byte. Python's buffered files accept a short write
from a full disk without a word, so reports are written with `os.write` in a loop: a
write that stops early is an `OSError`, never a report cut short with exit 0.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator

from dealerscreen.words.safetext import undecodable

# A report: text, or a binary one (a workbook) as bytes; whole, or in parts as it is made.
Report = str | bytes | Iterable[str | bytes]

_CHUNK = 1 << 16  # bytes gathered before one write: few system calls, little memory
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_MAX_LINKS = 40  # the kernel's own limit on a chain of symbolic links


def write_output(path: str, text: Report) -> None:
    """Write the report to PATH: atomically to a file, through to anything else."""
    target = resolve(path)
    if isinstance(target, int):
        write_descriptor(target, text)
        return
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    special = mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
    if special and _write_through(target, text):
        return
    write_atomic(target, text)


def resolve(path: str) -> str | int:
    """The file PATH stands for, its symbolic links followed; or the descriptor it names.

    Each link of the chain is looked at, so a link to /dev/stdout is the descriptor 1 too
    (following it to the end would give the file stdout happens to be, and renaming over
    that file would leave stdout writing to a file no longer in any folder).
    """
    here = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if here in _STANDARD:
            return _STANDARD[here]
        named = _FD_PATH.fullmatch(here)
        if named:
            return int(named[1])
        try:
            link = os.readlink(here)
        except OSError:  # not a link, or not there: the chain ends here
            break
        here = os.path.normpath(os.path.join(os.path.dirname(here), link))
    return os.path.realpath(path)


def write_atomic(path: str, text: Report) -> None:
    """The old file or the new one, never half of either, whatever interrupts the write."""
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes 0600 files; a report should get the mode any new file gets (or
        # keep the mode of the report it replaces), so colleagues can read it.
        os.chmod(tmp, _mode_for(path))
        try:
            write_all(fd, text)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_descriptor(fd: int, text: Report) -> None:
    """Write to an open descriptor; stdout and stderr through `sys`'s streams when replaced.

    A test harness (click's runner, pytest's capture) swaps `sys.stdout` for an object with
    no descriptor of its own: the report must go there, where the caller reads it.
    """
    stream = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if stream is not None:
        try:
            own = stream.fileno() == fd
        except (AttributeError, ValueError, io.UnsupportedOperation):
            own = False
        if not own:
            for part in _parts(text):
                if isinstance(part, bytes):  # a workbook: to the stream's bytes beneath
                    stream.flush()
                    stream.buffer.write(part)
                else:
                    stream.write(undecodable(part))
            stream.flush()
            return
        stream.flush()  # whatever the stream holds goes first, in order
    write_all(fd, text)


def write_stdout(text: Report) -> None:
    write_descriptor(1, text)


def write_all(fd: int, text: Report) -> None:
    """Every byte of the text written to FD, or an `OSError` that says why not."""
    pending = bytearray()
    for part in _parts(text):
        if isinstance(part, str):
            try:
                pending += part.encode("utf-8")
            except UnicodeEncodeError:  # a file name that is not UTF-8, in the report
                pending += undecodable(part).encode("utf-8")
        else:
            pending += part
        if len(pending) >= _CHUNK:
            _write_bytes(fd, pending)
            pending.clear()
    _write_bytes(fd, pending)


def _write_bytes(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # a device that takes nothing and says nothing: it is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _write_through(path: str, text: Report) -> bool:
    """Write into a device or FIFO as it is; False if PATH turned out to be a regular file."""
    # No O_CREAT and no O_TRUNC: what is there is written into, never made or emptied.
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a file since it was looked at
            return False
        write_all(fd, text)
        return True
    finally:
        os.close(fd)


def _parts(text: Report) -> Iterator[str | bytes]:
    if isinstance(text, str | bytes):
        yield text
    else:  # a report written as it is made: the whole of it is never in memory
        yield from text


def _mode_for(target: str) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
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
