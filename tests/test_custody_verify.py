"""``ecowarden custody verify`` and exports killed mid-way, on a real SQLite database.

Kills are real: ``ecowarden export`` runs in a process of its own (tests/export_kill_driver.py)
that stops at a chosen step of the export and is SIGKILLed (or SIGTERMed) there. Afterwards
the correction step (the next export into the same folder, or ``custody verify --repair``) must
leave every ``exported`` entry matched by a published bundle or an ``export_failed``
correction, and no staging folder behind.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evidence.bundle import export_bundle
from evidence.bundle.recovery import STAGING_PREFIX
from evidence.chain import Event
from tests.test_bundle import World, build_world, run_cli

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Setup:
    world: World
    config: Path
    out: Path
    db_path: Path


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    db_path = tmp_path / "ecowarden.db"
    world = build_world(f"sqlite:///{db_path}", tmp_path, None, None)  # no TSA: nothing to serve
    config = tmp_path / "ecowarden.toml"
    config.write_text(
        "[database]\n"
        f'url = "sqlite:///{db_path}"\n'
        "[evidence]\n"
        f'dir = "{world.ctx.evidence_dir}"\n'
        'operator = "cli-analyst@example.org"\n'
    )
    out = tmp_path / "out"
    out.mkdir()
    return Setup(world, config, out, db_path)


def verify(setup: Setup, *args: str) -> tuple[int, dict[str, Any], str]:
    result = run_cli(setup.config, "custody", "verify", "--json", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def events(setup: Setup) -> list[Event]:
    return list(setup.world.ctx.custody.events())


def exports_all_matched(setup: Setup) -> None:
    """Every ``exported`` entry has its bundle's ``published`` entry or its own correction."""
    log = events(setup)
    published = {e.details["bundle_id"] for e in log if e.action == "published"}
    corrected = {(e.subject, e.details["export_failed"]) for e in log if "export_failed" in e.details}
    exported = [e for e in log if e.action == "exported"]
    assert exported
    for entry in exported:
        bundle = entry.details["bundle_id"]
        assert bundle in published or (entry.subject, bundle) in corrected, entry


def no_staging(setup: Setup) -> None:
    assert not [p.name for p in setup.out.iterdir() if p.name.startswith(STAGING_PREFIX)]


@dataclass
class Stopped:
    process: subprocess.Popen[str]
    bundle_id: str
    staging: Path


