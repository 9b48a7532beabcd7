"""Tampered bundles fail verification, and the report names the file that was touched.

Each attack starts from one honest bundle (exported once for the module) unpacked into a fresh
folder. Many are repeated "with re-bagging": the attacker recomputes every BagIt manifest after
the edit, as anyone can, so only the deeper checks (signatures, timestamps, the custody chain,
the signed checkpoint) are left to catch it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bagit
import pytest

from evidence.bundle import VerificationReport, export_bundle, layout, verify_bundle
from evidence.bundle.wacz import WaczArchive, WaczPage, write_wacz
from evidence.canonical import canonical_json
from evidence.chain import Event
from evidence.manifest import Manifest, sign_manifest
from evidence.signing import InstallationKey, installation_key
from evidence.timestamp import make_request
from tests.test_bundle import World, build_world
from tests.tsa import LocalTSA

logging.getLogger("bagit").setLevel(logging.ERROR)


@dataclass
class Exported:
    bundle: Path
    world: World
    tsa: LocalTSA
    stamped: str
    pending: str
    other: str


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    workdir = tmp_path_factory.mktemp("tamper")
    tsa = LocalTSA(workdir / "tsa")
    with tsa.serve() as url:
        world = build_world(f"sqlite:///{workdir / 'db.sqlite'}", workdir, tsa, url)
        bundle = workdir / "bundle.zip"
        export_bundle(world.ctx, output=bundle, listing_ids=sorted(world.captures))
        stamped, pending = world.captures[world.listings["ivory"]]
        (other,) = world.captures[world.listings["pangolin"]]
        yield Exported(bundle, world, tsa, stamped, pending, other)


@pytest.fixture
def bag(exported: Exported, tmp_path: Path) -> Path:
    target = tmp_path / "bag"
    with zipfile.ZipFile(exported.bundle) as archive:
        archive.extractall(target)
    return target


def rebag(folder: Path) -> None:
    """What a careful tamperer does after editing: recompute every BagIt manifest."""
    bagit.Bag(str(folder)).save(manifests=True)
    assert bagit.Bag(str(folder)).is_valid(), "the re-bagged bag must pass bagit on its own"


def check(folder: Path, tmp_path: Path) -> VerificationReport:
    """Zip the folder as a bundle again and verify it."""
    bundle = tmp_path / "tampered.zip"
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return verify_bundle(bundle)


def failed(report: VerificationReport) -> set[tuple[str, str]]:
    assert not report.ok
    return {(c.name, c.file) for c in report.failures}


def deep_failures(report: VerificationReport) -> set[tuple[str, str]]:
    """Failures that are not BagIt's: what still catches a re-bagged edit."""
    return {(name, file) for name, file in failed(report) if not name.startswith("bag-")}


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_untouched_copy_passes(bag: Path, tmp_path: Path) -> None:
    assert check(bag, tmp_path).ok


CAPTURE_FILES = [
    "capture.warc.gz",
    "screenshot.png",
    "dom.html",
    "page.pdf",
    "metadata.json",
    "manifest.json",
    "manifest.sig.json",
    "manifest.tsr",
]
BUNDLE_FILES = [
    "custody/events.jsonl",
    "custody/chain.jsonl",
    "custody/checkpoint.json",
    "custody/checkpoint.sig.json",
    "keys/ed25519-public.pem",
    "tsa/tsa.pem",
    "tsa/root.pem",
    "listings.json",
    "report.html",
    "VERIFY.txt",
]


@pytest.mark.parametrize("rebagged", [False, True], ids=["plain", "rebagged"])
@pytest.mark.parametrize("kind", CAPTURE_FILES + BUNDLE_FILES)
def test_changed_byte_is_caught_and_named(
    exported: Exported, bag: Path, tmp_path: Path, kind: str, rebagged: bool
) -> None:
    relative = f"captures/{exported.stamped}/{kind}" if kind in CAPTURE_FILES else kind
    flip_byte(bag / "data" / relative)
    if rebagged:
        rebag(bag)
    report = check(bag, tmp_path)
    named = {file for _name, file in failed(report)}
    assert f"data/{relative}" in named, report.failures
    if rebagged:
        assert f"data/{relative}" in {file for _name, file in deep_failures(report)}
    else:
        assert ("bag-payload", f"data/{relative}") in failed(report)


