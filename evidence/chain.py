"""The custody chain's hashing and checking, with no database: so a bundle's log excerpt can be
checked offline by the same code that checks the live log.

Each entry's hash is the SHA-256 of the canonical JSON of all its other fields, ``prev_hash``
included; the first entry links to 64 zeros. Changing, removing, inserting or reordering any
entry therefore breaks either that entry's own hash or the link from the entry after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from evidence.canonical import canonical_json, parse_utc_iso, utc_iso

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Event:
    """One custody entry, exactly as stored."""

    seq: int
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    entry_hash: str = ""

    def hashed_fields(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "occurred_at": utc_iso(self.occurred_at),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.hashed_fields())).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {**self.hashed_fields(), "entry_hash": self.entry_hash}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            seq=int(data["seq"]),
            occurred_at=parse_utc_iso(str(data["occurred_at"])),
            actor=str(data["actor"]),
            action=str(data["action"]),
            subject=str(data["subject"]),
            details=dict(data["details"]),
            prev_hash=str(data["prev_hash"]),
            entry_hash=str(data["entry_hash"]),
        )


@dataclass(frozen=True)
class Problem:
    """Where the chain is broken: ``seq`` is the first entry that cannot be trusted."""

    seq: int
    #: edited (content does not match its hash) | broken_link (prev_hash is not the previous
    #: entry's hash) | missing (entries absent before this seq) | head_mismatch (the log does not
    #: end where its head row says)
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.kind}: {self.detail}"


def verify_chain(
    events: Iterable[Event], first_seq: int = 1, first_prev: str = GENESIS_HASH
) -> list[Problem]:
    """Every break in ``events`` (in stored order), first one first; empty when the chain holds.

    After a break the check resynchronises on the stored values, so each tampered spot is
    reported once instead of cascading through the rest of the log.
    """
    problems: list[Problem] = []
    expected_seq = first_seq
    expected_prev = first_prev
    for event in events:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                missing = (
                    f"{expected_seq}" if event.seq == expected_seq + 1 else f"{expected_seq}..{event.seq - 1}"
                )
                problems.append(Problem(expected_seq, "missing", f"entries {missing} are absent"))
            else:
                problems.append(Problem(event.seq, "broken_link", f"seq {event.seq} out of order"))
        elif event.prev_hash != expected_prev:
            problems.append(
                Problem(
                    event.seq,
                    "broken_link",
                    f"prev_hash is not the hash of seq {event.seq - 1}: one of the two was altered",
                )
            )
        if event.compute_hash() != event.entry_hash:
            problems.append(Problem(event.seq, "edited", "content does not match its entry_hash"))
        expected_seq = event.seq + 1
        expected_prev = event.entry_hash
    return problems
