"""What a crawl's finish reason means for its run, decided in one place.

Scrapy closes a spider with a reason string; the run records, the CLI's exit code, the evidence
extension's final drain and a cluster worker's share all ask the same question of it: did the
crawl get to its end, was it paused from outside (and can be resumed), or did it fail?
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawler.cluster.ledger import LOST_STATE_REASON

#: the crawl reached its end (all of it, or the limit it was given)
FINISHED_REASONS = frozenset(
    {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}
)
#: stopped from outside, resumable: Ctrl-C/SIGTERM, the site's lease taken by another holder, or
#: (a cluster worker's share) the run's state lost by Redis (the run is failed, and resumable)
PAUSED_REASONS = frozenset({"shutdown", "lease_lost", LOST_STATE_REASON})


def run_status(reason: str, stats: Mapping[str, Any]) -> str:
    """The run's status for a finish reason: ``finished``, ``interrupted`` or ``failed``. Items that
    could not be stored make a run failed whatever the reason (their pages must be fetched again)."""
    if stats.get("ecowarden/storage/failed_items"):
        return "failed"
    if reason in FINISHED_REASONS:
        return "finished"
    if reason in PAUSED_REASONS:
        return "interrupted"
    return "failed"
