"""scheduling and cluster runs

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

Crawl runs say who started them and whether they ran in one process or across a cluster of
workers; run_workers records each worker's share of a cluster run; site_leases keeps one crawl
per site at a time across machines; schedule_runs records every firing of a schedule. The job
table of APScheduler's SQLAlchemy job store is created here too (same columns as the job store
declares), so every table of the database comes from a migration.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("trigger", sa.String(length=20), server_default="cli", nullable=False))
        batch.add_column(sa.Column("mode", sa.String(length=20), server_default="local", nullable=False))
    op.create_index("ix_crawl_runs_site_started", "crawl_runs", ["site_id", "started_at"])
    op.create_table(
        "run_workers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=100), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], name=op.f("fk_run_workers_run_id_crawl_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_workers")),
        sa.UniqueConstraint("run_id", "worker_id", name="uq_run_workers_run_worker"),
    )
    op.create_index(op.f("ix_run_workers_run_id"), "run_workers", ["run_id"])
    op.create_table(
        "site_leases",
        sa.Column("site_key", sa.String(length=300), nullable=False),
        sa.Column("holder", sa.String(length=300), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("site_key", name=op.f("pk_site_leases")),
    )
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(length=191), nullable=False),
        sa.Column("site_key", sa.String(length=300), nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=True),
        sa.Column("exit_code", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("recaptures_queued", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_runs")),
    )
    op.create_index(op.f("ix_schedule_runs_job_id"), "schedule_runs", ["job_id"])
    op.create_index(op.f("ix_schedule_runs_site_key"), "schedule_runs", ["site_key"])
    # APScheduler 3's SQLAlchemyJobStore table (it would create it itself; here it is versioned)
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    op.create_index("ix_apscheduler_jobs_next_run_time", "apscheduler_jobs", ["next_run_time"])


def downgrade() -> None:
    op.drop_index("ix_apscheduler_jobs_next_run_time", table_name="apscheduler_jobs")
    op.drop_table("apscheduler_jobs")
    op.drop_index(op.f("ix_schedule_runs_site_key"), table_name="schedule_runs")
    op.drop_index(op.f("ix_schedule_runs_job_id"), table_name="schedule_runs")
    op.drop_table("schedule_runs")
    op.drop_table("site_leases")
    op.drop_index(op.f("ix_run_workers_run_id"), table_name="run_workers")
    op.drop_table("run_workers")
    op.drop_index("ix_crawl_runs_site_started", table_name="crawl_runs")
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("mode")
        batch.drop_column("trigger")