@pytest.mark.parametrize("rebagged", [False, True], ids=["plain", "rebagged"])
def test_deleted_file_is_caught(exported: Exported, bag: Path, tmp_path: Path, rebagged: bool) -> None:
    relative = f"data/captures/{exported.other}/page.pdf"
    (bag / relative).unlink()
    if rebagged:
        rebag(bag)
    failures = failed(check(bag, tmp_path))
    assert ("artifact", relative) in failures and ("signed-inventory", relative) in failures
    if not rebagged:
        assert ("bag-payload", relative) in failures


@pytest.mark.parametrize("rebagged", [False, True], ids=["plain", "rebagged"])
@pytest.mark.parametrize("where", ["data/extra.txt", "data/captures/{capture}/extra.bin"])
def test_added_payload_file_is_caught(
    exported: Exported, bag: Path, tmp_path: Path, where: str, rebagged: bool
) -> None:
    relative = where.format(capture=exported.other)
    (bag / relative).write_bytes(b"planted")
    if rebagged:
        rebag(bag)
    failures = failed(check(bag, tmp_path))
    assert ("signed-inventory", relative) in failures
    if not rebagged:
        assert ("bag-payload", relative) in failures
    if "captures" in relative:
        assert ("artifact", relative) in failures


def test_added_top_level_file_is_caught(bag: Path, tmp_path: Path) -> None:
    (bag / "notes.txt").write_text("planted")
    assert ("bag-tags", "notes.txt") in failed(check(bag, tmp_path))


def test_edited_tag_file_is_caught(bag: Path, tmp_path: Path) -> None:
    info = bag / "bag-info.txt"
    info.write_text(info.read_text().replace("Wildlife Crime Unit", "Somebody Else"))
    assert ("bag-tags", "bag-info.txt") in failed(check(bag, tmp_path))


def _edit_events(bag: Path, edit: object) -> None:
    path = bag / "data/custody/events.jsonl"
    lines = path.read_text().splitlines()
    lines = edit(lines)  # type: ignore[operator]
    path.write_text("".join(line + "\n" for line in lines))


def _change_actor(lines: list[str]) -> list[str]:
    entry = json.loads(lines[0])
    entry["actor"] = "mallory@example.org"
    return [json.dumps(entry), *lines[1:]]


EVENTS = "data/custody/events.jsonl"


def test_edited_custody_entry_is_caught(bag: Path, tmp_path: Path) -> None:
    _edit_events(bag, _change_actor)
    failures = failed(check(bag, tmp_path))
    assert ("bag-payload", EVENTS) in failures and ("custody-entries", EVENTS) in failures


def test_edited_custody_entry_is_caught_after_rebagging(bag: Path, tmp_path: Path) -> None:
    _edit_events(bag, _change_actor)
    rebag(bag)
    failures = deep_failures(check(bag, tmp_path))
    assert ("custody-entries", EVENTS) in failures and ("signed-inventory", EVENTS) in failures


def test_edited_custody_entry_with_recomputed_hash_is_caught(bag: Path, tmp_path: Path) -> None:
    from evidence.chain import Event

    def forge(lines: list[str]) -> list[str]:
        event = Event.from_json(json.loads(lines[0]))
        forged = Event(**{**event.__dict__, "actor": "mallory@example.org"})
        forged = Event(**{**forged.__dict__, "entry_hash": forged.compute_hash()})
        return [json.dumps(forged.to_json()), *lines[1:]]

    _edit_events(bag, forge)
    rebag(bag)
    failures = deep_failures(check(bag, tmp_path))
    assert ("custody-excerpt", EVENTS) in failures, "the forged entry no longer matches its chain row"
    assert ("custody-entries", EVENTS) not in failures, "its own hash was recomputed"


def test_reordered_custody_entries_are_caught(bag: Path, tmp_path: Path) -> None:
    _edit_events(bag, lambda lines: [lines[1], lines[0], *lines[2:]])
    rebag(bag)
    failures = deep_failures(check(bag, tmp_path))
    assert ("custody-entries", EVENTS) in failures


