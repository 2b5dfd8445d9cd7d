"""The record's schema brought to this version's, when a programme is opened.

A record made by an older version is migrated (Alembic, migrations/ in the package); one
made by a newer version is refused with a clear message rather than read wrongly. The
migration runs inside one transaction: on SQLite the DDL is transactional, on PostgreSQL
too, and an advisory lock keeps two first openings from building the schema twice.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from dealerscreen.programme.errors import ProgrammeError

if TYPE_CHECKING:
    from alembic.config import Config

LOCK_KEY = 230023  # the advisory lock PostgreSQL openings queue on
# This version's newest revision, known without alembic (a test checks it is alembic's
# head): a record already at it is opened without importing alembic, a third of what a
# reading command (status, history) otherwise spends before it reads.
HEAD = "v0006"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "dealerscreen.programme:migrations")
    return cfg


@functools.cache
def revisions() -> tuple[str, tuple[str, ...]]:
    """This version's newest revision, and every revision it knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    return head, tuple(r.revision for r in script.walk_revisions())


def current(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, to: str = "head") -> None:
    """Migrate to `to` (the newest by default); ProgrammeError for a newer record."""
    if to == "head" and _at_head(engine):
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    head, known = revisions()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        found = MigrationContext.configure(conn).get_current_revision()
        if found == head and to == "head":
            return
        if found is not None and found not in known:
            raise ProgrammeError("db-newer", found=found, head=head)
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)


def _at_head(engine: Engine) -> bool:
    """Whether the record is at this version's revision, read without alembic; anything
    else (no record yet, an older or newer one) goes the whole way, which says why."""
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return False
    return [tuple(r) for r in found] == [(HEAD,)]
