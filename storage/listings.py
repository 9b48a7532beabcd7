"""Writes crawl observations in batches: new listings, versions on change, removals.

A batch is one transaction. Rows are written with Core statements rather than one ORM object per
item, because per-item ORM work is two orders of magnitude slower (see TRAPS.md) and crawls
produce listings faster than that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.capture_queue import enqueue_in
from storage.db import ConcurrentWriteConflict, insert_or_ignore, transaction
from storage.models import (
    CrawlRun,
    Listing,
    ListingIdentifier,
    ListingImage,
    ListingVersion,
    ReviewItem,
    Seller,
    Site,
)
from storage.predictions import insert_predictions
from storage.records import VERSIONED_FIELDS, FoundIdentifier, ListingContent, ListingSnapshot, Verdict
from storage.runs import merge_run_stats
from storage.types import utcnow

_T = TypeVar("_T")
_QUERY_CHUNK = 500


@dataclass(slots=True)
class Observation:
    """A listing as seen on one fetch: its content, where and when, and the verdict on it."""

    canonical_url: str
    url: str
    observed_at: datetime
    content: ListingContent = field(default_factory=ListingContent)
    #: the language identified from the title and description (derived, so not versioned)
    text_language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: the classifier's verdict on this content
    verdict: Verdict | None = None
    #: phones, e-mails, handles... the content shows (stored with each new version)
    identifiers: tuple[FoundIdentifier, ...] = ()


@dataclass
class Disappearance:
    """A known listing URL answered 404/410 or showed a removal notice."""

    canonical_url: str
    observed_at: datetime
    reason: str


@dataclass
class BatchResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    reappeared: int = 0
    captures_queued: int = 0

    def add(self, other: BatchResult) -> None:
        for name in ("new", "changed", "unchanged", "removed", "reappeared", "captures_queued"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _chunks(items: Sequence[_T], size: int = _QUERY_CHUNK) -> Iterable[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class ListingStore:
    """The crawler's view of storage: sites, runs and listing batches."""

    def __init__(self, factory: sessionmaker[Session], *, capture_on_flag: bool = False) -> None:
        self._factory = factory
        #: queue an evidence capture for every listing version the classifier newly flags
        self.capture_on_flag = capture_on_flag

    @property
    def factory(self) -> sessionmaker[Session]:
        return self._factory

    # -- sites and runs -------------------------------------------------------------------
    def ensure_site(self, key: str, base_url: str) -> int:
        with transaction(self._factory) as session:
            site_id = session.scalar(select(Site.id).where(Site.key == key))
            if site_id is None:
                site = Site(key=key, base_url=base_url)
                session.add(site)
                session.flush()
                site_id = site.id
            return site_id

    def start_run(
        self, site_id: int, spider: str, start_urls: list[str], *, trigger: str = "cli", mode: str = "local"
    ) -> str:
        with transaction(self._factory) as session:
            run = CrawlRun(
                site_id=site_id, spider=spider, start_urls=start_urls, stats={}, trigger=trigger, mode=mode
            )
            session.add(run)
            session.flush()
            return run.id

    def resume_run(self, run_id: str) -> bool:
        """Mark a run as running again; False when no such run exists."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id)
            if run is None:
                return False
            run.status = "running"
            run.finished_at = None
            run.resumes += 1
            return True

    def finish_run(self, run_id: str, status: str, reason: str, stats: dict[str, Any]) -> None:
        """Close a run, adding this process's counters to those of earlier (resumed) processes."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id)
            if run is None:
                return
            merge_run_stats(session, run, stats)
            run.status = status
            run.finish_reason = reason
            run.finished_at = utcnow()

    def active_listing_urls(
        self, site_id: int, *, after_id: int = 0, limit: int | None = None
    ) -> list[tuple[int, str]]:
        """(id, canonical URL) of a site's active listings by id; keyset pages for large sites."""
        query = (
            select(Listing.id, Listing.canonical_url)
            .where(Listing.site_id == site_id, Listing.status == "active", Listing.id > after_id)
            .order_by(Listing.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._factory() as session:
            return [(row.id, row.canonical_url) for row in session.execute(query)]

    def seen_since(self, site_id: int, urls: Sequence[str], since: datetime) -> set[str]:
        """Which of these canonical URLs are stored listings of the site seen since ``since``
        (a search crawl does not fetch them again)."""
        found: set[str] = set()
        with self._factory() as session:
            for chunk in _chunks(list(urls)):
                found.update(
                    session.scalars(
                        select(Listing.canonical_url).where(
                            Listing.site_id == site_id,
                            Listing.canonical_url.in_(chunk),
                            Listing.last_seen_at >= since,
                        )
                    )
                )
        return found

    def urls_observed_in_run(self, run_id: str) -> set[str]:
        with self._factory() as session:
            return set(session.scalars(select(Listing.canonical_url).where(Listing.last_run_id == run_id)))

    # -- listings ---------------------------------------------------------------------------
    def apply_batch(
        self,
        site_id: int,
        run_id: str | None,
        observations: Sequence[Observation],
        disappearances: Sequence[Disappearance] = (),
    ) -> BatchResult:
        """Store one batch in one transaction and say what it changed."""
        latest: dict[str, Observation] = {}
        for obs in observations:
            latest[obs.canonical_url] = obs
        gone = {d.canonical_url: d for d in disappearances if d.canonical_url not in latest}
        result = BatchResult()
        with transaction(self._factory) as session:
            seller_ids = self._upsert_sellers(session, site_id, latest.values())
            existing = self._load_existing(session, list(latest) + list(gone))
            new_rows: list[dict[str, Any]] = []
            seen_again: list[dict[str, Any]] = []
            relabelled: dict[int, str] = {}
            verdicts: list[tuple[int, int, Observation]] = []
            #: by listing id, when a listing seen before was first seen (new ones: this batch)
            first_seen: dict[int, datetime] = {}
            #: unchanged listings that show identifiers (stored before identifiers were read?)
            unchanged_with_identifiers: list[tuple[int, int, Observation]] = []
            for url, obs in latest.items():
                row = existing.get(url)
                seller_pk = seller_ids.get(_seller_key(obs) or "")
                if row is None:
                    new_rows.append(self._listing_row(site_id, run_id, obs, seller_pk))
                    result.new += 1
                    continue
                digest = obs.content.content_hash
                if digest == row["content_hash"] and row["status"] == "active":
                    again: dict[str, Any] = {
                        "id": row["id"],
                        "last_seen_at": obs.observed_at,
                        "last_run_id": run_id,
                    }
                    if obs.content.country and obs.content.country != row["country"]:
                        # derived from the same text (a row stored before countries were read)
                        again["country"] = obs.content.country
                    seen_again.append(again)
                    if obs.identifiers:
                        unchanged_with_identifiers.append((row["id"], row["version"], obs))
                    if obs.text_language not in (None, row["text_language"]):
                        # same text, another reading of its language (a row stored before
                        # identification, or a new identifier): derived, so no new version.
                        # None (undecidable, or a writer that does not identify) erases nothing.
                        relabelled[row["id"]] = obs.text_language
                    result.unchanged += 1
                    continue
                kind = "reappeared" if row["status"] != "active" else "changed"
                self._record_change(session, row, obs, digest, kind, run_id, seller_pk)
                verdicts.append((row["id"], row["version"] + 1, obs))
                first_seen[row["id"]] = row["first_seen_at"]
                if kind == "reappeared":
                    result.reappeared += 1
                else:
                    result.changed += 1
            if seen_again:
                # one executemany by primary key instead of a statement per unchanged listing
                # (rows with and without a country update go as separate executemany groups)
                for keys in {frozenset(r) for r in seen_again}:
                    session.execute(update(Listing), [r for r in seen_again if frozenset(r) == keys])
            if unchanged_with_identifiers:
                _backfill_identifiers(session, unchanged_with_identifiers)
            if relabelled:
                self._relabel(session, relabelled)
            if new_rows:
                verdicts.extend(self._insert_new(session, new_rows, latest, run_id))
            fresh = insert_predictions(
                session,
                [
                    obs.verdict.row(listing_id, version)
                    for listing_id, version, obs in verdicts
                    if obs.verdict is not None
                ],
            )
            if self.capture_on_flag:
                judged = {listing_id: (version, obs) for listing_id, version, obs in verdicts}
                snapshots = {
                    row["listing_id"]: _snapshot(
                        row["listing_id"],
                        *judged[row["listing_id"]],
                        first_seen.get(row["listing_id"]),
                        run_id,
                    )
                    for row in fresh
                    if row.get("flagged")
                }
                flagged = [(listing_id, s.url) for listing_id, s in snapshots.items()]
                # same transaction as the verdict: a flag is never stored without its capture queued
                if flagged:
                    result.captures_queued += enqueue_in(
                        session, flagged, "flagged", run_id, snapshots=snapshots
                    )
            for url, disappearance in gone.items():
                row = existing.get(url)
                if row is None or row["status"] != "active":
                    continue
                self._record_removal(session, row, disappearance, run_id)
                result.removed += 1
        return result

    # -- internals --------------------------------------------------------------------------
    @staticmethod
    def _listing_row(
        site_id: int, run_id: str | None, obs: Observation, seller_pk: int | None
    ) -> dict[str, Any]:
        return {
            "site_id": site_id,
            "canonical_url": obs.canonical_url,
            "url": obs.url,
            **obs.content.listing_columns(),
            "seller_id": seller_pk,
            "text_language": obs.text_language,
            "extra": obs.extra,
            "status": "active",
            "content_hash": obs.content.content_hash,
            "version": 1,
            "first_seen_at": obs.observed_at,
            "last_seen_at": obs.observed_at,
            "removed_at": None,
            "first_run_id": run_id,
            "last_run_id": run_id,
        }

    @staticmethod
    def _version_row(
        listing_id: int,
        version: int,
        kind: str,
        obs: Observation,
        run_id: str | None,
        changed: list[str],
    ) -> dict[str, Any]:
        return {
            "listing_id": listing_id,
            "version": version,
            "kind": kind,
            "observed_at": obs.observed_at,
            "run_id": run_id,
            **obs.content.version_columns(),
            "content_hash": obs.content.content_hash,
            "changed_fields": changed,
        }

    def _insert_new(
        self,
        session: Session,
        rows: list[dict[str, Any]],
        latest: dict[str, Observation],
        run_id: str | None,
    ) -> list[tuple[int, int, Observation]]:
        returned = session.execute(
            insert(Listing).returning(Listing.id, Listing.canonical_url, sort_by_parameter_order=True),
            rows,
        ).all()
        versions: list[dict[str, Any]] = []
        images: list[dict[str, Any]] = []
        for listing_id, url in returned:
            obs = latest[url]
            versions.append(self._version_row(listing_id, 1, "new", obs, run_id, []))
            images.extend(_image_rows(listing_id, obs.content.images))
        session.execute(insert(ListingVersion), versions)
        if images:
            session.execute(insert(ListingImage), images)
        _insert_identifiers(session, [(listing_id, 1, latest[url]) for listing_id, url in returned])
        return [(listing_id, 1, latest[url]) for listing_id, url in returned]

    def _record_change(
        self,
        session: Session,
        row: dict[str, Any],
        obs: Observation,
        digest: str,
        kind: str,
        run_id: str | None,
        seller_pk: int | None,
    ) -> None:
        previous = session.scalars(
            select(ListingVersion).where(
                ListingVersion.listing_id == row["id"], ListingVersion.version == row["version"]
            )
        ).first()
        changed = _changed_fields(previous, obs)
        version = row["version"] + 1
        session.execute(
            update(Listing)
            .where(Listing.id == row["id"])
            .values(
                url=obs.url,
                **obs.content.listing_columns(),
                seller_id=seller_pk,
                text_language=obs.text_language,
                extra=obs.extra,
                status="active",
                removed_at=None,
                content_hash=digest,
                version=version,
                last_seen_at=obs.observed_at,
                last_run_id=run_id,
            )
        )
        session.execute(
            insert(ListingVersion), [self._version_row(row["id"], version, kind, obs, run_id, changed)]
        )
        if "images" in changed or previous is None:
            session.query(ListingImage).filter(ListingImage.listing_id == row["id"]).delete()
            rows = _image_rows(row["id"], obs.content.images)
            if rows:
                session.execute(insert(ListingImage), rows)
        _insert_identifiers(session, [(row["id"], version, obs)])

    def _record_removal(
        self, session: Session, row: dict[str, Any], gone: Disappearance, run_id: str | None
    ) -> None:
        previous = session.scalars(
            select(ListingVersion).where(
                ListingVersion.listing_id == row["id"], ListingVersion.version == row["version"]
            )
        ).one()
        version = row["version"] + 1
        session.execute(
            update(Listing)
            .where(Listing.id == row["id"])
            .values(status="removed", removed_at=gone.observed_at, version=version, last_run_id=run_id)
        )
        session.execute(
            insert(ListingVersion),
            [
                {
                    "listing_id": row["id"],
                    "version": version,
                    "kind": "removed",
                    "observed_at": gone.observed_at,
                    "run_id": run_id,
                    "title": previous.title,
                    "description": previous.description,
                    "price": previous.price,
                    "currency": previous.currency,
                    "availability": previous.availability,
                    "content_hash": previous.content_hash,
                    "changed_fields": ["status"],
                    "details": {**(previous.details or {}), "removal": gone.reason},
                }
            ],
        )

    @staticmethod
    def _relabel(session: Session, languages: dict[int, str]) -> None:
        """Store a new identified language of unchanged listings and carry it to their queue rows,
        without bumping the queue rows' version: that copy is not an analyst's edit and must not
        make an analyst's open form stale."""
        session.execute(update(Listing), [{"id": k, "text_language": v} for k, v in languages.items()])
        ids = sorted(languages)
        queued: list[int] = []
        for start in range(0, len(ids), _QUERY_CHUNK):
            chunk = ids[start : start + _QUERY_CHUNK]
            queued += session.scalars(select(ReviewItem.listing_id).where(ReviewItem.listing_id.in_(chunk)))
        if queued:
            session.execute(update(ReviewItem), [{"listing_id": i, "language": languages[i]} for i in queued])

    @staticmethod
    def _load_existing(session: Session, urls: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(urls):
            rows = session.execute(
                select(
                    Listing.id,
                    Listing.canonical_url,
                    Listing.content_hash,
                    Listing.version,
                    Listing.status,
                    Listing.text_language,
                    Listing.country,
                    Listing.first_seen_at,
                ).where(Listing.canonical_url.in_(chunk))
            )
            for row in rows:
                found[row.canonical_url] = dict(row._mapping)
        return found

    @staticmethod
    def _upsert_sellers(
        session: Session, site_id: int, observations: Iterable[Observation]
    ) -> dict[str, int]:
        wanted: dict[str, Observation] = {}
        for obs in observations:
            key = _seller_key(obs)
            if key:
                wanted[key] = obs
        # sorted: concurrent writers (cluster workers) then lock seller rows in the same order
        keys = sorted(wanted)
        ids = _seller_ids(session, site_id, keys)
        now = utcnow()
        missing: list[dict[str, Any]] = [
            {
                "site_id": site_id,
                "key": key,
                "external_id": wanted[key].content.seller_id,
                "name": wanted[key].content.seller_name,
                "profile_url": wanted[key].content.seller_url,
                "first_seen_at": now,
                "last_seen_at": now,
            }
            for key in keys
            if key not in ids
        ]
        if missing:
            # another writer may insert the same seller between our look-up and this insert:
            # its row is kept and looked up, instead of the whole batch failing on the key
            session.execute(insert_or_ignore(session, Seller, ["site_id", "key"]), missing)
            ids.update(_seller_ids(session, site_id, [key for key in keys if key not in ids]))
            unseen = [key for key in keys if key not in ids]
            if unseen:  # skipped as a conflict, yet not visible (a REPEATABLE READ snapshot)
                raise ConcurrentWriteConflict(f"sellers stored by another writer: {unseen[:3]}")
        # a seller renamed under the same id: the row is the latest state, like a listing's
        touched = [
            {
                "id": ids[key],
                "last_seen_at": now,
                "name": wanted[key].content.seller_name,
                # a listing that does not link the profile does not erase the one known
                **({"profile_url": url} if (url := wanted[key].content.seller_url) else {}),
            }
            for key in keys
            if key in ids
        ]
        for group in (
            [row for row in touched if "profile_url" in row],
            [row for row in touched if "profile_url" not in row],
        ):
            if group:
                session.execute(update(Seller), group)
        return ids


def _seller_ids(session: Session, site_id: int, keys: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(list(keys)):
        for seller_pk, key in session.execute(
            select(Seller.id, Seller.key).where(Seller.site_id == site_id, Seller.key.in_(chunk))
        ):
            ids[key] = seller_pk
    return ids


def _insert_identifiers(session: Session, rows: Sequence[tuple[int, int, Observation]]) -> None:
    """The identifiers of new listing versions, one row each (a span counted once)."""
    found: dict[tuple[int, int, str, int, str], dict[str, Any]] = {}
    for listing_id, version, obs in rows:
        for identifier in obs.identifiers:
            record = identifier.row(listing_id, version)
            found.setdefault(
                (listing_id, version, record["field"], record["span_start"], record["kind"]), record
            )
    if found:
        session.execute(insert(ListingIdentifier), list(found.values()))


def _backfill_identifiers(session: Session, rows: Sequence[tuple[int, int, Observation]]) -> None:
    """Unchanged listings that have no identifier rows yet (stored before identifiers were
    read) get them, at their current version; listings that have some are left as they are."""
    ids = [listing_id for listing_id, _, _ in rows]
    known: set[int] = set()
    for chunk in _chunks(ids):
        known.update(
            session.scalars(
                select(ListingIdentifier.listing_id).where(ListingIdentifier.listing_id.in_(chunk)).distinct()
            )
        )
    _insert_identifiers(session, [row for row in rows if row[0] not in known])


def _seller_key(obs: Observation) -> str | None:
    if obs.content.seller_id:
        return f"id:{obs.content.seller_id}"[:300]
    if obs.content.seller_name:
        return f"name:{obs.content.seller_name}"[:300]
    return None


def _snapshot(
    listing_id: int, version: int, obs: Observation, first_seen_at: datetime | None, run_id: str | None
) -> ListingSnapshot:
    """The version a verdict flagged, as this batch holds it (``first_seen_at`` None: new now)."""
    return ListingSnapshot(
        listing_id=listing_id,
        version=version,
        status="active",
        url=obs.url,
        content=obs.content,
        seller_key=_seller_key(obs),
        first_seen_at=first_seen_at or obs.observed_at,
        last_seen_at=obs.observed_at,
        run_id=run_id,
        verdict=obs.verdict,
    )


def _image_rows(listing_id: int, images: Sequence[str]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    rows = []
    for position, url in enumerate(images):
        if url in seen:
            continue
        seen.add(url)
        rows.append({"listing_id": listing_id, "url": url, "position": position})
    return rows


def _changed_fields(previous: ListingVersion | None, obs: Observation) -> list[str]:
    if previous is None:
        return list(VERSIONED_FIELDS)
    before: dict[str, Any] = {
        "title": previous.title,
        "description": previous.description,
        "price": str(previous.price) if previous.price is not None else None,
        "currency": previous.currency,
        "availability": previous.availability,
        **(previous.details or {}),
    }
    now = obs.content.versioned()
    return [name for name in VERSIONED_FIELDS if before.get(name) != now.get(name)]
