"""Read-only views of stored crawl runs for the CLI: recent runs and the sites alerted on.

The figures and the alert come from ``monitoring``, the same code the review app's ``/runs`` page
and ``/metrics`` use, so the CLI and the app never disagree about a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecowarden.config import Config
from monitoring.alerts import SiteAlert, alerts_of, site_states
from monitoring.runs import RunRow, runs_with_alerts
from monitoring.runs import recent_runs as query_recent_runs
from storage.db import open_database


@dataclass(frozen=True)
class RunsReport:
    runs: list[RunRow]
    alerts: list[SiteAlert]
    #: sites whose last finished run was judged (the ones ``--check`` looked at)
    sites_checked: int

    @property
    def alerted_sites(self) -> set[str]:
        return {a.site for a in self.alerts}

    def as_dict(self) -> dict[str, Any]:
        return {**runs_with_alerts(self.runs, self.alerts), "sites_checked": self.sites_checked}


def runs_report(config: Config, limit: int) -> RunsReport:
    engine, factory = open_database(config.database_url())
    try:
        with factory() as session:
            states = site_states(session)
            return RunsReport(
                runs=query_recent_runs(session, limit),
                alerts=alerts_of(states, config.monitoring.min_pages_for_alert),
                sites_checked=len(states),
            )
    finally:
        engine.dispose()


def run_line(run: RunRow, alerted: bool) -> str:
    """One run in one line: the human output of ``ecowarden runs``."""
    return (
        f"{run.started_at:%Y-%m-%d %H:%M} {_printable(run.site):<24} {run.trigger:<9} {run.mode:<7} "
        f"{run.status:<11} pages={run.pages} new={run.new} changed={run.changed} "
        f"unchanged={run.unchanged} removed={run.removed} flagged={run.flagged} errors={run.errors}"
        + (f" workers={run.workers_summary}" if run.workers else "")
        + f" run={run.id}"
        + (" ALERT" if alerted else "")
    )


def alert_line(alert: SiteAlert) -> str:
    return _printable(alert.message)


def _printable(text: str) -> str:
    """Site keys come from crawled URLs: no control characters reach the terminal."""
    return "".join(c if c.isprintable() else "?" for c in text)
