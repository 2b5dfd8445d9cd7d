"""The parse cache: an applicant file's validated model (or its problems) by content hash.

Re-screening unchanged files after a criteria edit (the CI case) is dominated by YAML
parsing; with the cache a hit costs reading the bytes, hashing them and one pydantic
validation from JSON. Entries are keyed by the SHA-256 of the bytes plus what else decides
the parse: the parser (YAML or JSON), the applicant schema version, the tool version and
this cache's format, so an upgrade never reads an entry it did not write.

One SQLite file per cache folder, not one small file per applicant: 100,000 small files
cost more to open than the YAML they stand for, while SQLite reads a key in microseconds,
lets worker processes read while one writer writes (WAL mode), and keeps concurrent runs
safe by its own locking. A cache is never needed: any error (a locked, unreadable or
corrupt database, an entry that no longer validates) means parsing the file as if there
were no cache.

Each entry is sealed with an HMAC-SHA256 of its key and value, checked on every read: an
entry edited, forged or damaged in the database (a changed fact would change a decision
while the report still lists the file's own sha256) is not used; the file is parsed again,
its entry rewritten, and the run says how many it found. The HMAC's key is a secret kept
outside the cache folder (`cachekey`): whoever can write the cache cannot reseal an entry
(a plain digest of key and value, which anyone can recompute, was resealed by an attack).
An entry's key names the secret's fingerprint, so an entry sealed with another secret (a
cache folder kept across CI runs whose state folder was not) is a miss, not a forgery.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sqlite3
from pathlib import Path

from dealerscreen import __version__
from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import cachekey
from dealerscreen.models.applicant import SCHEMA_VERSION
from dealerscreen.models.problems import Message

# 2: warnings' positions kept with the model; 3: numbers are strict (no infinity, no yes/no,
# at most 10^15), so a model cached under the looser rules is not read again; and entries
# are sealed (a digest of key and value, checked on read); 4: values are bytes, and an
# applicant's entry may begin with its decision's gate verdicts (the decision memo); 5: the
# seal is an HMAC with a secret kept outside the cache (cachekey), named in each entry's
# key; 6: YAML 1.1's other number forms (010, 0x10, 1:30, 1.0e-400) are refused, so a
# model cached with 010 read as 8 is not read again; 7: the decision memo is gone (it
# measured no gain on a full report: docs/performance-history.md), so no entry begins with one and
# an entry written with one is not read again
CACHE_FORMAT = 7
FILE_NAME = "parse-cache.sqlite"
NAMESPACE = f"{CACHE_FORMAT}/{__version__}/{SCHEMA_VERSION}"


def default_dir() -> str:
    """DEALERSCREEN_CACHE_DIR, else $XDG_CACHE_HOME/dealerscreen, else ~/.cache/dealerscreen."""
    explicit = os.environ.get("DEALERSCREEN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "dealerscreen")


MMAP_BYTES = 1 << 30  # pages read through a memory map: see ParseCache._open
LOCK_WAIT = 10.0  # seconds to wait for another run's lock before going without the cache
DAMAGED = b""  # what `get_many` gives for an entry whose seal does not match


def _digest(secret: bytes, k: str, v: bytes) -> bytes:
    digest = hmac.new(secret, k.encode("utf-8", "surrogatepass"), hashlib.sha256)
    digest.update(b"\n")
    digest.update(v)
    return digest.hexdigest().encode("ascii")


def seal(secret: bytes, k: str, v: bytes) -> bytes:
    """The value as stored: the HMAC of key and value under the secret, then the value."""
    return _digest(secret, k, v) + v


def unseal(secret: bytes, k: str, stored: bytes) -> bytes:
    """The value, or DAMAGED when the stored bytes are not what `seal` made for this key."""
    digest, v = stored[:64], stored[64:]
    return v if v and hmac.compare_digest(digest, _digest(secret, k, v)) else DAMAGED


class ParseCache:
    """A read-write handle (the parent process) or read-only one (workers)."""

    def __init__(self, folder: str, readonly: bool = False) -> None:
        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes]] = []
        self.note: Message | None = None  # what the run should say about its cache, if anything
        self._namespace = NAMESPACE
        try:
            self._secret = cachekey.load()
        except cachekey.Unusable as exc:
            self._secret, self.note = b"", exc.message
            return  # no entry could be told from a forgery: no cache
        # An entry sealed with another secret is another namespace's: a miss, not a forgery.
        fingerprint = hmac.new(self._secret, b"fingerprint", hashlib.sha256).hexdigest()[:16]
        self._namespace = f"{NAMESPACE}/{fingerprint}"
        try:
            self._db = self._open()
        except sqlite3.Error as exc:
            self._given_up(exc, "cache-locked.without")
        except OSError:
            pass

    def _given_up(self, exc: sqlite3.Error, what: str) -> None:
        """`what` (the key of what the run does now) said when the cache is locked."""
        if _locked(exc) and self.note is None:
            wait = f"{LOCK_WAIT:g}"
            self.note = say("cache-locked", path=self.path, wait=wait, what=say(what))

    def _open(self) -> sqlite3.Connection:
        if self.readonly:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT, check_same_thread=False)
            # Pages read through a memory map, not one read() each: a warm run looks up
            # every file's entry, and this cut a lookup from about 10 us to 7 (SQLite
            # caps the map at its own limit, 2 GB by default; past it, pages are read).
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            return db
        os.makedirs(self.folder, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=LOCK_WAIT, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # a serial run looks up here too
            # v: bytes (a BLOB), read and hashed as they are, never decoded as text
            db.execute("CREATE TABLE IF NOT EXISTS entries (k TEXT PRIMARY KEY, v NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError as exc:
            db.close()
            if _locked(exc):  # locked is not corrupt: another run is using it
                raise
            # Not a database (a torn copy, another program's file): a cache can start over.
            for suffix in ("", "-wal", "-shm"):
                Path(self.path + suffix).unlink(missing_ok=True)
            return self._open()
        return db

    @property
    def usable(self) -> bool:
        return self._db is not None

    def key(self, kind: str, sha256: str) -> str:
        """kind says which parser reads the bytes: the same bytes can be valid YAML, not JSON."""
        return f"{self._namespace}/{kind}/{sha256}"

    def get_many(self, ks: list[str]) -> dict[str, bytes]:
        """The entries found among `ks`, in one query (at most SQLite's 999 parameters);
        DAMAGED for an entry whose seal does not match."""
        if self._db is None or not ks:
            return {}
        found: dict[str, bytes] = {}
        try:
            for i in range(0, len(ks), 900):
                part = ks[i : i + 900]
                marks = ",".join("?" * len(part))
                query = f"SELECT k, v FROM entries WHERE k IN ({marks})"
                for k, v in self._db.execute(query, part):
                    found[k] = unseal(self._secret, k, v) if isinstance(v, bytes) else DAMAGED
        except sqlite3.Error as exc:
            self._db = None  # locked, corrupt or vanished: the rest of this run parses
            self._given_up(exc, "cache-locked.rest")
            return {}
        return found

    def put(self, k: str, v: bytes) -> None:
        self._pending.append((k, seal(self._secret, k, v)))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if self._db is None or self.readonly or not pending:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries (k, v) VALUES (?, ?)", pending)
        except sqlite3.Error as exc:  # locked for too long, or disk full: entries are optional
            self._given_up(exc, "cache-locked.unsaved")

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def _locked(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock (not a damaged file)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)
    return "locked" in str(exc) or "busy" in str(exc)
