"""term verdicts: analysts' answers to suggested search terms

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

A term mined from confirmed listings (``ecowarden watch suggest``) that an analyst accepted into
a watchlist or rejected is recorded, so that it is not suggested again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.Unicode(length=200), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("watchlist", sa.String(length=100), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_term_verdicts"),
        sa.UniqueConstraint("term", "language", name="uq_term_verdicts_term_language"),
    )


def downgrade() -> None:
    op.drop_table("term_verdicts")
