"""The record's schema: built by the migrations from the first one on, an older record
migrated when opened, a newer one refused with a clear message (exit 3)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from dealerscreen.programme import migrate, schema
from dealerscreen.programme.db import connect
from tests.programme.helpers import SAMPLES, Cli


def _init(cli: Cli, folder: Path) -> None:
    from dealerscreen.programme.config import write_new

    write_new(folder, "t", "xiaomi-2s-2024")


def test_the_migrations_build_the_schema_the_code_reads(cli: Cli, tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'r.sqlite'}")
    migrate.upgrade(engine)
    found = inspect(engine)
    for table in schema.metadata.sorted_tables:
        assert {c["name"] for c in found.get_columns(table.name)} == set(table.columns.keys())
        indexes = {i["name"] for i in found.get_indexes(table.name)}
        assert indexes == {i.name for i in table.indexes}
    engine.dispose()


def test_a_record_of_the_first_schema_is_migrated(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "prog"
    _init(cli, folder)
    engine = connect(f"sqlite:///{folder / 'record.sqlite'}")
    migrate.upgrade(engine, "v0001")
    assert migrate.current(engine) == "v0001"
    engine.dispose()
    result = cli("intake", SAMPLES, "-p", str(folder))
    assert result.exit_code == 0, result
    engine = connect(f"sqlite:///{folder / 'record.sqlite'}")
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
