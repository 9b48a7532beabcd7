"""The custody log on both databases: one chain under concurrency, triggers, and tamper detection.

Tampering goes around the append-only triggers the way someone with database access would: by
dropping them first. The chain check must still name the first entry that cannot be trusted.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from evidence.chain import GENESIS_HASH, Event, verify_chain
from evidence.custody import CustodyLog
from storage.db import make_engine, open_database


@pytest.fixture
def log(db_url: str) -> CustodyLog:
    _engine, factory = open_database(db_url)
    return CustodyLog(factory)


def engine_of(log: CustodyLog) -> Engine:
    bind = log._factory.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def fill(log: CustodyLog, count: int) -> list[Event]:
    actions = ["captured", "viewed", "annotated", "exported", "verified"]
    return [
        log.append("analyst@example.org", actions[n % 5], f"capture-{n % 3}", {"n": n, "note": "é"})
        for n in range(count)
    ]


INSERT_SQL = (
    "INSERT INTO custody_events (seq, occurred_at, actor, action, subject, details, prev_hash, entry_hash)"
)
GUARDS = ("custody_events_no_update", "custody_events_no_delete", "custody_events_no_truncate")


def drop_guards(engine: Engine) -> None:
    """What an attacker with database access does first."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for name in GUARDS:
                conn.execute(text(f"DROP TRIGGER {name} ON custody_events"))
        else:
            conn.execute(text("DROP TRIGGER custody_events_no_update"))
            conn.execute(text("DROP TRIGGER custody_events_no_delete"))


def sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def test_append_links_entries_and_verifies(log: CustodyLog) -> None:
    assert log.verify() == []
    events = fill(log, 7)
    assert [e.seq for e in events] == list(range(1, 8))
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.entry_hash
    assert all(e.entry_hash == e.compute_hash() and len(e.entry_hash) == 64 for e in events)
    stored = list(log.events())
    assert stored == events, "what is read back hashes exactly as what was written"
    assert [e.seq for e in log.events(subject="capture-1")] == [2, 5]
    assert log.verify() == []
    assert verify_chain(Event.from_json(e.to_json()) for e in stored) == []


def test_bad_appends_are_refused_before_writing(log: CustodyLog) -> None:
    with pytest.raises(ValueError, match="unknown custody action"):
        log.append("a", "deleted", "capture-1")
    with pytest.raises(ValueError):
        log.append(" ", "viewed", "capture-1")
    with pytest.raises(ValueError):
        log.append("a", "viewed", "capture-1", {"score": float("inf")})
    assert list(log.events()) == [] and log.verify() == []


def test_database_refuses_update_and_delete(log: CustodyLog) -> None:
    fill(log, 3)
    engine = engine_of(log)
    with pytest.raises(DBAPIError, match="append-only"):
        sql(engine, "UPDATE custody_events SET actor = 'mallory' WHERE seq = 2")
    with pytest.raises(DBAPIError, match="append-only"):
        sql(engine, "DELETE FROM custody_events WHERE seq = 3")
    with pytest.raises(DBAPIError, match="append-only"):
        sql(engine, "DELETE FROM custody_events")
    if engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"):
            sql(engine, "TRUNCATE custody_events")
    assert [e.actor for e in log.events()] == ["analyst@example.org"] * 3
    assert log.verify() == []