def test_reordered_chain_rows_are_caught(bag: Path, tmp_path: Path) -> None:
    path = bag / "data/custody/chain.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join([lines[1], lines[0], *lines[2:]]))
    rebag(bag)
    assert ("custody-chain", "data/custody/chain.jsonl") in deep_failures(check(bag, tmp_path))


def test_removed_custody_entry_is_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    subject = f"capture:{exported.other}"
    _edit_events(bag, lambda lines: [line for line in lines if json.loads(line)["subject"] != subject])
    rebag(bag)
    assert ("custody-capture", EVENTS) in deep_failures(check(bag, tmp_path))


def test_swapped_signatures_are_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    first = bag / f"data/captures/{exported.stamped}/manifest.sig.json"
    second = bag / f"data/captures/{exported.other}/manifest.sig.json"
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    rebag(bag)
    failures = deep_failures(check(bag, tmp_path))
    assert ("signature", f"data/captures/{exported.stamped}/manifest.sig.json") in failures
    assert ("signature", f"data/captures/{exported.other}/manifest.sig.json") in failures


def test_token_over_other_data_is_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    relative = f"data/captures/{exported.stamped}/manifest.tsr"
    (bag / relative).write_bytes(exported.tsa.issue_token(make_request(b"some other manifest")))
    rebag(bag)
    report = check(bag, tmp_path)
    assert ("timestamp", relative) in deep_failures(report)
    detail = next(c.detail for c in report.failures if c.name == "timestamp")
    assert "imprint" in detail


def test_token_moved_to_another_capture_is_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    source = bag / f"data/captures/{exported.stamped}/manifest.tsr"
    relative = f"data/captures/{exported.pending}/manifest.tsr"
    shutil.copy(source, bag / relative)
    rebag(bag)
    assert ("timestamp", relative) in deep_failures(check(bag, tmp_path))


def _tamper_warc(path: Path) -> None:
    """Change the archived response body (same length) and re-gzip record by record, as a
    careful forger would, so the file still reads as a WARC."""
    raw = gzip.decompress(path.read_bytes())
    assert b"price 120 USD" in raw
    raw = raw.replace(b"price 120 USD", b"price 999 USD")
    starts = [i for i in range(len(raw)) if raw.startswith(b"WARC/1.1\r\n", i)]
    members = [raw[a:b] for a, b in zip(starts, [*starts[1:], len(raw)], strict=True)]
    path.write_bytes(b"".join(gzip.compress(member) for member in members))


def test_tampered_warc_record_is_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    relative = f"data/captures/{exported.other}/capture.warc.gz"
    _tamper_warc(bag / relative)
    rebag(bag)
    report = check(bag, tmp_path)
    failures = deep_failures(report)
    assert ("warc", relative) in failures and ("artifact", relative) in failures
    detail = next(c.detail for c in report.failures if c.name == "warc")
    assert "digest" in detail.lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _json_lines(rows: list[dict[str, Any]]) -> str:
    return "".join(canonical_json(row).decode() + "\n" for row in rows)


def rebuild_replay(data: Path) -> None:
    """What a careful forger does after removing a capture: rebuild the replay package from the
    WARCs that are left (with ecowarden's own writer, which anyone can run)."""
    warcs = sorted(data.glob("captures/*/*.warc.gz"))
    archives = [WaczArchive(f"{warc.parent.name}-{warc.name}", warc) for warc in warcs]
    pages = [WaczPage(warc.parent.name, "http://127.0.0.1/", "2026-01-01T00:00:00Z") for warc in warcs]
    with (data / layout.REPLAY).open("wb") as out:
        write_wacz(out, archives, pages, title="rebuilt", created=datetime.now(UTC), software="forger")


