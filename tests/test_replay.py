"""A captured demo listing, exported, replays offline from the bundle's WACZ in stock tools.

The whole path a defence expert or prosecutor would take: a real capture through Chromium, a real
export, then the stock tools: BagIt, warcio and openssl through VERIFY.txt's own commands,
py-wacz's validator on the replay package, and pywb replaying it to Chromium with the marketplace
switched off and every request that is not to pywb refused. The photos must render from the
archive, and the full-size photo must come back byte for byte as the capture's artifact.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Route, sync_playwright

from evidence.store import BlobStore
from storage.db import open_database
from storage.models import Artifact, Capture
from tests.conftest import DemoServer, free_port, service_missing
from tests.evidence_helpers import flag_listings, suspects
from tests.test_bundle import REPLAY_BIN, _run_commands, _verify_txt_commands
from tests.test_evidence_capture import ecowarden, env_for, tsa_env
from tests.tsa import LocalTSA

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def replay_tools() -> Path:
    if not (REPLAY_BIN / "wayback").exists() or not (REPLAY_BIN / "wacz").exists():
        service_missing("the stock replay tools are not installed (make replay-tools)")
    return REPLAY_BIN


@pytest.fixture
def marketplace() -> Iterator[DemoServer]:
    server = DemoServer(size=60)
    yield server
    server.stop()


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"pywb exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("pywb did not start")


@pytest.fixture
def exported(
    marketplace: DemoServer, tsa: LocalTSA, tsa_url: str, tmp_path: Path
) -> tuple[Path, dict[str, object], dict[str, bytes], str]:
    """A bundle of one captured suspect listing; with its listing, photo artifacts and page URL."""
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    [entry] = suspects(marketplace, 1)
    flag_listings(db_url, marketplace, [entry])
    env = env_for(db_url, tmp_path / "evidence", **tsa_env(tsa, tsa_url))
    proc = ecowarden(env, "capture", "--pending", "--json")
    assert proc.returncode == 0, proc.stderr
    _engine, factory = open_database(db_url)
    with factory() as session:
        capture = session.query(Capture).one()
        bundle = tmp_path / "bundle.zip"
        proc = ecowarden(env, "export", "--listing", str(capture.listing_id), "--output", str(bundle))
        assert proc.returncode == 0, proc.stderr
        photos = {
            a.name: a.sha256
            for a in session.query(Artifact).filter(Artifact.capture_id == capture.id)
            if a.name.startswith("photo-")
        }
    store = BlobStore(tmp_path / "evidence")
    blobs = {name: store.path(sha).read_bytes() for name, sha in photos.items()}
    return bundle, entry, blobs, marketplace.base_url + str(entry["path"])


def test_a_capture_replays_offline_from_the_bundle_with_its_photos(
    exported: tuple[Path, dict[str, object], dict[str, bytes], str],
    marketplace: DemoServer,
    replay_tools: Path,
    tmp_path: Path,
) -> None:
    bundle, entry, photos, page_url = exported
    assert len(photos) == len(entry["images"])  # type: ignore[arg-type]
    # the stock-tool recipe (bagit, warcio check, openssl ts -verify, the checkpoint) as written:
    # it unpacks the bundle beside itself
    result = _run_commands(_verify_txt_commands(bundle), bundle.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    unpacked = bundle.parent / bundle.stem
    wacz = unpacked / "data" / "replay.wacz"
    validated = subprocess.run(
        [str(replay_tools / "wacz"), "validate", "-f", str(wacz)], capture_output=True, text=True
    )
    assert validated.returncode == 0 and "Validation succeeded" in validated.stdout, validated.stdout

    marketplace.stop()  # from here on the marketplace is gone: only the archive can answer
    with pytest.raises(OSError):
        urllib.request.urlopen(page_url, timeout=2)
    collections = tmp_path / "pywb"
    collections.mkdir()
    for command in (
        ["wb-manager", "init", "evidence"],
        ["wb-manager", "add", "--unpack-wacz", "evidence", str(wacz)],
    ):
        done = subprocess.run(
            [str(replay_tools / command[0]), *command[1:]], cwd=collections, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode()
    port = free_port()
    wayback = subprocess.Popen(
        [str(replay_tools / "wayback"), "-p", str(port), "-b", "127.0.0.1"],
        cwd=collections,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, wayback)
        with zipfile.ZipFile(wacz) as package:
            pages = [json.loads(line) for line in package.read("pages/pages.jsonl").splitlines()]
        [page] = [p for p in pages if "format" not in p]
        stamp = re.sub(r"\D", "", str(page["ts"]))[:14]
        replay = f"http://127.0.0.1:{port}/evidence/{stamp}mp_/{page['url']}"
        refused: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                context = browser.new_context()

                def only_pywb(route: Route) -> None:
                    if route.request.url.startswith(f"http://127.0.0.1:{port}/"):
                        route.continue_()
                    else:
                        refused.append(route.request.url)
                        route.abort()

                context.route("**/*", only_pywb)
                top = context.new_page()
                top.goto(replay, wait_until="load")
                # pywb shows the archived page in a frame under its own banner
                view = top.frame_locator("iframe").first
                assert view.locator("h1").first.inner_text(timeout=20_000) == entry["title"]
                top.wait_for_load_state("networkidle")
                shown = view.locator("body").evaluate(
                    "() => Array.from(document.querySelectorAll('img.ad-image'))"
                    ".map((img) => [img.complete, img.naturalWidth, img.naturalHeight])"
                )
            finally:
                browser.close()
        assert shown and all(s == [True, 48, 36] for s in shown), shown
        assert refused == []
        # the full-size photo behind the first thumbnail, served from the archive byte for byte
        first = str(entry["images"][0]).replace("/img/", "/img/full/")  # type: ignore[index]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/evidence/{stamp}id_/{page_url.split('/classifieds')[0]}{first}"
        ) as archived:
            assert archived.read() == photos["photo-01.png"]
    finally:
        wayback.terminate()
        wayback.wait(10)
