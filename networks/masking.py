"""Personal data out of texts: masked for people who may not see it, pseudonymised for sharing.

Identifiers (phones, e-mails, handles, wallets) are personal data: viewers of the review app see
them masked ("[phone hidden]"); exports for partners (``--pseudonymise``) carry a keyed hash in
their place, the same for the same value in every export of this installation (so a partner can
still see that two listings share a number) and meaningless without the installation's key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from networks.identifiers import extract_identifiers


def replace_identifiers(text: str, replacement: Callable[[str, str], str]) -> str:
    """``text`` with each identifier found in it replaced by ``replacement(kind, value)``."""
    found = extract_identifiers(text)
    if not found:
        return text
    out, at = [], 0
    for identifier in sorted(found, key=lambda i: i.start):
        if identifier.start < at:
            continue
        out += [text[at : identifier.start], replacement(identifier.kind, identifier.value)]
        at = identifier.end
    return "".join([*out, text[at:]])


def masked(text: str) -> str:
    """``text`` with every identifier replaced by its kind: what a viewer sees."""
    return replace_identifiers(text, lambda kind, _value: f"[{kind} hidden]")


class Pseudonyms:
    """Keyed pseudonyms: HMAC-SHA256 of the kind and value under this installation's secret,
    so equal values get equal pseudonyms and nobody without the secret can test a guess."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("a pseudonym secret of at least 16 bytes is needed")
        self._secret = secret

    def of(self, kind: str, value: str) -> str:
        digest = hmac.new(self._secret, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}:{digest[:16]}"

    def text(self, text: str) -> str:
        """``text`` with each identifier in it replaced by its pseudonym."""
        return replace_identifiers(text, self.of)
