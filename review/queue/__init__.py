"""The analysts' queue, shared by the HTML pages and the JSON API: query-string filters
(``filters``), keyset cursors (``cursor``) and the SQL that pages and counts (``planner``)."""

from review.queue.cursor import BadCursor, decode_cursor, encode_cursor
from review.queue.filters import ORDERS, STATUSES, BadFilter, QueueFilters, parse_filters
from review.queue.planner import SITE_STEPS, QueuePage, QueueRow, facet_counts, queue_page

__all__ = [
    "ORDERS",
    "SITE_STEPS",
    "STATUSES",
    "BadCursor",
    "BadFilter",
    "QueueFilters",
    "QueuePage",
    "QueueRow",
    "decode_cursor",
    "encode_cursor",
    "facet_counts",
    "parse_filters",
    "queue_page",
]
