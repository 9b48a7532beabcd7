"""Evidence throughput: captures per minute through real Chromium, then export and verify MB/s.

Flags N suspect listings of the demo marketplace (classifieds, bazaar and the JS shop, so server-
rendered and client-rendered pages are both in the mix), captures them all with the real worker
(raw fetch, Chromium screenshot/DOM/PDF, WARC, signed manifest, RFC 3161 token from a local
openssl authority), then exports one bundle of all N captures and verifies it offline.

    python bench/evidence_throughput.py [--count 500] [--no-tsa] [--workdir DIR]

With ``--workdir`` the captures are kept there, and a later run with the same folder skips the
capture phase and measures export and verify again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from ecowarden.config import Config, load_config  # noqa: E402
from evidence.bundle.export import export_bundle  # noqa: E402
from evidence.bundle.verify import verify_bundle  # noqa: E402
from evidence.context import EvidenceContext  # noqa: E402
from evidence.settings import CaptureSettings  # noqa: E402
from evidence.worker import CaptureWorker, DrainReport, open_capturer  # noqa: E402
from storage.capture_queue import CaptureQueue  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.models import Capture  # noqa: E402
from tests.conftest import DemoServer  # noqa: E402
from tests.evidence_helpers import flag_listings, suspects  # noqa: E402
from tests.tsa import LocalTSA  # noqa: E402

MB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--no-tsa", action="store_true", help="leave timestamps pending")
    parser.add_argument("--workdir", type=Path, help="keep captures here (and reuse them next time)")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ecowarden-bench-evidence-"))
    work.mkdir(parents=True, exist_ok=True)
    demo = DemoServer(size=max(3000, args.count * 4), seed=11)
    try:
        run(args.count, work, demo, use_tsa=not args.no_tsa)
    finally:
        demo.stop()
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def pick(demo: DemoServer, count: int) -> list[dict[str, object]]:
    """Suspect listings from the three sites in proportion 2:1:1 (classifieds, bazaar, shop)."""
    shares = {"classifieds": count - 2 * (count // 4), "bazaar": count // 4, "shop": count // 4}
    chosen: list[dict[str, object]] = []
    for site, share in shares.items():
        chosen.extend(suspects(demo, share, site))
    return chosen


def capture_all(cfg: Config, factory: Any, count: int) -> None:
    queue = CaptureQueue(factory)
    worker = CaptureWorker(queue, lambda: open_capturer(CaptureSettings.from_config(cfg), factory))
    started = time.perf_counter()
    last = [started]

    def tick(report: DrainReport) -> None:
        done = len(report.captured) + len(report.failed)
        if done % 50 == 0 or time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  {done}/{count} captured ({done / (last[0] - started) * 60:.0f}/min)", file=sys.stderr)

    try:
        report = worker.drain(on_done=tick)
    finally:
        worker.close()
    elapsed = time.perf_counter() - started
    captured = len(report.captured)
    stamped = sum(1 for c in report.captured if c.timestamp_status == "stamped")
    stored = sum(a.size for c in report.captured for a in c.artifacts)
    print(f"captures: {captured}/{count} ok ({len(report.failed)} failed, {stamped} timestamped)")
    print(
        f"  {elapsed:.1f} s -> {captured / elapsed * 60:.1f} captures/min,"
        f" {elapsed / max(captured, 1):.2f} s each"
    )
    print(f"  artifacts stored: {stored / MB:.1f} MB ({stored / max(captured, 1) / 1024:.0f} kB per capture)")


def export_and_verify(ctx: EvidenceContext, factory: Any, work: Path) -> None:
    with factory() as session:
        listing_ids = list(session.scalars(select(Capture.listing_id).distinct()))
    bundle = work / "bundle.zip"
    bundle.unlink(missing_ok=True)
    started = time.perf_counter()
    summary = export_bundle(ctx, output=bundle, listing_ids=listing_ids, actor="bench@example.org")
    export_s = time.perf_counter() - started
    size = bundle.stat().st_size
    print(
        f"export: {summary.captures} captures, {size / MB:.1f} MB zip in {export_s:.1f} s"
        f" -> {size / MB / export_s:.1f} MB/s"
    )
    started = time.perf_counter()
    verified = verify_bundle(bundle)
    verify_s = time.perf_counter() - started
    print(
        f"verify: {'PASS' if verified.ok else 'FAIL'} ({len(verified.checks)} checks) in {verify_s:.1f} s"
        f" -> {size / MB / verify_s:.1f} MB/s"
    )
    for failure in verified.failures[:5]:
        print(f"  FAIL {failure.name} {failure.file}: {failure.detail}")


def run(count: int, work: Path, demo: DemoServer, *, use_tsa: bool) -> None:
    db_url = f"sqlite:///{work / 'bench.db'}"
    reuse = (work / "bench.db").exists()
    if not reuse:
        flag_listings(db_url, demo, pick(demo, count))
    cfg = load_config(ROOT / "ecowarden.toml", env={})
    evidence = replace(cfg.evidence, dir=str(work / "evidence"), operator="bench@example.org")
    with ExitStack() as stack:
        if use_tsa:
            # a fresh authority each run: tokens keep the certificates that checked them
            tsa = LocalTSA(work / f"tsa-{int(time.time())}")
            tsa_url = stack.enter_context(tsa.serve())
            evidence = replace(
                evidence, tsa_url=tsa_url, tsa_certificate=str(tsa.cert_path), tsa_root=str(tsa.root_path)
            )
        cfg = replace(cfg, evidence=evidence, database=replace(cfg.database, url=db_url))
        _engine, factory = open_database(db_url)
        if reuse:
            print("captures: reusing those in", work)
        else:
            capture_all(cfg, factory, count)
        export_and_verify(EvidenceContext.from_config(cfg, factory), factory, work)
        print(f"machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
