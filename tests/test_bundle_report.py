"""The bundle as a prosecutor gets it: the report's facts per capture, operator and organisation
marked when unset, recipient and purpose in the custody log and bundle, the printed receipt with
the bundle's SHA-256 and its custody entry, bannered presentation copies beside the untouched
originals, and the gap between capture and timestamp in the report and in ``ecowarden verify``.

Captures are made by the real ``record_capture`` from real files (a PNG drawn with Pillow, a PDF
with a classic xref table, a WARC, a ``metadata.json`` shaped like the capturer's), stamped by a
real local RFC 3161 authority; the bundles are checked by our verifier, ``custody verify`` and
``sha256sum``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import uuid
import zipfile
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest

from evidence.audit import audit_custody
from evidence.bundle import export_bundle, verify_bundle
from evidence.bundle.receipt import receipt_path
from evidence.context import EvidenceContext
from evidence.recording import ArtifactFile, CaptureDraft, record_capture
from storage.db import open_database
from storage.types import utcnow
from tests.test_bundle import make_context, make_warc, run_cli, seed_listings
from tests.test_presentation import classic_pdf, screenshot_png
from tests.tsa import LocalTSA

HOST = "capture-host"
#: a capture dated ten minutes back, stamped now (genTime is given to the second)
TEN_MINUTES = r"timestamped (10 min|9 min 5\d s) after capture"


def real_files(capture_id: str, url: str, ctx: EvidenceContext) -> list[ArtifactFile]:
    """The files a browser capture leaves, with a metadata.json shaped like the capturer's."""
    final = url + "?from=search"
    body = b"<html><head><title>Carved ivory</title></head><body>tusk 120 USD</body></html>"
    metadata = {
        "format": "ecowarden-capture-metadata/1",
        "capture_id": capture_id,
        "requested_url": url,
        "http": {"final_url": final, "status": 200, "server_ip": "192.0.2.10"},
        "browser": {
            "final_url": final + "#photos",
            "status": 200,
            "server_ip": "192.0.2.11",
            "title": "Carved ivory tusk <antique>",
            "browser": "Chromium 156.0.7000.1",
        },
        "environment": {"software": ctx.software, "operator": ctx.operator, "host": HOST},
    }
    return [
        ArtifactFile("capture.warc.gz", "application/warc", data=make_warc(url, body)),
        ArtifactFile("screenshot.png", "image/png", data=screenshot_png()),
        ArtifactFile("dom.html", "text/html", data=body),
        ArtifactFile("page.pdf", "application/pdf", data=classic_pdf()),
        ArtifactFile("metadata.json", "application/json", data=json.dumps(metadata).encode()),
    ]


def real_capture(ctx: EvidenceContext, listing_id: int, url: str, offset_s: int = 0) -> str:
    capture_id = str(uuid.uuid4())
    record_capture(
        ctx,
        CaptureDraft(
            capture_id=capture_id,
            url=url,
            captured_at=utcnow() - timedelta(seconds=offset_s),
            artifacts=real_files(capture_id, url, ctx),
            listing_id=listing_id,
            summary={
                "final_url": url + "?from=search",
                "http_status": 200,
                "server_ip": "192.0.2.10",
                "browser_final_url": url + "?from=search#photos",
            },
        ),
    )
    return capture_id


@dataclass
class Scene:
    ctx: EvidenceContext
    listings: dict[str, int]
    #: stamped seconds after capture, ten minutes after, by the OS-account operator
    prompt: str
    late: str
    account: str


def make_scene(db_url: str, workdir: Path, tsa: LocalTSA, tsa_url: str) -> Scene:
    _engine, factory = open_database(db_url)
    ctx = make_context(factory, workdir / "evidence", tsa, tsa_url)
    ids = seed_listings(factory)
    prompt = real_capture(ctx, ids["ivory"], "https://market.example/ivory")
    late = real_capture(ctx, ids["ivory"], "https://market.example/ivory", offset_s=10 * 60)
    account = real_capture(
        replace(ctx, operator=f"root@{HOST}", organisation=""),
        ids["pangolin"],
        "https://market.example/pangolin",
    )
    return Scene(ctx, ids, prompt, late, account)


@pytest.fixture
def scene(tmp_path: Path, tsa: LocalTSA, tsa_url: str) -> Scene:
    return make_scene(f"sqlite:///{tmp_path / 'ecowarden.db'}", tmp_path, tsa, tsa_url)


