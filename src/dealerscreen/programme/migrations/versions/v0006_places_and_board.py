"""Where a submission's warned-about facts are written in its file (#23): `intake` keeps,
with each valid submission a screening warns about (a name no reference list knows, a
verification the applicant claims for itself), the file and the line and column of each
such fact, so that `screen -p` places its warnings as the screen of the files does.
Older submissions have none (NULL) and still screen: their warnings name the source. The
places are not in the intake act's seal (chain.submission_digest): they say where a fact
is written, not what was submitted, and a record taken back below v0006 loses them.

And an index that status reads in place of the decisions' rows (`ix_decisions_board`)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v0006"
down_revision = "v0005"
branch_labels = None
depends_on = None


# status counts the newest run's decisions by city and finds its provisional shortlisted
# from this index alone: reading the rows (each beside its record) was most of its time
BOARD = ("run_id", "city", "city_zh", "provisional", "outcome", "applicant_id")


def upgrade() -> None:
    op.add_column("submissions", sa.Column("places", sa.Text, nullable=True))
    op.create_index("ix_decisions_board", "decisions", list(BOARD))


def downgrade() -> None:
    op.drop_index("ix_decisions_board", table_name="decisions")
    # dropped in place (SQLite >= 3.35), as v0005 drops its column
    op.drop_column("submissions", "places")
