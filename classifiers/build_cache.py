"""A disk cache for the matchers the classifier builds from its data files at start-up.

Building the lexicon's automaton and fuzzy index (85,000 entries) and the cue matcher costs
every process two to three seconds, and the result depends only on the data files and on the
code that builds it. So the built object is pickled once into a cache folder, under a name that
is the SHA-256 of those files (and of the Python and library versions whose objects it holds);
any other process of the same checkout loads it in a fraction of the time. A changed data file
or a changed builder gives another name, so a stale object is never used; an unreadable entry
is rebuilt. It is a cache, like ``__pycache__``: deleting it loses nothing.

The folder is ``$ECOWARDEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/ecowarden``, else
``~/.cache/ecowarden``; ``ECOWARDEN_CACHE_DIR=off`` switches the cache off. Only this user's
own folder is read (unpickling runs code, as loading a module from ``__pycache__`` does).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import platform
import sys
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from classifiers.files import replace_atomically

logger = logging.getLogger(__name__)

T = TypeVar("T")
CACHE_ENV = "ECOWARDEN_CACHE_DIR"
#: versions of the libraries whose objects are pickled or which read the inputs
_LIBRARIES = ("pyahocorasick", "py3langid", "PyYAML", "numpy")
#: cached builds of other inputs kept per name (checkouts of several branches share the folder)
KEEP_OTHER_BUILDS = 1
#: a temporary file older than this was left by a killed writer
STRAY_AFTER_S = 3600.0


def cache_dir() -> Path | None:
    """Where built objects are kept, or None when the cache is switched off."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ecowarden"


def fingerprint(name: str, files: Iterable[Path]) -> str:
    """The SHA-256 of everything a built object depends on: its files' names and bytes, and the
    versions of Python and of the libraries whose objects it may hold."""
    digest = hashlib.sha256(name.encode())
    digest.update(f"{sys.version}|{platform.machine()}|{pickle.HIGHEST_PROTOCOL}".encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"|{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{library}=none".encode())
    for path in sorted(Path(p) for p in files):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached_build(name: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or the object an earlier ``build()`` of the same ``files`` left in the cache."""
    files = list(files)
    try:
        folder = cache_dir()
    except RuntimeError as exc:  # no HOME and no passwd entry (a container's arbitrary uid)
        logger.info("no build cache: %s", exc)
        folder = None
    if folder is None:
        return build()
    key = fingerprint(name, files)
    path = folder / f"{name}-{key[:32]}.pickle"
    trusted = False
    try:
        trusted = _own(folder)
        if trusted and path.is_file() and _own(path):
            cached: T = _load(path)
            return cached
    except Exception as exc:  # unreadable folder, pruned meanwhile, truncated, another version...
        logger.warning("rebuilding %s: its cached copy in %s cannot be used (%s)", name, folder, exc)
    built = build()
    if trusted or not folder.exists():
        try:
            _store(folder, path, name, built)
        except Exception as exc:  # a read-only home or a full disk: the next process rebuilds
            logger.info("could not cache %s in %s: %s", name, folder, exc)
    return built


def _own(path: Path) -> bool:
    """Only a file this user wrote, in a folder others cannot write to, is unpickled (and only
    such a folder is written to: what is stored elsewhere would never be read)."""
    if not hasattr(os, "getuid"):
        return True
    if not path.exists():
        return False
    info = path.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        logger.warning("not using %s: it is not this user's own, or others may write to it", path)
        return False
    return True


def _load(path: Path) -> Any:
    # a million small objects and no cycles among them: the cyclic GC would only slow this down
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(path.read_bytes())
    finally:
        if was_enabled:
            gc.enable()


def _store(folder: Path, path: Path, name: str, built: object) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    replace_atomically(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    # builds of other data (an older checkout, another branch): keep the newest few
    others = sorted(
        (old for old in folder.glob(f"{name}-*.pickle") if old != path),
        key=lambda old: old.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP_OTHER_BUILDS:]:
        old.unlink(missing_ok=True)
    for stray in folder.glob(f".{name}-*.pickle.*"):  # left by a process killed while writing
        if stray.stat().st_mtime < time.time() - STRAY_AFTER_S:
            stray.unlink(missing_ok=True)
