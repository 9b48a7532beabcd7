"""The relational schema: a listing row is the latest state, every observed change a version row."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Unicode,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import DecimalString, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Site(Base):
    """A marketplace: a configured site name, or the host of a URL crawled generically."""

    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    base_url: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CrawlRun(Base):
    """One crawl of one site; resumed crawls keep their run so counts add up across restarts."""

    __tablename__ = "crawl_runs"
    #: the alert and the runs page read each site's latest runs
    __table_args__ = (Index("ix_crawl_runs_site_started", "site_id", "started_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    spider: Mapped[str] = mapped_column(String(100))
    start_urls: Mapped[list[str]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: running | finished | interrupted | failed
    status: Mapped[str] = mapped_column(String(20), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(100), nullable=True)
    resumes: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: who started it: "cli" (a person), "scheduler"
    trigger: Mapped[str] = mapped_column(String(20), default="cli", server_default="cli")
    #: "local" (one process, JOBDIR) or "cluster" (shared through Redis by ``ecowarden worker``s)
    mode: Mapped[str] = mapped_column(String(20), default="local", server_default="local")


class Seller(Base):
    __tablename__ = "sellers"
    __table_args__ = (UniqueConstraint("site_id", "key", name="uq_sellers_site_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    #: the site's seller id when it shows one, else the name: the stable handle to group by
    key: Mapped[str] = mapped_column(String(300))
    external_id: Mapped[str | None] = mapped_column(String(300), nullable=True)
    name: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the seller's profile page on the site, as the latest listing linked it
    profile_url: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Listing(Base):
    __tablename__ = "listings"
    __table_args__ = (Index("ix_listings_site_status", "site_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    price: Mapped[Decimal | None] = mapped_column(DecimalString, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    availability: Mapped[str | None] = mapped_column(String(40), nullable=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), nullable=True)
    location: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: ISO 3166-1 alpha-2 country of the stated location, else of the site (derived: not versioned)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    posted_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    #: the language the page declares (its ``lang`` attribute or meta tags): the site's template,
    #: often not the seller's words; kept as evidence of what the page said
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    #: the language identified from the title and description (ISO 639-1; None: undecidable).
    #: Derived from versioned text, so not versioned itself: see ListingStore.apply_batch
    text_language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: active | removed
    status: Mapped[str] = mapped_column(String(16), default="active")
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_run_id: Mapped[str | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)
    last_run_id: Mapped[str | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True, index=True)

    # lazy="raise": each query says what it loads (joinedload/selectinload), so a screen that
    # needs one listing's seller does not also load its every version and image
    seller: Mapped[Seller | None] = relationship(lazy="raise")
    images: Mapped[list[ListingImage]] = relationship(
        order_by="ListingImage.position", lazy="raise", cascade="all, delete-orphan"
    )
    versions: Mapped[list[ListingVersion]] = relationship(
        order_by="ListingVersion.version", lazy="raise", cascade="all, delete-orphan"
    )


class ListingVersion(Base):
    """An observed state of a listing; kind says why it was recorded."""

    __tablename__ = "listing_versions"
    __table_args__ = (UniqueConstraint("listing_id", "version", name="uq_listing_versions_listing_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    #: new | changed | removed | reappeared
    kind: Mapped[str] = mapped_column(String(16))
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True, index=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    price: Mapped[Decimal | None] = mapped_column(DecimalString, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    availability: Mapped[str | None] = mapped_column(String(40), nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    #: names of the fields that differ from the previous version
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the remaining observed fields (seller, location, images, posted date) at this version
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ListingImage(Base):
    __tablename__ = "listing_images"
    __table_args__ = (UniqueConstraint("listing_id", "url", name="uq_listing_images_listing_url"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2048))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ListingIdentifier(Base):
    """A phone number, e-mail, handle, wallet or profile link a listing version shows, with where
    in which field it stands: what links a listing to others (issue 17). Rows are added per
    version and never rewritten, so a number a seller used once stays on record."""

    __tablename__ = "listing_identifiers"
    __table_args__ = (
        UniqueConstraint(
            "listing_id", "version", "field", "span_start", "kind", name="uq_listing_identifiers_span"
        ),
        Index("ix_listing_identifiers_kind_value", "kind", "value"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    #: the content field it was read from (title, description, seller_name, location)
    field: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    #: normalised (E.164 for a phone, lower case for an e-mail or handle)
    value: Mapped[str] = mapped_column(String(500))
    #: the text as it stands in the field, from span_start to span_end
    raw: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    #: the identifier's own check (phone validity, wallet or IBAN checksum); None: none exists
    valid: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    region: Mapped[str | None] = mapped_column(String(8), nullable=True)


class NetworkLink(Base):
    """One link between two listings as the last linking found it: same actor or association,
    with the reason an analyst reads ("both show phone +84..."); rebuilt by ``networks build``."""

    __tablename__ = "network_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    b_listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    #: same_actor | association
    layer: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ListingNetwork(Base):
    """Which actor and network a listing belongs to (each named by one of its listings)."""

    __tablename__ = "listing_networks"
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    actor: Mapped[int] = mapped_column(Integer, index=True)
    network: Mapped[int] = mapped_column(Integer, index=True)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Prediction(Base):
    """A classifier's verdict on one version of a listing, by one model version, with its reasons."""

    __tablename__ = "predictions"
    __table_args__ = (
        UniqueConstraint(
            "listing_id", "listing_version", "model_version", name="uq_predictions_listing_version_model"
        ),
        Index("ix_predictions_flagged_score", "flagged", "score"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    listing_version: Mapped[int] = mapped_column(Integer)
    model_version: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))
    #: a calibrated probability, not money: float is the right type
    score: Mapped[float] = mapped_column(Float)
    flagged: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Decision(Base):
    """An analyst's decision on a listing; confirmed and dismissed ones are training data."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_listing", "listing_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    #: confirm | dismiss | escalate
    action: Mapped[str] = mapped_column(String(20))
    #: the confirmed category (for confirm); none for dismiss
    category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    analyst: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: a capture's RFC 3161 token is kept (``tsa_token_sha256``)
TIMESTAMP_STAMPED = "stamped"
#: a timestamp authority was configured but could not be reached at capture (the signed manifest
#: says "deferred"): ``ecowarden timestamp`` fetches the token later
TIMESTAMP_PENDING = "pending"
#: no timestamp authority was configured at capture (the signed manifest says "not_configured"):
#: no independent time exists unless a token is fetched later, which then proves only that later time
TIMESTAMP_NOT_CONFIGURED = "not_configured"
TIMESTAMP_STATES = (TIMESTAMP_STAMPED, TIMESTAMP_PENDING, TIMESTAMP_NOT_CONFIGURED)
#: the states of a capture without a token, which ``ecowarden timestamp`` may still stamp
TIMESTAMP_UNSTAMPED = (TIMESTAMP_PENDING, TIMESTAMP_NOT_CONFIGURED)


class Capture(Base):
    """One preservation of one page: its files are :class:`Artifact` rows, its statement the manifest.

    Never deleted with its listing (no cascade): evidence outlives the data it was taken from.
    """

    __tablename__ = "captures"
    __table_args__ = (Index("ix_captures_listing", "listing_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"), nullable=True)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)
    url: Mapped[str] = mapped_column(Text)
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: pending | complete | failed
    status: Mapped[str] = mapped_column(String(20), default="pending")
    #: the SHA-256 of the canonical manifest bytes, themselves a blob in the evidence store
    manifest_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: the detached signature record {key_id, algorithm, signature}
    signature: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    tsa_token_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: one of :data:`TIMESTAMP_STATES`; a capture is kept whether or not an authority answered
    timestamp_status: Mapped[str] = mapped_column(String(20), default="pending")

    artifacts: Mapped[list[Artifact]] = relationship(order_by="Artifact.name", lazy="raise")


class Artifact(Base):
    """A file of a capture, stored in the evidence store under its SHA-256."""

    __tablename__ = "artifacts"
    __table_args__ = (
        UniqueConstraint("capture_id", "name", name="uq_artifacts_capture_name"),
        Index("ix_artifacts_sha256", "sha256"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    capture_id: Mapped[str] = mapped_column(ForeignKey("captures.id"))
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)


class ChainedEntry:
    """The columns of a hash-chained, append-only log entry (the custody log, the audit log):
    one shape, because evidence/chain.py hashes and verifies both the same way."""

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class CustodyEvent(ChainedEntry, Base):
    """One entry of the hash-chained custody log; the database refuses UPDATE and DELETE on it.

    ``entry_hash`` is the SHA-256 of the canonical JSON of every other column (see
    evidence/chain.py), ``prev_hash`` the previous entry's ``entry_hash``. ``seq`` is assigned by
    the appender under a lock on :class:`CustodyHead`, not by a sequence, so it has no gaps.
    """

    __tablename__ = "custody_events"
    __table_args__ = (Index("ix_custody_events_subject", "subject"),)


class CustodyHead(Base):
    """The single row naming the custody log's last entry: the lock appenders queue on, and an
    anchor that shows entries removed from the end of the log."""

    __tablename__ = "custody_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))


class CaptureRequest(Base):
    """A listing (or URL) waiting to be captured: the queue between flagging and the browser.

    Written in the same transaction as the verdict that flagged the listing, so a crawl killed
    before its capture worker got there loses nothing: ``ecowarden capture --pending`` drains it.
    """

    __tablename__ = "capture_requests"
    __table_args__ = (Index("ix_capture_requests_status", "status", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"), nullable=True)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)
    url: Mapped[str] = mapped_column(Text)
    #: why: flagged | on_demand | case | recapture
    reason: Mapped[str] = mapped_column(String(20))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: queued | done | failed
    status: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: when a worker took it; a "running" request claimed long ago belongs to a dead worker
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    capture_id: Mapped[str | None] = mapped_column(ForeignKey("captures.id"), nullable=True)
    #: the flagged version as the crawl held it (``storage.records.ListingSnapshot``), or None
    listing_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Case(Base):
    """An investigation: the listings an analyst groups to export and hand over together."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseListing(Base):
    __tablename__ = "case_listings"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), primary_key=True)
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# -- the review app: accounts, sessions, the analysts' queue and the audit log --------------------
class User(Base):
    """An analyst account; the password is stored as an argon2id hash, never in the clear."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    #: viewer | analyst | supervisor | admin
    role: Mapped[str] = mapped_column(String(20))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSession(Base):
    """A login: the cookie carries a random token, the table only its SHA-256 (a leaked table
    gives no usable session), with the CSRF token bound to it."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user", "user_id"),)
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: when it last opened the API (to the minute: not a write per request)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginAttempt(Base):
    """Failed logins, counted per user name and per address to slow down password guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username", "username", "at"),
        Index("ix_login_attempts_ip", "ip", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewItem(Base):
    """A flagged listing in the analysts' queue: one row per listing, denormalised for the queue.

    Score, category, site, seller, language and first-seen time are copied from the listing and
    its latest verdict (the language is the identified one, the declared one when the text was
    undecidable) so that the queue's filters and keyset pagination hit one table and its
    indexes, at a million rows. ``version`` is the optimistic lock: an update names the version it
    read and fails if another analyst changed the item meanwhile.
    """

    __tablename__ = "review_items"
    __table_args__ = (
        # keyset pagination: each queue order, within one status and across all ("status=any")
        Index("ix_review_items_status_score", "status", "score", "listing_id"),
        Index("ix_review_items_status_seen", "status", "first_seen_at", "listing_id"),
        Index("ix_review_items_score", "score", "listing_id"),
        Index("ix_review_items_seen", "first_seen_at", "listing_id"),
        Index("ix_review_items_status_uncertainty", "status", "uncertainty", "listing_id"),
        Index("ix_review_items_uncertainty", "uncertainty", "listing_id"),
        # the filters selective enough to drive a page on their own, in score order
        Index("ix_review_items_site_status_score", "site_id", "status", "score", "listing_id"),
        Index("ix_review_items_category_status_score", "category", "status", "score", "listing_id"),
        Index("ix_review_items_seller", "seller_id", "score", "listing_id"),
        Index("ix_review_items_assignee", "assignee_id", "status"),
        # full-text search on the title (review/queue.py); PostgreSQL only, SQLite uses LIKE
        Index(
            "ix_review_items_title_fts",
            text("to_tsvector('simple', title)"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), nullable=True)
    score: Mapped[float] = mapped_column(Float)
    #: |score - threshold| of the model that made the verdict, for the "informative" order (the
    #: threshold is the model's, not stored elsewhere); 1.0, the farthest, when the verdict came
    #: without it (queued before migration 0009): last in that order until the next verdict
    uncertainty: Mapped[float] = mapped_column(Float, default=1.0, server_default=text("1.0"))
    #: the classifier's category; an analyst's confirmed category is ``confirmed_category``
    category: Mapped[str] = mapped_column(String(20))
    model_version: Mapped[str] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: new | confirmed | dismissed | escalated
    status: Mapped[str] = mapped_column(String(20), default="new")
    confirmed_category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class ReviewNote(Base):
    __tablename__ = "review_notes"
    __table_args__ = (Index("ix_review_notes_listing", "listing_id", "created_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    author: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewTag(Base):
    __tablename__ = "review_tags"
    __table_args__ = (Index("ix_review_tags_tag", "tag"),)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(60), primary_key=True)


class AuditEvent(ChainedEntry, Base):
    """Every analyst action, hash-chained like the custody log and append-only (triggers)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject"), Index("ix_audit_events_actor", "actor"))


