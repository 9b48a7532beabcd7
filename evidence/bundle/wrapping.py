"""Banner text cut to a width, the same way for the PNG and the PDF banner."""

from __future__ import annotations

from collections.abc import Callable


def wrap_text(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (as ``measure`` measures): at spaces
    where it can, anywhere inside a word too long for a line (URLs and hashes have no spaces);
    continuation lines are indented, so a reader sees where a value goes on."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current.strip() else current + word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current.strip():
            lines.append(current)
            current = "  "
        for char in word:
            if current.strip() and measure(current + char) > width:
                lines.append(current)
                current = "  "
            current += char
    lines.append(current)
    return lines