def export(scene: Scene, output: Path, **options: str) -> None:
    ids = [scene.listings["ivory"], scene.listings["pangolin"]]
    export_bundle(scene.ctx, output=output, listing_ids=ids, **options)  # type: ignore[arg-type]


def read(bundle: Path, name: str) -> bytes:
    with zipfile.ZipFile(bundle) as archive:
        return archive.read(name)


def test_the_report_says_what_the_capture_files_say(
    db_url: str, tmp_path: Path, tsa: LocalTSA, tsa_url: str
) -> None:
    scene = make_scene(db_url, tmp_path, tsa, tsa_url)
    output = tmp_path / "bundle.zip"
    export(scene, output, recipient="DS Ana Ruiz, Wildlife Crime Unit", purpose="Case 2026/117  disclosure")
    html = read(output, "data/report.html").decode()
    for fact in (
        "https://market.example/ivory?from=search",  # final URL (raw fetch)
        "the browser ended at https://market.example/ivory?from=search#photos",
        "192.0.2.10",
        "the browser's: 192.0.2.11",
        "<td>200</td>",
        "Carved ivory tusk &lt;antique&gt;",  # the page title, escaped
        "Chromium 156.0.7000.1",
        "ecowarden/test",
        "analyst@example.org",
        "Wildlife Crime Unit",
        "DS Ana Ruiz, Wildlife Crime Unit",
        "Case 2026/117 disclosure",  # one line: whitespace collapsed
        "model test-1",
        "is not a finding of fact",
        'src="data:image/jpeg;base64,',
        "img-src data:",
        "derived presentation copies",
    ):
        assert fact in html, fact
    assert "<script" not in html.lower()
    # the capture by the fallback account: its operator is marked, its organisation unset
    section = html[html.index(f'Capture <span class="hash">{scene.account}') :]
    assert f'<span class="unset">not set</span>: recorded as root@{HOST}' in section.split("</table>")[0]

    report = verify_bundle(output)
    assert report.ok, report.failures
    gaps = {c.file.split("/")[2]: c for c in report.checks if c.name == "timestamp-gap"}
    assert set(gaps) == {scene.prompt, scene.late, scene.account}
    assert gaps[scene.prompt].result == "pass" and "timestamped " in gaps[scene.prompt].detail
    assert gaps[scene.late].result == "warn" and re.search(TEN_MINUTES, gaps[scene.late].detail)


def test_a_late_timestamp_is_shown_prominently(scene: Scene, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export(scene, output, recipient="Prosecutor")
    html = read(output, "data/report.html").decode()
    alerts = html.count('<p class="alert">')
    assert alerts == 1, "only the capture stamped ten minutes late"
    late = html[html.index(f'Capture <span class="hash">{scene.late}') :]
    assert late.index('<p class="alert">') < late.index("<table>"), "above the capture's facts"
    assert re.search("Timestamp gap: " + TEN_MINUTES, late)
    assert "rests on the capturing machine&#39;s clock" in late


def test_presentation_copies_beside_untouched_originals(scene: Scene, tmp_path: Path) -> None:
    output = tmp_path / "bundle.zip"
    export(scene, output)
    folder = tmp_path / "bag"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder)
    data = folder / "data"
    checkpoint = json.loads((data / "custody/checkpoint.json").read_bytes())
    for capture_id in (scene.prompt, scene.late, scene.account):
        originals = data / "captures" / capture_id
        manifest = json.loads((originals / "manifest.json").read_bytes())
        for artifact in manifest["artifacts"]:  # byte for byte what was signed
            digest = hashlib.sha256((originals / artifact["name"]).read_bytes()).hexdigest()
            assert digest == artifact["sha256"]
        copies = data / "presentation" / capture_id
        assert sorted(p.name for p in copies.iterdir()) == ["page.banner.pdf", "screenshot.banner.png"]
        pdf = (originals / "page.pdf").read_bytes()
        assert (copies / "page.banner.pdf").read_bytes().startswith(pdf)
        for name in ("page.banner.pdf", "screenshot.banner.png"):
            assert f"presentation/{capture_id}/{name}" in checkpoint["files"], "signed like every file"
        assert not (originals / "screenshot.banner.png").exists()
    verify_txt = (data / "VERIFY.txt").read_text()
    assert "derived presentation copies" in verify_txt and "They are not evidence" in verify_txt

    honest = verify_bundle(folder)
    rows = {c.file: c for c in honest.checks if c.name == "presentation"}
    assert honest.ok and len(rows) == 3
    assert "begins with the signed page.pdf byte for byte" in rows[f"data/presentation/{scene.late}/"].detail

    # copies swapped after export fail, though the bag manifests are rebuilt around them
    import bagit

    copies = data / "presentation" / scene.prompt
    (copies / "screenshot.banner.png").write_bytes(screenshot_png(200, 200))
    (copies / "page.banner.pdf").write_bytes(classic_pdf(1))
    bagit.Bag(str(folder)).save(manifests=True)
    report = verify_bundle(folder)
    assert sorted((c.name, c.file) for c in report.failures) == [
        ("presentation", f"data/presentation/{scene.prompt}/page.banner.pdf"),
        ("signed-inventory", f"data/presentation/{scene.prompt}/page.banner.pdf"),
        ("signed-inventory", f"data/presentation/{scene.prompt}/screenshot.banner.png"),
    ]


