"""Bytes to one parsed lxml tree, whatever the page claims about its encoding.

Parsing happens exactly once per page: every extractor works on the tree returned here.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from charset_normalizer import from_bytes
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode

_SINGLE_BYTE = {"cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii", "cp1251", "cp1250"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: bytes handed to charset detection; detection cost grows with input, accuracy does not
_DETECT_SAMPLE = 200_000


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_DETECT_SAMPLE]).best()
    return best.encoding if best is not None else None


def _norm(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def to_unicode(body: bytes | str, *, encoding: str | None = None, max_bytes: int) -> str:
    """Decode a page, honouring `encoding`, then the page's own declaration, then detection.

    A declaration is distrusted when it does not fit the bytes: a single-byte declaration over
    valid UTF-8 (classic mojibake), or a multibyte one that leaves replacement characters.
    """
    if isinstance(body, str):
        return body[:max_bytes]
    body = body[:max_bytes]
    header = f"text/html; charset={encoding}" if encoding else None
    try:
        enc, text = html_to_unicode(header, body, auto_detect_fun=_detect)
    except Exception:
        enc, text = "utf-8", body.decode("utf-8", "replace")
    enc = _norm(enc)
    if enc in _SINGLE_BYTE and any(b > 0x7F for b in body[:_DETECT_SAMPLE]):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    bad = text.count("\ufffd")
    if bad and bad > len(text) // 2000:
        guess = _detect(body)
        if guess:
            try:
                return body.decode(guess, "replace")
            except (LookupError, ValueError):
                pass
    return text


def parse_document(text: str) -> HtmlElement | None:
    """Parse HTML text into a tree, or None when nothing parseable is left."""
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except Exception:
        return None
    return root if isinstance(root, HtmlElement) else None
