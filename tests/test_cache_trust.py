"""The parse cache is a shortcut only (issue #13 items 14 and 17): an edited entry is not
believed, and a locked cache is waited for, then done without, never deleted."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.cache import FILE_NAME
from dealerscreen.problems import ExitCode
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


def test_a_locked_cache_is_waited_for_then_done_without_and_kept(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dealerscreen.cache as cache_mod

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