def test_recipient_purpose_sha256_and_receipt_in_the_custody_log(scene: Scene, tmp_path: Path) -> None:
    output = tmp_path / "case.zip"
    export(scene, output, recipient="Regional Prosecutor's Office", purpose="Request 88/2026", actor="ana")
    summary_sha = hashlib.sha256(output.read_bytes()).hexdigest()
    log = list(scene.ctx.custody.events())
    (published,) = [e for e in log if e.action == "published"]
    assert published.details["sha256"] == summary_sha
    assert published.details["size"] == output.stat().st_size
    assert published.details["recipient"] == "Regional Prosecutor's Office"
    assert published.details["purpose"] == "Request 88/2026"
    exported = [e for e in log if e.action == "exported"]
    assert len(exported) == 3 and all(
        e.details["recipient"] == "Regional Prosecutor's Office" for e in exported
    )
    (started,) = [e for e in log if e.action == "export_started"]
    assert started.details["purpose"] == "Request 88/2026"

    info = read(output, "bag-info.txt").decode()
    assert "Ecowarden-Recipient: Regional Prosecutor's Office" in info
    assert "Ecowarden-Purpose: Request 88/2026" in info
    checkpoint = json.loads(read(output, "data/custody/checkpoint.json"))
    assert checkpoint["recipient"] == "Regional Prosecutor's Office"

    receipt = receipt_path(output)
    assert receipt.name == "case.receipt.txt"
    text = receipt.read_text()
    for line in (
        "Bundle file      case.zip",
        f"SHA-256          {summary_sha}",
        f"Size             {output.stat().st_size} bytes",
        "Operator         analyst@example.org",
        "Recipient        Regional Prosecutor's Office",
        f"Custody entry    seq {published.seq} ('published'), entry hash {published.entry_hash}",
        f"Signing key id   {scene.ctx.key.key_id} (Ed25519)",
        "Received by (name, signature, date):",
    ):
        assert line in text, line
    check = subprocess.run(
        ["sha256sum", "--check", "--strict"],
        input=f"{summary_sha}  {output.name}\n",
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    audit = audit_custody(scene.ctx)
    assert audit.ok, audit.problems
    assert audit.published == 1


def test_unset_operator_organisation_and_recipient_are_marked(scene: Scene, tmp_path: Path) -> None:
    ctx = replace(scene.ctx, operator=f"root@{HOST}", operator_configured=False, organisation="")
    output = tmp_path / "bundle.zip"
    export_bundle(ctx, output=output, listing_ids=[scene.listings["pangolin"]])
    html = read(output, "data/report.html").decode()
    head = html[: html.index("<h2>Listings</h2>")]
    assert (
        f'<span class="unset">not set</span> (evidence.operator); the export ran as the account root@{HOST}'
        in head
    )
    assert '<span class="unset">not set</span> (evidence.organisation)' in head
    assert '<span class="unset">not recorded</span> (ecowarden export --recipient)' in head
    assert ".unset { color: #b00000" in html
    text = receipt_path(output).read_text()
    assert f"NOT SET (evidence.operator; the installation runs as root@{HOST})" in text
    assert "Recipient        NOT SET" in text
    verify_txt = read(output, "data/VERIFY.txt").decode()
    assert "Operator: not set (evidence.operator)" in verify_txt and "Recipient: not recorded" in verify_txt
    assert verify_bundle(output).ok


def write_config(scene: Scene, tmp_path: Path, tsa: LocalTSA, tsa_url: str, operator: bool = True) -> Path:
    config = tmp_path / "ecowarden.toml"
    db = scene.ctx.evidence_dir.parent / "ecowarden.db"
    config.write_text(
        "[database]\n"
        f'url = "sqlite:///{db}"\n'
        "[evidence]\n"
        f'dir = "{scene.ctx.evidence_dir}"\n'
        + ('operator = "cli-analyst@example.org"\norganisation = "Wildlife Crime Unit"\n' if operator else "")
        + f'tsa_url = "{tsa_url}"\n'
        f'tsa_certificate = "{tsa.cert_path}"\n'
        f'tsa_root = "{tsa.root_path}"\n'
    )
    return config


def test_cli_export_records_recipient_and_warns_without(
    scene: Scene, tmp_path: Path, tsa: LocalTSA, tsa_url: str
) -> None:
    config = write_config(scene, tmp_path, tsa, tsa_url)
    output = tmp_path / "out.zip"
    pangolin = str(scene.listings["pangolin"])
    result = run_cli(
        config, "export", "--listing", pangolin, "--output", str(output), "--recipient", "DS Ruiz",
        "--purpose", "disclosure", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["sha256"] == hashlib.sha256(output.read_bytes()).hexdigest()
    assert summary["recipient"] == "DS Ruiz" and summary["purpose"] == "disclosure"
    assert summary["receipt"] == str(receipt_path(output)) and "warning" not in result.stderr
    published = [e for e in scene.ctx.custody.events() if e.action == "published"][-1]
    assert summary["custody"]["published_seq"] == published.seq
    assert published.details["sha256"] == summary["sha256"] and published.actor == "cli-analyst@example.org"

    unnamed = write_config(scene, tmp_path, tsa, tsa_url, operator=False)
    bare = run_cli(unnamed, "export", "--listing", pangolin, "--output", str(tmp_path / "bare.zip"))
    assert bare.exit_code == 0, bare.stderr
    for warned in ("no --recipient", "no --purpose", "evidence.operator is not set", "evidence.organisation"):
        assert f"ecowarden: warning: {warned}" in bare.stderr, warned
    assert "receipt " in bare.stdout and "custody entry seq" in bare.stdout
    html = read(tmp_path / "bare.zip", "data/report.html").decode()
    assert '<span class="unset">not set</span> (evidence.operator)' in html

    verified = run_cli(None, "verify", str(output))
    assert verified.exit_code == 0 and "timestamp-gap" in verified.stdout
    too_long = run_cli(config, "export", "--listing", pangolin, "--output", str(tmp_path / "x.zip"),
                       "--recipient", "x" * 201)  # fmt: skip
    assert too_long.exit_code == 2 and "at most 200" in too_long.stderr


def test_cli_json_for_key_and_case_commands(
    scene: Scene, tmp_path: Path, tsa: LocalTSA, tsa_url: str
) -> None:
    config = write_config(scene, tmp_path, tsa, tsa_url)
    shown = run_cli(config, "key", "show", "--json")
    assert shown.exit_code == 0, shown.stderr
    key = json.loads(shown.stdout)
    assert key["key_id"] == scene.ctx.key.key_id and key["algorithm"] == "Ed25519"
    assert key["public_key_pem"].encode() == scene.ctx.key.public_key_pem()
    target = tmp_path / "key.pem"
    exported = run_cli(config, "key", "export", "--output", str(target), "--json")
    assert exported.exit_code == 0 and json.loads(exported.stdout) == {
        "key_id": scene.ctx.key.key_id,
        "output": str(target),
    }
    created = run_cli(config, "case", "create", "Op Tusk", "--description", "ivory", "--json")
    assert created.exit_code == 0 and json.loads(created.stdout)["name"] == "Op Tusk"
    added = run_cli(config, "case", "add", "Op Tusk", str(scene.listings["ivory"]), "--json")
    assert added.exit_code == 0 and json.loads(added.stdout) == {"case": "Op Tusk", "added": 1}
    listed = run_cli(config, "case", "list", "--json")
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Op Tusk"]
