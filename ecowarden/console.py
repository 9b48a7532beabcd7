"""Human output of the CLI: the live crawl display and the end-of-run table."""

from __future__ import annotations

import sys
import time
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table

from crawler.runner import RunSummary

stderr = Console(stderr=True)
# Wide enough for the run table when the output goes to a file or CI log rather than a terminal.
stdout = Console() if Console().is_terminal else Console(width=140)

_COLUMNS = (
    ("pages", "response_received_count"),
    ("new", "ecowarden/listings/new"),
    ("changed", "ecowarden/listings/changed"),
    ("removed", "ecowarden/listings/removed"),
    ("flagged", "ecowarden/listings/flagged"),
    ("captured", "ecowarden/evidence/captured"),
    ("errors", "ecowarden/errors"),
)


class CrawlProgress:
    """A live table on a terminal; a line every ten seconds in a log or CI."""

    def __init__(self, console: Console = stderr) -> None:
        self.console = console
        self.live: Live | None = None
        self.interactive = console.is_terminal
        self.last_line = 0.0

    def __call__(self, rows: list[tuple[str, dict[str, Any]]]) -> None:
        if self.interactive:
            table = Table(title="crawling", expand=False)
            table.add_column("site")
            for name, _ in _COLUMNS:
                table.add_column(name, justify="right")
            for site, stats in rows:
                table.add_row(site, *(str(stats.get(key, 0)) for _, key in _COLUMNS))
            if self.live is None:
                self.live = Live(table, console=self.console, refresh_per_second=4, transient=True)
                self.live.start()
            else:
                self.live.update(table)
            return
        now = time.monotonic()
        if now - self.last_line >= 10:
            self.last_line = now
            parts = [
                f"{site}: " + " ".join(f"{name}={stats.get(key, 0)}" for name, key in _COLUMNS)
                for site, stats in rows
            ]
            print("crawling | " + " | ".join(parts), file=sys.stderr, flush=True)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def print_summaries(summaries: list[RunSummary]) -> None:
    table = Table(title="crawl runs")
    for column in (
        "site",
        "run",
        "result",
        "pages",
        "new",
        "changed",
        "unchanged",
        "removed",
        "flagged",
        "captured",
        "errors",
        "seconds",
    ):
        table.add_column(column, justify="left" if column in ("site", "run", "result") else "right")
    for summary in summaries:
        d = summary.as_dict()
        table.add_row(
            d["site"],
            (d["run_id"] or "-")[:8],
            d["finish_reason"] if summary.ok else f"[red]{d['finish_reason']}[/red]",
            str(d["pages"]),
            str(d["listings_new"]),
            str(d["listings_changed"]),
            str(d["listings_unchanged"]),
            str(d["listings_removed"]),
            str(d["flagged"]),
            f"{d['captured']}" + (f" (+{d['captures_left']} queued)" if d["captures_left"] else ""),
            str(d["errors"]),
            f"{d['elapsed_s']:.1f}",
        )
    stdout.print(table)
