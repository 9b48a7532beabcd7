"""Presentation copies and the time-gap wording, on real files: PNGs drawn with Pillow, PDFs
written object by object with classic cross-reference tables (as Chromium writes them), and the
stamped PDFs read back by the same reader, by ``pdftoppm`` where it is installed, and by a
second stamping (an incremental update on an incremental update)."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from evidence.bundle.pdf_banner import PdfBannerError, _Document, _pages, stamp_pdf
from evidence.bundle.presentation import Banner, banner_png, make_copies, thumbnail
from evidence.bundle.timegap import TIMESTAMP_GAP_WARN_S, gap_between, human_duration

CAPTURED = datetime(2026, 12, 4, 18, 54, 22, 125000, tzinfo=UTC)
BANNER = Banner(
    "3f0e8c3a-1111-2222-3333-444455556666",
    "https://market.example/item/7?q=ivory+tusk",
    "https://market.example/item/7",
    CAPTURED,
)


def classic_pdf(pages: int = 2, inherit: bool = True, rotate: int = 0) -> bytes:
    """A small PDF with a classic xref table; with ``inherit`` the second page takes its
    MediaBox and Resources from the page tree node, as the PDF format allows."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index in range(pages):
        page, content = 10 + 2 * index, 11 + 2 * index
        text = f"BT /F1 24 Tf 72 700 Td (Page {index + 1} of the listing) Tj ET\n".encode()
        objects[content] = b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream"
        own = (
            b""
            if inherit and index == 1
            else b" /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
        )
        if rotate:
            own += b" /Rotate %d" % rotate
        objects[page] = b"<< /Type /Page /Parent 2 0 R /Contents %d 0 R%s >>" % (content, own)
        kids.append(b"%d 0 R" % page)
    objects[2] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(kids)
        + b"] /Count %d" % pages
        + b" /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n\r\n" % offsets[number]
        else:
            out += b"0000000000 65535 f\r\n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def screenshot_png(width: int = 400, height: int = 1200) -> bytes:
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, width - 20, 120), fill=(30, 90, 160))
    draw.text((30, 140), "Carved ivory tusk, 120 USD", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_human_durations() -> None:
    assert human_duration(571) == "9 min 31 s"
    assert human_duration(45.4) == "45 s"
    assert human_duration(0) == "0 s"
    assert human_duration(7200) == "2 h"
    assert human_duration(7500) == "2 h 5 min"
    assert human_duration(3 * 86400 + 4 * 3600 + 59) == "3 d 4 h"


def test_gap_sentences_and_threshold() -> None:
    late = gap_between(CAPTURED, CAPTURED + timedelta(minutes=9, seconds=31))
    assert late.sentence() == "timestamped 9 min 31 s after capture" and late.large and late.noteworthy
    assert "rests on the capturing machine's clock" in late.describe()
    prompt = gap_between(CAPTURED, CAPTURED + timedelta(seconds=8))
    assert prompt.sentence() == "timestamped 8 s after capture" and not prompt.noteworthy
    assert prompt.describe() == prompt.sentence()
    at_threshold = gap_between(CAPTURED, CAPTURED + timedelta(seconds=TIMESTAMP_GAP_WARN_S))
    assert not at_threshold.large
    rounding = gap_between(CAPTURED, CAPTURED.replace(microsecond=0))  # genTime to the second
    assert not rounding.noteworthy and rounding.sentence() == "timestamped at capture (within a second)"
    ahead = gap_between(CAPTURED, CAPTURED - timedelta(minutes=3))
    assert ahead.before_capture and ahead.noteworthy and "clock was ahead" in ahead.describe()


def test_pdf_banner_keeps_the_original_as_its_first_bytes() -> None:
    original = classic_pdf()
    stamped = stamp_pdf(original, BANNER.lines("page.pdf", "ab" * 32))
    assert stamped.startswith(original) and len(stamped) > len(original)
    appended = stamped[len(original) :]
    assert b"/BaseFont /Courier" in appended and b"PRESENTATION COPY" in appended
    assert b"(URL: https://market.example/item/7?q=ivory+tusk) Tj" in appended
    assert b"/Prev " + re.findall(rb"startxref\s+(\d+)", original)[-1] in appended

    doc = _Document.read(stamped)  # the amended file reads back: its xref finds the new pages
    pages = _pages(doc)
    assert len(pages) == 2
    for page in pages:
        box = page.entries[b"MediaBox"].strip(b"[]").split()
        assert float(box[3]) > 792, "a strip was added above the page, nothing drawn over it"
        assert b"EwBannerCourier" in page.entries[b"Resources"] and b"/F1 3 0 R" in page.entries[b"Resources"]
        contents = page.entries[b"Contents"]
        assert contents.startswith(b"[") and len(re.findall(rb"\d+ 0 R", contents)) == 3
    # stamping a stamped file is an update of an update: still readable, still a prefix
    again = stamp_pdf(stamped, ["second banner"])
    assert again.startswith(stamped) and len(_pages(_Document.read(again))) == 2


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_a_pdf_reader_renders_the_banner_above_the_page(tmp_path: Path) -> None:
    stamped = tmp_path / "page.banner.pdf"
    stamped.write_bytes(stamp_pdf(classic_pdf(1), BANNER.lines("page.pdf", "cd" * 32)))
    result = subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", str(stamped), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    with Image.open(tmp_path / "page.png") as image:
        rgb = image.convert("RGB")
        assert rgb.getpixel((rgb.width - 3, 3)) == pytest.approx((255, 236, 150), abs=3), "banner colour"
        assert rgb.getpixel((rgb.width - 3, rgb.height - 3)) == (255, 255, 255), "the page below"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a pdf at all", "not a PDF"),
        (
            b"%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n",
            "streams",
        ),
        (b"%PDF-1.4\ntruncated", "startxref"),
    ],
)
def test_pdfs_it_does_not_handle_are_refused_not_guessed(data: bytes, reason: str) -> None:
    with pytest.raises(PdfBannerError, match=reason):
        stamp_pdf(data, ["x"])


