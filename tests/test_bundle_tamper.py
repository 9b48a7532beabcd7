"""Tampered bundles fail verification, and the report names the file that was touched.

Each attack starts from one honest bundle (exported once for the module) unpacked into a fresh
folder. Many are repeated "with re-bagging": the attacker recomputes every BagIt manifest after
the edit, as anyone can, so only the deeper checks (signatures, timestamps, the custody chain,
the signed checkpoint) are left to catch it.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bagit
import pytest

from evidence.bundle import VerificationReport, export_bundle, verify_bundle
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


def test_replaced_public_key_is_caught(bag: Path, tmp_path: Path) -> None:
    """Re-signing everything with another key still fails: bag-info names the real key id, and
    each signature record names it too."""
    from evidence.signing import installation_key

    other = installation_key(tmp_path / "other-installation")
    (bag / "data/keys/ed25519-public.pem").write_bytes(other.public_key_pem())
    rebag(bag)
    failures = deep_failures(check(bag, tmp_path))
    assert ("signing-key", "data/keys/ed25519-public.pem") in failures
    assert any(name == "signature" for name, _file in failures)
