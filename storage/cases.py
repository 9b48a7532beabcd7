"""Cases: named groups of listings an analyst assembles for one investigation and exports together.

A case is only a name and a membership list; the evidence itself stays with the captures. Names
are what analysts type on the command line and what a bundle is labelled with, so they are
trimmed, limited to 200 characters and free of control characters (a newline would corrupt a
BagIt tag file line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import Case, CaseListing, Listing

MAX_NAME = 200


class CaseError(ValueError):
    """A case operation that cannot be done as asked (unknown case or listing, bad or taken name)."""


@dataclass(frozen=True)
class CaseInfo:
    id: int
    name: str
    description: str
    created_by: str
    created_at: datetime
    listings: int


def clean_name(name: str) -> str:
    """The stored form of a case name; CaseError when it is empty, too long or has control characters."""
    cleaned = name.strip()
    if not cleaned:
        raise CaseError("case name must not be empty")
    if len(cleaned) > MAX_NAME:
        raise CaseError(f"case name longer than {MAX_NAME} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise CaseError("case name must not contain control characters")
    if cleaned in (".", ".."):
        raise CaseError("case name must not be . or .. (a URL would resolve it away)")
    if "/" in cleaned or "\\" in cleaned:
        # a case is addressed by name in URLs and file names: a slash would make it unreachable
        raise CaseError("case name must not contain / or \\")
    return cleaned


def clean_description(text: str) -> str:
    """A case's description: free text, but no control characters besides tabs and line breaks
    (PostgreSQL refuses NUL, SQLite would store it: both databases must answer the same)."""
    if any((ord(ch) < 32 and ch not in "\t\n\r") or ord(ch) == 127 for ch in text):
        raise CaseError("case description must not contain control characters")
    return text.strip()


class CaseStore:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def create(self, name: str, created_by: str, description: str = "") -> CaseInfo:
        cleaned = clean_name(name)
        if not created_by.strip():
            raise CaseError("created_by must name someone")
        try:
            with transaction(self._factory) as session:
                if session.scalars(select(Case.id).where(Case.name == cleaned)).first() is not None:
                    raise CaseError(f"a case named {cleaned!r} already exists")
                case = Case(name=cleaned, description=clean_description(description), created_by=created_by)
                session.add(case)
                session.flush()
                return _info(case, 0)
        except IntegrityError:  # created concurrently between the check and the insert
            raise CaseError(f"a case named {cleaned!r} already exists") from None

    def _case(self, session: Session, name: str) -> Case:
        cleaned = clean_name(name)
        case = session.scalars(select(Case).where(Case.name == cleaned)).first()
        if case is None:
            raise CaseError(f"no case named {cleaned!r}")
        return case

    def add_listings(self, name: str, listing_ids: Iterable[int], added_by: str) -> int:
        """Add listings to the case (ones already in it are left alone); returns how many were new.

        All or nothing: one unknown listing id refuses the whole request, naming the ids.
        """
        wanted = sorted(set(listing_ids))
        if not wanted:
            raise CaseError("no listing ids given")
        with transaction(self._factory) as session:
            case = self._case(session, name)
            known = set(session.scalars(select(Listing.id).where(Listing.id.in_(wanted))))
            unknown = [i for i in wanted if i not in known]
            if unknown:
                raise CaseError(f"no listing with id {', '.join(map(str, unknown))}")
            present = set(
                session.scalars(
                    select(CaseListing.listing_id).where(
                        CaseListing.case_id == case.id, CaseListing.listing_id.in_(wanted)
                    )
                )
            )
            new = [i for i in wanted if i not in present]
            session.add_all(CaseListing(case_id=case.id, listing_id=i, added_by=added_by) for i in new)
            return len(new)

    def listing_ids(self, name: str) -> list[int]:
        with self._factory() as session:
            case = self._case(session, name)
            return list(
                session.scalars(
                    select(CaseListing.listing_id)
                    .where(CaseListing.case_id == case.id)
                    .order_by(CaseListing.listing_id)
                )
            )

    def get(self, name: str) -> CaseInfo:
        with self._factory() as session:
            case = self._case(session, name)
            count = session.scalar(
                select(func.count()).select_from(CaseListing).where(CaseListing.case_id == case.id)
            )
            return _info(case, int(count or 0))

    def list_cases(self) -> list[CaseInfo]:
        with self._factory() as session:
            counts = (
                select(CaseListing.case_id, func.count().label("n")).group_by(CaseListing.case_id).subquery()
            )
            rows = session.execute(
                select(Case, counts.c.n).outerjoin(counts, counts.c.case_id == Case.id).order_by(Case.name)
            ).all()
            return [_info(case, int(n or 0)) for case, n in rows]


def _info(case: Case, listings: int) -> CaseInfo:
    return CaseInfo(
        id=case.id,
        name=case.name,
        description=case.description or "",
        created_by=case.created_by,
        created_at=case.created_at,
        listings=listings,
    )