def test_concurrent_appenders_make_one_chain(log: CustodyLog, db_url: str) -> None:
    _engine, second_factory = open_database(db_url)
    logs = [log, CustodyLog(second_factory)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            start.wait()
            for n in range(50):
                logs[index].append(f"worker-{index}", "viewed", f"capture-{index}", {"n": n})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    verdicts: list[list[object]] = []
    done = threading.Event()

    def auditor() -> None:
        while not done.is_set():
            verdicts.append(list(log.verify()))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    audit = threading.Thread(target=auditor)
    for thread in threads:
        thread.start()
    audit.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    audit.join(timeout=120)
    assert errors == []
    assert verdicts and all(v == [] for v in verdicts), "verify during appends must not cry wolf"
    events = list(log.events())
    assert [e.seq for e in events] == list(range(1, 101))
    assert {e.actor for e in events} == {"worker-0", "worker-1"}
    assert log.verify() == []


def test_edited_entry_is_named(log: CustodyLog) -> None:
    fill(log, 6)
    drop_guards(engine_of(log))
    sql(engine_of(log), "UPDATE custody_events SET actor = 'mallory' WHERE seq = 3")
    problems = log.verify()
    assert problems and problems[0].seq == 3 and problems[0].kind == "edited"
    assert [p.seq for p in problems] == [3]


def test_edited_and_rehashed_entry_breaks_the_next_link(log: CustodyLog) -> None:
    events = fill(log, 6)
    forged = replace(events[2], actor="mallory")
    forged = replace(forged, entry_hash=forged.compute_hash())
    drop_guards(engine_of(log))
    sql(
        engine_of(log),
        "UPDATE custody_events SET actor = :actor, entry_hash = :hash WHERE seq = 3",
        actor=forged.actor,
        hash=forged.entry_hash,
    )
    problems = log.verify()
    assert problems[0].seq == 4 and problems[0].kind == "broken_link"


def test_reordered_entries_are_named(log: CustodyLog) -> None:
    fill(log, 6)
    engine = engine_of(log)
    drop_guards(engine)
    sql(engine, "UPDATE custody_events SET seq = -1 WHERE seq = 3")
    sql(engine, "UPDATE custody_events SET seq = 3 WHERE seq = 4")
    sql(engine, "UPDATE custody_events SET seq = 4 WHERE seq = -1")
    problems = log.verify()
    assert problems[0].seq == 3


def test_deleted_entry_is_named(log: CustodyLog) -> None:
    fill(log, 6)
    drop_guards(engine_of(log))
    sql(engine_of(log), "DELETE FROM custody_events WHERE seq = 4")
    problems = log.verify()
    assert problems[0].seq == 4 and problems[0].kind == "missing"


def test_deleted_tail_is_caught_by_the_head(log: CustodyLog) -> None:
    fill(log, 6)
    drop_guards(engine_of(log))
    sql(engine_of(log), "DELETE FROM custody_events WHERE seq >= 5")
    problems = log.verify()
    assert [(p.seq, p.kind) for p in problems] == [(5, "head_mismatch")]


def test_forged_append_past_the_head_is_caught(log: CustodyLog) -> None:
    """INSERT is allowed by the triggers (appending is the point); the head row shows the forgery."""
    events = fill(log, 3)
    forged = Event(4, events[-1].occurred_at, "mallory", "viewed", "capture-0", {}, events[-1].entry_hash)
    forged = replace(forged, entry_hash=forged.compute_hash())
    sql(
        engine_of(log),
        INSERT_SQL + " VALUES (4, :at, 'mallory', 'viewed', 'capture-0', '{}', :prev, :hash)",
        at=forged.occurred_at,
        prev=forged.prev_hash,
        hash=forged.entry_hash,
    )
    assert [(p.seq, p.kind) for p in log.verify()] == [(4, "head_mismatch")]


def test_inserted_entry_is_detected(log: CustodyLog) -> None:
    """A careful forger: shifts later entries up and inserts a well-formed entry at seq 4."""
    events = fill(log, 6)
    engine = engine_of(log)
    drop_guards(engine)
    for seq in range(6, 3, -1):
        sql(engine, "UPDATE custody_events SET seq = :new WHERE seq = :old", new=seq + 1, old=seq)
    forged = Event(
        seq=4,
        occurred_at=events[2].occurred_at,
        actor="mallory",
        action="viewed",
        subject="capture-0",
        details={},
        prev_hash=events[2].entry_hash,
    )
    forged = replace(forged, entry_hash=forged.compute_hash())
    sql(
        engine,
        INSERT_SQL + " VALUES (:seq, :at, :actor, :action, :subject, '{}', :prev, :hash)",
        seq=4,
        at=forged.occurred_at,
        actor=forged.actor,
        action=forged.action,
        subject=forged.subject,
        prev=forged.prev_hash,
        hash=forged.entry_hash,
    )
    problems = log.verify()
    # the forged entry is self-consistent; the first entry that cannot be trusted is the next one
    assert problems[0].seq == 5
    assert {p.kind for p in problems} >= {"edited", "broken_link", "head_mismatch"}


def test_sloppy_insert_is_named_at_its_seq(log: CustodyLog) -> None:
    fill(log, 3)
    engine = engine_of(log)
    drop_guards(engine)
    for seq in (3, 2):
        sql(engine, "UPDATE custody_events SET seq = :new WHERE seq = :old", new=seq + 1, old=seq)
    sql(
        engine,
        INSERT_SQL + " SELECT 2, occurred_at, 'mallory', action, subject, details, prev_hash, entry_hash"
        " FROM custody_events WHERE seq = 1",
    )
    assert log.verify()[0].seq == 2


def test_verify_survives_a_fresh_engine(log: CustodyLog, db_url: str) -> None:
    """The chain depends on nothing cached in the process that wrote it."""
    fill(log, 4)
    from storage.db import session_factory

    assert CustodyLog(session_factory(make_engine(db_url))).verify() == []


def test_migration_0003_round_trips(db_url: str) -> None:
    """Downgrading removes tables, triggers and function; upgrading again restores the guards."""
    from alembic import command
    from sqlalchemy import inspect

    from storage.db import alembic_config

    _engine, factory = open_database(db_url)
    command.downgrade(alembic_config(db_url), "0002")
    engine = make_engine(db_url)
    assert not {"custody_events", "custody_head", "captures", "artifacts"} & set(
        inspect(engine).get_table_names()
    )
    engine.dispose()
    _engine, factory = open_database(db_url)
    log = CustodyLog(factory)
    fill(log, 2)
    with pytest.raises(DBAPIError, match="append-only"):
        sql(engine_of(log), "DELETE FROM custody_events")
    assert log.verify() == []
