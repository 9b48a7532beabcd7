"""The figures of a crawl run, read from its statistics the same way everywhere.

The crawl's stats keys are slash-namespaced (``ecowarden/listings/new``, ``ecowarden/errors/<Type>``);
the alert, the CLI, the review app and the Prometheus counters all count a run's yield through
:func:`stored_listings`, so "the site yielded nothing" means one thing wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PAGES = "response_received_count"
LISTING_PREFIX = "ecowarden/listings/"
#: what the storage pipeline records per listing it handles
LISTING_KINDS = ("new", "changed", "unchanged", "removed", "reappeared")
#: the kinds that mean a listing was found on the site and stored: a run's yield
YIELD_KINDS = ("new", "changed", "unchanged", "reappeared")
FLAGGED = "ecowarden/listings/flagged"
ERRORS = "ecowarden/errors"
ERROR_PREFIX = "ecowarden/errors/"


def figure(stats: Mapping[str, Any], key: str) -> int:
    """A counter from run stats; absent, null or non-numeric values count as 0."""
    value = stats.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return int(value)


def listings(stats: Mapping[str, Any], kind: str) -> int:
    return figure(stats, LISTING_PREFIX + kind)


def stored_listings(stats: Mapping[str, Any]) -> int:
    """The run's yield: listings it found and stored (new, changed, unchanged, reappeared)."""
    return sum(listings(stats, kind) for kind in YIELD_KINDS)


def errors_by_type(stats: Mapping[str, Any]) -> dict[str, int]:
    """``ecowarden/errors/<Type>`` counters by exception type name."""
    found: dict[str, int] = {}
    for key in stats:
        if key.startswith(ERROR_PREFIX) and len(key) > len(ERROR_PREFIX):
            count = figure(stats, key)
            if count:
                found[key[len(ERROR_PREFIX) :]] = count
    return found
