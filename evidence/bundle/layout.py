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
TSA_DIR = "tsa"
#: the TSA certificate and root of the common single-authority case (convenient for openssl)
TSA_CERTIFICATE = "tsa/tsa.pem"
TSA_ROOT = "tsa/root.pem"
LISTINGS = "listings.json"
#: the search result pages that led to the listings (how each offer was found), by SHA-256
SEARCH_PAGES = "search"
REPORT = "report.html"
#: the captures' WARCs packaged as WACZ, for replay in stock web-archive tools
REPLAY = "replay.wacz"
#: a capture's metadata.json is read (for its page title) up to this size
MAX_CAPTURE_METADATA = 16 * 1024 * 1024
INSTRUCTIONS = "VERIFY.txt"
#: derived presentation copies, per capture: made at export for printing and for the report,
#: never evidence. They live in a folder of their own rather than in the capture's folder, so
#: ``captures/<id>/`` holds exactly the files its signed manifest lists (a verifier of any version
#: can hold it to that), yet the signed checkpoint lists them like every payload file
PRESENTATION = "presentation"
#: the screenshot with a banner above it (URL, UTC capture time, capture id); its pixels below the
#: banner are the original's, re-encoded
SCREENSHOT_BANNER = "screenshot.banner.png"
#: page.pdf with a banner strip added above each page by an incremental update: the file begins
#: with the original's exact bytes (``head -c SIZE`` of it hashes to the original's SHA-256)
PDF_BANNER = "page.banner.pdf"
#: the originals the copies are made from (artifact names in a capture's signed manifest)
SCREENSHOT = "screenshot.png"
PDF = "page.pdf"
PRESENTATION_NOTE = (
    f"data/{PRESENTATION}/<capture id>/ holds derived presentation copies made at export for"
    f" printing: {SCREENSHOT_BANNER} and {PDF_BANNER}, the screenshot and the PDF with a banner"
    " naming the URL, the UTC capture time and the capture id. They are not evidence: the evidence"
    f" is the unmodified originals in data/{CAPTURES}/<capture id>/, which the capture's signed"
    " manifest lists. The copies are listed in the signed custody checkpoint like every other file,"
    " so one swapped after export fails the checks below."
)

#: the files the signed checkpoint cannot list, because they are made from it
UNLISTED = frozenset({CHECKPOINT, CHECKPOINT_SIGNATURE})

#: bag-info.txt tags of our own
TAG_BUNDLE_ID = "Ecowarden-Bundle-Id"
TAG_CASE = "Ecowarden-Case"
TAG_KEY_ID = "Ecowarden-Signing-Key-Id"
TAG_FORMAT = "Ecowarden-Bundle-Format"
#: who the bundle was exported for and why (``ecowarden export --recipient --purpose``)
TAG_RECIPIENT = "Ecowarden-Recipient"
TAG_PURPOSE = "Ecowarden-Purpose"


def capture_dir(capture_id: str) -> str:
    return f"{CAPTURES}/{capture_id}"


def presentation_dir(capture_id: str) -> str:
    return f"{PRESENTATION}/{capture_id}"


def tsa_file(fingerprint: str) -> str:
    """Where a TSA certificate (or root) lives: named by the SHA-256 of its DER."""
    return f"{TSA_DIR}/{fingerprint}.pem"


#: bag-info.txt tags bagit computes from the payload; every other tag is in the signed checkpoint
COMPUTED_TAGS = frozenset({"Payload-Oxum", "Bag-Size"})

#: how an examiner computes the key id from the bundled public key with stock tools
KEY_ID_COMMAND = f"openssl pkey -pubin -in data/{PUBLIC_KEY} -outform DER | tail -c 32 | sha256sum"


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
    #: payload paths (under data/) of the TSA certificate and root that check this capture's token
    tsa_certificate: str | None = None
    tsa_root: str | None = None


def _ts_verify(capture: CaptureFiles) -> str:
    certificate = capture.tsa_certificate or TSA_CERTIFICATE
    anchor = capture.tsa_root or certificate
    base = f"data/{capture_dir(capture.capture_id)}"
    return (
        f"openssl ts -verify -data {base}/{MANIFEST} -in {base}/{TOKEN} -token_in"
        f" -CAfile data/{anchor} -untrusted data/{certificate}"
    )


