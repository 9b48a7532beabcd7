"""``ecowarden verify`` against bundles made to hang it or fill the disk: a WARC that inflates to
gigabytes, a hundred thousand members, a SIGTERM in the middle. What it writes is bounded by what
the bundle declares, it ends with a clear failure, and it leaves nothing behind."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from evidence.bundle import verify_bundle
from evidence.canonical import canonical_json
from evidence.warc import check_warc
from tests.test_bundle_tamper import Exported, exported  # noqa: F401  (the module's honest bundle)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: the bomb's record: this many gzip members of 64 MiB of zeros each (8 GiB in all, ~8 MB stored)
BOMB_MEMBERS = 128
ZEROS = 64 * 1024**2


def warc_bomb(path: Path, members: int = BOMB_MEMBERS) -> int:
    """A gzipped WARC whose one record declares and holds ``members`` x 64 MiB: returns the bytes
    it inflates to. Built from one compressed member repeated, so it costs no CPU to make."""
    zeros = gzip.compress(b"\0" * ZEROS, compresslevel=9)
    length = members * ZEROS
    head = (
        "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:bomb>\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {length}\r\n\r\n"
    ).encode()
    with path.open("wb") as out:
        out.write(gzip.compress(head))
        for _ in range(members):
            out.write(zeros)
    return length


def with_member(source: Path, target: Path, name: str, data_path: Path) -> None:
    """A copy of the bundle with one member's bytes replaced (stored, as the bomb is compressed)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for info in original.infolist():
            if info.filename == name:
                out.write(data_path, name, compress_type=zipfile.ZIP_STORED)
            else:
                out.writestr(info, original.read(info))


def verify_cli(bundle: Path, tmp: Path, **popen: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    env.update(TMPDIR=str(tmp), ECOWARDEN_CONFIG=str(ROOT / "ecowarden.toml"))
    return subprocess.Popen(
        [sys.executable, "-m", "ecowarden", "verify", str(bundle), "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def test_check_warc_stops_inflating_a_bomb_at_its_bound(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    warc_bomb(bomb)
    problems = check_warc(bomb, max_inflated=256 * 1024**2)
    assert any("inflates past 268435456 bytes" in p for p in problems), problems


def test_a_warc_bomb_in_a_bundle_is_refused_not_extracted(exported: Exported, tmp_path: Path) -> None:  # noqa: F811
    member = f"captures/{exported.other}/capture.warc.gz"
    bomb = tmp_path / "bomb.warc.gz"
    warc_bomb(bomb)
    bundle = tmp_path / "bomb.zip"
    with_member(exported.bundle, bundle, f"data/{member}", bomb)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = verify_cli(bundle, scratch)
    out, err = process.communicate(timeout=30)  # a hang is a failure
    assert process.returncode == 1, err
    report = json.loads(out)
    failures = {(c["name"], c["file"]): c["detail"] for c in report["checks"] if c["result"] == "FAIL"}
    assert "not extracted" in failures[("extraction", f"data/{member}")]
    assert ("artifact", f"data/{member}") in failures  # missing, so the capture fails too
    assert not list(scratch.iterdir()), "the verifier's folder is removed"


def test_a_bomb_under_a_forged_manifest_is_inflated_no_further_than_a_bound(
    exported: Exported,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The forger also rewrites the sizes (checkpoint and manifest): extraction takes the file,
    the manifest's signature fails, so the WARC check falls back to a bound of its own."""
    member = f"captures/{exported.other}/capture.warc.gz"
    bomb = tmp_path / "bomb.warc.gz"
    warc_bomb(bomb)
    bag = tmp_path / "bag"
    with zipfile.ZipFile(exported.bundle) as archive:
        archive.extractall(bag)
    data = bag / "data"
    (data / member).write_bytes(bomb.read_bytes())
    checkpoint = json.loads((data / "custody/checkpoint.json").read_bytes())
    checkpoint["sizes"][member] = bomb.stat().st_size
    (data / "custody/checkpoint.json").write_text(json.dumps(checkpoint))
    manifest = json.loads((data / f"captures/{exported.other}/manifest.json").read_bytes())
    for artifact in manifest["artifacts"]:
        if artifact["name"] == "capture.warc.gz":
            artifact["size"] = bomb.stat().st_size
    manifest["metadata"]["inflated_sizes"] = {"capture.warc.gz": 8 * 1024**3}
    (data / f"captures/{exported.other}/manifest.json").write_bytes(canonical_json(manifest))
    bundle = tmp_path / "forged.zip"
    with zipfile.ZipFile(bundle, "w") as out:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            out.write(path, path.relative_to(bag).as_posix())
    report = verify_bundle(bundle)  # the bound, not a clock, ends it: see the detail below
    warc = next(c for c in report.failures if c.name == "warc" and c.file == f"data/{member}")
    assert "inflates past" in warc.detail
    assert any(c.name == "signature" for c in report.failures)


def test_a_hundred_thousand_members_are_refused_at_once(exported: Exported, tmp_path: Path) -> None:  # noqa: F811
    bundle = tmp_path / "many.zip"
    with zipfile.ZipFile(exported.bundle) as original, zipfile.ZipFile(bundle, "w") as out:
        for info in original.infolist():
            out.writestr(info, original.read(info))
        for n in range(100_000):
            out.writestr(f"data/x/{n}", b"")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = verify_cli(bundle, scratch)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and "sized neither by the signed checkpoint" in err, err
    assert not list(scratch.iterdir())


def test_sigterm_during_verify_leaves_nothing_behind(exported: Exported, tmp_path: Path) -> None:  # noqa: F811
    """A bundle whose extra member (declared, by a forged checkpoint) takes a while to write and
    hash; SIGTERM once the verifier's folder exists."""
    member = "data/padding.bin"
    padding = tmp_path / "padding.bin"
    size = 1536 * 1024**2
    with padding.open("wb") as out:
        out.truncate(size)
    bag = tmp_path / "bag"
    with zipfile.ZipFile(exported.bundle) as archive:
        archive.extractall(bag)
    checkpoint_path = bag / "data/custody/checkpoint.json"
    checkpoint = json.loads(checkpoint_path.read_bytes())
    checkpoint["sizes"]["padding.bin"] = size
    checkpoint_path.write_text(json.dumps(checkpoint))
    bundle = tmp_path / "slow.zip"
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            out.write(path, path.relative_to(bag).as_posix())
        out.write(padding, member)
    padding.unlink()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = verify_cli(bundle, scratch)
    deadline = time.monotonic() + 20
    while not list(scratch.glob("ecowarden-verify-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(scratch.glob("ecowarden-verify-*")), "the verifier never started unpacking"
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err  # interrupted, as after Ctrl-C
    assert not list(scratch.iterdir()), "SIGTERM left the verifier's files behind"
