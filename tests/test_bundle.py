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
import time
import uuid
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from evidence.bundle import (
    BundleFormatError,
    ExportError,
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
from tests.conftest import service_missing
from tests.tsa import LocalTSA

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
#: the stock web-archive tools (`make replay-tools`): py-wacz validates a bundle's replay package
REPLAY_BIN = ROOT / ".venv-replay" / "bin"
EVIL_TITLE = '<script>alert("x")</script> Ivory & "tusks"'


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
    assert sorted(p.name for p in output.parent.iterdir()) == ["bundle.receipt.txt", "bundle.zip"], (
        "the bundle and its receipt, no staging leftovers"
    )

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


def _verify_txt_commands(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        text = archive.read("data/VERIFY.txt").decode()
    commands = [line.strip() for line in text.splitlines() if line.startswith("   ") and line.strip()]
    return [c for c in commands if not c[0].isupper()]  # the "why" lines are sentences


def _run_commands(commands: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    if any(command.startswith("wacz ") for command in commands) and not (REPLAY_BIN / "wacz").exists():
        service_missing("py-wacz, a stock tool VERIFY.txt uses, is not installed (make replay-tools)")
    # the project's venv first, then the stock replay tools' own (py-wacz's validator)
    path = os.pathsep.join((str(VENV_BIN), os.environ["PATH"], str(REPLAY_BIN)))
    env = {**os.environ, "PATH": path}
    env["ECOWARDEN_CONFIG"] = str(ROOT / "ecowarden.toml")
    script = "set -e\n" + "\n".join(commands) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)


def test_verify_txt_commands_run_as_written(world: World, tmp_path: Path) -> None:
    """The instructions are a script an examiner can paste: run every command in them."""
    output = tmp_path / "evidence.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"], world.listings["pangolin"]])
    commands = _verify_txt_commands(output)
    assert commands[0] == "unzip evidence.zip -d evidence" and "cd evidence" in commands
    assert any(c.startswith("openssl ts -verify") for c in commands)
    assert any(c.startswith("warcio check data/captures/") for c in commands)
    assert any(c.startswith("sha256sum --check") for c in commands)
    assert commands[-1] == "ecowarden verify ../evidence.zip"  # run from inside the unpacked folder
    result = _run_commands(commands, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verified Successfully" in result.stdout or "Signature Verified" in result.stdout


@pytest.mark.parametrize("forgery", ["edited", "added", "removed"])
def test_the_stock_tool_recipe_catches_a_forgery_with_the_bag_rebuilt(
    world: World, tmp_path: Path, forgery: str
) -> None:
    """A screenshot edited (or a file added, or one removed) and the BagIt manifests rebuilt
    passes bagit; following VERIFY.txt to the letter, with stock tools only, still fails."""
    import bagit

    output = tmp_path / "evidence.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    commands = _verify_txt_commands(output)
    stock = [c for c in commands if not c.startswith(("unzip ", "cd ", "ecowarden "))]
    folder = tmp_path / "evidence"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder)
    assert _run_commands(stock, folder).returncode == 0, "the honest bundle passes the recipe"
    screenshot = next(folder.glob("data/captures/*/screenshot.png"))
    if forgery == "edited":
        screenshot.write_bytes(screenshot.read_bytes() + b"edited")
    elif forgery == "added":
        (screenshot.parent / "note.txt").write_text("planted")
    else:
        screenshot.unlink()
    bag = bagit.Bag(str(folder))
    bag.save(manifests=True)
    assert bagit.Bag(str(folder)).is_valid(), "the rebuilt bag passes bagit on its own"
    result = _run_commands(stock, folder)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "screenshot.png" in result.stdout + result.stderr or "note.txt" in result.stdout + result.stderr


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
    assert "python -m bagit --validate" in html and "ecowarden verify ../bundle.zip" in html
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


# -- who signed: pinning the key and the TSA root --------------------------------------------