class AuditHead(Base):
    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))


class RunWorker(Base):
    """One worker process's part in a cluster run: how the work was split, and who was lost."""

    __tablename__ = "run_workers"
    __table_args__ = (UniqueConstraint("run_id", "worker_id", name="uq_run_workers_run_worker"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    worker_id: Mapped[str] = mapped_column(String(100))
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: running | finished | failed | interrupted | lost (stopped heartbeating; its work was re-queued)
    status: Mapped[str] = mapped_column(String(20), default="running")
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SiteLease(Base):
    """At most one crawl of a site at a time, across processes and machines: a row per site with
    an expiry that its holder keeps renewing (a holder that dies simply stops renewing)."""

    __tablename__ = "site_leases"
    site_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    holder: Mapped[str] = mapped_column(String(300))
    token: Mapped[str] = mapped_column(String(36))
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScheduleRun(Base):
    """One firing of a schedule and what came of it (ran, failed, skipped as overlapping, missed)."""

    __tablename__ = "schedule_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(String(191), index=True)
    site_key: Mapped[str] = mapped_column(String(300), index=True)
    scheduled_for: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: running | finished | failed | skipped | missed
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    run_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    exit_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    message: Mapped[str] = mapped_column(Text, default="")
    recaptures_queued: Mapped[int] = mapped_column(Integer, default=0)


# -- search-driven monitoring: watchlists, their terms, and what each search found ---------------
class Watchlist(Base):
    """A named list of search terms an agency keeps and shares (``ecowarden watch``)."""

    __tablename__ = "watchlists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: where the list came from: the shipped default's build, a file an agency shared, ...
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchTerm(Base):
    """One term of a list. Removing it only marks it removed: the searches it ran, and the
    listings they found, keep naming it."""

    __tablename__ = "watch_terms"
    __table_args__ = (
        UniqueConstraint("watchlist_id", "term", "language", name="uq_watch_terms_list_term_language"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(Unicode(200))
    #: ISO 639-1, or "*" for a term searched in every language (a scientific name)
    language: Mapped[str] = mapped_column(String(16))
    #: wildlife | timber | minerals | waste | any
    category: Mapped[str] = mapped_column(String(20))
    #: 1 (searched first) .. 5
    priority: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class WatchTermSite(Base):
    """Where a term stands in one site's rotation: searched how often, empty how many runs in a
    row, demoted since when (demoted terms are searched last, never dropped)."""

    __tablename__ = "watch_term_sites"
    term_id: Mapped[int] = mapped_column(ForeignKey("watch_terms.id", ondelete="CASCADE"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    empty_runs: Mapped[int] = mapped_column(Integer, default=0)
    last_searched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_results: Mapped[int] = mapped_column(Integer, default=0)
    demoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SearchPage(Base):
    """One page of results a search crawl fetched for one term; the page itself is kept in the
    evidence store (``body_sha256``), so a bundle can show how an offer was found."""

    __tablename__ = "search_pages"
    __table_args__ = (Index("ix_search_pages_term_site", "term_id", "site_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    run_id: Mapped[str] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("watch_terms.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    page: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    http_status: Mapped[int] = mapped_column(Integer)
    #: listing links the page showed (in scope)
    results: Mapped[int] = mapped_column(Integer)
    body_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SearchHit(Base):
    """A listing URL a result page showed, at a rank: the listing's provenance. Keyed by the
    canonical URL, not the listing row, so a result seen by two terms (fetched once) or not
    fetched at all (the budget ran out) still counts for each term that found it."""

    __tablename__ = "search_hits"
    __table_args__ = (UniqueConstraint("search_page_id", "canonical_url", name="uq_search_hits_page_url"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    search_page_id: Mapped[str] = mapped_column(ForeignKey("search_pages.id", ondelete="CASCADE"))
    canonical_url: Mapped[str] = mapped_column(String(2048), index=True)
    rank: Mapped[int] = mapped_column(Integer)


class TermVerdict(Base):
    """An analyst's answer to a suggested term (``watch suggest``): accepted into a list, or
    rejected, so that it is not suggested again."""

    __tablename__ = "term_verdicts"
    __table_args__ = (UniqueConstraint("term", "language", name="uq_term_verdicts_term_language"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: as suggested (case-folded)
    term: Mapped[str] = mapped_column(Unicode(200))
    language: Mapped[str] = mapped_column(String(16))
    #: accepted | rejected
    verdict: Mapped[str] = mapped_column(String(10))
    watchlist: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: APScheduler 3's job store table, declared here so that migrations own it (the job store itself
#: builds an identical Table in its own MetaData and finds it present)
APSCHEDULER_JOBS = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
