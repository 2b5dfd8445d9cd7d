"""Decision records compressed against their run's preset dictionary (#23): a screening
run keeps its first records' text as zlib's zdict (`runs.zdict`), and each of its records
is compressed against it, to about a fifth of its size alone. The digests stay those of
the text. Frozen: the packing is written out here, not imported from the live code."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "v0005"
down_revision = "v0004"
branch_labels = None
depends_on = None

BATCH = 1000  # rows read and rewritten at a time: a large record is never held whole
ZDICT_MAX = 32 * 1024  # zlib's window


def _tables() -> tuple[sa.TableClause, sa.TableClause]:
    runs = sa.table("runs", sa.column("id", sa.Integer), sa.column("zdict", sa.LargeBinary))
    decisions = sa.table(
        "decisions",
        sa.column("id", sa.Integer),
        sa.column("run_id", sa.Integer),
        sa.column("record", sa.Text),
        sa.column("record_z", sa.LargeBinary),
    )
    return runs, decisions


def _unpack(record: str | None, record_z: bytes, zdict: bytes | None) -> bytes:
    if record is not None:
        return record.encode("utf-8")
    if zdict is None:
        return zlib.decompress(record_z)
    unpack = zlib.decompressobj(zdict=zdict)
    return unpack.decompress(record_z) + unpack.flush()


def _pack(data: bytes, zdict: bytes | None) -> bytes:
    if zdict is None:
        return zlib.compress(data)
    packer = zlib.compressobj(level=9, zdict=zdict)
    return packer.compress(data) + packer.flush()


def _rewrite(conn: sa.Connection, run_id: int, old: bytes | None, new: bytes | None) -> None:
    """Every record of the run unpacked with `old` and packed again with `new`."""
    _, decisions = _tables()
    last = 0
    while True:
        query = sa.select(decisions.c.id, decisions.c.record, decisions.c.record_z).where(
            (decisions.c.run_id == run_id) & (decisions.c.id > last)
        )
        rows = conn.execute(query.order_by(decisions.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            packed = _pack(_unpack(row.record, row.record_z, old), new)
            values = {"record": None, "record_z": packed}
            conn.execute(decisions.update().where(decisions.c.id == row.id).values(**values))
        last = rows[-1].id


def _first_texts(conn: sa.Connection, run_id: int) -> bytes:
    """The run's first records' text, up to zlib's window: its dictionary."""
    _, decisions = _tables()
    query = sa.select(decisions.c.record, decisions.c.record_z).where(decisions.c.run_id == run_id)
    out = bytearray()
    for row in conn.execute(query.order_by(decisions.c.id).limit(BATCH)):
        if len(out) >= ZDICT_MAX:
            break
        out += _unpack(row.record, row.record_z, None)
    return bytes(out[:ZDICT_MAX])


def _each_run(conn: sa.Connection, step: Callable[[int, bytes | None], None]) -> None:
    runs, _ = _tables()
    for row in conn.execute(sa.select(runs.c.id, runs.c.zdict).order_by(runs.c.id)).all():
        step(row.id, row.zdict)


def upgrade() -> None:
    op.add_column("runs", sa.Column("zdict", sa.LargeBinary, nullable=True))
    conn = op.get_bind()
    runs, _ = _tables()

    def step(run_id: int, _zdict: bytes | None) -> None:
        zdict = _first_texts(conn, run_id) or None  # an intake run has no records
        if zdict is not None:
            conn.execute(runs.update().where(runs.c.id == run_id).values(zdict=zdict))
            _rewrite(conn, run_id, None, zdict)

    _each_run(conn, step)


def downgrade() -> None:
    conn = op.get_bind()

    def step(run_id: int, zdict: bytes | None) -> None:
        if zdict is not None:
            _rewrite(conn, run_id, zdict, None)

    _each_run(conn, step)
    # dropped in place (SQLite >= 3.35): rebuilding `runs` would break the foreign keys
    # that point at it
    op.drop_column("runs", "zdict")
