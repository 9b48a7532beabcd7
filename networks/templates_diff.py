"""A template group as an analyst reads it: the shared text, and what each listing changes.

The template is built around the group's *medoid* (the member with the highest summed Jaccard
similarity to the other members shown): every other member is aligned to the medoid's tokens with
`difflib.SequenceMatcher`, and a medoid token is kept in the template when a strict majority of the
members (the medoid included) have it. Why not the strict common subsequence of all members: a
group is connected by pairwise links, so one member may match only its neighbour, and a template
that every member must contain shrinks to a handful of words as the group grows; a majority keeps
the text the group typically shares, and each member's own deviations, including what it lacks,
are then its diff. In a group of two the rule is the common subsequence of the pair.

Each member is then aligned to the template: ``replace``, ``insert`` and ``delete`` changes quote
the member's own text (with its character span, for highlighting) against the template's words.
Masked particulars (``{number}``, ``{phone}``...) align as equal whatever their value; a masked
slot whose values differ between members is shown as a placeholder in the template and each
member's value is a ``value`` change, while a slot every member fills alike (one shared phone
number) is shown as written and is no change at all. So the diff holds exactly what differs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from networks.templates_text import Tokens, is_mask, jaccard, placeholder, shingle_hashes

ChangeKind = Literal["replace", "insert", "delete", "value"]

_GAP = " … "
_SPACES = re.compile(r"[ \t\f\v]+")
_NEWLINES = re.compile(r"\r\n?|\n")
_WORDLIKE = re.compile(r"[^\W_]")
_MAX_SEPARATOR = 40


@dataclass(frozen=True, slots=True)
class Change:
    """One difference of a member from the template.

    ``template_start``/``template_end`` index template tokens (equal for an insertion);
    ``start``/``end`` index the member's text (equal for a deletion: where the words are missing).
    """

    kind: ChangeKind
    template_start: int
    template_end: int
    template_text: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MemberDiff:
    listing_id: str | int
    similarity: float
    """Jaccard similarity of the member's shingles to the medoid's (1.0 for the medoid)."""
    coverage: float
    """Share of the template's tokens the member has."""
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class TemplateGroup:
    size: int
    """Listings in the whole group; ``members`` may be fewer (capped)."""
    members: tuple[str | int, ...]
    medoid: str | int
    template: str
    template_tokens: int
    diffs: tuple[MemberDiff, ...]

    def describe(self, max_changes: int = 8) -> str:
        """Plain text: "these N listings share this text; here is what each one changes"."""
        shown = "" if self.size == len(self.members) else f" ({len(self.members)} shown)"
        lines = [f"{self.size} listings{shown} share this text:", self.template, ""]
        for diff in self.diffs:
            head = f"- {diff.listing_id} (J {diff.similarity:.2f}, has {diff.coverage:.0%} of it)"
            lines.append(head + (": no change" if not diff.changes else ":"))
            for change in diff.changes[:max_changes]:
                lines.append(f"    {change.kind}: {change.template_text!r} -> {change.text!r}")
            if len(diff.changes) > max_changes:
                lines.append(f"    ... {len(diff.changes) - max_changes} more")
        return "\n".join(lines)


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """Token alignment; autojunk bounds the work on repetitive hostile text (see build_group)."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    return SequenceMatcher(None, a, b, autojunk=True).get_opcodes()


def _medoid(tokens: Sequence[Tokens], shingle_size: int) -> tuple[int, list[float]]:
    sets = [shingle_hashes(t.norms, shingle_size) for t in tokens]
    n = len(sets)
    sims = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sims[i][j] = sims[j][i] = jaccard(sets[i], sets[j])
    best = max(range(n), key=lambda i: (sum(sims[i]), -i))
    return best, sims[best]


def _separator(text: str) -> str:
    """What the medoid has between two kept tokens, tidied; a gap mark where words were cut."""
    if _WORDLIKE.search(text) or len(text) > _MAX_SEPARATOR * 4:
        return _GAP
    parts = [_SPACES.sub(" ", part).strip() for part in _NEWLINES.split(text)]
    if len(parts) == 1:
        tidy = _SPACES.sub(" ", text)
        return tidy if len(tidy) <= _MAX_SEPARATOR else _GAP
    return "".join(part + "\n" for part in parts[:1] + [p for p in parts[1:-1] if p]) + parts[-1]


def build_group(
    ids: Sequence[str | int], tokens: Sequence[Tokens], *, size: int, shingle_size: int
) -> TemplateGroup:
    """The template of the members ``ids`` (their tokens as compared) and each member's diff.

    `SequenceMatcher` runs with autojunk: on texts of 200 tokens or more, a token making up over
    1 % of the text only extends matches, it does not seed them. That keeps the alignment of a
    hostile repetitive text bounded (a 2,000-token "a a a ..." takes 0.6 s without it), at the cost
    of an occasional common word shown inside a change instead of in the template.
    """
    medoid_at, sims = _medoid(tokens, shingle_size)
    medoid = tokens[medoid_at]
    votes = [1] * len(medoid)
    for i, member in enumerate(tokens):
        if i == medoid_at:
            continue
        for tag, a1, a2, _, _ in _opcodes(medoid.norms, member.norms):
            if tag == "equal":
                for k in range(a1, a2):
                    votes[k] += 1
    kept = [k for k, v in enumerate(votes) if 2 * v > len(tokens)]
    norms = [medoid.norms[k] for k in kept]
    alignments = [_opcodes(norms, member.norms) for member in tokens]

    values: list[set[str]] = [set() for _ in kept]
    for member, ops in zip(tokens, alignments, strict=True):
        for tag, a1, a2, b1, _ in ops:
            if tag == "equal":
                for k in range(a1, a2):
                    if is_mask(norms[k]):
                        j = b1 + k - a1
                        values[k].add(member.text[member.starts[j] : member.ends[j]])
    variable = [len(v) > 1 for v in values]
    shown = [
        placeholder(norms[k]) if variable[k] else medoid.text[medoid.starts[m] : medoid.ends[m]]
        for k, m in enumerate(kept)
    ]
    pieces: list[str] = []
    for k, m in enumerate(kept):
        if k:
            prev = kept[k - 1]
            pieces.append(_separator(medoid.text[medoid.ends[prev] : medoid.starts[m]]))
        pieces.append(shown[k])

    diffs: list[MemberDiff] = []
    for i, (member, ops) in enumerate(zip(tokens, alignments, strict=True)):
        changes: list[Change] = []
        have = 0
        for tag, a1, a2, b1, b2 in ops:
            if tag == "equal":
                have += a2 - a1
                for k in range(a1, a2):
                    if variable[k]:
                        j = b1 + k - a1
                        start, end = member.starts[j], member.ends[j]
                        changes.append(
                            Change("value", k, k + 1, shown[k], member.text[start:end], start, end)
                        )
                continue
            if b2 > b1:
                start, end = member.starts[b1], member.ends[b2 - 1]
            else:
                start = end = member.starts[b1] if b1 < len(member) else len(member.text)
            kind: ChangeKind = "replace" if tag == "replace" else ("insert" if tag == "insert" else "delete")
            changes.append(Change(kind, a1, a2, " ".join(shown[a1:a2]), member.text[start:end], start, end))
        coverage = have / len(kept) if kept else 0.0
        diffs.append(MemberDiff(ids[i], sims[i], coverage, tuple(changes)))
    return TemplateGroup(
        size=size,
        members=tuple(ids),
        medoid=ids[medoid_at],
        template="".join(pieces),
        template_tokens=len(kept),
        diffs=tuple(diffs),
    )