def forge_with_another_key(bag: Path, exported: Exported, key: InstallationKey) -> None:
    """The full forgery: change a file of the unstamped capture, rewrite its manifest, re-sign
    every manifest and the checkpoint with ``key``, rebuild the custody entries and chain, swap
    the public key, edit bag-info and re-bag. Stamped manifests stay byte-identical, as they
    must or their RFC 3161 tokens fail; so they still name the genuine key id."""
    data = bag / "data"
    (data / f"captures/{exported.pending}/page.pdf").write_bytes(b"%PDF-1.4\n% forged page\n%%EOF\n")
    manifests: dict[str, tuple[bytes, Manifest]] = {}
    for folder in sorted((data / "captures").iterdir()):
        raw = (folder / "manifest.json").read_bytes()
        if not (folder / "manifest.tsr").exists():
            manifest = Manifest.from_bytes(raw)
            artifacts = tuple(
                replace(a, sha256=_sha256(folder / a.name), size=(folder / a.name).stat().st_size)
                for a in manifest.artifacts
            )
            metadata = {**manifest.metadata, "signing_key_id": key.key_id}
            raw = replace(manifest, artifacts=artifacts, metadata=metadata).manifest_bytes()
            (folder / "manifest.json").write_bytes(raw)
        (folder / "manifest.sig.json").write_bytes(canonical_json(sign_manifest(raw, key).to_json()))
        manifests[folder.name] = (raw, Manifest.from_bytes(raw))

    events = {}
    for line in (data / "custody/events.jsonl").read_text().splitlines():
        event = Event.from_json(json.loads(line))
        if event.action == "captured":
            raw, manifest = manifests[event.subject.removeprefix("capture:")]
            details = {
                **event.details,
                "signing_key_id": key.key_id,
                "manifest_sha256": hashlib.sha256(raw).hexdigest(),
                "artifacts": {a.name: a.sha256 for a in manifest.artifacts},
            }
            event = replace(event, details=details)
        events[event.seq] = event
    chain = [json.loads(line) for line in (data / "custody/chain.jsonl").read_text().splitlines()]
    previous = chain[0]["prev_hash"]
    rows = []
    for row in chain:
        entry_hash = row["entry_hash"]  # an entry the excerpt leaves out: only its link changes
        if row["seq"] in events:
            event = replace(events[row["seq"]], prev_hash=previous)
            event = replace(event, entry_hash=event.compute_hash())
            events[row["seq"]] = event
            entry_hash = event.entry_hash
        rows.append({"seq": row["seq"], "prev_hash": previous, "entry_hash": entry_hash})
        previous = entry_hash
    (data / "custody/events.jsonl").write_text(_json_lines([e.to_json() for _s, e in sorted(events.items())]))
    (data / "custody/chain.jsonl").write_text(_json_lines(rows))

    rebuild_replay(data)
    (data / "keys/ed25519-public.pem").write_bytes(key.public_key_pem())
    original = exported.world.ctx.key.key_id
    checkpoint = json.loads((data / "custody/checkpoint.json").read_bytes())
    checkpoint["signing_key_id"] = key.key_id
    checkpoint["head"]["entry_hash"] = previous
    checkpoint["bag_info"]["Ecowarden-Signing-Key-Id"] = key.key_id
    listed = [
        p
        for p in sorted(data.rglob("*"))
        if p.is_file() and p.relative_to(data).as_posix() not in layout.UNLISTED
    ]
    checkpoint["files"] = {p.relative_to(data).as_posix(): _sha256(p) for p in listed}
    checkpoint["sizes"] = {p.relative_to(data).as_posix(): p.stat().st_size for p in listed}
    raw = canonical_json(checkpoint)
    (data / "custody/checkpoint.json").write_bytes(raw)
    (data / "custody/checkpoint.sig.json").write_bytes(canonical_json(sign_manifest(raw, key).to_json()))
    info = bag / "bag-info.txt"
    info.write_text(info.read_text().replace(original, key.key_id))
    rebag(bag)


def test_bundle_re_signed_with_another_key_is_caught(exported: Exported, bag: Path, tmp_path: Path) -> None:
    """Re-signing everything with another key leaves a self-consistent bundle, except that the
    stamped manifest (fixed in time by its token) names the genuine key; and pinning the signer
    catches it outright."""
    other = installation_key(tmp_path / "other-installation")
    original = exported.world.ctx.key.key_id
    assert other.key_id != original
    forge_with_another_key(bag, exported, other)

    report = check(bag, tmp_path)
    stamped = {f"data/captures/{capture}/manifest.json" for capture in (exported.stamped, exported.other)}
    assert failed(report) == {("custody-key", EVENTS)} | {("manifest-key", m) for m in stamped}
    assert report.signing_key_id == other.key_id
    signer = next(c for c in report.checks if c.name == "signing-key")
    assert signer.result == "warn" and signer.file == "data/keys/ed25519-public.pem"
    assert "signer identity not established" in signer.detail and other.key_id in signer.detail
    assert original in next(c.detail for c in report.failures if c.name == "manifest-key")

    pinned = verify_bundle(tmp_path / "tampered.zip", expected_key_id=original)
    assert ("signing-key", "data/keys/ed25519-public.pem") in failed(pinned)
    assert not pinned.signer_pinned


