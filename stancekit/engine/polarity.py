"""Polarity modifiers: negation and hedging in the scope of a stance cue.

The scope runs from the end of the capture before the cue (usually the actor) up to the cue,
at most `MAX_SCOPE` tokens: "Germany does *not* support", "the party *no longer* backs",
"she *refused to* endorse". An odd number of negations turns support into oppose and oppose
into neutral; pseudo-negations ("not only") do not count. Hedges ("may", "reportedly",
"would") in the same scope mark the finding as hedged without changing its polarity.
Rules never have to spell these out: this is engine behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.engine import wordlists as W
from stancekit.engine.vm import RawMatch
from stancekit.text.tokens import Token

MAX_SCOPE = 8

#: Where the clause of a cue begins: "are not party to the deal and have rejected calls".
_CLAUSE_BREAKS = frozenset({",", ";", ":", "and", "but", "or", "--", "\u2014", "\u2013"})

FLIP = {"support": "oppose", "oppose": "neutral", "neutral": "neutral"}


@dataclass(frozen=True)
class Modifiers:
    polarity: str
    negated: bool
    hedged: bool


def _phrase_at(words: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of a phrase from `phrases` starting at words[i], or 0."""
    for phrase in phrases:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def scope(match: RawMatch, tokens: Sequence[Token]) -> tuple[int, int]:
    """Token positions [start, end) in which modifiers of the match's cue are looked for: after
    the capture before the cue and within the cue's own clause (an aside such as ", eager to
    jab his rivals," or a first conjunct has its own negations), at most MAX_SCOPE tokens."""
    cue_start = match.cue[0] if match.cue else match.start
    before = [c.end for c in match.captures if c.end <= cue_start]
    start = max(before) if before else match.start
    start = max(start, cue_start - MAX_SCOPE)
    for i in range(cue_start - 1, start - 1, -1):
        if tokens[i].lower in _CLAUSE_BREAKS:
            return i + 1, cue_start
    return start, cue_start


def modifiers(tokens: Sequence[Token], match: RawMatch, polarity: str) -> Modifiers:
    """The polarity of a match once negations and hedges around its cue are applied."""
    start, end = scope(match, tokens)
    words = [t.lower for t in tokens[start:end]]
    negations = 0
    hedged = False
    i = 0
    while i < len(words):
        pseudo = _phrase_at(words, i, W.PSEUDO_NEGATIONS)
        if pseudo:
            i += pseudo
            continue
        phrase = _phrase_at(words, i, W.NEGATION_PHRASES)
        if phrase:
            negations += 1
            i += phrase
            continue
        hedge = _phrase_at(words, i, W.HEDGE_PHRASES)
        if hedge:
            hedged = True
            i += hedge
            continue
        if words[i] in W.NEGATIONS:
            negations += 1
        elif words[i] in W.HEDGES:
            hedged = True
        i += 1
    negated = negations % 2 == 1
    return Modifiers(FLIP[polarity] if negated else polarity, negated, hedged)