def start_export(setup: Setup, moment: str, name: str = "bundle.zip") -> Stopped:
    """``ecowarden export`` in its own process, stopped at ``moment`` (alive, waiting)."""
    marker = setup.out.parent / f"reached-{moment}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    env["ECOWARDEN_CONFIG"] = str(setup.config)
    listings = [str(i) for i in sorted(setup.world.captures)]
    args = ["export", "--output", str(setup.out / name)]
    for listing in listings:
        args += ["--listing", listing]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.export_kill_driver", moment, str(marker), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"export ended before {moment}: {process.communicate()}")
        assert time.monotonic() < deadline, f"export never reached {moment}"
        time.sleep(0.02)
    (staging,) = [p for p in setup.out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    started = [e for e in events(setup) if e.action == "export_started"]
    bundle_id = str(started[-1].details["bundle_id"])
    assert staging.name == STAGING_PREFIX + bundle_id
    return Stopped(process, bundle_id, staging)


def stop(stopped: Stopped, how: signal.Signals = signal.SIGKILL) -> subprocess.CompletedProcess[str]:
    stopped.process.send_signal(how)
    out, err = stopped.process.communicate(timeout=30)
    return subprocess.CompletedProcess(stopped.process.args, stopped.process.returncode, out, err)


@pytest.fixture
def cleanup() -> Iterator[list[Stopped]]:
    """Exports a test left running are killed, whatever the test's outcome."""
    running: list[Stopped] = []
    yield running
    for item in running:
        if item.process.poll() is None:
            item.process.kill()
            item.process.communicate()


# -- killed exports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "correction"),
    [
        ("after-exported", "next-export"),
        ("zip-writing", "repair"),
        ("before-publish", "repair"),
        ("before-publish", "next-export"),
        ("after-publish", "repair"),
        ("after-publish", "next-export"),
    ],
)
def test_a_killed_export_is_corrected(
    setup: Setup, cleanup: list[Stopped], moment: str, correction: str
) -> None:
    stopped = start_export(setup, moment)
    cleanup.append(stopped)
    if moment == "zip-writing":
        assert (stopped.staging / "bundle.zip").is_file(), "killed with the zip half written"
    killed = stop(stopped)
    assert killed.returncode == -signal.SIGKILL
    output = setup.out / "bundle.zip"
    assert output.exists() == (moment == "after-publish")
    assert stopped.staging.is_dir(), "a killed export leaves its staging folder"
    assert not [e for e in events(setup) if "export_failed" in e.details], "nobody corrected it yet"

    # the live audit sees the bundle that was claimed and never recorded as published
    code, report, stderr = verify(setup)
    assert code == 1 and report["ok"] is False
    problems = report["problems"]
    assert [p["kind"] for p in problems] == ["export-unmatched"]
    assert problems[0]["subject"] == f"bundle {stopped.bundle_id}"
    assert stderr.count("\n") == 1 and "1 problem" in stderr
    assert stopped.staging.is_dir(), "verify without --repair changes nothing"

    if correction == "repair":
        code, report, _ = verify(setup, "--repair")
        assert code == 0, report
        (repair,) = report["repairs"]
        assert repair["bundle_id"] == stopped.bundle_id
        assert repair["outcome"] == ("published" if moment == "after-publish" else "export_failed")
        assert report["staging_removed"] == [str(stopped.staging)]
    else:
        pangolin = str(setup.world.listings["pangolin"])
        result = run_cli(
            setup.config, "export", "--listing", pangolin, "--output", str(setup.out / "next.zip")
        )
        assert result.exit_code == 0, result.stderr
    log = events(setup)
    if moment == "after-publish":  # the zip was complete under its name: it is the bundle
        (published,) = [
            e for e in log if e.action == "published" and e.details["bundle_id"] == stopped.bundle_id
        ]
        assert published.details["recovered"] and published.details["path"] == str(output.resolve())
        assert published.details["size"] == output.stat().st_size
        assert not [e for e in log if e.details.get("export_failed") == stopped.bundle_id]
    else:
        failed = [e for e in log if e.details.get("export_failed") == stopped.bundle_id]
        exported = [e for e in log if e.action == "exported" and e.details["bundle_id"] == stopped.bundle_id]
        assert sorted(e.subject for e in failed) == sorted(e.subject for e in exported)
        assert len(failed) == 3 and all(e.seq > max(x.seq for x in exported) for e in failed)
    exports_all_matched(setup)
    no_staging(setup)
    code, report, _ = verify(setup)
    assert code == 0 and report["ok"] is True, report
    assert report["exports"]["in_progress"] == 0
    assert report["repairs"] == [] and report["problems"] == []
    # a repair that finds nothing to do appends nothing
    before = setup.world.ctx.custody.head()
    assert verify(setup, "--repair")[0] == 0 and setup.world.ctx.custody.head() == before


def test_sigterm_corrects_at_once(setup: Setup, cleanup: list[Stopped]) -> None:
    stopped = start_export(setup, "zip-writing")
    cleanup.append(stopped)
    result = stop(stopped, signal.SIGTERM)
    assert result.returncode == 130, result.stderr  # interrupted, as after Ctrl-C
    assert "Traceback" not in result.stderr
    assert not stopped.staging.exists() and not (setup.out / "bundle.zip").exists()
    exports_all_matched(setup)
    code, report, _ = verify(setup)
    assert code == 0 and report["repairs"] == [], report


def test_a_running_export_is_left_alone(setup: Setup, cleanup: list[Stopped]) -> None:
    """Its staging folder is locked: neither verify nor an export next to it touches it, however
    old it looks; once the process is gone, the next one corrects it."""
    stopped = start_export(setup, "before-publish")
    cleanup.append(stopped)
    old = time.time() - 7 * 24 * 3600
    os.utime(stopped.staging, (old, old))
    code, report, _ = verify(setup, "--repair")
    assert code == 0, report
    assert report["exports"] == {"bundles": 1, "published": 0, "failed": 0, "in_progress": 1}
    assert report["repairs"] == [] and report["staging_removed"] == []
    other = export_bundle(
        setup.world.ctx, output=setup.out / "other.zip", listing_ids=[setup.world.listings["pangolin"]]
    )
    assert stopped.staging.is_dir() and other.path.is_file()
    assert stopped.process.poll() is None, "still waiting"

    stop(stopped)
    code, report, _ = verify(setup, "--repair")
    assert code == 0 and len(report["repairs"]) == 1
    exports_all_matched(setup)
    no_staging(setup)


