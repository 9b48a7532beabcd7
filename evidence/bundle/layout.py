"""Where things live inside a bundle, and the stock-tool instructions that check them.

Export and verification both import these names, so the two cannot drift apart; the
instructions are rendered into ``VERIFY.txt`` and ``report.html`` from the same function, so an
examiner reading either gets the same commands.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "ecowarden-bundle/1"
CHECKPOINT_FORMAT = "ecowarden-bundle-checkpoint/1"
CHECKSUMS = ("sha256", "sha512")

# payload paths, relative to the bag's data/ directory
CAPTURES = "captures"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig.json"
TOKEN = "manifest.tsr"
EVENTS = "custody/events.jsonl"
CHAIN = "custody/chain.jsonl"
CHECKPOINT = "custody/checkpoint.json"
CHECKPOINT_SIGNATURE = "custody/checkpoint.sig.json"
PUBLIC_KEY = "keys/ed25519-public.pem"
TSA_CERTIFICATE = "tsa/tsa.pem"
TSA_ROOT = "tsa/root.pem"
LISTINGS = "listings.json"
REPORT = "report.html"
INSTRUCTIONS = "VERIFY.txt"

#: the files the signed checkpoint cannot list, because they are made from it
UNLISTED = frozenset({CHECKPOINT, CHECKPOINT_SIGNATURE})

#: bag-info.txt tags of our own
TAG_BUNDLE_ID = "Ecowarden-Bundle-Id"
TAG_CASE = "Ecowarden-Case"
TAG_KEY_ID = "Ecowarden-Signing-Key-Id"
TAG_FORMAT = "Ecowarden-Bundle-Format"


def capture_dir(capture_id: str) -> str:
    return f"{CAPTURES}/{capture_id}"


def is_warc(name: str, media_type: str = "") -> bool:
    return name.endswith((".warc", ".warc.gz")) or media_type == "application/warc"


@dataclass(frozen=True)
class Step:
    """One verification step: what it proves and the commands that do it."""

    title: str
    why: str
    commands: tuple[str, ...]


@dataclass(frozen=True)
class CaptureFiles:
    capture_id: str
    stamped: bool
    warcs: tuple[str, ...]


def instructions(
    bundle_name: str, captures: list[CaptureFiles], *, has_root: bool, key_id: str
) -> list[Step]:
    """The checks an examiner can run with stock tools (unzip, bagit-python, OpenSSL, warcio)."""
    folder = bundle_name.removesuffix(".zip") or "bundle"
    ca_file = f"data/{TSA_ROOT}" if has_root else f"data/{TSA_CERTIFICATE}"
    steps = [
        Step(
            "Unpack the bundle",
            "The bag's files sit at the top of the zip.",
            (f"unzip {bundle_name} -d {folder}", f"cd {folder}"),
        ),
        Step(
            "Check every file against the bag manifests (SHA-256 and SHA-512)",
            "Proves no file was changed, added or removed since the bag was made.",
            ("python -m bagit --validate .",),
        ),
    ]
    stamped = [c for c in captures if c.stamped]
    if stamped:
        steps.append(
            Step(
                "Check the RFC 3161 timestamps",
                "Proves each signed manifest existed at the time the timestamp authority states.",
                tuple(
                    f"openssl ts -verify -data data/{capture_dir(c.capture_id)}/{MANIFEST}"
                    f" -in data/{capture_dir(c.capture_id)}/{TOKEN} -token_in"
                    f" -CAfile {ca_file} -untrusted data/{TSA_CERTIFICATE}"
                    for c in stamped
                ),
            )
        )
    warcs = [f"warcio check data/{capture_dir(c.capture_id)}/{w}" for c in captures for w in c.warcs]
    if warcs:
        steps.append(
            Step(
                "Check the WARC record digests",
                "Proves each archived HTTP exchange is intact record by record.",
                tuple(warcs),
            )
        )
    steps.append(
        Step(
            "Check the Ed25519 signature of a manifest",
            f"Proves the installation whose key id is {key_id} signed it; compare that key id with "
            "the one the issuing organisation published.",
            tuple(
                cmd
                for c in captures[:1]
                for cmd in (
                    'python3 -c "import base64,json,sys; sys.stdout.buffer.write(base64.b64decode(json.load('
                    f"open('data/{capture_dir(c.capture_id)}/{SIGNATURE}'))['signature']))\" > sig.bin",
                    f"openssl pkeyutl -verify -pubin -inkey data/{PUBLIC_KEY} -rawin"
                    f" -in data/{capture_dir(c.capture_id)}/{MANIFEST} -sigfile sig.bin",
                )
            ),
        )
    )
    steps.append(
        Step(
            "Run every check at once",
            "Ecowarden's own verifier repeats all of the above offline, and also checks that each "
            "manifest lists the files beside it, the custody log excerpt is an unbroken hash chain "
            "ending at the signed checkpoint, and every capture's capture and export are recorded in it.",
            (f"ecowarden verify {bundle_name}",),
        )
    )
    return steps


def instructions_text(steps: list[Step]) -> str:
    lines = ["How to verify this bundle", "=========================", ""]
    for number, step in enumerate(steps, 1):
        lines.append(f"{number}. {step.title}")
        lines.append(f"   {step.why}")
        lines.append("")
        lines.extend(f"   {command}" for command in step.commands)
        lines.append("")
    return "\n".join(lines)
