"""Identifiers in listing and seller-page text: the raw material of same-actor links.

`extract_identifiers` returns every phone number, e-mail address, messaging account, wallet,
payment handle and seller-profile URL in a text, each with its normalised value (what links are
made on), its span and raw text in the *original* string (what an analyst is shown, and what the
evidence bundle cites) and what its own checks said (``valid``).

The order of the finders matters: links, e-mail addresses, wallets and IBANs are found first and
claim their spans, so that the digits inside a URL, an address or a wallet are never read as a
phone number; handles named after their platform come next; phone numbers are read last, on the
de-obfuscated view of what is left. All patterns are linear-time and the work per text is capped
(`MAX_TEXT_CHARS`, `phones.MAX_PARSES`, `MAX_IDENTIFIERS`), so hostile input costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from networks import phones
from networks.deobfuscate import digit_view
from networks.emails import find_emails
from networks.folding import fold
from networks.handles import find_handles
from networks.iban import find_ibans
from networks.links import find_links
from networks.wallets import find_wallets

IdentifierKind = Literal[
    "phone",
    "email",
    "whatsapp",
    "wechat",
    "telegram",
    "line",
    "zalo",
    "signal",
    "instagram",
    "facebook",
    "url_profile",
    "crypto_wallet",
    "payment",
]

MAX_TEXT_CHARS = 200_000
"""Only this many leading characters of a text are read (a listing is a few thousand)."""
MAX_IDENTIFIERS = 1_000
"""At most this many identifiers are returned for one text."""


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier found in a text.

    ``value`` is normalised: E.164 for numbers (phone and the messaging accounts keyed by one),
    lower case for e-mail addresses and handles (no "@"), ``paypal:<name>`` / ``iban:<IBAN>`` for
    payments, host and path for profile URLs, wallets as written (bech32 and Ethereum lower-cased).
    ``start``/``end`` index the original text and ``raw == text[start:end]``.
    ``valid`` is the identifier's own check (phonenumbers validity, wallet or IBAN checksum); None
    where no check exists. ``possible`` and ``region`` are phonenumbers' for numbers.
    ``obfuscated`` is True when the identifier was disguised (spelled digits, "[at]"...).
    """

    kind: IdentifierKind
    value: str
    start: int
    end: int
    raw: str
    valid: bool | None = None
    possible: bool | None = None
    region: str | None = None
    scheme: str | None = None
    obfuscated: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class _Collector:
    """The identifiers found so far, and the spans they (and bare links) have claimed."""

    __slots__ = ("budget", "found", "mask", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.mask = bytearray(len(text))
        self.found: list[Identifier] = []
        self.budget = phones.Budget()

    @property
    def full(self) -> bool:
        return len(self.found) >= MAX_IDENTIFIERS

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) == -1

    def claim(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def add(
        self,
        kind: IdentifierKind,
        value: str,
        start: int,
        end: int,
        *,
        valid: bool | None = None,
        possible: bool | None = None,
        region: str | None = None,
        scheme: str | None = None,
        obfuscated: bool = False,
    ) -> None:
        if self.full:
            return
        raw = self.text[start:end]
        self.found.append(
            Identifier(kind, value, start, end, raw, valid, possible, region, scheme, obfuscated)
        )

    def add_number(
        self, kind: IdentifierKind, digits: str, international: bool, start: int, end: int, region: str | None
    ) -> None:
        """A number taken from a link (wa.me/…, signal.me/#p/+…, zalo.me/…): presented as one."""
        if self.budget.exhausted:
            return
        parsed = phones.parse_number(digits, international=international, region=region, budget=self.budget)
        if parsed is None:
            self.add(kind, digits, start, end, valid=False, possible=False)
            return
        value, valid, possible, found_region = parsed
        self.add(kind, value, start, end, valid=valid, possible=possible, region=found_region)


_KINDS: dict[str, IdentifierKind] = {kind: kind for kind in get_args(IdentifierKind)}


def extract_identifiers(
    text: str, *, default_region: str | None = None, language: str | None = None
) -> list[Identifier]:
    """Identifiers in ``text``, in reading order.

    ``default_region`` is the site's or the listing's country (ISO 3166 alpha-2) in which numbers
    written without a country code are read; without it, the ``language`` (ISO 639-1, one of the
    watched languages) narrows the countries tried, and a national number read validly in exactly
    one of them gets that country. ``language`` also chooses the spelled-digit words looked for
    (English always; every watched language when None).
    """
    text = text[:MAX_TEXT_CHARS]
    folded = fold(text)
    out = _Collector(text)
    for email in find_emails(folded):
        out.claim(email.start, email.end)
        out.add("email", email.value, email.start, email.end, obfuscated=email.obfuscated)
    for link in find_links(folded):
        if not out.free(link.start, link.end):
            continue
        out.claim(link.start, link.end)
        if link.kind is None:
            continue
        kind = _KINDS[link.kind]
        if kind in ("whatsapp", "signal", "zalo"):
            region = None if link.number else ("VN" if kind == "zalo" else default_region)
            out.add_number(kind, link.value, link.number, link.start, link.end, region)
        else:
            out.add(kind, link.value, link.start, link.end, scheme="paypal" if kind == "payment" else None)
    for wallet in find_wallets(folded):
        if out.free(wallet.start, wallet.end):
            out.claim(wallet.start, wallet.end)
            out.add(
                "crypto_wallet",
                wallet.value,
                wallet.start,
                wallet.end,
                valid=wallet.valid,
                scheme=wallet.scheme,
            )
    for iban in find_ibans(folded):
        if out.free(iban.start, iban.end):
            out.claim(iban.start, iban.end)
            out.add("payment", iban.value, iban.start, iban.end, valid=iban.valid, scheme="iban")
    for handle in find_handles(folded):
        if out.free(handle.start, handle.end):
            out.claim(handle.start, handle.end)
            out.add(_KINDS[handle.kind], handle.value, handle.start, handle.end)
    view = digit_view(folded, language)
    hits = phones.find_phones(
        view, default_region=default_region, language=language, claimed=out.mask, budget=out.budget
    )
    for hit in hits:
        start, end = view.span_to_original(hit.start, hit.end)
        disguised = hit.obfuscated or folded[start:end] != text[start:end]
        for hit_kind in hit.kinds:
            out.add(
                _KINDS[hit_kind],
                hit.value,
                start,
                end,
                valid=hit.valid,
                possible=hit.possible,
                region=hit.region,
                obfuscated=disguised,
            )
    out.found.sort(key=lambda i: (i.start, i.end, i.kind))
    return out.found[:MAX_IDENTIFIERS]


#: the fields of a listing identifiers are read from, by storage and by ``ecowarden link`` alike
LISTING_FIELDS = ("title", "description", "seller_name", "location")


def identifiers_by_field(
    fields: Mapping[str, str | None], *, default_region: str | None = None, language: str | None = None
) -> list[tuple[str, Identifier]]:
    """(field, identifier) for each :data:`LISTING_FIELDS` text of ``fields`` that is set."""
    found: list[tuple[str, Identifier]] = []
    for name in LISTING_FIELDS:
        text = fields.get(name)
        if isinstance(text, str) and text:
            found += [
                (name, identifier)
                for identifier in extract_identifiers(text, default_region=default_region, language=language)
            ]
    return found
