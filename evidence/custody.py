"""The chain-of-custody log in the database: append-only, hash-chained, one chain however many writers.

Appenders are serialised on the single ``custody_head`` row: PostgreSQL locks it with
``SELECT ... FOR UPDATE``; SQLite has no row locks, so the transaction opens with a write to the
head row, which takes the database's write lock before anything is read (the effect of
``BEGIN IMMEDIATE``). Either way, the second of two concurrent appenders reads the head only
after the first has committed, so the chain cannot fork. The table itself refuses UPDATE and
DELETE through triggers (migration 0003); :meth:`CustodyLog.verify` catches what someone with
enough access to get around them would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from evidence.canonical import canonical_json
from evidence.chain import GENESIS_HASH, Event, Problem, verify_chain
from storage.db import transaction
from storage.models import AuditEvent, AuditHead, CustodyEvent, CustodyHead
from storage.types import utcnow

#: the things that happen to evidence; a closed list so a misspelt action fails loudly.
#: ``export_started`` and ``published`` are about a bundle (subject ``bundle:<id>``): where it is
#: to be written, then its SHA-256 and size once it has its final name (evidence/bundle/recovery.py).
#: ``head_timestamped`` records an RFC 3161 token over the hash of the log's own head (subject
#: ``custody:head``, evidence/head_stamp.py)
ACTIONS = frozenset(
    {
        "captured",
        "viewed",
        "exported",
        "annotated",
        "verified",
        "signed",
        "timestamped",
        "transferred",
        "export_started",
        "published",
        "head_timestamped",
    }
)
_PAGE = 1000


def as_event(row: CustodyEvent | AuditEvent) -> Event:
    """A stored row as the chain's :class:`Event`."""
    return Event(
        seq=row.seq,
        occurred_at=row.occurred_at,
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        details=dict(row.details or {}),
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
    )


