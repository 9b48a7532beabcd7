"""offender networks: each listing's actor and network, and the links with their reasons

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04

``ecowarden networks build`` links the stored listings (networks/linking.py) and replaces these
two tables in one transaction: which actor and network each listing is in, and every link with
the reason for it, so that the CLI and the review app read one answer.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "network_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_listing_id", sa.Integer(), nullable=False),
        sa.Column("b_listing_id", sa.Integer(), nullable=False),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_network_links"),
        sa.ForeignKeyConstraint(
            ["a_listing_id"],
            ["listings.id"],
            name="fk_network_links_a_listing_id_listings",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["b_listing_id"],
            ["listings.id"],
            name="fk_network_links_b_listing_id_listings",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_network_links_a_listing_id", "network_links", ["a_listing_id"])
    op.create_index("ix_network_links_b_listing_id", "network_links", ["b_listing_id"])
    op.create_table(
        "listing_networks",
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Integer(), nullable=False),
        sa.Column("network", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("listing_id", name="pk_listing_networks"),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name="fk_listing_networks_listing_id_listings",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_listing_networks_actor", "listing_networks", ["actor"])
    op.create_index("ix_listing_networks_network", "listing_networks", ["network"])


def downgrade() -> None:
    op.drop_index("ix_listing_networks_network", table_name="listing_networks")
    op.drop_index("ix_listing_networks_actor", table_name="listing_networks")
    op.drop_table("listing_networks")
    op.drop_index("ix_network_links_b_listing_id", table_name="network_links")
    op.drop_index("ix_network_links_a_listing_id", table_name="network_links")
    op.drop_table("network_links")