def test_encrypted_and_rotated_pdfs_are_refused() -> None:
    encrypted = classic_pdf(1).replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Encrypt 99 0 R >>")
    with pytest.raises(PdfBannerError, match="encrypted"):
        stamp_pdf(encrypted, ["x"])
    with pytest.raises(PdfBannerError, match="rotated"):  # the strip would not be above the page
        stamp_pdf(classic_pdf(1, rotate=90), ["x"])


def test_screenshot_banner_and_thumbnail() -> None:
    png = screenshot_png()
    stamped = Image.open(io.BytesIO(banner_png(png, BANNER, "ef" * 32)))
    original = Image.open(io.BytesIO(png)).convert("RGB")
    strip = stamped.height - original.height
    assert stamped.width == original.width and strip > 40
    below = stamped.convert("RGB").crop((0, strip, stamped.width, stamped.height))
    assert below.tobytes() == original.tobytes(), "the original's pixels, untouched below the banner"
    assert stamped.convert("RGB").getpixel((stamped.width - 2, 2)) == (255, 236, 150)

    uri, cropped = thumbnail(png)
    assert uri.startswith("data:image/jpeg;base64,") and cropped  # 400 x 1200: taller than 2:1
    small = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert small.size == (320, 640)
    assert not thumbnail(screenshot_png(400, 300))[1]


def test_copies_that_cannot_be_made_are_noted(tmp_path: Path) -> None:
    (tmp_path / "screenshot.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4\n% test page\n%%EOF\n")
    copies = make_copies(BANNER, tmp_path / "screenshot.png", "a" * 64, tmp_path / "page.pdf", "b" * 64)
    assert copies.files == {} and copies.thumbnail is None
    assert (
        len(copies.notes) == 2
        and "screenshot.png" in copies.notes[0]
        and "page.banner.pdf" in copies.notes[1]
    )
    none = make_copies(BANNER, None, None, None, None)
    assert none.files == {} and "no screenshot.png" in none.notes[0]
