"""Capture of flagged demo listings through real Chromium, checked artifact by artifact.

The flag is stored the way the crawl stores it (a verdict in a batch, which queues the capture in
the same transaction); ``ecowarden capture --pending`` then runs as a user runs it, with a real
local RFC 3161 authority. Every artifact is then opened and checked against what the demo
marketplace serves and against the signed manifest.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from warcio.archiveiterator import ArchiveIterator

from evidence.chain import Event
from evidence.custody import CustodyLog
from evidence.manifest import Manifest, SignatureRecord, verify_manifest
from evidence.signing import PUBLIC_KEY_FILE
from evidence.store import BlobStore
from evidence.timestamp import verify_token
from storage.capture_queue import CaptureQueue
from storage.db import open_database
from storage.listings import ListingStore
from storage.models import Artifact, Capture, CaptureRequest
from tests.conftest import ROOT, DemoServer
from tests.crawl_helpers import SQLITE_ONLY, run_ecowarden
from tests.evidence_helpers import flag_listings, suspects
from tests.observations import observation
from tests.tsa import LocalTSA

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = {"capture.warc.gz", "screenshot.png", "dom.html", "page.pdf", "metadata.json"}


def env_for(db_url: str, evidence_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    env.update(
        ECOWARDEN_CONFIG=str(ROOT / "ecowarden.toml"),
        ECOWARDEN_DATABASE_URL=db_url,
        ECOWARDEN_EVIDENCE_DIR=str(evidence_dir),
        ECOWARDEN_EVIDENCE_OPERATOR="analyst@example.org",
        ECOWARDEN_EVIDENCE_ORGANISATION="Test Wildlife Unit",
        ECOWARDEN_EVIDENCE_CAPTURE_TIMEOUT_S="30",
    )
    env.update(extra)
    return env


def ecowarden(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_ecowarden(*args, env=env)


def tsa_env(tsa: LocalTSA, url: str) -> dict[str, str]:
    return {
        "ECOWARDEN_EVIDENCE_TSA_URL": url,
        "ECOWARDEN_EVIDENCE_TSA_CERTIFICATE": str(tsa.cert_path),
        "ECOWARDEN_EVIDENCE_TSA_ROOT": str(tsa.root_path),
    }


@pytest.fixture
def served_tsa(tsa: LocalTSA) -> Iterator[str]:
    with tsa.serve() as url:
        yield url


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def warc_records(path: Path) -> list[tuple[str, dict[str, str], bytes]]:
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            records.append(
                (record.rec_type, dict(record.rec_headers.headers), record.content_stream().read())
            )
    return records


def first_response_header(path: Path, name: str) -> str:
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                return str(record.http_headers.get_header(name))
    raise AssertionError("no response record")


def test_capture_quotes_the_flagged_version_though_a_later_crawl_changed_it(
    db_url: str, demo_server: DemoServer, tmp_path: Path
) -> None:
    """The request keeps the version its verdict flagged: the worker quotes that one (as the
    crawl held it, no re-read), not whatever a later crawl stored before the browser got there."""
    [entry] = suspects(demo_server, 1)
    url = demo_server.base_url + str(entry["path"])
    flag_listings(db_url, demo_server, [entry])
    _engine, factory = open_database(db_url)
    store = ListingStore(factory, capture_on_flag=True)
    site_id = store.ensure_site("demo-classifieds", demo_server.base_url)
    later = observation(
        canonical_url=url,
        url=url,
        observed_at=datetime.now(UTC),
        title="edited after the flag",
        prediction={"model_version": "test-model", "category": "none", "score": 0.1, "flagged": False},
    )
    assert store.apply_batch(site_id, None, [later]).changed == 1
    with factory() as session:
        [request] = session.scalars(select(CaptureRequest)).all()
    assert request.listing_snapshot is not None and request.listing_snapshot["version"] == 1

    evidence_dir = tmp_path / "evidence"
    proc = ecowarden(env_for(db_url, evidence_dir), "capture", "--pending", "--json")
    assert proc.returncode == 0, proc.stderr
    with factory() as session:
        capture = session.scalars(select(Capture).options(selectinload(Capture.artifacts))).one()
    [metadata_sha] = [a.sha256 for a in capture.artifacts if a.name == "metadata.json"]
    quoted = json.loads(BlobStore(evidence_dir).path(metadata_sha).read_bytes())["extracted"]
    assert quoted["listing"]["version"] == 1 and quoted["listing"]["title"] == entry["title"]
    assert Decimal(quoted["listing"]["price"]) == Decimal(str(entry["price"]))
    assert quoted["classifier"]["listing_version"] == 1 and quoted["classifier"]["flagged"] is True
    assert quoted["listing"]["first_seen_at"].endswith("Z")


def test_flagged_listing_captured_through_chromium(
    db_url: str, demo_server: DemoServer, tsa: LocalTSA, served_tsa: str, tmp_path: Path
) -> None:
    [entry] = suspects(demo_server, 1)
    url = demo_server.base_url + str(entry["path"])
    flag_listings(db_url, demo_server, [entry])
    evidence_dir = tmp_path / "evidence"
    env = env_for(db_url, evidence_dir, **tsa_env(tsa, served_tsa))

    proc = ecowarden(env, "capture", "--pending", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert len(report["captured"]) == 1 and report["failed"] == []

    _engine, factory = open_database(db_url)
    store = BlobStore(evidence_dir)
    with factory() as session:
        capture = session.scalars(select(Capture).options(selectinload(Capture.artifacts))).one()
        rows = {a.name: a for a in session.scalars(select(Artifact).where(Artifact.capture_id == capture.id))}
        request = session.scalars(select(CaptureRequest)).one()
    assert request.status == "done" and request.capture_id == capture.id
    assert capture.status == "complete" and capture.timestamp_status == "stamped"
    assert capture.url == url and capture.listing_id is not None
    photos = sorted(name for name in rows if name.startswith("photo-"))
    assert set(rows) - set(photos) == ARTIFACTS
    files = {name: store.path(row.sha256).read_bytes() for name, row in rows.items()}
    for name, row in rows.items():
        assert store.verify(row.sha256), name
        assert len(files[name]) == row.size

    # the raw response is what the server sends, not the browser's re-serialised DOM
    with urllib.request.urlopen(url) as direct:
        served = direct.read()
    warc_path = tmp_path / "capture.warc.gz"
    warc_path.write_bytes(files["capture.warc.gz"])
    records = warc_records(warc_path)
    kinds = [kind for kind, _, _ in records]
    assert kinds[0] == "warcinfo" and kinds[1:3] == ["response", "request"]
    assert kinds.count("resource") == 3 and kinds[-1] == "metadata"
    # what the page loaded is archived with it: the stylesheet and every thumbnail, as the
    # browser received them, dated when each was requested
    loaded = {
        headers["WARC-Target-URI"]: (headers, body)
        for kind, headers, body in records[3:]
        if kind == "response"
    }
    thumbnails = [urllib.parse.urljoin(url, path) for path in entry["images"]]
    assert set(thumbnails) <= set(loaded)
    assert any(target.endswith(".css") for target in loaded)
    for target in thumbnails:
        headers, body = loaded[target]
        assert headers["WARC-Ecowarden-Recorder"].startswith("browser")
        assert png_size(body) == (48, 36)
    # the full-size photo behind each thumbnail is an artifact of its own, hashed in the manifest
    full_size = [target.replace("/img/", "/img/full/") for target in thumbnails]
    assert len(photos) == len(full_size)
    for name, target in zip(photos, full_size, strict=True):
        with urllib.request.urlopen(target) as direct:
            assert files[name] == direct.read()
        assert png_size(files[name]) == (640, 480)
        assert loaded[target][1] == files[name]
    # WARC-Date is when the capture of each record began: the raw fetch at the capture's start
    raw_date = datetime.fromisoformat(records[1][1]["WARC-Date"])
    server_date = parsedate_to_datetime(first_response_header(warc_path, "Date"))
    captured_at = capture.captured_at.replace(tzinfo=UTC)
    # (the demo server's Date header is refreshed once a second, so it may lag a little)
    assert captured_at <= raw_date <= server_date + timedelta(seconds=3)
    browser_dates = [datetime.fromisoformat(loaded[target][0]["WARC-Date"]) for target in thumbnails]
    assert all(raw_date < moment < raw_date + timedelta(seconds=30) for moment in browser_dates)
    info = records[0][2].decode()
    for field in (
        "software: ecowarden/",
        "operator: analyst@example.org",
        "hostname: ",
        "http-header-user-agent: ",
        "ecowarden-config-sha256: ",
        "clock-source: ",
        "format: WARC File Format 1.1",
    ):
        assert field in info, field
    response_headers, response_body = records[1][1], records[1][2]
    assert response_body == served
    assert response_headers["WARC-IP-Address"] == "127.0.0.1"
    for _kind, headers, _ in records:
        assert headers.get("WARC-Block-Digest", "sha256:").startswith("sha256:")
    resources = {
        headers["WARC-Target-URI"].split(":")[2]: body
        for kind, headers, body in records
        if kind == "resource"
    }
    assert resources == {
        "dom": files["dom.html"],
        "screenshot": files["screenshot.png"],
        "pdf": files["page.pdf"],
    }
    assert records[-1][2] == files["metadata.json"]
    cli = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", str(warc_path)], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr

    width, height = png_size(files["screenshot.png"])
    assert width == 1280 and height >= 900
    assert str(entry["title"]).encode() in files["dom.html"]
    assert files["page.pdf"].startswith(b"%PDF-") and b"%%EOF" in files["page.pdf"][-1024:]

    metadata = json.loads(files["metadata.json"])
    assert metadata["http"]["final_url"] == url and metadata["http"]["status"] == 200
    assert metadata["http"]["server_ip"] == "127.0.0.1"
    assert metadata["browser"]["final_url"].startswith(demo_server.base_url)
    assert metadata["browser"]["status"] == 200 and metadata["browser"]["problems"] == []
    assert metadata["extracted"]["listing"]["title"] == entry["title"]
    assert metadata["extracted"]["classifier"]["flagged"] is True
    assert metadata["environment"]["operator"] == "analyst@example.org"

    # the manifest lists exactly these files, is signed by the installation key and timestamped
    manifest_raw = store.path(str(capture.manifest_sha256)).read_bytes()
    manifest = Manifest.from_bytes(manifest_raw)
    assert {a.name: a.sha256 for a in manifest.artifacts} == {n: r.sha256 for n, r in rows.items()}
    assert manifest.metadata["timestamp"]["status"] == "requested"
    # the signed manifest says what the WARC inflates to: a verifier inflates no more than that
    assert manifest.metadata["inflated_sizes"] == {
        "capture.warc.gz": len(gzip.decompress(warc_path.read_bytes()))
    }
    public_key = (evidence_dir / "keys" / PUBLIC_KEY_FILE).read_bytes()
    assert capture.signature is not None
    assert verify_manifest(manifest_raw, SignatureRecord.from_json(capture.signature), public_key) == []
    token = store.path(str(capture.tsa_token_sha256)).read_bytes()
    stamped = verify_token(token, manifest_raw, tsa.tsa_pem, root_pem=tsa.root_pem)
    assert abs((stamped.gen_time - capture.captured_at).total_seconds()) < 120

    custody = CustodyLog(factory)
    events: list[Event] = list(custody.events(f"capture:{capture.id}"))
    assert [e.action for e in events] == ["captured", "timestamped"]
    assert events[0].details["manifest_sha256"] == capture.manifest_sha256
    assert events[0].actor == "analyst@example.org"
    assert custody.verify() == []


def test_unreachable_tsa_defers_the_timestamp_and_says_so(
    demo_server: DemoServer, tsa: LocalTSA, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'ev.db'}"
    [entry] = suspects(demo_server, 1)
    url = demo_server.base_url + str(entry["path"])
    evidence_dir = tmp_path / "evidence"
    down = env_for(db_url, evidence_dir, **tsa_env(tsa, "http://127.0.0.1:9/tsa"))
    proc = ecowarden(down, "capture", url, "--json")
    assert proc.returncode == 0, proc.stderr

    _engine, factory = open_database(db_url)
    store = BlobStore(evidence_dir)
    with factory() as session:
        capture = session.scalars(select(Capture).options(selectinload(Capture.artifacts))).one()
    assert capture.timestamp_status == "pending" and capture.tsa_token_sha256 is None
    manifest_raw = store.path(str(capture.manifest_sha256)).read_bytes()
    stated = Manifest.from_bytes(manifest_raw).metadata["timestamp"]
    assert stated["status"] == "deferred" and "TSAUnavailable" in stated["reason"]

    still_down = ecowarden(down, "timestamp")
    assert still_down.returncode == 1 and "still pending 1" in still_down.stdout

    with tsa.serve() as tsa_url:
        proc = ecowarden(env_for(db_url, evidence_dir, **tsa_env(tsa, tsa_url)), "timestamp")
    assert proc.returncode == 0, proc.stderr
    assert "stamped 1, still pending 0" in proc.stdout
    with factory() as session:
        capture = session.scalars(select(Capture).options(selectinload(Capture.artifacts))).one()
    assert capture.timestamp_status == "stamped"
    token = store.path(str(capture.tsa_token_sha256)).read_bytes()
    assert (
        verify_token(token, manifest_raw, tsa.tsa_pem, root_pem=tsa.root_pem).gen_time > capture.captured_at
    )
    assert [e.action for e in CustodyLog(factory).events(f"capture:{capture.id}")] == [
        "captured",
        "timestamped",
    ]


def test_hostile_pages_give_partial_or_failed_captures_never_a_hang(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'ev.db'}"
    env = env_for(db_url, tmp_path / "evidence", ECOWARDEN_EVIDENCE_CAPTURE_TIMEOUT_S="8")
    base = demo_server.base_url + "/hostile"
    started = time.monotonic()
    proc = ecowarden(env, "capture", f"{base}/xss", f"{base}/redirect-loop", f"{base}/stall", "--json")
    assert time.monotonic() - started < 120
    report = json.loads(proc.stdout)
    assert proc.returncode == 1  # the stalling page could not be fetched at all
    assert len(report["captured"]) == 2 and len(report["failed"]) == 1 and "stall" in report["failed"][0]
    _engine, factory = open_database(db_url)
    store = BlobStore(tmp_path / "evidence")
    with factory() as session:
        captures = {
            c.url: c for c in session.scalars(select(Capture).options(selectinload(Capture.artifacts)))
        }
    xss = captures[f"{base}/xss"]
    assert xss.status == "complete"
    metadata = json.loads(
        store.path(next(a.sha256 for a in xss.artifacts if a.name == "metadata.json")).read_bytes()
    )
    assert metadata["browser"]["problems"] == []
    loop = captures[f"{base}/redirect-loop"]
    loop_meta = json.loads(
        store.path(next(a.sha256 for a in loop.artifacts if a.name == "metadata.json")).read_bytes()
    )
    assert "redirect loop" in loop_meta["http"]["redirects_stopped"]
    assert loop.status == "partial"  # the browser gave up on the loop too; what was seen is kept


def test_killed_capture_leaves_no_half_written_artifact(demo_server: DemoServer, tmp_path: Path) -> None:
    """SIGKILL at several moments of a run of captures: the store holds only whole blobs, every
    recorded capture is whole, and the custody log matches the captures table."""
    db_url = f"sqlite:///{tmp_path / 'ev.db'}"
    evidence_dir = tmp_path / "evidence"
    env = env_for(db_url, evidence_dir)
    urls = [demo_server.base_url + str(e["path"]) for e in suspects(demo_server, 4)]
    urls.insert(1, demo_server.base_url + "/hostile/big-utf8")
    store = BlobStore(evidence_dir)

    def blob_count() -> int:
        return len(list(store.digests()))

    def capture_count() -> int:
        if not (tmp_path / "ev.db").exists():
            return 0
        with open_database(db_url)[1]() as session:
            return len(session.scalars(select(Capture.id)).all())

    # kill at the moments that matter: mid-write of a file, just after a blob is published but
    # before its capture is recorded, and just after a capture was committed
    # each round's condition is made at its start, relative to what earlier rounds left
    def mid_write() -> Callable[[], bool]:
        return lambda: bool(store.temporary_files())

    def blob_published() -> Callable[[], bool]:
        before = blob_count()
        return lambda: blob_count() > before

    def capture_committed() -> Callable[[], bool]:
        before = capture_count()
        return lambda: capture_count() > before

    def mid_write_of_the_next() -> Callable[[], bool]:
        before = capture_count()
        return lambda: bool(store.temporary_files()) and capture_count() > before

    moments = [mid_write, blob_published, capture_committed, mid_write_of_the_next]
    for round_number, make_moment in enumerate(moments):
        moment = make_moment()
        proc = subprocess.Popen(
            [sys.executable, "-m", "ecowarden", "capture", *urls, "--json"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        landed = False
        while not landed and proc.poll() is None and time.monotonic() < deadline:
            landed = moment()
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGKILL)  # the browser dies with it, as in a power cut
        proc.wait(30)
        # the kill must have hit a running capture at the intended moment, or this proves nothing
        assert landed and proc.returncode == -signal.SIGKILL, (round_number, proc.returncode)

    blobs = list(store.digests())
    assert blobs, "nothing was stored before the kills: the test proves nothing"
    for digest in blobs:
        assert store.verify(digest), f"blob {digest} does not match its name"
    stray = [p for p in (evidence_dir / "sha256").rglob("*") if p.is_file() and len(p.name) != 64]
    assert stray == []
    _engine, factory = open_database(db_url)
    with factory() as session:
        captures = list(session.scalars(select(Capture).options(selectinload(Capture.artifacts))))
    for capture in captures:
        assert store.verify(str(capture.manifest_sha256))
        names = {a.name for a in capture.artifacts if not a.name.startswith("photo-")}
        assert names <= ARTIFACTS and capture.artifacts
        for artifact in capture.artifacts:
            assert store.verify(artifact.sha256)
    custody = CustodyLog(factory)
    assert custody.verify() == []
    assert sorted(e.subject for e in custody.events() if e.action == "captured") == sorted(
        f"capture:{c.id}" for c in captures
    )
    # leftovers of killed writers are only in the quarantine folder, and the sweep clears them
    store.sweep_temporary(max_age_s=0)
    assert store.temporary_files() == []


def test_queue_claims_each_request_once(db_url: str, demo_server: DemoServer) -> None:
    entries = suspects(demo_server, 3)
    flag_listings(db_url, demo_server, entries)
    _engine, factory = open_database(db_url)
    queue = CaptureQueue(factory)
    # re-flagging a listing that is still waiting does not queue it twice
    assert queue.enqueue_listings([1, 2], "on_demand") == 0
    first, second = queue.claim(), queue.claim()
    assert first is not None and second is not None and first.id != second.id
    assert queue.failed(first.id, "boom") == "queued"
    third = queue.claim(exclude={first.id})
    assert third is not None and third.id not in (first.id, second.id)
    assert queue.claim(exclude={first.id}) is None
    assert queue.counts() == {"queued": 1, "running": 2}
    with pytest.raises(ValueError, match="no listing with id 999"):
        queue.enqueue_listings([999], "case")


@SQLITE_ONLY
def test_crawl_captures_what_it_flags(db_url: str, demo_server: DemoServer, tmp_path: Path) -> None:
    """The crawl queues a capture with every flag and its worker captures them beside the crawl;
    what the per-run cap leaves is still queued for ``capture --pending``."""
    from tests.crawl_helpers import crawl_env, run_crawl

    env = crawl_env(
        db_url,
        tmp_path,
        ECOWARDEN_EVIDENCE_CAPTURE_ON_FLAG="true",
        ECOWARDEN_EVIDENCE_MAX_CAPTURES_PER_RUN="3",
    )
    code, summary, log = run_crawl(["demo-classifieds", "--base-url", demo_server.base_url], env, tmp_path)
    assert code == 0, log[-3000:]
    _engine, factory = open_database(db_url)
    with factory() as session:
        captures = list(session.scalars(select(Capture).options(selectinload(Capture.artifacts))))
        requests = list(session.scalars(select(CaptureRequest)))
    run = summary[0]
    flagged = run["flagged"]
    assert len(requests) == flagged == run["captures_queued"] and flagged > 3
    assert len(captures) == 3 and all(
        c.status == "complete" and c.run_id == summary[0]["run_id"] for c in captures
    )
    assert {c.listing_id for c in captures} <= {r.listing_id for r in requests}
    assert sum(r.status == "queued" for r in requests) == flagged - 3
    assert run["captured"] == 3 and run["captures_left"] == flagged - 3 and run["captures_failed"] == 0


def test_request_whose_worker_keeps_dying_ends_failed(db_url: str, demo_server: DemoServer) -> None:
    flag_listings(db_url, demo_server, suspects(demo_server, 1))
    _engine, factory = open_database(db_url)
    # claims older than 0 s count as a dead worker's, so each claim below takes over from a "dead" one
    queue = CaptureQueue(factory, stale_after_s=0)
    attempts = [queue.claim() for _ in range(3)]
    assert [a.attempts for a in attempts if a is not None] == [1, 2, 3]
    assert queue.claim() is None
    assert queue.counts() == {"failed": 1}
    with factory() as session:
        request = session.scalars(select(CaptureRequest)).one()
    assert request.last_error is not None and "died" in request.last_error
