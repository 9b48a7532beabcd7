"""Spelled-out digits in the watched languages, as the digits they stand for.

Sellers dodge phone filters by writing "zero nine one...", "không chín...", "nol delapan...",
"一三八..." or, in French, Spanish and Portuguese, the pairs a number is read in ("zéro six douze
trente-quatre"). Each table maps a spelling to the digits it stands for; a two-digit reading maps to
two digits. English is always looked for besides the listing's language (mixed spellings such as
"5five5" are common whatever the language); with no language, every table is used.

Words are lower-case; accented and unaccented spellings are both listed where sellers use both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = {
    "twenty": 2,
    "thirty": 3,
    "forty": 4,
    "fifty": 5,
    "sixty": 6,
    "seventy": 7,
    "eighty": 8,
    "ninety": 9,
}


def _english() -> dict[str, str]:
    words = {word: str(i) for i, word in enumerate(_EN_UNITS)}
    words["oh"] = "0"
    words.update({word: str(10 + i) for i, word in enumerate(_EN_TEENS)})
    for tens_word, tens in _EN_TENS.items():
        words[tens_word] = f"{tens}0"
        for unit in range(1, 10):
            for joiner in ("-", " "):
                words[f"{tens_word}{joiner}{_EN_UNITS[unit]}"] = f"{tens}{unit}"
    return words


_ES_UNITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
_ES_TEENS = {
    "diez": "10",
    "once": "11",
    "doce": "12",
    "trece": "13",
    "catorce": "14",
    "quince": "15",
    "dieciséis": "16",
    "dieciseis": "16",
    "diecisiete": "17",
    "dieciocho": "18",
    "diecinueve": "19",
    "veinte": "20",
    "veintiuno": "21",
    "veintidós": "22",
    "veintidos": "22",
    "veintitrés": "23",
    "veintitres": "23",
    "veinticuatro": "24",
    "veinticinco": "25",
    "veintiséis": "26",
    "veintiseis": "26",
    "veintisiete": "27",
    "veintiocho": "28",
    "veintinueve": "29",
}
_ES_TENS = {
    "treinta": 3,
    "cuarenta": 4,
    "cincuenta": 5,
    "sesenta": 6,
    "setenta": 7,
    "ochenta": 8,
    "noventa": 9,
}


def _spanish() -> dict[str, str]:
    words = {word: str(i) for i, word in enumerate(_ES_UNITS)}
    words["una"] = "1"
    words.update(_ES_TEENS)
    for tens_word, tens in _ES_TENS.items():
        words[tens_word] = f"{tens}0"
        for unit in range(1, 10):
            words[f"{tens_word} y {_ES_UNITS[unit]}"] = f"{tens}{unit}"
    return words


_PT_UNITS = ("zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove")
_PT_TEENS = {
    "dez": "10",
    "onze": "11",
    "doze": "12",
    "treze": "13",
    "catorze": "14",
    "quatorze": "14",
    "quinze": "15",
    "dezesseis": "16",
    "dezasseis": "16",
    "dezessete": "17",
    "dezassete": "17",
    "dezoito": "18",
    "dezenove": "19",
    "dezanove": "19",
}
_PT_TENS = {
    "vinte": 2,
    "trinta": 3,
    "quarenta": 4,
    "cinquenta": 5,
    "sessenta": 6,
    "setenta": 7,
    "oitenta": 8,
    "noventa": 9,
}


def _portuguese() -> dict[str, str]:
    words = {word: str(i) for i, word in enumerate(_PT_UNITS)}
    # "meia" (half a dozen) is how Brazilians read a 6 aloud; "tres" is "três" typed without accent
    words.update({"uma": "1", "duas": "2", "tres": "3", "meia": "6"})
    words.update(_PT_TEENS)
    for tens_word, tens in _PT_TENS.items():
        words[tens_word] = f"{tens}0"
        for unit in range(1, 10):
            words[f"{tens_word} e {_PT_UNITS[unit]}"] = f"{tens}{unit}"
            if unit == 3:
                words[f"{tens_word} e tres"] = f"{tens}{unit}"
    return words


_FR_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
_FR_TEENS = (
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
)


def _french() -> dict[str, str]:
    words = {word: str(i) for i, word in enumerate(_FR_UNITS)}
    words.update({"zero": "0", "une": "1"})
    words.update({word: str(10 + i) for i, word in enumerate(_FR_TEENS)})
    tens_words = {"vingt": 2, "trente": 3, "quarante": 4, "cinquante": 5, "soixante": 6}
    # Belgian and Swiss readings
    tens_words.update({"septante": 7, "huitante": 8, "octante": 8, "nonante": 9})
    for tens_word, tens in tens_words.items():
        words[tens_word] = f"{tens}0"
        words[f"{tens_word} et un"] = f"{tens}1"
        words[f"{tens_word}-et-un"] = f"{tens}1"
        for unit in range(1, 10):
            words[f"{tens_word}-{_FR_UNITS[unit]}"] = f"{tens}{unit}"
            words[f"{tens_word} {_FR_UNITS[unit]}"] = f"{tens}{unit}"
    # 70-79 and 90-99 count on from 60 and 80: soixante-douze, quatre-vingt-dix-sept
    for base_word, base in (("soixante", 60), ("quatre-vingt", 80), ("quatre vingt", 80)):
        if base == 80:
            words[base_word] = "80"
            words[base_word + "s"] = "80"
            for unit in range(1, 10):
                words[f"{base_word}-{_FR_UNITS[unit]}"] = str(80 + unit)
                words[f"{base_word} {_FR_UNITS[unit]}"] = str(80 + unit)
        for i, teen in enumerate(_FR_TEENS):
            for joiner in ("-", " "):
                words[f"{base_word}{joiner}{teen}"] = str(base + 10 + i)
                words[f"{base_word}{joiner}{teen.replace('-', ' ')}"] = str(base + 10 + i)
        words[f"{base_word} et onze"] = str(base + 11)
        words[f"{base_word}-et-onze"] = str(base + 11)
    return words


def _vietnamese() -> dict[str, str]:
    spellings = {
        "0": ("không", "khong", "hông"),
        "1": ("một", "mot", "mốt"),
        "2": ("hai",),
        "3": ("ba",),
        "4": ("bốn", "bon", "tư"),
        "5": ("năm", "nam", "lăm"),
        "6": ("sáu", "sau"),
        "7": ("bảy", "bay", "bẩy"),
        "8": ("tám", "tam"),
        "9": ("chín", "chin"),
    }
    return {word: digit for digit, group in spellings.items() for word in group}


def _indonesian() -> dict[str, str]:
    spellings = {
        "0": ("nol", "kosong"),
        "1": ("satu", "se"),
        "2": ("dua",),
        "3": ("tiga",),
        "4": ("empat",),
        "5": ("lima",),
        "6": ("enam",),
        "7": ("tujuh",),
        "8": ("delapan", "lapan"),
        "9": ("sembilan",),
    }
    words = {word: digit for digit, group in spellings.items() for word in group}
    del words["se"]  # a prefix, never a digit on its own
    return words


WORDS: Mapping[str, Mapping[str, str]] = {
    "en": _english(),
    "es": _spanish(),
    "fr": _french(),
    "pt": _portuguese(),
    "vi": _vietnamese(),
    "id": _indonesian(),
}

# Chinese digits, one character for one digit: everyday, financial (大写) and traditional forms.
# 幺 is how 1 is read in phone numbers; 〇 and 零 are both zero. 两 is left out: it counts things.
CJK_DIGITS: Mapping[str, str] = {
    **dict.fromkeys("零〇洞", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰貳", "2"),
    **dict.fromkeys("三叁參", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}


def words_for(language: str | None) -> dict[str, str]:
    """The spellings to look for in a listing of ``language`` (English always included)."""
    if language is None or language not in WORDS:
        merged: dict[str, str] = {}
        for table in WORDS.values():
            for word, digits in table.items():
                merged.setdefault(word, digits)
        return merged
    return {**WORDS["en"], **WORDS[language]}


_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie, longest spelling first at each branch.

    Python's ``re`` tries alternatives one by one; factoring the common prefixes keeps the cost per
    position small even with hundreds of spellings, and trying the longer branch first makes
    "fourteen" win over "four". The empty key marks the end of a word.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: _Trie) -> str:
    ends_here = "" in node
    children = sorted((char for char in node if char), key=lambda char: -_depth(node[char]))
    branches = [re.escape(char) + _node_pattern(node[char]) for char in children]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def _depth(node: _Trie) -> int:
    return 1 + max((_depth(child) for key, child in node.items() if key), default=0)