def test_re_signed_bundle_without_stamped_captures_needs_the_pinned_key(
    exported: Exported, bag: Path, tmp_path: Path
) -> None:
    """Without a token to anchor the key id in time, only the pin (or comparing the printed key
    id) can tell: unpinned it is a warning, never a plain pass."""
    stamped = {exported.stamped, exported.other}
    checkpoint = json.loads((bag / "data/custody/checkpoint.json").read_bytes())
    for capture in stamped:
        shutil.rmtree(bag / f"data/captures/{capture}")
        checkpoint["captures"].remove(capture)
    (bag / "data/custody/checkpoint.json").write_bytes(canonical_json(checkpoint))
    events = bag / "data/custody/events.jsonl"
    subjects = {f"capture:{capture}" for capture in stamped}
    kept = [line for line in events.read_text().splitlines() if json.loads(line)["subject"] not in subjects]
    events.write_text("".join(line + "\n" for line in kept))
    forge_with_another_key(bag, exported, installation_key(tmp_path / "other-installation"))

    report = check(bag, tmp_path)
    assert report.ok, report.failures
    assert [c.name for c in report.warnings if c.name == "signing-key"] == ["signing-key"]
    pinned = verify_bundle(tmp_path / "tampered.zip", expected_key_id=exported.world.ctx.key.key_id)
    assert failed(pinned) == {("signing-key", "data/keys/ed25519-public.pem")}


@pytest.mark.parametrize(
    ("tag", "value"),
    [
        ("Source-Organization", "Somebody Else"),
        ("Contact-Name", "mallory@example.org"),
        ("Bagging-Date", "1999-01-01"),
        ("Ecowarden-Case", "Operation Elsewhere"),
    ],
)
def test_edited_bag_info_is_caught_after_rebagging(bag: Path, tmp_path: Path, tag: str, value: str) -> None:
    info = bag / "bag-info.txt"
    lines = [line for line in info.read_text().splitlines() if not line.startswith(f"{tag}:")]
    info.write_text("\n".join([*lines, f"{tag}: {value}"]) + "\n")
    rebag(bag)
    report = check(bag, tmp_path)
    assert failed(report) == {("bag-info", "bag-info.txt")}
    assert tag in report.failures[0].detail


@pytest.mark.parametrize(
    "target",
    [
        "data/captures/{capture}/manifest.json",
        "data/captures/{capture}/manifest.sig.json",
        "data/custody/checkpoint.sig.json",
        "data/custody/checkpoint.json",
    ],
)
def test_json_arrays_are_failures_not_crashes(
    exported: Exported, bag: Path, tmp_path: Path, target: str
) -> None:
    relative = target.format(capture=exported.stamped)
    (bag / relative).write_text("[1, 2, 3]")
    rebag(bag)
    assert relative in {file for _name, file in failed(check(bag, tmp_path))}


def test_non_utf8_bag_info_is_a_failure_not_a_crash(bag: Path, tmp_path: Path) -> None:
    info = bag / "bag-info.txt"
    info.write_bytes(info.read_bytes() + b"Contact-Name: \xff\xfe caf\xe9\n")
    report = check(bag, tmp_path)
    assert ("bag-structure", "bag-info.txt") in failed(report)


def test_cli_reports_malformed_files(exported: Exported, bag: Path, tmp_path: Path) -> None:
    from tests.test_bundle import run_cli

    (bag / f"data/captures/{exported.other}/manifest.json").write_text("[]")
    (bag / "data/custody/checkpoint.sig.json").write_text('["not", "a", "record"]')
    info = bag / "bag-info.txt"
    info.write_bytes(info.read_bytes() + b"X-Note: \xff\n")
    check(bag, tmp_path)
    bundle = str(tmp_path / "tampered.zip")
    table = run_cli(None, "verify", bundle)
    assert table.exit_code == 1 and "Traceback" not in table.stdout + table.stderr
    assert "checkpoint.sig.json" in table.stdout and "FAILED" in table.stderr
    as_json = run_cli(None, "verify", bundle, "--json")
    assert as_json.exit_code == 1
    files = {c["file"] for c in json.loads(as_json.stdout)["checks"] if c["result"] == "FAIL"}
    assert {"bag-info.txt", f"data/captures/{exported.other}/manifest.json"} <= files
    assert "data/custody/checkpoint.sig.json" in files


