"""Timestamps of the custody log's head: an RFC 3161 token over the hash of its newest entry.

The hash chain shows an entry changed relative to the entries after it and to the head row; it
cannot show a history rewritten whole, every hash recomputed, by someone holding the database and
the signing key. A token from an independent authority over the head's entry hash at time T fixes
the chain up to that entry as it stood at T: a history rewritten later no longer reaches the
stamped hash at that seq, and the stamp record cannot be edited to match, since its token would no
longer verify over the edited hash.

The token covers the entry hash written as its 64 lowercase hex characters (ASCII), so a third
party can repeat the check with stock tools::

    printf %s ENTRY_HASH > head.txt
    openssl ts -verify -data head.txt -in token.tsr -token_in -CAfile root.pem -untrusted tsa.pem

Each stamp is a ``head_timestamped`` entry (subject ``custody:head``) naming the seq and hash
covered, the token (a blob in the evidence store), its genTime and the TSA certificates that checked
it (blobs too, as for captures). Stamps are taken by ``ecowarden custody stamp``, by
``ecowarden scheduler`` every ``evidence.head_timestamp_interval_h`` and after every export;
``ecowarden custody verify`` checks every one (evidence/audit.py).

What stamps cannot do alone: they live in the log they protect, so whoever rewrites history can
also drop the stamp entries after the point rewritten; the audit then reports a newest stamp older
than it should be. Copies held elsewhere (bundles' signed checkpoints name a head seq and hash)
are what pin that down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from evidence.chain import Event
from evidence.context import EvidenceContext
from evidence.recording import keep_tsa_certificates
from evidence.timestamp import TimestampError, fetch_token, make_request, verify_token

log = logging.getLogger(__name__)

ACTION = "head_timestamped"
SUBJECT = "custody:head"


def head_stamp_data(entry_hash: str) -> bytes:
    """The bytes a head's token covers (see the module docstring)."""
    return entry_hash.encode("ascii")


@dataclass(frozen=True)
class HeadStamp:
    """A stamp just taken: the entry it covers, the token's time, and the entry recording it."""

    seq: int
    entry_hash: str
    gen_time: datetime
    token_sha256: str
    record_seq: int


def _is_stamp_record(ctx: EvidenceContext, seq: int) -> bool:
    """Whether entry ``seq`` is itself a stamp's record: nothing happened since that stamp."""
    entry = next(iter(ctx.custody.events(first_seq=seq, last_seq=seq)), None)
    return entry is not None and entry.action == ACTION


def stamp_head(
    ctx: EvidenceContext, actor: str, *, reason: str, only_if_changed: bool = False
) -> HeadStamp | None:
    """Have the configured authority timestamp the log's current head, and record it.

    Returns None when there is nothing to stamp: an empty log, or (``only_if_changed``, for the
    periodic stamp) a head that is the record of the previous stamp, which would otherwise be
    stamped again at every interval for ever. Raises TimestampError (TSAUnavailable when the
    authority cannot be reached), leaving the log as it was. Entries appended while the token is
    fetched are simply not covered by it: the record names the seq it covers.
    """
    if ctx.tsa is None:
        raise TimestampError("no timestamp authority configured (evidence.tsa_url)")
    head = ctx.custody.head()
    if head is None:
        raise TimestampError("custody_head row missing: run the database migrations")
    seq, entry_hash = head
    if seq == 0 or (only_if_changed and _is_stamp_record(ctx, seq)):
        return None
    data = head_stamp_data(entry_hash)
    token = fetch_token(ctx.tsa.url, make_request(data), timeout=ctx.tsa.timeout_s)
    info = verify_token(token, data, ctx.tsa.certificate_pem, root_pem=ctx.tsa.root_pem)
    token_sha256 = ctx.store.put_bytes(token).sha256
    certificate, root = keep_tsa_certificates(ctx)
    record = ctx.custody.append(
        actor,
        ACTION,
        SUBJECT,
        {
            "seq": seq,
            "entry_hash": entry_hash,
            "token_sha256": token_sha256,
            "gen_time": info.gen_time.isoformat(),
            "tsa_url": ctx.tsa.url,
            "tsa_certificate_blob": certificate,
            "tsa_root_blob": root,
            "reason": reason[:200],
        },
    )
    return HeadStamp(seq, entry_hash, info.gen_time, token_sha256, record.seq)


