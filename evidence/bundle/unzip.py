"""Unpack an untrusted bundle zip safely, or refuse it with a one-line :class:`BundleFormatError`.

The zip is extracted into a private temporary folder only after every entry has been checked (no
absolute paths, ``..``, links, duplicates, a name that is both a file and a folder, or more bytes
than the limit), and the bytes actually inflated are counted against the limit too, so a hostile
bundle cannot write outside the folder or fill the disk, whatever sizes its entries declare.

What may be written is bounded by what the bundle itself declares, before anything is extracted:
the signed checkpoint gives the size of every payload file (``sizes``; bundles made before it
existed have only the capture manifests' sizes), each capture's manifest the size of each
artifact, and the few control files (bag tags, manifests, signatures) have small fixed caps. A
member that inflates past its declared size is not extracted (it is reported, and verification
fails on it); members nothing declares are few in an honest bundle, so past a handful the bundle
is refused at once. The folder is removed however the context ends, a signal included.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHUNK = 1 << 20
#: refuse bundles that would unpack to more than this (a zip bomb guard), or hold more entries
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_ENTRIES = 200_000
#: free space left untouched in the temporary folder (at most this, at most a tenth of it)
FREE_SPACE_MARGIN = 1024**3
#: caps of what no size is declared for: bag tag files (their manifests list every file), the
#: checkpoint and its signature, a capture's manifest, signature and token, anything else
TAG_FILE_MAX = 64 * 1024**2
CHECKPOINT_MAX = 64 * 1024**2
CAPTURE_CONTROL_MAX = 16 * 1024**2
UNDECLARED_MAX = 1024**2
#: what a declared file may exceed its declared size by and still be extracted, so that an edited
#: file is checked (and reported for what it is) rather than left out
SIZE_MARGIN = 1024**2
#: members a bundle with a sized checkpoint may hold beyond what it declares (folders aside)
MAX_UNDECLARED = 64
#: payload paths (under data/) the extraction reads before anything else
_CHECKPOINT = "custody/checkpoint.json"
_CHECKPOINT_SIGNATURE = "custody/checkpoint.sig.json"
_CAPTURE_CONTROL = ("manifest.json", "manifest.sig.json", "manifest.tsr")


@dataclass
class Unpacked:
    """An unpacked bag: its root folder, and the members left out because they inflate past what
    the bundle declares for them (zip name -> why)."""

    root: Path
    refused: dict[str, str] = field(default_factory=dict)


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


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """A small member's bytes, or None when it is bigger than ``cap`` or unreadable."""
    if info.file_size > cap:
        return None
    try:
        with archive.open(info) as source:
            data = source.read(cap + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return None
    return data if len(data) <= cap else None


def _json_object(data: bytes | None) -> dict[str, Any]:
    try:
        value = json.loads(data) if data is not None else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _prefix(entries: list[zipfile.ZipInfo]) -> str:
    """Where the bag starts inside the zip: at the top, or in its one folder."""
    tops = [i.filename for i in entries if i.filename.rstrip("/").split("/")[-1] == "bagit.txt"]
    best = min(tops, key=lambda name: name.count("/"), default="bagit.txt")
    return best[: -len("bagit.txt")]


def declared_caps(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> tuple[dict[str, int], bool]:
    """The most each member may inflate to, by zip name, from what the bundle declares; and
    whether the checkpoint declares every payload file's size (then anything else is extra)."""
    prefix = _prefix(entries)
    data = prefix + "data/"
    by_name = {info.filename: info for info in entries}
    caps: dict[str, int] = {}
    checkpoint_info = by_name.get(data + _CHECKPOINT)
    checkpoint = _json_object(
        _read_capped(archive, checkpoint_info, CHECKPOINT_MAX) if checkpoint_info else None
    )
    sizes = checkpoint.get("sizes")
    sized = isinstance(sizes, dict)
    if isinstance(sizes, dict):
        for name, size in sizes.items():
            if isinstance(name, str) and isinstance(size, int) and not isinstance(size, bool) and size >= 0:
                caps[data + name] = size + SIZE_MARGIN
    for name in (_CHECKPOINT, _CHECKPOINT_SIGNATURE):
        caps[data + name] = CHECKPOINT_MAX
    for info in entries:
        name = info.filename
        if not name.startswith(data + "captures/") or info.is_dir():
            continue
        parts = name[len(data) :].split("/")
        if len(parts) == 3 and parts[2] in _CAPTURE_CONTROL:
            caps.setdefault(name, CAPTURE_CONTROL_MAX)
            if parts[2] == "manifest.json" and not sized:
                # an older bundle: the capture manifests still size every artifact
                manifest = _json_object(_read_capped(archive, info, CAPTURE_CONTROL_MAX))
                for artifact in manifest.get("artifacts") or []:
                    if isinstance(artifact, dict) and isinstance(artifact.get("size"), int):
                        name = f"{data}captures/{parts[1]}/{artifact.get('name')}"
                        caps.setdefault(name, artifact["size"] + SIZE_MARGIN)
    for info in entries:
        rest = info.filename[len(prefix) :] if info.filename.startswith(prefix) else info.filename
        if "/" not in rest and not info.is_dir():
            caps.setdefault(info.filename, TAG_FILE_MAX)  # bagit.txt, bag-info.txt, manifests
    return caps, sized


def _extract(path: Path, target: Path, max_total: int, why: str) -> dict[str, str]:
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
        caps, sized = declared_caps(archive, entries)
        undeclared = [i.filename for i in entries if not i.is_dir() and i.filename not in caps]
        if sized and len(undeclared) > MAX_UNDECLARED:
            raise BundleFormatError(
                f"{path}: {len(undeclared)} members are sized neither by the signed checkpoint nor by a"
                f" capture manifest (e.g. {undeclared[0]!r}): not an honest bundle"
            )
        default_cap = UNDECLARED_MAX if sized else max_total
        total = sum(min(i.file_size, caps.get(i.filename, default_cap)) for i in entries if not i.is_dir())
        if total > max_total:
            raise BundleFormatError(
                f"{path}: unpacks to {human_size(total)} ({total} bytes), over the limit of"
                f" {human_size(max_total)}: {why}"
            )
        refused: dict[str, str] = {}
        written = 0
        for info in entries:
            destination = target.joinpath(*info.filename.rstrip("/").split("/"))
            if info.is_dir():
                try:
                    destination.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise BundleFormatError(f"{path}: entry {info.filename!r}: {exc}") from None
                continue
            cap = caps.get(info.filename, default_cap)
            declared = (
                "its declared size and margin" if info.filename in caps else "the cap for an undeclared file"
            )
            if info.file_size > cap:
                refused[info.filename] = (
                    f"its zip entry says {info.file_size} bytes, more than {declared}"
                    f" ({cap} bytes): not extracted"
                )
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                member_bytes = 0
                with archive.open(info) as source, destination.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        member_bytes += len(chunk)
                        if member_bytes > cap:
                            break
                        if written > max_total:
                            raise BundleFormatError(
                                f"{path}: unpacks to more than {human_size(max_total)}"
                                f" (the sizes its entries declare are false): {why}"
                            )
                        out.write(chunk)
                if member_bytes > cap:
                    destination.unlink()
                    refused[info.filename] = (
                        f"inflates past {declared} ({cap} bytes; its zip entry said {info.file_size}):"
                        " not extracted"
                    )
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
                raise BundleFormatError(f"{path}: entry {info.filename!r} is unreadable ({exc})") from None
        return refused


def _bag_root(folder: Path) -> Path:
    if (folder / "bagit.txt").is_file():
        return folder
    children = [c for c in folder.iterdir()]
    if len(children) == 1 and children[0].is_dir() and (children[0] / "bagit.txt").is_file():
        return children[0]  # the bag's folder was zipped rather than its contents
    raise BundleFormatError("no bagit.txt at the top of the bundle: not a BagIt bag")


@contextmanager
def opened(path: Path, max_total: int | None) -> Iterator[Unpacked]:
    """The bag at ``path`` (a zip, unpacked into a temporary folder removed on the way out, or a
    folder used in place)."""
    if path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            for name in dirnames + filenames:
                if os.path.islink(os.path.join(dirpath, name)):
                    raise BundleFormatError(f"symbolic link in the bundle: {os.path.join(dirpath, name)}")
        yield Unpacked(_bag_root(path))
        return
    if not path.is_file():
        raise BundleFormatError(f"no such file: {path}")
    folder = Path(tempfile.mkdtemp(prefix="ecowarden-verify-"))
    try:
        if max_total is None:
            limit, why = extraction_limit(folder.parent)
        else:
            limit, why = max_total, f"the {human_size(max_total)} limit asked for"
        refused = _extract(path, folder, limit, why)
        root = _bag_root(folder)
        prefix = root.relative_to(folder).as_posix()
        strip = "" if prefix == "." else prefix + "/"
        yield Unpacked(root, {name.removeprefix(strip): why for name, why in refused.items()})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
