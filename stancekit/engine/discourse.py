"""Which rules a document's discourse lets run: the `discourse` rule option.

Evaluative words, feelings and plans are in every kind of news: a coach praises his players, a
critic a film, a company plans a merger. They are stances in the sense users track only where
politics is discussed, and a document shows that by its words. A rule with
`discourse: language.political_words` is tried only in a document that holds `discourse_words`
different words of that list. The words are the pack's; this module counts them, once per
document and list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from stancekit.engine.options import RuleOptions, WordList

_WORD = re.compile(r"\w+(?:'\w+)?")
#: A word as the keys count it, a hyphenated compound whole ("half-time", "semi-final").
_COMPOUND_WORD = re.compile(r"[\w-]+")


def story_words(text: str) -> frozenset[str]:
    """The distinct words of a document, case-folded, compounds whole: what the keys count to
    tell a sports story (`teams`) or political news (`metonyms`) from other news. Made once
    per document and given to both; a set, not a list of every word, as for the rules."""
    return _distinct(_COMPOUND_WORD, text, fold=True)


#: Characters of a document read at a time for its distinct words: a list of every word of a
#: 50 MB document would weigh ten times the text, a stretch's list a few megabytes.
_STRETCH_CHARS = 1 << 20
_SPACE = re.compile(r"\s")


def _distinct(word: re.Pattern, text: str, fold: bool = False) -> frozenset[str]:
    """The distinct matches of `word` (which never spans a space) in `text`, case-folded
    with `fold`. The text is read a stretch at a time, each cut at a space and split at
    spaces, and `word` is looked for once in each distinct piece: news repeats its words,
    and a regex walk over every character took most of the time of a large document."""
    pieces: set[str] = set()
    start = 0
    while start < len(text):
        space = _SPACE.search(text, start + _STRETCH_CHARS)
        end = space.start() if space else len(text)
        pieces.update(text[start:end].split())
        start = end
    if fold:
        pieces = {piece.casefold() for piece in pieces}
    return frozenset(found for piece in pieces for found in word.findall(piece))


class DocumentDiscourse:
    """The words of one document (lower-cased text), for the rules that ask about its discourse."""

    def __init__(self, lowered: str) -> None:
        self._lowered = lowered
        self._words: frozenset[str] | None = None
        self._held: dict[WordList, int] = {}

    def words_held(self, words: WordList) -> int:
        """How many different one-word entries of `words` the document holds."""
        held = self._held.get(words)
        if held is None:
            if self._words is None:
                # a set of the distinct words, not a list of every word: a document may be 50 MB
                self._words = _distinct(_WORD, self._lowered)
            held = self._held[words] = len(words.words & self._words)
        return held

    def admits(self, options: RuleOptions) -> bool:
        """Whether a rule with `options` is tried in this document."""
        return options.discourse is None or self.words_held(options.discourse) >= options.discourse_words

    def shortfall(self, options: RuleOptions) -> str | None:
        """Why a rule with `options` is not tried here, for `stancekit explain` (None: it is)."""
        if self.admits(options):
            return None
        assert options.discourse is not None
        held = self.words_held(options.discourse)
        return (
            f"the document is not of the rule's discourse: it holds {held} different word{'s' if held != 1 else ''}"
            f" of {options.discourse.source}, and the rule needs {options.discourse_words}"
        )


def rules_outside(options_of: Sequence[tuple[int, RuleOptions]], discourse: DocumentDiscourse) -> frozenset[int]:
    """The indices, among rules that name a discourse (`options_of`), of those the document keeps out."""
    return frozenset(index for index, options in options_of if not discourse.admits(options))


def discourse_rules(options_of: Iterable[tuple[int, RuleOptions]]) -> tuple[tuple[int, RuleOptions], ...]:
    """The rules that name a discourse, by index, for `rules_outside`: each list they name is
    one object, shared by every rule that names an equal one. A document's count is then
    looked up by the list itself, where an equal copy of it (each rule read from the cache
    has its own) was compared word by word with the one counted, for every rule and document."""
    shared: dict[WordList, WordList] = {}
    kept = []
    for index, options in options_of:
        if options.discourse is not None:
            words = shared.setdefault(options.discourse, options.discourse)
            kept.append((index, options if words is options.discourse else replace(options, discourse=words)))
    return tuple(kept)
