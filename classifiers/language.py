"""The language a listing is written in, identified from its title and description.

Why not the page's ``lang`` attribute: that is the site's declaration (a marketplace's template says
``en`` around every seller's ad, whatever the seller wrote), so Spanish, Vietnamese and Indonesian
offers were reported as English and the review queue's language filter missed them.

The library is py3langid (BSD-3-Clause; a maintained fork of langid.py, naive Bayes over byte
n-grams, its model file inside the wheel, nothing fetched at run time). Compared on the demo
catalogue (seed 7, 3,000 listings + the hostile site's 10; the same <=384-byte samples; one pinned
core, best of 3 passes; ``python bench/language_id.py``):

===================================  =========  ====================================================
identifier                           µs/listing accuracy en / es / fr / id / pt / vi / zh
===================================  =========  ====================================================
py3langid 0.4, these 48 candidates   67         1.00 / 1.00 / 1.00 / 0.965 / 1.00 / 1.00 / 1.00
py3langid 0.4, all 140 labels        70         0.958 / 0.939 / 1.00 / 0.864 / 1.00 / 1.00 / 0.879
lingua 2.1, all 75, high accuracy    2,195      0.995 / 0.998 / 1.00 / 0.965 / 1.00 / 1.00 / 1.00
lingua 2.1, all 75, low accuracy     560        0.969 / 0.986 / 1.00 / 0.776 / 0.981 / 0.991 / 1.00
lingua 2.1, the 7 only, low acc.     99         0.997 / 0.991 / 1.00 / 1.00 / 0.984 / 0.991 / 1.00
langdetect 1.0.9                     2,773      0.994 / 0.993 / 0.992 / 0.934 / 1.00 / 1.00 / 0.784
pycld2 0.42, best effort             16         0.998 / 0.944 / 0.944 / 0.939 / 0.979 / 1.00 / 1.00
===================================  =========  ====================================================

py3langid over its full label set is as fast but loses short texts to regional neighbours of the
watched languages (Wu for Chinese, Nigerian Pidgin for English, Galician for Spanish, Javanese for
Indonesian), which marketplaces rarely use. So the candidates are the seven watched languages
plus the other major languages of the trade's source, transit and market countries: others are
still named (German, Thai, Russian...) and fall to the nearest candidate when not listed. The one
confusion left is a real one: ~3.5 % of the demo's Indonesian listings read as Malay. lingua is
as accurate but 30x slower over all its languages, and over the seven alone it cannot name any
other. The classifier's whole budget is 200 µs a listing (5,000/s on one core); loading the
model takes ~0.8 s (~110 MB at peak, ~70 MB resident after), once per process, on first use.

Cost is linear in the bytes scanned, so only the first :data:`MAX_TEXT_BYTES` UTF-8 bytes are used
(~380 Latin or ~128 Chinese characters: far more than identification needs). Text with no letter,
or whose best language scores under :data:`MIN_CONFIDENCE` (length-calibrated by the library), is
undecidable: ``None``, never a guess.

There is no batch form: the library scores one text at a time, so a batch would only be a loop.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from classifiers.build_cache import cached_build

#: the demo's seven languages, the ones the lexicon and the classifier are built for
WATCHED_LANGUAGES = ("en", "es", "fr", "id", "pt", "vi", "zh")
#: every language the identifier can answer (ISO 639-1); others fall to the nearest of these
CANDIDATE_LANGUAGES = (
    *WATCHED_LANGUAGES,
    "af", "am", "ar", "bn", "ca", "cs", "da", "de", "el", "fa", "fi", "ha", "he", "hi", "hu", "it",
    "ja", "km", "ko", "lo", "mn", "ms", "my", "ne", "nl", "no", "pl", "ro", "ru", "si", "sk", "sv",
    "sw", "ta", "th", "tl", "tr", "uk", "ur", "yo", "zu",
)  # fmt: skip
MAX_TEXT_BYTES = 384
#: the library's normalised probability of its best language; under it the answer is None
MIN_CONFIDENCE = 0.3
#: what the library answers under ``min_confidence``
_UNDECIDED = "und"

_lock = threading.Lock()
_identifier: Any = None


def _load() -> Any:
    """The identifier, once per process, on first use: built from the library's model (about a
    second and ~110 MB at peak) or taken from the build cache. A process that never identifies a
    language never pays for it."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE

            files = [Path(MODEL_DIR) / MODEL_FILE, Path(__file__)]
            _identifier = cached_build("language-id", files, _build_identifier)
        return _identifier


def prepare() -> None:
    """Load the identifier now (a crawl calls it while it sets up, so its first page does not
    hold the reactor for the load)."""
    _load()


def _build_identifier() -> Any:
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(list(CANDIDATE_LANGUAGES))
    # set_languages leaves a column slice of the half-precision table, so each text's few
    # hundred feature rows are gathered with strided reads. A row-major float32 copy of just
    # the candidates' columns is ~2x faster and lets the full table go.
    return LanguageIdentifier(
        np.ascontiguousarray(full.nb_ptc, dtype=np.float32),
        full.nb_pc,
        list(full.nb_classes),
        full.tk_nextmove,
        full.tk_output,
        norm_probs=True,
        min_confidence=MIN_CONFIDENCE,
        tk_row=full.tk_row,
    )


def sample(title: str | None, description: str | None) -> bytes | None:
    """The bytes identification reads: title then description, cut to :data:`MAX_TEXT_BYTES`
    (the library drops a character cut in half); None when there is no letter to read."""
    text = "\n".join(part[:MAX_TEXT_BYTES] for part in (title, description) if part)
    head = text[:MAX_TEXT_BYTES]
    if not any(ch.isalpha() for ch in head):
        return None
    # scraped text can hold lone surrogates; they are not UTF-8 and carry no language
    return head.encode("utf-8", errors="replace")[:MAX_TEXT_BYTES]


def identify_language(title: str | None, description: str | None) -> str | None:
    """ISO 639-1 code of the language the listing is written in, or None when undecidable."""
    data = sample(title, description)
    if data is None:
        return None
    label, _confidence = _load().classify(data)
    return None if label == _UNDECIDED else str(label)
