"""A bare Scrapy spider that walks a configured site the same way, but extracts and stores nothing.

The baseline of ``crawl_throughput.py``: the difference is what ecowarden's extraction, storage,
middlewares and JOBDIR cost.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from crawler.sites import SiteConfig, load_sites


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, site: SiteConfig, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.site = site
        self.start_urls = site.absolute_start_urls()
        self.pattern = re.compile(site.listing_url_pattern) if site.listing_url_pattern else None

    def parse(self, response: Response, **kwargs: Any) -> Iterable[Any]:
        for css in self.site.listing_links:
            yield from response.follow_all(css=css, callback=self.parse_listing)
        for css in self.site.follow:
            yield from response.follow_all(css=css, callback=self.parse)

    def parse_listing(self, response: Response) -> Iterable[Any]:
        return []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    site = load_sites()[args.site].with_base_url(args.base_url)
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "TELNETCONSOLE_ENABLED": False,
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        }
    )
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, site=site)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    # the same clock as ecowarden's figure: Scrapy's own, from spider open to close
    elapsed = float(stats.get("elapsed_time_seconds", 0.0))
    print(json.dumps({"pages": stats.get("response_received_count", 0), "elapsed_s": elapsed}))


if __name__ == "__main__":
    main()
