"""Engine and session factory, and schema upgrades through Alembic (the only way the schema changes)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Insert, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the per-backend settings the project relies on (WAL and FKs on SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole or rolled back whole."""
    with factory() as session, session.begin():
        yield session


def serialise_on(session: Session, *names: str) -> None:
    """Make transactions that name the same keys run one after another, until each ends.

    For a count-then-act rule (five failed logins) that parallel requests must not outrun. On
    PostgreSQL: advisory transaction locks, taken in one order so two of them cannot deadlock. On
    SQLite there is one writer: a transaction that writes before it reads is serialised already."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in sorted(set(names)):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})


def insert_or_ignore(session: Session, model: Any, unique_columns: list[str]) -> Insert:
    """An INSERT that skips rows whose unique key another writer stored first (both backends
    know ``ON CONFLICT DO NOTHING``), for get-or-create of shared rows under concurrent writers."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing(index_elements=unique_columns)
    if dialect == "sqlite":
        return sqlite.insert(model).on_conflict_do_nothing(index_elements=unique_columns)
    raise NotImplementedError(f"no conflict-skipping insert for {dialect}")


#: SQLSTATEs of a write that lost a race with another one (unique key, serialization, deadlock)
_RACE_SQLSTATES = frozenset({"23505", "40001", "40P01"})
#: SQLite says the same in words
_RACE_MESSAGES = ("UNIQUE constraint failed", "database is locked")


class ConcurrentWriteConflict(RuntimeError):
    """A row another writer stored is not visible to this transaction yet (its snapshot is
    older): the write is tried again in a new transaction."""


def lost_a_race(exc: BaseException) -> bool:
    """Whether a failed write may succeed as it is if tried again: it collided with a concurrent
    writer (a unique key stored meanwhile, a deadlock, SQLite's lock), not with its own data."""
    if isinstance(exc, ConcurrentWriteConflict):
        return True
    if not isinstance(exc, IntegrityError | OperationalError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _RACE_SQLSTATES:
        return True
    return any(message in str(exc.orig) for message in _RACE_MESSAGES)


def alembic_config(url: str) -> Any:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database schema up to ``revision``; safe to call on every start."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


@lru_cache(maxsize=1)
def _script_head() -> str | None:
    """The newest migration's revision (the scripts do not change under a running process)."""
    from alembic.script import ScriptDirectory

    head: str | None = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    return head


def at_head(engine: Engine) -> bool:
    """Whether the database already has the newest schema: one query, where a no-op Alembic
    upgrade costs a few hundred milliseconds (a crawl opens its database more than once)."""
    from alembic.migration import MigrationContext

    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError:
        return False  # unreachable or unreadable: the upgrade says why
    return current is not None and current == _script_head()


def open_database(url: str) -> tuple[Engine, sessionmaker[Session]]:
    """Upgrade the schema unless it is at head, then hand back an engine and session factory."""
    engine = make_engine(url)
    if not at_head(engine):
        upgrade(url)
    return engine, session_factory(engine)
