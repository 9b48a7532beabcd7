"""The audit log: every analyst action, hash-chained and append-only like the custody log.

Actions that touch evidence (viewing a capture, exporting a bundle) go to the custody log as
well, because that is the log an evidence bundle carries; everything goes here.
"""

from __future__ import annotations

from evidence.custody import ChainedLog
from storage.models import AuditEvent, AuditHead

AUDIT_ACTIONS = frozenset(
    {
        "login",
        "login_failed",
        "logout",
        "user_added",
        "user_changed",
        "token_created",
        "token_revoked",
        "viewed",
        "confirmed",
        "dismissed",
        "escalated",
        "reopened",
        "assigned",
        "noted",
        "tagged",
        "untagged",
        "case_created",
        "case_added",
        "exported",
        "downloaded",
        "watch_term_added",
        "watch_term_removed",
        "watch_term_rejected",
        "watchlist_imported",
    }
)


class AuditLog(ChainedLog):
    event_model = AuditEvent
    head_model = AuditHead
    actions = AUDIT_ACTIONS
    what = "audit"
