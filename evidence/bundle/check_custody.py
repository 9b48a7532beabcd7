"""Checks of the custody excerpt: its entries, their hash chain up to the signed checkpoint's head,
and that each capture's own entries agree with its manifest."""

from __future__ import annotations

import hashlib
import json

from evidence.bundle import layout
from evidence.bundle.checking import Context
from evidence.bundle.report import first_line
from evidence.chain import GENESIS_HASH, Event
from evidence.manifest import Manifest


def read_events(ctx: Context) -> dict[int, Event] | None:
    """The full entries, each checked against its own hash and for order; None when unreadable."""
    report = ctx.report
    events_file = f"data/{layout.EVENTS}"
    events: dict[int, Event] = {}
    problems: list[str] = []
    previous = 0
    try:
        with (ctx.data / layout.EVENTS).open("rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    event = Event.from_json(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(f"line {number}: not a custody entry ({first_line(exc)})")
                    continue
                if event.compute_hash() != event.entry_hash:
                    problems.append(f"line {number} (seq {event.seq}): content does not match its entry_hash")
                if event.seq <= previous:
                    problems.append(
                        f"line {number}: seq {event.seq} after seq {previous}: entries out of order"
                    )
                previous = max(previous, event.seq)
                events[event.seq] = event
    except OSError as exc:
        report.add("custody-entries", events_file, False, f"unreadable: {first_line(exc)}")
        return None
    if problems:
        report.add("custody-entries", events_file, False, "; ".join(problems[:5]))
    else:
        report.add(
            "custody-entries", events_file, True, f"{len(events)} entries, each matching its hash, in order"
        )
    return events


def check_chain(ctx: Context, events: dict[int, Event]) -> None:
    """The skeleton links without gaps from the first excerpt entry to the signed head, and the
    full entries sit in it exactly."""
    report = ctx.report
    chain_file = f"data/{layout.CHAIN}"
    problems: list[str] = []
    mismatched: list[str] = []
    first: int | None = None
    last: tuple[int, str] | None = None
    seen = 0
    try:
        with (ctx.data / layout.CHAIN).open("rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    row = json.loads(line)
                    seq, prev_hash, entry_hash = (
                        int(row["seq"]),
                        str(row["prev_hash"]),
                        str(row["entry_hash"]),
                    )
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(f"line {number}: not a chain row ({first_line(exc)})")
                    continue
                if last is None:
                    first = seq
                    if seq == 1 and prev_hash != GENESIS_HASH:
                        problems.append("seq 1 does not start from the genesis hash")
                elif seq != last[0] + 1:
                    problems.append(
                        f"line {number}: seq {seq} follows seq {last[0]}: entries missing or out of order"
                    )
                elif prev_hash != last[1]:
                    problems.append(f"seq {seq}: prev_hash is not the entry hash of seq {last[0]}")
                full = events.get(seq)
                if full is not None:
                    seen += 1
                    if full.prev_hash != prev_hash or full.entry_hash != entry_hash:
                        mismatched.append(f"seq {seq} differs from its chain row")
                last = (seq, entry_hash)
    except OSError as exc:
        report.add("custody-chain", chain_file, False, f"unreadable: {first_line(exc)}")
        return
    checkpoint = ctx.checkpoint
    if checkpoint is not None:
        head = checkpoint.get("head") or {}
        if last is None or (last[0], last[1]) != (head.get("seq"), head.get("entry_hash")):
            problems.append(
                f"chain ends at seq {last[0] if last else 'nothing'},"
                f" the signed checkpoint head is seq {head.get('seq')}"
            )
        if first != checkpoint.get("excerpt_first_seq"):
            problems.append(
                f"chain starts at seq {first},"
                f" the signed checkpoint says {checkpoint.get('excerpt_first_seq')}"
            )
    else:
        problems.append("no valid signed checkpoint to anchor the chain")
    if problems:
        report.add("custody-chain", chain_file, False, "; ".join(problems[:5]))
    else:
        report.add(
            "custody-chain",
            chain_file,
            True,
            f"seq {first} to {last[0] if last else '?'} linked without gaps, ending at the signed head",
        )
    if seen != len(events):
        mismatched.append(f"{len(events) - seen} full entries are outside the chain")
    report.add(
        "custody-excerpt",
        f"data/{layout.EVENTS}",
        not mismatched,
        "; ".join(mismatched[:5]) or "every full entry matches its row in the chain",
    )


def check_capture_events(ctx: Context, capture_id: str, raw: bytes | None, events: dict[int, Event]) -> None:
    subject = f"capture:{capture_id}"
    mine = [e for e in events.values() if e.subject == subject]
    problems = []
    captured = [e for e in mine if e.action == "captured"]
    if not captured:
        problems.append("no 'captured' entry")
    elif raw is not None:
        digest = hashlib.sha256(raw).hexdigest()
        if not any(e.details.get("manifest_sha256") == digest for e in captured):
            problems.append("the 'captured' entry names a different manifest")
        else:
            manifest = Manifest.from_bytes(raw)
            if not any(
                e.details.get("artifacts") == {a.name: a.sha256 for a in manifest.artifacts} for e in captured
            ):
                problems.append("the 'captured' entry lists different files")
    exported = [e for e in mine if e.action == "exported"]
    if not any(e.details.get("bundle_id") == ctx.bundle_id for e in exported):
        problems.append(f"no 'exported' entry for this bundle ({ctx.bundle_id})")
    ctx.report.add(
        "custody-capture",
        f"data/{layout.EVENTS}",
        not problems,
        f"capture {capture_id}: "
        + ("; ".join(problems) if problems else f"{len(mine)} entries incl. captured and exported"),
    )

    # the key the capture was signed with, as the log recorded it, must be the bundled key and the
    # one the manifest names (a stamped manifest fixes that name in time)
    key_problems = []
    manifest_key = ctx.manifest_keys.get(capture_id)
    for event in captured:
        named = event.details.get("signing_key_id")
        if named is None:
            continue
        if named != ctx.key_id:
            key_problems.append(
                f"'captured' entry seq {event.seq} names signing key {named}, the bundled key is {ctx.key_id}"
            )
        elif manifest_key is not None and named != manifest_key:
            key_problems.append(
                f"'captured' entry seq {event.seq} names signing key {named},"
                f" its manifest names {manifest_key}"
            )
    if key_problems:
        ctx.report.add(
            "custody-key", f"data/{layout.EVENTS}", False, f"capture {capture_id}: " + "; ".join(key_problems)
        )
    elif any(e.details.get("signing_key_id") is not None for e in captured):
        ctx.report.add(
            "custody-key", f"data/{layout.EVENTS}", True, f"capture {capture_id}: names the bundled key"
        )
