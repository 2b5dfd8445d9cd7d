"""The record's schema brought to this version's, when a programme is opened.

A record made by an older version is migrated (Alembic, migrations/ in the package); one
made by a newer version is refused with a clear message rather than read wrongly. The
migration runs inside one transaction: on SQLite the DDL is transactional, on PostgreSQL
too, and an advisory lock keeps two first openings from building the schema twice.
"""

from __future__ import annotations

import functools

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from dealerscreen.i18n.programmetext import say
from dealerscreen.programme.errors import ProgrammeError

LOCK_KEY = 230023  # the advisory lock PostgreSQL openings queue on


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "dealerscreen.programme:migrations")
    return cfg


@functools.cache
def revisions() -> tuple[str, tuple[str, ...]]:
    """This version's newest revision, and every revision it knows."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    return head, tuple(r.revision for r in script.walk_revisions())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, to: str = "head") -> None:
    """Migrate to `to` (the newest by default); ProgrammeError for a newer record."""
    head, known = revisions()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        found = MigrationContext.configure(conn).get_current_revision()
        if found == head and to == "head":
            return
        if found is not None and found not in known:
            raise ProgrammeError(say("newer-schema", found=found, head=head))
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)
