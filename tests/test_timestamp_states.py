"""Timestamp states: "not configured" (no authority at capture) is not "pending" (an authority not
reached yet), on the capture row, in ``ecowarden timestamp``, in the verifier and the live audit;
and commands that capture without an authority say so once at start.

Captures are made by the real ``record_capture`` (tests/test_bundle.py's synthetic files), tokens
by the local ``openssl ts`` authority served on loopback; the database is real SQLite and
PostgreSQL.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from evidence.audit import audit_custody
from evidence.bundle import export_bundle, verify_bundle
from evidence.context import EvidenceContext
from evidence.manifest import Manifest
from evidence.recording import stamp_pending
from evidence.settings import NO_TSA_WARNING, OnceWarning
from storage.db import open_database, transaction
from storage.models import Capture
from tests.conftest import DemoServer
from tests.crawl_helpers import SQLITE_ONLY, crawl_env, run_ecowarden
from tests.test_bundle import capture, make_context, run_cli, seed_listings
from tests.tsa import LocalTSA

UNREACHABLE = "http://127.0.0.1:9/tsa"


def contexts(db_url: str, workdir: Path, tsa: LocalTSA, tsa_url: str) -> tuple[EvidenceContext, ...]:
    """(no authority, an authority that cannot be reached, the served one), one database."""
    _engine, factory = open_database(db_url)
    served = make_context(factory, workdir / "evidence", tsa, tsa_url)
    assert served.tsa is not None
    return replace(served, tsa=None), replace(served, tsa=replace(served.tsa, url=UNREACHABLE)), served


def status_of(ctx: EvidenceContext, capture_id: str) -> str:
    with ctx.factory() as session:
        row = session.get(Capture, capture_id)
        assert row is not None
        return row.timestamp_status


def stated(ctx: EvidenceContext, capture_id: str) -> dict[str, object]:
    with ctx.factory() as session:
        row = session.get(Capture, capture_id)
        assert row is not None and row.manifest_sha256 is not None
        sha256 = row.manifest_sha256
    timestamp = Manifest.from_bytes(ctx.store.path(sha256).read_bytes()).metadata["timestamp"]
    assert isinstance(timestamp, dict)
    return timestamp


def config_file(ctx: EvidenceContext, tmp_path: Path, db_url: str, tsa: LocalTSA, tsa_url: str) -> Path:
    path = tmp_path / "ecowarden.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n[evidence]\ndir = "{ctx.evidence_dir}"\n'
        f'operator = "analyst@example.org"\ntsa_url = "{tsa_url}"\n'
        f'tsa_certificate = "{tsa.cert_path}"\ntsa_root = "{tsa.root_path}"\n'
    )
    return path


def test_no_authority_is_not_configured_and_one_not_reached_is_pending(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    with tsa.serve() as tsa_url:
        bare, down, served = contexts(db_url, tmp_path, tsa, tsa_url)
        ids = seed_listings(served.factory)
        never = capture(bare, ids["ivory"], "https://market.example/ivory", "Ivory")
        owed = capture(down, ids["ivory"], "https://market.example/ivory", "Ivory")
        stamped = capture(served, ids["ivory"], "https://market.example/ivory", "Ivory")
    assert (
        status_of(served, never) == "not_configured" and stated(served, never)["status"] == "not_configured"
    )
    assert status_of(served, owed) == "pending" and stated(served, owed)["status"] == "deferred"
    assert status_of(served, stamped) == "stamped" and stated(served, stamped)["status"] == "requested"


def test_timestamp_limit_counts_what_is_left_in_total(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    """The bug of issue 16: ``timestamp --limit 1`` said "still pending 0" with 95 pending."""
    with tsa.serve() as tsa_url:
        bare, down, served = contexts(db_url, tmp_path, tsa, tsa_url)
        ids = seed_listings(served.factory)
        url = "https://market.example/ivory"
        # oldest first: two never stamped (no authority), then three whose authority was down
        never = [capture(bare, ids["ivory"], url, "Ivory", offset_s=600 - n) for n in range(2)]
        owed = [capture(down, ids["ivory"], url, "Ivory", offset_s=300 - n) for n in range(3)]
        config = config_file(served, tmp_path, db_url, tsa, tsa_url)

        first = run_cli(config, "timestamp", "--limit", "1")
        assert first.exit_code == 0, first.stdout + first.stderr
        assert "stamped 1, still pending 3, not configured at capture 1" in first.stdout
        assert status_of(served, never[0]) == "stamped" and status_of(served, never[1]) == "not_configured"

        rest = run_cli(config, "timestamp")
        assert rest.exit_code == 0, rest.stdout + rest.stderr
        assert "stamped 4, still pending 0" in rest.stdout and "not configured" not in rest.stdout
    assert {status_of(served, c) for c in never + owed} == {"stamped"}
    # what each capture was until its late token is in the custody log; the manifests are unchanged
    befores = {
        e.subject.removeprefix("capture:"): e.details["state_before"]
        for e in served.custody.events()
        if e.action == "timestamped" and "state_before" in e.details
    }
    assert befores == {**dict.fromkeys(never, "not_configured"), **dict.fromkeys(owed, "pending")}
    assert stated(served, never[0])["status"] == "not_configured"
    assert audit_custody(served).ok


def test_an_authority_down_fails_the_pass_and_counts_everything_left(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    with tsa.serve() as tsa_url:
        bare, down, served = contexts(db_url, tmp_path, tsa, tsa_url)
    ids = seed_listings(served.factory)
    for n in range(3):
        capture(down, ids["ivory"], "https://market.example/ivory", "Ivory", offset_s=n)
    capture(bare, ids["ivory"], "https://market.example/ivory", "Ivory")
    report = stamp_pending(down, limit=2)
    assert (report.stamped, report.failed, report.still_pending, report.not_configured) == (0, 1, 3, 1)
    assert len(report.errors) == 1 and "TSAUnavailable" in report.errors[0]
    config = config_file(served, tmp_path, db_url, tsa, UNREACHABLE)
    result = run_cli(config, "timestamp")
    assert result.exit_code == 1
    assert "stamped 0, still pending 3, not configured at capture 1 (1 failed in this pass)" in result.stdout


def test_rows_written_before_the_states_are_relabelled_from_their_manifests(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    """Before the states were told apart both said ``pending``; only the signed manifest knows."""
    with tsa.serve() as tsa_url:
        bare, down, served = contexts(db_url, tmp_path, tsa, tsa_url)
    ids = seed_listings(served.factory)
    never = capture(bare, ids["ivory"], "https://market.example/ivory", "Ivory")
    owed = capture(down, ids["ivory"], "https://market.example/ivory", "Ivory")
    with transaction(served.factory) as session:
        session.execute(update(Capture).where(Capture.id == never).values(timestamp_status="pending"))

    seen = audit_custody(served)
    assert seen.ok and seen.relabelled == 0
    assert any("1 captures are marked timestamp pending" in w for w in seen.warnings), seen.warnings
    assert status_of(served, never) == "pending", "the audit is read-only without --repair"

    repaired = audit_custody(served, repair=True)
    assert repaired.relabelled == 1 and not any("marked timestamp pending" in w for w in repaired.warnings)
    assert status_of(served, never) == "not_configured" and status_of(served, owed) == "pending"


def test_the_verifier_tells_not_configured_from_pending(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    with tsa.serve() as tsa_url:
        bare, down, served = contexts(db_url, tmp_path, tsa, tsa_url)
        ids = seed_listings(served.factory)
        never = capture(bare, ids["ivory"], "https://market.example/ivory", "Ivory")
        owed = capture(down, ids["ivory"], "https://market.example/ivory", "Ivory")
        output = tmp_path / "bundle.zip"
        export_bundle(served, output=output, listing_ids=[ids["ivory"]])
    report = verify_bundle(output)
    assert report.ok, report.failures
    by_file = {c.file: c for c in report.checks if c.name == "timestamp"}
    none = by_file[f"data/captures/{never}/manifest.tsr"]
    assert none.warning and "no timestamp authority was configured at capture" in none.detail
    assert "no independent time exists" in none.detail
    late = by_file[f"data/captures/{owed}/manifest.tsr"]
    assert late.warning and late.detail.startswith("timestamp pending: the authority could not be reached")
    assert "TSAUnavailable" in late.detail


def test_the_no_authority_warning_is_said_once_per_sink(caplog: pytest.LogCaptureFixture) -> None:
    """One log record and one stderr line per process, however many places start capturing."""
    logger = logging.getLogger("tests.no_tsa")
    warning = OnceWarning(logger, NO_TSA_WARNING)
    echoed: list[str] = []
    with caplog.at_level(logging.WARNING, logger="tests.no_tsa"):
        warning.warn(echoed.append)
        warning.warn(echoed.append)
        warning.warn()
    assert echoed == [NO_TSA_WARNING]
    assert [r.getMessage() for r in caplog.records if r.name == "tests.no_tsa"] == [NO_TSA_WARNING]


def test_commands_that_capture_warn_on_stderr_without_an_authority(tmp_path: Path, tsa: LocalTSA) -> None:
    """``ecowarden capture --pending`` as a user runs it (nothing queued: no browser starts)."""
    env = crawl_env(f"sqlite:///{tmp_path / 'ecowarden.db'}", tmp_path)
    bare = run_ecowarden("capture", "--pending", "--json", env=env, timeout=120)
    assert bare.returncode == 0, bare.stderr
    assert bare.stderr.count("without a timestamp authority") == 1, bare.stderr
    assert f"ecowarden: warning: {NO_TSA_WARNING}\n" in bare.stderr
    with tsa.serve() as tsa_url:
        configured = {
            **env,
            "ECOWARDEN_EVIDENCE_TSA_URL": tsa_url,
            "ECOWARDEN_EVIDENCE_TSA_CERTIFICATE": str(tsa.cert_path),
            "ECOWARDEN_EVIDENCE_TSA_ROOT": str(tsa.root_path),
        }
        stamped = run_ecowarden("capture", "--pending", "--json", env=configured, timeout=120)
    assert stamped.returncode == 0 and "timestamp authority" not in stamped.stderr, stamped.stderr


def crawl_robots(demo: DemoServer, env: dict[str, str], log: Path) -> tuple[int, str]:
    """A crawl that starts (the capture extension with it) and finds nothing to capture."""
    proc = run_ecowarden(
        "crawl", f"{demo.base_url}/robots.txt", "--max-pages", "1", "--json", "--no-progress",
        "--log-file", str(log), env=env, timeout=300,
    )  # fmt: skip
    return proc.returncode, proc.stderr


@SQLITE_ONLY
@pytest.mark.slow
def test_a_crawl_that_captures_warns_on_stderr_and_in_its_log(
    db_url: str, demo_server: DemoServer, tmp_path: Path
) -> None:
    """The crawl runs in the command's own process: its stderr line comes first, its log file
    (set up later by Scrapy) still gets the record."""
    log = tmp_path / "crawl.log"
    code, stderr = crawl_robots(
        demo_server, crawl_env(db_url, tmp_path, ECOWARDEN_EVIDENCE_CAPTURE_ON_FLAG="true"), log
    )
    assert code == 0, stderr
    assert stderr.count("without a timestamp authority") == 1, stderr
    assert log.read_text().count("without a timestamp authority") == 1, log.read_text()[-3000:]
    quiet = tmp_path / "quiet.log"
    code, stderr = crawl_robots(demo_server, crawl_env(db_url, tmp_path), quiet)  # capture off
    assert code == 0 and "timestamp authority" not in stderr + quiet.read_text(), stderr