def test_staging_without_its_folder_still_settles(setup: Setup, cleanup: list[Stopped]) -> None:
    """A killed export whose staging folder is gone (the folder was wiped) is corrected by the
    repair from what the log recorded."""
    import shutil

    stopped = start_export(setup, "after-exported")
    cleanup.append(stopped)
    stop(stopped)
    shutil.rmtree(stopped.staging)
    code, report, _ = verify(setup)
    assert code == 1
    code, report, _ = verify(setup, "--repair")
    assert code == 0 and report["staging_removed"] == [], report
    assert [r["outcome"] for r in report["repairs"]] == ["export_failed"]
    exports_all_matched(setup)


def test_a_bundle_whose_publication_was_not_recorded_is_recorded_next_time(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evidence.bundle import ExportError
    from evidence.bundle import export as export_module

    def database_gone(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(export_module, "_append_published", database_gone)
    output = setup.out / "bundle.zip"
    pangolin = [setup.world.listings["pangolin"]]
    with pytest.raises(ExportError, match="Input/output"):
        export_bundle(setup.world.ctx, output=output, listing_ids=pangolin)
    assert output.is_file(), "the zip has its final name"
    (staging,) = [p for p in setup.out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert not [e for e in events(setup) if "export_failed" in e.details], (
        "a bundle that exists is no failure"
    )
    monkeypatch.undo()
    export_bundle(setup.world.ctx, output=setup.out / "next.zip", listing_ids=pangolin)
    (published,) = [e for e in events(setup) if e.action == "published" and e.details.get("recovered")]
    assert published.subject == "bundle:" + staging.name[len(STAGING_PREFIX) :]
    no_staging(setup)
    exports_all_matched(setup)
    assert verify(setup)[0] == 0


# -- the evidence store and the chain ----------------------------------------------------------


def test_verify_names_an_altered_or_missing_blob(setup: Setup) -> None:
    code, report, _ = verify(setup)
    assert code == 0 and report["ok"] is True, report
    assert report["blobs"]["checked"] > 10
    human = run_cli(setup.config, "custody", "verify")
    assert human.exit_code == 0 and "custody verified:" in human.stdout

    store = setup.world.ctx.store
    with setup.world.ctx.factory() as session:
        from sqlalchemy import select

        from storage.models import Artifact

        rows = session.execute(select(Artifact.capture_id, Artifact.name, Artifact.sha256)).all()
    by_name = {(capture, name): sha for capture, name, sha in rows}
    capture_id = setup.world.captures[setup.world.listings["pangolin"]][0]
    altered, removed = by_name[(capture_id, "page.pdf")], by_name[(capture_id, "dom.html")]
    path = store.path(altered)
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes().replace(b"test page", b"fake page"))
    store.path(removed).unlink()

    human = run_cli(setup.config, "custody", "verify")
    assert human.exit_code == 1
    lines = [line for line in human.stdout.splitlines() if line.startswith("PROBLEM")]
    assert len(lines) == 2, human.stdout
    corrupt = next(line for line in lines if "blob-corrupt" in line)
    missing = next(line for line in lines if "blob-missing" in line)
    assert altered in corrupt and f"page.pdf of capture {capture_id}" in corrupt
    assert removed in missing and f"dom.html of capture {capture_id}" in missing
    assert human.stderr.count("\n") == 1 and "2 problem(s)" in human.stderr
    code, report, _ = verify(setup)
    assert code == 1
    kinds = sorted((p["kind"], p["subject"]) for p in report["problems"])
    assert kinds == sorted([("blob-corrupt", altered), ("blob-missing", removed)])


def test_verify_catches_a_head_that_does_not_match(setup: Setup) -> None:
    with sqlite3.connect(setup.db_path) as db:
        db.execute("UPDATE custody_head SET seq = seq + 1")
    code, report, _ = verify(setup)
    assert code == 1
    assert [p["kind"] for p in report["problems"]] == ["custody-chain"]
    assert "head_mismatch" in report["problems"][0]["detail"]


def test_verify_usage_errors(setup: Setup, tmp_path: Path) -> None:
    bad = run_cli(setup.config, "custody", "verify", "--no-such-option")
    assert bad.exit_code == 2
    config = tmp_path / "bad.toml"
    config.write_text(setup.config.read_text() + 'tsa_url = "http://127.0.0.1:9/"\n')
    result = run_cli(config, "custody", "verify")
    assert result.exit_code == 2 and "tsa_certificate" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
