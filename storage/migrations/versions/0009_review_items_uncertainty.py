"""review items: distance of the verdict from its model's threshold

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

The queue's "informative" order (uncertainty sampling) shows first the items whose calibrated
score is closest to the flagging threshold of the model that judged them: an analyst's decision
there teaches a retrained model the most. ``review_items.uncertainty`` = |score − threshold| is
written with the verdict (``storage.review_queue``), since the threshold is a property of the
model version and not otherwise stored; two indexes page the order by keyset, like the others.

Rows queued before this revision get 1.0, the farthest possible distance: their model's threshold
is in a model card, not in the database, so they go last in the order until their next verdict
(every listing gets one when a retrained model is run over the stored listings).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_items") as batch:
        batch.add_column(sa.Column("uncertainty", sa.Float(), server_default=sa.text("1.0"), nullable=False))
    op.create_index(
        "ix_review_items_status_uncertainty", "review_items", ["status", "uncertainty", "listing_id"]
    )
    op.create_index("ix_review_items_uncertainty", "review_items", ["uncertainty", "listing_id"])


def downgrade() -> None:
    op.drop_index("ix_review_items_uncertainty", table_name="review_items")
    op.drop_index("ix_review_items_status_uncertainty", table_name="review_items")
    with op.batch_alter_table("review_items") as batch:
        batch.drop_column("uncertainty")
