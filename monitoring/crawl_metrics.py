"""Prometheus metrics of the crawls a process runs, and the one HTTP endpoint that serves them.

A worker runs many crawls one after another (and ``ecowarden crawl`` several at once) in one
process: all of them count into one registry per process, labelled by site, so a counter keeps
growing across runs as Prometheus expects and ``rate()`` works over run boundaries. The registry
is our own, not prometheus_client's global one, so importing this module registers nothing
anywhere else (the review app builds its metrics per scrape, see ``site_metrics``).
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server


class MetricsServerError(RuntimeError):
    """The metrics endpoint cannot be served (address in use, or another address already served)."""


class CrawlMetrics:
    """The crawl metrics of one process (see :func:`process_metrics`)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry(auto_describe=True)
        r = self.registry
        self.pages = Counter("ecowarden_crawl_pages", "Pages (responses) received.", ["site"], registry=r)
        self.items = Counter(
            "ecowarden_crawl_items",
            "Listings found and stored (new, changed, unchanged, reappeared): the crawl's yield.",
            ["site"],
            registry=r,
        )
        self.listings = Counter(
            "ecowarden_crawl_listings", "Listings handled by storage, by kind.", ["site", "kind"], registry=r
        )
        self.flags = Counter(
            "ecowarden_crawl_flags", "Listings the classifier flagged as suspect.", ["site"], registry=r
        )
        self.errors = Counter(
            "ecowarden_crawl_errors", "Failed requests, by exception type.", ["site", "type"], registry=r
        )
        self.pages_per_second = Gauge(
            "ecowarden_crawl_pages_per_second",
            "Pages per second over the last update interval (0 when no crawl of the site runs).",
            ["site"],
            registry=r,
        )
        self.running = Gauge(
            "ecowarden_crawl_running", "Crawls of the site running in this process.", ["site"], registry=r
        )
        self.last_run_yield = Gauge(
            "ecowarden_crawl_last_run_yield",
            "Listings stored by this process's last closed crawl of the site.",
            ["site"],
            registry=r,
        )
        self.yield_zero = Gauge(
            "ecowarden_crawl_yield_zero",
            "1 when this process's last closed crawl of the site stored no listing.",
            ["site"],
            registry=r,
        )


_metrics_lock = threading.Lock()
_server_lock = threading.Lock()
_process_metrics: CrawlMetrics | None = None


def process_metrics() -> CrawlMetrics:
    """The crawl metrics every crawler of this process shares (made on first use)."""
    global _process_metrics
    with _metrics_lock:
        if _process_metrics is None:
            _process_metrics = CrawlMetrics()
        return _process_metrics


@dataclass
class MetricsServer:
    host: str
    port: int
    server: Any
    thread: threading.Thread


_server: MetricsServer | None = None


def start_metrics_server(host: str, port: int, registry: CollectorRegistry | None = None) -> MetricsServer:
    """Serve ``registry`` (default: this process's crawl metrics) at http://host:port/metrics.

    Once per process: a second call for the same address returns the running server, a call for
    another address is refused (one process, one scrape target). A port another process holds
    is a :class:`MetricsServerError` that says so (give each worker its own port).
    """
    global _server
    if not 0 < port < 65536:
        raise MetricsServerError(f"metrics port must be 1-65535, got {port}")
    chosen = registry if registry is not None else process_metrics().registry
    with _server_lock:
        if _server is not None:
            if (_server.host, _server.port) != (host, port):
                raise MetricsServerError(
                    f"this process already serves metrics on {_server.host}:{_server.port}, "
                    f"not on {host}:{port}"
                )
            return _server
        try:
            server, thread = start_http_server(port, addr=host, registry=chosen)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise MetricsServerError(
                    f"cannot serve metrics on {host}:{port}: the port is in use by another process "
                    "(give each worker its own metrics port)"
                ) from None
            reason = exc.strerror or str(exc)
            raise MetricsServerError(f"cannot serve metrics on {host}:{port}: {reason}") from None
        _server = MetricsServer(host, port, server, thread)
        return _server


def stop_metrics_server() -> None:
    """Stop this process's metrics endpoint (tests, or a worker shutting down cleanly)."""
    global _server
    with _server_lock:
        running, _server = _server, None
    if running is not None:
        running.server.shutdown()
        running.server.server_close()
