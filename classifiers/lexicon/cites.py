"""Derive lexicon entries from the CITES Species+ checklist export.

Why a derivation and not a hand list: the checklist already names ~38,000 listed taxa with their
appendix and common names in three languages, and deriving keeps every entry traceable to a
TaxonId. The policy choices (which genera count as timber, how much a plant name is worth, which
common names are ordinary words) live here and in ``curated/ambiguous.yaml`` so they can be argued
about in review.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

from classifiers.lexicon.entry import Entry
from classifiers.lexicon.stoplist import Stoplist

#: Snapshot date of the shipped export; used in provenance strings.
SNAPSHOT = "2017-04-21"

#: CITES-listed genera whose trade is mainly wood, heartwood, resinous wood or wood oil.
#: Decisions: Aquilaria/Gyrinops (agarwood) and Osyris (East African sandalwood) are traded as wood
#: or wood chips and count as timber; Aniba rosaeodora (pau-rosa, distilled from wood) too.
#: Prunus africana (bark for medicine) and Taxus (taxane extracts) stay wildlife: their trade is
#: bark/extract, not timber. Santalum is not in the 2017 checklist, so sandalwood comes only from
#: curated trade terms.
TIMBER_GENERA = frozenset(
    {
        "Abies",
        "Aniba",
        "Aquilaria",
        "Araucaria",
        "Bulnesia",
        "Caesalpinia",
        "Cedrela",
        "Dalbergia",
        "Diospyros",
        "Dipteryx",
        "Fitzroya",
        "Gonystylus",
        "Guaiacum",
        "Gyrinops",
        "Magnolia",
        "Oreomunnea",
        "Osyris",
        "Pericopsis",
        "Pilgerodendron",
        "Platymiscium",
        "Podocarpus",
        "Pterocarpus",
        "Swietenia",
    }
)

# Base weights by kind of name; see ``weight_for``.
_BASE = {
    "species": 0.85,
    "genus": 0.7,
    "higher": 0.45,
    "synonym": 0.75,
    "common_multi": 0.7,
    "common_one": 0.55,
}
#: Most CITES plants in trade (orchids, cacti, succulents, cycads) are legally propagated and sold
#: openly; a name hit is much weaker evidence than for an animal or a timber species.
_PLANT_FACTOR = 0.5
_MAX_WORDS = 6
_MIN_SINGLE_WORD = 4

# A Latin binomial or trinomial inside a synonym list ("Crocodilus lacunosus Geoffroy, 1827, ...").
_SYNONYM_RE = re.compile(
    r"\b([A-Z][a-z]+(?:-[a-z]+)?) (?:\([A-Z][a-z]+\) )?([a-z][a-z-]{2,})"
    r"(?: (?:(?:subsp|ssp|var|f)\. )?([a-z][a-z-]{2,}))?"
)
_AUTHOR_PARTICLES = frozenset(
    {"de", "del", "der", "den", "van", "von", "dos", "das", "ex", "and", "et", "la", "le"}
)


def appendix_adjust(listing: str) -> float:
    """Appendix I species are the ones whose commercial trade is banned: a hit means more."""
    parts = set(listing.split("/"))
    if "I" in parts:
        return 0.1
    if parts <= {"III", "NC", ""}:
        return -0.1
    return 0.0


def weight_for(name_kind: str, listing: str, plant: bool, category: str) -> float:
    weight = _BASE[name_kind] + appendix_adjust(listing)
    if plant and category != "timber":
        weight *= _PLANT_FACTOR
    return round(min(1.0, max(0.05, weight)), 3)


def parse_synonyms(text: str) -> list[str]:
    """Latin names without authors from a ``SynonymsWithAuthors`` cell."""
    names: list[str] = []
    for match in _SYNONYM_RE.finditer(text):
        genus, epithet, infra = match.groups()
        if epithet in _AUTHOR_PARTICLES:
            continue
        name = f"{genus} {epithet}"
        if infra and infra not in _AUTHOR_PARTICLES:
            name += f" {infra}"
        names.append(name)
    return names


def split_common(cell: str) -> list[str]:
    return [name.strip() for name in cell.split(",") if name.strip()]


def usable_name(name: str) -> bool:
    """Names worth matching against marketplace text: not too long, not a tiny word."""
    words = name.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    letters = sum(ch.isalpha() for ch in name)
    return not (len(words) == 1 and letters < _MIN_SINGLE_WORD)


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def derive_entries(path: Path, stoplist: Stoplist) -> Iterator[Entry]:
    """All entries for one checklist file; the stoplist can drop or re-weight any derived name."""
    for row in read_rows(path):
        for entry in _row_entries(row):
            adjusted = stoplist.apply(entry)
            if adjusted is not None:
                yield adjusted


def _row_entries(row: dict[str, str]) -> Iterator[Entry]:
    genus = row.get("Genus", "")
    category = "timber" if genus in TIMBER_GENERA else "wildlife"
    plant = row.get("Kingdom") == "Plantae"
    listing = row.get("CurrentListing", "")
    source = f"CITES Species+ {SNAPSHOT}, TaxonId {row.get('TaxonId', '?')}"
    rank = row.get("RankName", "")
    full = " ".join(row.get("FullName", "").split())

    def make(term: str, lang: str, kind: str, name_kind: str) -> Entry:
        return Entry(
            term, lang, kind, category, listing, weight_for(name_kind, listing, plant, category), source
        )

    if full and usable_name(full):
        if rank in {"SPECIES", "SUBSPECIES", "VARIETY"}:
            yield make(full, "la", "scientific", "species")
        else:
            # Genus and higher names are single words and may be ordinary words ("Circus", "Puma"):
            # ``derive_entries`` applies the stoplist to them like to every derived name.
            yield make(full, "la", "scientific", "genus" if rank == "GENUS" else "higher")
    for synonym in parse_synonyms(row.get("SynonymsWithAuthors", "")):
        if usable_name(synonym):
            yield make(synonym, "la", "synonym", "synonym")
    for column, lang in (("EnglishNames", "en"), ("SpanishNames", "es"), ("FrenchNames", "fr")):
        for name in split_common(row.get(column, "")):
            if not usable_name(name):
                continue
            yield make(name, lang, "common", "common_multi" if len(name.split()) > 1 else "common_one")
