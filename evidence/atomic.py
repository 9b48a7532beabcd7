"""Durable, no-clobber file creation: the primitives evidence files and keys are written with.

A file under its final name must always be complete. So content is written to a temporary file,
flushed to disk, then given its final name by a hard link, which fails if the name is taken
(``os.replace`` would silently overwrite; evidence and keys are never overwritten). The
directories are fsynced so that the new names survive a power loss, not only a process crash.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

#: errors meaning "this filesystem has no hard links", where a rename is the best we can do
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}


def fsync_dir(path: Path) -> None:
    """Make the entries of ``path`` (new names, removals) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path, mode: int = 0o755) -> None:
    """Create ``path`` and missing parents, fsyncing each parent that gained an entry."""
    if path.is_dir():
        return
    make_dirs(path.parent, mode)
    try:
        path.mkdir(mode=mode)
    except FileExistsError:
        return
    fsync_dir(path.parent)


def publish(temporary: Path, final: Path) -> bool:
    """Give the complete, fsynced ``temporary`` file the name ``final`` unless that name exists.

    Returns False when ``final`` already existed (the caller decides what that means). The
    temporary name is left for the caller to remove.
    """
    try:
        os.link(temporary, final)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if final.exists():
            return False
        os.replace(temporary, final)
    fsync_dir(final.parent)
    return True
