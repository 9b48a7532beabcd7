"""Offender networks: who is behind the listings, across sites (resolution paragraph 16).

Today this package holds the foundation, identifier extraction (`networks.identifiers`): phone
numbers, e-mail addresses, messaging handles and links, payment and wallet identifiers and seller
profile URLs taken from listing text with their span in the original text. Linking, photo hashes
and templates build on it. By the design, this package may import `storage` only.
"""

from __future__ import annotations

from networks.identifiers import Identifier, IdentifierKind, extract_identifiers

__all__ = ["Identifier", "IdentifierKind", "extract_identifiers"]
