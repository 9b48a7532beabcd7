"""evidence: captures, artifacts and the append-only custody log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Hand-written. Besides the tables, it seeds the custody log's single head row (seq 0, the
all-zero hash the first entry links to) and installs triggers that refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL) on custody_events, so that rewriting history takes a deliberate
schema change rather than an ordinary statement. Alembic's comparison ignores triggers.
Beware: an SQLite batch_alter_table on custody_events recreates the table and loses the
triggers; a later migration touching it must create them again (see _TRIGGERS below).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64

_SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
    BEGIN SELECT RAISE(ABORT, 'custody_events is append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
    BEGIN SELECT RAISE(ABORT, 'custody_events is append-only: DELETE refused'); END
    """,
]

_POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION custody_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'custody_events is append-only: % refused', TG_OP;
    END
    $$
    """,
    """
    CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
    FOR EACH ROW EXECUTE FUNCTION custody_events_append_only()
    """,
    """
    CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
    FOR EACH ROW EXECUTE FUNCTION custody_events_append_only()
    """,
    """
    CREATE TRIGGER custody_events_no_truncate BEFORE TRUNCATE ON custody_events
    FOR EACH STATEMENT EXECUTE FUNCTION custody_events_append_only()
    """,
]


def upgrade() -> None:
    op.create_table(
        "custody_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_custody_events")),
    )
    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.create_index("ix_custody_events_subject", ["subject"], unique=False)

    head = op.create_table(
        "custody_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_custody_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_head")),
    )
    assert head is not None
    op.bulk_insert(head, [{"id": 1, "seq": 0, "entry_hash": GENESIS_HASH}])

    op.create_table(
        "captures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.String(length=36), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=True),
        sa.Column("signature", sa.JSON(), nullable=True),
        sa.Column("tsa_token_sha256", sa.String(length=64), nullable=True),
        sa.Column("timestamp_status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_captures_listing_id_listings")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], name=op.f("fk_captures_run_id_crawl_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captures")),
    )
    with op.batch_alter_table("captures", schema=None) as batch_op:
        batch_op.create_index("ix_captures_listing", ["listing_id"], unique=False)

    op.create_table(
        "artifacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["capture_id"], ["captures.id"], name=op.f("fk_artifacts_capture_id_captures")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_artifacts")),
        sa.UniqueConstraint("capture_id", "name", name="uq_artifacts_capture_name"),
    )
    with op.batch_alter_table("artifacts", schema=None) as batch_op:
        batch_op.create_index("ix_artifacts_sha256", ["sha256"], unique=False)

    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        statements = _SQLITE_TRIGGERS
    elif dialect == "postgresql":
        statements = _POSTGRESQL_TRIGGERS
    else:
        raise NotImplementedError(f"no append-only triggers for {dialect}: custody log would be unguarded")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("artifacts", schema=None) as batch_op:
        batch_op.drop_index("ix_artifacts_sha256")
    op.drop_table("artifacts")
    with op.batch_alter_table("captures", schema=None) as batch_op:
        batch_op.drop_index("ix_captures_listing")
    op.drop_table("captures")
    op.drop_table("custody_head")
    # dropping the table drops its triggers on both backends
    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.drop_index("ix_custody_events_subject")
    op.drop_table("custody_events")
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION custody_events_append_only()")
