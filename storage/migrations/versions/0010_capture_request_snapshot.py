"""capture requests: the flagged listing version as the crawl held it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

A request queued by a flagging verdict keeps a snapshot of the listing version that verdict
judged (``storage.records.ListingSnapshot`` as JSON), so the capture worker quotes that version
without reading the listing again, even if a later crawl changed it before the browser got there.
Requests queued before this revision, and those queued by id or URL, have none: the worker reads
the stored listing, as it did before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("capture_requests") as batch:
        batch.add_column(sa.Column("listing_snapshot", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("capture_requests") as batch:
        batch.drop_column("listing_snapshot")
