"""Presentation copies of a capture, made at export: a thumbnail for the report, and the
screenshot and PDF with a banner that names the URL, the UTC capture time and the capture id.

Why they exist: a screenshot printed for a court file or shown to a witness says nothing about
where and when it was taken, and a page of a report with no picture of the page makes a reader
open files to know what the capture shows. Why they are kept apart from the evidence: the
originals are what the capture's manifest signed and the timestamp authority stamped, byte for
byte; anything drawn on them is no longer that. So the copies are made from the bundled originals
(never replacing them), go to ``data/presentation/<capture id>/`` (evidence/bundle/layout.py), say
on their own banner that they are derived copies, and are covered by the signed checkpoint like
every other file of the bundle.

A copy that cannot be made (no screenshot, a file Pillow cannot read, a PDF whose structure the
banner writer does not handle) is left out with a note the report shows; an export never fails
for the sake of a presentation copy.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from evidence.bundle import layout
from evidence.bundle.capture_facts import CaptureFacts, read_metadata
from evidence.bundle.pdf_banner import PdfBannerError, stamp_pdf
from evidence.bundle.wrapping import wrap_text
from evidence.manifest import Manifest

#: originals larger than this are not read for copies (a screenshot is cut at 16,000 px high)
MAX_SOURCE_BYTES = 64 << 20
#: images with more pixels than this are not decoded (about 1,280 x 47,000)
MAX_PIXELS = 60_000_000
THUMBNAIL_WIDTH = 320
#: a taller thumbnail shows the top of the page only: a full-page screenshot scaled to fit
#: would be a thin unreadable strip, and the top (title, photos, price) identifies the page
THUMBNAIL_MAX_HEIGHT = 640
_BANNER_BACKGROUND = (255, 236, 150)
_BANNER_RULE = (120, 90, 0)
METADATA = "metadata.json"


class PresentationError(Exception):
    """A presentation copy cannot be made; the message says why, in a phrase."""


@dataclass(frozen=True)
class Banner:
    """What a banner states about a capture."""

    capture_id: str
    url: str
    final_url: str | None
    captured_at: datetime

    def lines(self, original: str, sha256: str) -> list[str]:
        """The banner's text, first the warning that this is no original."""
        moment = self.captured_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        lines = [
            f"PRESENTATION COPY made at export - not evidence. Original: {original}, SHA-256 {sha256}",
            f"URL: {self.url}",
        ]
        if self.final_url and self.final_url != self.url:
            lines.append(f"Final URL: {self.final_url}")
        lines.append(f"Captured {moment} (capturing machine's clock)")
        lines.append(f"Capture id: {self.capture_id}")
        return lines


@dataclass
class Copies:
    """The copies made for one capture, and why any is missing."""

    #: file name inside ``data/presentation/<capture id>/`` -> bytes
    files: dict[str, bytes] = field(default_factory=dict)
    #: the screenshot's thumbnail as a ``data:`` URI (the report's CSP allows no other images)
    thumbnail: str | None = None
    #: the thumbnail shows the top of the page only
    thumbnail_cropped: bool = False
    notes: list[str] = field(default_factory=list)


def _read_source(path: Path | None, name: str) -> bytes:
    if path is None or not path.is_file():
        raise PresentationError(f"the capture has no {name}")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise PresentationError(f"{name} is {size} bytes, more than copies are made from")
    return path.read_bytes()


def _open_png(data: bytes) -> Image.Image:
    """The screenshot as a Pillow image, refusing what is not a PNG or is absurdly large
    before any pixel is decoded (only the PNG decoder is offered the bytes)."""
    try:
        image = Image.open(io.BytesIO(data), formats=["PNG"])
    except Exception as exc:  # Pillow raises several kinds for a file it cannot identify
        raise PresentationError(
            f"screenshot.png is not a PNG Pillow can read ({type(exc).__name__})"
        ) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PresentationError(f"screenshot.png is {width} x {height} px, too large to redraw")
    return image


