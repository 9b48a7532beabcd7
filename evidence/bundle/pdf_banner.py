"""A banner on every page of a PDF, added as an incremental update: the original bytes untouched.

PDF lets a file be amended by appending objects and a new cross-reference section after the
original ``%%EOF`` (ISO 32000-1, 7.5.6). The banner copy is made that way, for a reason a court
can check with ``head -c``: its first N bytes are the original ``page.pdf`` exactly, so the copy
provably contains the signed original and adds only what follows. What is appended, per page: a
taller MediaBox (a strip above the page, so the banner covers nothing of it), the page's
content wrapped in ``q``/``Q`` (whatever state it leaves, the banner is drawn in the page's own
coordinates) and a content stream that draws the banner in Courier (a standard font every reader
has, of fixed width, so lines are wrapped exactly without font metrics).

No PDF library is used (none is a dependency): this reads only what it needs, from files
written with classic cross-reference tables such as Chromium's (Skia) ``page.pdf``, and refuses
with :class:`PdfBannerError` whatever it does not handle (cross-reference streams, encryption,
rotated pages, damaged tables) rather than guess. A refused PDF simply has no banner copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence.bundle.wrapping import wrap_text

#: a PDF with more pages than this gets no banner copy (bounds the work on a hostile file)
MAX_PAGES = 2000
FONT_SIZE = 7.0
#: Courier's advance width, in text space units per unit of font size
_COURIER_WIDTH = 0.6
_LEADING = 1.3
_MARGIN = 6.0
_FONT_NAME = "EwBannerCourier"
_WHITESPACE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJ = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)")


class PdfBannerError(ValueError):
    """This PDF cannot be given a banner by this module; the message says why, in a phrase."""


def _skip(data: bytes, pos: int) -> int:
    """Past whitespace and comments."""
    while pos < len(data):
        if data[pos] in _WHITESPACE:
            pos += 1
        elif data[pos] == ord("%"):
            while pos < len(data) and data[pos] not in b"\r\n":
                pos += 1
        else:
            break
    return pos


def _token_end(data: bytes, pos: int) -> int:
    while pos < len(data) and data[pos] not in _WHITESPACE and data[pos] not in _DELIMITERS:
        pos += 1
    return pos


def _string_end(data: bytes, pos: int) -> int:
    """End of the literal string opening at ``pos`` (balanced parentheses, backslash escapes)."""
    depth = 0
    while pos < len(data):
        char = data[pos]
        if char == ord("\\"):
            pos += 2
            continue
        if char == ord("("):
            depth += 1
        elif char == ord(")"):
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    raise PdfBannerError("unterminated string")


def _value_end(data: bytes, pos: int, depth: int = 0) -> int:
    """End of the PDF value starting at ``pos`` (which is not whitespace)."""
    if depth > 50:
        raise PdfBannerError("objects nested too deep")
    if pos >= len(data):
        raise PdfBannerError("truncated object")
    if data.startswith(b"<<", pos):
        return _dict_end(data, pos, depth)
    char = data[pos]
    if char == ord("<"):
        end = data.find(b">", pos)
        if end < 0:
            raise PdfBannerError("unterminated hex string")
        return end + 1
    if char == ord("("):
        return _string_end(data, pos)
    if char == ord("["):
        pos = _skip(data, pos + 1)
        while not data.startswith(b"]", pos):
            pos = _skip(data, _value_end(data, pos, depth + 1))
        return pos + 1
    if char == ord("/"):
        return _token_end(data, pos + 1)
    reference = _REF.match(data, pos)
    if reference is not None and _token_end(data, reference.end() - 1) == reference.end():
        return reference.end()
    end = _token_end(data, pos)
    if end == pos:
        raise PdfBannerError(f"unexpected byte {data[pos : pos + 1]!r}")
    return end


def _dict_end(data: bytes, pos: int, depth: int = 0) -> int:
    return _dict_entries(data, pos, depth)[1]


def _dict_entries(data: bytes, pos: int, depth: int = 0) -> tuple[dict[bytes, bytes], int]:
    """The entries of the dictionary opening at ``pos`` (key without the slash -> raw value
    bytes) and where it ends."""
    if not data.startswith(b"<<", pos):
        raise PdfBannerError("a dictionary was expected")
    entries: dict[bytes, bytes] = {}
    pos = _skip(data, pos + 2)
    while not data.startswith(b">>", pos):
        if pos >= len(data) or data[pos] != ord("/"):
            raise PdfBannerError("a dictionary key was expected")
        key_end = _token_end(data, pos + 1)
        key = data[pos + 1 : key_end]
        start = _skip(data, key_end)
        end = _value_end(data, start, depth + 1)
        entries[key] = data[start:end]
        pos = _skip(data, end)
    return entries, pos + 2


def _reference(raw: bytes) -> tuple[int, int] | None:
    match = _REF.fullmatch(raw.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _numbers(raw: bytes, count: int) -> list[float]:
    raw = raw.strip()
    if not (raw.startswith(b"[") and raw.endswith(b"]")):
        raise PdfBannerError("a page box is not an array of numbers")
    parts = raw[1:-1].split()
    if len(parts) != count or not all(_NUMBER.fullmatch(p) for p in parts):
        raise PdfBannerError("a page box is not an array of numbers")
    return [float(p) for p in parts]


@dataclass
class _Document:
    data: bytes
    offsets: dict[int, tuple[int, int]]  # object number -> (generation, offset)
    trailer: dict[bytes, bytes]
    startxref: int

    @classmethod
    def read(cls, data: bytes) -> _Document:
        tail = data[-2048:]
        at = tail.rfind(b"startxref")
        if at < 0 or b"%%EOF" not in tail[at:]:
            raise PdfBannerError("no startxref at the end of the file")
        match = re.match(rb"startxref\s+(\d+)", tail[at:])
        if match is None:
            raise PdfBannerError("unreadable startxref")
        startxref = int(match.group(1))
        offsets: dict[int, tuple[int, int]] = {}
        trailer: dict[bytes, bytes] | None = None
        seen: set[int] = set()
        section: int | None = startxref
        while section is not None:
            if section in seen or len(seen) > 100:
                raise PdfBannerError("cross-reference sections loop")
            seen.add(section)
            entries, section_trailer = _xref_section(data, section)
            for number, value in entries.items():
                offsets.setdefault(number, value)  # the newest section wins
            if trailer is None:
                trailer = section_trailer
            if b"XRefStm" in section_trailer:
                raise PdfBannerError("a hybrid cross-reference file")
            prev = section_trailer.get(b"Prev")
            section = int(prev) if prev is not None and prev.strip().isdigit() else None
        assert trailer is not None
        if b"Encrypt" in trailer:
            raise PdfBannerError("an encrypted PDF")
        if _reference(trailer.get(b"Root", b"")) is None or b"Size" not in trailer:
            raise PdfBannerError("the trailer names no catalog")
        return cls(data, offsets, trailer, startxref)

    def object(self, ref: tuple[int, int]) -> tuple[bytes, int, int]:
        """The raw value of object ``ref`` and its span in the file."""
        known = self.offsets.get(ref[0])
        if known is None or known[0] != ref[1]:
            raise PdfBannerError(f"object {ref[0]} {ref[1]} is not in the cross-reference table")
        match = _OBJ.match(self.data, known[1])
        if match is None or (int(match.group(1)), int(match.group(2))) != ref:
            raise PdfBannerError(f"object {ref[0]} is not where the cross-reference table says")
        start = _skip(self.data, match.end())
        end = _value_end(self.data, start)
        return self.data[start:end], start, end

    def dictionary(self, raw: bytes) -> dict[bytes, bytes]:
        """A dictionary given inline or by reference."""
        reference = _reference(raw)
        if reference is not None:
            raw = self.object(reference)[0]
        if not raw.startswith(b"<<"):
            raise PdfBannerError("a dictionary was expected")
        return _dict_entries(raw, 0)[0]

    def resolve(self, raw: bytes) -> bytes:
        reference = _reference(raw)
        return self.object(reference)[0] if reference is not None else raw


def _xref_section(data: bytes, offset: int) -> tuple[dict[int, tuple[int, int]], dict[bytes, bytes]]:
    """One classic cross-reference section and its trailer."""
    pos = _skip(data, offset)
    if not data.startswith(b"xref", pos):
        raise PdfBannerError("cross-reference streams (PDF 1.5) are not handled")
    pos += 4
    entries: dict[int, tuple[int, int]] = {}
    while True:
        pos = _skip(data, pos)
        if data.startswith(b"trailer", pos):
            break
        header = re.compile(rb"(\d+)\s+(\d+)").match(data, pos)
        if header is None:
            raise PdfBannerError("a damaged cross-reference table")
        first, count = int(header.group(1)), int(header.group(2))
        pos = header.end()
        for number in range(first, first + count):
            entry = re.compile(rb"\s*(\d{10})\s(\d{5})\s([nf])").match(data, pos)
            if entry is None:
                raise PdfBannerError("a damaged cross-reference entry")
            if entry.group(3) == b"n":
                entries[number] = (int(entry.group(2)), int(entry.group(1)))
            pos = entry.end()
    trailer, _end = _dict_entries(data, _skip(data, pos + len(b"trailer")))
    return entries, trailer


@dataclass(frozen=True)
class _Page:
    ref: tuple[int, int]
    entries: dict[bytes, bytes]
    #: attributes the page inherits from its ancestors, to be written on the new page itself
    inherited: dict[bytes, bytes]


_INHERITED = (b"Resources", b"MediaBox", b"CropBox", b"Rotate")


def _pages(doc: _Document) -> list[_Page]:
    """Every page, in order, walking the page tree from the catalog."""
    catalog = doc.dictionary(doc.trailer[b"Root"])
    root = _reference(catalog.get(b"Pages", b""))
    if root is None:
        raise PdfBannerError("the catalog names no page tree")
    pages: list[_Page] = []
    stack: list[tuple[tuple[int, int], dict[bytes, bytes], int]] = [(root, {}, 0)]
    visited: set[tuple[int, int]] = set()
    while stack:
        ref, inherited, depth = stack.pop()
        if ref in visited or depth > 50 or len(visited) > 4 * MAX_PAGES:
            raise PdfBannerError("a malformed page tree")
        visited.add(ref)
        node = doc.dictionary(doc.object(ref)[0])
        kind = node.get(b"Type", b"").strip()
        here = {**inherited, **{k: node[k] for k in _INHERITED if k in node}}
        if kind == b"/Page":
            pages.append(_Page(ref, node, {k: v for k, v in here.items() if k not in node}))
            if len(pages) > MAX_PAGES:
                raise PdfBannerError(f"more than {MAX_PAGES} pages")
            continue
        if kind != b"/Pages":
            raise PdfBannerError("a page tree node of unknown type")
        kids = doc.resolve(node.get(b"Kids", b"[]")).strip()
        references = [(int(m.group(1)), int(m.group(2))) for m in _REF.finditer(kids)]
        stack.extend((kid, here, depth + 1) for kid in reversed(references))
    if not pages:
        raise PdfBannerError("no pages")
    return pages


def _pdf_text(text: str) -> bytes:
    """A literal string for WinAnsiEncoding: what it cannot spell becomes '?'."""
    encoded = text.encode("cp1252", errors="replace")
    encoded = bytes(b if 32 <= b < 127 or b >= 160 else ord("?") for b in encoded)
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(lines: list[str], width: float) -> list[str]:
    """The banner's lines cut to the page's width (Courier: every glyph is equally wide)."""
    per_line = max(20, int(width / (FONT_SIZE * _COURIER_WIDTH)))
    out: list[str] = []
    for line in lines:
        out.extend(wrap_text(line, lambda text: float(len(text)), per_line))
    return out


def _fmt(value: float) -> bytes:
    return f"{value:.2f}".rstrip("0").rstrip(".").encode("ascii")


def _banner_stream(box: list[float], lines: list[str]) -> tuple[bytes, float]:
    """The content that draws the banner above ``box`` (x0 y0 x1 y1), and the strip's height."""
    x0, _y0, x1, y1 = box
    wrapped = _wrap(lines, x1 - x0 - 2 * _MARGIN)
    leading = FONT_SIZE * _LEADING
    height = 2 * _MARGIN + leading * len(wrapped)
    ops = [
        b"Q q",
        b"1 0.925 0.588 rg " + b" ".join(map(_fmt, (x0, y1, x1 - x0, height))) + b" re f",
        b"0.47 0.35 0 RG 1 w " + _fmt(x0) + b" " + _fmt(y1) + b" m " + _fmt(x1) + b" " + _fmt(y1) + b" l S",
        b"BT /" + _FONT_NAME.encode() + b" " + _fmt(FONT_SIZE) + b" Tf 0 0 0 rg " + _fmt(leading) + b" TL",
        _fmt(x0 + _MARGIN) + b" " + _fmt(y1 + height - _MARGIN - FONT_SIZE) + b" Td",
    ]
    ops.extend(_pdf_text(line) + b" Tj T*" for line in wrapped)
    ops += [b"ET", b"Q"]
    return b"\n".join(ops) + b"\n", height


