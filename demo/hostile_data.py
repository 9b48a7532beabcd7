"""Ground truth for the hostile site's listing pages (fixed, independent of seed and size).

The hostile pages are broken on purpose; these records say what a robust crawler should still
extract from them, and are served by the catalogue endpoint under site "hostile".
"""

from __future__ import annotations

from demo import settings
from demo.generator import iso
from demo.model import Listing

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
LONG_SENTENCE = "Hand-carved teak elephant, fair-trade workshop, certified plantation wood. "


def _listing(
    key: str, path: str, title: str, description: str, price: str, currency: str, **extra: str
) -> Listing:
    values = {
        "availability": "InStock",
        "seller_name": "hostile_seller",
        "seller_id": "hu000001",
        "location": "Nowhere, NA",
        "language": "en",
        "category": "none",
    } | extra
    return Listing(
        id=key,
        site="hostile",
        path=path,
        title=title,
        description=description,
        price=price,
        currency=currency,
        availability=values["availability"],
        seller_name=values["seller_name"],
        seller_id=values["seller_id"],
        location=values["location"],
        images=[f"/img/{key}-1.png"],
        posted_at=iso(86400 * (len(key) + 3)),
        language=values["language"],
        category=values["category"],
        template_id=f"hostile.{key}",
        code_words=False,
    )


def long_description() -> str:
    """Exactly ``HOSTILE_LONG_DESCRIPTION_BYTES`` of ASCII text."""
    size = settings.HOSTILE_LONG_DESCRIPTION_BYTES
    return (LONG_SENTENCE * (size // len(LONG_SENTENCE) + 1))[:size].rstrip() + "."


def hostile_listings() -> tuple[Listing, ...]:
    """The hostile site's extractable listings, in index order."""
    items = (
        _listing(
            "h001", "/hostile/item/1", "Vintage brass compass", "Working compass, 1950s.", "45.00", "USD"
        ),
        _listing(
            "h002",
            "/hostile/item/2",
            "Carved ivory netsuke, pre-ban?",
            "Old netsuke, no papers. Collector sale.",
            "1200.00",
            "USD",
            category="wildlife",
        ),
        _listing(
            "h003",
            "/hostile/item/3",
            "Box of mixed CRT monitors",
            "Twenty CRT monitors, export only.",
            "300.00",
            "GBP",
            category="waste",
            location="Felixstowe, UK",
        ),
    )
    return (
        *items,
        _listing(
            "hbroken",
            "/hostile/broken",
            "Rosewood guitar neck blank",
            "Dalbergia nigra blank, no CITES.",
            "850.00",
            "USD",
            category="timber",
        ),
        _listing(
            "hcharsetwrong",
            "/hostile/charset-wrong",
            "Colmillo de marfil tallado, pequeño",
            "Pieza única, señor mayor vende. Envío discreto. Precio 350 € o mejor oferta.",
            "350.00",
            "EUR",
            language="es",
            category="wildlife",
            location="Málaga, España",
            seller_name="José Núñez",
        ),
        _listing(
            "hcharsetmissing",
            "/hostile/charset-missing",
            "出售穿山甲片 五公斤",
            "正品穿山甲片，无证，可发货。价格可谈。",
            "2800.00",
            "CNY",
            language="zh",
            category="wildlife",
            location="广东 广州",
            seller_name="老王收藏",
        ),
        _listing(
            "hxss",
            "/hostile/xss",
            f"{XSS_SCRIPT} Mercury flask {XSS_ATTR}",
            f"Quicksilver 34 kg. {XSS_ATTR} {XSS_SCRIPT} & 'quotes' </script>",
            "600.00",
            "USD",
            category="minerals",
            seller_name=f"{XSS_ATTR}seller",
            seller_id="hu<b>2</b>",
        ),
        _listing(
            "hlong",
            "/hostile/long-description",
            "Teak elephant with a very long story",
            long_description(),
            "75.00",
            "USD",
        ),
        # linked only from the page of malformed links: stored only if that page survived them
        _listing(
            "h004",
            "/hostile/item/4",
            "Agarwood chips, grade A",
            "Wild agarwood, 1 kg lot.",
            "900.00",
            "USD",
            category="timber",
        ),
        # a UTF-8 page of about 600 kB, longer than any charset sniffing window
        _listing(
            "hbig",
            "/hostile/big-utf8",
            "出售象牙雕刻摆件 大号",
            big_chinese_description(),
            "5600.00",
            "CNY",
            language="zh",
            category="wildlife",
            location="福建 厦门",
        ),
    )


def big_chinese_description() -> str:
    """Chinese text of about 600 kB in UTF-8, so a multi-byte character straddles any cut-off."""
    sentence = "正品老象牙雕刻摆件，包浆自然，品相完好，可视频看货，量大从优。"
    return sentence * (600_000 // len(sentence.encode("utf-8")))
