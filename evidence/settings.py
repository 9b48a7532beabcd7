"""What a capture needs to know, as one small record of plain values.

Captures run in three places: the crawl's capture thread, ``ecowarden capture`` and the scheduler's
re-captures. The crawl's copy travels inside Scrapy settings, which are deep-copied and may be
serialised for a cluster worker, so it holds no config object and nothing callable: paths are
resolved against the config file's folder when the record is made, and the certificates are read
(and checked) only when a capture context is built from it. Each value comes from the config's
own default; nothing here repeats one.

``to_settings`` and ``from_settings`` name every field ``EVIDENCE_<FIELD>`` in Scrapy settings,
the capture extension's prefix.
"""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
import json
import logging
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecowarden.config import Config

PREFIX = "EVIDENCE_"

log = logging.getLogger(__name__)

NO_TSA_WARNING = (
    "evidence is being captured without a timestamp authority (evidence.tsa_url is empty):"
    " capture times rest on this machine's clock alone; set evidence.tsa_url and"
    " evidence.tsa_certificate (`ecowarden timestamp` can stamp these captures later, proving"
    " only that later time)"
)


def default_operator() -> str:
    """``user@host``: who ran the capture, when the config names nobody."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def config_digest(cfg: Config) -> str:
    """SHA-256 of the whole configuration, recorded with each capture (which settings made it)."""
    raw = json.dumps(asdict(cfg), sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class CaptureSettings:
    """The evidence folder, who operates it, the timestamp authority, and how pages are captured."""

    folder: str
    operator: str
    organisation: str
    #: digest of the configuration the capture was made under (see :func:`config_digest`)
    config_sha256: str
    user_agent: str
    capture_timeout_s: float
    max_response_bytes: int
    redirect_max: int
    viewport_width: int
    viewport_height: int
    max_screenshot_height: int
    #: an RFC 3161 authority ("" for none) and the absolute paths of its certificates ("" for none)
    tsa_url: str
    tsa_certificate: str
    tsa_root: str
    tsa_timeout_s: float
    #: Playwright ``launch()`` keyword arguments (plain JSON values)
    launch_options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_config(cls, cfg: Config) -> CaptureSettings:
        ev = cfg.evidence
        return cls(
            folder=str(cfg.path(ev.dir)),
            operator=ev.operator or default_operator(),
            organisation=ev.organisation,
            config_sha256=config_digest(cfg),
            user_agent=cfg.crawl.user_agent,
            capture_timeout_s=ev.capture_timeout_s,
            max_response_bytes=ev.max_response_bytes,
            redirect_max=ev.redirect_max,
            viewport_width=ev.viewport_width,
            viewport_height=ev.viewport_height,
            max_screenshot_height=ev.max_screenshot_height,
            tsa_url=ev.tsa_url,
            tsa_certificate=str(cfg.path(ev.tsa_certificate)) if ev.tsa_certificate else "",
            tsa_root=str(cfg.path(ev.tsa_root)) if ev.tsa_root else "",
            tsa_timeout_s=ev.tsa_timeout_s,
            launch_options=cfg.browser.launch_options(),
        )

    def to_settings(self) -> dict[str, Any]:
        """Scrapy settings carrying this record (``EVIDENCE_FOLDER`` and so on)."""
        return {PREFIX + f.name.upper(): getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CaptureSettings | None:
        """The record ``to_settings`` wrote, or None when the settings do not carry one."""
        names = [f.name for f in dataclasses.fields(cls)]
        if any(PREFIX + name.upper() not in settings for name in names):
            return None
        values = {name: settings[PREFIX + name.upper()] for name in names}
        values["launch_options"] = dict(values["launch_options"] or {})
        return cls(**values)


class OnceWarning:
    """A warning said once per process to each place it goes: one log record, and one line on
    stderr for a command that passes ``echo``.

    The two are counted apart because a crawl runs in the CLI's own process: the command prints
    its line before the crawl starts, and the crawl's log file (set up later by Scrapy) still gets
    its record. While no logging is set up, a record would land on stderr too (Python's
    last-resort handler), so after the echo it waits until a handler exists."""

    def __init__(self, logger: logging.Logger, message: str) -> None:
        self._logger = logger
        self.message = message
        self._lock = threading.Lock()
        self.logged = False
        self.echoed = False

    def warn(self, echo: Callable[[str], None] | None = None) -> None:
        with self._lock:
            if echo is not None and not self.echoed:
                self.echoed = True
                echo(self.message)
            if not self.logged and (self._logger.hasHandlers() or not self.echoed):
                self.logged = True
                self._logger.warning(self.message)


_NO_TSA = OnceWarning(log, NO_TSA_WARNING)


def warn_if_no_tsa(tsa_url: str, echo: Callable[[str], None] | None = None) -> bool:
    """Warn, once per process, when evidence is about to be captured with no timestamp authority
    configured: the captures will carry no independent proof of their time, and the operator should
    learn that when the work starts, not from a bundle weeks later. Returns whether none is set."""
    if tsa_url:
        return False
    _NO_TSA.warn(echo)
    return True