def instructions(
    bundle_name: str, captures: list[CaptureFiles], *, key_id: str, replay: bool = False
) -> list[Step]:
    """The checks an examiner can run with stock tools (unzip, bagit-python, OpenSSL, jq,
    sha256sum, warcio, py-wacz when the bundle has a replay package; the commands are for bash)."""
    folder = bundle_name.removesuffix(".zip") or "bundle"
    steps = [
        Step(
            "Unpack the bundle",
            "The bag's files sit at the top of the zip.",
            (f"unzip {bundle_name} -d {folder}", f"cd {folder}"),
        ),
        Step(
            "Check every file against the bag manifests (SHA-256 and SHA-512)",
            "Catches accidental damage. It does not prove the bundle is genuine: anyone can edit a"
            " file and rebuild the bag manifests, so the next two steps compare every file with what"
            " the installation signed.",
            ("python -m bagit --validate .",),
        ),
        Step(
            "Check the signature of the custody checkpoint",
            "The checkpoint lists the SHA-256 of every other file of the bundle and the custody log's"
            " head; it must verify with the bundled public key (whose key id a later step checks).",
            (
                'python3 -c "import base64,json,sys; sys.stdout.buffer.write(base64.b64decode(json.load('
                f"open('data/{CHECKPOINT_SIGNATURE}'))['signature']))\" > checkpoint.sig.bin",
                f"openssl pkeyutl -verify -pubin -inkey data/{PUBLIC_KEY} -rawin"
                f" -in data/{CHECKPOINT} -sigfile checkpoint.sig.bin",
            ),
        ),
        Step(
            "Compare every file with the signed checkpoint",
            "Proves no file was changed, added or removed since the installation signed the"
            " checkpoint, whatever the bag manifests say: the first two commands check each listed"
            " file's SHA-256, the third that the bundle holds exactly the listed files (and the"
            " checkpoint with its signature).",
            (
                f"jq -r '.files | to_entries[] | \"\\(.value)  data/\\(.key)\"' data/{CHECKPOINT}"
                " > signed.sha256",
                "sha256sum --check --strict --quiet signed.sha256",
                f"jq -r '.files | keys[] | \"data/\" + .' data/{CHECKPOINT}"
                f" | cat - <(printf 'data/{CHECKPOINT}\\ndata/{CHECKPOINT_SIGNATURE}\\n') | LC_ALL=C sort"
                " | diff - <(find data -type f | LC_ALL=C sort)",
            ),
        ),
        Step(
            "Check that the custody log excerpt links up to the signed head",
            "Each entry names the hash of the one before it, and the last is the head the signed"
            " checkpoint names (both files are covered by the step above; ecowarden verify also"
            " recomputes every entry's hash from its content).",
            (
                f"jq -s -e '. as $r | all(range(1; length); $r[.].prev_hash == $r[. - 1].entry_hash)'"
                f" data/{CHAIN}",
                f"jq -e --slurpfile chain data/{CHAIN}"
                " '.head.entry_hash == $chain[-1].entry_hash and .head.seq == $chain[-1].seq'"
                f" data/{CHECKPOINT}",
            ),
        ),
    ]
    stamped = [c for c in captures if c.stamped]
    if stamped:
        steps.append(
            Step(
                "Check the RFC 3161 timestamps",
                "Proves each signed manifest existed at the time the timestamp authority states. The"
                " -CAfile is the root bundled here: compare its SHA-256 (openssl x509 -in FILE -outform"
                " DER | sha256sum) with the one the authority publishes, or use your own copy.",
                tuple(_ts_verify(c) for c in stamped),
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
    if replay:
        steps.append(
            Step(
                "Check the replay package, then replay the pages offline",
                f"The file data/{REPLAY} is a WACZ package of the WARCs above, byte for byte"
                " (ecowarden verify checks that each is a signed capture WARC): open it in"
                " ReplayWeb.page or pywb"
                f" (wb-manager add --unpack-wacz COLLECTION data/{REPLAY}) to see each captured page"
                " with its photos, from the archive alone. The validator is py-wacz (pip install wacz).",
                (f"wacz validate -f data/{REPLAY}",),
            )
        )
    steps.append(
        Step(
            "Compute the signing key id from the bundled public key",
            f"It must print {key_id}: the key id every manifest, signature and the custody log name."
            " Compare it with the key id the issuing organisation published: anyone can make a"
            " self-consistent bundle with a key of their own.",
            (KEY_ID_COMMAND,),
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
            "ending at the signed checkpoint, and every capture's capture and export are recorded in it."
            f" Pin the signer with --key-id {key_id} once you have confirmed that id, and the"
            " timestamp authority with --tsa-root ROOT.pem (your own copy of its root).",
            # the recipe has gone into the unpacked folder: the zip is one level up
            (f"ecowarden verify ../{bundle_name}",),
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
