"""One sentence as the matcher sees it: its tokens, the quotes of its document, and the
annotations rules may ask for (part-of-speech tags, lemmas, phrases).

Annotations cost time, so none is made before a rule needs it, and none is made twice: the
tags are computed the first time a `[TAG]` test or a phrase looks at them, each phrase type
the first time a pattern asks for it (a phrase type that uses another computes that one
first), and everything is then kept for every other rule tried on the same sentence. Only
candidate sentences (those holding a trigger word) get a context at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from stancekit.engine.profile import LanguageProfile, default_profile
from stancekit.tagging import Tagger, default_tagger, lemma, tagger_named
from stancekit.text.segment import QuoteSpan
from stancekit.text.tokens import Token

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledPhrase


@dataclass(frozen=True)
class Phrase:
    """One phrase the phrase stage found: token positions [start, end) and its head's position.

    The head is found when first asked for (`find_head`, given the phrase's span): finding it
    may take the sentence's tags, and most phrases are never asked for their head (only a
    phrase element with a head test and `explain` ask), so a sentence full of phrases is
    not tagged for them alone."""

    type: str
    start: int
    end: int
    find_head: Callable[[int, int], int] = field(repr=False, compare=False)

    @cached_property
    def head(self) -> int:
        """The position of the phrase's head token."""
        return self.find_head(self.start, self.end)


@dataclass
class SentenceContext:
    """What patterns and extractors may consult about the sentence being matched; caches their results.

    `tagger` None means the tagger named by `tagger_name` (the rule set's `tagger:`), or the
    bundled one; either is loaded on first use. `phrase_types` are the rule set's compiled
    phrase types by key; `profile` is the rule set's language profile (the bundled English one
    when not given).
    """

    tokens: Sequence[Token]
    quotes: Sequence[QuoteSpan] = ()
    cache: dict = field(default_factory=dict)
    tagger: Tagger | None = None
    phrase_types: Mapping[str, CompiledPhrase] = field(default_factory=dict)
    tagger_name: str | None = None
    profile: LanguageProfile = field(default_factory=default_profile)
    _tags: list[str] | None = field(default=None, repr=False)
    _phrases: dict[str, dict[int, Phrase]] = field(default_factory=dict, repr=False)

    @property
    def tags(self) -> list[str]:
        """The Universal POS tag of each token."""
        if self._tags is None:
            tagger = self.tagger or (tagger_named(self.tagger_name) if self.tagger_name else default_tagger())
            self._tags = tagger.tag([t.text for t in self.tokens])
        return self._tags

    @property
    def lemmas(self) -> list[str]:
        """The lemma of each token, from its tag."""
        return [lemma(t.text, tag) for t, tag in zip(self.tokens, self.tags, strict=True)]

    def phrases(self, key: str) -> dict[int, Phrase]:
        """The phrases of one phrase type, by the token position where each starts."""
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = self._find(self.phrase_types[key])
        return found

    def release_phrases(self) -> None:
        """Forget the phrases found: each holds this context to find its head when asked, so
        the two are a cycle that only the cycle collector frees. A matcher done with the
        sentence releases them; `explain`, which reports phrases after the walk, does not."""
        self._phrases.clear()

    def all_phrases(self) -> list[tuple[str, Phrase]]:
        """Every phrase of every phrase type, as (key, phrase), in definition then text order."""
        return [(key, phrase) for key in self.phrase_types for phrase in self.phrases(key).values()]

    def _find(self, phrase_type: CompiledPhrase) -> dict[int, Phrase]:
        from stancekit.engine.vm import find_matches, passes

        found: dict[int, Phrase] = {}
        head_test = phrase_type.head

        def find_head(start: int, end: int) -> int:
            """The last token of the phrase that passes its type's head test (the last token
            when none does, or when the type has no test)."""
            if head_test is None:
                return end - 1
            return next((k for k in range(end - 1, start - 1, -1) if passes(head_test, self, k)), end - 1)

        for match in find_matches(
            phrase_type.program, phrase_type.entry, self, firsts=phrase_type.firsts or None, anchor=phrase_type.anchor
        ):
            found[match.start] = Phrase(phrase_type.name, match.start, match.end, find_head)
        return found
