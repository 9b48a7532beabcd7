"""Crontab expressions, read the way an operator who writes crontabs means them, in UTC.

Five fields are the standard crontab (minute hour day month weekday). Six fields put seconds first,
which nobody needs for marketplaces but tests and demos do (a schedule firing every few seconds).

APScheduler 3 numbers weekdays from Monday = 0, while crontab uses Sunday = 0 (and 7): a plain
``CronTrigger.from_crontab("0 3 * * 0")`` would crawl on Mondays. The weekday field is therefore
translated to weekday names, which both agree on, before APScheduler sees it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from apscheduler.triggers.cron import CronTrigger

#: crontab's weekday numbers: 0 and 7 are Sunday
_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_DAY_TOKEN = re.compile(r"^(?P<first>\w+)(?:-(?P<last>\w+))?(?:/(?P<step>\d+))?$")
_FIELDS_5 = ("minute", "hour", "day", "month", "day_of_week")
_FIELDS_6 = ("second", *_FIELDS_5)


class CronError(ValueError):
    """The expression is not a schedule; the message says what is wrong, for the command line."""


def _weekday(value: str, expr: str) -> int:
    lowered = value.lower()
    if lowered.isdigit():
        number = int(lowered)
        if number > 7:
            raise CronError(
                f"cron expression {expr!r}: weekday {value} is out of range 0-7 (0 and 7: Sunday)"
            )
        return number % 7
    if lowered in _DAY_NAMES:
        return _DAY_NAMES.index(lowered)
    raise CronError(f"cron expression {expr!r}: {value!r} is not a weekday (0-7 or sun..sat)")


def _weekdays(field: str, expr: str) -> str:
    """A crontab weekday field as APScheduler weekday names (``*`` stays as it is)."""
    if field in ("*", "?"):
        return "*"
    days: set[int] = set()
    for token in field.split(","):
        if token.startswith("*"):
            step_text = token[2:] if token.startswith("*/") else ""
            if token != "*" and not step_text.isdigit():
                raise CronError(f"cron expression {expr!r}: bad weekday term {token!r}")
            first, last, step = 0, 6, int(step_text) if step_text else 1
        else:
            match = _DAY_TOKEN.match(token)
            if match is None:
                raise CronError(f"cron expression {expr!r}: bad weekday term {token!r}")
            first = _weekday(match["first"], expr)
            # a range may end on 7 (Sunday): "1-7" is Monday to Sunday
            last_raw = match["last"]
            last = first if last_raw is None else (7 if last_raw == "7" else _weekday(last_raw, expr))
            step = int(match["step"] or 1)
            if match["step"] and last_raw is None:  # "2/3": from Tuesday to the end of the week
                last = 6
        if step <= 0:
            raise CronError(f"cron expression {expr!r}: a step must be at least 1")
        if last < first:
            raise CronError(f"cron expression {expr!r}: weekday range {token!r} runs backwards")
        days.update(day % 7 for day in range(first, last + 1, step))
    return ",".join(_DAY_NAMES[day] for day in sorted(days))


def parse_cron(expr: str) -> CronTrigger:
    """A UTC :class:`CronTrigger` for a 5-field crontab, or a 6-field one with seconds first.

    Raises :class:`CronError` for anything else, for expressions that never fire (30 February) and
    for ones restricting both day of month and weekday (crontab ORs them, APScheduler ANDs them)."""
    fields = expr.split()
    if len(fields) not in (5, 6):
        raise CronError(
            f"cron expression {expr!r} has {len(fields)} fields; expected 5 (minute hour day month "
            "weekday) or 6 (second first)"
        )
    names = _FIELDS_6 if len(fields) == 6 else _FIELDS_5
    values: dict[str, Any] = dict(zip(names, fields, strict=True))
    if values["day"] not in ("*", "?") and values["day_of_week"] not in ("*", "?"):
        # crontab fires when either matches, APScheduler only when both do: refuse the ambiguity
        raise CronError(
            f"cron expression {expr!r} restricts both the day of month and the weekday; "
            "restrict one of them (crontab and APScheduler disagree on what both mean)"
        )
    values["day_of_week"] = _weekdays(values["day_of_week"], expr)
    try:
        trigger = CronTrigger(timezone=UTC, **values)
    except (ValueError, TypeError) as exc:
        raise CronError(f"cron expression {expr!r}: {exc}") from None
    if trigger.get_next_fire_time(None, datetime.now(UTC)) is None:
        raise CronError(f"cron expression {expr!r} never fires")
    return trigger
