"""Matches that look like a stance but are something else: a passive ("Cruz was endorsed by"),
a possessive ("Trump's support lagging"), a noun a name modifies ("the Orlando attack now
ranks", "Grand Slam titles"), an adverb ("he was back home").

The rules match words; without a tagger these checks look at the words around the cue to tell
a verb from a noun or an adverb. Each returns True when the match should give no finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from stancekit.engine.captures import NAME, category
from stancekit.engine.profile import LanguageProfile
from stancekit.engine.verbforms import verb_only_forms
from stancekit.engine.vm import RawMatch
from stancekit.text.tokens import Token

#: Each reading of this module (as `options: {readings: [...]}` names it) and why it drops a match.
WHY = {
    "passive": "read as a passive ('X was endorsed by Y'): the actor before the verb does not take the stance",
    "possessive": "read as a possessive ('Trump's support lagging'): a bare stance word after \"'s\" is a noun",
    "adverb_back": "read as an adverb ('he was back home'): 'back' after a form of 'be'",
    "noun_after_name": "read as a noun the name modifies ('the Orlando attack', 'Grand Slam titles')",
}


def misreading(
    tokens: Sequence[Token],
    match: RawMatch,
    actor_start: int,
    actor_end: int,
    lang: LanguageProfile,
    readings: frozenset[str] = frozenset(WHY),
) -> str | None:
    """The reading (a key of `WHY`) under which a match with an actor over tokens
    [actor_start, actor_end) is not a stance, or None when it reads as one; only `readings`
    are tried (a rule's `options: {readings: ...}`)."""
    if "passive" in readings and passive_reading(tokens, match, actor_end, lang):
        return "passive"
    if "possessive" in readings and possessive_reading(tokens, match, actor_end, lang):
        return "possessive"
    if "adverb_back" in readings and adverb_back(tokens, match, lang):
        return "adverb_back"
    if "noun_after_name" in readings and noun_after_a_name(tokens, match, actor_start, actor_end, lang):
        return "noun_after_name"
    return None


def passive_reading(tokens: Sequence[Token], match: RawMatch, actor_end: int, lang: LanguageProfile) -> bool:
    """Whether an actor-before-verb match is really a passive ("Cruz was endorsed ... by Fiorina",
    "Texas was called for Cruz"): a cue whose first word can only be a verb form, right after
    a form of "be", so the actor is not the one taking the stance. Participles that are also
    adjectives ("opposed", "undecided") are left alone, and passive rules, whose actor follows
    the cue, are never affected."""
    cue = match.cue
    if cue is None or actor_end > cue[0]:
        return False
    if tokens[cue[0]].lower not in verb_only_forms():
        return False  # "are opposed to", "is undecided on": an adjective, not a passive
    i = cue[0] - 1
    while i >= actor_end and (tokens[i].lower in lang.passive_gap or lang.is_adverb(tokens[i])):
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
    or "is" ("the Church is firmly against"). A cue capitalised in running text right after a
    name is the name's last word ("the Grand Slams")."""
    cue = match.cue
    if cue is None or actor_end > cue[0] or actor_end <= actor_start:
        return False
    actor = tokens[actor_start:actor_end]
    last = actor[-1]
    if _event_of_a_place(actor, tokens, cue[0], lang):
        return True
    if category(last, lang) != NAME:
        return False
    if actor_end == cue[0] and _capitalised_in_running_text(tokens, actor_start, cue[0], lang):
        return True
    if last.lower.endswith("s") or last.lower in lang.plurals_without_s:
        return False
    if any(t.lower in ("and", "&", ",") for t in actor):
        return False
    if actor_start > 0 and tokens[actor_start - 1].lower in lang.auxiliaries_before_subjects:
        return False  # "Why does Israel refuse to ...": a question puts the auxiliary first
    word = tokens[cue[0]].lower
    if word.endswith(lang.inflection_suffixes) or word in verb_only_forms():
        return False
    return all(lang.is_adverb(t) or t.lower in lang.adverbs_before_verbs for t in tokens[actor_end : cue[0]])


def _capitalised_in_running_text(tokens: Sequence[Token], actor_start: int, cue: int, lang: LanguageProfile) -> bool:
    """Whether the cue right after a name is capitalised where the text around it is not in
    title case ("win the Grand Slams anymore", "Grand Slams chances were lost"): it is the
    name's last word, not a verb. The nearest word after the cue that is not a function word
    tells (else the nearest before the name): a headline in title case ("Union Leader Slams
    Pension Reform"), even one run into the story's first sentence, capitalises it too. A cue
    in capitals ("FAVORS") says nothing of its case."""
    text = tokens[cue].text
    if not text[:1].isupper() or text.isupper():
        return False
    around = itertools.chain(tokens[cue + 1 :], reversed(tokens[:actor_start]))
    nearest = next((t for t in around if t.text.isalpha() and t.lower not in lang.function_words), None)
    return nearest is not None and nearest.text[:1].islower()


def _event_of_a_place(actor: Sequence[Token], tokens: Sequence[Token], cue: int, lang: LanguageProfile) -> bool:
    """Whether a definite article and one name come right before a plural noun for a violent
    event ("the Paris attacks pushed voters", "the Benghazi attacks"): the name says where the
    event was, and the cue is the event's noun. A verb takes its object next ("the Kremlin
    attacks the plan", "the Pentagon attacks Trump"): an article, a determiner or a name after
    the cue keeps it a verb."""
    if len(actor) != 2 or actor[0].lower not in lang.definite_articles or category(actor[1], lang) != NAME:
        return False
    if tokens[cue].lower not in lang.event_nouns:
        return False
    following = tokens[cue + 1] if cue + 1 < len(tokens) else None
    return following is None or (following.lower not in lang.determiners and category(following, lang) != NAME)


def adverb_back(tokens: Sequence[Token], match: RawMatch, lang: LanguageProfile) -> bool:
    """ "He was back home", "is back in talks": after a form of "be", "back" is an adverb,
    not the verb of "will back the bill"."""
    cue = match.cue
    if cue is None or cue[1] - cue[0] != 1 or tokens[cue[0]].lower != "back" or cue[0] == 0:
        return False
    return tokens[cue[0] - 1].lower in lang.be_forms


def culprit(
    reading: str, tokens: Sequence[Token], match: RawMatch, actor_end: int, lang: LanguageProfile
) -> tuple[str, str] | None:
    """The language slot and entry that made `reading` drop the match (for `stancekit explain`),
    or None when the shape of the words alone did ("'s" before a bare noun)."""
    cue = match.cue
    if cue is None:
        return None
    if reading == "passive":
        i = cue[0] - 1
        while i >= actor_end and (tokens[i].lower in lang.passive_gap or lang.is_adverb(tokens[i])):
            i -= 1
        return ("passive_auxiliaries", tokens[i].lower) if i >= actor_end else None
    if reading == "adverb_back":
        return "be_forms", tokens[cue[0] - 1].lower
    if reading == "noun_after_name":
        between = [t.lower for t in tokens[actor_end : cue[0]] if t.lower in lang.adverbs_before_verbs]
        return ("adverbs_before_verbs", between[0]) if between else None
    return None
