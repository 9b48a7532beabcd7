"""Code-word discovery: suggestions come only from confirmed listings' text, need several
listings and sellers, and leave out ordinary words and the terms watchlists already hold."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import update

from classifiers.term_mining import MinedText, candidates, mine_terms
from storage.db import open_database, transaction
from storage.listings import ListingStore
from storage.models import ReviewItem
from storage.term_rows import TermRow
from storage.watchlists import WatchlistStore
from tests.crawl_helpers import crawl_env, run_in_process
from tests.observations import observation


def test_candidates_are_words_pairs_and_chinese_character_pairs() -> None:
    assert {"white", "gold", "white gold", "carving"} <= candidates("White gold carving, 12 pcs")
    assert "12" not in candidates("White gold carving, 12 pcs") and "pc" not in candidates("pc")
    assert {"象牙", "牙手", "手镯"} <= candidates("象牙手镯 老货")


def test_a_code_word_of_several_sellers_rises_and_one_sellers_template_does_not() -> None:
    confirmed = [
        MinedText(1, "Ox bone carving, creamy, old stock", "s1", "wildlife", "en"),
        MinedText(2, "creamy bone bangle, old stock", "s2", "wildlife", "en"),
        MinedText(3, "Antique creamy carving, DM", "s3", "wildlife", "en"),
        MinedText(4, "Shop of Zhang: zhangshop special piece", "s4", "wildlife", "en"),
        MinedText(5, "zhangshop special bangle", "s4", "wildlife", "en"),
        MinedText(6, "zhangshop special comb", "s4", "wildlife", "en"),
    ]
    others = [
        MinedText(100 + i, f"creamy cheese {i} and old stock sale" if i < 40 else f"sofa {i}")
        for i in range(200)
    ]
    others += [MinedText(900, "carving knife set")]
    found = {
        s.term: s for s in mine_terms(confirmed, others, known=["Ox bone"], min_listings=3, min_sellers=2)
    }
    assert "zhangshop" not in found and "zhangshop special" not in found, "one seller's template"
    assert "ox bone" not in found, "already on a watchlist"
    assert "creamy" not in found and "old stock" not in found, "as common among ordinary listings"
    assert "carving" not in found or found["carving"].confirmed >= 3
    # only text of confirmed listings is ever suggested
    every_confirmed_word = set().union(*(candidates(t.text) for t in confirmed))
    assert set(found) <= every_confirmed_word


def test_watch_suggest_reads_the_analysts_confirmations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = crawl_env(db_url, tmp_path)
    assert run_in_process("db", "upgrade", env=env).returncode == 0
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])
    texts = ["kilin horn cup", "kilin horn bowl", "kilin horn pendant", "garden chair", "kilin horn fake"]
    store.apply_batch(
        site,
        run,
        [
            observation(
                canonical_url=f"http://127.0.0.1/ad/{n}",
                url=f"http://127.0.0.1/ad/{n}",
                observed_at=datetime.now(UTC),
                title=text,
                description="",
                price=Decimal("10"),
                currency="EUR",
                seller_name=f"seller{n}",
                seller_id=f"s{n}",
                prediction={
                    "model_version": "m",
                    "category": "wildlife",
                    "score": 0.9,
                    "flagged": True,
                    "reasons": [],
                },
            )
            for n, text in enumerate(texts, start=1)
        ],
    )
    with transaction(factory) as session:  # three confirmed, the fake one dismissed
        session.execute(update(ReviewItem).where(ReviewItem.listing_id <= 3).values(status="confirmed"))
        session.execute(update(ReviewItem).where(ReviewItem.listing_id == 5).values(status="dismissed"))
    WatchlistStore(factory).add("agency", [TermRow("horn cup", "en", "wildlife", 2)], by="t")
    done = run_in_process("watch", "suggest", "--json", env=env)
    assert done.returncode == 0, done.stderr
    import json

    terms = {s["term"]: s for s in json.loads(done.stdout)}
    assert "kilin horn" in terms and terms["kilin horn"]["confirmed"] == 3
    assert "horn cup" not in terms and "garden" not in terms and "chair" not in terms
    # an answered suggestion is not made again: rejected, or accepted into a list
    rejected = run_in_process("watch", "reject", "kilin horn", "--language", "en", env=env)
    assert rejected.returncode == 0, rejected.stderr
    again = {s["term"] for s in json.loads(run_in_process("watch", "suggest", "--json", env=env).stdout)}
    assert "kilin horn" not in again
    if again:
        term = sorted(again)[0]
        accepted = run_in_process("watch", "accept", term, "--into", "agency", "--language", "en", env=env)
        assert accepted.returncode == 0, accepted.stderr
        assert term in {t.row.term for t in WatchlistStore(factory).terms("agency")}
        assert term not in {
            s["term"] for s in json.loads(run_in_process("watch", "suggest", "--json", env=env).stdout)
        }