def _stream_object(content: bytes) -> bytes:
    return b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"endstream"


def _dict_bytes(entries: dict[bytes, bytes]) -> bytes:
    return b"<<" + b"".join(b"/" + key + b" " + value + b"\n" for key, value in entries.items()) + b">>"


class _Appender:
    """Objects appended after the original, and the cross-reference section that finds them."""

    def __init__(self, doc: _Document) -> None:
        self.doc = doc
        self.out = bytearray(doc.data if doc.data.endswith(b"\n") else doc.data + b"\n")
        self.offsets: dict[int, tuple[int, int]] = {}
        size = doc.trailer[b"Size"].strip()
        if not size.isdigit():
            raise PdfBannerError("the trailer's Size is not a number")
        self.next_number = int(size)

    def new(self, value: bytes) -> tuple[int, int]:
        ref = (self.next_number, 0)
        self.next_number += 1
        self.put(ref, value)
        return ref

    def put(self, ref: tuple[int, int], value: bytes) -> None:
        self.offsets[ref[0]] = (ref[1], len(self.out))
        self.out += f"{ref[0]} {ref[1]} obj\n".encode() + value + b"\nendobj\n"

    def finish(self) -> bytes:
        xref_at = len(self.out)
        self.out += b"xref\n"
        numbers = sorted(self.offsets)
        start = 0
        while start < len(numbers):
            end = start
            while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
                end += 1
            self.out += f"{numbers[start]} {end - start + 1}\n".encode()
            for number in numbers[start : end + 1]:
                generation, offset = self.offsets[number]
                self.out += f"{offset:010d} {generation:05d} n\r\n".encode()
            start = end + 1
        trailer = {b"Size": str(self.next_number).encode(), b"Root": self.doc.trailer[b"Root"]}
        for key in (b"Info", b"ID"):
            if key in self.doc.trailer:
                trailer[key] = self.doc.trailer[key]
        trailer[b"Prev"] = str(self.doc.startxref).encode()
        self.out += b"trailer\n" + _dict_bytes(trailer) + f"\nstartxref\n{xref_at}\n%%EOF\n".encode()
        return bytes(self.out)


