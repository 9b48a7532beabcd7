"""identified language of a listing's text

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

``listings.language`` stays what the page declares (its ``lang`` attribute: often the site's
template, not the seller's words); ``listings.text_language`` is the language identified from the
title and description by the crawl (classifiers/language.py). Rows stored before this revision
have it NULL until they are next observed: the crawl fills it in without a new version, since it
is derived from text that is versioned already. ``review_items.language`` keeps its meaning for
the queue's filter, the identified language, falling back to the declared one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("listings") as batch:
        batch.add_column(sa.Column("text_language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("listings") as batch:
        batch.drop_column("text_language")
