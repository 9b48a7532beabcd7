"""watchlists and search crawls

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

Named lists of search terms (watchlists, watch_terms), each term's place in each site's rotation
(watch_term_sites: searched how often, empty how many runs in a row, demoted since when), the
result pages search crawls fetched (search_pages) and the listing URLs they showed (search_hits:
a listing's provenance, keyed by its canonical URL).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watchlists"),
        sa.UniqueConstraint("name", name="uq_watchlists_name"),
    )
    op.create_table(
        "watch_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.Unicode(length=200), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name="fk_watch_terms_watchlist_id_watchlists",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_watch_terms"),
        sa.UniqueConstraint("watchlist_id", "term", "language", name="uq_watch_terms_list_term_language"),
    )
    op.create_index("ix_watch_terms_watchlist_id", "watch_terms", ["watchlist_id"])
    op.create_table(
        "watch_term_sites",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("empty_runs", sa.Integer(), nullable=False),
        sa.Column("last_searched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_results", sa.Integer(), nullable=False),
        sa.Column("demoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_watch_term_sites_site_id_sites"),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["watch_terms.id"],
            name="fk_watch_term_sites_term_id_watch_terms",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term_id", "site_id", name="pk_watch_term_sites"),
    )
    op.create_table(
        "search_pages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], name="fk_search_pages_run_id_crawl_runs"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_search_pages_site_id_sites"),
        sa.ForeignKeyConstraint(
            ["term_id"], ["watch_terms.id"], name="fk_search_pages_term_id_watch_terms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_search_pages"),
    )
    op.create_index("ix_search_pages_run_id", "search_pages", ["run_id"])
    op.create_index("ix_search_pages_term_site", "search_pages", ["term_id", "site_id"])
    op.create_table(
        "search_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("search_page_id", sa.String(length=36), nullable=False),
        sa.Column("canonical_url", sa.String(length=2048), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["search_page_id"],
            ["search_pages.id"],
            name="fk_search_hits_search_page_id_search_pages",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_search_hits"),
        sa.UniqueConstraint("search_page_id", "canonical_url", name="uq_search_hits_page_url"),
    )
    op.create_index("ix_search_hits_canonical_url", "search_hits", ["canonical_url"])


def downgrade() -> None:
    op.drop_table("search_hits")
    op.drop_table("search_pages")
    op.drop_table("watch_term_sites")
    op.drop_table("watch_terms")
    op.drop_table("watchlists")