class ChainedLog:
    """An append-only hash-chained log over an (entry table, head row) pair.

    The custody log is one; the review app's audit log is another, built the same way so that
    its entries are as hard to rewrite quietly."""

    event_model: type[CustodyEvent] | type[AuditEvent] = CustodyEvent
    head_model: type[CustodyHead] | type[AuditHead] = CustodyHead
    actions: frozenset[str] = ACTIONS
    what = "custody"

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def append(
        self, actor: str, action: str, subject: str, details: Mapping[str, Any] | None = None
    ) -> Event:
        """Record one event, linked to the current last entry, in its own transaction."""
        with transaction(self._factory) as session:
            return self.append_in(session, actor, action, subject, details)

    def append_in(
        self,
        session: Session,
        actor: str,
        action: str,
        subject: str,
        details: Mapping[str, Any] | None = None,
    ) -> Event:
        """Record one event inside the caller's transaction, so the event and what it records
        (a capture's rows, say) commit or roll back together. Takes the head lock: keep the
        transaction short."""
        if action not in self.actions:
            raise ValueError(f"unknown {self.what} action {action!r}; known: {sorted(self.actions)}")
        if not actor.strip() or len(actor) > 200:
            raise ValueError("actor must be a non-empty name of at most 200 characters")
        if not subject.strip() or len(subject) > 200:
            raise ValueError("subject must be non-empty, at most 200 characters")
        details = dict(details or {})
        canonical_json(details)  # refuse what cannot be hashed before taking the lock
        head = self._lock_head(session)
        event = Event(
            seq=head.seq + 1,
            occurred_at=utcnow(),
            actor=actor,
            action=action,
            subject=subject,
            details=details,
            prev_hash=head.entry_hash,
        )
        event = replace(event, entry_hash=event.compute_hash())
        session.add(self.event_model(**asdict(event)))
        head.seq = event.seq
        head.entry_hash = event.entry_hash
        session.flush()
        return event

    def lock_head(self, session: Session) -> tuple[int, str]:
        """Take the appenders' lock inside the caller's transaction (to decide what to append
        from entries no other appender can add to meanwhile); the head's (seq, entry_hash)."""
        head = self._lock_head(session)
        return int(head.seq), str(head.entry_hash)

    def _lock_head(self, session: Session) -> Any:
        head_model = self.head_model
        if session.get_bind().dialect.name == "sqlite":
            # a write first: SQLite's write lock now, held to commit (BEGIN IMMEDIATE semantics)
            session.execute(
                update(head_model).where(head_model.id == 1).values(seq=head_model.seq),
                execution_options={"synchronize_session": False},
            )
        head: Any = session.scalars(
            select(head_model)
            .where(head_model.id == 1)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one_or_none()
        if head is None:
            raise RuntimeError(f"{self.head_model.__tablename__} row missing: run the database migrations")
        return head

    def events(
        self, subject: str | None = None, *, first_seq: int = 1, last_seq: int | None = None
    ) -> Iterator[Event]:
        """Entries in chain order (all, those about one subject, or a seq range), a page at a time."""
        after = first_seq - 1
        while True:
            with self._factory() as session:
                model = self.event_model
                query = select(model).where(model.seq > after)
                if subject is not None:
                    query = query.where(model.subject == subject)
                if last_seq is not None:
                    query = query.where(model.seq <= last_seq)
                rows: Sequence[Any] = session.scalars(query.order_by(model.seq).limit(_PAGE)).all()
            if not rows:
                return
            for row in rows:
                yield as_event(row)
            after = rows[-1].seq

    def entry_hashes(self, seqs: Iterable[int]) -> dict[int, str]:
        """The stored ``entry_hash`` of each of ``seqs`` that exists (to compare with what a record
        elsewhere says an entry hashed to, e.g. a timestamped head)."""
        wanted = sorted(set(seqs))
        found: dict[int, str] = {}
        model = self.event_model
        for start in range(0, len(wanted), _PAGE):
            with self._factory() as session:
                rows = session.execute(
                    select(model.seq, model.entry_hash).where(model.seq.in_(wanted[start : start + _PAGE]))
                ).all()
            found.update({int(seq): str(entry_hash) for seq, entry_hash in rows})
        return found

    def head(self) -> tuple[int, str] | None:
        """The head row's (seq, entry_hash); None when the row is missing."""
        return self._head()

    def _head(self) -> tuple[int, str] | None:
        with self._factory() as session:
            head: Any = session.get(self.head_model, 1)
            return None if head is None else (int(head.seq), str(head.entry_hash))

    def verify(self, observe: Callable[[Event], None] | None = None) -> list[Problem]:
        """Recompute the whole chain; the problems found, first broken seq first (empty: intact).
        ``observe`` sees each entry as it is checked (an audit reading the log once).

        Safe while others append: the head is read before the entries (everything up to it is
        committed, since an entry and its head update commit together) and again after them
        (every entry seen must be at or below it), so concurrent appends are not mistaken for
        tampering, while entries cut from the end or added past the head are still caught.
        """
        before = self._head()
        if before is None:
            return [Problem(1, "head_mismatch", "custody_head row is missing")]
        end = (0, GENESIS_HASH)
        at_head = GENESIS_HASH if before[0] == 0 else None

        def track(events: Iterator[Event]) -> Iterator[Event]:
            nonlocal end, at_head
            for event in events:
                end = (event.seq, event.entry_hash)
                if event.seq == before[0]:
                    at_head = event.entry_hash
                if observe is not None:
                    observe(event)
                yield event

        problems = verify_chain(track(self.events()))
        after = self._head() or before
        end_seq = end[0]
        if end_seq < before[0]:
            problems.append(
                Problem(
                    end_seq + 1, "head_mismatch", f"the head names seq {before[0]}, the log ends at {end_seq}"
                )
            )
        elif at_head != before[1]:
            problems.append(
                Problem(before[0], "head_mismatch", f"seq {before[0]} is not the entry the head recorded")
            )
        if end_seq > after[0]:
            problems.append(
                Problem(
                    after[0] + 1, "head_mismatch", f"entries past the head (seq {after[0]}) up to {end_seq}"
                )
            )
        return sorted(problems, key=lambda p: p.seq)


class CustodyLog(ChainedLog):
    """Every event touching evidence: captured, viewed, exported, annotated, ..."""
