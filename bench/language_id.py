"""Language identification on the demo catalogue: accuracy per language and µs per listing, one core.

Compares the project's identifier (``classifiers.language``: py3langid over its candidate
languages) with py3langid over all its labels and, when they are installed, lingua, langdetect
and pycld2 (not dependencies of the project: ``pip install lingua-language-detector langdetect
pycld2`` to include them). Every library reads the same bytes (``classifiers.language.sample``).
The figures in classifiers/language.py's docstring come from here.

    python bench/language_id.py [--seed 7] [--n 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers.language import (  # noqa: E402
    CANDIDATE_LANGUAGES,
    WATCHED_LANGUAGES,
    identify_language,
    sample,
)
from demo.catalogue import generate_catalogue  # noqa: E402

Identify = Callable[[str], "str | None"]


def _py3langid_all() -> Identify:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return lambda text: str(identifier.classify(text)[0])


def _lingua(languages: tuple[str, ...] | None, low_accuracy: bool) -> Identify:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    if languages is None:
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in languages]
        builder = LanguageDetectorBuilder.from_languages(*chosen)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def identify(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return None if found is None else str(found.iso_code_639_1.name.lower())

    return identify


def _langdetect() -> Identify:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # its sampling is random otherwise

    def identify(text: str) -> str | None:
        try:
            return str(detect(text)).split("-")[0]
        except LangDetectException:
            return None

    return identify


def _pycld2() -> Identify:
    import pycld2

    def identify(text: str) -> str | None:
        try:
            _reliable, _size, details = pycld2.detect(text, isPlainText=True, bestEffort=True)
        except pycld2.error:
            return None
        code = str(details[0][1]).split("-")[0]
        return None if code == "un" else code

    return identify


def candidates() -> list[tuple[str, Callable[[], Identify]]]:
    found: list[tuple[str, Callable[[], Identify]]] = [
        (
            f"py3langid, {len(CANDIDATE_LANGUAGES)} candidates (project)",
            lambda: lambda text: identify_language(text, None),
        ),
        ("py3langid, all labels", _py3langid_all),
    ]
    if importlib.util.find_spec("lingua"):
        found += [
            ("lingua, all, high accuracy", lambda: _lingua(None, False)),
            ("lingua, all, low accuracy", lambda: _lingua(None, True)),
            ("lingua, watched 7, low accuracy", lambda: _lingua(WATCHED_LANGUAGES, True)),
        ]
    if importlib.util.find_spec("langdetect"):
        found.append(("langdetect", _langdetect))
    if importlib.util.find_spec("pycld2"):
        found.append(("pycld2, best effort", _pycld2))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    catalogue = generate_catalogue(args.seed, args.n)
    listings = [*catalogue.listings, *catalogue.hostile]
    texts = [(sample(x.title, x.description) or b"").decode("utf-8", "ignore") for x in listings]
    truth = [x.language for x in listings]
    totals = Counter(truth)
    print(f"{len(listings)} demo listings (seed {args.seed}): {dict(sorted(totals.items()))}")
    print(f"mean sample {statistics.mean(len(t.encode()) for t in texts):.0f} bytes")
    for name, make in candidates():
        started = time.perf_counter()
        identify = make()
        identify(texts[0])
        load_ms = (time.perf_counter() - started) * 1000
        passes = []
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            answers = [identify(t) for t in texts]
            passes.append((time.perf_counter() - started) / len(texts) * 1e6)
        right = Counter(lang for lang, got in zip(truth, answers, strict=True) if got == lang)
        wrong = Counter((lang, got) for lang, got in zip(truth, answers, strict=True) if got != lang)
        per = " ".join(f"{lang} {right[lang] / totals[lang]:.3f}" for lang in sorted(totals))
        print(
            f"{name:<40} {min(passes):>7.1f} µs/listing (median {statistics.median(passes):.1f}), "
            f"load {load_ms:.0f} ms | overall {sum(right.values()) / len(truth):.4f} | {per}"
        )
        print(f"{'':<40} most common errors: {wrong.most_common(5)}")


if __name__ == "__main__":
    main()
