"""sellers' profile links, listings' countries, and the identifiers each listing version shows

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04

Linking listings to the people behind them (issue 17) starts from what the pages show: the
seller's profile link, the country of the stated place, and phone numbers, e-mails, handles and
wallets with the span they stand at. Identifiers are rows per listing version, never rewritten,
and indexed by (kind, value): the look-up every link between listings makes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN, not a batch: SQLite adds a nullable column in place, where a batch would
    # rebuild these tables, which every other table references (a foreign-key failure there)
    op.add_column("sellers", sa.Column("profile_url", sa.String(2048), nullable=True))
    op.add_column("listings", sa.Column("country", sa.String(2), nullable=True))
    op.create_table(
        "listing_identifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=True),
        sa.Column("region", sa.String(8), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_listing_identifiers"),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name="fk_listing_identifiers_listing_id_listings",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "listing_id", "version", "field", "span_start", "kind", name="uq_listing_identifiers_span"
        ),
    )
    op.create_index("ix_listing_identifiers_listing_id", "listing_identifiers", ["listing_id"])
    op.create_index("ix_listing_identifiers_kind_value", "listing_identifiers", ["kind", "value"])


def downgrade() -> None:
    op.drop_index("ix_listing_identifiers_kind_value", table_name="listing_identifiers")
    op.drop_index("ix_listing_identifiers_listing_id", table_name="listing_identifiers")
    op.drop_table("listing_identifiers")
    # in place too (SQLite 3.35+ drops a column without rebuilding the table)
    op.drop_column("listings", "country")
    op.drop_column("sellers", "profile_url")
