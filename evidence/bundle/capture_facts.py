"""What the bundle's report says about each capture, gathered from its signed files.

A prosecutor reads the report, not ``metadata.json``: the requested and final URL, the server's
IP address and HTTP status, the page title, the browser and tool versions, who captured it for
which organisation, and how long after the capture the timestamp was made must be on the page.
Every value comes from the capture's signed manifest or from its ``metadata.json`` (an artifact
the manifest hashes), never from the database, so the report states only what the bundle proves;
a value the capture did not record is shown as "not recorded", not guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from evidence.bundle.timegap import TimestampGap, gap_between
from evidence.manifest import Manifest

#: a metadata.json larger than this is not read for the report (ours are a few KiB)
MAX_METADATA_BYTES = 4 << 20


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(*values: Any) -> str | None:
    """The first value that says something, as text."""
    for value in values:
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float | str) and str(value).strip():
            return str(value).strip()
    return None


def read_metadata(path: Path | None) -> dict[str, Any]:
    """A capture's ``metadata.json`` as an object; empty when absent, too large or unreadable
    (the report then says "not recorded": a damaged file is the verifier's business)."""
    if path is None or not path.is_file() or path.stat().st_size > MAX_METADATA_BYTES:
        return {}
    try:
        return _object(json.loads(path.read_bytes()))
    except ValueError:
        return {}


def _looks_like_account(operator: str, host: str | None) -> bool:
    """Whether the operator is the ``user@host`` fallback the capture used because
    ``evidence.operator`` was not set: an OS account, not a named person."""
    return host is not None and operator.endswith(f"@{host}") and " " not in operator


@dataclass(frozen=True)
class CaptureFacts:
    requested_url: str
    final_url: str | None
    #: the browser ended elsewhere than the raw HTTP fetch (a script redirect, say)
    browser_final_url: str | None
    server_ip: str | None
    browser_server_ip: str | None
    http_status: str | None
    browser_status: str | None
    title: str | None
    browser: str | None
    software: str
    operator: str
    #: ``operator`` is an OS account (``user@host``), not a configured name
    operator_is_account: bool
    organisation: str | None
    gap: TimestampGap | None

    @classmethod
    def of(cls, manifest: Manifest, metadata: dict[str, Any], gen_time: datetime | None) -> CaptureFacts:
        signed = manifest.metadata
        http = _object(metadata.get("http"))
        browser = _object(metadata.get("browser"))
        environment = _object(metadata.get("environment"))
        final_url = _text(signed.get("final_url"), http.get("final_url"))
        browser_final = _text(signed.get("browser_final_url"), browser.get("final_url"))
        server_ip = _text(signed.get("server_ip"), http.get("server_ip"))
        browser_ip = _text(browser.get("server_ip"))
        status = _text(signed.get("http_status"), http.get("status"))
        browser_status = _text(browser.get("status"))
        return cls(
            requested_url=manifest.url,
            final_url=final_url or browser_final,
            browser_final_url=browser_final if browser_final not in (None, final_url) else None,
            server_ip=server_ip or browser_ip,
            browser_server_ip=browser_ip if browser_ip not in (None, server_ip) else None,
            http_status=status or browser_status,
            browser_status=browser_status if browser_status not in (None, status) else None,
            title=_text(browser.get("title"), signed.get("title"), metadata.get("title")),
            browser=_text(browser.get("browser")),
            software=manifest.software_version,
            operator=manifest.operator,
            operator_is_account=_looks_like_account(manifest.operator, _text(environment.get("host"))),
            organisation=_text(signed.get("organisation"), environment.get("organisation")),
            gap=gap_between(manifest.captured_at, gen_time) if gen_time is not None else None,
        )
