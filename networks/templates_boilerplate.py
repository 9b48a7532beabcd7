"""Lines a site prints on most of its listings (navigation, legal footer): not a template.

Without this cut every listing of a site that scrapes with its chrome ("All Our Products / Add to
Favourites / Store Newsletter", "Copyright ... All rights reserved") would be one near-duplicate of
every other and the site one giant "template". A line is boilerplate when it occurs in more than
``share`` of the site's listings, once the site has at least ``min_listings`` (below that a share
says nothing: on a site of 10 listings one shop is 10 %).

Document frequencies are counted per line key (`templates_text.line_keys`) with a bounded table per
site: when it outgrows ``max_keys`` the Misra-Gries step subtracts the count of the ``max_keys``-th
largest entry from all and drops what falls to zero. Counts are then underestimated by at most
(distinct line occurrences) / ``max_keys``, far below any share worth cutting at, and a site's
memory is bounded whatever it publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class _SiteLines:
    listings: int = 0
    counts: dict[int, int] = field(default_factory=dict)


class Boilerplate:
    """Per-site document frequency of lines, and the decision "this line is boilerplate"."""

    __slots__ = ("_sites", "max_keys", "min_listings", "share")

    def __init__(self, share: float | None, min_listings: int, max_keys: int = 2_000) -> None:
        if share is not None and not 0.0 < share <= 1.0:
            raise ValueError("boilerplate share must be in (0, 1]")
        self.share = share
        self.min_listings = max(1, min_listings)
        self.max_keys = max_keys
        self._sites: dict[str, _SiteLines] = {}

    @property
    def enabled(self) -> bool:
        return self.share is not None

    def observe(self, site: str, keys: set[int]) -> None:
        """Count one listing of ``site`` whose distinct line keys are ``keys``."""
        if not self.enabled:
            return
        lines = self._sites.setdefault(site, _SiteLines())
        lines.listings += 1
        counts = lines.counts
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > 2 * self.max_keys:
            floor = sorted(counts.values(), reverse=True)[self.max_keys]
            lines.counts = {k: c - floor for k, c in counts.items() if c > floor}

    def ready(self, site: str) -> bool:
        """Whether the site has enough listings for its shares to mean something."""
        lines = self._sites.get(site)
        return lines is not None and lines.listings >= self.min_listings

    def listings(self, site: str) -> int:
        lines = self._sites.get(site)
        return 0 if lines is None else lines.listings

    def is_boilerplate(self, site: str, key: int) -> bool:
        if self.share is None or not self.ready(site):
            return False
        lines = self._sites[site]
        return lines.counts.get(key, 0) > self.share * lines.listings
