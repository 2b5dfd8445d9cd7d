"""The parse cache's secret: the key of the HMAC that seals each entry (cache.py).

It is kept outside the cache folder, so that whoever can write the cache (a shared folder,
a CI cache restored from another job) cannot reseal an entry they edited: in
DEALERSCREEN_STATE_DIR, else $XDG_STATE_HOME/dealerscreen, else ~/.local/state/dealerscreen.
It is made on first use: 32 random bytes in a file only its owner may read (0600), in a
folder only its owner may enter (0700). A secret that others may read or replace is no
secret: the cache is then not used, and the run says why and how to mend it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile

from dealerscreen.i18n.problemtext import os_reason, say
from dealerscreen.models.problems import Message

FILE_NAME = "cache-key"
SIZE = 32


class Unusable(Exception):
    """The secret cannot be had or is not to be trusted; `message` says why, in full."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


def folder() -> str:
    explicit = os.environ.get("DEALERSCREEN_STATE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return os.path.join(base, "dealerscreen")


def load() -> bytes:
    """The secret, made first if there is none yet. Raises Unusable."""
    path = os.path.join(folder(), FILE_NAME)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    try:
        _make(path)
        return _read(path)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: str, exc: OSError) -> Unusable:
    return Unusable(say("cache-key.unreadable", path=path, reason=os_reason(exc)))


def _private(st: os.stat_result, others: int) -> bool:
    """Owned by whoever runs this, and none of the `others` mode bits set (not on Windows,
    whose files have no such bits)."""
    if not hasattr(os, "geteuid"):
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & others


def _read(path: str) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        # group or others may read it (then forge a seal) or write it (then choose it)
        if not stat.S_ISREG(st.st_mode) or not _private(st, 0o077):
            raise Unusable(say("cache-key.shared", path=path))
        data = os.read(fd, SIZE + 1)
    finally:
        os.close(fd)
    if len(data) != SIZE:
        raise Unusable(say("cache-key.size", path=path, size=SIZE))
    return data


def _make(path: str) -> None:
    """A new secret, written whole before it is named: two runs starting at once each
    write their own, the first to name it wins and both read the winner's."""
    where = os.path.dirname(path)
    os.makedirs(where, mode=0o700, exist_ok=True)
    # a folder others may write lets them swap the secret for one they know
    if not _private(os.stat(where), 0o022):
        raise Unusable(say("cache-key.folder", path=where))
    fd, temporary = tempfile.mkstemp(dir=where, prefix=".cache-key-")  # made 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(SIZE))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
