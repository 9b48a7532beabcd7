"""Which images on a listing page are its photos, and the full-resolution file of each.

Listing pages show photos as thumbnails and point to the large file in one of a few ways: the
structured data (``og:image``, JSON-LD ``image``), a ``srcset`` whose widest entry is the
original, a ``data-*`` attribute a zoom script reads, or a link around the thumbnail. The
browser reports every such candidate (:data:`PHOTO_CANDIDATES_JS`, run in the rendered page);
:func:`choose_photos` keeps the full-size variant of each, plus images the page itself shows at
photo size, and drops icons, logos and tracking pixels by their displayed size.

What an image *is* comes from its first bytes (:func:`sniff_image`), never from its URL or the
``Content-Type`` a server chose to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: [[url, how, width, height], ...]: every image URL the page offers as a photo, in page order
PHOTO_CANDIDATES_JS = """() => {
  const out = [], seen = new Set();
  const abs = (u) => { try { return new URL(u, document.baseURI).href; } catch (e) { return null; } };
  const push = (u, how, w, h) => {
    const url = u && abs(String(u).trim());
    if (!url || !/^https?:/i.test(url) || seen.has(how + ' ' + url) || out.length >= 400) return;
    seen.add(how + ' ' + url); out.push([url, how, w || 0, h || 0]);
  };
  for (const m of document.querySelectorAll(
      'meta[property="og:image"], meta[property="og:image:url"], meta[name="twitter:image"]'))
    push(m.content, 'meta');
  const walk = (value, depth) => {
    if (depth > 6 || value == null) return;
    if (Array.isArray(value)) { value.slice(0, 50).forEach((v) => walk(v, depth + 1)); return; }
    if (typeof value !== 'object') return;
    for (const key of ['image', 'images', 'photo', 'thumbnailUrl']) {
      const v = value[key];
      if (typeof v === 'string') push(v, 'structured');
      else if (Array.isArray(v)) v.slice(0, 50).forEach((x) => typeof x === 'string'
          ? push(x, 'structured') : x && push(x.contentUrl || x.url, 'structured'));
      else if (v && typeof v === 'object') push(v.contentUrl || v.url, 'structured');
    }
    for (const key of Object.keys(value).slice(0, 100))
      if (typeof value[key] === 'object') walk(value[key], depth + 1);
  };
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { walk(JSON.parse(s.textContent.slice(0, 1000000)), 0); } catch (e) {}
  }
  const looksLikeImage = /\\.(jpe?g|png|webp|gif|avif|heic|bmp)([?#]|$)/i;
  for (const img of Array.from(document.images).slice(0, 500)) {
    const rect = img.getBoundingClientRect();
    push(img.currentSrc || img.src, 'img', Math.round(rect.width), Math.round(rect.height));
    let best = null, bestWidth = 0;
    for (const part of (img.getAttribute('srcset') || '').split(',')) {
      const [u, d] = part.trim().split(/\\s+/);
      const width = d && d.endsWith('w') ? parseInt(d) : (d && d.endsWith('x') ? parseFloat(d) * 1000 : 1);
      if (u && width > bestWidth) { best = u; bestWidth = width; }
    }
    if (best) push(best, 'srcset');
    for (const name of ['data-full', 'data-zoom-image', 'data-large', 'data-original', 'data-src-large'])
      if (img.hasAttribute(name)) push(img.getAttribute(name), 'data');
    const link = img.closest('a[href]');
    if (link && looksLikeImage.test(link.getAttribute('href'))) push(link.href, 'link');
  }
  return out;
}"""

#: an image the page shows at least this big (CSS px, both ways) is a photo in its own right
MIN_SHOWN_PX = 150
#: candidates that are meant as the photo itself, not as a thumbnail of it
FULL_SIZE_HOWS = ("link", "data", "srcset", "structured", "meta")


@dataclass(frozen=True)
class PhotoCandidate:
    url: str
    #: how the page offered it: meta, structured, img, srcset, data or link
    how: str
    shown_width: int = 0
    shown_height: int = 0


def parse_candidates(value: Any) -> list[PhotoCandidate]:
    """The page script's answer as candidates; anything malformed (a hostile page) is skipped."""
    found = []
    for row in value if isinstance(value, list) else []:
        if not (
            isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and isinstance(row[1], str)
        ):
            continue
        try:
            width, height = int(row[2]), int(row[3])
        except (TypeError, ValueError):
            width = height = 0
        found.append(PhotoCandidate(row[0][:4000], row[1][:20], width, height))
    return found


def choose_photos(candidates: list[PhotoCandidate], limit: int) -> list[PhotoCandidate]:
    """The photos to keep, best variant first, at most ``limit``: every full-size candidate, and
    each image shown at photo size; thumbnails whose larger file is known are not kept twice,
    and small shown images (icons, logos, pixels) are not kept at all."""
    chosen: dict[str, PhotoCandidate] = {}
    for candidate in candidates:
        if candidate.how in FULL_SIZE_HOWS:
            chosen.setdefault(candidate.url, candidate)
    for candidate in candidates:
        shown = min(candidate.shown_width, candidate.shown_height)
        if candidate.how == "img" and shown >= MIN_SHOWN_PX:
            chosen.setdefault(candidate.url, candidate)
    return list(chosen.values())[:limit]


#: (magic bytes at offset 0, media type, file extension)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"BM", "image/bmp", "bmp"),
)


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(media type, extension) of an image file by its first bytes; None if it is not one we know."""
    for magic, media_type, extension in _SIGNATURES:
        if data.startswith(magic):
            return media_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"avif", b"avis"):
            return "image/avif", "avif"
        if brand in (b"heic", b"heix", b"mif1", b"msf1"):
            return "image/heic", "heic"
    return None
