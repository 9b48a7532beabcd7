"""Evidence bundles end to end: export real captures, then check them with our verifier and with the
stock tools an examiner would use (unzip, bagit-python, OpenSSL, warcio), on both databases.

Captures are made by the real ``record_capture`` from small synthetic files (a genuine WARC, a
few bytes of "PNG" and "PDF") and a real local RFC 3161 authority, so nothing here is mocked
except the browser.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from evidence.bundle import (
    BundleFormatError,
    ExportUsageError,
    ListingWithoutCapture,
    export_bundle,
    verify_bundle,
)
from evidence.context import EvidenceContext, TSASettings
from evidence.custody import CustodyLog
from evidence.recording import ArtifactFile, CaptureDraft, record_capture
from evidence.signing import installation_key
from evidence.store import BlobStore
from evidence.warc import CaptureWarc, HttpExchange, Resource
from storage.cases import CaseStore
from storage.db import open_database, transaction
from storage.models import Listing, Prediction, Seller, Site
from storage.types import utcnow
from tests.tsa import LocalTSA

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
EVIL_TITLE = '<script>alert("x")</script> Ivory & "tusks"'


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> LocalTSA:
    return LocalTSA(tmp_path_factory.mktemp("tsa"))


@pytest.fixture(scope="module")
def tsa_url(tsa: LocalTSA) -> Iterator[str]:
    with tsa.serve() as url:
        yield url


def make_warc(url: str, body: bytes) -> bytes:
    out = io.BytesIO()
    warc = CaptureWarc(out, "capture.warc.gz")
    warc.warcinfo({"software": "ecowarden-test", "operator": "analyst@example.org"})
    response_id = warc.exchange(
        HttpExchange(
            url=url,
            request_head=b"GET /listing HTTP/1.1\r\nHost: market.example\r\nUser-Agent: test\r\n\r\n",
            response_head=(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
            ),
            response_body=body,
            remote_ip="192.0.2.10",
        )
    )
    warc.resource(Resource(f"urn:ecowarden:screenshot:{url}", "image/png", b"\x89PNG fake"), response_id)
    return out.getvalue()


def capture_files(url: str, title: str) -> list[ArtifactFile]:
    body = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>price 120 USD</body></html>"
    return [
        ArtifactFile("capture.warc.gz", "application/warc", data=make_warc(url, body.encode())),
        ArtifactFile("screenshot.png", "image/png", data=b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes),
        ArtifactFile("dom.html", "text/html", data=body.encode()),
        ArtifactFile("page.pdf", "application/pdf", data=b"%PDF-1.4\n% test page\n%%EOF\n"),
        ArtifactFile(
            "metadata.json", "application/json", data=json.dumps({"url": url, "title": title}).encode()
        ),
    ]


@dataclass
class World:
    ctx: EvidenceContext
    listings: dict[str, int]
    captures: dict[int, list[str]]
    tsa: LocalTSA | None


def make_context(
    factory: object, evidence_dir: Path, tsa: LocalTSA | None, tsa_url: str | None
) -> EvidenceContext:
    settings = None
    if tsa is not None and tsa_url is not None:
        settings = TSASettings(
            url=tsa_url, certificate_pem=tsa.tsa_pem, root_pem=tsa.root_pem, timeout_s=10.0
        )
    return EvidenceContext(
        store=BlobStore(evidence_dir),
        key=installation_key(evidence_dir),
        factory=factory,  # type: ignore[arg-type]
        custody=CustodyLog(factory),  # type: ignore[arg-type]
        tsa=settings,
        operator="analyst@example.org",
        organisation="Wildlife Crime Unit",
        software="ecowarden/test",
        config_sha256="0" * 64,
        evidence_dir=evidence_dir,
    )


def seed_listings(factory: object) -> dict[str, int]:
    now = utcnow()
    with transaction(factory) as session:  # type: ignore[arg-type]
        site = Site(key="market.example", base_url="https://market.example/")
        session.add(site)
        session.flush()
        seller = Seller(site_id=site.id, key="s1", name="Trader <b>Joe</b>")
        session.add(seller)
        session.flush()
        ids = {}
        for key, title in (
            ("ivory", EVIL_TITLE),
            ("pangolin", "Pangolin scales 1kg"),
            ("bare", "Not captured"),
        ):
            listing = Listing(
                site_id=site.id,
                canonical_url=f"https://market.example/{key}",
                url=f"https://market.example/{key}",
                title=title,
                price=Decimal("120.00"),
                currency="USD",
                seller_id=seller.id,
                content_hash="0" * 64,
                first_seen_at=now,
                last_seen_at=now,
            )
            session.add(listing)
            session.flush()
            ids[key] = listing.id
        session.add(
            Prediction(
                listing_id=ids["ivory"],
                listing_version=1,
                model_version="test-1",
                category="ivory",
                score=0.97,
                flagged=True,
            )
        )
    return ids


def capture(ctx: EvidenceContext, listing_id: int, url: str, title: str, offset_s: int = 0) -> str:
    capture_id = str(uuid.uuid4())
    record_capture(
        ctx,
        CaptureDraft(
            capture_id=capture_id,
            url=url,
            captured_at=utcnow() - timedelta(seconds=offset_s),
            artifacts=capture_files(url, title),
            listing_id=listing_id,
            summary={"title": title},
        ),
    )
    return capture_id


def build_world(db_url: str, workdir: Path, tsa: LocalTSA | None, tsa_url: str | None) -> World:
    _engine, factory = open_database(db_url)
    ctx = make_context(factory, workdir / "evidence", tsa, tsa_url)
    ids = seed_listings(factory)
    # unrelated custody activity before and between captures: the excerpt must skip its content
    ctx.custody.append("someone@example.org", "viewed", "capture:unrelated-1", {"secret": "other case"})
    captures = {
        ids["ivory"]: [capture(ctx, ids["ivory"], "https://market.example/ivory", EVIL_TITLE, 60)],
        ids["pangolin"]: [],
    }
    ctx.custody.append("someone@example.org", "viewed", "capture:unrelated-2", {"secret": "other case"})
    captures[ids["pangolin"]].append(
        capture(ctx, ids["pangolin"], "https://market.example/pangolin", "Pangolin")
    )
    # a second capture of the same listing, taken while no TSA answered: timestamp pending
    unstamped = replace(ctx, tsa=None)
    captures[ids["ivory"]].append(
        capture(unstamped, ids["ivory"], "https://market.example/ivory", EVIL_TITLE)
    )
    return World(ctx, ids, captures, tsa)


@pytest.fixture
def world(db_url: str, tmp_path: Path, tsa: LocalTSA, tsa_url: str) -> World:
    return build_world(db_url, tmp_path, tsa, tsa_url)


def unpack(bundle: Path, target: Path) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)
    return target


def test_export_then_verify_passes(world: World, tmp_path: Path) -> None:
    output = tmp_path / "out" / "bundle.zip"
    output.parent.mkdir()
    ids = [world.listings["ivory"], world.listings["pangolin"]]
    summary = export_bundle(world.ctx, output=output, listing_ids=ids, actor="examiner@example.org")
    assert summary.captures == 3 and summary.path == output and output.is_file()
    assert summary.size == output.stat().st_size and len(summary.sha256) == 64
    assert [p.name for p in output.parent.iterdir()] == ["bundle.zip"], "no staging leftovers"

    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
    assert names[0] == "bagit.txt"
    assert {"bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"} <= set(names)
    assert {"tagmanifest-sha256.txt", "tagmanifest-sha512.txt"} <= set(names)
    data = sorted(n for n in names if n.startswith("data/"))
    assert names[-len(data) :] == data, "payload in sorted order after the tag files"
    for capture_ids in world.captures.values():
        for capture_id in capture_ids:
            for name in ("capture.warc.gz", "screenshot.png", "dom.html", "page.pdf", "metadata.json"):
                assert f"data/captures/{capture_id}/{name}" in names
            assert f"data/captures/{capture_id}/manifest.json" in names
    stamped, pending = world.captures[world.listings["ivory"]]
    assert f"data/captures/{stamped}/manifest.tsr" in names
    assert f"data/captures/{pending}/manifest.tsr" not in names
    for name in (
        "data/custody/events.jsonl",
        "data/custody/chain.jsonl",
        "data/custody/checkpoint.json",
        "data/custody/checkpoint.sig.json",
        "data/keys/ed25519-public.pem",
        "data/tsa/tsa.pem",
        "data/tsa/root.pem",
        "data/listings.json",
        "data/report.html",
        "data/VERIFY.txt",
    ):
        assert name in names

    report = verify_bundle(output)
    assert report.ok, [c for c in report.checks if not c.passed]
    assert report.bundle_id == summary.bundle_id
    assert report.signing_key_id == world.ctx.key.key_id
    by_file = {(c.name, c.file): c for c in report.checks}
    stamp = by_file[("timestamp", f"data/captures/{stamped}/manifest.tsr")]
    assert stamp.passed and not stamp.warning and "genTime" in stamp.detail
    waiting = by_file[("timestamp", f"data/captures/{pending}/manifest.tsr")]
    assert waiting.warning and waiting.result == "warn" and "not stamped" in waiting.detail
    names_of_checks = {c.name for c in report.checks}
    assert {
        "bag-structure",
        "bag-payload",
        "bag-tags",
        "signing-key",
        "custody-checkpoint",
        "signed-inventory",
        "manifest",
        "artifact",
        "signature",
        "timestamp",
        "warc",
        "custody-entries",
        "custody-chain",
        "custody-excerpt",
        "custody-capture",
    } <= names_of_checks

    # the export is in the custody log, and in the bundle's excerpt
    exported = [e for e in world.ctx.custody.events() if e.action == "exported"]
    assert len(exported) == 3 and {e.details["bundle_id"] for e in exported} == {summary.bundle_id}
    assert all(e.actor == "examiner@example.org" for e in exported)
    assert world.ctx.custody.verify() == []

    target = unpack(output, tmp_path / "unpacked")
    events = [json.loads(line) for line in (target / "data/custody/events.jsonl").read_text().splitlines()]
    assert {e["action"] for e in events} >= {"captured", "timestamped", "exported"}
    assert all(e["subject"].startswith("capture:") and "unrelated" not in e["subject"] for e in events)
    chain = [json.loads(line) for line in (target / "data/custody/chain.jsonl").read_text().splitlines()]
    assert [row["seq"] for row in chain] == list(range(chain[0]["seq"], chain[-1]["seq"] + 1))
    assert set(chain[0]) == {"seq", "prev_hash", "entry_hash"}
    assert "other case" not in (target / "data/custody/chain.jsonl").read_text()
    checkpoint = json.loads((target / "data/custody/checkpoint.json").read_bytes())
    assert checkpoint["head"]["seq"] == chain[-1]["seq"] == summary.head_seq
    listings = json.loads((target / "data/listings.json").read_text())
    assert [item["id"] for item in listings] == sorted(ids)
    assert listings[0]["prediction"]["category"] == "ivory" and listings[0]["seller"] == "Trader <b>Joe</b>"
    info = (target / "bag-info.txt").read_text()
    for tag in (
        "Source-Organization: Wildlife Crime Unit",
        "Contact-Name: analyst@example.org",
        f"External-Identifier: {summary.bundle_id}",
        "External-Description:",
        "Bag-Software-Agent: ecowarden/test",
        f"Ecowarden-Signing-Key-Id: {world.ctx.key.key_id}",
        "Bagging-Date:",
    ):
        assert tag in info

    # a directory (the unpacked bag) verifies the same
    assert verify_bundle(target).ok


def test_stock_tools_accept_the_bundle(world: World, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    target = unpack(output, tmp_path / "bag")
    result = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(target)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    for capture_id in world.captures[world.listings["ivory"]]:
        warc = target / "data" / "captures" / capture_id / "capture.warc.gz"
        result = subprocess.run(
            [str(VENV_BIN / "warcio"), "check", str(warc)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    stamped = world.captures[world.listings["ivory"]][0]
    base = f"data/captures/{stamped}"
    command = ["openssl", "ts", "-verify", "-data", f"{base}/manifest.json", "-in", f"{base}/manifest.tsr"]
    command += ["-token_in", "-CAfile", "data/tsa/root.pem", "-untrusted", "data/tsa/tsa.pem"]
    result = subprocess.run(command, cwd=target, capture_output=True, text=True)
    assert result.returncode == 0 and "Verification: OK" in result.stdout, result.stdout + result.stderr


def test_verify_txt_commands_run_as_written(world: World, tmp_path: Path) -> None:
    """The instructions are a script an examiner can paste: run every command in them."""
    output = tmp_path / "evidence.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"], world.listings["pangolin"]])
    with zipfile.ZipFile(output) as archive:
        text = archive.read("data/VERIFY.txt").decode()
    commands = [line.strip() for line in text.splitlines() if line.startswith("   ") and line.strip()]
    commands = [c for c in commands if not c[0].isupper()]  # the "why" lines are sentences
    assert commands[0] == "unzip evidence.zip -d evidence" and "cd evidence" in commands
    assert any(c.startswith("openssl ts -verify") for c in commands)
    assert any(c.startswith("warcio check data/captures/") for c in commands)
    assert commands[-1] == "ecowarden verify evidence.zip"
    commands[-1] = "ecowarden verify ../evidence.zip"  # run from inside the unpacked folder
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    env["ECOWARDEN_CONFIG"] = str(ROOT / "ecowarden.toml")
    script = "set -e\n" + "\n".join(commands) + "\n"
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verified Successfully" in result.stdout or "Signature Verified" in result.stdout


def test_report_escapes_scraped_text(world: World, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    with zipfile.ZipFile(output) as archive:
        html = archive.read("data/report.html").decode()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Ivory &amp; &#34;tusks&#34;" in html
    assert "Trader &lt;b&gt;Joe&lt;/b&gt;" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for capture_id in world.captures[world.listings["ivory"]]:
        assert capture_id in html
        assert f"openssl ts -verify -data data/captures/{capture_id}/manifest.json" in html or (
            capture_id == world.captures[world.listings["ivory"]][1]
        )
        assert f"warcio check data/captures/{capture_id}/capture.warc.gz" in html
    assert "python -m bagit --validate" in html and "ecowarden verify bundle.zip" in html
    assert "genTime" in html and "exported" in html and "captured" in html
    assert "not stamped" in html


def test_export_by_case(world: World, tmp_path: Path) -> None:
    cases = CaseStore(world.ctx.factory)
    cases.create("Operation Tusk", "lead@example.org", description="Ivory ring, 2026")
    cases.add_listings("Operation Tusk", [world.listings["ivory"]], "lead@example.org")
    output = tmp_path / "case.zip"
    summary = export_bundle(world.ctx, output=output, case="Operation Tusk")
    assert summary.case == "Operation Tusk" and summary.captures == 2
    report = verify_bundle(output)
    assert report.ok
    with zipfile.ZipFile(output) as archive:
        info = archive.read("bag-info.txt").decode()
    assert "External-Identifier: Operation Tusk" in info and "Ecowarden-Case: Operation Tusk" in info
    assert "External-Description: Ivory ring, 2026" in info
    exported = [e for e in world.ctx.custody.events() if e.action == "exported"]
    assert {e.details["case"] for e in exported} == {"Operation Tusk"}


def test_export_refusals(world: World, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    with pytest.raises(ListingWithoutCapture, match=f"listing {world.listings['bare']} has no capture"):
        export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"], world.listings["bare"]])
    with pytest.raises(ExportUsageError, match="no listing with id 999999"):
        export_bundle(world.ctx, output=output, listing_ids=[999999])
    with pytest.raises(ExportUsageError, match="not both"):
        export_bundle(world.ctx, output=output, listing_ids=[1], case="x")
    with pytest.raises(ExportUsageError, match="no case named"):
        export_bundle(world.ctx, output=output, case="nope")
    assert not output.exists()
    assert not [e for e in world.ctx.custody.events() if e.action == "exported"], "refusals log nothing"
    first = export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    before = output.read_bytes()
    with pytest.raises(ExportUsageError, match="already exists"):
        export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    assert output.read_bytes() == before
    second = export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]], overwrite=True)
    assert second.bundle_id != first.bundle_id and verify_bundle(output).ok
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_unreadable_inputs_are_format_errors(tmp_path: Path) -> None:
    not_zip = tmp_path / "not.zip"
    not_zip.write_bytes(b"hello")
    with pytest.raises(BundleFormatError, match="not a readable zip"):
        verify_bundle(not_zip)
    with pytest.raises(BundleFormatError, match="no such file"):
        verify_bundle(tmp_path / "missing.zip")
    no_bag = tmp_path / "nobag.zip"
    with zipfile.ZipFile(no_bag, "w") as archive:
        archive.writestr("readme.txt", "hi")
    with pytest.raises(BundleFormatError, match=r"bagit\.txt"):
        verify_bundle(no_bag)
    for bad_name in ("../evil.txt", "/etc/evil", "data/../../evil", "C:\\evil"):
        hostile = tmp_path / "hostile.zip"
        with zipfile.ZipFile(hostile, "w") as archive:
            archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
            archive.writestr(bad_name, "x")
        with pytest.raises(BundleFormatError, match="unsafe entry"):
            verify_bundle(hostile)
        hostile.unlink()
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as archive:
        archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
        entry = zipfile.ZipInfo("data/link")
        entry.external_attr = 0o120777 << 16
        archive.writestr(entry, "/etc/passwd")
    with pytest.raises(BundleFormatError, match="symbolic link"):
        verify_bundle(link)
    duplicate = tmp_path / "dup.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(duplicate, "w") as archive:
        archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
        archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
    with pytest.raises(BundleFormatError, match="duplicate entry"):
        verify_bundle(duplicate)
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
        archive.writestr("data/zeros", b"\0" * 100_000)
    with pytest.raises(BundleFormatError, match="limit"):
        verify_bundle(big, max_total_bytes=50_000)


# -- the command line ------------------------------------------------------------------------


def write_config(world: World, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str) -> Path:
    config = tmp_path / "ecowarden.toml"
    config.write_text(
        "[database]\n"
        f'url = "{db_url}"\n'
        "[evidence]\n"
        f'dir = "{world.ctx.evidence_dir}"\n'
        'operator = "cli-analyst@example.org"\n'
        'organisation = "Wildlife Crime Unit"\n'
        f'tsa_url = "{tsa_url}"\n'
        f'tsa_certificate = "{tsa.cert_path}"\n'
        f'tsa_root = "{tsa.root_path}"\n'
    )
    return config


def run_cli(config: Path | None, *args: str) -> Result:
    from ecowarden.cli import app

    prefix = ["--config", str(config)] if config is not None else []
    return CliRunner().invoke(app, [*prefix, *args])


def test_cli_case_export_verify(
    world: World, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str
) -> None:
    config = write_config(world, tmp_path, db_url, tsa, tsa_url)
    assert run_cli(config, "case", "create", "Operation Scale", "--description", "pangolins").exit_code == 0
    added = run_cli(config, "case", "add", "Operation Scale", str(world.listings["pangolin"]))
    assert added.exit_code == 0 and "added 1 listing" in added.stdout
    unknown = run_cli(config, "case", "add", "Operation Scale", "987654")
    assert unknown.exit_code == 2 and "987654" in unknown.stderr
    listed = run_cli(config, "case", "list")
    assert listed.exit_code == 0 and "Operation Scale\t1 listing(s)\tcli-analyst@example.org" in listed.stdout

    output = tmp_path / "case.zip"
    result = run_cli(config, "export", "--case", "Operation Scale", "--output", str(output))
    assert result.exit_code == 0, result.stderr
    assert "exported 1 capture(s) of 1 listing(s) (case Operation Scale)" in result.stdout
    assert "bundle id " in result.stdout and "sha256 " in result.stdout

    verified = run_cli(None, "verify", str(output))
    assert verified.exit_code == 0, verified.stdout + verified.stderr
    assert "verified:" in verified.stdout and "custody-chain" in verified.stdout
    as_json = run_cli(None, "verify", str(output), "--json")
    assert as_json.exit_code == 0
    report = json.loads(as_json.stdout)
    assert report["ok"] is True and report["failures"] == 0 and report["checks"]
    assert {"name", "file", "passed", "detail", "warning", "result"} <= set(report["checks"][0])

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(output) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("page.pdf"):
                data = data.replace(b"test page", b"fake page")
            target.writestr(item.filename, data)
    bad = run_cli(None, "verify", str(tampered))
    assert bad.exit_code == 1
    assert bad.stderr.count("\n") == 1 and "page.pdf" in bad.stderr and "FAILED" in bad.stderr
    bad_json = run_cli(None, "verify", str(tampered), "--json")
    assert bad_json.exit_code == 1 and json.loads(bad_json.stdout)["ok"] is False

    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    unreadable = run_cli(None, "verify", str(junk))
    assert unreadable.exit_code == 2 and "not a readable zip" in unreadable.stderr
    assert "Traceback" not in unreadable.stderr + unreadable.stdout


def test_cli_export_exit_codes(
    world: World, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str
) -> None:
    config = write_config(world, tmp_path, db_url, tsa, tsa_url)
    output = tmp_path / "bundle.zip"
    ivory, bare = str(world.listings["ivory"]), str(world.listings["bare"])
    neither = run_cli(config, "export", "--output", str(output))
    assert neither.exit_code == 2 and "--listing" in neither.stderr
    both = run_cli(config, "export", "--listing", ivory, "--case", "x", "--output", str(output))
    assert both.exit_code == 2
    no_capture = run_cli(config, "export", "--listing", ivory, "--listing", bare, "--output", str(output))
    assert no_capture.exit_code == 1 and f"listing {bare} has no capture" in no_capture.stderr
    assert no_capture.stderr.count("\n") == 1
    missing = run_cli(config, "export", "--listing", "999999", "--output", str(output))
    assert missing.exit_code == 2 and "999999" in missing.stderr
    no_case = run_cli(config, "export", "--case", "nope", "--output", str(output))
    assert no_case.exit_code == 2 and "no case named" in no_case.stderr
    assert not output.exists()

    ok = run_cli(
        config, "export", "--listing", ivory, "--output", str(output), "--description", "two captures"
    )
    assert ok.exit_code == 0 and "exported 2 capture(s)" in ok.stdout
    exists = run_cli(config, "export", "--listing", ivory, "--output", str(output))
    assert exists.exit_code == 2 and "--force" in exists.stderr
    forced = run_cli(config, "export", "--listing", ivory, "--output", str(output), "--force")
    assert forced.exit_code == 0
    actors = {e.actor for e in world.ctx.custody.events() if e.action == "exported"}
    assert actors == {"cli-analyst@example.org"}


def test_cli_verify_as_a_user_runs_it(world: World, tmp_path: Path) -> None:
    """The installed command, in a subprocess, with no config and no database."""
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    result = subprocess.run(
        [sys.executable, "-m", "ecowarden", "verify", str(output), "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True
    assert not (tmp_path / "var").exists(), "verify touched no database or evidence folder"
