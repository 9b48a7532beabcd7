"""listing_score: how likely the page is one offer rather than a list of many.

A single listing has one product in its structured data, one price close under its title and a
buy / contact button; a category page repeats product cards and prices.
"""

from __future__ import annotations

from .heuristics import PageSignals
from .structured import StructuredFields


def listing_score(
    signals: PageSignals,
    structured: list[StructuredFields],
    *,
    has_price: bool,
    price_near_title: bool,
    price_in_list_item: bool = False,
) -> float:
    """Combine the page signals into a score in [0, 1]."""
    score = 0.15
    products = max((s.product_count for s in structured), default=0)
    offers = max((s.offer_count for s in structured), default=0)
    if products == 1:
        score += 0.3
    elif products == 2:
        score += 0.15
    elif products > 3:
        score -= 0.1 * min(products - 3, 4)
    if offers and offers <= 3:
        score += 0.05
    if any(s.item_list for s in structured):
        score -= 0.15
    if has_price:
        score += 0.1
    if price_near_title:
        score += 0.2
    if price_in_list_item:
        score -= 0.3
    if signals.buy_buttons:
        score += 0.15 if signals.buy_buttons <= 4 else 0.0
        if signals.buy_buttons > 8:
            score -= 0.2
    if signals.h1_count == 1:
        score += 0.05
    distinct_prices = len({c.amount for c in signals.candidates if c.kind != "text"})
    if distinct_prices > 8:
        score -= min(0.4, 0.03 * (distinct_prices - 8))
    if signals.repeated_price_classes:
        score -= 0.1 * min(signals.repeated_price_classes, 3)
    return round(min(1.0, max(0.0, score)), 3)