def _stamped_page(
    doc: _Document, appender: _Appender, page: _Page, font: tuple[int, int], lines: list[str]
) -> None:
    entries = {**page.inherited, **page.entries}
    rotate = entries.get(b"Rotate", b"0").strip()
    if rotate not in (b"0", b"360"):
        raise PdfBannerError("a rotated page")
    if b"MediaBox" not in entries:
        raise PdfBannerError("a page without a MediaBox")
    box = _numbers(doc.resolve(entries[b"MediaBox"]), 4)
    stream, height = _banner_stream(box, lines)
    box[3] += height
    entries[b"MediaBox"] = b"[" + b" ".join(map(_fmt, box)) + b"]"
    if b"CropBox" in entries:
        crop = _numbers(doc.resolve(entries[b"CropBox"]), 4)
        crop[3] += height
        entries[b"CropBox"] = b"[" + b" ".join(map(_fmt, crop)) + b"]"
    resources = doc.dictionary(entries[b"Resources"]) if b"Resources" in entries else {}
    fonts = doc.dictionary(resources[b"Font"]) if b"Font" in resources else {}
    fonts[_FONT_NAME.encode()] = f"{font[0]} {font[1]} R".encode()
    resources[b"Font"] = _dict_bytes(fonts)
    entries[b"Resources"] = _dict_bytes(resources)
    original = doc.resolve(entries[b"Contents"]).strip() if b"Contents" in entries else b""
    if original.startswith(b"["):
        parts = original[1:-1]
    elif b"Contents" in entries:
        parts = entries[b"Contents"].strip()  # one stream, by reference
    else:
        parts = b""
    save = appender.new(_stream_object(b"q\n"))
    banner = appender.new(_stream_object(stream))
    entries[b"Contents"] = (
        f"[{save[0]} {save[1]} R ".encode() + parts + f" {banner[0]} {banner[1]} R]".encode()
    )
    appender.put(page.ref, _dict_bytes(entries))


def stamp_pdf(original: bytes, lines: list[str]) -> bytes:
    """``original`` with ``lines`` in a banner strip above every page, appended as an
    incremental update (the result starts with ``original`` byte for byte)."""
    if not original.startswith(b"%PDF-"):
        raise PdfBannerError("not a PDF")
    try:
        doc = _Document.read(original)
        pages = _pages(doc)
        appender = _Appender(doc)
        font = appender.new(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
        )
        for page in pages:
            _stamped_page(doc, appender, page, font, lines)
        return appender.finish()
    except (IndexError, KeyError, ValueError, RecursionError) as exc:
        if isinstance(exc, PdfBannerError):
            raise
        raise PdfBannerError(f"an unreadable structure ({type(exc).__name__})") from None
