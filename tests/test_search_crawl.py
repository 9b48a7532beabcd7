"""Search crawls over real HTTP: a configured search, a search form the generic spider finds by
itself, rotation under a request budget, demotion after empty runs, provenance kept with the
result page's bytes, and hostile search pages that stay bounded."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.models import Listing, SearchHit, SearchPage, WatchTerm
from storage.term_rows import TermRow, write_csv
from storage.watchlists import WatchlistStore
from tests.conftest import DemoServer
from tests.crawl_helpers import crawl_env, db_session, run_crawl, run_in_process

pytestmark = pytest.mark.slow

TERMS = [
    TermRow("ivory", "en", "wildlife", 1),
    TermRow("marfil", "es", "wildlife", 1),
    TermRow("pangolin", "en", "wildlife", 2),
    TermRow("carved ivory", "en", "wildlife", 2),
    TermRow("zqxwv nothing", "en", "any", 3),
]


def _install(db_url: str, rows: list[TermRow], name: str = "agency") -> None:
    _engine, factory = open_database(db_url)
    WatchlistStore(factory).add(name, rows, by="test")


def _env(db_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return crawl_env(db_url, tmp_path, ECOWARDEN_CRAWL_AUTOTHROTTLE="false", **extra)


def _words(text: str) -> set[str]:
    from demo.search import fold

    return set(re.findall(r"\w+", fold(text)))


def test_a_configured_search_stores_what_it_finds_with_its_provenance(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = _env(db_url, tmp_path)
    assert run_in_process("db", "upgrade", env=env).returncode == 0
    csv = tmp_path / "agency.csv"
    csv.write_bytes(write_csv(TERMS))
    done = run_in_process("watch", "import", "agency", str(csv), env=env)
    assert done.returncode == 0, done.stderr
    code, summary, log = run_crawl(
        ["demo-classifieds", "--base-url", demo_server.base_url, "--watch", "agency"], env, tmp_path
    )
    assert code == 0, log[-3000:]
    (run,) = summary
    # "ivory" was shown to its last page, so "carved ivory" could find nothing more
    assert run["search_terms"] == len(TERMS) - 1 and run["search_terms_covered"] == 1
    # what the demo's own search gives for each term is what was found, listing by listing
    wanted = {
        entry["path"]
        for entry in demo_server.catalogue("classifieds")
        if not entry.get("removed")
        and _words(f"{entry['title']} {entry['description']}") & {"ivory", "marfil", "pangolin"}
    }
    with db_session(db_url) as session:
        stored = {urlsplit(url).path for url in session.scalars(select(Listing.canonical_url))}
        pages = session.scalars(select(SearchPage)).all()
        hits = session.scalars(select(SearchHit)).all()
    assert wanted and stored <= {urlsplit(h.canonical_url).path for h in hits}
    assert len(stored) >= 0.9 * len(wanted), (len(stored), len(wanted))
    # every result page is kept, byte for byte, under its SHA-256 in the evidence folder
    for page in pages:
        assert page.body_sha256 is not None
        blob = next((tmp_path / "evidence").rglob(page.body_sha256))
        assert hashlib.sha256(blob.read_bytes()).hexdigest() == page.body_sha256
    assert not [p for p in pages if "carved" in p.url]
    # the term that matches nothing was searched once, found nothing
    empty = [p for p in pages if "zqxwv" in p.url]
    assert len(empty) == 1 and empty[0].results == 0
    # the statistics the command prints are the database's counts
    stats = run_in_process("watch", "stats", "agency", "--json", env=env)
    assert stats.returncode == 0, stats.stderr
    by_term = {r["term"]: r for r in json.loads(stats.stdout)}
    assert sum(r["pages"] for r in by_term.values()) == len(pages)
    assert by_term["zqxwv nothing"]["results"] == 0 and by_term["zqxwv nothing"]["empty_runs"] == 1


def test_rotation_under_a_budget_and_demotion_after_empty_runs(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = _env(
        db_url, tmp_path, ECOWARDEN_WATCH_DEMOTE_AFTER_EMPTY_RUNS="2", ECOWARDEN_WATCH_REFETCH_AFTER_H="0"
    )
    assert run_in_process("db", "upgrade", env=env).returncode == 0
    # a word the bazaar's listings surely use (its first live thread's longest title word)
    live = next(e for e in demo_server.catalogue("bazaar") if not e.get("removed"))
    word = max(re.findall(r"\w+", str(live["title"])), key=len)
    rows = [TermRow(f"zqxwv{i}", "en", "any", 1) for i in range(6)] + [TermRow(word, "en", "any", 2)]
    _install(db_url, rows)
    searched: list[set[str]] = []
    for _ in range(2):
        code, summary, log = run_crawl(
            ["demo-bazaar", "--base-url", demo_server.base_url, "--watch", "agency", "--budget", "4"],
            env,
            tmp_path,
        )
        assert code == 0, log[-3000:]
        assert summary[0]["pages"] <= 4 + 1, "the budget (and robots.txt) bound the requests"
        with db_session(db_url) as session:
            urls = set(session.scalars(select(SearchPage.url)))
        searched.append(urls - set().union(*searched) if searched else urls)
    assert len(searched[0]) == 4 and len(searched[1]) == 2 + 1, (
        "the second run takes the terms the first left"
    )
    _engine, factory = open_database(db_url)
    with db_session(db_url) as session:
        names = {t.id: t.term for t in session.scalars(select(WatchTerm))}
        runs_per_term: dict[str, int] = {}
        for term_id in session.scalars(select(SearchPage.term_id)):
            runs_per_term[names[term_id]] = runs_per_term.get(names[term_id], 0) + 1
    plan = {t.term: t for t in WatchlistStore(factory).plan("agency", 1)}
    for term, runs in runs_per_term.items():
        if term.startswith("zqxwv"):
            assert plan[term].demoted == (runs >= 2), (term, runs, "demoted after two empty runs, not one")
    # two more runs with room for everything: the empty terms are demoted, never dropped
    for _ in range(2):
        code, _summary, log = run_crawl(
            ["demo-bazaar", "--base-url", demo_server.base_url, "--watch", "agency", "--budget", "200"],
            env,
            tmp_path,
        )
        assert code == 0, log[-3000:]
    final = WatchlistStore(factory).plan("agency", 1)
    assert len(final) == len(rows)
    assert final[0].term == word and all(t.demoted for t in final[1:]), [(t.term, t.demoted) for t in final]


@pytest.fixture
def hostile_search() -> Iterator[str]:
    """A site whose search never ends: every page shows ten new results and a next page, and
    half its results redirect to another host."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            if parts.path == "/s/":
                body = (
                    '<form action="/s/find" role="search"><input type="search" name="q"></form>'
                    '<a href="/s/help">Help</a>'
                )
            elif parts.path == "/s/find":
                term = query.get("q", [""])[0]
                page = int(query.get("page", ["1"])[0])
                if "zqxjv" in term:
                    body = '<p>nothing</p><a href="/s/help">Help</a>'
                else:
                    links = "".join(
                        f'<li><a href="/s/item/{page}-{i}">Ivory piece {page}-{i}</a></li>' for i in range(10)
                    )
                    body = f'<ul>{links}</ul><a rel="next" href="/s/find?q={term}&page={page + 1}">next</a>'
            elif parts.path.startswith("/s/item/"):
                number = int(parts.path.rsplit("-", 1)[1])
                if number % 2:
                    self.send_response(302)
                    self.send_header("Location", "http://elsewhere.invalid/stolen")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = (
                    '<html lang="en"><head><title>Ivory piece</title></head>'
                    f"<body><h1>Ivory piece {parts.path}</h1>"
                    '<p class="price">$450</p><p>Carved ivory, ships worldwide.</p></body></html>'
                )
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/s/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_discovered_search_form_and_endless_hostile_results_stay_bounded(
    hostile_search: str, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = _env(db_url, tmp_path, ECOWARDEN_WATCH_PAGES_PER_QUERY="3")
    assert run_in_process("db", "upgrade", env=env).returncode == 0
    _install(db_url, [TermRow("ivory", "en", "wildlife", 1), TermRow("tusk", "en", "wildlife", 1)])
    code, summary, log = run_crawl([hostile_search, "--watch", "agency", "--budget", "40"], env, tmp_path)
    assert code == 0, log[-3000:]
    with db_session(db_url) as session:
        pages = session.scalars(select(SearchPage)).all()
        stored = set(session.scalars(select(Listing.canonical_url)))
    by_term: dict[int, int] = {}
    for page in pages:
        by_term[page.term_id] = by_term.get(page.term_id, 0) + 1
        assert page.url.startswith(hostile_search + "find?")
    assert by_term and max(by_term.values()) <= 3, "pages per term are bounded"
    assert all(p.results == 10 for p in pages), "results are the repeated links, not Help or next"
    assert stored and all(urlsplit(u).netloc == urlsplit(hostile_search).netloc for u in stored)
    assert all(int(u.rsplit("-", 1)[1]) % 2 == 0 for u in stored), "results sent off-site are not stored"
    assert summary[0]["pages"] <= 40 + 3, "the budget bounds the run (plus robots, home, control search)"


@pytest.mark.browser
def test_the_shops_search_goes_through_the_api_it_learns(demo_server: DemoServer, tmp_path: Path) -> None:
    """The results page is a script shell: rendered once, it shows the JSON search request it
    makes; every term then goes to that API over HTTP, and results to the learnt detail API."""
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = _env(db_url, tmp_path)
    assert run_in_process("db", "upgrade", env=env).returncode == 0
    shop = [e for e in demo_server.catalogue("shop") if not e.get("removed")]
    word = max(re.findall(r"\w+", str(shop[0]["title"])), key=len)
    # a first term that finds nothing: the API is learnt from the request its empty page made
    _install(
        db_url,
        [
            TermRow("zqxwv", "en", "any", 1),
            TermRow(word, "en", "any", 2),
            TermRow("mercury", "en", "minerals", 3),
        ],
    )
    code, _summary, log = run_crawl(
        ["demo-shop", "--base-url", demo_server.base_url, "--watch", "agency"], env, tmp_path
    )
    assert code == 0, log[-3000:]
    assert "search API learnt" in log
    with db_session(db_url) as session:
        pages = session.scalars(select(SearchPage).order_by(SearchPage.fetched_at)).all()
        stored = {urlsplit(row.canonical_url).path: row for row in session.scalars(select(Listing))}
    assert "/shop/search?" in pages[0].url, "the first term's page is rendered"
    assert all("/shop/api/search?" in p.url for p in pages[1:])
    expected = {
        str(e["path"]): e for e in shop if word.casefold() in _words(f"{e['title']} {e['description']}")
    }
    assert expected and set(expected) <= set(stored)
    for path, entry in expected.items():
        assert stored[path].title == entry["title"] and stored[path].seller_id is not None
