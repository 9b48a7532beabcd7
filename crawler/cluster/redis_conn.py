"""One way to open the cluster's Redis connection."""

from __future__ import annotations

import re
from typing import Any


def connect(url: str) -> Any:
    """A client for the cluster's Redis (bytes in and out: the queue holds pickled requests)."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=30)


_PASSWORD = re.compile(r"(rediss?://[^:/@\s]*:)[^@\s]*@")


def redact(text: str) -> str:
    """A Redis URL's password never goes to a terminal or a log."""
    return _PASSWORD.sub(r"\1***@", text)
