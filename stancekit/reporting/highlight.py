"""An evidence sentence as HTML, with the actor, topic and cue marked inside it.

A finding's offsets are document offsets, so a part sits at `part.start - sentence.start`
in the sentence. Parts may overlap (a topic phrase holding the cue, an actor inside a
quoted topic), so the sentence is cut at every start and end and each piece is marked with
every part covering it: marks are never nested and never cross. All text is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import groupby, pairwise

from stancekit.findings import Finding, TextSpan

#: The parts of a finding marked in its sentence, in the order their classes are written.
ROLES = ("actor", "cue", "topic")


@dataclass(frozen=True)
class Mark:
    """Where one part of a finding sits in its sentence (sentence offsets)."""

    role: str
    start: int
    end: int


def locate(sentence: TextSpan, part: TextSpan | None) -> tuple[int, int] | None:
    """Where `part` sits in `sentence`, or None when it is not there.

    The offsets are trusted when the text at them is the part's text; a file edited by hand
    or written by another tool may have moved them, and then the part's first occurrence in
    the sentence is marked instead. A part outside the sentence (an actor named by a quote's
    speaker in the sentence before) is not marked."""
    if part is None or not part.text:
        return None
    start, end = part.start - sentence.start, part.end - sentence.start
    if 0 <= start < end <= len(sentence.text) and sentence.text[start:end] == part.text:
        return start, end
    found = sentence.text.find(part.text)
    return None if found < 0 else (found, found + len(part.text))


def marks(finding: Finding) -> tuple[Mark, ...]:
    """The actor, cue and topic of `finding` that can be found in its sentence."""
    found = []
    for role, part in zip(ROLES, (finding.actor, finding.cue, finding.topic), strict=True):
        span = locate(finding.sentence, part)
        if span is not None:
            found.append(Mark(role, *span))
    return tuple(found)


def highlight(finding: Finding) -> str:
    """The sentence of `finding` as escaped HTML with `<mark class="actor">` and the like."""
    text = finding.sentence.text
    spans = marks(finding)
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    pieces = [
        (" ".join(m.role for m in spans if m.start <= a and b <= m.end), text[a:b]) for a, b in pairwise(cuts) if a < b
    ]
    out = []
    for roles, group in groupby(pieces, key=lambda piece: piece[0]):
        escaped = html.escape("".join(piece for _, piece in group))
        out.append(f'<mark class="{roles}">{escaped}</mark>' if roles else escaped)
    return "".join(out)
