"""E-mail addresses, plain and disguised ("name [at] gmail [dot] com", "nome arroba uol ponto com").

Sellers break addresses so that a site's filter misses them: the at sign becomes "at", "[at]",
"(arroba)", "arobase", "a còng", or "#" ("#换成@", common on Chinese sites), the dots become "dot",
"punto", "point", "ponto", "chấm", "titik" or "点". A disguised address is accepted only when its
domain ends in a known top-level domain (and, for "#", is a known mail provider), so that ordinary
prose ("meet at home") is never read as an address. Patterns are possessive or bounded: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63}+)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}+)"

_AT_WORDS = r"(?:at|arroba|arobase|a còng|a cong|a móc|chuột)"
_DOT_WORDS = r"(?:dot|punto|point|ponto|chấm|cham|titik|点|點)"
_AT = (
    r"(?:\s?@\s?"
    rf"|\s*[\[(<{{]\s*(?:{_AT_WORDS}|@)\s*[\])>}}]\s*"
    rf"|\s+{_AT_WORDS}\s+"
    r"|#)"
)
_DOT = (
    r"(?:\s?\.\s?"
    rf"|\s*[\[(<{{]\s*(?:{_DOT_WORDS}|\.)\s*[\])>}}]\s*"
    rf"|\s+{_DOT_WORDS}\s+)"
)

_PLAIN_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?P<local>{_LOCAL})@(?P<domain>{_LABEL}(?:\.{_LABEL})*+\.[A-Za-z]{{2,24}})(?![A-Za-z0-9\-])"
)
_DISGUISED_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?P<local>{_LOCAL})(?P<at>{_AT})(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{1,4}})(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_DOT_SPLIT_RE = re.compile(_DOT, re.IGNORECASE)
_DOT_WORD_RE = re.compile(rf"(?<![^\W\d_]){_DOT_WORDS}(?![^\W\d_])", re.IGNORECASE)

KNOWN_TLDS = frozenset(
    """com net org edu gov info biz co io me ai app shop store online site xyz mobi name pro
    fr es pt br mx ar cl pe co ec ve uy py bo gt cr pa do cu hn sv ni vn id cn tw hk mo sg my th ph
    in jp kr uk de it nl be ch at ca au nz za ng ke gh tz ug cm ci sn ma dz tn cd cg ga ml bf ne tg bj
    mg ao mz ru ua pl cz se no dk fi ie us eu asia""".split()
)
MAIL_PROVIDERS = frozenset(
    """gmail.com googlemail.com yahoo.com yahoo.fr yahoo.es yahoo.com.br yahoo.co.id yahoo.com.vn
    yahoo.com.mx yahoo.co.uk hotmail.com hotmail.fr hotmail.es outlook.com outlook.fr live.com msn.com
    icloud.com me.com aol.com proton.me protonmail.com gmx.com gmx.de mail.com yandex.ru qq.com
    foxmail.com 163.com 126.com yeah.net sina.com sina.cn sohu.com aliyun.com 139.com 189.cn
    uol.com.br bol.com.br terra.com.br orange.fr free.fr laposte.net sfr.fr wanadoo.fr""".split()
)


@dataclass(frozen=True, slots=True)
class EmailHit:
    start: int
    end: int
    value: str
    obfuscated: bool


def find_emails(folded: str) -> list[EmailHit]:
    """E-mail addresses in the folded text, lower-cased, with their spans."""
    hits: list[EmailHit] = []
    taken = bytearray(len(folded))
    for match in _PLAIN_RE.finditer(folded):
        local, domain = match.group("local").rstrip("."), match.group("domain").lower()
        if ".." in local:
            continue
        hits.append(EmailHit(match.start(), match.end(), f"{local}@{domain}".lower(), False))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if "@" in folded or _may_be_disguised(folded):
        for match in _DISGUISED_RE.finditer(folded):
            if taken.find(1, match.start(), match.end()) != -1:
                continue
            hit = _disguised(match)
            if hit is not None:
                hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return hits


_HINT_RE = re.compile(rf"{_AT_WORDS}|#|@", re.IGNORECASE)


def _may_be_disguised(text: str) -> bool:
    return _HINT_RE.search(text) is not None


def _disguised(match: re.Match[str]) -> EmailHit | None:
    local = match.group("local").rstrip(".")
    labels = [part.lower() for part in _DOT_SPLIT_RE.split(match.group("domain"))]
    # the address may run on into the next words ("... dot com only"): keep the longest known ending
    while len(labels) >= 2 and labels[-1] not in KNOWN_TLDS:
        labels.pop()
    if len(labels) < 2:
        return None
    domain = ".".join(labels)
    at = match.group("at").strip().lower()
    if at == "#" and domain not in MAIL_PROVIDERS:
        return None
    if at == "at" and domain not in MAIL_PROVIDERS and _DOT_WORD_RE.search(match.group("domain")) is None:
        return None  # "sold at Target.com" is a shop, not an address: a bare "at" needs more
    end = _end_of(match, labels)
    return EmailHit(match.start(), end, f"{local}@{domain}".lower(), True)


def _end_of(match: re.Match[str], labels: list[str]) -> int:
    """End offset of the domain once trailing words that were not part of it are dropped."""
    text = match.group("domain")
    base = match.start("domain")
    position = 0
    for k, label in enumerate(labels):
        found = text.lower().find(label, position)
        if found < 0:
            return match.end()
        position = found + len(label)
        if k == len(labels) - 1:
            return base + position
    return match.end()