def test_verify_pins_the_signer(world: World, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    key_id = world.ctx.key.key_id

    unpinned = verify_bundle(output)
    assert unpinned.ok and not unpinned.signer_pinned
    signer = next(c for c in unpinned.checks if c.name == "signing-key")
    assert signer.result == "warn" and key_id in signer.detail
    assert "signer identity not established" in signer.detail

    pinned = verify_bundle(output, expected_key_id=key_id.upper())
    assert pinned.ok and pinned.signer_pinned
    assert next(c for c in pinned.checks if c.name == "signing-key").result == "pass"

    wrong = verify_bundle(output, expected_key_id="ab" * 32)
    assert [(c.name, c.file) for c in wrong.failures] == [("signing-key", "data/keys/ed25519-public.pem")]

    # the command line: summary line and --json name the key id; pins by id or by PEM
    plain = run_cli(None, "verify", str(output))
    assert plain.exit_code == 0, plain.stderr
    summary = plain.stdout.strip().splitlines()[-1]
    assert summary.startswith("verified:") and key_id in summary and "NOT pinned" in summary
    as_json = json.loads(run_cli(None, "verify", str(output), "--json").stdout)
    assert as_json["signing_key_id"] == key_id and as_json["signer_pinned"] is False
    by_id = run_cli(None, "verify", str(output), "--key-id", key_id)
    assert by_id.exit_code == 0 and "(the expected signer)" in by_id.stdout
    pem = tmp_path / "issuer.pem"
    pem.write_bytes(world.ctx.key.public_key_pem())
    by_pem = run_cli(None, "verify", str(output), "--public-key", str(pem), "--json")
    assert by_pem.exit_code == 0 and json.loads(by_pem.stdout)["signer_pinned"] is True
    other = installation_key(tmp_path / "elsewhere")
    impostor = run_cli(None, "verify", str(output), "--key-id", other.key_id)
    assert impostor.exit_code == 1 and "data/keys/ed25519-public.pem" in impostor.stderr
    disagree = run_cli(None, "verify", str(output), "--key-id", other.key_id, "--public-key", str(pem))
    assert disagree.exit_code == 2 and "disagree" in disagree.stderr
    assert run_cli(None, "verify", str(output), "--key-id", "xyz").exit_code == 2


def test_cli_key_show_and_export(
    world: World, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str
) -> None:
    config = write_config(world, tmp_path, db_url, tsa, tsa_url)
    shown = run_cli(config, "key", "show")
    assert shown.exit_code == 0, shown.stderr
    assert f"key id {world.ctx.key.key_id}" in shown.stdout
    assert str(world.ctx.evidence_dir / "keys" / "ed25519-public.pem") in shown.stdout
    target = tmp_path / "published.pem"
    written = run_cli(config, "key", "export", "--output", str(target))
    assert written.exit_code == 0 and target.read_bytes() == world.ctx.key.public_key_pem()
    target.write_bytes(b"keep me")
    refused = run_cli(config, "key", "export", "--output", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr and target.read_bytes() == b"keep me"
    forced = run_cli(config, "key", "export", "--output", str(target), "--force")
    assert forced.exit_code == 0 and target.read_bytes() == world.ctx.key.public_key_pem()


def test_key_id_command_in_verify_txt_prints_the_key_id(world: World, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    target = unpack(output, tmp_path / "bag")
    text = (target / "data/VERIFY.txt").read_text()
    html = (target / "data/report.html").read_text()
    command = "openssl pkey -pubin -in data/keys/ed25519-public.pem -outform DER | tail -c 32 | sha256sum"
    assert command in text and command in html
    result = subprocess.run(["bash", "-c", command], cwd=target, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.split()[0] == world.ctx.key.key_id


def test_export_takes_tsa_certificates_from_the_custody_log(world: World, tmp_path: Path) -> None:
    """No TSA configured now, or a different one: the tokens' own certificates still come along."""
    from evidence.timestamp import certificate_fingerprint

    assert world.tsa is not None
    ids = [world.listings["ivory"], world.listings["pangolin"]]
    fingerprint = certificate_fingerprint(world.tsa.tsa_pem)
    root_fingerprint = certificate_fingerprint(world.tsa.root_pem)
    newer = LocalTSA(tmp_path / "newer-tsa", name="replacement TSA")
    for name, ctx in (
        ("none.zip", replace(world.ctx, tsa=None)),
        (
            "newer.zip",
            replace(world.ctx, tsa=TSASettings("http://127.0.0.1:9/", newer.tsa_pem, newer.root_pem, 1.0)),
        ),
    ):
        output = tmp_path / name
        export_bundle(ctx, output=output, listing_ids=ids)
        with zipfile.ZipFile(output) as archive:
            names = set(archive.namelist())
            checkpoint = json.loads(archive.read("data/custody/checkpoint.json"))
        assert {f"data/tsa/{fingerprint}.pem", f"data/tsa/{root_fingerprint}.pem"} <= names
        assert f"data/tsa/{certificate_fingerprint(newer.tsa_pem)}.pem" not in names
        stamped = world.captures[world.listings["ivory"]][0]
        assert checkpoint["timestamps"][stamped] == {
            "tsa_certificate_sha256": fingerprint,
            "tsa_root_sha256": root_fingerprint,
        }
        report = verify_bundle(output)
        assert report.ok, report.failures
        stamp = next(c for c in report.checks if c.name == "timestamp" and stamped in c.file)
        assert stamp.result == "pass" and root_fingerprint in stamp.detail and "not pinned" in stamp.detail

    pinned = verify_bundle(tmp_path / "none.zip", tsa_root_pem=world.tsa.root_pem)
    assert pinned.ok and pinned.tsa_root_pinned
    assert all("pinned root" in c.detail for c in pinned.checks if c.name == "timestamp" and not c.warning)
    wrong_root = verify_bundle(tmp_path / "none.zip", tsa_root_pem=newer.root_pem)
    assert {c.name for c in wrong_root.failures} == {"timestamp"} and len(wrong_root.failures) == 2
    root_file = tmp_path / "newer-root.pem"
    root_file.write_bytes(newer.root_pem)
    cli = run_cli(None, "verify", str(tmp_path / "none.zip"), "--tsa-root", str(root_file))
    assert cli.exit_code == 1 and "manifest.tsr" in cli.stderr
    assert run_cli(None, "verify", str(tmp_path / "none.zip"), "--tsa-root", str(tmp_path)).exit_code == 2


def test_export_refuses_a_token_that_does_not_verify(world: World, tmp_path: Path) -> None:
    from evidence.timestamp import make_request
    from storage.models import Capture

    assert world.tsa is not None
    stamped = world.captures[world.listings["ivory"]][0]
    wrong = world.ctx.store.put_bytes(world.tsa.issue_token(make_request(b"another manifest"))).sha256
    with transaction(world.ctx.factory) as session:
        row = session.get(Capture, stamped)
        assert row is not None
        row.tsa_token_sha256 = wrong
    output = tmp_path / "bundle.zip"
    with pytest.raises(ExportError, match=f"capture {stamped}: its timestamp token does not verify"):
        export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    assert not output.exists()
    assert not [e for e in world.ctx.custody.events() if e.action == "exported"], "refused before logging"
    export_bundle(
        world.ctx, output=output, listing_ids=[world.listings["ivory"]], allow_unverified_timestamps=True
    )
    report = verify_bundle(output)
    assert [(c.name, c.file) for c in report.failures] == [
        ("timestamp", f"data/captures/{stamped}/manifest.tsr")
    ]


def test_cli_export_refuses_an_unverifiable_token(
    world: World, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str
) -> None:
    from evidence.timestamp import make_request
    from storage.models import Capture

    stamped = world.captures[world.listings["ivory"]][0]
    wrong = world.ctx.store.put_bytes(tsa.issue_token(make_request(b"another manifest"))).sha256
    with transaction(world.ctx.factory) as session:
        row = session.get(Capture, stamped)
        assert row is not None
        row.tsa_token_sha256 = wrong
    config = write_config(world, tmp_path, db_url, tsa, tsa_url)
    output = tmp_path / "bundle.zip"
    refused = run_cli(config, "export", "--listing", str(world.listings["ivory"]), "--output", str(output))
    assert refused.exit_code == 1 and stamped in refused.stderr and "--allow-unverified" in refused.stderr
    allowed = run_cli(
        config,
        "export",
        "--listing",
        str(world.listings["ivory"]),
        "--output",
        str(output),
        "--allow-unverified-timestamps",
    )
    assert allowed.exit_code == 0, allowed.stderr


# -- a failed export ---------------------------------------------------------------------------


def test_failed_export_is_recorded_and_cleaned_up(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evidence.bundle import export as export_module

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".ecowarden-bundle-stale"
    (stale / "bag").mkdir(parents=True)
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    running = out / ".ecowarden-bundle-running"
    running.mkdir()

    def disk_full(*_args: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_write_zip", disk_full)
    output = out / "bundle.zip"
    with pytest.raises(ExportError, match="No space left"):
        export_bundle(world.ctx, output=output, listing_ids=[world.listings["pangolin"]])
    assert sorted(p.name for p in out.iterdir()) == [".ecowarden-bundle-running"], (
        "stale and own staging gone"
    )
    events = list(world.ctx.custody.events())
    exported = [e for e in events if e.action == "exported"]
    failed = [e for e in events if e.action == "annotated"]
    assert len(exported) == 1 and len(failed) == 1
    assert failed[0].subject == exported[0].subject
    assert failed[0].details["export_failed"] == exported[0].details["bundle_id"]
    assert "No space left" in failed[0].details["error"]
    assert world.ctx.custody.verify() == []


# -- WARC checks -------------------------------------------------------------------------------


def test_check_warc_catches_truncation_and_missing_digests(tmp_path: Path) -> None:
    import gzip

    from evidence.warc import check_warc

    good = make_warc("https://market.example/x", b"<html>" + b"listing " * 2000 + b"</html>")
    path = tmp_path / "capture.warc.gz"
    path.write_bytes(good)
    assert check_warc(path) == []
    for cut in (10, len(good) // 2, len(good) - 5):
        path.write_bytes(good[:cut])
        problems = check_warc(path)
        assert problems and any("truncated" in p for p in problems), (cut, problems)
    plain = gzip.decompress(good)
    path = tmp_path / "capture.warc"
    path.write_bytes(plain[:-3])
    assert any("truncated" in p for p in check_warc(path))
    path.write_bytes(plain.replace(b"WARC-Block-Digest:", b"X-Nothing-Here:   "))
    problems = check_warc(path)
    assert len([p for p in problems if "no WARC-Block-Digest" in p]) == 4
    path.write_bytes(plain.replace(b"WARC-Block-Digest: sha256:", b"WARC-Block-Digest: sha256:A"))
    assert any("unreadable digest" in p for p in check_warc(path))


def test_check_warc_requires_warcinfo_first_and_a_response(tmp_path: Path) -> None:
    from evidence.warc import check_warc

    out = io.BytesIO()
    warc = CaptureWarc(out, "only-resources.warc.gz")
    warc.warcinfo({"software": "test"})
    warc.resource(Resource("urn:x", "image/png", b"png"))
    path = tmp_path / "only-resources.warc.gz"
    path.write_bytes(out.getvalue())
    assert check_warc(path) == ["no response record"]
    out = io.BytesIO()
    warc = CaptureWarc(out, "no-info.warc.gz")
    warc.exchange(
        HttpExchange(
            "https://x.example/",
            b"GET / HTTP/1.1\r\nHost: x.example\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n\r\n",
            b"hi",
        )
    )
    path.write_bytes(out.getvalue())
    assert any("not warcinfo" in p for p in check_warc(path))


def test_check_warc_hashes_a_compressed_body_without_inflating_it(tmp_path: Path) -> None:
    """A gzip bomb as the HTTP body is hashed as stored; its Content-Encoding is never decoded."""
    import gzip

    from evidence.warc import check_warc

    bomb = gzip.compress(b"\0" * (16 << 20), compresslevel=9)
    out = io.BytesIO()
    warc = CaptureWarc(out, "bomb.warc.gz")
    warc.warcinfo({"software": "test"})
    warc.exchange(
        HttpExchange(
            "https://x.example/",
            b"GET / HTTP/1.1\r\nHost: x.example\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
            bomb,
        )
    )
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(out.getvalue())
    real_decompressobj = zlib.decompressobj
    inflated = 0

    class Counting:
        def __init__(self, *args: int) -> None:
            self._inner = real_decompressobj(*args)

        def __getattr__(self, name: str) -> object:
            return getattr(self._inner, name)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            nonlocal inflated
            result = self._inner.decompress(data, max_length)
            inflated += len(result)
            return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zlib, "decompressobj", Counting)
        assert check_warc(path) == []
    assert inflated < len(bomb) + 4096, "only the WARC's own gzip was inflated"


# -- extraction limits -------------------------------------------------------------------------


def test_zip_with_a_file_and_a_folder_of_the_same_name(tmp_path: Path) -> None:
    for names in (("data/a", "data/a/b"), ("data/a/b", "data/a")):
        bundle = tmp_path / "clash.zip"
        with zipfile.ZipFile(bundle, "w") as archive:
            archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
            for name in names:
                archive.writestr(name, "x")
        with pytest.raises(BundleFormatError, match="both a file and a folder"):
            verify_bundle(bundle)
        bundle.unlink()


def test_extraction_limit_follows_free_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from evidence.bundle import unzip as unzip_module

    free = 200_000
    monkeypatch.setattr(
        unzip_module.shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(10**9, 10**9 - free, free)
    )
    limit, why = unzip_module.extraction_limit(tmp_path)
    assert limit == free - free // 10 and "free space" in why
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bagit.txt", "BagIt-Version: 0.97\n")
        archive.writestr("data/zeros", b"\0" * 500_000)
    with pytest.raises(BundleFormatError, match="free space") as info:
        verify_bundle(big)
    assert "TMPDIR" in str(info.value)
    monkeypatch.undo()
    assert unzip_module.extraction_limit(tmp_path)[0] <= unzip_module.MAX_TOTAL_BYTES


def test_the_result_page_an_offer_was_found_on_travels_with_it(world: World, tmp_path: Path) -> None:
    """A listing a search crawl found: the bundle says which term of which list found it, on
    which result page, and holds that page's bytes, covered by the manifests like the rest."""
    from storage.term_rows import TermRow
    from storage.watchlists import SearchPageRecord, WatchlistStore

    page = b"<html><body><a href='https://market.example/ivory'>Ivory</a></body></html>"
    sha = world.ctx.store.put_bytes(page).sha256
    lists = WatchlistStore(world.ctx.factory)
    lists.add("interpol", [TermRow("ivory", "en", "wildlife", 1)], by="test")
    term_id = lists.terms("interpol")[0].id
    with world.ctx.factory() as session:
        site_id = session.scalar(select(Site.id))
    from storage.listings import ListingStore

    run_id = ListingStore(world.ctx.factory).start_run(int(site_id or 0), "site", [])
    lists.record_pages(
        int(site_id or 0),
        run_id,
        [
            SearchPageRecord(
                id=str(uuid.uuid4()),
                term_id=term_id,
                url="https://market.example/search?q=ivory",
                page=1,
                fetched_at=utcnow(),
                http_status=200,
                result_urls=["https://market.example/ivory"],
                body_sha256=sha,
            )
        ],
    )
    output = tmp_path / "bundle.zip"
    export_bundle(
        world.ctx, output=output, listing_ids=[world.listings["ivory"]], actor="examiner@example.org"
    )
    with zipfile.ZipFile(output) as archive:
        listings = json.loads(archive.read("data/listings.json"))
        (found,) = listings[0]["found_by"]
        assert (found["watchlist"], found["term"], found["rank"], found["page_sha256"]) == (
            "interpol",
            "ivory",
            1,
            sha,
        )
        assert archive.read(f"data/{found['file']}") == page
        assert f"data/{found['file']}" in archive.read("manifest-sha256.txt").decode()
    assert verify_bundle(output).ok


def test_report_tells_not_configured_from_pending(world: World, tmp_path: Path) -> None:
    """A capture taken with no timestamp authority is "not configured", not "pending": the
    report says which, as the verifier does."""
    output = tmp_path / "bundle.zip"
    export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    with zipfile.ZipFile(output) as archive:
        html = archive.read("data/report.html").decode()
    assert "no timestamp authority was configured at capture" in html
    assert "timestamp pending" not in html
