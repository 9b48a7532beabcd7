"""The build cache: a built object comes back only for the very files it was built from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from classifiers import build_cache
from classifiers.build_cache import CACHE_ENV, cached_build


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"built": self.calls}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_built_once_then_loaded(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    build = Builder()
    assert cached_build("thing", [data], build) == {"built": 1}
    assert cached_build("thing", [data], build) == {"built": 1}
    assert build.calls == 1
    assert len(list(cache.glob("thing-*.pickle"))) == 1
    assert (cache.stat().st_mode & 0o777) == 0o700


def test_a_changed_input_is_rebuilt_and_old_builds_are_pruned(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "terms.txt"
    build = Builder()
    for n in range(6):
        data.write_text(f"version {n}\n")
        assert cached_build("thing", [data], build) == {"built": n + 1}
    assert build.calls == 6
    kept = list(cache.glob("thing-*.pickle"))
    assert len(kept) == 1 + build_cache.KEEP_OTHER_BUILDS


def test_an_unreadable_entry_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    build = Builder()
    cached_build("thing", [data], build)
    (entry,) = cache.glob("thing-*.pickle")
    entry.write_bytes(entry.read_bytes()[:5])  # truncated, as by a full disk
    assert cached_build("thing", [data], build) == {"built": 2}
    assert cached_build("thing", [data], build) == {"built": 2}  # and stored again


def test_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    build = Builder()
    cached_build("thing", [data], build)
    cached_build("thing", [data], build)
    assert build.calls == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_trusted(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    build = Builder()
    cached_build("thing", [data], build)
    cache.chmod(0o777)
    try:
        assert cached_build("thing", [data], build) == {"built": 2}
    finally:
        cache.chmod(0o700)


def test_an_unwritable_folder_still_builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # cannot be created: a file is in the way
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    assert cached_build("thing", [data], Builder()) == {"built": 1}


def test_the_classifier_s_matchers_come_back_equal(cache: Path) -> None:
    """The lexicon, the cue matcher and the language identifier give the same answers loaded
    from the cache as built."""
    from classifiers import cues, language
    from classifiers.features import cue_matcher
    from classifiers.lexicon.matcher import DEFAULT_PATH, _build

    text = "Genuine ivory bangle for sale, Loxodonta africana, ngà voi thật giá rẻ, 象牙手镯 出售 Solo"
    fresh = _build(DEFAULT_PATH)
    code = sorted(DEFAULT_PATH.parent.glob("*.py"))
    cached_build("lexicon", [DEFAULT_PATH, *code], lambda: fresh)
    loaded = cached_build("lexicon", [DEFAULT_PATH, *code], lambda: pytest.fail("not cached"))
    assert loaded is not fresh and loaded.match(text) == fresh.match(text)
    matcher = cues.CueMatcher(cues.load_terms())
    files = [Path(cues.__file__), *cues.DATA_DIR.glob("*.yaml")]
    cached_build("cues", files, lambda: matcher)
    again = cached_build("cues", files, lambda: pytest.fail("not cached"))
    assert again.counts(text) == matcher.counts(text) == cue_matcher().counts(text)
    identifier = language._build_identifier()
    cached_build("language-id", [Path(cues.__file__)], lambda: identifier)
    restored = cached_build("language-id", [Path(cues.__file__)], lambda: pytest.fail("not cached"))
    sample = "ngà voi thật giá rẻ, ship toàn quốc".encode()
    assert restored is not identifier and restored.classify(sample) == identifier.classify(sample)
    assert restored.classify(sample)[0] == "vi"


def test_no_home_still_builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    assert cached_build("thing", [data], Builder()) == {"built": 1}


def test_an_entry_that_cannot_be_pickled_still_returns_the_build(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "terms.txt"
    data.write_text("ivory\n")
    built = cached_build("thing", [data], lambda: lambda: "a lambda cannot be pickled")
    assert built() == "a lambda cannot be pickled"
    assert list(cache.glob("thing-*.pickle")) == []