def thumbnail(data: bytes) -> tuple[str, bool]:
    """A small JPEG of the screenshot's top as a ``data:`` URI, and whether it was cropped."""
    image = _open_png(data)
    try:
        width, height = image.size
        keep = min(height, round(width * THUMBNAIL_MAX_HEIGHT / THUMBNAIL_WIDTH))
        top = image.crop((0, 0, width, keep)).convert("RGB")
        scaled_height = max(1, round(keep * THUMBNAIL_WIDTH / width))
        small = top.resize((THUMBNAIL_WIDTH, scaled_height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, format="JPEG", quality=80)
    except PresentationError:
        raise
    except Exception as exc:  # a truncated or corrupt PNG fails only when its pixels are read
        raise PresentationError(f"screenshot.png cannot be decoded ({type(exc).__name__})") from None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii"), keep < height


def banner_png(data: bytes, banner: Banner, sha256: str) -> bytes:
    """The screenshot below a banner strip: the original's pixels are not drawn on."""
    image = _open_png(data)
    try:
        width, height = image.size
        size = max(12, min(28, width // 80))
        font = ImageFont.load_default(size=size)
        margin = size // 2
        lines = [
            part
            for line in banner.lines(layout.SCREENSHOT, sha256)
            for part in wrap_text(line, font.getlength, max(width - 2 * margin, size * 10))
        ]
        step = round(size * 1.3)
        strip = 2 * margin + step * len(lines)
        out_image = Image.new("RGB", (width, strip + height), _BANNER_BACKGROUND)
        draw = ImageDraw.Draw(out_image)
        for number, line in enumerate(lines):
            draw.text((margin, margin + number * step), line, fill=(0, 0, 0), font=font)
        draw.line([(0, strip - 1), (width, strip - 1)], fill=_BANNER_RULE, width=2)
        out_image.paste(image.convert("RGB"), (0, strip))
        out = io.BytesIO()
        out_image.save(out, format="PNG")
    except PresentationError:
        raise
    except Exception as exc:
        raise PresentationError(f"screenshot.png cannot be redrawn ({type(exc).__name__})") from None
    return out.getvalue()


def make_copies(
    banner: Banner,
    screenshot: Path | None,
    screenshot_sha256: str | None,
    pdf: Path | None,
    pdf_sha256: str | None,
) -> Copies:
    """Every copy that can be made from the bundled originals (paths in the bag being built)."""
    copies = Copies()
    try:
        png = _read_source(screenshot if screenshot_sha256 else None, layout.SCREENSHOT)
        copies.thumbnail, copies.thumbnail_cropped = thumbnail(png)
        assert screenshot_sha256 is not None
        copies.files[layout.SCREENSHOT_BANNER] = banner_png(png, banner, screenshot_sha256)
    except PresentationError as exc:
        copies.notes.append(f"no thumbnail or {layout.SCREENSHOT_BANNER}: {exc}")
    try:
        original = _read_source(pdf if pdf_sha256 else None, layout.PDF)
        assert pdf_sha256 is not None
        copies.files[layout.PDF_BANNER] = stamp_pdf(original, banner.lines(layout.PDF, pdf_sha256))
    except (PresentationError, PdfBannerError) as exc:
        copies.notes.append(f"no {layout.PDF_BANNER}: {exc}")
    return copies


def for_capture(folder: Path, manifest: Manifest, gen_time: datetime | None) -> tuple[CaptureFacts, Copies]:
    """The report's facts and the presentation copies of one capture, from its files as bundled
    in ``folder`` (``data/captures/<id>/`` of the bag being built): what the bundle proves, and
    nothing read from anywhere else."""
    names = {artifact.name: artifact.sha256 for artifact in manifest.artifacts}
    metadata = read_metadata(folder / METADATA if METADATA in names else None)
    facts = CaptureFacts.of(manifest, metadata, gen_time)
    banner = Banner(
        manifest.capture_id, manifest.url, facts.browser_final_url or facts.final_url, manifest.captured_at
    )
    copies = make_copies(
        banner,
        folder / layout.SCREENSHOT,
        names.get(layout.SCREENSHOT),
        folder / layout.PDF,
        names.get(layout.PDF),
    )
    return facts, copies
