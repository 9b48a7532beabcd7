"""Print matcher throughput (listings/s on one core) and lexicon load time.

Not a test: timing depends on the machine. Run ``python -m classifiers.lexicon.bench [-n N]``.
Listings are synthetic ~300-character texts mixing ordinary marketplace words in several
languages with occasional lexicon terms, plus, when present, real pet-bird ads from
``../shared/data/bird-ads/`` (already lower-cased and stemmed, but real vocabulary).
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from classifiers.lexicon.matcher import DEFAULT_PATH, load_lexicon

BIRD_ADS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "bird-ads" / "text_w_labels.csv"

_FILLER = (
    "brand new condition original box free shipping fast delivery price negotiable contact seller "
    "whatsapp only pickup available warranty genuine leather handmade vintage antique collection "
    "size large colour black white red blue wooden table chair necklace bracelet ring earrings "
    "phone laptop charger battery used good working order 100% authentic limited stock "
    "envío gratis precio negociable nuevo usado excelente estado entrega rápida original "
    "frete grátis novo usado ótimo estado pronta entrega livraison gratuite neuf occasion "
    "giao hàng miễn phí hàng mới chính hãng gratis ongkir baru bekas mulus original "
    "全新 正品 包邮 价格可议 二手 九成新 保真 手工 收藏"
).split()
_TERMS = (
    "ivory bangle",
    "rhino horn",
    "象牙",
    "沉香",
    "palo de rosa",
    "ouro de garimpo",
    "sisik trenggiling",
    "gỗ trắc",
    "faux fur",
    "gold plated",
    "Dalbergia latifolia",
    "p@ngolin scales",
    "i.v.o.r.y",
)


def synthetic(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 300:
            words.append(rng.choice(_TERMS) if rng.random() < 0.03 else rng.choice(_FILLER))
        out.append(" ".join(words))
    return out


def bird_ads(limit: int) -> list[str]:
    if not BIRD_ADS.exists():
        return []
    with BIRD_ADS.open(encoding="utf-8", errors="replace", newline="") as handle:
        return [row["text_stop_stem"] for _, row in zip(range(limit), csv.DictReader(handle), strict=False)]


def run(texts: list[str], label: str) -> None:
    lexicon = load_lexicon()
    hits = 0
    start = time.perf_counter()
    for text in texts:
        hits += len(lexicon.match(text))
    elapsed = time.perf_counter() - start
    chars = sum(len(t) for t in texts) / max(1, len(texts))
    rate = len(texts) / elapsed
    print(f"{label}: {len(texts)} listings, avg {chars:.0f} chars, {hits} hits, {rate:,.0f} listings/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="lexicon matcher throughput")
    parser.add_argument("-n", type=int, default=20_000)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    lexicon = load_lexicon(DEFAULT_PATH)
    print(f"load: {time.perf_counter() - start:.2f} s, {len(lexicon)} entries, version {lexicon.version}")
    texts = synthetic(args.n)
    run(texts, "synthetic (cold cache)")
    run(texts, "synthetic (warm cache)")
    run(synthetic(args.n, seed=8), "synthetic, new texts")
    ads = bird_ads(args.n)
    if ads:
        run(ads, "bird-ads (real)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
