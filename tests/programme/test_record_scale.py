"""What keeps the record small and its reading commands quick (#23's scale): a screening
run's decision records compressed against its own dictionary, still sealed; `status` and
`history` open a record at this version's schema without alembic, and import neither the
screening nor the reports."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from dealerscreen.programme import chain, migrate
from dealerscreen.programme.schema import decisions, runs
from dealerscreen.programme.storing import LEVEL
from tests.programme.helpers import SAMPLES, Cli, Made

SUZ = "XM24-SUZ-001"


def _screened(made: Made) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json").exit_code == 0


def test_a_runs_records_are_compressed_against_its_dictionary(made: Made) -> None:
    """Alone, each record zlib-compressed is about 1 KB, and most of it the rule ids and
    shapes every other record has too; against its run's dictionary each takes under a
    third of that (the dictionary is stored once: at 2,000 synthetic applicants the records
    and the dictionary come to about 0.26 of the records compressed alone)."""
    _screened(made)
    engine = made.engine()
    with engine.connect() as conn:
        query = select(decisions, runs.c.zdict).join(runs, runs.c.id == decisions.c.run_id)
        rows = conn.execute(query).all()
    engine.dispose()
    texts = [chain.record_text(r.record, r.record_z, r.zdict) for r in rows]
    assert [chain.sha256(t) for t in texts] == [r.digest for r in rows]
    alone = sum(len(zlib.compress(t.encode("utf-8"))) for t in texts)
    stored = sum(len(r.record_z) for r in rows)
    assert len({r.zdict for r in rows}) == 1
    assert stored < alone / 3, (stored, alone)


def test_each_record_is_packed_as_a_compressor_primed_anew_packs_it(made: Made) -> None:
    """`store` primes one compressor with the run's dictionary and copies it per record:
    the bytes stored are those of zlib at its level primed with the dictionary for that record
    alone, record after record (a compressor reused without copying would not be)."""
    _screened(made)
    engine = made.engine()
    with engine.connect() as conn:
        query = select(decisions, runs.c.zdict).join(runs, runs.c.id == decisions.c.run_id)
        rows = conn.execute(query.order_by(decisions.c.id)).all()
    engine.dispose()
    assert len(rows) > 1
    for r in rows:
        alone = zlib.compressobj(level=LEVEL, zdict=r.zdict)
        text_ = chain.record_text(r.record, r.record_z, r.zdict)
        assert r.record_z == alone.compress(text_.encode("utf-8")) + alone.flush()


def test_a_runs_dictionary_holds_records_from_across_its_ranking(made: Made) -> None:
    """The run's first records are its top-ranked, eligible ones; most of a large batch
    is not eligible, and its records say other things: the dictionary takes whole records
    spread over the ranking, from the first to the last, so that the not eligible have
    theirs in it too."""
    _screened(made)
    engine = made.engine()
    with engine.connect() as conn:
        query = select(decisions.c.outcome, decisions.c.record, decisions.c.record_z, runs.c.zdict)
        joined = query.join(runs, runs.c.id == decisions.c.run_id)
        rows = conn.execute(joined.order_by(decisions.c.id)).all()
    engine.dispose()
    zdict = rows[0].zdict
    texts = [chain.record_text(r.record, r.record_z, zdict) for r in rows]
    assert {r.outcome for r in rows} >= {"shortlisted", "not-eligible"}
    assert len(zdict) <= 32 * 1024
    held = [t for t in texts if t.encode("utf-8") in zdict]
    assert len(held) >= 2, len(held)
    assert texts[-1] in held
    assert any('"eligible":false' in t for t in held), "no record of the not eligible"


def test_an_edited_dictionary_is_found_by_check(made: Made) -> None:
    _screened(made)
    engine = made.engine()
    with engine.begin() as conn:  # every record of the run then unpacks wrongly or not at all
        conn.execute(text("UPDATE runs SET zdict = :z WHERE kind = 'screen'"), {"z": b"x" * 64})
    engine.dispose()
    broken = made.run("programme", "check")
    assert broken.exit_code == 1, broken
    assert "the decisions it recorded were changed" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_the_head_revision_is_known_without_alembic() -> None:
    assert migrate.revisions()[0] == migrate.HEAD


HELD_OUT = (
    "alembic",
    "dealerscreen.batch",
    "dealerscreen.decide",
    "dealerscreen.criteria.compile",
    "dealerscreen.reporters.table",
    "dealerscreen.reporters.json_report",
    "openpyxl",
)

READING = """
import sys
from typer.testing import CliRunner
from dealerscreen.cli.app import app
r = CliRunner().invoke(app, sys.argv[1:])
assert r.exit_code == 0, r.output
print("\\n".join(sorted(m for m in sys.modules if m.startswith({held!r}))))
"""


def test_status_and_history_import_neither_the_screening_nor_alembic(made: Made) -> None:
    """What `status` and `history` spent before they read: alembic to learn the record is
    current, the screening engine through the decisions module, every report format
    through the reporters' package (about half a second of a one-second budget)."""
    _screened(made)
    code = READING.format(held=HELD_OUT)
    for argv in (["status"], ["status", "-f", "json"], ["history", SUZ]):
        out = subprocess.run(
            [sys.executable, "-c", code, *argv, *made.where],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.split() == [], (argv, out)


def test_screen_p_puts_each_decision_into_words_once_more_than_screen(
    made: Made, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Putting a decision into words (`explain`, as `Spill.load` reads a result) is the
    costly part of reading a result. `screen -p` does it no more often than the same
    screen of files does (its store and its report share each one: test_store_cost.py);
    its team section used to read every one again only for the ids."""
    from dealerscreen.batch import results

    calls = {"n": 0}
    explain = results.explain

    def counted(*args: Any) -> Any:
        calls["n"] += 1
        return explain(*args)

    monkeypatch.setattr(results, "explain", counted)
    assert made.run("intake", SAMPLES).exit_code == 0
    assert cli("screen", SAMPLES, "--no-cache", "-j", "1").exit_code in (0, 1)
    files, calls["n"] = calls["n"], 0
    screened = made.run("screen", "--no-cache", "-j", "1")
    assert screened.exit_code in (0, 1), screened
    n = made.count(decisions)
    assert n > 10
    assert calls["n"] == files


def test_the_migrations_are_frozen() -> None:
    """A migration imports nothing of dealerscreen: what it does to a record must not
    change when the live code does (v0003 once read records through decisions.py)."""
    import ast

    import dealerscreen.programme.migrations.versions as versions

    for path in sorted(Path(versions.__file__).parent.glob("v*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not [n for n in names if n.startswith("dealerscreen")], (path.name, names)
