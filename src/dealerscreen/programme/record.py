"""A programme opened: its folder, programme.yaml and its record's engine, migrated to
this version's schema; and the one place a new programme is made."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from dealerscreen.programme import config, migrate
from dealerscreen.programme.config import ProgrammeConfig
from dealerscreen.programme.db import connect, shown, sqlite_url
from dealerscreen.programme.errors import ActError, ProgrammeError, driver_said


@dataclass(frozen=True)
class Programme:
    folder: Path
    config: ProgrammeConfig
    engine: Engine
    url: str

    @property
    def criteria(self) -> str:
        return config.criteria_path(self.folder, self.config)

    def close(self) -> None:
        self.engine.dispose()


def open_programme(folder: str | None, db: str | None = None) -> Programme:
    """The programme at `folder` (else the nearest one at or above the current folder),
    its record at `db` (else programme.yaml's `database`, else record.sqlite in it)."""
    found = config.find(folder)
    if found is None:
        if folder is not None:
            raise ActError("no-programme-in", "-p", file=config.FILE_NAME, folder=folder)
        raise ActError("no-programme", "-p", file=config.FILE_NAME)
    cfg = config.load(found)
    url = db or cfg.database or sqlite_url(str(found))
    engine = connect(url)
    try:
        migrate.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise ProgrammeError("db-open", url=shown(url), detail=driver_said(exc.orig)) from None
    except ProgrammeError:
        engine.dispose()
        raise
    return Programme(found, cfg, engine, url)


def init(
    folder: str,
    criteria: str,
    title: str | None,
    db: str | None,
    after: Programme | None = None,
    named: str | None = None,
) -> Programme:
    """A new programme in `folder` (made if need be); refused where one already is.
    `after`: the round this one follows; `named`: the database its programme.yaml names."""
    path = Path(folder)
    if (path / config.FILE_NAME).exists():
        raise ActError("exists", "DIR", path=str(path / config.FILE_NAME))
    if Path(criteria).is_file():  # kept relative to the programme, as the folder moves with it
        criteria = os.path.relpath(os.path.abspath(criteria), os.path.abspath(folder))
    rounds: dict[str, object] | None = None
    if after is not None:
        before = os.path.relpath(after.folder.resolve(), path.resolve())
        rounds = {"round": after.config.round + 1, "previous": before}
        rounds.update({"database": named} if named else {})
    config.write_new(path, title or path.resolve().name, criteria, rounds)
    return open_programme(folder, db)
