"""Write the seeded listings: who sells what, where, in which words, at what price.

Only ``random.Random(seed)`` decides anything, and dates are offsets from a fixed epoch, so the
same seed and size always give the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from demo import settings
from demo.corpus import CORPORA
from demo.corpus.types import CategoryText, LanguageCorpus
from demo.model import Listing, Reply, slugify
from demo.money import random_price

ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
SELLERS_PER_LISTING = 4  # on average each seller has about this many listings per site
AVAILABILITIES = tuple(settings.AVAILABILITY_WEIGHTS)
AVAILABILITY_CUM = tuple(accumulate(settings.AVAILABILITY_WEIGHTS.values()))
LANGUAGE_CUM = tuple(accumulate(settings.LANGUAGE_WEIGHTS[lang] for lang in settings.LANGUAGES))
MAX_IMAGES = 4


def iso(offset_seconds: int) -> str:
    """An instant ``offset_seconds`` before the epoch, as ISO 8601 UTC."""
    return (settings.EPOCH - timedelta(seconds=offset_seconds)).strftime(ISO_FORMAT)


def site_sizes(size: int) -> dict[str, int]:
    """Split ``size`` over the sites by their shares; the last site takes the rounding rest."""
    sizes: dict[str, int] = {}
    for site in settings.SITES[:-1]:
        sizes[site] = round(size * settings.SITE_SHARES[site])
    sizes[settings.SITES[-1]] = size - sum(sizes.values())
    return sizes


def assignments(
    rng: random.Random, size: int, suspect_share: float = settings.SUSPECT_SHARE
) -> list[tuple[str, str]]:
    """(category, language) for every listing, shuffled.

    Suspect slots first cycle through every category x language pair so even small catalogues
    cover them all, then follow the language weights like the ordinary goods do.
    """
    n_suspect = round(size * suspect_share)
    combos = [(c, lang) for c in settings.SUSPECT_CATEGORIES for lang in settings.LANGUAGES]
    slots: list[tuple[str, str]] = []
    for i in range(n_suspect):
        if i < len(combos):
            slots.append(combos[i])
        else:
            category = settings.SUSPECT_CATEGORIES[i % len(settings.SUSPECT_CATEGORIES)]
            slots.append((category, _weighted_language(rng)))
    slots.extend(("none", _weighted_language(rng)) for _ in range(size - n_suspect))
    rng.shuffle(slots)
    return slots


def _weighted_language(rng: random.Random) -> str:
    return rng.choices(settings.LANGUAGES, cum_weights=LANGUAGE_CUM)[0]


class SellerPool:
    """Recurring sellers per site and language, so seller-level analysis has something to find."""

    def __init__(self, site: str, expected: dict[str, int]) -> None:
        self._pools: dict[str, list[tuple[str, str]]] = {}
        prefix = settings.ID_PREFIX[site] + "u"
        for index, language in enumerate(settings.LANGUAGES):
            bases = CORPORA[language].sellers
            count = max(len(bases), expected.get(language, 0) // SELLERS_PER_LISTING)
            pool = []
            for i in range(count):
                base = bases[i % len(bases)]
                name = base if i < len(bases) else f"{base}_{i // len(bases) + 1}"
                pool.append((name, f"{prefix}{index + 1}{i:05d}"))
            self._pools[language] = pool

    def pick(self, rng: random.Random, language: str) -> tuple[str, str]:
        return rng.choice(self._pools[language])


def _text(
    rng: random.Random, corpus: LanguageCorpus, text: CategoryText, location: str
) -> tuple[str, str, int, bool, int, int, str, bool]:
    template_index = rng.randrange(len(text.templates))
    template = text.templates[template_index]
    item = rng.choice(text.items)
    slots = {
        "item": item.text,
        "place": location,
        "qty": rng.randint(*text.qty),
        "note": rng.choice(text.notes) if text.notes else "",
        "cond": rng.choice(corpus.conditions),
    }
    title = template.title.format(**slots)
    title = title[:1].upper() + title[1:]
    body = " ".join(template.body.format(**slots).split())
    body = body[:1].upper() + body[1:]
    return (
        title,
        body,
        template_index,
        item.code or template.code,
        item.lo,
        item.hi,
        item.section,
        item.hard,
    )


def make_listing(
    rng: random.Random,
    site: str,
    number: int,
    category: str,
    language: str,
    sellers: SellerPool,
) -> Listing:
    """One listing for ``site``; ``number`` makes its id unique within the site."""
    corpus = CORPORA[language]
    text = corpus.ordinary if category == "none" else corpus.suspect[category]
    location, currency = rng.choice(corpus.locations)
    title, body, template_index, code, lo, hi, section, hard = _text(rng, corpus, text, location)
    listing_id = f"{settings.ID_PREFIX[site]}{number:06d}"
    seller_name, seller_id = sellers.pick(rng, language)
    if site == "classifieds":
        path = f"/classifieds/ad/{listing_id}-{slugify(title)}"
    elif site == "shop":
        path = f"/shop/item/{listing_id}"
    else:
        path = f"/bazaar/thread/{listing_id}"
    images = [f"/img/{listing_id}-{k}.png" for k in range(1, rng.randint(1, MAX_IMAGES) + 1)]
    return Listing(
        id=listing_id,
        site=site,
        path=path,
        title=title,
        description=body,
        price=random_price(rng, currency, lo, hi),
        currency=currency,
        availability=rng.choices(AVAILABILITIES, cum_weights=AVAILABILITY_CUM)[0],
        seller_name=seller_name,
        seller_id=seller_id,
        location=location,
        images=images,
        posted_at=iso(rng.randrange(settings.MAX_AGE_DAYS * 86400)),
        language=language,
        category=category,
        template_id=f"{category}.{language}.{template_index}",
        code_words=code,
        section=section,
        hard_negative=hard,
    )


def make_replies(
    rng: random.Random, listing: Listing, sellers: SellerPool, replies_text: Sequence[str]
) -> list[Reply]:
    """A few replies by other users after the opening post (prices in them are decoys)."""
    replies = []
    posted = datetime.strptime(listing.posted_at, ISO_FORMAT).replace(tzinfo=UTC)
    offset = int((settings.EPOCH - posted).total_seconds())
    for _ in range(rng.randint(0, settings.BAZAAR_MAX_REPLIES)):
        name, user_id = sellers.pick(rng, listing.language)
        if user_id == listing.seller_id:
            name, user_id = f"{name}_fan", f"{user_id}9"
        offset = max(0, offset - rng.randint(600, 3 * 86400))
        replies.append(Reply(name, user_id, iso(offset), rng.choice(replies_text)))
    return replies
