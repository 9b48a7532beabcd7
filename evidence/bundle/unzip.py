"""Unpack an untrusted bundle zip safely, or refuse it with a one-line :class:`BundleFormatError`.

The zip is extracted into a private temporary folder only after every entry has been checked (no
absolute paths, ``..``, links, duplicates, a name that is both a file and a folder, or more bytes
than the limit), and the bytes actually inflated are counted against the limit too, so a hostile
bundle cannot write outside the folder or fill the disk, whatever sizes its entries declare.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHUNK = 1 << 20
#: refuse bundles that would unpack to more than this (a zip bomb guard), or hold more entries
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_ENTRIES = 200_000
#: free space left untouched in the temporary folder (at most this, at most a tenth of it)
FREE_SPACE_MARGIN = 1024**3


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def extraction_limit(folder: Path | None = None) -> tuple[int, str]:
    """How many bytes a bundle may unpack to, and why: the lower of 64 GiB and the free space of
    the temporary folder less a margin."""
    folder = Path(folder or tempfile.gettempdir())
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return MAX_TOTAL_BYTES, f"the {human_size(MAX_TOTAL_BYTES)} limit"
    room = max(0, free - min(FREE_SPACE_MARGIN, free // 10))
    if room < MAX_TOTAL_BYTES:
        return room, (
            f"the free space of {folder} ({human_size(free)}, less a {human_size(free - room)} margin);"
            " free some space or point TMPDIR at a larger disk"
        )
    return MAX_TOTAL_BYTES, f"the {human_size(MAX_TOTAL_BYTES)} limit"


class BundleFormatError(Exception):
    """The input is not a readable bundle (not a zip, unsafe entries, no bag); one-line message."""


def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return "absolute or non-POSIX path"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "path with '..', '.' or empty parts"
    if any(ord(ch) < 32 for ch in name):
        return "control character in name"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return "symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "special file"
    if info.flag_bits & 0x1:
        return "encrypted entry"
    return None


def _extract(path: Path, target: Path, max_total: int, why: str) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleFormatError(f"{path} is not a readable zip file ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise BundleFormatError(f"{path}: more than {MAX_ENTRIES} entries")
        seen: set[str] = set()
        files: set[str] = set()
        folders: set[str] = set()
        total = 0
        for info in entries:
            reason = _unsafe_reason(info)
            if reason:
                raise BundleFormatError(f"{path}: unsafe entry {info.filename!r} ({reason})")
            key = unicodedata.normalize("NFC", info.filename.rstrip("/"))
            if key in seen:
                raise BundleFormatError(f"{path}: duplicate entry {info.filename!r}")
            seen.add(key)
            parts = key.split("/")
            parents = ["/".join(parts[:n]) for n in range(1, len(parts))]
            clash = next((parent for parent in parents if parent in files), None)
            if clash is None and not info.is_dir() and key in folders:
                clash = key
            if clash is not None:
                raise BundleFormatError(f"{path}: {clash!r} is both a file and a folder in the zip")
            (folders if info.is_dir() else files).add(key)
            folders.update(parents)
            total += info.file_size
        if total > max_total:
            raise BundleFormatError(
                f"{path}: unpacks to {human_size(total)} ({total} bytes), over the limit of"
                f" {human_size(max_total)}: {why}"
            )
        written = 0
        for info in entries:
            destination = target.joinpath(*info.filename.rstrip("/").split("/"))
            if info.is_dir():
                try:
                    destination.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise BundleFormatError(f"{path}: entry {info.filename!r}: {exc}") from None
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_total:
                            raise BundleFormatError(
                                f"{path}: unpacks to more than {human_size(max_total)}"
                                f" (the sizes its entries declare are false): {why}"
                            )
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
                raise BundleFormatError(f"{path}: entry {info.filename!r} is unreadable ({exc})") from None


def _bag_root(folder: Path) -> Path:
    if (folder / "bagit.txt").is_file():
        return folder
    children = [c for c in folder.iterdir()]
    if len(children) == 1 and children[0].is_dir() and (children[0] / "bagit.txt").is_file():
        return children[0]  # the bag's folder was zipped rather than its contents
    raise BundleFormatError("no bagit.txt at the top of the bundle: not a BagIt bag")


@contextmanager
def opened(path: Path, max_total: int | None) -> Iterator[Path]:
    if path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            for name in dirnames + filenames:
                if os.path.islink(os.path.join(dirpath, name)):
                    raise BundleFormatError(f"symbolic link in the bundle: {os.path.join(dirpath, name)}")
        yield _bag_root(path)
        return
    if not path.is_file():
        raise BundleFormatError(f"no such file: {path}")
    folder = Path(tempfile.mkdtemp(prefix="ecowarden-verify-"))
    try:
        if max_total is None:
            limit, why = extraction_limit(folder.parent)
        else:
            limit, why = max_total, f"the {human_size(max_total)} limit asked for"
        _extract(path, folder, limit, why)
        yield _bag_root(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
