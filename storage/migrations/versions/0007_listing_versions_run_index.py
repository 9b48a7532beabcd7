"""index listing versions by run

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

After every scheduled crawl the re-capture selection asks which listings this run saw removed
(``listing_versions`` by ``run_id``); without an index that is a scan of every version ever
stored, which grows with each crawl of every site.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_listing_versions_run_id"), "listing_versions", ["run_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_listing_versions_run_id"), table_name="listing_versions")
