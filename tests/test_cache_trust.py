"""The parse cache is a shortcut only (issue #13 items 14 and 17): an edited entry is not
believed, and a locked cache is waited for, then done without, never deleted."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.intake import cachekey
from dealerscreen.intake.cache import FILE_NAME
from dealerscreen.models.problems import ExitCode
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]


def entries(db_file: Path) -> int:
    db = sqlite3.connect(db_file)
    try:
        return int(db.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        db.close()


def batch(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "samples" / "applicants", folder)
    return str(folder)


def test_an_edited_cache_entry_is_not_believed(cli: Cli, tmp_path: Path) -> None:
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert cold.exit_code == ExitCode.OK, cold
    db = sqlite3.connect(cache / FILE_NAME)
    with db:  # a fact changed in the stored model, as a hand or a bad disk would change it
        changed = db.execute(
            "UPDATE entries SET v = CAST(replace(replace(CAST(v AS TEXT),"
            " '\"top100_rank\":47', '\"top100_rank\":1'), 'Suzhou Taihu Jiarui', 'Forged Motors')"
            " AS BLOB) WHERE CAST(v AS TEXT) LIKE '%Suzhou Taihu Jiarui%'"
        ).rowcount
    db.close()
    assert changed == 1
    warm = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert warm.exit_code == ExitCode.OK, warm
    assert warm.stdout == cold.stdout
    assert "Forged Motors" not in warm.stdout
    assert "dealerscreen: 1 parse-cache entry did not match" in warm.stderr, warm
    # Parsed again and stored afresh: the next run believes its cache and says nothing.
    again = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert again.stdout == cold.stdout and "parse-cache" not in again.stderr


def _plain_seal(k: str, v: bytes) -> bytes:
    """What an attacker who can write the cache computes: the seal before format 5, a
    digest of key and value that needs no secret."""
    return hashlib.sha256(k.encode() + b"\n" + v).hexdigest().encode("ascii") + v


def test_a_resealed_cache_entry_is_not_believed(cli: Cli, tmp_path: Path) -> None:
    """Issue 21 item 3: an entry rewritten and sealed again as the attacker can (a plain
    sha256 of key and value) changed a tier; the seal is now keyed with a secret the
    cache folder does not hold."""
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    plain = cli("screen", inputs, "-f", "json", "--no-cache")
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert cold.exit_code == ExitCode.OK and cold.stdout == plain.stdout, cold
    db = sqlite3.connect(cache / FILE_NAME)
    with db:
        ((k, stored),) = db.execute(
            "SELECT k, v FROM entries WHERE CAST(v AS TEXT) LIKE '%Suzhou Taihu Jiarui%'"
        ).fetchall()
        value = bytes(stored)[64:]
        forged = value.replace(b'"top100_rank":47', b'"top100_rank":1')
        forged = forged.replace(b"Suzhou Taihu Jiarui", b"Forged Motors")
        assert forged != value
        db.execute("UPDATE entries SET v = ? WHERE k = ?", (_plain_seal(k, forged), k))
    db.close()
    warm = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert warm.exit_code == ExitCode.OK, warm
    assert warm.stdout == plain.stdout
    assert "Forged Motors" not in warm.stdout
    said = [ln for ln in warm.stderr.splitlines() if "parse-cache" in ln]
    assert said == [
        "dealerscreen: 1 parse-cache entry did not match the seal stored with it "
        "(edited, forged or damaged): those files were parsed again"
    ], warm
    again = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert again.stdout == plain.stdout and "parse-cache" not in again.stderr


def test_the_secret_is_kept_outside_the_cache_and_owner_only(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state" / "dealerscreen"
    monkeypatch.setenv("DEALERSCREEN_STATE_DIR", str(state))
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert cold.exit_code == ExitCode.OK, cold
    secret = state / cachekey.FILE_NAME
    assert len(secret.read_bytes()) == cachekey.SIZE
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert [p.name for p in cache.iterdir() if "key" in p.name] == []
    # Another secret (a cache folder kept, its state folder not): every entry is a miss,
    # parsed and stored again, and nothing is said to be forged.
    monkeypatch.setenv("DEALERSCREEN_STATE_DIR", str(tmp_path / "other"))
    other = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert other.stdout == cold.stdout and "parse-cache" not in other.stderr, other


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no owner-only mode bits")
def test_a_secret_others_may_read_is_not_used(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("DEALERSCREEN_STATE_DIR", str(state))
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    plain = cli("screen", inputs, "-f", "json", "--no-cache")
    cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    (state / cachekey.FILE_NAME).chmod(0o644)
    shared = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert shared.exit_code == ExitCode.OK and shared.stdout == plain.stdout, shared
    key_file = state / cachekey.FILE_NAME
    assert (
        f"dealerscreen: the parse cache's key {key_file} is not its owner's alone" in shared.stderr
    ), shared


def test_a_locked_cache_is_waited_for_then_done_without_and_kept(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dealerscreen.intake.cache as cache_mod

    inputs, cache = batch(tmp_path), tmp_path / "cache"
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    plain = cli("screen", inputs, "-f", "json", "--no-cache")
    assert cold.stdout == plain.stdout
    db_file = cache / FILE_NAME
    rows = entries(db_file)
    # Another process holds the database: an exclusive lock, kept while it works.
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT OR REPLACE INTO entries VALUES ('held', 'x')")
    monkeypatch.setattr(cache_mod, "LOCK_WAIT", 0.2, raising=False)  # really 10 s
    try:
        locked = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.exit_code == ExitCode.OK, locked
    assert locked.stdout == plain.stdout
    assert f"dealerscreen: the parse cache {db_file} is locked by another process" in (
        locked.stderr
    ), locked
    # Not treated as corrupt: the database and its entries are still there.
    assert entries(db_file) == rows
    warm = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert warm.stdout == plain.stdout and "parse cache" not in warm.stderr


def test_a_cache_entry_stored_as_text_is_not_believed(cli: Cli, tmp_path: Path) -> None:
    """Entries are bytes; the same bytes written back as text (by hand, or by a tool that
    decoded them) are not what this version wrote: parsed again, and said so."""
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    db = sqlite3.connect(cache / FILE_NAME)
    with db:
        changed = db.execute(
            "UPDATE entries SET v = CAST(v AS TEXT) WHERE CAST(v AS TEXT) LIKE '%XM24-SUZ-001%'"
        ).rowcount
    db.close()
    assert changed == 1
    warm = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert warm.stdout == cold.stdout
    assert "dealerscreen: 1 parse-cache entry did not match" in warm.stderr, warm
