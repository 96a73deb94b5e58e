"""Polarity modifiers: negation, hedges, conditions and questions around a stance cue.

Negation follows NegEx: a trigger before the cue ("not", "n't", "never", "no longer",
"refused to", "failed to") negates it when nothing ends its scope first; scope ends at a
termination term ("but", "however", "although", "which", a comma ...), so "is not party to
the deal and has rejected calls" keeps "rejected" unnegated. A few triggers follow the cue
("... support for the plan was ruled out"). Pseudo-negations ("not only", "no doubt") are not
negations. An odd number of negations turns support into oppose and oppose into neutral.

Modality says how firmly the stance is stated: `hedged` ("may", "reportedly", "is expected
to"), `conditional` ("would support it if ...", "if Germany backs ...", "had they backed it"), `question` ("Would
you support ...?", "whether China will back ..."), else `asserted`. Rules never spell these
out: this is engine behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.engine.options import DEFAULT_OPTIONS, RuleOptions
from stancekit.engine.profile import LanguageProfile
from stancekit.engine.vm import RawMatch
from stancekit.identitymemo import IdentityMemo
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
    #: For each trigger, the list it is an entry of: a language slot ("negation_phrases") or,
    #: when a rule's options name another list, that list ("@strict_negations").
    sources: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class _Lists:
    """The negation and hedge lists a rule reads, and what to call each in `explain`."""

    negations: frozenset[str]
    negation_phrases: tuple[tuple[str, ...], ...]
    hedges: frozenset[str]
    hedge_phrases: tuple[tuple[str, ...], ...]
    names: tuple[str, str, str, str] = ("negations", "negation_phrases", "hedges", "hedge_phrases")


def _lists(lang: LanguageProfile, options: RuleOptions) -> _Lists:
    negations = (lang.negations, lang.negation_phrases, ("negations", "negation_phrases"))
    hedges = (lang.hedges, lang.hedge_phrases, ("hedges", "hedge_phrases"))
    if options.negations is not None:
        negations = (options.negations.words, options.negations.phrases, (options.negations.source,) * 2)
    if options.hedges is not None:
        hedges = (options.hedges.words, options.hedges.phrases, (options.hedges.source,) * 2)
    if not options.negation:
        negations = (frozenset(), (), negations[2])
    if not options.modality:
        hedges = (frozenset(), (), hedges[2])
    return _Lists(negations[0], negations[1], hedges[0], hedges[1], (*negations[2], *hedges[2]))  # type: ignore[arg-type]


def _preceding(
    words: Sequence[str], found: list[str], sources: list[str], lang: LanguageProfile, lists: _Lists
) -> tuple[int, bool]:
    """Negations and whether a hedge stands in the words before a cue; the words are added to
    `found`, the list each is an entry of to `sources`."""
    negations = 0
    hedged = False
    i = 0
    while i < len(words):
        pseudo = _phrase_at(words, i, lang.pseudo_negations)
        if pseudo:
            i += pseudo
            continue
        phrase = _phrase_at(words, i, lists.negation_phrases)
        if phrase:
            negations += 1
            found.append(" ".join(words[i : i + phrase]))
            sources.append(lists.names[1])
            i += phrase
            continue
        hedge = _phrase_at(words, i, lists.hedge_phrases)
        if hedge:
            hedged = True
            found.append(" ".join(words[i : i + hedge]))
            sources.append(lists.names[3])
            i += hedge
            continue
        if words[i] in lists.negations:
            negations += 1
            found.append(words[i])
            sources.append(lists.names[0])
        elif words[i] in lists.hedges:
            hedged = True
            found.append(words[i])
            sources.append(lists.names[2])
        i += 1
    return negations, hedged


def without_opinion_frames(words: Sequence[str], lead: str | None, frames: Sequence[tuple[str, ...]]) -> list[str]:
    """The scope's words with those of a first-person opinion frame ("I think", "we consider
    it") blanked: a speaker stating their own view neither hedges nor negates it. `lead` is the
    word before the scope, usually the actor, with which a frame may start ("We consider it
    right to back ...")."""
    if not frames:
        return list(words)
    padded = [lead or "", *words]
    i = 0
    while i < len(padded):
        length = _phrase_at(padded, i, frames)
        if length:
            padded[i : i + length] = [""] * length
            i += length
        else:
            i += 1
    return padded[1:]


def _following(tokens: Sequence[Token], match: RawMatch, lang: LanguageProfile) -> str | None:
    """The negation that follows the stance, right after the match, before the clause ends."""
    words = [t.lower for t in tokens[match.end : match.end + MAX_FOLLOWING]]
    terminators = lang.negation_terminators - lang.relative_terminators
    for i in range(len(words)):
        if words[i] in terminators:
            break
        length = _phrase_at(words, i, lang.following_negations)
        if length:
            return " ".join(words[i : i + length])
    return None


def _clause_start(tokens: Sequence[Token], position: int, lang: LanguageProfile) -> int:
    for i in range(position - 1, -1, -1):
        if tokens[i].lower in (";", ":", "--", "\u2014") or tokens[i].text in lang.quote_marks:
            return i + 1
    return 0


def _holds_phrase(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether one of `phrases` stands anywhere in `words`: "had he" in "... had he denied".
    Only where a phrase's first word stands is it compared: `words` may run back to the start
    of a long sentence for every match in it."""
    firsts = {phrase[0] for phrase in phrases if phrase}
    return any(_phrase_at(words, i, phrases) for i, word in enumerate(words) if word in firsts)


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
    if (
        any(w in lang.conditions for w in before)
        or _holds_phrase(before, lang.inverted_conditions)
        or (any(w in lang.conditional_modals for w in scope_words) and any(w in lang.conditional_clauses for w in rest))
    ):
        return CONDITIONAL
    return HEDGED if hedged else ASSERTED


def modifiers(
    tokens: Sequence[Token],
    match: RawMatch,
    polarity: str,
    lang: LanguageProfile,
    options: RuleOptions = DEFAULT_OPTIONS,
) -> Modifiers:
    """The polarity and modality of a match once negations, hedges, conditions and questions
    around its cue are applied, as far as the rule's options let them."""
    by_options = _LIST_CACHE.get(lang, dict)
    cached = by_options.get(id(options))
    if cached is None or cached[0] is not options:
        cached = by_options[id(options)] = (options, _lists(lang, options))
    lists = cached[1]
    start, end = scope(match, tokens, lang)
    lead = tokens[start - 1].lower if start > 0 else None
    words = without_opinion_frames([t.lower for t in tokens[start:end]], lead, lang.opinion_frames)
    found: list[str] = []
    sources: list[str] = []
    negations, hedged = _preceding(words, found, sources, lang, lists)
    following = _following(tokens, match, lang) if options.negation else None
    if following:
        negations += 1
        found.append(following)
        sources.append("following_negations")
    negated = negations % 2 == 1
    modality = _modality(tokens, match, hedged, words, lang) if options.modality else ASSERTED
    flipped = options.negated_polarity or FLIP[polarity]
    return Modifiers(flipped if negated else polarity, negated, modality, tuple(found), tuple(sources))


#: Per profile: id(options) -> (options, the lists a rule with those options reads), built
#: once per rule set and options, not per match; the options are kept so that their id is
#: not reused while the entry lives.
_LIST_CACHE: IdentityMemo[dict[int, tuple[RuleOptions, _Lists]]] = IdentityMemo()
