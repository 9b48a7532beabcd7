"""Read-only views of stored crawl runs for the CLI."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ecowarden.config import Config
from storage.db import open_database
from storage.models import CrawlRun, Site


def recent_runs(config: Config, limit: int) -> list[dict[str, Any]]:
    engine, factory = open_database(config.database_url())
    try:
        with factory() as session:
            rows = session.execute(
                select(CrawlRun, Site.key)
                .join(Site, Site.id == CrawlRun.site_id)
                .order_by(CrawlRun.started_at.desc())
                .limit(limit)
            ).all()
            return [
                {
                    "id": run.id,
                    "site": key,
                    "started_at": run.started_at,
                    "finished_at": run.finished_at,
                    "status": run.status,
                    "resumes": run.resumes,
                    "pages": int(run.stats.get("response_received_count", 0)),
                    "new": int(run.stats.get("ecowarden/listings/new", 0)),
                    "changed": int(run.stats.get("ecowarden/listings/changed", 0)),
                    "removed": int(run.stats.get("ecowarden/listings/removed", 0)),
                    "errors": int(run.stats.get("ecowarden/errors", 0)),
                }
                for run, key in rows
            ]
    finally:
        engine.dispose()
