"""One-edit misspelling search ("pangolim", "rhino hron") via symmetric deletes.

Why this design: enumerating every one-edit variant of every term would need ~50 keys per letter;
storing only *deletion* variants of terms and looking up deletion variants of a text token finds
all substitutions, insertions, deletions and adjacent swaps with a handful of dict lookups.
Candidates are then verified with an exact distance check. Text tokens repeat a lot across
listings, so per-token results are cached; only tokens that could be a term are looked up (long
enough, Latin letters, not already an exact hit), and word pairs only when one word belongs to a
multi-word term.

Precision rules, because a one-edit guess on an ordinary word is worse than no guess ("seater" ->
"Sea Otter", "single" -> "Sing eel", "cultures" -> "Vultures"):

* keys shorter than ``MIN_LEN`` letters are never guessed at: most six-letter words are one edit
  from some other word;
* a text word that is a common word of a watched language (``guards.py``) is never a misspelling,
  nor a word pair made only of common words;
* a single text word may stand for a multi-word term only when the term is long (``GLUED_MIN``):
  gluing words *and* misspelling them is rare, and short glued keys meet ordinary words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Shortest compact key (after folding) worth a fuzzy guess.
MIN_LEN = 7
#: Short keys must also keep their first letter: cheap protection against ordinary words.
FIRST_LETTER_BELOW = 8
#: Shortest multi-word key that one text word may fuzzily stand for ("sunconur" -> "sun conure").
GLUED_MIN = 9
_CACHE_LIMIT = 200_000
#: Words of curated phrases too common in ordinary listings to trigger word-pair fuzzing.
_GENERIC = frozenset(
    "black white mixed grade scrap waste rough uncut carved african liquid sinking plastic used "
    "chips tubes board monitors circuit electronic electronica electronico electronicos bales "
    "madera madeira negro powder green brown".split()
)


def within_one_edit(a: str, b: str) -> bool:
    """Optimal-string-alignment distance of ``a`` and ``b`` is at most one."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    shortest = min(la, lb)
    while i < shortest and a[i] == b[i]:
        i += 1
    if i == shortest:
        return True
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class FuzzyIndex:
    """Deletion index over compact term keys (Latin script, at least ``MIN_LEN`` letters).

    ``terms`` are (key, entry index, words of the key for word-pair anchors, whether the term has
    several words); ``common`` are folded common words, never taken for misspellings.
    """

    def __init__(
        self,
        terms: Iterable[tuple[str, int, tuple[str, ...], bool]],
        exact_keys: Iterable[str],
        common: Iterable[str] = (),
    ) -> None:
        self._keys: list[str] = []
        self._entries: list[list[int]] = []
        self._glued_only: list[bool] = []  # multi-word key too short to meet a single text word
        key_ids: dict[str, int] = {}
        #: deletion variant -> key ids; a single id is stored bare when pickled (see __getstate__)
        self._deletes: dict[str, list[int] | int] = {}
        self.anchors: set[str] = set()
        common_words = frozenset(common)
        for key, entry_index, words, multiword in terms:
            kid = key_ids.get(key)
            if kid is None:
                kid = key_ids[key] = len(self._keys)
                self._keys.append(key)
                self._entries.append([])
                self._glued_only.append(multiword and len(key) < GLUED_MIN)
                for variant in deletions(key) | {key}:
                    ids = self._deletes.setdefault(variant, [])
                    assert isinstance(ids, list)
                    ids.append(kid)
                if len(words) > 1:
                    # An ordinary word ("leather" of "python leather") as anchor would cost the
                    # word-pair loop on most listings.
                    self.anchors.update(
                        w for w in words if len(w) >= 5 and w not in _GENERIC and w not in common_words
                    )
            elif not multiword:
                self._glued_only[kid] = False
            self._entries[kid].append(entry_index)
        self._exact = frozenset(exact_keys)
        self._common = common_words
        self._cache: dict[str, tuple[int, ...]] = {}
        self._checked: set[str] = set()  # single words already looked up
        self._hits: dict[str, tuple[int, ...]] = {}  # those of them with fuzzy hits

    def __len__(self) -> int:
        return len(self._keys)

    def __getstate__(self) -> dict[str, Any]:
        # 300,000 deletion variants, almost all of one key: bare ids unpickle a third faster than
        # one-element lists, and this is read at every process start
        state = self.__dict__.copy()
        state["_deletes"] = {
            k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in self._deletes.items()
        }
        return state

    def _near(self, word: str) -> tuple[int, ...]:
        """Key ids exactly one edit away from ``word`` (cached)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result: list[int] = []
        if len(word) >= MIN_LEN - 1 and word not in self._exact and word.isascii() and word.isalpha():
            seen: set[int] = set()
            for variant in deletions(word) | {word}:
                ids = self._deletes.get(variant)
                if ids is None:
                    continue
                for kid in (ids,) if isinstance(ids, int) else ids:
                    if kid in seen:
                        continue
                    seen.add(kid)
                    key = self._keys[kid]
                    if len(key) < FIRST_LETTER_BELOW and key[0] != word[0]:
                        continue
                    if key != word and within_one_edit(word, key):
                        result.append(kid)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        found = tuple(result)
        self._cache[word] = found
        return found

    def lookup(self, word: str) -> tuple[int, ...]:
        """Entry indices whose key is exactly one edit away from the single text word ``word``."""
        if word in self._common:
            return ()
        out: list[int] = []
        for kid in self._near(word):
            if not self._glued_only[kid]:
                out.extend(self._entries[kid])
        return tuple(out)

    def lookup_pair(self, first: str, second: str) -> tuple[int, ...]:
        """Entry indices whose key is one edit away from two adjacent text words run together."""
        if first in self._common and second in self._common:
            return ()
        out: list[int] = []
        for kid in self._near(first + second):
            out.extend(self._entries[kid])
        return tuple(out)

    def search(
        self, words: list[str], ends: list[int], covered: list[tuple[int, int]]
    ) -> list[tuple[int, int, int]]:
        """(start, end, entry index) in compact offsets of fuzzy hits, skipping spans already hit.

        ``words`` are the text's words in order and ``ends`` their cumulative compact end offsets.
        The common case (no word could be a misspelt term) costs two C-level set operations.
        """
        present = set(words)
        for word in present - self._checked:
            self._remember(word)
        pairs = bool(present & self.anchors)
        if not pairs and not (present & self._hits.keys()):
            return []
        out: list[tuple[int, int, int]] = []
        hits = self._hits
        for i, word in enumerate(words):
            start = ends[i] - len(word)
            if word in hits and not _overlaps(start, ends[i], covered):
                out.extend((start, ends[i], e) for e in hits[word])
            if pairs and i + 1 < len(words) and (word in self.anchors or words[i + 1] in self.anchors):
                if not _overlaps(start, ends[i + 1], covered):
                    out.extend((start, ends[i + 1], e) for e in self.lookup_pair(word, words[i + 1]))
        return out

    def _remember(self, word: str) -> None:
        if len(self._checked) >= _CACHE_LIMIT:
            self._checked.clear()
            self._hits.clear()
        self._checked.add(word)
        found = self.lookup(word)
        if found:
            self._hits[word] = found


def _overlaps(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in covered)
