"""The few fields of a decision that status reads, as columns (#23): the city (and its
Chinese name), whether the decision is provisional and the facts evidence is wanted for.
Filled from each stored record, so that a record made before reads as one made after.

Frozen: what the columns were made of on the day this was written is copied here
(`_columns_of`, as decisions.columns_of was then), so that a later change of the live
code does not change what migrating an old record does."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "v0003"
down_revision = "v0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("city", sa.String(200)),
    ("city_zh", sa.String(200)),
    ("provisional", sa.Boolean),
    ("wanted", sa.Text),
)
BATCH = 1000  # rows read and updated at a time: a large record is never held whole


def _columns_of(text: str) -> dict[str, Any]:
    """The city (and its Chinese name), whether provisional, and the facts evidence is
    wanted for (a sorted JSON list, written as chain.canonical wrote it) of one record."""
    record = json.loads(text)
    city = record.get("city") or {}
    wanted = {w["fact"] for w in record.get("evidence_wanted") or [] if "fact" in w}
    return {
        "city": city.get("name"),
        "city_zh": city.get("name_zh"),
        "provisional": bool(record.get("provisional")),
        "wanted": json.dumps(
            sorted(wanted), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ),
    }


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("decisions", sa.Column(name, kind, nullable=True))
    conn = op.get_bind()
    table = sa.table(
        "decisions",
        sa.column("id", sa.Integer),
        sa.column("record", sa.Text),
        *(sa.column(name, kind) for name, kind in COLUMNS),
    )
    last = 0
    while True:
        query = sa.select(table.c.id, table.c.record).where(table.c.id > last)
        rows = conn.execute(query.order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            values = _columns_of(row.record)
            conn.execute(table.update().where(table.c.id == row.id).values(**values))
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:  # SQLite rebuilds the table
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
