"""Crypto-currency addresses, checked by their own checksums before they are believed.

Bitcoin legacy addresses (``1…``/``3…``) and TRON addresses (``T…``) are Base58Check: the last four
bytes are a double SHA-256 of the rest, so a random 34-character token passes with odds of one in
four billion. Bitcoin SegWit addresses (``bc1…``) carry a bech32 (v0) or bech32m (v1+) checksum
(BIP 173, BIP 350). Ethereum addresses (``0x`` + 40 hex) carry a checksum only in their letter case
(EIP-55): a mixed-case address is checked, a single-case one cannot be (``valid=None``).

An address that fails its checksum is kept only after a wallet word ("BTC:", "USDT TRC20", "钱包"),
marked ``valid=False`` (a seller's typo still names the seller); elsewhere it is not an address.
Values: base58 as written (case matters), bech32 and Ethereum lower-cased (case carries nothing).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from networks.keccak import keccak256

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: i for i, char in enumerate(_B58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {char: i for i, char in enumerate(_BECH32)}
_BECH32M_CONST = 0x2BC830A3

_BTC_B58_RE = re.compile(r"(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])")
_TRON_RE = re.compile(r"(?<![A-Za-z0-9])T[1-9A-HJ-NP-Za-km-z]{33}(?![A-Za-z0-9])")
_BECH32_RE = re.compile(r"(?<![A-Za-z0-9])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}(?![A-Za-z0-9])")
_ETH_RE = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])")
_CUE_RE = re.compile(
    r"btc|bitcoin|usdt|usdc|trc-?20|erc-?20|eth|ether|ethereum|tron|trx|wallet|address|crypto|cripto"
    r"|carteira|billetera|portefeuille|adresse|dirección|endereço|ví|dompet|钱包|錢包|地址|比特币|比特幣"
    r"|以太坊|波场|收款",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WalletHit:
    start: int
    end: int
    value: str
    scheme: str  # "btc", "eth" or "tron"
    valid: bool | None


def b58decode(text: str) -> bytes | None:
    """Bytes of a Base58 string, or None if a character is not Base58."""
    number = 0
    for char in text:
        digit = _B58_INDEX.get(char)
        if digit is None:
            return None
        number = number * 58 + digit
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def base58check_version(text: str) -> int | None:
    """The version byte of a valid 25-byte Base58Check address, else None."""
    raw = b58decode(text)
    if raw is None or len(raw) != 25:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload[0]


def _polymod(values: list[int]) -> int:
    generators = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(generators):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _convert_bits(data: list[int], source: int, target: int) -> list[int] | None:
    accumulator = bits = 0
    out = []
    maximum = (1 << target) - 1
    for value in data:
        accumulator = (accumulator << source) | value
        bits += source
        while bits >= target:
            bits -= target
            out.append((accumulator >> bits) & maximum)
    if bits >= source or (accumulator << (target - bits)) & maximum:
        return None  # non-zero padding
    return out


def segwit_valid(address: str) -> bool:
    """Whether ``address`` is a valid mainnet SegWit address (BIP 173 / BIP 350)."""
    if address.lower() != address and address.upper() != address:
        return False
    address = address.lower()
    hrp, _, data_part = address.rpartition("1")
    if hrp != "bc" or len(data_part) < 7 or len(address) > 90:
        return False
    data = [_BECH32_INDEX[c] for c in data_part]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    constant = _polymod(expanded + data)
    version = data[0]
    if constant not in (1, _BECH32M_CONST) or version > 16:
        return False
    if (version == 0) != (constant == 1):
        return False  # v0 uses bech32, v1+ bech32m
    program = _convert_bits(data[1:-6], 5, 8)
    if program is None or not 2 <= len(program) <= 40:
        return False
    return version != 0 or len(program) in (20, 32)


def eip55_valid(address: str) -> bool | None:
    """True/False for a mixed-case Ethereum address per EIP-55; None for a single-case one."""
    body = address[2:]
    if body.lower() == body or body.upper() == body:
        return None
    digest = keccak256(body.lower().encode("ascii")).hex()
    for char, nibble in zip(body, digest, strict=False):
        if char.isalpha() and char.isupper() != (int(nibble, 16) >= 8):
            return False
    return True


def _cued(text: str, start: int) -> bool:
    return _CUE_RE.search(text, max(0, start - 40), start) is not None


def find_wallets(folded: str) -> list[WalletHit]:
    """Bitcoin, Ethereum and TRON addresses in the folded text."""
    hits: list[WalletHit] = []
    for match in _BTC_B58_RE.finditer(folded):
        version = base58check_version(match.group())
        valid = version in (0x00, 0x05)
        if valid or _cued(folded, match.start()):
            hits.append(WalletHit(match.start(), match.end(), match.group(), "btc", valid))
    for match in _TRON_RE.finditer(folded):
        valid = base58check_version(match.group()) == 0x41
        if valid or _cued(folded, match.start()):
            hits.append(WalletHit(match.start(), match.end(), match.group(), "tron", valid))
    for match in _BECH32_RE.finditer(folded):
        valid = segwit_valid(match.group())
        if valid or _cued(folded, match.start()):
            hits.append(WalletHit(match.start(), match.end(), match.group().lower(), "btc", valid))
    for match in _ETH_RE.finditer(folded):
        checked = eip55_valid(match.group())
        if checked is not False or _cued(folded, match.start()):
            hits.append(WalletHit(match.start(), match.end(), match.group().lower(), "eth", checked))
    hits.sort(key=lambda h: h.start)
    return hits
