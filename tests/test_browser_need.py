"""Only a crawl that may render gets the Playwright download handler (and pays for its import)."""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.addon import EcowardenAddon
from crawler.runner import resolve_targets
from crawler.sites import load_sites


def _handlers_for(target_name: str) -> dict[str, str]:
    (target,) = resolve_targets([target_name], sites=load_sites(), base_url="http://127.0.0.1:9/")
    settings = Settings()
    target.apply_to(settings)
    EcowardenAddon().update_settings(settings)
    return dict(settings.getdict("DOWNLOAD_HANDLERS"))


def test_a_site_that_renders_nothing_gets_scrapys_own_handler() -> None:
    assert not any("playwright" in path for path in _handlers_for("demo-classifieds").values())


def test_a_rendered_site_and_the_generic_spider_get_the_browser() -> None:
    assert "playwright" in _handlers_for("demo-shop").get("https", "")
    (generic,) = resolve_targets(["http://127.0.0.1:9/"], sites=load_sites())
    assert generic.needs_browser
