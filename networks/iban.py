"""International bank account numbers (ISO 13616), believed only when their check digits hold.

The two check digits make the whole number, read in base 36 with the country and check digits moved
to the end, equal 1 modulo 97: a mistyped or invented IBAN fails with odds of 96 in 97, and together
with the country's fixed length that is enough to tell an IBAN from a reference code. An IBAN that
fails is kept only right after the word "IBAN", marked invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Registered lengths (SWIFT IBAN registry); countries not listed are accepted at 15 to 34 characters.
LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip

_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
_CUE_RE = re.compile(r"\bIBAN\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IbanHit:
    start: int
    end: int
    value: str  # "iban:" + the IBAN without spaces
    valid: bool


def mod97_valid(iban: str) -> bool:
    """Whether the compact ``iban`` (no spaces, upper case) passes the ISO 7064 mod-97 check."""
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(char, 36)) for char in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def find_ibans(folded: str) -> list[IbanHit]:
    """IBANs in the folded text, spaced in fours or written together."""
    hits: list[IbanHit] = []
    for match in _IBAN_RE.finditer(folded):
        raw = match.group()
        positions = [match.start() + k for k, char in enumerate(raw) if char != " "]
        compact = raw.replace(" ", "")
        expected = LENGTHS.get(compact[:2])
        lengths = [expected] if expected else list(range(len(compact), 14, -1))
        for length in lengths:
            if length > len(compact):
                continue
            if mod97_valid(compact[:length]):
                end = positions[length - 1] + 1
                hits.append(IbanHit(match.start(), end, f"iban:{compact[:length]}", True))
                break
        else:
            if _CUE_RE.search(folded, max(0, match.start() - 20), match.start()):
                cut = min(len(compact), expected or len(compact))
                end = positions[cut - 1] + 1
                hits.append(IbanHit(match.start(), end, f"iban:{compact[:cut]}", False))
    return hits
