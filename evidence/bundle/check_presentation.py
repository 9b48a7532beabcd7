"""Checks of the presentation copies under ``data/presentation/`` (evidence/bundle/presentation.py).

They are not evidence, so they prove nothing and nothing rests on them; what is checked is that
they are what the bundle says they are. The signed checkpoint already covers their bytes
(``signed-inventory``): here each folder must belong to a capture of the bundle, and each
``page.banner.pdf`` must begin with its capture's ``page.pdf`` byte for byte, the property that
makes a bannered PDF provably the signed original plus an appended banner.
"""

from __future__ import annotations

from pathlib import Path

from evidence.bundle import layout
from evidence.bundle.checking import Context
from evidence.bundle.unzip import CHUNK


def _starts_with(copy: Path, original: Path) -> bool:
    """Whether ``copy`` begins with the whole of ``original`` (read in chunks, both bounded by
    the sizes the verifier already allowed them to be unpacked to)."""
    with original.open("rb") as left, copy.open("rb") as right:
        while chunk := left.read(CHUNK):
            if right.read(len(chunk)) != chunk:
                return False
    return True


def check_presentation(ctx: Context, captures: list[str]) -> None:
    root = ctx.data / layout.PRESENTATION
    if not root.is_dir():
        return  # an older bundle, or one without screenshots or PDFs
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        file = f"data/{layout.presentation_dir(folder.name)}/"
        if folder.name not in captures:
            ctx.report.add("presentation", file, False, "copies of a capture that is not in the bundle")
            continue
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
        pdf = folder / layout.PDF_BANNER
        original = ctx.data / layout.capture_dir(folder.name) / layout.PDF
        if pdf.is_file() and (not original.is_file() or not _starts_with(pdf, original)):
            ctx.report.add(
                "presentation",
                f"{file}{layout.PDF_BANNER}",
                False,
                f"does not begin with the capture's {layout.PDF} byte for byte, as a banner copy must",
            )
            continue
        detail = f"derived presentation copies, not evidence: {', '.join(names) or 'none'}"
        if pdf.is_file():
            detail += f"; {layout.PDF_BANNER} begins with the signed {layout.PDF} byte for byte"
        ctx.report.add("presentation", file, True, detail)
