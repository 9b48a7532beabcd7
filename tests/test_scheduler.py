"""Scheduled crawls: cron parsing, the schedule CLI, missed-run policies, re-capture selection, and
the real ``ecowarden scheduler`` process crawling the demo marketplace on 127.0.0.1."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawler.urls import site_key_for
from review.accounts import Accounts
from review.decisions import Decisions
from scheduling import records
from scheduling.book import SKIP_GRACE_S, NoSuchSchedule, ScheduleBook, ScheduleError, ScheduleExists
from scheduling.children import Children, Finished
from scheduling.cron import CronError, parse_cron
from scheduling.jobs import interpret_crawl
from scheduling.recapture import queue_recaptures, select_recaptures
from storage.capture_queue import CaptureQueue
from storage.db import open_database
from storage.leases import SiteLeases
from storage.listings import Disappearance, ListingStore, Observation
from storage.models import Capture, CaptureRequest, CrawlRun, Listing, ScheduleRun
from tests.conftest import DemoServer, free_port
from tests.crawl_helpers import (
    ROOT,
    SLOW_CRAWL,
    SQLITE_ONLY,
    crawl_env,
    db_session,
    expected_url,
    run_ecowarden,
    run_in_process,
    stored_listings,
)
from tests.observations import observation

# -- cron ---------------------------------------------------------------------------------------
THURSDAY = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def next_fire(expr: str, after: datetime = THURSDAY) -> datetime:
    fire = parse_cron(expr).get_next_fire_time(None, after)
    assert isinstance(fire, datetime)
    return fire


def test_five_fields_are_a_utc_crontab() -> None:
    assert next_fire("0 */6 * * *") == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert next_fire("30 */6 * * *") == datetime(2026, 1, 1, 12, 30, tzinfo=UTC)
    assert next_fire("15 3 2 * *") == datetime(2026, 1, 2, 3, 15, tzinfo=UTC)
    # crontab's weekdays: 0 and 7 are Sunday, 1-5 Monday to Friday (APScheduler alone reads 0 as Monday)
    assert next_fire("0 3 * * 0").strftime("%a %H:%M") == "Sun 03:00"
    assert next_fire("0 3 * * 7").strftime("%a") == "Sun"
    assert next_fire("0 3 * * 1").strftime("%a") == "Mon"
    assert next_fire("0 3 * * sat").strftime("%a") == "Sat"
    assert next_fire("0 3 * * 5-7", after=datetime(2026, 1, 3, 4, tzinfo=UTC)).strftime("%a") == "Sun"
    assert next_fire("0 0 * * */2").strftime("%a") == "Sat"  # Sun, Tue, Thu (past midnight), Sat


def test_six_fields_put_seconds_first() -> None:
    start = datetime(2026, 1, 1, 12, 0, 1, tzinfo=UTC)
    assert next_fire("*/3 * * * * *", start) == datetime(2026, 1, 1, 12, 0, 3, tzinfo=UTC)
    assert next_fire("30 0 12 * * *", start) == datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("* * *", "has 3 fields; expected 5"),
        ("", "has 0 fields"),
        ("* * * * * * *", "has 7 fields"),
        ("61 * * * *", "maximum value (59)"),
        ("0 25 * * *", "maximum value (23)"),
        ("*/0 * * * *", "Increment must be higher than 0"),
        ("0 0 * * 8", "weekday 8 is out of range"),
        ("0 0 * * someday", "'someday' is not a weekday"),
        ("0 0 * * fri-mon", "runs backwards"),
        ("0 0 30 2 *", "never fires"),
        ("0 0 1 * mon", "restricts both the day of month and the weekday"),
        ("x * * * *", "x"),
    ],
)
def test_bad_cron_expressions_are_explained(expr: str, says: str) -> None:
    with pytest.raises(CronError) as caught:
        parse_cron(expr)
    message = str(caught.value)
    assert says in message and f"{expr!r}" in message and "\n" not in message


# -- the crawl's answer, read ---------------------------------------------------------------------
def finished(code: int, summary: list[dict[str, Any]] | str, stderr: str = "") -> Finished:
    stdout = summary if isinstance(summary, str) else json.dumps(summary)
    return Finished(["ecowarden", "crawl"], code, stdout, stderr)


def test_crawl_results_become_outcomes() -> None:
    ok = interpret_crawl(
        finished(0, [{"site": "s", "run_id": "r1", "finish_reason": "finished", "ok": True}])
    )
    assert (ok.outcome, ok.run_id, ok.message) == ("finished", "r1", "")
    busy = interpret_crawl(
        finished(
            1,
            [
                {
                    "site": "s",
                    "run_id": None,
                    "finish_reason": "busy",
                    "ok": False,
                    "message": "s is held by x",
                }
            ],
            "ecowarden: error: s: s is held by x\n",
        )
    )
    assert (busy.outcome, busy.run_id, busy.message) == ("skipped", None, "s is held by x")
    paused = interpret_crawl(
        finished(
            1,
            [{"site": "s", "run_id": "r2", "finish_reason": "shutdown", "ok": False, "message": ""}],
            "some log\necowarden: error: s: shutdown (continue with --resume)\n",
        )
    )
    assert (paused.outcome, paused.run_id) == ("failed", "r2")
    assert paused.message == "s: shutdown (continue with --resume)"
    usage = interpret_crawl(finished(2, "", "ecowarden: error: 'x' is neither an http(s) URL\n"))
    assert (usage.outcome, usage.message) == ("failed", "'x' is neither an http(s) URL")
    garbage = interpret_crawl(finished(1, "{not json", ""))
    assert (garbage.outcome, garbage.message) == ("failed", "the crawl exited with code 1")
    killed = interpret_crawl(finished(-9, "", ""))
    assert killed.outcome == "failed" and "signal 9" in killed.message


def test_killing_the_children_takes_their_descendants_too(tmp_path: Path) -> None:
    """A crawl's browser (a grandchild of the scheduler) must not outlive a forced stop, though
    Playwright starts it in a session of its own (out of the crawl's process group)."""
    pidfile = tmp_path / "grandchild.pid"
    script = (
        "import subprocess, sys, time\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'],"
        " start_new_session=True)\n"
        f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(120)\n"
    )
    children = Children()
    done: list[Finished] = []
    runner = threading.Thread(target=lambda: done.append(children.run([sys.executable, "-c", script])))
    runner.start()
    deadline = time.monotonic() + 30
    while not (pidfile.exists() and pidfile.read_text()):
        assert time.monotonic() < deadline, "the child never started its own child"
        time.sleep(0.05)
    grandchild = int(pidfile.read_text())
    assert children.kill() == 1
    runner.join(timeout=10)
    assert done and done[0].code == -signal.SIGKILL
    while not _gone(grandchild):
        assert time.monotonic() < deadline, "the grandchild outlived the kill"
        time.sleep(0.05)


def _gone(pid: int) -> bool:
    """Ended (or a zombie nobody reaped yet: a container's init may not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


# -- the book -------------------------------------------------------------------------------------
def test_book_keeps_one_schedule_per_site_with_its_missed_policy(db_url: str) -> None:
    engine, _factory = open_database(db_url)
    try:
        with ScheduleBook(engine) as book:
            added = book.add(site="demo-shop", site_key="demo-shop", cron="0 */6 * * *", missed="run-once")
            assert added.job_id == "crawl:demo-shop" and added.misfire_grace_s is None
            assert added.next_run_at is not None and added.next_run_at.tzinfo is not None
            with pytest.raises(ScheduleExists, match="--replace"):
                book.add(site="demo-shop", site_key="demo-shop", cron="0 * * * *", missed="skip")
            replaced = book.add(
                site="demo-shop", site_key="demo-shop", cron="0  * * * *", missed="skip", replace=True
            )
            assert (replaced.cron, replaced.missed, replaced.misfire_grace_s) == (
                "0 * * * *",
                "skip",
                SKIP_GRACE_S,
            )
            graced = book.add(
                site="demo-bazaar",
                site_key="demo-bazaar",
                cron="0 4 * * *",
                missed="run-once",
                missed_grace_s=89.5,
            )
            assert graced.misfire_grace_s == 90
            with pytest.raises(ScheduleError, match="'run-once' or 'skip'"):
                book.add(site="x", site_key="x", cron="0 4 * * *", missed="sometimes")
            with pytest.raises(CronError):
                book.add(site="x", site_key="x", cron="0 4 * *", missed="skip")
        # a new book (another process) reads the same table
        with ScheduleBook(engine) as book:
            assert sorted(s.site_key for s in book.all()) == ["demo-bazaar", "demo-shop"]
            book.remove("demo-shop")
            with pytest.raises(NoSuchSchedule, match="demo-shop has no schedule"):
                book.remove("demo-shop")
            assert [s.site_key for s in book.all()] == ["demo-bazaar"]
    finally:
        engine.dispose()


# -- the CLI --------------------------------------------------------------------------------------
def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """A schedule command: bookkeeping a whole process does not change, so run in this one."""
    result = run_in_process(*args, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ecowarden: error: "), result.stderr
    assert all(word in lines[0] for word in words), lines[0]


@pytest.mark.slow
def test_schedule_commands_on_both_databases(db_url: str, tmp_path: Path) -> None:
    env = crawl_env(db_url, tmp_path)
    added = cli(env, "schedule", "add", "demo-classifieds", "--cron", "0 */6 * * *", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["missed"] == "run-once"  # the config's default
    one_line_error(
        cli(env, "schedule", "add", "demo-classifieds", "--cron", "0 * * * *"), 2, "already has a schedule"
    )
    replaced = cli(
        env,
        "schedule",
        "add",
        "demo-classifieds",
        "--cron",
        "*/10 * * * * *",
        "--missed",
        "skip",
        "--base-url",
        "http://127.0.0.1:9/",
        "--replace",
    )
    assert replaced.returncode == 0 and "next run" in replaced.stdout, replaced.stderr
    url = cli(env, "schedule", "add", "http://127.0.0.1:9/shop/", "--cron", "0 4 * * 1-5")
    assert url.returncode == 0, url.stderr

    listed = cli(env, "schedule", "list", "--json")
    rows = {row["site_key"]: row for row in json.loads(listed.stdout)}
    assert set(rows) == {"demo-classifieds", "127.0.0.1:9/shop/"}
    classifieds = rows["demo-classifieds"]
    assert classifieds["cron"] == "*/10 * * * * *" and classifieds["missed"] == "skip"
    assert classifieds["base_url"] == "http://127.0.0.1:9/" and classifieds["last_outcome"] is None
    assert datetime.fromisoformat(classifieds["next_run_at"]) - datetime.now(UTC) < timedelta(seconds=11)

    # firings are recorded by the scheduler; here one is written the way it writes them
    _engine, factory = open_database(db_url)
    records.note(factory, "crawl:demo-classifieds", "demo-classifieds", datetime.now(UTC), "missed", "late")
    rows = {row["site_key"]: row for row in json.loads(cli(env, "schedule", "list", "--json").stdout)}
    assert rows["demo-classifieds"]["last_outcome"] == "missed"
    text = cli(env, "schedule", "list").stdout
    assert "demo-classifieds" in text and "last missed" in text and "never run" in text
    history = json.loads(cli(env, "schedule", "history", "--site", "demo-classifieds", "--json").stdout)
    assert [(h["site"], h["outcome"], h["message"]) for h in history] == [
        ("demo-classifieds", "missed", "late")
    ]
    assert json.loads(cli(env, "schedule", "history", "--site", "demo-shop", "--json").stdout) == []

    removed = cli(env, "schedule", "remove", "http://127.0.0.1:9/shop/")
    assert removed.returncode == 0 and "127.0.0.1:9/shop/" in removed.stdout
    one_line_error(cli(env, "schedule", "remove", "http://127.0.0.1:9/shop/"), 1, "has no schedule")
    assert [r["site_key"] for r in json.loads(cli(env, "schedule", "list", "--json").stdout)] == [
        "demo-classifieds"
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["demo-nowhere", "--cron", "0 * * * *"], "neither an http(s) URL nor a configured site"),
        (["demo-shop", "--cron", "0 * * *"], "has 4 fields"),
        (["demo-shop", "--cron", "0 * * * *", "--missed", "later"], "--missed must be 'run-once' or 'skip'"),
        (["demo-shop"], "--cron is required"),
        (["demo-shop", "--cron", "0 * * * *", "--base-url", "ftp://x/"], "--base-url must be an http(s) URL"),
        (["http://127.0.0.1:9/", "--cron", "0 * * * *", "--base-url", "http://x/"], "not to URLs"),
    ],
)
def test_bad_schedules_are_usage_errors(tmp_path: Path, args: list[str], says: str) -> None:
    env = crawl_env(f"sqlite:///{tmp_path / 'ecowarden.db'}", tmp_path)
    one_line_error(cli(env, "schedule", "add", *args), 2, says)


def test_bad_scheduler_settings_are_usage_errors(tmp_path: Path) -> None:
    env = crawl_env(
        f"sqlite:///{tmp_path / 'ecowarden.db'}", tmp_path, ECOWARDEN_SCHEDULER_MISSED="sometimes"
    )
    one_line_error(cli(env, "schedule", "add", "demo-shop", "--cron", "0 * * * *"), 2, "[scheduler] missed")
    # the scheduler itself runs in a process of its own: were the check missing, it would run on
    one_line_error(run_ecowarden("scheduler", env=env, timeout=120), 2, "[scheduler] missed")
    env = crawl_env(f"sqlite:///{tmp_path / 'ecowarden.db'}", tmp_path, ECOWARDEN_SCHEDULER_MAX_PARALLEL="0")
    one_line_error(run_ecowarden("scheduler", env=env, timeout=120), 2, "max_parallel must be at least 1")
    one_line_error(cli(env, "schedule", "history", "--limit", "0"), 2, "--limit")


def test_only_one_scheduler_per_database(db_url: str, tmp_path: Path) -> None:
    _engine, factory = open_database(db_url)
    lease = SiteLeases(factory).acquire("@scheduler", "scheduler@elsewhere:42", 60)
    try:
        result = cli(crawl_env(db_url, tmp_path), "scheduler")
        one_line_error(result, 1, "another scheduler is running on this database", "scheduler@elsewhere:42")
    finally:
        SiteLeases(factory).release(lease)


# -- re-capture selection --------------------------------------------------------------------------
def verdict(flagged: bool) -> dict[str, object]:
    return {
        "model_version": "m1",
        "category": "wildlife",
        "score": 0.9 if flagged else 0.1,
        "flagged": flagged,
    }


def observe(site: str, n: int, flagged: bool = True) -> Observation:
    url = f"http://127.0.0.1/{site}/ad/{n}"
    return observation(
        canonical_url=url,
        url=url,
        observed_at=datetime.now(UTC),
        title=f"ivory {n}",
        price=Decimal("10"),
        currency="EUR",
        prediction={**verdict(flagged), "reasons": []},
    )


def test_recapture_picks_open_flags_that_are_stale_uncaptured_or_taken_down(db_url: str) -> None:
    engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/market/")
    other = store.ensure_site("other", "http://127.0.0.1/other/")
    run1 = store.start_run(site, "t", [])
    letters = "ABCDEFGHJ"
    store.apply_batch(
        site, run1, [observe("market", i, flagged=letter != "G") for i, letter in enumerate(letters)]
    )
    store.apply_batch(other, store.start_run(other, "t", []), [observe("other", 0)])
    # J was taken down in an earlier run: not this run's news
    store.apply_batch(
        site, run1, [], [Disappearance("http://127.0.0.1/market/ad/8", datetime.now(UTC), "404")]
    )
    with factory() as session:
        market = session.execute(select(Listing.id, Listing.canonical_url).where(Listing.site_id == site))
        ids = {letters[int(url.rsplit("/", 1)[1])]: listing_id for listing_id, url in market.tuples()}
    accounts, decisions = Accounts(factory), Decisions(factory)
    ana = accounts.add_user("ana", "correct horse battery", "analyst")
    decisions.decide(ana, ids["B"], 1, "confirm", category="wildlife")
    decisions.decide(ana, ids["C"], 1, "escalate")
    decisions.decide(ana, ids["D"], 1, "dismiss", reason="a replica")
    now = datetime.now(UTC)
    with factory() as session, session.begin():
        session.add_all(
            [
                Capture(
                    listing_id=ids["B"], url="u", captured_at=now - timedelta(hours=48), status="complete"
                ),
                Capture(
                    listing_id=ids["C"], url="u", captured_at=now - timedelta(hours=1), status="complete"
                ),
                Capture(listing_id=ids["F"], url="u", captured_at=now - timedelta(hours=1), status="partial"),
                # a failed capture preserved nothing: H counts as never captured
                Capture(listing_id=ids["H"], url="u", captured_at=now - timedelta(hours=1), status="failed"),
            ]
        )
    CaptureQueue(factory).enqueue_listings([ids["E"]], "flagged")
    # the scheduled crawl: F has been taken down
    run2 = store.start_run(site, "t", [])
    store.apply_batch(
        site, run2, [], [Disappearance("http://127.0.0.1/market/ad/5", datetime.now(UTC), "404")]
    )

    older_than = now - timedelta(hours=24)
    with factory() as session:
        due = select_recaptures(session, "market", run2, older_than=older_than, limit=100)
        names = {v: k for k, v in ids.items()}
        # the takedown first, then never captured (by id), then the stalest
        assert [names[listing_id] for listing_id, _url in due] == ["F", "A", "H", "B"]
        assert select_recaptures(session, "market", run2, older_than=older_than, limit=2) == due[:2]
        assert select_recaptures(session, "market", run2, older_than=older_than, limit=0) == []
        assert select_recaptures(session, "nowhere", run2, older_than=older_than, limit=10) == []
        # without this run's takedowns, a stricter age leaves only the uncaptured and B
        assert [
            names[i] for i, _ in select_recaptures(session, "market", None, older_than=older_than, limit=9)
        ] == [
            "A",
            "H",
            "B",
        ]

    assert queue_recaptures(factory, "market", run2, after_h=24, limit=100) == 4
    assert queue_recaptures(factory, "market", run2, after_h=24, limit=100) == 0  # they are waiting
    with factory() as session:
        queued = session.scalars(select(CaptureRequest).where(CaptureRequest.reason == "recapture")).all()
        assert {names[r.listing_id] for r in queued if r.listing_id} == {"F", "A", "H", "B"}
        assert {r.run_id for r in queued} == {run2} and {r.status for r in queued} == {"queued"}
    engine.dispose()


# -- the running scheduler ------------------------------------------------------------------------
def schedule_runs(db_url: str, site_key: str | None = None) -> list[ScheduleRun]:
    with db_session(db_url) as session:
        query = select(ScheduleRun).order_by(ScheduleRun.id)
        if site_key is not None:
            query = query.where(ScheduleRun.site_key == site_key)
        return list(session.scalars(query))


def scheduled_crawls(db_url: str) -> list[CrawlRun]:
    with db_session(db_url) as session:
        return list(
            session.scalars(
                select(CrawlRun).where(CrawlRun.trigger == "scheduler").order_by(CrawlRun.started_at)
            )
        )


#: schedules picked up quickly; a crawl that does not pause within the grace is killed by the
#: scheduler itself, before the wait in stop() runs out, so a failure shows the output
SCHEDULER_OPTIONS = ("--poll-s", "0.5", "--stop-grace-s", "45")


class Scheduler:
    """The real ``ecowarden scheduler`` process, its output in files (a pipe could fill up)."""

    def __init__(self, env: dict[str, str], workdir: Path, *args: str) -> None:
        self.out, self.err = workdir / "scheduler.out", workdir / "scheduler.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ecowarden", *args, "scheduler", *SCHEDULER_OPTIONS],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=err,
                text=True,
            )

    def output(self) -> str:
        return self.out.read_text() + self.err.read_text()

    def wait_for(self, what: str, done: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            assert self.proc.poll() is None, f"the scheduler ended early:\n{self.output()}"
            assert time.monotonic() < deadline, f"no {what} within {timeout} s:\n{self.output()}"
            time.sleep(0.25)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            output = self.output()[-4000:]
            raise AssertionError(f"the scheduler did not stop within 90 s:\n{output}") from None


@contextmanager
def running_scheduler(env: dict[str, str], workdir: Path, *args: str) -> Iterator[Scheduler]:
    scheduler = Scheduler(env, workdir, *args)
    try:
        yield scheduler
    finally:
        if scheduler.proc.poll() is None:
            scheduler.proc.kill()
            scheduler.proc.wait()


# with SLOW_CRAWL one crawl of demo-classifieds (60-listing catalogue) takes several seconds:
# longer than the cron


@SQLITE_ONLY
@pytest.mark.slow
def test_fast_cron_runs_a_site_twice_without_overlap(db_url: str, tmp_path: Path) -> None:
    """The acceptance test of issue 6: a cron faster than the crawl, two runs, never two at once."""
    server = DemoServer(size=60)
    try:
        env = crawl_env(db_url, tmp_path, **SLOW_CRAWL)
        added = cli(
            env,
            "schedule",
            "add",
            "demo-classifieds",
            "--cron",
            "*/3 * * * * *",
            "--base-url",
            server.base_url,
        )
        assert added.returncode == 0, added.stderr

        def two_finished() -> bool:
            return sum(run.outcome == "finished" for run in schedule_runs(db_url)) >= 2

        with running_scheduler(env, tmp_path, "--config", str(ROOT / "ecowarden.toml")) as scheduler:
            scheduler.wait_for("two finished scheduled crawls", two_finished, timeout=90)
            assert scheduler.stop() == 0, scheduler.output()
        output = scheduler.output()
        assert "Traceback" not in output and "scheduler stopped" in output

        crawls = scheduled_crawls(db_url)
        done = [run for run in crawls if run.status == "finished"]
        assert len(done) >= 2
        assert all(run.finished_at is not None for run in crawls), [(r.status, r.finished_at) for r in crawls]
        for earlier, later in pairwise(crawls):
            assert earlier.finished_at is not None and earlier.finished_at <= later.started_at, (
                "crawls overlapped"
            )

        firings = schedule_runs(db_url, "demo-classifieds")
        ran = [f for f in firings if f.outcome == "finished"]
        assert len(ran) >= 2 and [f.run_id for f in ran] == [run.id for run in done]
        assert all(f.exit_code == 0 and f.scheduled_for is not None for f in ran)
        # the crawl flagged listings: the first run queued their re-captures (capture is off, so
        # they wait), the second found them still waiting
        assert ran[0].recaptures_queued > 0 and ran[1].recaptures_queued == 0
        skipped = [f for f in firings if f.outcome == "skipped"]
        assert skipped and all(f.message == "previous run still going" for f in skipped)
        started = [f for f in firings if f.outcome not in ("skipped", "missed")]
        for f in skipped:  # every skip fell while a run of the schedule was going
            assert f.scheduled_for is not None
            assert any(
                s.started_at - timedelta(seconds=1) <= f.scheduled_for <= (s.finished_at or f.scheduled_for)
                for s in started
            ), f.scheduled_for
        for before, after in pairwise(started):
            assert before.finished_at is not None and before.finished_at <= after.started_at

        stored = stored_listings(db_url, "demo-classifieds")
        expected = {
            expected_url(server.base_url, e) for e in server.catalogue("classifieds") if not e.get("removed")
        }
        assert expected and set(stored) == expected

        history = json.loads(cli(env, "schedule", "history", "--json").stdout)
        assert {h["run_id"] for h in history if h["outcome"] == "finished"} == {run.id for run in done}
        listed = json.loads(cli(env, "schedule", "list", "--json").stdout)
        assert listed[0]["last_outcome"] in ("finished", "skipped", "failed")
    finally:
        server.stop()


@SQLITE_ONLY
@pytest.mark.slow
def test_firings_missed_while_down_run_once_or_are_skipped(db_url: str, tmp_path: Path) -> None:
    server = DemoServer(size=30)
    try:
        env = crawl_env(db_url, tmp_path)
        engine, _factory = open_database(db_url)
        # both fire once a minute, at a second just ahead; the scheduler is not running then
        second = (datetime.now(UTC) + timedelta(seconds=3)).second
        cron = f"{second} * * * * *"
        with ScheduleBook(engine) as book:
            once = book.add(
                site="demo-classifieds",
                site_key="demo-classifieds",
                cron=cron,
                missed="run-once",
                base_url=server.base_url,
            )
            book.add(
                site="demo-bazaar", site_key="demo-bazaar", cron=cron, missed="skip", base_url=server.base_url
            )
        engine.dispose()
        firing = once.next_run_at
        assert firing is not None and firing - datetime.now(UTC) < timedelta(seconds=5)
        # well past the firing, beyond the "skip" grace
        time.sleep(max(0.0, (firing - datetime.now(UTC)).total_seconds()) + SKIP_GRACE_S + 1.5)

        def settled() -> bool:
            runs = schedule_runs(db_url)
            return {r.site_key for r in runs if r.outcome != "running"} == {"demo-classifieds", "demo-bazaar"}

        with running_scheduler(env, tmp_path) as scheduler:
            scheduler.wait_for("both schedules to settle", settled, timeout=60)
            assert scheduler.stop() == 0, scheduler.output()

        caught_up = schedule_runs(db_url, "demo-classifieds")
        assert [(r.outcome, r.scheduled_for) for r in caught_up] == [("finished", firing)], scheduler.output()
        skipped = schedule_runs(db_url, "demo-bazaar")
        assert [(r.outcome, r.scheduled_for) for r in skipped] == [("missed", firing)]
        assert "missed" in skipped[0].message
        assert [run.id for run in scheduled_crawls(db_url)] == [caught_up[0].run_id]
    finally:
        server.stop()


@SQLITE_ONLY
@pytest.mark.slow
def test_a_site_crawled_by_another_process_is_skipped(db_url: str, tmp_path: Path) -> None:
    env = crawl_env(db_url, tmp_path)
    _engine, factory = open_database(db_url)
    leases = SiteLeases(factory)
    lease = leases.acquire("demo-classifieds", "crawl@elsewhere:7", 120)
    try:
        added = cli(env, "schedule", "add", "demo-classifieds", "--cron", "*/2 * * * * *")
        assert added.returncode == 0, added.stderr

        def skipped() -> bool:  # by the crawl itself (it has an exit code), not as an overlap
            return any(r.outcome == "skipped" and r.exit_code is not None for r in schedule_runs(db_url))

        with running_scheduler(env, tmp_path) as scheduler:
            scheduler.wait_for("a skipped firing", skipped, timeout=60)
            assert scheduler.stop() == 0, scheduler.output()
        busy = [r for r in schedule_runs(db_url) if r.outcome == "skipped" and r.exit_code is not None]
        assert busy and "crawl@elsewhere:7" in busy[0].message and busy[0].exit_code == 1
        assert scheduled_crawls(db_url) == []
    finally:
        leases.release(lease)


@SQLITE_ONLY
@pytest.mark.slow
def test_schedules_added_and_removed_while_running_are_picked_up(db_url: str, tmp_path: Path) -> None:
    env = crawl_env(db_url, tmp_path)
    nobody = f"http://127.0.0.1:{free_port()}/"  # nothing listens: each crawl ends at once

    with running_scheduler(env, tmp_path) as scheduler:
        scheduler.wait_for("the scheduler to start", lambda: "scheduler started" in scheduler.output())
        added = cli(env, "schedule", "add", nobody, "--cron", "*/2 * * * * *")
        assert added.returncode == 0, added.stderr
        scheduler.wait_for(
            "a crawl of the new schedule", lambda: any(r.exit_code is not None for r in schedule_runs(db_url))
        )
        assert cli(env, "schedule", "remove", nobody).returncode == 0
        removed_at = datetime.now(UTC)
        time.sleep(3)
        assert scheduler.stop() == 0, scheduler.output()
    firings = schedule_runs(db_url)
    assert firings and {r.site_key for r in firings} == {site_key_for(nobody, prefix=True)}
    assert all(r.outcome in ("finished", "failed", "skipped") for r in firings), [
        (r.outcome, r.message) for r in firings
    ]
    late = [r for r in firings if r.started_at > removed_at + timedelta(seconds=1)]
    assert not late, "a removed schedule kept firing"


@SQLITE_ONLY
@pytest.mark.slow
def test_a_crawl_paused_by_a_stop_is_resumed_by_the_next_firing(db_url: str, tmp_path: Path) -> None:
    server = DemoServer(size=60)
    try:
        env = crawl_env(db_url, tmp_path, **SLOW_CRAWL, ECOWARDEN_CRAWL_BATCH_SIZE="5")
        cron, site = "*/2 * * * * *", "demo-classifieds"
        added = cli(env, "schedule", "add", site, "--cron", cron, "--base-url", server.base_url)
        assert added.returncode == 0, added.stderr
        with running_scheduler(env, tmp_path) as scheduler:
            scheduler.wait_for("the crawl to store listings", lambda: len(stored_listings(db_url)) >= 5)
            assert scheduler.stop() == 0, scheduler.output()
        paused = scheduled_crawls(db_url)
        assert len(paused) == 1 and paused[0].status in ("interrupted", "running"), scheduler.output()
        assert [f.outcome for f in schedule_runs(db_url) if f.outcome != "skipped"] == ["failed"]

        with running_scheduler(env, tmp_path) as scheduler:
            scheduler.wait_for(
                "the resumed run to finish",
                lambda: any(f.outcome == "finished" for f in schedule_runs(db_url)),
            )
            assert scheduler.stop() == 0, scheduler.output()
        resumed = next(f for f in schedule_runs(db_url) if f.outcome == "finished")
        assert resumed.run_id == paused[0].id and "resumed run" in resumed.message
        expected = {
            expected_url(server.base_url, e) for e in server.catalogue("classifieds") if not e.get("removed")
        }
        assert set(stored_listings(db_url, "demo-classifieds")) == expected
        assert scheduled_crawls(db_url)[0].status == "finished"
    finally:
        server.stop()


def test_search_crawls_have_schedules_of_their_own(db_url: str) -> None:
    engine, _factory = open_database(db_url)
    try:
        with ScheduleBook(engine) as book:
            full = book.add(site="demo-shop", site_key="demo-shop", cron="0 */6 * * *", missed="skip")
            search = book.add(
                site="demo-shop", site_key="demo-shop", cron="0 * * * *", missed="skip", watch="agency"
            )
            assert (full.job_id, search.job_id) == ("crawl:demo-shop", "crawl:demo-shop watch:agency")
            assert search.watch == "agency" and full.watch is None
            with pytest.raises(ScheduleExists, match="searching agency"):
                book.add(
                    site="demo-shop", site_key="demo-shop", cron="0 * * * *", missed="skip", watch="agency"
                )
            book.remove("demo-shop", "agency")
            assert [s.job_id for s in book.all()] == ["crawl:demo-shop"]
            with pytest.raises(NoSuchSchedule, match="searching agency"):
                book.remove("demo-shop", "agency")
    finally:
        engine.dispose()
    from scheduling.jobs import site_key_of

    assert site_key_of("crawl:demo-shop watch:agency") == site_key_of("crawl:demo-shop") == "demo-shop"


@SQLITE_ONLY
@pytest.mark.slow
def test_a_scheduled_search_crawl_runs_its_watchlist(db_url: str, tmp_path: Path) -> None:
    from storage.models import SearchPage
    from storage.term_rows import TermRow
    from storage.watchlists import WatchlistStore

    server = DemoServer(size=60)
    try:
        env = crawl_env(db_url, tmp_path, ECOWARDEN_CRAWL_AUTOTHROTTLE="false")
        assert cli(env, "db", "upgrade").returncode == 0
        refused = cli(
            env, "schedule", "add", "demo-classifieds", "--cron", "*/3 * * * * *", "--watch", "nobody"
        )
        one_line_error(refused, 2, "no watchlist 'nobody'")
        _engine, factory = open_database(db_url)
        WatchlistStore(factory).add("agency", [TermRow("ivory", "en", "wildlife", 1)], by="test")
        added = cli(
            env,
            "schedule",
            "add",
            "demo-classifieds",
            "--cron",
            "*/3 * * * * *",
            "--watch",
            "agency",
            "--base-url",
            server.base_url,
        )
        assert added.returncode == 0 and "searching agency" in added.stdout, added.stderr

        def searched() -> bool:
            return any(run.outcome == "finished" for run in schedule_runs(db_url))

        with running_scheduler(env, tmp_path, "--config", str(ROOT / "ecowarden.toml")) as scheduler:
            scheduler.wait_for("a finished scheduled search crawl", searched, timeout=90)
            assert scheduler.stop() == 0, scheduler.output()
        with factory() as session:
            pages = session.scalars(select(SearchPage)).all()
        assert pages and all("/classifieds/search?q=ivory" in p.url for p in pages)
        assert [r.trigger for r in scheduled_crawls(db_url)][:1] == ["scheduler"]
    finally:
        server.stop()
