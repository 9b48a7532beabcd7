"""Links in listing text, and the identifiers the known ones carry.

A link says more than a label: ``wa.me/62812…`` *is* a WhatsApp number, ``t.me/name`` a Telegram
account, ``paypal.me/name`` a payee, ``ebay.com/usr/name`` a seller's page. Every link found is also
returned as a claimed span, so that the digits of a listing id inside a URL are never read as a
phone number. Links are found with bounded, atomic patterns (linear time); only those with a scheme,
a ``www.`` or a known host, or with a path that names a seller, are taken without a scheme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

_URL_RE = re.compile(
    r"(?:(?P<scheme>https?://)|(?<![A-Za-z0-9_@.\-/]))"
    r"(?P<host>(?:(?>[A-Za-z0-9\-]{1,63})\.){1,8}[A-Za-z]{2,24})(?![A-Za-z0-9\-])"
    r"(?P<rest>[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]{0,2000})?",
)
_TRAILING = ".,;:!?'\"*"

_KNOWN_HOSTS = frozenset(
    """wa.me api.whatsapp.com whatsapp.com web.whatsapp.com t.me telegram.me telegram.dog
    instagram.com instagr.am facebook.com fb.com fb.me line.me page.line.me zalo.me signal.me
    paypal.me paypal.com""".split()
)
_HOST_PREFIXES = ("www.", "m.", "web.", "mbasic.", "mobile.", "business.")

_TELEGRAM_RESERVED = frozenset(
    "joinchat addstickers addemoji share proxy socks iv s c setlanguage login".split()
)
_INSTAGRAM_RESERVED = frozenset(
    "p reel reels explore tv accounts direct about developer legal web stories".split()
)
_FACEBOOK_RESERVED = frozenset(
    """share sharer sharer.php photo photo.php photos watch events groups marketplace story.php
    permalink.php hashtag login help policies dialog plugins tr reel reels search pages l.php
    home.php gaming business ads""".split()
)
_PROFILE_SEGMENTS = frozenset(
    """usr user users u profile profil perfil perfiles member members membre membres seller sellers
    vendedor vendedores vendeur vendor shop store str tienda loja toko utilizador usuario usuarios
    personal people""".split()
)
_SHOP_PATH_HOSTS = ("tokopedia.com", "shopee.")
_SHOP_RESERVED = frozenset(
    """search product products p cart discovery help promo find mall daily_discover flash_sale m
    buyer checkout login signup categories category universal-link user shop""".split()
)
_ID_PARAMS = ("id", "userid", "user_id", "uid", "sellerid", "seller_id", "shopid", "shop_id", "memberid")
_TELEGRAM_HANDLE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_INSTAGRAM_HANDLE_RE = re.compile(r"[A-Za-z0-9._]{1,30}")
_FACEBOOK_NAME_RE = re.compile(r"[A-Za-z0-9.\-]{3,80}")
_TAOBAO_SHOP_RE = re.compile(r"shop\d+\.(?:taobao|tmall)\.com")


@dataclass(frozen=True, slots=True)
class LinkHit:
    """A link's span and what it identifies: ``kind`` is None for a link that names nobody."""

    start: int
    end: int
    kind: str | None
    value: str
    number: bool  # ``value`` is a phone number in international digits (no "+")


def find_links(folded: str) -> list[LinkHit]:
    """Every link in the folded text, with the identifier it carries if any."""
    hits: list[LinkHit] = []
    for match in _URL_RE.finditer(folded):
        host = match.group("host").lower()
        rest = match.group("rest") or ""
        end = match.end()
        while rest and (rest[-1] in _TRAILING or (rest[-1] == ")" and rest.count("(") < rest.count(")"))):
            rest = rest[:-1]
            end -= 1
        bare = _bare_host(host)
        if not match.group("scheme") and not host.startswith("www.") and bare not in _KNOWN_HOSTS:
            if not rest.startswith("/") or not _names_a_seller(bare, rest):
                continue
        kind, value, number = _classify(bare, rest)
        hits.append(LinkHit(match.start(), end, kind, value, number))
    return hits


def _bare_host(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def _split(rest: str) -> tuple[list[str], dict[str, str], str]:
    path, _, query = rest.partition("?")
    path, _, fragment = path.partition("#")
    if "#" in query:
        query, _, fragment = query.partition("#")
    segments = [s for s in path.split("/") if s]
    params = {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=False)}
    return segments, params, fragment


def _names_a_seller(host: str, rest: str) -> bool:
    return _classify(host, rest)[0] == "url_profile"


