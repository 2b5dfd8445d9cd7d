"""The record's database: SQLite in the programme's folder by default, PostgreSQL when a
team shares one, both through one SQLAlchemy Core engine.

SQLite is opened in WAL mode (readers do not wait for a writer) with a busy timeout (a
second writer waits its turn instead of failing), and every transaction starts with
`BEGIN IMMEDIATE`: it takes the write lock at once, so a transaction that reads the end of
the hash chain and appends to it cannot be overtaken by another between the two.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from dealerscreen.i18n.programmetext import say
from dealerscreen.programme.errors import ProgrammeError

DB_NAME = "record.sqlite"
BUSY_TIMEOUT_MS = 60_000  # how long a writer waits for another before giving up


def sqlite_url(folder: str) -> str:
    return "sqlite:///" + os.path.join(os.path.abspath(folder), DB_NAME)


def driver_url(url: str) -> str:
    """postgresql://... is read with psycopg (3), SQLAlchemy's default being psycopg2."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    head, at, rest = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{rest}"


def connect(url: str) -> Engine:
    try:
        engine = create_engine(driver_url(url))
    except NoSuchModuleError:
        raise ProgrammeError(say("unknown-database", url=shown(url))) from None
    except ArgumentError as exc:
        raise ProgrammeError(say("not-a-url", url=shown(url), reason=str(exc))) from None
    except ImportError:
        raise ProgrammeError(say("needs-psycopg")) from None
    if engine.dialect.name == "sqlite":
        _sqlite_manners(engine)
    return engine


def _sqlite_manners(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by the "begin" hook below, not by the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
