"""The record's schema: built by the migrations from the first one on, an older record
migrated when opened, a newer one refused with a clear message (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select, text

from dealerscreen.programme import chain, migrate, schema
from dealerscreen.programme.db import connect
from dealerscreen.programme.schema import decisions, runs
from tests.programme.helpers import BACKENDS, SAMPLES, Cli, Made, fresh_database


def _init(cli: Cli, folder: Path) -> None:
    from dealerscreen.programme.config import write_new

    write_new(folder, "t", "xiaomi-2s-2024")


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_migrations_build_the_schema_the_code_reads(
    cli: Cli, tmp_path: Path, backend: str
) -> None:
    engine = connect(fresh_database(backend, tmp_path) or f"sqlite:///{tmp_path / 'r.sqlite'}")
    migrate.upgrade(engine)
    found = inspect(engine)
    for table in schema.metadata.sorted_tables:
        columns = {c["name"]: c for c in found.get_columns(table.name)}
        assert set(columns) == set(table.columns.keys())
        for column in table.columns:  # a length PostgreSQL holds the values to
            built = getattr(columns[column.name]["type"], "length", None)
            assert built == getattr(column.type, "length", None), (table.name, column.name)
        # PostgreSQL lists a unique constraint's own index among the indexes
        indexes = {
            i["name"] for i in found.get_indexes(table.name) if "duplicates_constraint" not in i
        }
        assert indexes == {i.name for i in table.indexes}
    engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_record_of_the_first_schema_is_migrated(cli: Cli, tmp_path: Path, backend: str) -> None:
    folder = tmp_path / "prog"
    _init(cli, folder)
    url = fresh_database(backend, tmp_path) or f"sqlite:///{folder / 'record.sqlite'}"
    engine = connect(url)
    migrate.upgrade(engine, "v0001")
    assert migrate.current(engine) == "v0001"
    engine.dispose()
    result = cli("intake", SAMPLES, "-p", str(folder), "--db", url)
    assert result.exit_code == 0, result
    engine = connect(url)
    assert migrate.current(engine) == migrate.revisions()[0]
    engine.dispose()


def test_a_record_of_a_newer_version_is_refused(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "prog"
    _init(cli, folder)
    engine = connect(f"sqlite:///{folder / 'record.sqlite'}")
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'v9999'"))
    engine.dispose()
    result = cli("status", "-p", str(folder))
    assert result.exit_code == 3, result
    assert "made by a newer version of dealerscreen" in result.stderr
    assert "Traceback" not in result.stderr


def _downgrade(engine: Engine, to: str) -> None:
    """The record as an older version left it (the migrations' own way back)."""
    cfg = Config()
    cfg.set_main_option("script_location", "dealerscreen.programme:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, to)


def test_decisions_stored_before_their_columns_read_as_after(made: Made) -> None:
    """A record screened before the decisions had their status columns (v0002) is given
    them, filled from each stored record: status says the same as before."""
    made.replay(("intake", SAMPLES), ("screen", "-f", "json"))
    before = made.run("status", "-f", "json", "--as-of", "2030-03-01")
    assert before.exit_code == 0, before
    exported = made.run("programme", "export", "-f", "json")
    assert exported.exit_code == 0, exported
    found = json.loads(before.stdout)["applicants"]
    assert {a["city_zh"] for a in found} - {None}, "the samples name cities in Chinese"
    assert any({"flag": "provisional"} in a["flags"] for a in found), "and provisional ones"
    engine = made.engine()
    _downgrade(engine, "v0002")
    with engine.connect() as conn:  # as v0002 stored them: the record as text
        assert (
            conn.execute(text("SELECT COUNT(*) FROM decisions WHERE record IS NULL")).scalar() == 0
        )
    assert "city" not in {c["name"] for c in inspect(engine).get_columns("decisions")}
    engine.dispose()
    after = made.run("status", "-f", "json", "--as-of", "2030-03-01")
    assert after.exit_code == 0, after
    assert after.stdout == before.stdout
    assert made.run("programme", "check").exit_code == 0  # the seals hold in either form
    engine = made.engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM decisions WHERE city IS NULL")).scalar() == 0
    engine.dispose()
    again = made.run("programme", "export", "-f", "json").stdout
    assert _placeless(again) == _placeless(exported.stdout)


def _placeless(exported: str) -> object:
    """An export without the submissions' places: taken back below v0006, a record loses
    them (they say where a fact was written; `screen -p` then names the source alone)."""
    found = json.loads(exported)
    for row in found["submissions"]:
        row.pop("places", None)
    return found


def test_a_decision_record_is_stored_compressed_as_its_digest_says(made: Made) -> None:
    made.replay(("intake", SAMPLES), ("screen", "-f", "json"))
    engine = made.engine()
    with engine.connect() as conn:
        query = select(decisions, runs.c.zdict).join(runs, runs.c.id == decisions.c.run_id)
        rows = conn.execute(query).all()
    engine.dispose()
    assert rows
    for r in rows:
        assert r.record is None
        unpacked = chain.record_text(None, r.record_z, r.zdict)  # against its run's dictionary
        assert chain.sha256(unpacked) == r.digest
        assert json.loads(unpacked)["applicant_id"] == r.applicant_id
        assert len(r.record_z) < len(unpacked.encode("utf-8")) / 3
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    assert {d["digest"] for d in exported["decisions"]} == {r.digest for r in rows}
    assert all(chain.sha256(d["record"]) == d["digest"] for d in exported["decisions"])
    assert made.run("programme", "check").exit_code == 0


def test_the_third_migration_does_what_it_did_when_written(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration is frozen: the live code that fills new decisions' columns may change
    later (here: made to say nothing), and migrating an old record still does what v0003
    did on its day."""
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json").exit_code == 0
    before = made.run("status", "-f", "json", "--as-of", "2030-03-01")
    assert before.exit_code == 0, before
    engine = made.engine()
    _downgrade(engine, "v0002")
    engine.dispose()
    changed = {"city": None, "city_zh": None, "provisional": False, "wanted": "[]"}
    monkeypatch.setattr("dealerscreen.programme.decisions.columns_of", lambda _text: dict(changed))
    after = made.run("status", "-f", "json", "--as-of", "2030-03-01")
    assert after.exit_code == 0, after
    assert after.stdout == before.stdout
