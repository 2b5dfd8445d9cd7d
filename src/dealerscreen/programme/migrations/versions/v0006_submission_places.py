"""Where a submission's warned-about facts are written in its file (#23): `intake` keeps,
with each valid submission a screening warns about (a name no reference list knows, a
verification the applicant claims for itself), the file and the line and column of each
such fact, so that `screen -p` places its warnings as the screen of the files does.
Older submissions have none (NULL) and still screen: their warnings name the source. The
places are not in the intake act's seal (chain.submission_digest): they say where a fact
is written, not what was submitted, and a record taken back below v0006 loses them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v0006"
down_revision = "v0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("submissions", sa.Column("places", sa.Text, nullable=True))


def downgrade() -> None:
    # dropped in place (SQLite >= 3.35), as v0005 drops its column
    op.drop_column("submissions", "places")
