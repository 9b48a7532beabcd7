"""The queue's keyset cursors: a page's last sort key, opaque to clients and checked on return.

A cursor is the sort key, base64url-encoded with a MAC under the installation's own secret (the
app derives it from the installation key), so that a truncated, edited or forged cursor is
refused as :class:`BadCursor` (a 400) instead of reaching the database as garbage (a 500). Every
value it carries is still checked for type and range before it reaches SQL: a cursor is only a
position in a queue the caller may already read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from review.queue.filters import MAX_ID

_MAX_CURSOR = 600
_CURSOR_SALT = b"ecowarden-queue-cursor-v1:"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BadCursor(ValueError):
    """A cursor this module did not make (truncated, edited, or from another order)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _checksum(payload: bytes, secret: bytes) -> bytes:
    """A MAC under the installation's secret (the fixed salt only where none is given: tools and
    tests that make and read their own cursors)."""
    return hmac.new(secret or _CURSOR_SALT, payload, hashlib.sha256).digest()[:16]


def micros(moment: datetime) -> int:
    delta = moment.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def encode_cursor(order: str, key: Sequence[Any], secret: bytes = b"") -> str:
    """The opaque, URL-safe cursor for a sort key: ``payload.checksum`` in base64url."""
    payload = json.dumps([order, *key], separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return f"{_b64(payload)}.{_b64(_checksum(payload, secret))}"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def decode_cursor(cursor: str, order: str, secret: bytes = b"") -> tuple[Any, ...]:
    """The sort key a cursor carries, checked for shape and type against ``order``."""
    if len(cursor) > _MAX_CURSOR or not re.fullmatch(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", cursor):
        raise BadCursor("bad cursor: not a queue cursor")
    body, _, check = cursor.partition(".")
    try:
        payload, digest = _unb64(body), _unb64(check)
    except (binascii.Error, ValueError):
        raise BadCursor("bad cursor: not a queue cursor") from None
    if not hmac.compare_digest(digest, _checksum(payload, secret)):
        raise BadCursor("bad cursor: damaged or edited")
    try:
        value = json.loads(payload)
    except ValueError:
        raise BadCursor("bad cursor: not a queue cursor") from None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise BadCursor("bad cursor: not a queue cursor")
    if value[0] != order:
        raise BadCursor(f"bad cursor: made for order {value[0][:20]!r}, not {order!r}; start from page 1")
    key = tuple(value[1:])
    if order == "site":
        if len(key) != 3 or not isinstance(key[0], str) or len(key[0]) > 200:
            raise BadCursor("bad cursor: not a queue cursor")
        score_key: tuple[Any, ...] = key[1:]
    elif order == "newest":
        if len(key) != 2 or not _is_int(key[0]):
            raise BadCursor("bad cursor: not a queue cursor")
        try:
            moment = _EPOCH + timedelta(microseconds=key[0])
        except OverflowError:
            raise BadCursor("bad cursor: not a queue cursor") from None
        return moment, _cursor_id(key[1])
    else:  # "score" and "informative": (a score or distance, listing id)
        if len(key) != 2:
            raise BadCursor("bad cursor: not a queue cursor")
        score_key = key
    score, listing_id = score_key
    if isinstance(score, bool) or not isinstance(score, int | float) or not _finite(score):
        raise BadCursor("bad cursor: not a queue cursor")
    return (*key[:-2], float(score), _cursor_id(listing_id))


def _finite(number: float) -> bool:
    """A JSON integer can be too large for a float (``10**400``): not a score either."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _cursor_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_ID:
        raise BadCursor("bad cursor: not a queue cursor")
    return value


# -- queries --------------------------------------------------------------------------------------
