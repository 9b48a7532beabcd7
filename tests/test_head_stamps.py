"""Timestamps of the custody log's head: ``ecowarden custody stamp``, a stamp after every export, the
scheduler's periodic stamp, and ``ecowarden custody verify`` checking each one, including against
a history rewritten (hashes recomputed) by someone with database access.

Real databases (SQLite and PostgreSQL), the local ``openssl ts`` authority on loopback, the real
CLI and the real ``ecowarden scheduler`` process.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from evidence.audit import audit_custody
from evidence.bundle import export_bundle, verify_bundle
from evidence.chain import Event
from evidence.context import EvidenceContext, TSASettings
from evidence.head_stamp import ACTION, SUBJECT, head_stamp_data, stamp_head
from evidence.timestamp import TimestampError, verify_token
from storage.db import open_database
from tests.crawl_helpers import SQLITE_ONLY, crawl_env
from tests.test_bundle import World, build_world, run_cli, write_config
from tests.test_evidence_custody import drop_guards
from tests.test_scheduler import running_scheduler
from tests.tsa import LocalTSA

UNREACHABLE = "http://127.0.0.1:9/tsa"


def authority(tsa: LocalTSA, url: str) -> TSASettings:
    return TSASettings(url=url, certificate_pem=tsa.tsa_pem, root_pem=tsa.root_pem, timeout_s=10.0)


def stamps(ctx: EvidenceContext) -> list[Event]:
    return [e for e in ctx.custody.events() if e.action == ACTION]


def head_of(ctx: EvidenceContext) -> tuple[int, str]:
    head = ctx.custody.head()
    assert head is not None
    return head


def verify_json(config: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli(config, "custody", "verify", "--json")
    return result.exit_code, json.loads(result.stdout)


def test_custody_stamp_then_verify_names_the_newest_stamped_head(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    with tsa.serve() as tsa_url:
        world = build_world(db_url, tmp_path, tsa, tsa_url)
        config = write_config(world, tmp_path, db_url, tsa, tsa_url)
        code, before = verify_json(config)
        assert code == 0 and before["head_timestamps"]["newest_stamped_seq"] is None
        assert any("never timestamped" in w for w in before["warnings"]), before["warnings"]

        seq, entry_hash = head_of(world.ctx)
        result = run_cli(config, "custody", "stamp")
        assert result.exit_code == 0, result.stdout + result.stderr
        assert f"custody head seq {seq} ({entry_hash[:16]}) timestamped" in result.stdout
    [record] = stamps(world.ctx)
    assert record.subject == SUBJECT and record.seq == seq + 1
    assert record.details["seq"] == seq and record.details["entry_hash"] == entry_hash
    assert record.details["reason"] == "ecowarden custody stamp"
    # the token covers the head hash itself, checkable by anyone with the TSA's certificates
    token = world.ctx.store.path(record.details["token_sha256"]).read_bytes()
    info = verify_token(token, head_stamp_data(entry_hash), tsa.tsa_pem, root_pem=tsa.root_pem)
    assert info.gen_time.isoformat() == record.details["gen_time"]

    world.ctx.custody.append("someone@example.org", "viewed", "capture:x", {})
    code, after = verify_json(config)
    assert code == 0, after["problems"]
    assert after["head_timestamps"] == {
        "checked": 1,
        "newest_stamped_seq": seq,
        "newest_gen_time": after["head_timestamps"]["newest_gen_time"],
        "entries_after": 2,  # the stamp's own record and the entry since
    }
    assert not any("never timestamped" in w for w in after["warnings"])
    shown = run_cli(config, "custody", "verify")
    assert f"newest covers seq {seq}" in shown.stdout and "2 entries after it not yet covered" in shown.stdout


def test_stamp_without_an_authority_is_a_usage_error_and_one_down_a_failure(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    world = build_world(db_url, tmp_path, None, None)
    config = tmp_path / "bare.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n[evidence]\ndir = "{world.ctx.evidence_dir}"\n')
    bare = run_cli(config, "custody", "stamp")
    assert bare.exit_code == 2 and "no timestamp authority configured" in bare.stderr
    down = run_cli(write_config(world, tmp_path, db_url, tsa, UNREACHABLE), "custody", "stamp")
    assert down.exit_code == 1 and "custody head not timestamped" in down.stderr
    assert "TSA" in down.stderr and "unreachable" in down.stderr
    assert stamps(world.ctx) == []


def test_every_export_stamps_the_head_it_leaves(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    with tsa.serve() as tsa_url:
        world = build_world(db_url, tmp_path, tsa, tsa_url)
        output = tmp_path / "bundle.zip"
        summary = export_bundle(world.ctx, output=output, listing_ids=[world.listings["ivory"]])
    [record] = stamps(world.ctx)
    published = [e for e in world.ctx.custody.events() if e.action == "published"]
    assert record.details["seq"] == published[-1].seq == record.seq - 1, "covers the bundle's own entries"
    assert record.details["reason"] == f"export of bundle {summary.bundle_id}"
    assert verify_bundle(output).ok
    assert audit_custody(world.ctx).stamped_seq == published[-1].seq


def test_an_authority_down_does_not_fail_an_export(
    db_url: str, tmp_path: Path, tsa: LocalTSA, caplog: pytest.LogCaptureFixture
) -> None:
    world = build_world(db_url, tmp_path, None, None)
    down = replace(world.ctx, tsa=authority(tsa, UNREACHABLE))
    output = tmp_path / "bundle.zip"
    with caplog.at_level(logging.WARNING, logger="evidence.head_stamp"):
        summary = export_bundle(down, output=output, listing_ids=[world.listings["ivory"]])
    assert output.is_file() and summary.captures == 2
    assert stamps(world.ctx) == []
    warned = [r.getMessage() for r in caplog.records if r.name == "evidence.head_stamp"]
    assert len(warned) == 1 and summary.bundle_id in warned[0] and "TSAUnavailable" in warned[0]
    assert "ecowarden custody stamp" in warned[0]
    assert audit_custody(world.ctx).ok


def engine_of(db_url: str) -> Engine:
    engine, _factory = open_database(db_url)
    return engine


def rewrite_from(engine: Engine, ctx: EvidenceContext, first: int, edit: dict[int, dict[str, Any]]) -> None:
    """What someone with database access (and the key) does, its guards dropped: change entries,
    then recompute every hash from there on and the head row, so that the chain verifies again."""
    details = "CAST(:d AS JSON)" if engine.dialect.name == "postgresql" else ":d"
    statement = text(
        f"UPDATE custody_events SET details = {details}, prev_hash = :p, entry_hash = :h WHERE seq = :s"
    )
    events = list(ctx.custody.events())
    prev = events[first - 2].entry_hash if first > 1 else "0" * 64
    with engine.begin() as conn:
        for event in events[first - 1 :]:
            changed = replace(event, details={**event.details, **edit.get(event.seq, {})}, prev_hash=prev)
            changed = replace(changed, entry_hash=changed.compute_hash())
            values = {"d": json.dumps(changed.details), "p": prev, "h": changed.entry_hash, "s": event.seq}
            conn.execute(statement, values)
            prev = changed.entry_hash
        conn.execute(text("UPDATE custody_head SET entry_hash = :h WHERE id = 1"), {"h": prev})


def test_a_history_rewritten_after_a_stamp_is_detected(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    with tsa.serve() as tsa_url:
        world = build_world(db_url, tmp_path, tsa, tsa_url)
        stamp = stamp_head(world.ctx, "analyst@example.org", reason="test")
    assert stamp is not None
    assert audit_custody(world.ctx).ok
    engine = engine_of(db_url)
    drop_guards(engine)
    # an early entry changed, the chain rehashed: the chain holds, the stamp does not
    rewrite_from(engine, world.ctx, 2, {2: {"secret": "rewritten"}})
    assert world.ctx.custody.verify() == [], "the rewrite is one the chain alone cannot see"
    report = audit_custody(world.ctx)
    [problem] = report.problems
    assert problem.kind == "head-timestamp" and problem.subject == f"seq {stamp.record_seq}"
    assert "was rewritten after it was stamped" in problem.detail
    assert report.stamped_seq is None

    # the stamp record edited too, to name the new hash: its token no longer verifies over it
    new_hash = next(e for e in world.ctx.custody.events() if e.seq == stamp.seq).entry_hash
    rewrite_from(engine, world.ctx, stamp.record_seq, {stamp.record_seq: {"entry_hash": new_hash}})
    [problem] = audit_custody(world.ctx).problems
    assert problem.kind == "head-timestamp" and "does not verify" in problem.detail
    engine.dispose()


def test_stamp_records_that_do_not_add_up_are_problems(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    with tsa.serve() as tsa_url:
        world = build_world(db_url, tmp_path, tsa, tsa_url)
        stamp = stamp_head(world.ctx, "analyst@example.org", reason="test")
    assert stamp is not None
    good = stamps(world.ctx)[0].details
    log = world.ctx.custody
    log.append("mallory@example.org", ACTION, SUBJECT, {**good, "seq": 10_000})  # past itself
    log.append("mallory@example.org", ACTION, SUBJECT, {**good, "gen_time": "2020-01-01T00:00:00+00:00"})
    log.append("mallory@example.org", ACTION, SUBJECT, {**good, "token_sha256": "ab" * 32})  # no such blob
    report = audit_custody(world.ctx)
    details = sorted(p.detail for p in report.problems if p.kind == "head-timestamp")
    assert len(details) == 3, report.problems
    assert any("not before the record itself" in d for d in details)
    assert any("records genTime 2020-01-01" in d for d in details)
    assert any("cannot be checked or does not verify" in d for d in details)
    assert any(p.kind == "blob-missing" for p in report.problems)
    assert report.stamped_seq == stamp.seq and report.head_stamps == 4


def test_stamp_head_needs_an_authority_and_skips_an_unchanged_head(
    db_url: str, tmp_path: Path, tsa: LocalTSA
) -> None:
    world = build_world(db_url, tmp_path, None, None)
    with pytest.raises(TimestampError, match="no timestamp authority configured"):
        stamp_head(world.ctx, "analyst@example.org", reason="test")
    with tsa.serve() as tsa_url:
        ctx = replace(world.ctx, tsa=authority(tsa, tsa_url))
        first = stamp_head(ctx, "analyst@example.org", reason="periodic", only_if_changed=True)
        again = stamp_head(ctx, "analyst@example.org", reason="periodic", only_if_changed=True)
        asked = stamp_head(ctx, "analyst@example.org", reason="by hand")
    assert first is not None and again is None, "nothing new since the last stamp: not stamped again"
    assert asked is not None and asked.seq == first.record_seq


@SQLITE_ONLY
@pytest.mark.slow
def test_the_scheduler_stamps_the_head_at_its_interval(db_url: str, tmp_path: Path, tsa: LocalTSA) -> None:
    world: World = build_world(db_url, tmp_path, None, None)
    with tsa.serve() as tsa_url:
        env = crawl_env(
            db_url,
            tmp_path,
            ECOWARDEN_EVIDENCE_DIR=str(world.ctx.evidence_dir),
            ECOWARDEN_EVIDENCE_TSA_URL=tsa_url,
            ECOWARDEN_EVIDENCE_TSA_CERTIFICATE=str(tsa.cert_path),
            ECOWARDEN_EVIDENCE_TSA_ROOT=str(tsa.root_path),
            ECOWARDEN_EVIDENCE_HEAD_TIMESTAMP_INTERVAL_H=str(1 / 3600),  # every second
        )
        with running_scheduler(env, tmp_path) as scheduler:
            scheduler.wait_for("a first head stamp", lambda: len(stamps(world.ctx)) == 1)
            seq = head_of(world.ctx)[0]
            world.ctx.custody.append("someone@example.org", "viewed", "capture:x", {})
            scheduler.wait_for("a stamp of the new head", lambda: len(stamps(world.ctx)) == 2)
            time.sleep(3)  # three more intervals, with nothing new to stamp
            assert scheduler.stop() == 0, scheduler.output()
    output = scheduler.output()
    assert "custody head timestamped every 0:00:01" in output and "Traceback" not in output
    first, second = stamps(world.ctx)
    assert first.details["seq"] == seq - 1 and second.details["seq"] == seq + 1
    assert len(stamps(world.ctx)) == 2, "an unchanged head is not stamped again"
    assert audit_custody(world.ctx).stamped_seq == seq + 1


@SQLITE_ONLY
def test_the_scheduler_says_when_head_stamps_are_off(db_url: str, tmp_path: Path) -> None:
    env = crawl_env(db_url, tmp_path)
    with running_scheduler(env, tmp_path) as scheduler:
        scheduler.wait_for("its start", lambda: "custody head timestamps" in scheduler.output())
        assert scheduler.stop() == 0
    assert "custody head timestamps: off (no timestamp authority configured" in scheduler.output()
