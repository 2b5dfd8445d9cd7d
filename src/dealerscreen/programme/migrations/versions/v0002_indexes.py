"""Indexes by applicant (status and history read one applicant's rows) and by run."""

from __future__ import annotations

from alembic import op

revision = "v0002"
down_revision = "v0001"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_submissions_applicant", "submissions", "applicant_id"),
    ("ix_decisions_applicant", "decisions", "applicant_id"),
    ("ix_decisions_run", "decisions", "run_id"),
    ("ix_acts_applicant", "acts", "applicant_id"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
