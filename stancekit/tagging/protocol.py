"""What a tagger is, to the rest of stancekit: a name and one tag per word.

A Protocol rather than a base class, so that a tagger from a plugin (wrapping another
library, say) needs no import from stancekit to qualify.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Tagger(Protocol):
    """Tags the words of one sentence with Universal POS tags (`UPOS_TAGS`)."""

    name: str

    def tag(self, words: Sequence[str]) -> list[str]:
        """One UPOS tag per word, in order."""
        ...
