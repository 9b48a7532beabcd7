"""Check the replay package (``data/replay.wacz``): a well-formed WACZ holding the signed WARCs.

The package is there for display, but what it displays must be the evidence: every WARC in it
must be byte-identical to a WARC a signed capture manifest lists, every file must match the
SHA-256 and size its ``datapackage.json`` gives, and the index may point only inside those
WARCs. The package's own size is already bounded by the signed checkpoint; inside it, members
must be stored (not deflated), so nothing in it inflates, and the small JSON files are read up
to a fixed size.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping
from typing import Any

from evidence.bundle import layout
from evidence.bundle.checking import Context
from evidence.bundle.wacz import ARCHIVE, DATAPACKAGE, DATAPACKAGE_DIGEST, INDEX, PAGES
from evidence.manifest import Manifest

#: datapackage.json, its digest, the page list: read up to this size
MAX_SMALL_FILE = 16 * 1024 * 1024
#: index lines checked one by one (a capture has a few hundred)
MAX_INDEX_LINES = 200_000
_CHUNK = 1 << 20


class ReplayProblem(Exception):
    """The package is not what the bundle says it is; the message names the member."""


def _sha256(package: zipfile.ZipFile, name: str) -> tuple[str, int]:
    hasher, size = hashlib.sha256(), 0
    with package.open(name) as member:
        while chunk := member.read(_CHUNK):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


def _small(package: zipfile.ZipFile, name: str) -> bytes:
    if name not in package.NameToInfo:
        raise ReplayProblem(f"{name} is missing")
    with package.open(name) as member:
        data = member.read(MAX_SMALL_FILE + 1)
    if len(data) > MAX_SMALL_FILE:
        raise ReplayProblem(f"{name} is larger than {MAX_SMALL_FILE} bytes")
    return data


def _signed_warcs(manifests: Mapping[str, bytes | None]) -> dict[str, str]:
    """SHA-256 -> capture id of every WARC the capture manifests list."""
    found: dict[str, str] = {}
    for capture_id, raw in manifests.items():
        if raw is None:
            continue
        for artifact in Manifest.from_bytes(raw).artifacts:
            if layout.is_warc(artifact.name, artifact.media_type):
                found[artifact.sha256] = capture_id
    return found


def _check_resources(package: zipfile.ZipFile, datapackage: dict[str, Any]) -> dict[str, int]:
    """Every member listed with the right hash and size, and nothing unlisted; returns sizes."""
    listed: dict[str, int] = {}
    resources = datapackage.get("resources")
    if not isinstance(resources, list) or not resources:
        raise ReplayProblem(f"{DATAPACKAGE} lists no resources")
    for resource in resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            raise ReplayProblem(f"{DATAPACKAGE}: a resource without a path")
        path = resource["path"]
        if path not in package.NameToInfo:
            raise ReplayProblem(f"{DATAPACKAGE} lists {path}, which is not in the package")
        digest, size = _sha256(package, path)
        if resource.get("hash") != f"sha256:{digest}" or resource.get("bytes") != size:
            raise ReplayProblem(f"{path} does not match the hash or size {DATAPACKAGE} gives")
        listed[path] = size
    unlisted = set(package.NameToInfo) - set(listed) - {DATAPACKAGE, DATAPACKAGE_DIGEST}
    if unlisted:
        raise ReplayProblem(f"{sorted(unlisted)[0]} is in the package but not in {DATAPACKAGE}")
    return listed


def _check_index(package: zipfile.ZipFile, archives: dict[str, int]) -> int:
    lines = 0
    with package.open(INDEX) as index:
        for raw in index:
            lines += 1
            if lines > MAX_INDEX_LINES:
                raise ReplayProblem(f"{INDEX} has more than {MAX_INDEX_LINES} lines")
            try:
                _key, _stamp, fields = raw.decode("utf-8").rstrip("\n").split(" ", 2)
                entry = json.loads(fields)
                name, offset, length = entry["filename"], int(entry["offset"]), int(entry["length"])
            except (ValueError, KeyError, TypeError):
                raise ReplayProblem(f"{INDEX} line {lines} is not a CDXJ line") from None
            size = archives.get(name)
            if size is None or offset < 0 or length <= 0 or offset + length > size:
                raise ReplayProblem(f"{INDEX} line {lines} points outside the package's WARCs")
    return lines


def _check_pages(package: zipfile.ZipFile, captures: set[str]) -> int:
    pages = 0
    for number, line in enumerate(_small(package, PAGES).splitlines(), 1):
        try:
            page = json.loads(line)
        except ValueError:
            raise ReplayProblem(f"{PAGES} line {number} is not JSON") from None
        if not isinstance(page, dict):
            raise ReplayProblem(f"{PAGES} line {number} is not a JSON object")
        if "format" in page:
            continue
        if page.get("id") not in captures:
            raise ReplayProblem(f"{PAGES} line {number} names no capture of this bundle")
        pages += 1
    return pages


def check_replay(ctx: Context, manifests: Mapping[str, bytes | None]) -> None:
    """One ``replay`` result for data/replay.wacz (a bundle made before it existed has none)."""
    report = ctx.report
    name = f"data/{layout.REPLAY}"
    path = ctx.data / layout.REPLAY
    if not path.is_file():
        report.add("replay", name, True, "no replay package in this bundle (the WARCs replay on their own)")
        return
    try:
        with zipfile.ZipFile(path) as package:
            deflated = [i.filename for i in package.infolist() if i.compress_type != zipfile.ZIP_STORED]
            if deflated:
                raise ReplayProblem(f"{deflated[0]} is compressed; a WACZ stores its members")
            raw = _small(package, DATAPACKAGE)
            datapackage = json.loads(raw)
            if not isinstance(datapackage, dict) or not datapackage.get("wacz_version"):
                raise ReplayProblem(f"{DATAPACKAGE} is not a WACZ data package")
            digest = json.loads(_small(package, DATAPACKAGE_DIGEST))
            if (
                not isinstance(digest, dict)
                or digest.get("hash") != "sha256:" + hashlib.sha256(raw).hexdigest()
            ):
                raise ReplayProblem(f"{DATAPACKAGE_DIGEST} does not match {DATAPACKAGE}")
            listed = _check_resources(package, datapackage)
            signed = _signed_warcs(manifests)
            archives: dict[str, int] = {}
            for member, size in listed.items():
                if not member.startswith(f"{ARCHIVE}/"):
                    continue
                sha256, _ = _sha256(package, member)
                if sha256 not in signed:
                    raise ReplayProblem(f"{member} is not a WARC any signed capture manifest lists")
                archives[member.split("/", 1)[1]] = size
            if not archives:
                raise ReplayProblem("the package holds no WARC")
            lines = _check_index(package, archives)
            pages = _check_pages(package, set(manifests))
    except (
        ReplayProblem,
        zipfile.BadZipFile,
        ValueError,
        RuntimeError,
        NotImplementedError,
        EOFError,
    ) as exc:
        report.add("replay", name, False, f"not a sound replay package: {exc}")
        return
    report.add(
        "replay",
        name,
        True,
        f"WACZ {datapackage['wacz_version']}: {len(archives)} WARC(s), each identical to a signed"
        f" capture WARC; {lines} index entries; {pages} page(s)",
    )
