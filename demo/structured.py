"""schema.org data for listings: JSON-LD documents and safe embedding in HTML.

Shared by the classifieds and the hostile pages so both emit the same shape the crawler expects.
"""

from __future__ import annotations

import json
from typing import Any

from demo.images import full_image
from demo.model import Listing

SCHEMA = "https://schema.org/"
#: JSON escapes that keep "</script>" and friends inert inside a <script> element while the
#: parsed JSON string still holds the exact original text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def product_jsonld(listing: Listing, origin: str) -> dict[str, Any]:
    """A schema.org Product with one Offer, images as absolute URLs."""
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": listing.title,
        "description": listing.description,
        "image": [origin + full_image(image) for image in listing.images],
        "sku": listing.id,
        "url": origin + listing.path,
        "offers": {
            "@type": "Offer",
            "price": listing.price,
            "priceCurrency": listing.currency,
            "availability": SCHEMA + listing.availability,
            "validFrom": listing.posted_at,
            "url": origin + listing.path,
            "seller": {
                "@type": "Person",
                "name": listing.seller_name,
                "identifier": listing.seller_id,
            },
            "availableAtOrFrom": {"@type": "Place", "name": listing.location},
        },
    }


def script_json(data: Any) -> str:
    """JSON text safe to place verbatim inside ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
