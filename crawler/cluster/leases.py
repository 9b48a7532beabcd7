"""Where a request carries its cluster lease: two meta keys and the one function that reads them.

Kept apart from the scheduler and the extension (which both need it) so that neither imports the
other for it, and so that a spider can ask "is this a leased request?" without importing
scrapy-redis or Redis when the cluster is off.
"""

from __future__ import annotations

from scrapy import Request

#: on a request taken from the shared queue: the lease it was taken under
LEASE_META = "ecowarden_lease"
#: on a follow-up request: the lease of the response that yielded it
PARENT_META = "ecowarden_parent_lease"


def lease_of(request: Request | None) -> int | None:
    """The lease a request was taken under (None outside cluster runs, or for a new request)."""
    lease = request.meta.get(LEASE_META) if request is not None else None
    return int(lease) if lease is not None else None
