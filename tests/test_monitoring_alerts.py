"""The yield-dropped alert, computed from stored runs on both databases, and the run listings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from monitoring.alerts import site_alerts, site_states, yield_dropped
from monitoring.runs import UnknownRun, recent_runs, recent_schedule_runs
from storage.db import open_database, transaction
from storage.models import CrawlRun, RunWorker, ScheduleRun, Site

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine, made = open_database(db_url)
    yield made
    engine.dispose()


class Runs:
    """Writes runs the way the crawl leaves them: status, times and the stats keys it records."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self.sites: dict[str, int] = {}
        self.clock = T0

    def add(
        self,
        site: str,
        *,
        pages: int = 30,
        new: int = 0,
        changed: int = 0,
        unchanged: int = 0,
        removed: int = 0,
        status: str = "finished",
        extra: dict[str, int] | None = None,
    ) -> str:
        self.clock += timedelta(hours=1)
        stats = {
            "response_received_count": pages,
            "ecowarden/listings/new": new,
            "ecowarden/listings/changed": changed,
            "ecowarden/listings/unchanged": unchanged,
            "ecowarden/listings/removed": removed,
            **(extra or {}),
        }
        with transaction(self.factory) as session:
            if site not in self.sites:
                row = Site(key=site, base_url="http://127.0.0.1/")
                session.add(row)
                session.flush()
                self.sites[site] = row.id
            run = CrawlRun(
                site_id=self.sites[site],
                spider="site",
                start_urls=[],
                started_at=self.clock,
                finished_at=None if status == "running" else self.clock + timedelta(minutes=5),
                status=status,
                stats=stats,
            )
            session.add(run)
            session.flush()
            return run.id

    def alerts(self, min_pages: int = 1) -> dict[str, Any]:
        with self.factory() as session:
            return {a.site: a for a in site_alerts(session, min_pages)}


@pytest.fixture
def runs(factory: sessionmaker[Session]) -> Runs:
    return Runs(factory)


def test_no_alert_on_a_first_run_even_an_empty_one(runs: Runs) -> None:
    runs.add("shop", new=0)
    assert runs.alerts() == {}


def test_zero_yield_after_a_productive_run_alerts_and_a_productive_run_clears_it(runs: Runs) -> None:
    first = runs.add("shop", new=20)
    assert runs.alerts() == {}
    second = runs.add("shop", pages=14, removed=20)
    alerts = runs.alerts()
    assert list(alerts) == ["shop"]
    alert = alerts["shop"]
    assert (alert.run_id, alert.previous_run_id, alert.pages, alert.removed) == (second, first, 14, 20)
    assert "shop" in alert.message and "stored no listings" in alert.message
    # another empty run: the site is still broken, so the alert holds (naming the last good run)
    third = runs.add("shop", pages=14)
    alerts = runs.alerts()
    assert (alerts["shop"].run_id, alerts["shop"].previous_run_id) == (third, first)
    assert "2 runs in a row" in alerts["shop"].message
    runs.add("shop", pages=14, unchanged=5)
    assert runs.alerts() == {}


def test_a_productive_run_after_the_drop_clears_it(runs: Runs) -> None:
    runs.add("shop", new=20)
    runs.add("shop", pages=10)
    assert "shop" in runs.alerts()
    runs.add("shop", changed=1, unchanged=19)
    assert runs.alerts() == {}


def test_every_stored_kind_counts_as_yield(runs: Runs) -> None:
    runs.add("s-new", new=3)
    runs.add("s-changed", changed=3)
    runs.add("s-unchanged", unchanged=3)
    for kind in ("new", "changed", "unchanged"):
        runs.add(f"s-{kind}", pages=5)
    runs.add("s-reappeared", extra={"ecowarden/listings/reappeared": 2})
    runs.add("s-reappeared", pages=5)
    # removals alone are not a yield: a run that only saw listings vanish found nothing
    runs.add("s-removed", removed=4)
    runs.add("s-removed", pages=5)
    assert sorted(runs.alerts()) == ["s-changed", "s-new", "s-reappeared", "s-unchanged"]


def test_not_raised_below_min_pages(runs: Runs) -> None:
    runs.add("shop", new=20)
    runs.add("shop", pages=3)
    assert runs.alerts(min_pages=4) == {}
    assert "shop" in runs.alerts(min_pages=3)
    runs.add("dead", new=5)
    runs.add("dead", pages=0)
    assert "dead" not in runs.alerts(min_pages=1)
    assert "dead" in runs.alerts(min_pages=0)


def test_only_runs_that_finished_normally_are_judged(runs: Runs) -> None:
    runs.add("a", new=10)
    runs.add("a", pages=0, status="running")
    assert runs.alerts() == {}
    runs.add("b", new=10)
    runs.add("b", pages=6, status="interrupted")  # stopped early: its status says so, no alert
    runs.add("b", pages=0, status="running")
    assert runs.alerts() == {}
    runs.add("c", new=10)
    runs.add("c", pages=6, status="failed")
    assert runs.alerts() == {}
    runs.add("c", pages=6)  # but an empty run after them that finished is the drop
    assert list(runs.alerts()) == ["c"]


def test_sites_are_judged_independently_in_one_query(runs: Runs, factory: sessionmaker[Session]) -> None:
    for n in range(30):
        runs.add(f"site-{n % 3}", new=5 + n)
    runs.add("site-1", pages=9)
    with factory() as session:
        states = {s.site: s for s in site_states(session)}
    assert sorted(states) == ["site-0", "site-1", "site-2"]
    assert states["site-1"].stored == 0 and states["site-1"].previous_stored == 5 + 28
    assert [s for s, state in states.items() if yield_dropped(state, 1)] == ["site-1"]


def test_recent_runs_page_by_keyset_with_workers(runs: Runs, factory: sessionmaker[Session]) -> None:
    ids = [runs.add("shop", new=n, extra={"ecowarden/errors/TimeoutError": n}) for n in range(7)]
    with transaction(factory) as session:
        session.add(RunWorker(run_id=ids[-1], worker_id="w1", hostname="h1", pid=1, status="finished"))
        session.add(RunWorker(run_id=ids[-1], worker_id="w2", hostname="h2", pid=2, status="lost"))
        session.add(ScheduleRun(job_id="daily-shop", site_key="shop", outcome="skipped", message="busy"))
    with factory() as session:
        first = recent_runs(session, 3)
        second = recent_runs(session, 3, before=first[-1].id)
        rest = recent_runs(session, 3, before=second[-1].id)
        schedule = recent_schedule_runs(session, 5)
        with pytest.raises(UnknownRun):
            recent_runs(session, 3, before="no-such-run")
    assert [r.id for r in first + second + rest] == ids[::-1]
    assert first[0].workers_summary == "2 (1 finished, 1 lost)"
    assert first[0].errors_by_type == {"TimeoutError": 6} and first[0].duration_s == 300.0
    assert [(s.site_key, s.outcome, s.message) for s in schedule] == [("shop", "skipped", "busy")]
