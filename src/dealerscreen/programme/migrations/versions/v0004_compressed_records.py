"""Decision records stored zlib-compressed (#23): a record is ~10 KB of JSON, most of the
database. `record_z` holds the compact JSON text compressed, `record` becomes NULL; the
digests stay those of the text (chain.record_text reads either form)."""

from __future__ import annotations

import zlib

import sqlalchemy as sa
from alembic import op

revision = "v0004"
down_revision = "v0003"
branch_labels = None
depends_on = None

BATCH = 1000  # rows read and rewritten at a time


def _table() -> sa.TableClause:
    return sa.table(
        "decisions",
        sa.column("id", sa.Integer),
        sa.column("record", sa.Text),
        sa.column("record_z", sa.LargeBinary),
    )


def upgrade() -> None:
    op.add_column("decisions", sa.Column("record_z", sa.LargeBinary, nullable=True))
    with op.batch_alter_table("decisions") as batch:  # SQLite rebuilds the table
        batch.alter_column("record", existing_type=sa.Text, nullable=True)
    conn, table = op.get_bind(), _table()
    while True:
        query = sa.select(table.c.id, table.c.record).where(table.c.record.is_not(None))
        rows = conn.execute(query.order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            packed = zlib.compress(row.record.encode("utf-8"))
            values = {"record": None, "record_z": packed}
            conn.execute(table.update().where(table.c.id == row.id).values(**values))


def downgrade() -> None:
    conn, table = op.get_bind(), _table()
    while True:
        query = sa.select(table.c.id, table.c.record_z).where(table.c.record.is_(None))
        rows = conn.execute(query.order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            break
        for row in rows:
            text = zlib.decompress(row.record_z).decode("utf-8")
            conn.execute(table.update().where(table.c.id == row.id).values(record=text))
    with op.batch_alter_table("decisions") as batch:
        batch.alter_column("record", existing_type=sa.Text, nullable=False)
        batch.drop_column("record_z")
