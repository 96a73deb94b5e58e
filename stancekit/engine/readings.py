"""Matches that look like a stance but are something else: a passive ("Cruz was endorsed by"),
a possessive ("Trump's support lagging"), a noun a name modifies ("the Orlando attack now
ranks", "Grand Slam titles"), an adverb ("he was back home").

The rules match words; without a tagger these checks look at the words around the cue to tell
a verb from a noun or an adverb. Each returns True when the match should give no finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from stancekit.engine.captures import NAME, category
from stancekit.engine.profile import LanguageProfile
from stancekit.engine.verbforms import verb_only_forms
from stancekit.engine.vm import RawMatch
from stancekit.text.tokens import Token


def misreading(
    tokens: Sequence[Token], match: RawMatch, actor_start: int, actor_end: int, lang: LanguageProfile
) -> str | None:
    """Why a match with an actor over tokens [actor_start, actor_end) is not a stance, or None
    when it reads as one."""
    if passive_reading(tokens, match, actor_end, lang):
        return "read as a passive ('X was endorsed by Y'): the actor before the verb does not take the stance"
    if possessive_reading(tokens, match, actor_end, lang):
        return "read as a possessive ('Trump's support lagging'): a bare stance word after \"'s\" is a noun"
    if adverb_back(tokens, match, lang):
        return "read as an adverb ('he was back home'): 'back' after a form of 'be'"
    if noun_after_a_name(tokens, match, actor_start, actor_end, lang):
        return "read as a noun the name modifies ('the Orlando attack', 'Grand Slam titles')"
    return None


def passive_reading(tokens: Sequence[Token], match: RawMatch, actor_end: int, lang: LanguageProfile) -> bool:
    """Whether an actor-before-verb match is really a passive ("Cruz was endorsed ... by Fiorina"):
    a one-word cue that can only be a verb form, right after a form of "be", so the actor is
    not the one taking the stance. Participles that are also adjectives ("opposed",
    "undecided") are left alone, and passive rules, whose actor follows the cue, are never
    affected."""
    cue = match.cue
    if cue is None or cue[1] - cue[0] != 1 or actor_end > cue[0]:
        return False
    if tokens[cue[0]].lower not in verb_only_forms():
        return False  # "are opposed to", "is undecided on": an adjective, not a passive
    i = cue[0] - 1
    while i >= actor_end and (tokens[i].lower in lang.passive_gap or tokens[i].lower.endswith("ly")):
        i -= 1
    return i >= actor_end and tokens[i].lower in lang.passive_auxiliaries


def possessive_reading(tokens: Sequence[Token], match: RawMatch, actor_end: int, lang: LanguageProfile) -> bool:
    """Whether "'s" before the cue is a possessive, not "is"/"has": "Mr. Trump's support
    lagging behind", "the union's call for talks". After "is" or "has" a verb is inflected
    ("Trump's backing", "Trump's backed"); a bare form after "'s" is a noun."""
    cue = match.cue
    if cue is None or cue[0] - 1 < actor_end or tokens[cue[0] - 1].lower != "'s":
        return False  # no "'s" between actor and cue, or the actor's own ("Germany's support for")
    word = tokens[cue[0]].lower
    following = tokens[cue[1]].lower if cue[1] < len(tokens) else ""
    if following in lang.noun_complements:
        return False  # "Germany's support for the plan": noun or verb, the stance is the same
    return not word.endswith(lang.inflection_suffixes) and word not in verb_only_forms()


def noun_after_a_name(
    tokens: Sequence[Token], match: RawMatch, actor_start: int, actor_end: int, lang: LanguageProfile
) -> bool:
    """Whether the cue is a noun that a name modifies ("the Orlando attack now ranks", "12
    Grand Slam titles", "the Tulsa protest remained peaceful"): a single name takes "attacks",
    not "attack"; only adverbs may stand between them, not an auxiliary ("Trump will attack")
    or "is" ("the Church is firmly against")."""
    cue = match.cue
    if cue is None or actor_end > cue[0] or actor_end <= actor_start:
        return False
    actor = tokens[actor_start:actor_end]
    last = actor[-1]
    if category(last, lang) != NAME or last.lower.endswith("s") or last.lower in lang.plurals_without_s:
        return False
    if any(t.lower in ("and", "&", ",") for t in actor):
        return False
    if actor_start > 0 and tokens[actor_start - 1].lower in lang.auxiliaries_before_subjects:
        return False  # "Why does Israel refuse to ...": a question puts the auxiliary first
    word = tokens[cue[0]].lower
    if word.endswith(lang.inflection_suffixes) or word in verb_only_forms():
        return False
    return all(t.lower.endswith("ly") or t.lower in lang.adverbs_before_verbs for t in tokens[actor_end : cue[0]])


def adverb_back(tokens: Sequence[Token], match: RawMatch, lang: LanguageProfile) -> bool:
    """ "He was back home", "is back in talks": after a form of "be", "back" is an adverb,
    not the verb of "will back the bill"."""
    cue = match.cue
    if cue is None or cue[1] - cue[0] != 1 or tokens[cue[0]].lower != "back" or cue[0] == 0:
        return False
    return tokens[cue[0] - 1].lower in lang.be_forms
