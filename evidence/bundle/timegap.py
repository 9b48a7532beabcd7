"""The gap between a capture's own clock and its RFC 3161 timestamp, said the same way everywhere.

A manifest's ``captured_at`` is our machine's clock; a token's genTime is the timestamp
authority's. Only the latter is proof: the token shows the signed manifest existed at genTime,
nothing earlier. A capture stamped seconds after it began is, for a court, stamped at capture; one
stamped minutes or hours later (the authority was unreachable, the token was fetched afterwards
by ``ecowarden timestamp``) leaves that interval resting on our clock alone, and a reader must be
told so plainly instead of having to subtract two ISO dates. The bundle's report and
``ecowarden verify`` both describe the gap through this module, with one threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: a timestamp further than this after the capture began is shown prominently and is a warning
#: in ``ecowarden verify`` (a capture itself takes seconds, a deferred stamp minutes or more)
TIMESTAMP_GAP_WARN_S = 300
#: genTime may be given to the whole second while our clock has microseconds: a genTime this much
#: before ``captured_at`` is rounding, not a clock that ran ahead
CLOCK_TOLERANCE_S = 2.0


def human_duration(seconds: float) -> str:
    """``9 min 31 s``, ``2 h 5 min``, ``3 d 4 h``: the two largest units, rounded to the second;
    what a reader takes in at a glance."""
    total = round(abs(seconds))
    units = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
    parts: list[str] = []
    for name, size in units:
        count, total = divmod(total, size)
        if count or (parts and len(parts) < 2):
            parts.append(f"{count} {name}")
        if len(parts) == 2:
            break
    if parts and parts[-1].startswith("0 "):
        parts.pop()
    return " ".join(parts) or "0 s"


@dataclass(frozen=True)
class TimestampGap:
    """genTime minus ``captured_at``, in seconds (negative: the token predates the stated capture)."""

    seconds: float

    @property
    def large(self) -> bool:
        return self.seconds > TIMESTAMP_GAP_WARN_S

    @property
    def before_capture(self) -> bool:
        """The authority's time is before ours: the capturing machine's clock was ahead."""
        return self.seconds < -CLOCK_TOLERANCE_S

    @property
    def noteworthy(self) -> bool:
        return self.large or self.before_capture

    def sentence(self) -> str:
        """``timestamped 9 min 31 s after capture``."""
        if self.before_capture:
            return f"timestamped {human_duration(self.seconds)} before the stated capture time"
        if self.seconds <= 0:
            return "timestamped at capture (within a second)"
        return f"timestamped {human_duration(self.seconds)} after capture"

    def consequence(self) -> str:
        """What the gap means for the evidence, when it is worth saying; else an empty string."""
        if self.before_capture:
            return (
                "the capturing machine's clock was ahead of the timestamp authority's by at least"
                " that much: the stated capture time is not reliable, the genTime is"
            )
        if self.large:
            return (
                "the token proves the manifest existed at genTime only; the capture time before it"
                " rests on the capturing machine's clock"
            )
        return ""

    def describe(self) -> str:
        """The sentence, with its consequence when there is one (one line, for verify)."""
        consequence = self.consequence()
        return f"{self.sentence()}: {consequence}" if consequence else self.sentence()


def gap_between(captured_at: datetime, gen_time: datetime) -> TimestampGap:
    return TimestampGap((gen_time - captured_at).total_seconds())
