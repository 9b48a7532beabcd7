"""Keep a listing's photos at full resolution, each as an artifact of its own.

The rendered page usually loaded only thumbnails. For every photo :func:`choose_photos` picks,
the body the page already received is used when the page loaded that very file; otherwise the
file is fetched once with the raw fetcher, so the exchange is in the WARC byte for byte like the
page's own. Bounded in count, size and time; every photo not kept is listed with the reason.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from evidence.http_fetch import IMAGE_ACCEPT, FetchError, FetchLimits, RawFetcher
from evidence.page_resources import RecordedResources
from evidence.photos import PhotoCandidate, choose_photos, sniff_image
from evidence.recording import ArtifactFile
from evidence.warc import HttpExchange, head_value


@dataclass(frozen=True)
class PhotoLimits:
    max_photos: int = 20
    max_photo_bytes: int = 25 * 1024 * 1024
    #: all photo fetches of one capture together
    time_s: float = 60.0
    per_photo_timeout_s: float = 20.0


@dataclass
class KeptPhotos:
    artifacts: list[ArtifactFile] = field(default_factory=list)
    #: the exchanges of photos fetched here (the page's own loads are already recorded)
    exchanges: list[HttpExchange] = field(default_factory=list)
    #: one entry per photo considered, for the capture's metadata
    record: list[dict[str, Any]] = field(default_factory=list)


def _decoded(exchange: HttpExchange, limit: int) -> bytes | None:
    """The photo file itself: the body with any gzip/deflate coding removed, never inflated past
    ``limit`` (a compressed body is a bomb as easily as a zip); None if it cannot be decoded."""
    coding = head_value(exchange.response_head, "content-encoding").lower()
    if coding in ("", "identity"):
        return exchange.response_body
    if coding not in ("gzip", "x-gzip", "deflate"):
        return None
    inflater = zlib.decompressobj(47 if coding != "deflate" else 15)
    try:
        data = inflater.decompress(exchange.response_body, limit + 1)
    except zlib.error:
        return None
    return data if len(data) <= limit else None


def _body(result_status: int, exchanges: list[HttpExchange], limit: int) -> bytes | None:
    if result_status != 200 or not exchanges or exchanges[-1].truncated:
        return None
    return _decoded(exchanges[-1], limit)


def keep_photos(
    candidates: list[PhotoCandidate],
    recorded: RecordedResources,
    user_agent: str,
    limits: PhotoLimits,
) -> KeptPhotos:
    """The photos among ``candidates`` as artifacts ``photo-01.jpg``..., in page order."""
    kept = KeptPhotos()
    deadline = time.monotonic() + limits.time_s
    seen: dict[str, str] = {}
    for candidate in choose_photos(candidates, limits.max_photos):
        entry: dict[str, Any] = {"url": candidate.url, "found_as": candidate.how}
        kept.record.append(entry)
        body, entry["source"] = _from_page(candidate.url, recorded), "loaded by the page"
        if body is None:
            left = deadline - time.monotonic()
            if left < 1.0:
                entry["not_kept"] = "no time left for photos in this capture"
                continue
            body, entry["source"] = _fetch(candidate.url, user_agent, limits, left, kept, entry), "fetched"
        if body is None:
            continue
        kind = sniff_image(body)
        if kind is None:
            entry["not_kept"] = "not an image file (by its first bytes)"
            continue
        if len(body) > limits.max_photo_bytes:
            entry["not_kept"] = f"{len(body)} bytes, over {limits.max_photo_bytes}"
            continue
        sha256 = hashlib.sha256(body).hexdigest()
        entry.update(sha256=sha256, size=len(body), media_type=kind[0])
        if sha256 in seen:
            entry["same_file_as"] = seen[sha256]
            continue
        name = f"photo-{len(kept.artifacts) + 1:02d}.{kind[1]}"
        seen[sha256] = entry["artifact"] = name
        kept.artifacts.append(ArtifactFile(name, kind[0], data=body))
    return kept


def _from_page(url: str, recorded: RecordedResources) -> bytes | None:
    found = recorded.body_of(url)
    return None if found is None else found[0]


def _fetch(
    url: str, user_agent: str, limits: PhotoLimits, left: float, kept: KeptPhotos, entry: dict[str, Any]
) -> bytes | None:
    fetcher = RawFetcher(
        user_agent,
        FetchLimits(
            timeout_s=min(left, limits.per_photo_timeout_s),
            max_body_bytes=limits.max_photo_bytes,
            max_redirects=5,
        ),
    )
    try:
        result = fetcher.fetch(url, accept=IMAGE_ACCEPT)
    except FetchError as exc:
        entry["not_kept"] = str(exc)[:300]
        return None
    kept.exchanges.extend(result.exchanges)
    entry.update(final_url=result.final_url, status=result.status)
    body = _body(result.status, result.exchanges, limits.max_photo_bytes)
    if body is None:
        if result.exchanges and result.exchanges[-1].truncated:
            entry["not_kept"] = f"cut at {limits.max_photo_bytes} bytes"
        elif result.status == 200:
            entry["not_kept"] = f"its content coding does not decode within {limits.max_photo_bytes} bytes"
        else:
            entry["not_kept"] = f"answered {result.status}" + (
                f" ({result.stopped})" if result.stopped else ""
            )
    return body