def stamp_head_after_export(ctx: EvidenceContext, actor: str, bundle_id: str) -> HeadStamp | None:
    """After a bundle is published: stamp the head, which now holds the bundle's entries.

    Never raises: the bundle exists and is recorded whatever the authority does, so a failure is
    a warning in the log, not a failed export (the next stamp, at the scheduler's interval or by
    ``ecowarden custody stamp``, covers these entries too). Without an authority configured there
    is nothing to do and nothing new to say (commands that capture warn about it).
    """
    if ctx.tsa is None:
        return None
    try:
        return stamp_head(ctx, actor, reason=f"export of bundle {bundle_id}")
    except Exception as exc:  # the bundle is published: nothing here may turn that into a failure
        log.warning(
            "custody head not timestamped after the export of bundle %s: %s: %s"
            " (`ecowarden custody stamp` takes it later)",
            bundle_id,
            type(exc).__name__,
            " ".join(str(exc).split())[:300],
        )
        return None


@dataclass(frozen=True)
class StampCheck:
    """One stamp record checked: the problem found (None: it holds) and the token's time."""

    record: Event
    problem: str | None
    gen_time: datetime | None = None

    @property
    def covered_seq(self) -> int | None:
        seq = self.record.details.get("seq")
        return seq if isinstance(seq, int) else None


def _blob(ctx: EvidenceContext, sha256: Any, what: str) -> bytes:
    """A blob a stamp record names (OSError when it is missing: the audit's blob check says so)."""
    if not isinstance(sha256, str):
        raise ValueError(f"the record names no {what}")
    with ctx.store.open(sha256) as handle:
        return handle.read()


def check_head_stamp(ctx: EvidenceContext, record: Event, chain_hash: str | None) -> StampCheck:
    """Whether a ``head_timestamped`` record holds: the hash it names is the chain's entry hash
    at the seq it names (``chain_hash``), a seq before the record itself; its token verifies over
    that hash with the TSA certificates it names; and the token's genTime is the one recorded."""
    details = record.details
    seq, entry_hash = details.get("seq"), details.get("entry_hash")
    if not isinstance(seq, int) or not isinstance(entry_hash, str):
        return StampCheck(record, "the record names no seq and entry hash")
    if seq >= record.seq:
        return StampCheck(record, f"covers seq {seq}, which is not before the record itself")
    if chain_hash is None:
        return StampCheck(record, f"covers seq {seq}, which is not in the log")
    if chain_hash != entry_hash:
        return StampCheck(
            record,
            f"the stamped hash of seq {seq} is {entry_hash}, the log's entry there hashes to"
            f" {chain_hash}: the history up to it was rewritten after it was stamped",
        )
    try:
        token = _blob(ctx, details.get("token_sha256"), "token")
        certificate = _blob(ctx, details.get("tsa_certificate_blob"), "TSA certificate")
        root_blob = details.get("tsa_root_blob")
        root = _blob(ctx, root_blob, "TSA root") if root_blob is not None else None
        info = verify_token(token, head_stamp_data(entry_hash), certificate, root_pem=root)
    except (TimestampError, ValueError, OSError) as exc:
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        return StampCheck(record, f"the token over seq {seq} cannot be checked or does not verify: {reason}")
    if details.get("gen_time") != info.gen_time.isoformat():
        return StampCheck(
            record,
            f"records genTime {details.get('gen_time')}, its token says {info.gen_time.isoformat()}",
            info.gen_time,
        )
    return StampCheck(record, None, info.gen_time)
