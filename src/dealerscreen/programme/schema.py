"""The record's tables, as SQLAlchemy Core definitions: the schema the code reads and
writes. The migrations (migrations/versions/) build the same tables step by step; a test
compares the two, so that a change here without a migration is seen.

Every text that feeds a digest (content, payload, record) is stored as text, not as a
JSON column: PostgreSQL's jsonb would reorder its keys, and a digest must be recomputed
from the very bytes it was taken of.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

NAME_MAX = 200  # who acts (`--by`): PostgreSQL refuses a longer one, SQLite would not

# One intake or screening run: who, when, and what it was about (JSON text).
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # intake | screen
    Column("at", String(32), nullable=False),  # ISO time, UTC
    Column("by", String(NAME_MAX), nullable=False),
    Column("detail", Text, nullable=False),
    # Added by the fifth migration: a screening run's preset dictionary (zlib's zdict),
    # records' text (decisions.dictionary), that each of its decision records is packed against:
    # a record shares most of its words with the others (about a fifth of its size alone)
    Column("zdict", LargeBinary, nullable=True),
)

# Each submission as received: a valid one is a version of its applicant, an invalid one
# is kept with its problems (never lost, never counted as an applicant).
submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("applicant_id", String(64), nullable=True),
    Column("version", Integer, nullable=True),
    Column("valid", Boolean, nullable=False),
    Column("digest", String(64), nullable=False),  # sha256 of content (valid) or of the file
    Column("content", Text, nullable=True),  # the validated applicant, canonical JSON
    Column("problems", Text, nullable=True),  # JSON list of located problems (invalid)
    Column("source", Text, nullable=False),  # the file, or file:line of a batch file
    Column("received_at", String(32), nullable=False),
    # Added by the sixth migration: where the facts a screening warns about are written,
    # JSON {"path": file, "line": a record's line or null, "fields": {field: [line, col]}};
    # NULL when none was warned about at intake, or recorded before (submissions.places_of)
    Column("places", Text, nullable=True),
    UniqueConstraint("applicant_id", "version", name="uq_submission_version"),
)

# The decision of one screening run on one applicant's latest version.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("applicant_id", String(64), nullable=False),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("criteria_digest", String(64), nullable=False),
    Column("as_of", String(32), nullable=False),
    Column("outcome", String(16), nullable=False),  # shortlisted | reserve | not-eligible
    # the decision record, JSON text; since the fourth migration NULL, and the same text
    # zlib-compressed in record_z (since the fifth, against its run's zdict; chain.record_text
    # reads each form)
    Column("record", Text, nullable=True),
    Column("digest", String(64), nullable=False),  # sha256 of record
    # Added by the third migration: what status reads, so that it need not parse records
    Column("city", String(NAME_MAX), nullable=True),
    Column("city_zh", String(NAME_MAX), nullable=True),
    Column("provisional", Boolean, nullable=True),
    Column("wanted", Text, nullable=True),  # JSON list: the facts evidence is wanted for
    Column("record_z", LargeBinary, nullable=True),
)

# The team's acts and the record's own events (intake, screen), append-only: each
# carries the digest of the one before it (a hash chain, chain.py).
acts = Table(
    "acts",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("applicant_id", String(64), nullable=True),
    Column("by", String(NAME_MAX), nullable=False),
    Column("at", String(32), nullable=False),
    Column("reason", Text, nullable=True),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("prev", String(64), nullable=False),  # digest of the act before ("" for the first)
    Column("digest", String(64), nullable=False),
)

# One row: taking it for update is how two writers queue for the chain's end.
head = Table(
    "head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("n", Integer, nullable=False),
)

# Added by the second migration: status and history read by applicant.
Index("ix_submissions_applicant", submissions.c.applicant_id)
Index("ix_decisions_applicant", decisions.c.applicant_id)
Index("ix_decisions_run", decisions.c.run_id)
Index("ix_acts_applicant", acts.c.applicant_id)
# Added by the sixth migration: status counts the newest run's decisions by city, and finds
# its provisional shortlisted, from this index alone (never the rows, records beside them)
Index(
    "ix_decisions_board",
    decisions.c.run_id,
    decisions.c.city,
    decisions.c.city_zh,
    decisions.c.provisional,
    decisions.c.outcome,
    decisions.c.applicant_id,
)