def _classify(host: str, rest: str) -> tuple[str | None, str, bool]:
    segments, params, fragment = _split(rest)
    first = segments[0] if segments else ""
    if host == "wa.me":
        digits = re.sub(r"\D", "", first)
        return ("whatsapp", digits, True) if len(digits) >= 7 else (None, "", False)
    if host in ("api.whatsapp.com", "whatsapp.com", "web.whatsapp.com"):
        digits = re.sub(r"\D", "", params.get("phone", ""))
        return ("whatsapp", digits, True) if len(digits) >= 7 else (None, "", False)
    if host in ("t.me", "telegram.me", "telegram.dog"):
        if first.lower() in _TELEGRAM_RESERVED or not _TELEGRAM_HANDLE_RE.fullmatch(first):
            return None, "", False
        return "telegram", first.lower(), False
    if host in ("instagram.com", "instagr.am"):
        name = segments[1] if first.lower() == "stories" and len(segments) > 1 else first
        if (name.lower() in _INSTAGRAM_RESERVED and name == first) or not _INSTAGRAM_HANDLE_RE.fullmatch(
            name
        ):
            return None, "", False
        return "instagram", name.lower().strip("."), False
    if host in ("facebook.com", "fb.com", "fb.me"):
        return _facebook(segments, params)
    if host in ("line.me", "page.line.me"):
        return _line(host, segments)
    if host == "zalo.me":
        digits = re.sub(r"\D", "", first)
        if first and len(digits) >= 9 and len(digits) >= len(first) - 2:
            return "zalo", digits, False  # national digits: read in Vietnam by the caller
        return None, "", False
    if host == "signal.me":
        number = fragment.removeprefix("p/")
        digits = re.sub(r"\D", "", number)
        return ("signal", digits, True) if number.startswith("+") and len(digits) >= 7 else (None, "", False)
    if host == "paypal.me" or (host == "paypal.com" and first.lower() == "paypalme"):
        name = first if host == "paypal.me" else (segments[1] if len(segments) > 1 else "")
        return ("payment", f"paypal:{name.lower()}", False) if name else (None, "", False)
    return _profile(host, segments, params)


def _facebook(segments: list[str], params: dict[str, str]) -> tuple[str | None, str, bool]:
    if not segments:
        return None, "", False
    first = segments[0].lower()
    if first == "profile.php":
        user = params.get("id", "")
        return ("facebook", user, False) if user.isdigit() else (None, "", False)
    if first == "people" and len(segments) >= 3 and segments[2].isdigit():
        return "facebook", segments[2], False
    if first == "marketplace" and len(segments) >= 3 and segments[1].lower() == "profile":
        return ("facebook", segments[2], False) if segments[2].isdigit() else (None, "", False)
    if first in _FACEBOOK_RESERVED or not _FACEBOOK_NAME_RE.fullmatch(segments[0]):
        return None, "", False
    return "facebook", first, False


def _line(host: str, segments: list[str]) -> tuple[str | None, str, bool]:
    if host == "page.line.me":
        return ("line", segments[0].lower().lstrip("@"), False) if segments else (None, "", False)
    lowered = [s.lower() for s in segments]
    if lowered[:1] == ["r"]:
        lowered = lowered[1:]
    if len(lowered) >= 3 and lowered[:2] == ["ti", "p"]:
        user = lowered[2].lstrip("~@")
        return ("line", user, False) if user else (None, "", False)
    return None, "", False


def _profile(host: str, segments: list[str], params: dict[str, str]) -> tuple[str | None, str, bool]:
    """A marketplace seller page: a profile-like path segment, a shop sub-domain or a shop path."""
    if _TAOBAO_SHOP_RE.fullmatch(host):
        return "url_profile", host, False
    lowered = [s.lower() for s in segments]
    id_param = next(((k, params[k]) for k in _ID_PARAMS if params.get(k)), None)
    if host.startswith("perfil.") and lowered:
        return "url_profile", f"{host}/{lowered[0]}", False
    for k, segment in enumerate(lowered[:2]):
        if segment not in _PROFILE_SEGMENTS:
            continue
        if k + 1 < len(lowered):
            return "url_profile", "/".join([host, *lowered[: k + 2]]), False
        if id_param is not None:
            name, value = id_param
            return "url_profile", f"{host}/{'/'.join(lowered[: k + 1])}?{name}={value.lower()}", False
    if any(host == h or host.startswith(h) for h in _SHOP_PATH_HOSTS) and len(lowered) == 1:
        shop = lowered[0]
        if shop not in _SHOP_RESERVED and not re.search(r"-i\.\d+\.\d+$", shop) and len(shop) >= 3:
            return "url_profile", f"{host}/{shop}", False
    return None, "", False
