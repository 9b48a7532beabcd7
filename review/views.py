"""What the pages show, read from storage: a listing with its history, evidence and reasons.

Everything here is data, never markup: templates escape it. Reason highlights are returned as
(text, marked) segments so the template can wrap marked ones in ``<mark>`` without ever treating
scraped text as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker

from networks.masking import masked
from review.decisions import DecisionError
from storage.cases import CaseError, CaseInfo, CaseStore
from storage.models import (
    TIMESTAMP_NOT_CONFIGURED,
    TIMESTAMP_PENDING,
    TIMESTAMP_STAMPED,
    Capture,
    Case,
    CaseListing,
    Decision,
    Listing,
    ListingIdentifier,
    ListingImage,
    ListingNetwork,
    ListingVersion,
    NetworkLink,
    Prediction,
    ReviewItem,
    ReviewNote,
    ReviewTag,
    Site,
    User,
)
from storage.predictions import latest_prediction
from storage.watchlists import Provenance, provenance_in

Segment = tuple[str, bool]


def highlight(text: str | None, spans: list[tuple[int, int]]) -> list[Segment]:
    """Split ``text`` into (piece, marked) segments; overlapping or out-of-range spans are merged
    or clipped, so a verdict computed on slightly different text cannot break the page."""
    text = text or ""
    clipped = sorted((max(0, a), min(len(text), b)) for a, b in spans if b > a and a < len(text))
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    segments: list[Segment] = []
    at = 0
    for start, end in merged:
        if start > at:
            segments.append((text[at:start], False))
        segments.append((text[start:end], True))
        at = end
    if at < len(text) or not segments:
        segments.append((text[at:], False))
    return segments


@dataclass
class ListingDetail:
    listing: Listing
    site_key: str
    item: ReviewItem | None
    prediction: Prediction | None
    title_segments: list[Segment]
    description_segments: list[Segment]
    lexicon_hits: list[dict[str, Any]]
    features: list[dict[str, Any]]
    versions: list[ListingVersion]
    captures: list[Capture]
    images: list[str]
    seller_name: str | None
    same_seller: list[tuple[int, str, str]]
    notes: list[ReviewNote]
    tags: list[str]
    decisions: list[Decision]
    assignee: str | None
    cases: list[str] = field(default_factory=list)
    #: how search crawls found it: which term of which list, on which result page, when
    found_by: list[Provenance] = field(default_factory=list)
    #: (kind, value, raw, field, version) of the identifiers its versions show: personal data,
    #: shown to analysts and above only
    identifiers: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    #: (other listing id, its title, layer, reason) of the links the last linking found
    links: list[tuple[int, str, str, str]] = field(default_factory=list)
    #: (actor, network, listings of the actor, listings of the network) from the last linking
    network: tuple[int, int, int, int] | None = None

    @property
    def screenshot(self) -> tuple[str, str] | None:
        """(capture id, artifact name) of the newest capture with a screenshot."""
        for capture in sorted(self.captures, key=lambda c: c.captured_at, reverse=True):
            if any(a.name == "screenshot.png" for a in capture.artifacts):
                return capture.id, "screenshot.png"
        return None


def _spans(reasons: list[dict[str, Any]], field_name: str) -> list[tuple[int, int]]:
    spans = []
    for reason in reasons:
        span = reason.get("span")
        if reason.get("type") == "lexicon" and reason.get("field") == field_name and isinstance(span, list):
            if len(span) == 2 and all(isinstance(v, int) for v in span) and not reason.get("negated"):
                spans.append((span[0], span[1]))
    return spans


def listing_detail(session: Session, listing_id: int) -> ListingDetail | None:
    listing = session.get(Listing, listing_id, options=[joinedload(Listing.seller)])
    if listing is None:
        return None
    site_key = session.scalar(select(Site.key).where(Site.id == listing.site_id)) or ""
    item = session.get(ReviewItem, listing_id)
    prediction = latest_prediction(session, listing_id)
    versions = list(
        session.scalars(
            select(ListingVersion)
            .where(ListingVersion.listing_id == listing_id)
            .order_by(ListingVersion.version)
        )
    )
    reasons = list(prediction.reasons or []) if prediction is not None else []
    # spans index the text the classifier saw: that version's title and description
    judged = next(
        (v for v in versions if prediction is not None and v.version == prediction.listing_version), None
    )
    title = judged.title if judged is not None else listing.title
    description = judged.description if judged is not None else listing.description
    captures = list(
        session.scalars(
            select(Capture)
            .where(Capture.listing_id == listing_id)
            .order_by(Capture.captured_at)
            .options(selectinload(Capture.artifacts))
        )
    )
    same_seller: list[tuple[int, str, str]] = []
    if listing.seller_id is not None:
        same_seller = [
            (row.id, row.title or "", row.status)
            for row in session.execute(
                select(Listing.id, Listing.title, Listing.status)
                .where(Listing.seller_id == listing.seller_id, Listing.id != listing_id)
                .order_by(Listing.id.desc())
                .limit(20)
            )
        ]
    assignee = None
    if item is not None and item.assignee_id is not None:
        assignee = session.scalar(select(User.username).where(User.id == item.assignee_id))

    cases = list(
        session.scalars(
            select(Case.name)
            .join(CaseListing, CaseListing.case_id == Case.id)
            .where(CaseListing.listing_id == listing_id)
        )
    )
    return ListingDetail(
        listing=listing,
        site_key=site_key,
        item=item,
        prediction=prediction,
        title_segments=highlight(title, _spans(reasons, "title")),
        description_segments=highlight(description, _spans(reasons, "description")),
        lexicon_hits=[r for r in reasons if r.get("type") == "lexicon"],
        features=[r for r in reasons if r.get("type") == "feature"],
        versions=versions,
        captures=captures,
        images=[
            i.url
            for i in session.scalars(
                select(ListingImage)
                .where(ListingImage.listing_id == listing_id)
                .order_by(ListingImage.position)
            )
        ],
        seller_name=listing.seller.name if listing.seller is not None else None,
        same_seller=same_seller,
        notes=list(
            session.scalars(
                select(ReviewNote)
                .where(ReviewNote.listing_id == listing_id)
                .order_by(ReviewNote.created_at.desc())
            )
        ),
        tags=list(
            session.scalars(
                select(ReviewTag.tag).where(ReviewTag.listing_id == listing_id).order_by(ReviewTag.tag)
            )
        ),
        decisions=list(
            session.scalars(
                select(Decision).where(Decision.listing_id == listing_id).order_by(Decision.created_at.desc())
            )
        ),
        assignee=assignee,
        cases=cases,
        found_by=provenance_in(session, listing.canonical_url),
        identifiers=_identifiers(session, listing_id),
        links=_links(session, listing_id),
        network=_network(session, listing_id),
    )


def personal(text: str | None, user: Any) -> str:
    """A scraped text as ``user`` may see it: whole for analysts and above, with phone numbers,
    e-mails and handles masked for viewers (the templates' ``personal`` filter)."""
    if user is not None and user.can("analyst"):
        return text or ""
    return masked(text or "")


def for_viewer(detail: ListingDetail) -> ListingDetail:
    """The detail with personal data masked in the texts a viewer is shown."""
    return replace(
        detail,
        title_segments=[(masked(text), marked) for text, marked in detail.title_segments],
        description_segments=[(masked(text), marked) for text, marked in detail.description_segments],
        identifiers=[],
        links=[],
    )


def _identifiers(session: Session, listing_id: int) -> list[tuple[str, str, str, str, int]]:
    """Each distinct identifier once, as the newest version showing it wrote it."""
    seen: dict[tuple[str, str], tuple[str, str, str, str, int]] = {}
    for row in session.scalars(
        select(ListingIdentifier)
        .where(ListingIdentifier.listing_id == listing_id)
        .order_by(ListingIdentifier.version.desc(), ListingIdentifier.id)
        .limit(200)
    ):
        seen.setdefault((row.kind, row.value), (row.kind, row.value, row.raw, row.field, row.version))
    return list(seen.values())


def _links(session: Session, listing_id: int) -> list[tuple[int, str, str, str]]:
    links = [
        (b if a == listing_id else a, layer, reason)
        for a, b, layer, reason in session.execute(
            select(NetworkLink.a_listing_id, NetworkLink.b_listing_id, NetworkLink.layer, NetworkLink.reason)
            .where((NetworkLink.a_listing_id == listing_id) | (NetworkLink.b_listing_id == listing_id))
            .limit(100)
        )
    ]
    others = {other for other, _, _ in links}
    titles: dict[int, str | None] = {
        row.id: row.title
        for row in session.execute(select(Listing.id, Listing.title).where(Listing.id.in_(others)))
    }
    return [(other, titles.get(other) or "", layer, reason) for other, layer, reason in links]


def _network(session: Session, listing_id: int) -> tuple[int, int, int, int] | None:
    row = session.get(ListingNetwork, listing_id)
    if row is None:
        return None
    actor_size = session.scalar(select(func.count()).where(ListingNetwork.actor == row.actor)) or 0
    network_size = session.scalar(select(func.count()).where(ListingNetwork.network == row.network)) or 0
    return row.actor, row.network, actor_size, network_size


def format_time(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


#: what a capture's timestamp state means, in the words an analyst reads on the listing page
TIMESTAMP_WORDS = {
    TIMESTAMP_STAMPED: "timestamped (RFC 3161)",
    TIMESTAMP_PENDING: "timestamp pending (authority not reached yet)",
    TIMESTAMP_NOT_CONFIGURED: "no timestamp (no authority configured at capture)",
}


def timestamp_words(status: str) -> str:
    """A capture's timestamp state said plainly: "pending" (still owed) and "not configured"
    (never sought) mean different things for the evidence."""
    return TIMESTAMP_WORDS.get(status, f"timestamp {status}")


def case_rows(
    cases: CaseStore, factory: sessionmaker[Session], name: str
) -> tuple[CaseInfo, list[dict[str, Any]]]:
    """A case and its listings, as the case page, its downloads and the API show them."""
    try:
        info = cases.get(name)
    except CaseError as exc:
        raise DecisionError(str(exc)) from None
    with factory() as session:
        rows = session.execute(
            select(
                Listing.id,
                Listing.url,
                Listing.title,
                Listing.price,
                Listing.currency,
                Listing.status,
                ReviewItem.status.label("review"),
                ReviewItem.category,
                ReviewItem.score,
                CaseListing.added_by,
                CaseListing.added_at,
            )
            .join(CaseListing, CaseListing.listing_id == Listing.id)
            .join(Case, Case.id == CaseListing.case_id)
            .outerjoin(ReviewItem, ReviewItem.listing_id == Listing.id)
            .where(Case.name == info.name)
            .order_by(CaseListing.added_at)
        ).all()
    listings = [
        {
            "id": r.id,
            "url": r.url,
            "title": r.title or "",
            "price": None if r.price is None else str(r.price),
            "currency": r.currency,
            "listing_status": r.status,
            "review_status": r.review,
            "category": r.category,
            "score": r.score,
            "added_by": r.added_by,
            "added_at": r.added_at.isoformat(),
        }
        for r in rows
    ]
    return info, listings
