"""Polarity modifiers: negation, hedges, conditions and questions around a stance cue.

Negation follows NegEx: a trigger before the cue ("not", "n't", "never", "no longer",
"refused to", "failed to") negates it when nothing ends its scope first; scope ends at a
termination term ("but", "however", "although", "which", a comma ...), so "is not party to
the deal and has rejected calls" keeps "rejected" unnegated. A few triggers follow the cue
("... support for the plan was ruled out"). Pseudo-negations ("not only", "no doubt") are not
negations. An odd number of negations turns support into oppose and oppose into neutral.

Modality says how firmly the stance is stated: `hedged` ("may", "reportedly", "is expected
to"), `conditional` ("would support it if ...", "if Germany backs ..."), `question` ("Would
you support ...?", "whether China will back ..."), else `asserted`. Rules never spell these
out: this is engine behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.engine.profile import LanguageProfile
from stancekit.engine.vm import RawMatch
from stancekit.text.tokens import Token

#: How far before its cue a negation or hedge can stand.
MAX_SCOPE = 8
#: How far after its cue a following negation can stand.
MAX_FOLLOWING = 6

FLIP = {"support": "oppose", "oppose": "neutral", "neutral": "neutral"}
ASSERTED, HEDGED, CONDITIONAL, QUESTION = "asserted", "hedged", "conditional", "question"


@dataclass(frozen=True)
class Modifiers:
    polarity: str
    negated: bool
    modality: str = ASSERTED
    #: The words that decided it ("n't", "refused to", "may", "if", "?"), for `explain`.
    triggers: tuple[str, ...] = ()

    @property
    def hedged(self) -> bool:
        return self.modality != ASSERTED


def _phrase_at(words: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of a phrase from `phrases` starting at words[i], or 0."""
    for phrase in phrases:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def scope(match: RawMatch, tokens: Sequence[Token], lang: LanguageProfile) -> tuple[int, int]:
    """Token positions [start, end) in which triggers before the match's cue count: after the
    capture before the cue and after the last termination term, at most MAX_SCOPE tokens."""
    cue_start = match.cue[0] if match.cue else match.start
    before = [c.end for c in match.captures if c.end <= cue_start]
    start = max(before) if before else match.start
    start = max(start, cue_start - MAX_SCOPE)
    for i in range(cue_start - 1, start - 1, -1):
        if tokens[i].lower in lang.negation_terminators and not _adverbial_yet(tokens, i):
            return i + 1, cue_start
    return start, cue_start


def _adverbial_yet(tokens: Sequence[Token], i: int) -> bool:
    """ "yet" as an adverb ("hadn't yet called for"), not the conjunction ("..., yet backed"):
    only the conjunction ends a negation's scope."""
    return tokens[i].lower == "yet" and i > 0 and tokens[i - 1].lower not in (",", ";", "and", "but")


def _preceding(words: Sequence[str], found: list[str], lang: LanguageProfile) -> tuple[int, bool]:
    """Negations and whether a hedge stands in the words before a cue; the words are added to `found`."""
    negations = 0
    hedged = False
    i = 0
    while i < len(words):
        pseudo = _phrase_at(words, i, lang.pseudo_negations)
        if pseudo:
            i += pseudo
            continue
        phrase = _phrase_at(words, i, lang.negation_phrases)
        if phrase:
            negations += 1
            found.append(" ".join(words[i : i + phrase]))
            i += phrase
            continue
        hedge = _phrase_at(words, i, lang.hedge_phrases)
        if hedge:
            hedged = True
            found.append(" ".join(words[i : i + hedge]))
            i += hedge
            continue
        if words[i] in lang.negations:
            negations += 1
            found.append(words[i])
        elif words[i] in lang.hedges:
            hedged = True
            found.append(words[i])
        i += 1
    return negations, hedged


def _following(tokens: Sequence[Token], match: RawMatch, lang: LanguageProfile) -> int:
    """Negations that follow the stance, right after the match, before the clause ends."""
    words = [t.lower for t in tokens[match.end : match.end + MAX_FOLLOWING]]
    terminators = lang.negation_terminators - lang.relative_terminators
    for i in range(len(words)):
        if words[i] in terminators:
            break
        if _phrase_at(words, i, lang.following_negations):
            return 1
    return 0


def _clause_start(tokens: Sequence[Token], position: int, lang: LanguageProfile) -> int:
    for i in range(position - 1, -1, -1):
        if tokens[i].lower in (";", ":", "--", "\u2014") or tokens[i].text in lang.quote_marks:
            return i + 1
    return 0


def _modality(
    tokens: Sequence[Token], match: RawMatch, hedged: bool, scope_words: Sequence[str], lang: LanguageProfile
) -> str:
    cue = match.cue[0] if match.cue else match.start
    clause = _clause_start(tokens, match.start, lang)
    before = [t.lower for t in tokens[clause:cue]]
    rest = [t.lower for t in tokens[match.end :]]
    closing = next((i for i, w in enumerate(rest) if w in (".", "!", ";") or w in ('"', "\u201d")), len(rest))
    if "?" in rest[: closing + 1] or any(w in lang.indirect_questions for w in before):
        return QUESTION
    if any(w in lang.conditions for w in before) or (
        any(w in lang.conditional_modals for w in scope_words) and any(w in lang.conditional_clauses for w in rest)
    ):
        return CONDITIONAL
    return HEDGED if hedged else ASSERTED


def modifiers(tokens: Sequence[Token], match: RawMatch, polarity: str, lang: LanguageProfile) -> Modifiers:
    """The polarity and modality of a match once negations, hedges, conditions and questions
    around its cue are applied."""
    start, end = scope(match, tokens, lang)
    words = [t.lower for t in tokens[start:end]]
    found: list[str] = []
    negations, hedged = _preceding(words, found, lang)
    following = _following(tokens, match, lang)
    if following:
        negations += 1
        found.append("(negated after the stance)")
    negated = negations % 2 == 1
    modality = _modality(tokens, match, hedged, words, lang)
    return Modifiers(FLIP[polarity] if negated else polarity, negated, modality, tuple(found))
