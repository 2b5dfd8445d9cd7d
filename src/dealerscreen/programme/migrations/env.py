"""Alembic's environment: always given an open connection by `migrate.upgrade` (inside the
caller's transaction), never a URL of its own."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection


def _run(connection: Connection) -> None:
    context.configure(connection=connection, render_as_batch=True, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the record's migrations run through dealerscreen, with a connection")
_run(connection)
