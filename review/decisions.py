"""What analysts do to a queue item, with optimistic locking and an audit entry for each change.

Every change names the item version the analyst saw. The UPDATE only applies to that version, so
when two analysts act on the same listing the second one is told the item changed, and shown it
again, instead of silently overwriting the first. Confirm and dismiss also write a ``decisions``
row: that table is what ``ecowarden train`` learns from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from classifiers.types import SUSPECT_CATEGORIES
from review.accounts import Account
from review.audit import AuditLog
from storage.db import transaction
from storage.models import Decision, Listing, ReviewItem, ReviewNote, ReviewTag, User
from storage.types import utcnow

MAX_NOTE = 10_000


class StaleEdit(Exception):
    """The item changed since the analyst loaded it; nothing was written."""

    def __init__(self, listing_id: int, expected: int, current: int | None) -> None:
        super().__init__(
            f"listing {listing_id} was changed by someone else"
            f" (you saw version {expected}, it is now {current})"
        )
        self.listing_id, self.expected, self.current = listing_id, expected, current


class DecisionError(ValueError):
    """A decision that cannot be made as asked (bad category, missing reason, not in the queue)."""


class NoSuchListing(DecisionError):
    """The listing a change names does not exist (a 404, not a 400)."""


def _require_listing(session: Session, listing_id: int) -> None:
    if session.get(Listing, listing_id) is None:
        raise NoSuchListing(f"no listing {listing_id}")


def clean_text(text: str, what: str) -> str:
    """Free text an analyst typed, refused (``DecisionError``) if it holds control characters
    other than tabs and line breaks: PostgreSQL refuses NUL, SQLite would store it, and every
    database must answer the same."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        raise DecisionError(f"{what} must not contain control characters")
    return text


@dataclass(frozen=True)
class Change:
    listing_id: int
    version: int
    status: str


class Decisions:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.audit = AuditLog(factory)

    def _apply(
        self,
        session: Session,
        account: Account,
        listing_id: int,
        expected_version: int,
        values: dict[str, Any],
        action: str,
        details: dict[str, Any],
    ) -> Change:
        result = session.execute(
            update(ReviewItem)
            .where(ReviewItem.listing_id == listing_id, ReviewItem.version == expected_version)
            .values(
                version=ReviewItem.version + 1, updated_at=utcnow(), updated_by=account.username, **values
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            current = session.scalar(select(ReviewItem.version).where(ReviewItem.listing_id == listing_id))
            if current is None:
                raise DecisionError(f"listing {listing_id} is not in the review queue")
            raise StaleEdit(listing_id, expected_version, current)
        self.audit.append_in(session, account.username, action, f"listing:{listing_id}", details)
        status = session.scalar(select(ReviewItem.status).where(ReviewItem.listing_id == listing_id))
        return Change(listing_id, expected_version + 1, str(status))

    def decide(
        self,
        account: Account,
        listing_id: int,
        expected_version: int,
        action: str,
        *,
        category: str | None = None,
        reason: str | None = None,
    ) -> Change:
        """confirm (with a category), dismiss (with a reason), escalate, or reopen."""
        reason = clean_text(reason or "", "a reason").strip()[:2000] or None
        if action == "confirm":
            if category not in SUSPECT_CATEGORIES:
                raise DecisionError(f"confirm needs a category: one of {', '.join(SUSPECT_CATEGORIES)}")
            values: dict[str, Any] = {"status": "confirmed", "confirmed_category": category}
        elif action == "dismiss":
            if not reason:
                raise DecisionError("dismiss needs a reason")
            values, category = {"status": "dismissed", "confirmed_category": None}, "none"
        elif action == "escalate":
            values, category = {"status": "escalated"}, None
        elif action == "reopen":
            values, category = {"status": "new", "confirmed_category": None}, None
        else:
            raise DecisionError(f"unknown decision {action!r}")
        past = {"confirm": "confirmed", "dismiss": "dismissed", "escalate": "escalated", "reopen": "reopened"}
        with transaction(self._factory) as session:
            change = self._apply(
                session,
                account,
                listing_id,
                expected_version,
                values,
                past[action],
                {"category": category, "reason": reason, "version": expected_version + 1},
            )
            if action in ("confirm", "dismiss", "escalate"):
                session.add(
                    Decision(
                        listing_id=listing_id,
                        action=action,
                        category=category,
                        reason=reason,
                        analyst=account.username,
                    )
                )
            return change

    def decide_many(
        self,
        account: Account,
        items: Sequence[tuple[int, int]],
        action: str,
        *,
        category: str | None = None,
        reason: str | None = None,
    ) -> tuple[list[Change], list[Exception]]:
        """Bulk: each item is its own transaction, so one stale or refused item does not undo,
        or stop, the others; the refusals are returned to be shown."""
        done: list[Change] = []
        refused: list[Exception] = []
        for listing_id, version in items:
            try:
                done.append(
                    self.decide(account, listing_id, version, action, category=category, reason=reason)
                )
            except (StaleEdit, DecisionError) as exc:
                refused.append(exc)
        return done, refused

    def assign(
        self, account: Account, listing_id: int, expected_version: int, assignee: str | None
    ) -> Change:
        with transaction(self._factory) as session:
            assignee_id = None
            if assignee:
                assignee_id = session.scalar(select(User.id).where(User.username == assignee))
                if assignee_id is None:
                    raise DecisionError(f"no user {assignee!r}")
            return self._apply(
                session,
                account,
                listing_id,
                expected_version,
                {"assignee_id": assignee_id},
                "assigned",
                {"assignee": assignee},
            )

    def add_note(self, account: Account, listing_id: int, body: str) -> None:
        body = clean_text(body, "a note").strip()
        if not body:
            raise DecisionError("a note cannot be empty")
        with transaction(self._factory) as session:
            _require_listing(session, listing_id)
            session.add(ReviewNote(listing_id=listing_id, author=account.username, body=body[:MAX_NOTE]))
            self.audit.append_in(
                session, account.username, "noted", f"listing:{listing_id}", {"chars": len(body)}
            )

    def set_tags(
        self, account: Account, listing_id: int, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> None:
        clean_add = sorted({clean_text(t, "a tag").strip().lower()[:60] for t in add if t.strip()})
        clean_remove = sorted({clean_text(t, "a tag").strip().lower()[:60] for t in remove if t.strip()})
        with transaction(self._factory) as session:
            _require_listing(session, listing_id)
            present = set(session.scalars(select(ReviewTag.tag).where(ReviewTag.listing_id == listing_id)))
            new = [t for t in clean_add if t not in present]
            session.add_all(ReviewTag(listing_id=listing_id, tag=t) for t in new)
            gone = [t for t in clean_remove if t in present]
            if gone:
                session.execute(
                    delete(ReviewTag).where(ReviewTag.listing_id == listing_id, ReviewTag.tag.in_(gone))
                )
            if new:
                self.audit.append_in(
                    session, account.username, "tagged", f"listing:{listing_id}", {"tags": new}
                )
            if gone:
                self.audit.append_in(
                    session, account.username, "untagged", f"listing:{listing_id}", {"tags": gone}
                )