def test_report_guards_every_check(
    exported: Exported, bag: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a check raises on a malformed file becomes a failure naming that file."""
    from evidence.bundle import check_captures

    def boom(*_args: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(check_captures, "_check_timestamp", boom)
    report = check(bag, tmp_path)
    failure = next(c for c in report.failures if c.name == "timestamp")
    assert failure.file.endswith("manifest.tsr") and "parser exploded" in failure.detail


def _rewrite_replay(
    bag: Path, edit: Any, *, relist: bool = True, compression: int = zipfile.ZIP_STORED
) -> None:
    """Rewrite data/replay.wacz with ``edit`` applied to its members; with ``relist`` the data
    package's hashes and digest are recomputed, so only the deeper checks can catch the edit."""
    path = bag / "data" / layout.REPLAY
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    edit(members)
    if relist:
        datapackage = json.loads(members["datapackage.json"])
        for resource in datapackage["resources"]:
            data = members[resource["path"]]
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            resource["bytes"] = len(data)
        members["datapackage.json"] = json.dumps(datapackage).encode()
        digest = {
            "path": "datapackage.json",
            "hash": "sha256:" + hashlib.sha256(members["datapackage.json"]).hexdigest(),
        }
        members["datapackage-digest.json"] = json.dumps(digest).encode()
    with zipfile.ZipFile(path, "w", compression=compression) as package:
        for name, data in members.items():
            package.writestr(name, data)


def _flip_first_warc(members: dict[str, bytes]) -> None:
    name = next(n for n in members if n.startswith("archive/"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x01
    members[name] = bytes(data)


def _index_past_the_end(members: dict[str, bytes]) -> None:
    key, stamp, fields = members["indexes/index.cdx"].decode().splitlines()[0].split(" ", 2)
    entry = json.loads(fields)
    entry["offset"] = str(10**9)
    members["indexes/index.cdx"] = f"{key} {stamp} {json.dumps(entry)}\n".encode()


def _plant(members: dict[str, bytes]) -> None:
    members["archive/planted.warc.gz"] = b"planted"


def _retitle(members: dict[str, bytes]) -> None:
    members["datapackage.json"] = members["datapackage.json"].replace(b'"title"', b'"title": "x", "t"', 1)


@pytest.mark.parametrize(
    ("edit", "relist", "compression", "expected"),
    [
        (_flip_first_warc, True, zipfile.ZIP_STORED, "is not a WARC any signed capture manifest lists"),
        (_index_past_the_end, True, zipfile.ZIP_STORED, "points outside the package's WARCs"),
        (_plant, False, zipfile.ZIP_STORED, "is in the package but not in datapackage.json"),
        (_retitle, False, zipfile.ZIP_STORED, "datapackage-digest.json does not match"),
        (lambda members: None, True, zipfile.ZIP_DEFLATED, "is compressed"),
    ],
    ids=["edited-warc", "index-outside", "unlisted-member", "digest", "deflated"],
)
def test_replay_package_must_hold_the_signed_warcs(
    bag: Path, tmp_path: Path, edit: Any, relist: bool, compression: int, expected: str
) -> None:
    """The replay package is for display, but it must display the evidence: a WACZ rebuilt by
    hand, consistent with its own data package, still fails when it holds anything else."""
    _rewrite_replay(bag, edit, relist=relist, compression=compression)
    rebag(bag)
    report = check(bag, tmp_path)
    replay = [c for c in report.failures if c.name == "replay"]
    assert len(replay) == 1 and expected in replay[0].detail, report.failures
    # the checkpoint lists the package's SHA-256 too: the edit is caught twice
    assert ("signed-inventory", f"data/{layout.REPLAY}") in failed(report)
