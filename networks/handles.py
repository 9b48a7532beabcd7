"""Messaging handles given after a platform's name: "Telegram: @name", "IG: @x", "微信：abc123".

A bare ``@name`` is not taken: without the platform named, it could be anyone's on any network, and
a wrong platform would link sellers who share nothing. A handle without ``@`` is taken only after a
colon (or "id", "号"), or when it looks like an account name (has a digit, "_" or "."), so that
"my Instagram is instagram.com/..." never yields the handle "is". Each platform's own character
rules cut the handle where the platform would. Numbers after such labels are left to the phone
finder, which gives them the platform's kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from networks.numberwords import trie_pattern

_LABELS: dict[str, tuple[str, ...]] = {
    "telegram": tuple("telegram|telegrama|tg|tlgrm|电报|電報|飞机|飛機|纸飞机|紙飛機".split("|")),
    "instagram": tuple("instagram|insta|ig".split("|")),
    "wechat": tuple(
        "wechat|we chat|weixin|wechat id|wx|vx|v信|微信|微信号|微信號|薇信|威信|维信|徽信"
        "|加v|加vx|加微|加微信".split("|")
    ),
    "line": tuple("line id|id line|line|加賴|賴".split("|")),
    "signal": tuple("signal".split("|")),
}
_RULES: dict[str, re.Pattern[str]] = {
    "telegram": re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}"),
    "instagram": re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9._]{0,28}[A-Za-z0-9_])?"),
    "wechat": re.compile(r"[A-Za-z][A-Za-z0-9_\-]{5,19}"),
    "line": re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{2,19}"),
    "signal": re.compile(r"[A-Za-z][A-Za-z0-9_]{2,31}\.[0-9]{2,9}"),
}
_STOPWORDS = frozenset(
    """is es est é la le el o a the my mi mon ma meu minha me us at on for and or ou y e et dan và
    atau id user username account page channel group grupo groupe kênh nhóm grup""".split()
)

_CLASS = {word.lower(): kind for kind, words in _LABELS.items() for word in words}
_LATIN = [w for w in _CLASS if all(ord(c) < 0x3000 for c in w)]
_CJK = [w for w in _CLASS if any(ord(c) >= 0x3000 for c in w)]

_HANDLE_RE = re.compile(
    rf"(?:(?<![A-Za-zÀ-ɏḀ-ỿ])(?P<latin>{trie_pattern(_LATIN)})(?![A-Za-zÀ-ɏḀ-ỿ])|(?P<cjk>{trie_pattern(_CJK)}))"
    r"(?P<sep>(?:\s*(?:[:：=]|-|–|\bid\b|\bID\b|号|號|username|usuario)\s*){0,3}|\s+)"
    r"(?P<at>@?)(?P<value>[A-Za-z0-9][A-Za-z0-9._\-]{0,40})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HandleHit:
    start: int
    end: int
    kind: str
    value: str


def find_handles(folded: str) -> list[HandleHit]:
    """Handles named after their platform in the folded text, lower-cased without "@"."""
    hits: list[HandleHit] = []
    for match in _HANDLE_RE.finditer(folded):
        label = (match.group("latin") or match.group("cjk")).lower()
        kind = _CLASS.get(label)
        if kind is None:
            continue
        hit = _accept(match, kind)
        if hit is not None:
            hits.append(hit)
    return hits


def _accept(match: re.Match[str], kind: str) -> HandleHit | None:
    raw = match.group("value")
    if raw[0].isdigit() and kind != "line":
        return None  # a number: the phone finder reads it with this platform's kind
    if raw[0].isdigit() and re.fullmatch(r"[0-9 .\-]+", raw):
        return None
    rule = _RULES[kind].match(raw)
    if rule is None:
        return None
    value = rule.group()
    sep = match.group("sep")
    at = match.group("at")
    marked = bool(at) or any(mark in sep for mark in ":：=号號") or "id" in sep.lower()
    looks_like_account = any(c.isdigit() or c in "._" for c in value)
    if not (marked or looks_like_account):
        return None
    if value.lower() in _STOPWORDS:
        return None
    label = match.group("latin") or ""
    if label.lower() == "line" and not (at or any(mark in sep for mark in ":：")):
        return None  # the English word "line", not the app
    start = match.start("value") - len(at)
    return HandleHit(start, match.start("value") + len(value), kind, value.lower())
