"""A programme made in a temporary folder, and the record read back, for the tests of
`dealerscreen.programme`. PROGRAMME_DB (a PostgreSQL URL, set by .ci/run when it has a
server) runs them on PostgreSQL too: each test gets a database of its own there."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Table, create_engine, select, text

from dealerscreen.programme.db import connect, driver_url
from dealerscreen.programme.schema import acts, submissions
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
SAMPLES = "samples/applicants"
PG = os.environ.get("PROGRAMME_DB")
BACKENDS = ["sqlite", *(["postgresql"] if PG else [])]


def fresh_database(backend: str, folder: Path) -> str | None:
    """None (SQLite in the folder) or the URL of a new, empty PostgreSQL database."""
    if backend == "sqlite":
        return None
    assert PG is not None
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(driver_url(PG), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG.rsplit("/", 1)[0] + "/" + name


class Made:
    """A programme in tmp_path: its folder, the --db to give, and the CLI bound to both."""

    def __init__(self, cli: Cli, folder: Path, db: str | None) -> None:
        self.folder = folder
        self.db = db
        self._cli = cli

    @property
    def where(self) -> list[str]:
        return ["-p", str(self.folder), *(["--db", self.db] if self.db else [])]

    def run(self, *args: str) -> CliResult:
        return self._cli(*args, *self.where)

    def engine(self) -> Engine:
        return connect(self.db or f"sqlite:///{self.folder / 'record.sqlite'}")

    def count(self, table: Table = submissions, where: Any = None) -> int:
        engine = self.engine()
        with engine.connect() as conn:
            query = select(table) if where is None else select(table).where(where)
            n = len(conn.execute(query).all())
        engine.dispose()
        return n

    def acts(self) -> list[str]:
        engine = self.engine()
        with engine.connect() as conn:
            kinds = [r.kind for r in conn.execute(select(acts).order_by(acts.c.seq))]
        engine.dispose()
        return kinds


@pytest.fixture(params=BACKENDS)
def made(request: pytest.FixtureRequest, cli: Cli, tmp_path: Path) -> Iterator[Made]:
    folder = tmp_path / "prog"
    db = fresh_database(request.param, tmp_path)
    result = cli(
        "programme",
        "init",
        str(folder),
        "--criteria",
        "xiaomi-2s-2024",
        *(["--db", db] if db else []),
    )
    assert result.exit_code == 0, result
    yield Made(cli, folder, db)
