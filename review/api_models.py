"""The JSON API's request and response bodies (pydantic), documented in /api/openapi.json."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from review.deps import MAX_ID
from review.queue import QueueRow


class QueueOut(BaseModel):
    rows: list[QueueRow]
    next_cursor: str | None


class DecisionIn(BaseModel):
    action: str = Field(pattern="^(confirm|dismiss|escalate|reopen)$")
    version: int = Field(
        ge=1, le=MAX_ID, description="the item version you read: a stale one is refused (409)"
    )
    category: str | None = Field(default=None, pattern="^(wildlife|timber|minerals|waste)$")
    reason: str | None = Field(default=None, max_length=2000)


class ChangeOut(BaseModel):
    listing_id: int
    version: int
    status: str


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)


class TagsIn(BaseModel):
    add: list[str] = Field(default_factory=list, max_length=50)
    remove: list[str] = Field(default_factory=list, max_length=50)


class AssignIn(BaseModel):
    version: int = Field(ge=1, le=MAX_ID)
    assignee: str | None = Field(default=None, max_length=100)


class ListingRef(BaseModel):
    listing_id: int


class ReviewOut(BaseModel):
    status: str
    version: int
    category: str
    confirmed_category: str | None
    assignee: str | None


class CaptureOut(BaseModel):
    id: str
    captured_at: datetime
    status: str
    #: stamped | pending (an authority was configured but not reached yet) | not_configured (no
    #: authority at capture: no independent time unless stamped later)
    timestamp_status: str
    manifest_sha256: str | None
    #: artifact name -> SHA-256 of its file
    artifacts: dict[str, str]


class VersionOut(BaseModel):
    version: int
    kind: str
    observed_at: datetime
    changed_fields: list[str]


class ListingOut(BaseModel):
    id: int
    url: str
    site: str
    title: str | None
    description: str | None
    #: a decimal string, exactly as stored ("1250.00")
    price: str | None
    currency: str | None
    seller: str | None
    #: the language identified from the text, and the one the page declared
    text_language: str | None
    declared_language: str | None
    status: str
    first_seen_at: datetime
    review: ReviewOut | None
    #: the latest verdict (model version, category, score, flagged, reasons)
    prediction: dict[str, Any] | None
    captures: list[CaptureOut]
    versions: list[VersionOut]
    tags: list[str]
    cases: list[str]


class CaseIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)


class CaseListingsIn(BaseModel):
    listing_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=10_000)


class CaseOut(BaseModel):
    name: str
    description: str
    #: the case's listings, as in the case page's JSON download
    listings: list[dict[str, Any]]


class CaseSummaryOut(BaseModel):
    name: str
    listings: int
    created_by: str
    created_at: datetime


class CaseCreatedOut(BaseModel):
    name: str


class AddedOut(BaseModel):
    added: int


class AuditEventOut(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any] | None


class ProblemOut(BaseModel):
    """Every refusal of the API: what was wrong, in words."""

    detail: str


class StaleOut(ProblemOut):
    """A change refused because the item changed meanwhile: the version to reload."""

    current_version: int | None = None


#: the refusals every route of the API may answer with, documented in its OpenAPI schema
PROBLEMS: dict[int | str, dict[str, object]] = {
    400: {"model": ProblemOut, "description": "Bad input (a filter, a cursor, a value out of range)"},
    401: {"model": ProblemOut, "description": "No valid API token"},
    403: {"model": ProblemOut, "description": "The token's user lacks the role"},
    404: {"model": ProblemOut, "description": "No such listing, case or run"},
    409: {"model": StaleOut, "description": "Changed by someone else since it was read"},
}
