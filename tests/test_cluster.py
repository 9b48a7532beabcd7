"""Cluster crawls: the Redis ledger on a real Redis, and real workers sharing a crawl of the demo
marketplace through Redis and PostgreSQL (killing one of them loses nothing)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawler.cluster.keys import RunKeys, active_runs_key
from crawler.cluster.ledger import MAX_RETURNS, Ledger
from crawler.cluster.tracking import LeaseTracker
from storage.db import make_engine, session_factory, upgrade
from storage.models import CrawlRun, Listing, ListingVersion
from storage.runs import RunRecords
from tests.conftest import DemoServer, free_port, service_missing
from tests.crawl_helpers import (
    count_rows,
    crawl_env,
    db_session,
    expected_url,
    start_cluster_worker,
    start_crawl,
    stored_listings,
    submit_cluster_crawl,
)

# -- the lease bookkeeping ------------------------------------------------------------------


def test_tracker_lease_done_after_output_and_items() -> None:
    tracker = LeaseTracker()
    tracker.taken(1)
    tracker.item_started(1)
    tracker.item_started(1)
    tracker.response_finished(1)
    assert tracker.take_done() == []  # two items not stored yet
    tracker.item_finished(1)
    assert tracker.take_done() == []
    tracker.item_finished(1)
    assert tracker.take_done() == [1]
    assert len(tracker) == 0


def test_tracker_items_stored_before_output_ends_and_double_finish() -> None:
    tracker = LeaseTracker()
    tracker.taken(7)
    tracker.item_started(7)
    tracker.item_finished(7)  # stored while the callback is still yielding
    assert tracker.take_done() == []
    tracker.response_finished(7)
    tracker.response_finished(7)  # errback and exception hook both fire: counted once
    assert tracker.take_done() == [7]
    tracker.item_finished(7)  # late signals for a done lease are ignored
    assert tracker.take_done() == []


def test_tracker_hands_back_what_never_finished() -> None:
    tracker = LeaseTracker()
    for lease in (1, 2, 3):
        tracker.taken(lease)
    tracker.item_started(2)
    tracker.response_finished(2)  # its item's storage failed: never finished
    tracker.response_finished(3)
    assert tracker.take_done() == [3]
    assert sorted(tracker.take_unfinished()) == [1, 2]
    assert len(tracker) == 0
    tracker.restore([3])  # an acknowledgement that did not get through is kept
    assert tracker.take_done() == [3]


def test_tracker_follow_up_requests_are_pieces() -> None:
    tracker = LeaseTracker()
    tracker.taken(5)
    tracker.item_started(5)  # a child request, queued later by the scraper
    tracker.response_finished(5)
    assert tracker.take_done() == []
    tracker.item_finished(5)  # the child is in the queue
    assert tracker.take_done() == [5]


# -- the ledger on a real Redis -------------------------------------------------------------


def _server(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def test_ledger_pop_ack_and_recover(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    server = _server(url)
    keys = RunKeys(prefix, "run1")
    server.zadd(keys.queue, {b"low": 5, b"high\nwith newline": -20, b"mid": 0})
    a = Ledger(server, keys, "a", timeout_s=0.3)
    b = Ledger(server, keys, "b", timeout_s=30)
    a.register()
    b.register()

    first = a.pop(keys.queue)
    second = a.pop(keys.queue)
    assert first is not None and second is not None
    assert first[1] == b"high\nwith newline" and second[1] == b"mid"  # best score first
    assert server.hlen(keys.inflight("a")) == 2 and server.zcard(keys.queue) == 1
    a.ack([first[0]])
    assert server.hlen(keys.inflight("a")) == 1
    assert not a.state().drained

    time.sleep(0.5)  # a's heartbeat expires
    moved, dead = b.recover_dead()
    assert (moved, dead) == (1, ["a"])
    assert dict(server.zrange(keys.queue, 0, -1, withscores=True)) == {b"mid": 0.0, b"low": 5.0}
    assert b.recover_dead() == (0, [])  # only one survivor re-queues
    assert server.sismember(keys.workers, "b") and not server.sismember(keys.workers, "a")


def test_ledger_leave_hands_back_and_run_end(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    server = _server(url)
    keys = RunKeys(prefix, "run2")
    server.zadd(keys.queue, {b"only": -10, b"other": 0})
    server.sadd(active_runs_key(prefix), "run2")
    worker = Ledger(server, keys, "w", timeout_s=30)
    worker.register()
    first, second = worker.pop(keys.queue), worker.pop(keys.queue)
    assert first is not None and second is not None
    assert worker.state().queued == 0 and worker.state().leased == 2
    assert worker.leave(done=[second[0]]) == 1  # the done one is dropped, the other goes back
    assert dict(server.zrange(keys.queue, 0, -1, withscores=True)) == {b"only": -10.0}
    assert not server.sismember(keys.workers, "w")

    taken = worker.pop(keys.queue)  # popping makes it a member again, visible to the run
    assert taken is not None and server.sismember(keys.workers, "w")
    assert worker.sweep([taken[0]]) == 0
    assert not worker.state().drained  # nobody has finished seeding yet
    worker.mark_seeded()
    assert worker.state().drained
    other = Ledger(server, keys, "other", timeout_s=30)
    assert worker.claim_finish() is True
    assert other.claim_finish() is False
    worker.retire(keep_s=60)
    assert not server.sismember(active_runs_key(prefix), "run2")
    assert 0 < server.ttl(keys.finished) <= 60


def test_ledger_sets_aside_what_keeps_coming_back(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    server = _server(url)
    keys = RunKeys(prefix, "run3")
    server.zadd(keys.queue, {b"poison": 0})
    worker = Ledger(server, keys, "w", timeout_s=30)
    worker.register()
    for _ in range(MAX_RETURNS):
        assert worker.pop(keys.queue) is not None
        assert worker.sweep([]) == 1  # unfinished: back in the queue
    assert worker.pop(keys.queue) is not None
    assert worker.sweep([]) == 0  # once too often: set aside, not looping for ever
    assert server.zcard(keys.queue) == 0 and worker.dead_letters() == 1
    server.zadd(keys.queue, {b"undecodable": 0})
    taken = worker.pop(keys.queue)
    assert taken is not None
    worker.set_aside(*taken)
    assert worker.dead_letters() == 2 and worker.state().leased == 0


# -- real workers, real Redis, real PostgreSQL ----------------------------------------------


def _cluster_env(db_url: str, workdir: Path, redis: tuple[str, str], **extra: str) -> dict[str, str]:
    url, prefix = redis
    return crawl_env(
        db_url,
        workdir,
        ECOWARDEN_CLUSTER_REDIS_URL=url,
        ECOWARDEN_CLUSTER_KEY_PREFIX=prefix,
        ECOWARDEN_CLUSTER_HEARTBEAT_S="0.5",
        ECOWARDEN_CLUSTER_WORKER_TIMEOUT_S="3",
        ECOWARDEN_CLUSTER_POLL_S="0.3",
        ECOWARDEN_CRAWL_AUTOTHROTTLE="false",
        **extra,
    )


_STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_process_left_behind() -> Iterator[None]:
    """A failing test must not leave workers polling Redis for the rest of the session."""
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)


def _track(proc: subprocess.Popen[str]) -> subprocess.Popen[str]:
    """Killed after the test if it is still running."""
    _STARTED.append(proc)
    return proc


def _start_worker(env: dict[str, str], workdir: Path, name: str) -> subprocess.Popen[str]:
    return _track(start_cluster_worker(env, workdir, name))


def _submit(env: dict[str, str], base_url: str, workdir: Path) -> subprocess.Popen[str]:
    _STARTED.append(submit_cluster_crawl(env, ["demo-classifieds"], base_url, workdir))
    return _STARTED[-1]


def _slow_shared_crawl(
    db_url: str, redis: tuple[str, str], workdir: Path, server: DemoServer, names: tuple[str, str]
) -> tuple[subprocess.Popen[str], subprocess.Popen[str], subprocess.Popen[str], int]:
    """Two workers on a slowed crawl; returns (first, second, submitter, listings expected) once a
    quarter of the listings is stored, so that stopping the first worker lands mid-crawl."""
    env = _cluster_env(
        db_url,
        workdir,
        redis,
        ECOWARDEN_CRAWL_CONCURRENT_REQUESTS="2",
        ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S="0.05",
    )
    upgrade(db_url)  # so the progress can be polled from the start
    first, second = (_start_worker(env, workdir, name) for name in names)
    submit = _submit(env, server.base_url, workdir)
    expected = len([e for e in server.catalogue("classifieds") if not e.get("removed")])
    deadline = time.monotonic() + 120
    while count_rows(db_url, Listing) < expected // 4:
        assert time.monotonic() < deadline, "the crawl did not get going"
        assert first.poll() is None and submit.poll() is None
        time.sleep(0.2)
    return first, second, submit, expected


def _finish(proc: subprocess.Popen[str], timeout: float = 180) -> tuple[int, Any, str]:
    out, err = proc.communicate(timeout=timeout)
    try:
        data = json.loads(out) if out.strip() else None
    except ValueError:
        data = None
    return proc.returncode, data, err


def _worker_trouble(workdir: Path) -> str:
    """The errors and warnings in the workers' logs, for a failure message that says why."""
    lines = []
    for log in sorted(workdir.glob("*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if (" ERROR: " in line or " WARNING: " in line) and "Disabled " not in line:
                lines.append(f"{log.name}: {line[:300]}")
    return "\n" + "\n".join(lines[-40:])


def _assert_stored_once(db_url: str, server: DemoServer) -> None:
    catalogue = server.catalogue("classifieds")
    want = {expected_url(server.base_url, entry) for entry in catalogue if not entry.get("removed")}
    stored = stored_listings(db_url, "demo-classifieds")
    assert set(stored) == want, f"missing {len(want - set(stored))}, unexpected {len(set(stored) - want)}"
    assert all(len(row.versions) == 1 for row in stored.values()), "a listing was stored twice"
    assert count_rows(db_url, Listing) == len(want)
    assert count_rows(db_url, ListingVersion) == len(want)


def _run_row(db_url: str) -> CrawlRun:
    with db_session(db_url) as session:
        runs = session.scalars(select(CrawlRun)).all()
        assert len(runs) == 1
        return runs[0]


def _workers(db_url: str, run_id: str) -> list[dict[str, Any]]:
    engine = make_engine(db_url)
    try:
        return RunRecords(session_factory(engine)).workers(run_id)
    finally:
        engine.dispose()


def _no_keys_left(redis: tuple[str, str], run_id: str) -> None:
    url, prefix = redis
    server = _server(url)
    keys = RunKeys(prefix, run_id)
    assert not server.sismember(active_runs_key(prefix), run_id)
    assert server.zcard(keys.queue) == 0
    assert list(server.scan_iter(match=keys.base + "inflight:*")) == []


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_share_a_crawl(postgres_url: str, redis_prefix: tuple[str, str], tmp_path: Path) -> None:
    server = DemoServer(size=300)
    try:
        env = _cluster_env(
            postgres_url,
            tmp_path,
            redis_prefix,
            ECOWARDEN_CRAWL_CONCURRENT_REQUESTS="4",
            # a crawl one worker alone takes ~8 s: an idle worker asks the shared queue for work
            # every 5 s (Scrapy's engine heartbeat), so a crawl shorter than that can be over
            # before the second worker's first look, and nothing shows that the work is shared
            ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S="0.06",
        )
        workers = [_start_worker(env, tmp_path, f"worker{i}") for i in (1, 2)]
        code, summary, err = _finish(_submit(env, server.base_url, tmp_path))
        assert code == 0, err + _worker_trouble(tmp_path)
        assert summary[0]["ok"] and summary[0]["finish_reason"] == "finished"
        reports = [_finish(w, timeout=60) for w in workers]
        for worker_code, report, worker_err in reports:
            assert worker_code == 0, worker_err
            assert report["runs"][0]["finish_reason"] == "finished"
            # the work was split: both workers fetched pages and stored listings
            assert report["runs"][0]["pages"] > 0 and report["runs"][0]["items"] > 0, report
        _assert_stored_once(postgres_url, server)
        # no page was processed twice: the workers' items add up to the listings, none unchanged
        assert sum(r[1]["runs"][0]["items"] for r in reports) == len(stored_listings(postgres_url))
        assert summary[0]["listings_unchanged"] == 0
        run = _run_row(postgres_url)
        assert (run.status, run.mode) == ("finished", "cluster")
        assert len({w["worker_id"] for w in _workers(postgres_url, run.id)}) == 2
        workers_db = _workers(postgres_url, run.id)
        assert sorted(w["status"] for w in workers_db) == ["finished", "finished"]
        _no_keys_left(redis_prefix, run.id)
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.postgres
def test_killed_worker_loses_nothing(
    postgres_url: str, redis_prefix: tuple[str, str], tmp_path: Path
) -> None:
    server = DemoServer(size=500)
    try:
        victim, survivor, submit, expected = _slow_shared_crawl(
            postgres_url, redis_prefix, tmp_path, server, ("victim", "survivor")
        )
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        assert count_rows(postgres_url, Listing) < expected, "killed too late to prove anything"

        code, summary, err = _finish(submit)
        assert code == 0, err + _worker_trouble(tmp_path)
        assert summary[0]["finish_reason"] == "finished"
        survivor_code, _report, survivor_err = _finish(survivor, timeout=60)
        assert survivor_code == 0, survivor_err
        _assert_stored_once(postgres_url, server)
        run = _run_row(postgres_url)
        assert run.status == "finished"
        workers_db = {w["worker_id"]: w for w in _workers(postgres_url, run.id)}
        statuses = sorted(w["status"] for w in workers_db.values())
        assert statuses == ["finished", "lost"], workers_db
        finished = next(w for w in workers_db.values() if w["status"] == "finished")
        assert finished["stats"].get("ecowarden/cluster/requeued", 0) > 0, (
            "no lease of the victim was re-queued"
        )
        _no_keys_left(redis_prefix, run.id)
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.postgres
def test_stopped_worker_hands_its_work_back(
    postgres_url: str, redis_prefix: tuple[str, str], tmp_path: Path
) -> None:
    server = DemoServer(size=400)
    try:
        leaving, staying, submit, _ = _slow_shared_crawl(
            postgres_url, redis_prefix, tmp_path, server, ("leaving", "staying")
        )
        leaving.send_signal(signal.SIGTERM)
        leaving_code, leaving_report, leaving_err = _finish(leaving, timeout=60)
        assert leaving_code == 0, leaving_err
        assert leaving_report["interrupted"] is True
        assert leaving_report["runs"][0]["finish_reason"] == "shutdown"

        code, summary, err = _finish(submit)
        assert code == 0 and summary[0]["finish_reason"] == "finished", err
        assert _finish(staying, timeout=60)[0] == 0
        _assert_stored_once(postgres_url, server)
        run = _run_row(postgres_url)
        workers_db = _workers(postgres_url, run.id)
        assert sorted(w["status"] for w in workers_db) == ["finished", "interrupted"]
        _no_keys_left(redis_prefix, run.id)
    finally:
        server.stop()


def test_ledger_push_marks_seen_and_queues_in_one_step(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    server = _server(url)
    keys = RunKeys(prefix, "run4")
    worker = Ledger(server, keys, "w", timeout_s=30)
    assert worker.push(keys.queue, keys.seen, "fp1", -20, b"listing") is True
    assert worker.push(keys.queue, keys.seen, "fp1", -20, b"listing again") is False  # duplicate
    assert worker.push(keys.queue, keys.seen, None, -10, b"start page") is True  # skips the filter
    assert worker.push(keys.queue, keys.seen, None, -10, b"start page") is True
    assert server.sismember(keys.seen, "fp1")
    assert dict(server.zrange(keys.queue, 0, -1, withscores=True)) == {
        b"listing": -20.0,
        b"start page": -10.0,
    }


@pytest.mark.slow
@pytest.mark.postgres
def test_a_run_redis_forgot_is_recorded_as_failed_not_left_running(
    postgres_url: str, redis_prefix: tuple[str, str], tmp_path: Path
) -> None:
    """A Redis restarted without persistence forgets every run's queue while the rows still say
    ``running``: the submitter notices the run is gone and records it failed, with its reason."""
    from tests.conftest import delete_redis_keys

    server = DemoServer(size=60)
    try:
        env = _cluster_env(postgres_url, tmp_path, redis_prefix)
        from storage.db import open_database

        open_database(postgres_url)[0].dispose()  # the schema, so the test can look for the run row
        submitter = _submit(env, server.base_url, tmp_path)  # no worker: the run waits in Redis
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with db_session(postgres_url) as session:
                if session.scalars(select(CrawlRun)).first() is not None:
                    break
            time.sleep(0.2)
        url, prefix = redis_prefix
        delete_redis_keys(_server(url), prefix)  # what a restart without persistence does
        code, summary, err = _finish(submitter, timeout=60)
        assert code == 1, err
        assert summary[0]["finish_reason"] == "redis_state_lost" and "Redis lost" in summary[0]["message"]
        run = _run_row(postgres_url)
        assert (run.status, run.finish_reason) == ("failed", "redis_state_lost")
    finally:
        server.stop()


# -- Redis outages and dead submitters ------------------------------------------------------


class PrivateRedis:
    """A ``redis-server`` of the test's own, without persistence (as the compose file ran it
    before it had AOF), that the test can really restart. The shared Redis at 6379 cannot be
    restarted: the other tests running beside this one (xdist) would lose their runs too, and
    deleting a run's keys there would skip what a restart also does: every connection drops and
    the workers' Redis calls fail until it is back."""

    def __init__(self, workdir: Path) -> None:
        import shutil

        binary = shutil.which("redis-server")
        if binary is None:
            service_missing("redis-server is not installed")
        self.binary = str(binary)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = workdir / "redis"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        options = {
            "port": str(self.port),
            "bind": "127.0.0.1",
            "save": "",
            "appendonly": "no",
            "dir": str(self.dir),
        }
        self.process = subprocess.Popen(
            [self.binary, *(part for key, value in options.items() for part in (f"--{key}", value))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                if _server(self.url).ping():
                    return
            except Exception:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def restart(self) -> None:
        """Killed outright and started again: everything it held is gone."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(tmp_path)
    try:
        yield redis
    finally:
        redis.stop()


def _wait_for_rows(db_url: str, model: Any, at_least: int, watched: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + 120
    while count_rows(db_url, model) < at_least:
        assert time.monotonic() < deadline, "the crawl did not get going"
        assert all(p.poll() is None for p in watched), "a process ended early"
        time.sleep(0.2)


def _until(condition: Any, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_redis_restart_mid_crawl_fails_the_run_and_its_resume_stores_each_listing_once(
    postgres_url: str, private_redis: PrivateRedis, tmp_path: Path
) -> None:
    """The acceptance of issue 15: two workers crawl, Redis restarts without persistence in the
    middle. The run is recorded failed (``redis_state_lost``), the workers leave it and stay up;
    ``crawl --resume`` resumes the same run, which the same workers join again, and in the end
    every listing is stored exactly once, the ones stored before the restart not fetched again."""
    server = DemoServer(size=400)
    try:
        redis = (private_redis.url, "ecowarden-outage")
        env = _cluster_env(
            postgres_url,
            tmp_path,
            redis,
            ECOWARDEN_CRAWL_CONCURRENT_REQUESTS="2",
            ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S="0.05",
        )
        upgrade(postgres_url)
        workers = [
            _track(start_cluster_worker(env, tmp_path, name, max_runs=2)) for name in ("first", "second")
        ]
        submit = _submit(env, server.base_url, tmp_path)
        expected = len([e for e in server.catalogue("classifieds") if not e.get("removed")])
        _wait_for_rows(postgres_url, Listing, expected // 4, [*workers, submit])
        private_redis.restart()

        code, summary, err = _finish(submit, timeout=120)
        assert code == 1, err + _worker_trouble(tmp_path)
        assert summary[0]["finish_reason"] == "redis_state_lost" and "--resume" in summary[0]["message"]
        run = _run_row(postgres_url)
        assert (run.status, run.finish_reason) == ("failed", "redis_state_lost")
        stored_before = count_rows(postgres_url, Listing)
        assert stored_before < expected, "restarted too late to prove anything"
        _until(
            lambda: all(w["status"] != "running" for w in _workers(postgres_url, run.id)),
            "the workers did not leave the lost run",
        )
        assert sorted(w["status"] for w in _workers(postgres_url, run.id)) == ["interrupted", "interrupted"]
        assert all(w.poll() is None for w in workers), "a worker ended with the lost run"

        resume = _track(
            start_crawl(
                ["demo-classifieds", "--base-url", server.base_url, "--no-work", "--json", "--resume"],
                env,
                tmp_path / "resume.log",
            )
        )
        code, summary, err = _finish(resume)
        assert code == 0, err + _worker_trouble(tmp_path)
        assert summary[0]["finish_reason"] == "finished" and summary[0]["run_id"] == run.id
        for worker in workers:
            worker_code, report, worker_err = _finish(worker, timeout=60)
            assert worker_code == 0, worker_err
            assert [r["finish_reason"] for r in report["runs"]] == ["redis_state_lost", "finished"]
        _assert_stored_once(postgres_url, server)
        run = _run_row(postgres_url)
        assert (run.status, run.finish_reason, run.resumes) == ("finished", "finished", 1)
        assert run.stats.get("ecowarden/resume/skipped", 0) > 0, "stored listings were fetched again"
        _no_keys_left(redis, run.id)
    finally:
        server.stop()


def _run_status(db_url: str) -> tuple[str, str | None]:
    run = _run_row(db_url)
    return run.status, run.finish_reason


@pytest.mark.slow
@pytest.mark.postgres
def test_a_run_lost_with_its_submitter_is_settled_by_an_idle_worker_and_resumed(
    postgres_url: str, private_redis: PrivateRedis, tmp_path: Path
) -> None:
    """Nobody is left to notice: the submitter is killed, then Redis restarts before any worker
    took the run. A worker that starts later finds the run running in the database and unknown
    to Redis, records it failed, and the run is resumed to its end."""
    server = DemoServer(size=60)
    try:
        redis = (private_redis.url, "ecowarden-orphan")
        env = _cluster_env(postgres_url, tmp_path, redis)
        upgrade(postgres_url)
        submitter = _submit(env, server.base_url, tmp_path)  # no worker yet: the run waits in Redis
        _until(lambda: count_rows(postgres_url, CrawlRun) == 1, "the run was not submitted")
        _until(lambda: _server(redis[0]).scard(active_runs_key(redis[1])) == 1, "the run was not announced")
        os.kill(submitter.pid, signal.SIGKILL)
        submitter.wait(timeout=10)
        private_redis.restart()
        assert _run_status(postgres_url) == ("running", None), "nobody may have noticed yet"

        worker = _track(start_cluster_worker(env, tmp_path, "late", max_runs=1))
        _until(
            lambda: _run_status(postgres_url) == ("failed", "redis_state_lost"), "the lost run stayed running"
        )
        resume = _track(
            start_crawl(
                ["demo-classifieds", "--base-url", server.base_url, "--no-work", "--json", "--resume"],
                env,
                tmp_path / "resume.log",
            )
        )
        code, summary, err = _finish(resume)
        assert code == 0 and summary[0]["finish_reason"] == "finished", err + _worker_trouble(tmp_path)
        assert _finish(worker, timeout=60)[0] == 0
        _assert_stored_once(postgres_url, server)
        run = _run_row(postgres_url)
        assert (run.status, run.resumes) == ("finished", 1)
    finally:
        server.stop()


# -- settling lost runs, in process ---------------------------------------------------------


def _cluster_run(db_url: str, site_key: str = "demo-classifieds") -> str:
    """A cluster run's row, as a submitter writes it before announcing the run."""
    from storage.db import open_database
    from storage.listings import ListingStore

    store = ListingStore(open_database(db_url)[1])
    site = store.ensure_site(site_key, "http://127.0.0.1:9/")
    return store.start_run(site, "site", [], trigger="scheduler", mode="cluster")


def _target() -> Any:
    from crawler.runner import resolve_targets
    from crawler.sites import load_sites

    return resolve_targets(["demo-classifieds"], sites=load_sites(None), base_url="http://127.0.0.1:9/")[0]


def test_lost_runs_are_settled_and_resumed_by_whoever_looks(
    db_url: str, redis_prefix: tuple[str, str]
) -> None:
    from crawler.cluster.runs import ClusterBusy, ClusterRuns, LostRunWatch
    from scheduling.jobs import interrupted_scheduled_run
    from storage.db import open_database

    url, prefix = redis_prefix
    _engine, factory = open_database(db_url)
    records = RunRecords(factory)
    runs = ClusterRuns(url, prefix)
    orphan = _cluster_run(db_url)
    live = _cluster_run(db_url, "demo-shop")
    _server(url).hset(RunKeys(prefix, live).meta, mapping={"site": "demo-shop"})

    # an idle worker: two looks the grace apart, and only the run Redis does not know
    watch = LostRunWatch(runs, records, grace_s=0.3)
    assert watch.look() == [] and records.status(orphan) == "running"
    time.sleep(0.4)
    assert watch.look() == [orphan]
    assert records.status(orphan) == "failed" and records.status(live) == "running"
    assert interrupted_scheduled_run(factory, "demo-classifieds") == orphan, "the next firing resumes it"

    # the next submission of a site, under its lease: at once
    again = _cluster_run(db_url)
    assert runs.settle_lost(records, "demo-shop") == [] and runs.settle_lost(records, "demo-classifieds") == [
        again
    ]
    assert runs.lost_run_of(records, "demo-classifieds") == again, "the latest lost run is the one resumed"

    # resuming: reopened, stale keys cleared, announced again as a new attempt
    stale = RunKeys(prefix, again)
    _server(url).zadd(stale.queue, {b"written after the loss": 0})
    _server(url).sadd(stale.seen, "fingerprint")
    assert runs.resubmit(records, again, _target(), submitter="test") is True
    reopened = records.run(again) or {}
    assert (reopened["status"], reopened["finish_reason"], reopened["resumes"]) == ("running", None, 1)
    assert _server(url).zcard(stale.queue) == 0 and not _server(url).exists(stale.seen)
    assert [r.run_id for r in runs.active()] == [again] and runs.known(again)
    with pytest.raises(ClusterBusy):  # the site's run is in progress again
        runs.resubmit(records, again, _target(), submitter="test")
    runs.server.delete(RunKeys(prefix, again).meta)
    runs.server.delete(active_runs_key(prefix))
    assert runs.resubmit(records, again, _target(), submitter="test") is False, "running: not lost"
