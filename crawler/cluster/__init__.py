"""Crawls shared by many worker processes through Redis (scrapy-redis), PostgreSQL as the store.

scrapy-redis provides the shared request queue and duplicate filter. What it lacks, and this
package adds, is that a worker killed mid-crawl loses nothing: every request a worker takes is
recorded as its lease until the items it produced are committed; the leases of a worker that
stops heartbeating go back to the queue, and a run ends only when the queue and every lease are
empty. See ``ledger`` for the Redis side and ``tracking`` for when a lease is done.
"""
