"""A programme made in a temporary folder, and the record read back, for the tests of
`dealerscreen.programme`. PROGRAMME_DB (a PostgreSQL URL, set by .ci/run when it has a
server) runs them on PostgreSQL too: each test gets a database of its own there.

A programme as `init` leaves it, or as a fixture's commands leave it (`Made.replay`), is
made for real once per test process, backend and environment, and copied for each later
test that asks for the same: the folder, and on PostgreSQL a database made from the first
one as its template. Every test still starts from its own programme and record."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Table, create_engine, select, text
from sqlalchemy.exc import OperationalError

from dealerscreen.programme.db import connect, driver_url
from dealerscreen.programme.schema import acts, submissions
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
SAMPLES = "samples/applicants"
PG = os.environ.get("PROGRAMME_DB")
BACKENDS = ["sqlite", *(["postgresql"] if PG else [])]


_ADMIN: list[Engine] = []  # one connection to the server's own database, per process


def _create_database(template: str | None = None) -> str:
    """The name of a new PostgreSQL database: empty, or a copy of `template`."""
    assert PG is not None
    if not _ADMIN:
        _ADMIN.append(create_engine(driver_url(PG), isolation_level="AUTOCOMMIT"))
    name = f"t_{uuid.uuid4().hex[:16]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with _ADMIN[0].connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    return name


def _url(name: str) -> str:
    assert PG is not None
    return PG.rsplit("/", 1)[0] + "/" + name


def fresh_database(backend: str, folder: Path) -> str | None:
    """None (SQLite in the folder) or the URL of a new, empty PostgreSQL database."""
    if backend == "sqlite":
        return None
    return _url(_create_database())


# (backend, steps, environment) -> the copy's folder and, on PostgreSQL, its database
_SNAPSHOTS: dict[str, tuple[Path, str | None]] = {}
# Set per test, not read by a programme's commands (nor stored in its record).
_PER_TEST = {"DEALERSCREEN_CACHE_DIR", "DEALERSCREEN_STATE_DIR", "PYTEST_CURRENT_TEST"}


def _snapshot_key(backend: str, steps: tuple[tuple[str, ...], ...]) -> str:
    env = sorted((k, v) for k, v in os.environ.items() if k not in _PER_TEST)
    return hashlib.sha256(repr((backend, steps, env, os.getcwd())).encode()).hexdigest()[:16]


class Made:
    """A programme in tmp_path: its folder, the --db to give, and the CLI bound to both."""

    def __init__(
        self, cli: Cli, folder: Path, db: str | None, backend: str = "sqlite", store: Path = Path()
    ) -> None:
        self.folder = folder
        self.db = db
        self._cli = cli
        self.backend = backend
        self._store = store  # where this process keeps its copies
        self._steps: tuple[tuple[str, ...], ...] = ()  # what replay has run on it

    @property
    def where(self) -> list[str]:
        return ["-p", str(self.folder), *(["--db", self.db] if self.db else [])]

    def run(self, *args: str) -> CliResult:
        self._steps += (("run",),)  # a programme run on by hand is no longer a known state
        return self._cli(*args, *self.where)

    def replay(self, *steps: tuple[str, ...]) -> None:
        """Run each command (with the programme's -p/--db), each one succeeding, on this
        programme as `init` left it: for real the first time, then from a copy."""
        assert self._steps == (("init",),), "replay starts from a programme as init left it"
        self._prepared(steps, lambda: self._run_all(steps))

    def _run_all(self, steps: tuple[tuple[str, ...], ...]) -> None:
        for step in steps:
            result = self._cli(*step, *self.where)
            assert result.exit_code == 0, result

    def _prepared(self, steps: tuple[tuple[str, ...], ...], make: Callable[[], None]) -> None:
        key = _snapshot_key(self.backend, steps)
        found = _SNAPSHOTS.get(key)
        if found is None:
            make()
            found = self._save(key)
            _SNAPSHOTS[key] = found
        else:
            folder, template = found
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.copytree(folder, self.folder)
            if template is not None:
                self.db = _url(_create_database(template))
        self._steps = (("init",), *steps)

    def _save(self, key: str) -> tuple[Path, str | None]:
        folder = self._store / key
        shutil.copytree(self.folder, folder)
        if self.db is None:
            return folder, None
        name = self.db.rsplit("/", 1)[1]
        for _ in range(50):  # a connection of the command just run may still be closing
            try:
                return folder, _create_database(name)
            except OperationalError as exc:
                if "being accessed by other users" not in str(exc):
                    raise
                time.sleep(0.1)
        raise AssertionError(f"{name} stayed in use: no copy of it could be made")

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
def made(
    request: pytest.FixtureRequest,
    cli: Cli,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Made]:
    store = tmp_path_factory.getbasetemp() / "programme-copies"
    store.mkdir(exist_ok=True)
    made = Made(cli, tmp_path / "prog", None, request.param, store)

    def init() -> None:
        made.db = fresh_database(request.param, tmp_path)
        result = cli(
            "programme",
            "init",
            str(made.folder),
            "--criteria",
            "xiaomi-2s-2024",
            *(["--db", made.db] if made.db else []),
        )
        assert result.exit_code == 0, result

    made._prepared((), init)
    yield made
