"""The built-in capture types: which span `{x:ACTOR}` and `{x:TOPIC}` take.

A capture type is an extractor: given the tokens of a sentence and a start position, it
returns the positions where a capture starting there may end, preferred first. The matcher
tries them in that order, so a longer actor or topic is kept unless the rest of the pattern
needs a shorter one ("Trump's support for" gives the ACTOR "Trump" because `'s` must follow).

ACTOR: a pronoun; or a name: capitalised words with lower-case joiners and role words
("the United States", "National Security Council spokesman John Kirby", "the White House");
or a noun phrase headed by an actor noun ("Republican lawmakers", "the administration",
"dozens of papers"); optionally with a possessive ("Trump's campaign"), a prepositional
phrase naming an institution ("Republicans on the House Rules Committee") and an appositive
between commas ("Keron Blair, executive director of AROS,").

TOPIC: everything from the start up to a clause boundary: a comma, semicolon, dash or
bracket, the end of the sentence or of the quote it sits in, or a clause word such as
"but", "because" or "saying".
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

from stancekit import registry
from stancekit.engine.profile import LanguageProfile
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.verbforms import ing_forms, verb_only_forms
from stancekit.tagging.dictionary import word_classes
from stancekit.text.segment import QuoteSpan
from stancekit.text.tokens import Token

MAX_ACTOR_TOKENS = 14
MAX_TOPIC_TOKENS = 40
VERB_TAGS = frozenset({"VERB", "AUX"})  # the tagger's tags of verbs, which end a list of nouns
MAX_LIST_ITEMS = 6  # items of a list of nouns a topic may take after a comma
MAX_APPOSITIVE_TOKENS = 12
MAX_LIST_TOKENS = 24


#: An extractor: (tokens, start, context, final) -> the ends a capture from `start` may have,
#: preferred first. `final` says whether the capture ends the pattern: a topic at the end
#: of a rule runs to the clause boundary; one followed by more pattern stops at its verb.
Extractor = Callable[[Sequence[Token], int, SentenceContext, bool], tuple[int, ...]]

# -- token categories --------------------------------------------------------------------------

NAME, ROLE, NOUN, MODIFIER, JOINER, POSSESSIVE, DETERMINER, OTHER = range(8)


def _is_name(token: Token, lang: LanguageProfile) -> bool:
    text = token.text
    first = text[:1]
    if not first.isupper() or text in lang.capitalised_non_names:
        return False
    if text[1:2].isupper() and token.lower in lang.function_words and token.lower != "us" and text.isupper():
        return False  # a heading in capitals: "CONGRESS HAS INVESTIGATED HIM"
    return text.replace(".", "").replace("-", "").replace("'", "").replace("\u2019", "").isalnum()


class _Categories:
    """Each token form's category under one profile, kept: actor phrases are read at every
    position of a sentence for every rule, and the same words come back in every sentence.
    Bounded: dropped once `KEEP` forms are kept, and when another profile is asked for. The
    profile is held weakly: a rule set no longer used goes with its profile."""

    KEEP = 20000
    __slots__ = ("found", "lang")

    def __init__(self) -> None:
        self.lang: weakref.ref[LanguageProfile] | None = None
        self.found: dict[tuple[str, str], int] = {}


_CATEGORIES = _Categories()


def category(token: Token, lang: LanguageProfile) -> int:
    """The token's category (NAME, ROLE, NOUN ...), which its text and comparison form decide."""
    memo = _CATEGORIES
    if memo.lang is None or memo.lang() is not lang or len(memo.found) >= memo.KEEP:
        memo.lang = weakref.ref(lang)
        memo.found = {}
    key = (token.text, token.lower)
    found = memo.found.get(key)
    if found is None:
        found = memo.found[key] = _category(token, lang)
    return found


def _category(token: Token, lang: LanguageProfile) -> int:
    lower = token.lower
    if _is_name(token, lang):
        return NAME
    if lower in ("'s", "'"):
        return POSSESSIVE
    if lower in lang.role_words:
        return ROLE
    if lower in lang.actor_nouns:
        return NOUN
    if lower in lang.actor_modifiers:
        return MODIFIER
    if _agent_noun(token, lang):
        return NOUN
    if lower in lang.name_joiners:
        return JOINER
    if lower in lang.determiners:
        return DETERMINER
    return OTHER


_HEADS = (NAME, ROLE, NOUN)


def _agent_noun(token: Token, lang: LanguageProfile) -> bool:
    """A noun that names people by its ending: "providers", "organisers", "comedian"."""
    lower = token.lower
    return (
        len(lower) > 4
        and lower.isalpha()
        and token.text[:1].islower()
        and lower.endswith(lang.agent_suffixes)
        and not lower.endswith(lang.agent_suffix_exceptions)
        and lower not in lang.non_actor_heads
        and lower not in lang.function_words
        and lower not in lang.comparatives
    )


def _loose_modifier(token: Token, determined: bool, lang: LanguageProfile) -> bool:
    """An unlisted lower-case word that may still modify an actor noun: any word after a
    determiner ("the two largest unions"), else a hyphenated word or one with an adjective
    ending ("left-leaning economists", "centrist Democrats"); never a word that can only be a
    verb ("the audience cheered Clinton's attacks")."""
    lower = token.lower
    if not lower[:1].isalpha() or not token.text[:1].islower() or lower in lang.function_words:
        return False
    if lower in verb_only_forms():
        return False
    return determined or "-" in lower or lower.endswith(lang.adjective_suffixes)


def _plain_word(token: Token, lang: LanguageProfile) -> bool:
    lower = token.lower
    return lower.replace("-", "").isalpha() and token.text[:1].islower() and lower not in lang.function_words


def _compound_modifier(tokens: Sequence[Token], j: int, limit: int, after_name: bool, lang: LanguageProfile) -> bool:
    """A lower-case noun used as a modifier, known by the actor noun right after it: "island"
    in "small island states", "rights" in "Human rights groups". After a name, a word in -s is
    more often a verb ("Trump attacks critics") and is only taken from a short list, and a word
    in -ed before a name is a verb in the past with its object ("Brown accused shadow chancellor
    Ana Ruiz"; but "Democratic registered voters")."""
    token = tokens[j]
    if not _plain_word(token, lang) or token.lower in verb_only_forms():
        return False
    if after_name and token.lower.endswith("s") and token.lower not in lang.plural_modifiers:
        return False
    past = token.lower.endswith(lang.past_suffixes) if lang.past_suffixes else False
    if after_name and past and _name_within(tokens, j + 1, min(limit, j + 4), lang):
        return False  # "Mr Brown accused shadow chancellor Ana Ruiz": a verb in the past, and its object
    for k in range(j + 1, min(limit, j + 3)):
        cat = category(tokens[k], lang)
        if cat in (NOUN, ROLE):
            return True
        if cat != OTHER or not _plain_word(tokens[k], lang) or tokens[k].lower in ing_forms():
            return False  # "majorities favor letting people stay": a verb and its object
    return False


def _name_within(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether a name stands among tokens [start, end)."""
    return any(category(t, lang) == NAME for t in tokens[start:end])


def _core_ends(tokens: Sequence[Token], i: int, limit: int, determined: bool, lang: LanguageProfile) -> list[int]:
    """Ends of a name or actor noun phrase starting at `i` (after any determiner), shortest first."""
    ends: list[int] = []
    j = i
    previous = None
    loose = 0
    while j < limit:
        token = tokens[j]
        cat = category(token, lang)
        if j == i and not determined and _opening_modifier(tokens, j, limit, lang):
            cat = MODIFIER  # "Retired neurosurgeon Ben Carson": capitalised as the sentence's first word
        if (
            cat == OTHER
            and loose < 3
            and (
                (previous not in _HEADS and _loose_modifier(token, determined, lang))
                or _compound_modifier(tokens, j, limit, previous == NAME, lang)
                or (previous == MODIFIER and _describes_name(tokens, j, limit, lang))
            )
        ):
            loose += 1
            j += 1
            previous = MODIFIER
            continue
        if cat == ROLE and _adjectival_role(tokens, j, limit, lang):
            j += 1  # "an official complaint": the role word is an adjective of the noun after it
            previous = MODIFIER
            continue
        if cat in _HEADS:
            j += 1
            ends.append(j)
            if cat == NAME and j < limit and tokens[j].text == "(":
                tag_end = _parenthetical_end(tokens, j, limit)
                if tag_end:
                    j = tag_end
                    ends.append(j)
        elif cat == MODIFIER or (cat == POSSESSIVE and previous in _HEADS):
            j += 1  # a possessive needs a head after it: "Trump's campaign"
        elif cat == OTHER and previous == NAME and _organisation_joiner(tokens, j, limit, lang):
            j += 1  # "the Alliance to Save Energy", "the Committee to Protect Journalists"
            continue
        elif cat == JOINER and previous in _HEADS:
            # a joiner must lead to a name ("Bank of England", "Secretary of the Treasury"); "and"
            # may also lead to a noun phrase ("Democrats and several big-city mayors")
            k = j + 1
            conjunction = tokens[j].lower in ("and", "&")
            if k < limit and (tokens[k].lower == "the" or (conjunction and tokens[k].lower in lang.determiners)):
                k += 1
            if k >= limit:
                break
            following = category(tokens[k], lang)
            if not (
                following == NAME
                or (conjunction and (following in (NOUN, ROLE) or _compound_modifier(tokens, k, limit, False, lang)))
            ):
                break
            j = k
        else:
            break
        previous = cat
    if (
        not determined
        and ends
        and ends[0] == i + 1
        and category(tokens[i], lang) == ROLE
        and not tokens[i].lower.endswith("s")
    ):
        ends = ends[1:]  # a bare singular role word ("spokesman") is not an actor on its own
    return ends


def _opening_modifier(tokens: Sequence[Token], j: int, limit: int, lang: LanguageProfile) -> bool:
    """Whether a capitalised word is a modifier capitalised only because it opens the sentence
    ("Retired", "Veteran" of "Retired neurosurgeon Ben Carson"): a listed actor modifier before
    a lower-case description of the person named after it (but "Republican assails elites" is
    a name and its verb)."""
    return j == 0 and tokens[j].lower in lang.actor_modifiers and _describes_name(tokens, j + 1, limit, lang)


def _describes_name(tokens: Sequence[Token], j: int, limit: int, lang: LanguageProfile) -> bool:
    """Whether a lower-case noun after a modifier describes the person named right after it
    ("neurosurgeon" of "retired neurosurgeon Ben Carson", "veteran broadcaster Ana Ruiz"): a
    plain word, or two, that can be no verb, then a name of two words or more."""
    k = j
    while k < min(limit, j + 2) and _plain_word(tokens[k], lang) and category(tokens[k], lang) == OTHER:
        if tokens[k].lower in verb_only_forms() or tokens[k].lower in ing_forms():
            return False
        k += 1
    if k > j and names_a_body(tokens[k - 1].lower, lang):
        return False  # "rock band Bloc Party": a body's name, which a description of a person is not
    names = k
    while names < limit and category(tokens[names], lang) == NAME:
        names += 1
    return k > j and names - k >= 2


def names_a_body(word: str, lang: LanguageProfile) -> bool:
    """Whether a noun before a name says the name is a body's ("firm", "group", "band"): one
    of the organisation words ("Leicester wing Austin Healey" is a player)."""
    return word in lang.organisation_words


def _organisation_joiner(tokens: Sequence[Token], j: int, limit: int, lang: LanguageProfile) -> bool:
    """Whether a word that joins a name only after an organisation word ("to" of "the Alliance to
    Save Energy") does so here: the name before it ends in an organisation word and a name
    follows. A name that is no organisation ("Paris to London") is not joined."""
    return (
        tokens[j].lower in lang.organisation_joiners
        and tokens[j - 1].lower in lang.organisation_words
        and j + 1 < limit
        and category(tokens[j + 1], lang) == NAME
    )


def _adjectival_role(tokens: Sequence[Token], j: int, limit: int, lang: LanguageProfile) -> bool:
    """Whether a role word that is also an adjective modifies the plain noun after it ("an
    official complaint"), rather than heading the phrase ("an official close to the talks",
    "the official said")."""
    if tokens[j].lower not in lang.adjectival_roles or j + 1 >= limit:
        return False
    following = tokens[j + 1]
    if not _noun_like(following, lang) or lang.is_adverb(following):
        return False
    after = tokens[j + 2].lower if j + 2 < len(tokens) else ""
    return after not in lang.actor_prepositions and after != "to"


def _parenthetical_end(tokens: Sequence[Token], open_at: int, limit: int) -> int | None:
    """The end of a short bracketed tag after a name: "Sen. Bernie Sanders (I-Vt.)"."""
    for k in range(open_at + 1, min(limit, open_at + 7)):
        if tokens[k].text == ")":
            return k + 1 if k > open_at + 1 else None
        if tokens[k].text in ("(", ","):
            return None
    return None


def actor_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where an ACTOR starting at `start` may end, longest first."""
    return actor_spans(tokens, start, context.profile)


def actor_spans(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> tuple[int, ...]:
    """Where an actor phrase starting at `start` may end, longest first."""
    limit = min(len(tokens), start + MAX_ACTOR_TOKENS)
    first = tokens[start]
    if first.lower in lang.subject_pronouns:
        return (*_pronoun_list_ends(tokens, start, lang), start + 1)
    if first.lower in lang.relative_pronouns:
        return (start + 1,) if antecedent(tokens, start, lang) is not None else ()
    if first.is_number:
        return _share_ends(tokens, start, limit, lang)
    if _clause_start(tokens, start, lang) and _opening_adverb(tokens, start, lang):
        return ()  # "Sparsely populated South Dakota ...": an adverb, not a name
    participle = _clause_start(tokens, start, lang) and first.text[:1].isupper() and first.lower in ing_forms()
    if participle and not _place_name_after(tokens, start, lang):
        return ()  # "Making not voting synonymous with ...": a participle, not a name
    if first.lower in lang.months and start > 0 and tokens[start - 1].lower in lang.date_prepositions:
        return ()  # "in May", "since March": a month, not Theresa May
    pronoun_end: tuple[int, ...] = (start + 1,) if _partitive_pronoun(tokens, start, lang) else ()
    i = start
    determined = False
    if first.lower in lang.determiners and not _is_name(first, lang):
        i += 1
        determined = True
        if i < limit and tokens[i].lower == "of" and first.lower in lang.partitives:
            i += 1
            if i < limit and tokens[i].lower in lang.determiners:
                i += 1
        elif i < limit and tokens[i].lower in lang.determiners and tokens[i].lower != "the":
            i += 1
        elif i + 1 < limit and tokens[i].lower in lang.partitives and tokens[i + 1].lower == "of":
            i += 2  # "a handful of council members", "a series of inquiries"
            if i < limit and tokens[i].lower in lang.determiners:
                i += 1
    if i >= limit:
        return pronoun_end
    if not determined and category(tokens[i], lang) == OTHER and not _clause_start(tokens, start, lang):
        return pronoun_end  # "... attacks critics": a bare modifier mid-clause starts no actor
    ends = _core_ends(tokens, i, limit, determined, lang)
    if not ends:
        return pronoun_end
    extended: list[int] = []
    for end in ends:
        extended.extend(_participle_extensions(tokens, end, limit, lang))
        extended.extend(_prepositional_extensions(tokens, end, limit, lang))
        extended.extend(_appositive_extensions(tokens, end, len(tokens), lang))
        extended.extend(_list_extensions(tokens, end, min(len(tokens), start + MAX_LIST_TOKENS), lang))
    return tuple(sorted(set(ends) | set(extended) | set(pronoun_end), reverse=True))


def _opening_adverb(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether a capitalised word is an adverb that LemmInflect's dictionary knows as nothing
    else ("Sparsely", "Obviously", "Eventually"; not "Kelly", "Italy" or "Early"), with no
    number, determiner or part after it: "Nearly 40 MPs", "Nearly half of them" are shares."""
    first = tokens[start]
    if not first.text[:1].isupper() or word_classes(first.lower).tags != _ADVERB_ONLY:
        return False
    if start + 1 >= len(tokens):
        return True
    following = tokens[start + 1]
    return not (following.is_number or following.lower in lang.determiners or following.lower in lang.partitives)


#: The word classes of a word the dictionary knows only as an adverb.
_ADVERB_ONLY = frozenset({"ADV"})


def _place_name_after(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether a capitalised word that reads as a participle is the first word of a name
    ("Downing Street", "Reading Council"): the capitalised word after it is the head of a
    place's or an institution's name."""
    following = tokens[start + 1] if start + 1 < len(tokens) else None
    return (
        following is not None
        and _is_name(following, lang)
        and (following.lower in lang.non_person_heads or following.lower in lang.organisation_words)
    )


def _pronoun_list_ends(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> tuple[int, ...]:
    """ "She and her husband", "He and Clinton": a subject pronoun joined by a coordinator to
    an actor phrase (not to another pronoun: "he and she" is read one pronoun at a time)."""
    k = start + 2
    if k >= len(tokens) or tokens[start + 1].lower not in lang.coordinators:
        return ()
    if tokens[k].lower in lang.subject_pronouns or tokens[k].lower in lang.relative_pronouns:
        return ()
    return actor_spans(tokens, k, lang)


def _partitive_pronoun(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """ "Some accused Trump of ...", "most support Sanders", "others have criticized": a
    partitive standing for people, known by a verb after it (an auxiliary, or a word followed by
    its object); not "many disputes", "the most savage voices", "both the unions"."""
    if tokens[start].lower not in lang.partitive_pronouns or start + 1 >= len(tokens):
        return False
    if start > 0 and (tokens[start - 1].lower in lang.determiners or tokens[start - 1].lower in ("'s", "'")):
        return False  # "one of history's most celebrated leaders": a superlative
    following = tokens[start + 1]
    if following.lower in lang.auxiliaries_after_subject or following.lower in verb_only_forms():
        return True
    if not following.text[:1].islower() or following.lower in lang.determiners or start + 2 >= len(tokens):
        return False
    after = tokens[start + 2]
    return after.lower in lang.object_starts or category(after, lang) == NAME or after.is_number


def _clause_start(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    return start == 0 or tokens[start - 1].lower in lang.clause_openers


#: Marks that set a relative clause off from the actor it follows ("the union, which ...").
_SET_OFF = (",", "--", "\u2014", "\u2013")
#: ... and from a topic, which a bracket may also set off ("the levy (which the union opposed)").
_BEFORE_RELATIVE = (*_SET_OFF, "(")


def antecedent(tokens: Sequence[Token], relative: int, lang: LanguageProfile) -> tuple[int, int] | None:
    """The actor phrase a relative pronoun refers back to: "the union, which ..." -> the union;
    after a coordinator, that of the relative pronoun before it: "the union, which was founded
    in 1990 and which backs the plan" -> the union."""
    if relative > 0 and tokens[relative - 1].lower in lang.coordinators:
        for k in range(relative - 2, max(-1, relative - 2 - MAX_TOPIC_TOKENS), -1):
            if tokens[k].lower == tokens[relative].lower:
                return antecedent(tokens, k, lang)
        return None
    end = relative - 1 if relative > 0 and tokens[relative - 1].lower in _SET_OFF else relative
    word = tokens[relative].lower
    neuter = word in lang.neuter_relatives
    span = _phrase_ending_at(tokens, end, lang, neuter=neuter, people=neuter)
    if span is None:
        return None
    start = span[0]
    if word in lang.complementisers and start > 0 and _speech_verb(tokens[start - 1], lang):
        return None  # "warned the council that ...": the clause is what was said, not a relative
    if start > 1 and tokens[start - 1].text == "," and tokens[start].lower in lang.articles:
        # "the Harbour Trust, a charity which ...": the appositive's owner is who it names; an
        # appositive that is no role names a body, not the role before it ("Ana Ruiz, head of
        # the Harbour Trust, a charity which ..." is the trust), unless the relative pronoun
        # stands for a person ("Governor Ana Ruiz of Oregon, a Republican who ...")
        body = word not in lang.personal_relatives and category(tokens[span[1] - 1], lang) != ROLE
        owner = _phrase_ending_at(tokens, start - 1, lang, neuter=body)
        if owner is not None and _apposed(tokens, owner, span, body, lang):
            return owner
    return span


def _apposed(
    tokens: Sequence[Token], owner: tuple[int, int], appositive: tuple[int, int], body: bool, lang: LanguageProfile
) -> bool:
    """Whether a name before a comma is what the description after it describes: it holds a
    name; a body is no name opened by a person's title ("Conservative Solutions, a super PAC"
    is the PAC's own description); and a plural description ("..., the party leaders who")
    describes no one name ("Sanders in superdelegates")."""
    words = tokens[owner[0] : owner[1]]
    if not any(category(t, lang) == NAME for t in words):
        return False
    if body and words[0].lower in lang.person_titles:
        return False
    head = next((k for k in range(owner[0] + 1, owner[1]) if tokens[k].lower in lang.actor_prepositions), owner[1])
    plural = tokens[appositive[1] - 1].lower.endswith("s") and not tokens[appositive[1] - 1].lower.endswith("ss")
    several = any(t.lower in lang.coordinators for t in words) or tokens[head - 1].lower.endswith("s")
    return several or not plural


def _phrase_ending_at(
    tokens: Sequence[Token], end: int, lang: LanguageProfile, neuter: bool, people: bool = False
) -> tuple[int, int] | None:
    """The longest actor phrase that ends right before `end`; for a relative pronoun that never
    stands for a person (`neuter`), none headed by a role before a preposition ("chairman of
    the Harbour Trust" gives "the Harbour Trust"), and with `people` none headed by a noun of
    people or a person's name either ("an adviser for", "Ana Ruiz of")."""
    for start in range(max(0, end - MAX_ACTOR_TOKENS), end):
        token = tokens[start]
        if token.lower in lang.relative_pronouns or token.lower in lang.subject_pronouns:
            continue
        if neuter and _role_before_preposition(tokens, start, end, lang, people):
            continue
        if end in actor_spans(tokens, start, lang):
            return start, end
    return None


MAX_ANTECEDENT_TOKENS = 8


def noun_phrase_before(tokens: Sequence[Token], relative: int, lang: LanguageProfile) -> tuple[int, int] | None:
    """What a relative pronoun that is a topic stands for: the words before its comma back to a
    verb, a preposition, a clause word or punctuation ("rejected the trade pact, which she once
    supported" -> the trade pact; "a goal on loss and damage, which" -> loss and damage)."""
    end = relative - 1 if relative > 0 and tokens[relative - 1].lower in _BEFORE_RELATIVE else relative
    start = end
    while start > max(0, end - MAX_ANTECEDENT_TOKENS):
        token = tokens[start - 1]
        lower = token.lower
        if lower in lang.coordinators:  # "loss and damage"
            start -= 1
            continue
        if not token.text[:1].isalnum() or lower in verb_only_forms() or lower in lang.topic_clause_openers:
            break
        if lower in lang.topic_stop_words or lower in lang.clause_openers or lower in lang.subject_pronouns:
            break
        if lower in lang.topic_bad_starts:
            break
        start -= 1
    while start < end and tokens[start].lower in lang.coordinators:
        start += 1
    return (start, end) if start < end else None


def _role_before_preposition(
    tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile, people: bool = False
) -> bool:
    """Whether a phrase names a person before a prepositional object: a role ("chairman of
    ..."), or with `people` a noun of people ("an adviser for ...") or a person's name ("Ana
    Ruiz of ...")."""
    head = next((k for k in range(start + 1, end) if tokens[k].lower in lang.actor_prepositions), None)
    if head is not None and category(tokens[head - 1], lang) == ROLE:
        return True
    if not people:
        return False
    # "adviser for the party": a name joiner joins a person to a body as a preposition does
    head = next(
        (
            k
            for k in range(start + 1, end)
            if tokens[k].lower in lang.actor_prepositions
            or (tokens[k].text.islower() and tokens[k].lower in lang.name_joiners)
        ),
        None,
    )
    if head is None:
        return False
    first = head - 1
    while first > 0 and category(tokens[first - 1], lang) == NAME:
        first -= 1
    return category(tokens[head - 1], lang) in (ROLE, NOUN) or _person_name(tokens[first:head], lang)


def _person_name(words: Sequence[Token], lang: LanguageProfile) -> bool:
    """Whether words are a person's name: they open with a known first name (after any title)
    and hold no word of an institution ("Ana Ruiz", not "Ana Ruiz Foundation")."""
    names = [t for t in words if t.lower not in lang.person_titles and t.lower not in lang.articles]
    if len(names) < 2 or any(t.lower in lang.organisation_words for t in names):
        return False
    first = names[0].lower
    return lang.is_first_name(first)


def _speech_verb(token: Token, lang: LanguageProfile) -> bool:
    """A verb that reports speech or names the one spoken to ("said", "told", "warned")."""
    return token.lower in lang.speech_verbs or token.lower in lang.addressee_verbs


def _share_ends(tokens: Sequence[Token], start: int, limit: int, lang: LanguageProfile) -> tuple[int, ...]:
    """A share of a population in polls: "44 percent", "5% of voters", "1 per cent"; or a
    count of a body's members: "571 of the 714 superdelegates", "52 of the senators"."""
    k = start + 1
    if tokens[start].text.endswith("%"):
        pass
    elif k < limit and tokens[k].lower in ("percent", "%"):
        k += 1
    elif k + 1 < limit and tokens[k].lower == "per" and tokens[k + 1].lower == "cent":
        k += 2
    elif k + 1 < limit and tokens[k].lower == "of" and tokens[k + 1].lower in lang.determiners:
        if start > 0 and tokens[start - 1].text[:1].isupper():
            return ()  # "Section 404 of the act": a number that names, not one that counts
        j = k + 2
        if j < limit and tokens[j].is_number:
            j += 1
        return tuple(sorted(_core_ends(tokens, j, limit, True, lang), reverse=True)) if j < limit else ()
    else:
        return ()
    return tuple(sorted({k, *_prepositional_extensions(tokens, k, limit, lang)}, reverse=True))


def _prepositional_extensions(tokens: Sequence[Token], end: int, limit: int, lang: LanguageProfile) -> list[int]:
    """'Republicans on the House Rules Committee', 'race organisers in several major cities',
    'a majority of voters': a prepositional phrase whose object is itself an actor phrase."""
    if end >= limit or tokens[end].lower not in lang.actor_prepositions:
        return []
    k = end + 1
    determined = k < limit and tokens[k].lower in lang.determiners
    if determined:
        k += 1
    if k >= limit:
        return []
    inner = _core_ends(tokens, k, limit, determined, lang)
    if not inner and tokens[end].lower == "of" and category(tokens[end - 1], lang) in (NOUN, ROLE):
        # "the chamber of commerce", "members of the public": any short noun phrase
        inner = _plain_phrase(tokens, k, limit, lang)
    return inner[-1:]


def _participle_extensions(tokens: Sequence[Token], end: int, limit: int, lang: LanguageProfile) -> list[int]:
    """'a union representing flight attendants', 'a group led by former diplomats': a noun
    head with a participle phrase naming whom it represents or who leads it."""
    if end >= limit or tokens[end].lower not in lang.participle_links:
        return []
    head = tokens[end - 1]
    if not (category(head, lang) == NOUN or head.lower in lang.actor_nouns or head.lower.endswith(lang.group_suffixes)):
        return []
    k = end + 1
    for word in lang.participle_links[tokens[end].lower]:
        if k >= limit or tokens[k].lower != word:
            return []
        k += 1
    determined = k < limit and tokens[k].lower in lang.determiners
    if determined:
        k += 1
    if k >= limit:
        return []
    inner = _core_ends(tokens, k, limit, determined, lang) or _plain_phrase(tokens, k, limit, lang)
    return inner[-1:]


def _plain_phrase(tokens: Sequence[Token], k: int, limit: int, lang: LanguageProfile) -> list[int]:
    """The end of a short noun phrase of plain words ("flight attendants", "members of the
    public"), up to three words and never a verb form."""
    j = k
    while j < min(limit, k + 3) and _plain_word(tokens[j], lang) and tokens[j].lower not in verb_only_forms():
        j += 1
    return [j] if j > k else []


def _list_extensions(tokens: Sequence[Token], end: int, limit: int, lang: LanguageProfile) -> list[int]:
    """'the United States, Britain and France': names separated by commas, closed by and/or."""
    j = end
    while j + 1 < limit and tokens[j].lower == ",":
        k = j + 1
        oxford = tokens[k].lower in ("and", "or")
        if oxford:
            k += 1
        if k < limit and tokens[k].lower == "the":
            k += 1
        if k >= limit or category(tokens[k], lang) != NAME:
            return []
        ends = _core_ends(tokens, k, limit, True, lang)
        if not ends:
            return []
        j = ends[-1]
        if oxford or any(t.lower in ("and", "or") for t in tokens[k:j]):
            return [j]
    return []


def _list_word(token: Token, lang: LanguageProfile) -> bool:
    """Whether a word may end an item of a listed object, by its form alone: a plain word
    that is no verb form ("asylum"), a word in -ing ("training", "housing"; the tagger says
    which are nouns) or a name ("Syria", "the World Bank", "Jews")."""
    if lang.is_adverb(token):
        return False  # "... and Libya | eventually"
    return (
        _noun_like(token, lang)
        or (_plain_word(token, lang) and token.lower in ing_forms())
        or (category(token, lang) == NAME)
    )


def _list_item_end(
    tokens: Sequence[Token], tags: Sequence[str], k: int, limit: int, lang: LanguageProfile
) -> int | None:
    """The end of one item of a listed object: an optional determiner and one to three words
    that are no verb forms nor tagged as verbs ("asylum", "the arms trade", "all Americans",
    "the World Bank"; not "oppose" in "higher taxes, oppose ... and support")."""
    if k < limit and tokens[k].lower in lang.determiners:
        k += 1
    j = k
    while j < min(limit, k + 3) and _list_word(tokens[j], lang) and tags[j] not in VERB_TAGS:
        j += 1
    return j if j > k else None


def _noun_list_end(
    tokens: Sequence[Token], tags: Sequence[str], comma: int, limit: int, lang: LanguageProfile
) -> int | None:
    """Where a list that goes on after `comma` ends: at its last item, the one after "and" /
    "or" ("terrorism, | asylum, and crime"; "Syria, | Yemen, Iraq and Libya"). None unless the
    list has a middle item and a list closer ends it: ", and the courts ..." or ", but
    regulators ..." may open a clause of its own, so that comma still ends the topic. None
    too when a verb follows its last item, whose items are then a new clause's subject ("has
    begun to attack Trump in her appearances, | campaign officials and surrogates will ..."),
    and when a name follows a common noun (see `_appositive_name`)."""
    j = comma
    for items in range(MAX_LIST_ITEMS):
        k = j + 1
        closing = k < limit and tokens[k].lower in lang.list_closers
        if closing:
            if items == 0:
                return None
            k += 1
        item_end = _list_item_end(tokens, tags, k, limit, lang)
        if item_end is None or (items == 0 and _appositive_name(tokens, comma, item_end, lang)):
            return None
        if not closing and item_end < limit and tokens[item_end].lower in lang.list_closers:
            closing = True
            item_end = _list_item_end(tokens, tags, item_end + 1, limit, lang)
            if item_end is None:
                return None
        if closing:
            return None if item_end < len(tokens) and tags[item_end] in VERB_TAGS else item_end
        if item_end >= limit or tokens[item_end].lower != ",":
            return None
        j = item_end
    return None


def _appositive_name(tokens: Sequence[Token], comma: int, item_end: int, lang: LanguageProfile) -> bool:
    """Whether the first item after a comma is a name and the word before the comma is not:
    "the Russian president, Vladimir Putin, and ..." names the president again, and "the
    front-runners, Donald Trump and Ted Cruz" says who they are; "Entering the debate, Rubio
    and Christie ..." is a new clause's subject. A list of names lists from its first name."""
    return category(tokens[item_end - 1], lang) == NAME and category(tokens[comma - 1], lang) != NAME


def _appositive_extensions(tokens: Sequence[Token], end: int, n: int, lang: LanguageProfile) -> list[int]:
    """'Hillary Clinton, a longtime member of the Senate Armed Services Committee,'; an age
    ('Marvin Teske, 53, a security guard,') may come first, and a place may end with its
    state set off by commas ('Carole Bower, a retiree in Carthage, Ill.,')."""
    if end >= n or tokens[end].lower != ",":
        return []
    age = tokens[end + 1].text if end + 2 < n else ""
    if age.isdigit() and len(age) <= 3 and tokens[end + 2].text == ",":
        return [end + 3, *_appositive_extensions(tokens, end + 2, n, lang)]
    has_head = False
    noun_phrase = end + 1 < n and tokens[end + 1].lower in lang.articles  # "a security guard"
    for k in range(end + 1, min(n, end + 2 + MAX_APPOSITIVE_TOKENS)):
        token = tokens[k]
        if token.lower == ",":
            if not has_head or k == end + 1:
                return []
            state = tokens[k + 1].lower if k + 2 < n and tokens[k + 2].text == "," else ""
            if state in lang.place_abbreviations or state in lang.places:
                return [k + 3]
            return [k + 1]
        cat = category(token, lang)
        if cat in _HEADS or (noun_phrase and cat == OTHER and _noun_like(token, lang)):
            has_head = True
        elif (
            cat == OTHER
            and not token.is_number
            and token.lower not in lang.appositive_links
            and not _noun_like(token, lang)
        ):
            return []
    return []


def _noun_like(token: Token, lang: LanguageProfile) -> bool:
    """A plain lower-case word that is no verb form: "security" in "a security guard"."""
    return _plain_word(token, lang) and token.lower not in verb_only_forms() and token.lower not in ing_forms()


def topic_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = True) -> tuple[int, ...]:
    """Where a TOPIC starting at `start` may end: at the clause boundary first, then shorter.

    A final topic ("X supports Y") may hold a relative clause without "that" ("a compromise
    it negotiated"); a topic with more pattern after it ("Y was backed by X", "Y, which X
    opposes") is a noun phrase and ends at the first verb."""
    lang = context.profile
    n = len(tokens)
    first = tokens[start]
    if first.text in lang.quote_marks:
        following = tokens[start + 1] if start + 1 < n else None
        if following is None or following.is_punct or following.lower in lang.topic_bad_starts:
            return ()  # "turning its back” on ...": the quote closes and no object follows
    elif (
        first.lower in lang.topic_stop_words
        or first.lower in lang.topic_bad_starts
        or (first.is_punct and first.text not in "$£€#")
    ):
        return ()  # a clause word or a preposition starts no topic
    if _adverb_before_a_preposition(tokens, start, lang):
        return ()  # "whom he attacked | viciously during the campaign": how, and no object
    if not final and (not _starts_noun_phrase(tokens, start, lang) or first.lower in verb_only_forms()):
        return ()  # "... went ahead under a plan approved by": the subject starts at "a plan"
    limit = min(n, start + MAX_TOPIC_TOKENS)
    closing = _closing_quote_offset(first, context.quotes)
    own = start  # where the topic's own quote marks start
    if first.text in lang.quote_marks and closing is not None and first.end >= closing:
        closing, own = None, start + 1  # '"standing by" | his remarks': the mark closes an earlier quote
    end = start + 1
    after_that = start > 0 and tokens[start - 1].lower in ("that", "whether")
    clause_open = first.lower in lang.topic_clause_openers or after_that
    opens_noun_phrase = _determined_or_named(first, lang)
    while end < limit:
        token = tokens[end]
        if token.lower in lang.topic_clause_openers:
            clause_open = True
        elif (
            not clause_open
            and (
                token.lower in lang.topic_finite_verbs
                or (token.lower in verb_only_forms() and (not final or _ends_noun_phrase(tokens[end - 1], lang)))
            )
            and not _modifies_a_noun(tokens, start, end, lang)
            and not _in_short_quote(tokens, start, end, limit, lang)
        ):
            break  # "support for the sanctions | surprised some diplomats"
        if token.lower == "," and _list_word(tokens[end - 1], lang):
            list_end = _noun_list_end(tokens, context.tags, end, limit, lang)
            if list_end is not None:
                end = list_end
                break  # "frighten voters about terrorism, asylum and crime": the list ends the topic
        if token.lower in lang.topic_stop_punct or (
            token.lower in lang.topic_stop_words and not _in_kept_phrase(tokens, end, lang)
        ):
            break
        if _phrase_at(tokens, end, lang.topic_stop_phrases):
            break
        if token.lower in lang.coordinators and end + 1 < n and tokens[end + 1].lower in lang.clause_starters:
            break
        if token.lower in ("and", "but") and end + 1 < n and tokens[end + 1].lower in verb_only_forms():
            break  # "deals such as NAFTA | and called for tariffs": the subject's second verb phrase
        if token.lower in lang.coordinators and end + 1 < limit and _share_ends(tokens, end + 1, limit, lang):
            break  # "oppose the treaty | and 24% back it": another share of the poll and its own view
        if not clause_open and token.lower in lang.coordinators and _clause_after(tokens, end + 1, lang):
            break  # "dismissed its influence | and Ravenfall was not ...": a new subject and its verb
        coordinated = token.lower in lang.coordinators
        if coordinated and opens_noun_phrase and not clause_open and _verb_after(tokens, context, end):
            break  # "furious at the company | and want their money back": the subject's next verb
        if token.text in lang.quote_marks and closing is not None and token.start >= closing - 1:
            break
        end += 1
    if end < limit and _opened_inside(tokens, own, end, lang):
        end = _past_closing_quote(tokens, end, limit, lang)  # 'accused them of "running | scared"'
    while end > start + 1 and tokens[end - 1].text in lang.quote_marks and _unbalanced_tail(tokens, own, end, lang):
        end -= 1
    if end > start + 1 and _subject_only(tokens[end - 1], lang):
        # "dismissed reports he | told ...": the pronoun is the next clause's subject, and the
        # word before it opened that clause: "the research after | he ..."
        end = _without_tail(tokens, start, end - 1, lang.topic_clause_openers, lang.topic_bad_starts)
    # "criticised the government for | claiming ...", "a union leader who | said ...", "X and | ..."
    end = _without_tail(
        tokens, start, end, lang.dangling_prepositions, lang.relative_pronouns, lang.articles, lang.coordinators
    )
    return tuple(range(end, start, -1))


def _adverb_before_a_preposition(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether a topic would start with an adverb (by its ending, and one LemmInflect's
    dictionary knows as an adverb: not "comply" or "apply") before a word that starts no
    topic: the adverb says how the stance was taken, and no object follows it."""
    first = tokens[start]
    if not lang.is_adverb(first) or start + 1 >= len(tokens) or tokens[start + 1].lower not in lang.topic_bad_starts:
        return False
    return "ADV" in word_classes(first.lower).tags


def _verb_after(tokens: Sequence[Token], context: SentenceContext, coordinator: int) -> bool:
    """Whether a verb follows a coordinator: after a noun phrase, that verb is the subject's
    next one ("backed Sanders | and won't back Clinton"), not part of the phrase. Not a word in
    -ing, a capitalised word ("Hide and Seek") or a word of the actor lists ("Mr Howard and
    shadow chancellor Oliver Letwin"), nor one before a role; only a word the dictionary knows
    as a verb is asked of the tagger."""
    k = coordinator + 1
    if k >= len(tokens):
        return False
    token, lang = tokens[k], context.profile
    word = token.lower
    if word in lang.topic_finite_verbs:
        return True
    if word in ing_forms() or not token.text[:1].islower() or category(token, lang) != OTHER:
        return False
    if k + 1 < len(tokens) and category(tokens[k + 1], lang) == ROLE:
        return False  # "shadow | chancellor": a word before a role modifies it
    return bool(word_classes(word).tags & VERB_TAGS) and context.tags[k] in VERB_TAGS


def _modifies_a_noun(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether the verb form at `end` stands after a determiner and adverbs only, so that it
    modifies a noun instead of starting a clause ("a largely elected chamber")."""
    k = end - 1
    while k > start and lang.is_adverb(tokens[k]):
        k -= 1
    return k < end - 1 and tokens[k].lower in lang.determiners


def _phrase_at(tokens: Sequence[Token], position: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of `phrases` starts at `position`."""
    word = tokens[position].lower
    return any(
        phrase[0] == word and [t.lower for t in tokens[position : position + len(phrase)]] == list(phrase)
        for phrase in phrases
    )


#: How many words a quoted phrase inside a topic may hold: scare quotes ('"running scared"',
#: '"this badly needed measure"'), not a quoted clause.
SHORT_QUOTE = 5


def _clause_after(tokens: Sequence[Token], k: int, lang: LanguageProfile) -> bool:
    """Whether a clause starts at `k`: a capitalised name followed by a finite verb."""
    j = k
    while j < len(tokens) and tokens[j].text[:1].isupper() and tokens[j].lower.isalpha():
        j += 1
    return k < j < len(tokens) and tokens[j].lower in lang.topic_finite_verbs


def _in_short_quote(tokens: Sequence[Token], start: int, end: int, limit: int, lang: LanguageProfile) -> bool:
    """Whether position `end` sits in a short quoted phrase that the topic opened after its
    first word ('of "running | scared" of the vote'): its words are the topic's, verbs included."""
    marks = [k for k in range(start + 1, end) if tokens[k].text in lang.quote_marks]
    if len(marks) % 2 == 0:
        return False
    opened = marks[-1]
    return any(tokens[k].text in lang.quote_marks for k in range(end, min(limit, opened + 1 + SHORT_QUOTE)))


def _opened_inside(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether a topic stopped inside a quote that it opened after its first word and did not
    close ('the board of "running' but not '" his remarks', whose mark closes an earlier quote)."""
    marks = [k for k in range(start, end) if tokens[k].text in lang.quote_marks]
    return len(marks) % 2 == 1 and marks[-1] > start and marks[-1] < end - 1 and end - marks[-1] <= SHORT_QUOTE


def _past_closing_quote(tokens: Sequence[Token], end: int, limit: int, lang: LanguageProfile) -> int:
    """The end of a topic that stopped inside a short quoted phrase it opened ('"running
    scared"'), moved past the quote's closing mark when that comes within `SHORT_QUOTE` words
    and before any stop punctuation; else `end` as it was (a quoted clause is no topic)."""
    for k in range(end, min(limit, end + SHORT_QUOTE)):
        if tokens[k].text in lang.quote_marks:
            return k + 1
        if tokens[k].lower in lang.topic_stop_punct:
            break
    return end


def _without_tail(tokens: Sequence[Token], start: int, end: int, *words: frozenset[str]) -> int:
    """`end` moved back over the words in any of `words`, keeping at least one token."""
    while end > start + 1 and any(tokens[end - 1].lower in w for w in words):
        end -= 1
    return end


def _in_kept_phrase(tokens: Sequence[Token], position: int, lang: LanguageProfile) -> bool:
    """Whether the stop word at `position` is part of a phrase that keeps the topic going
    ("such as", "as well as", or after a verb: "remain as chancellor")."""
    word = tokens[position].lower
    if word in lang.topic_stops_kept_after_verbs and position > 0:
        before = tokens[position - 1].lower
        if before in verb_only_forms() or before in ing_forms():
            return True
    return any(
        w == word and position >= k and _phrase_at(tokens, position - k, (phrase,))
        for phrase in lang.topic_stop_phrases_kept
        for k, w in enumerate(phrase)
    )


def _subject_only(token: Token, lang: LanguageProfile) -> bool:
    """A pronoun that can only be a subject ("he", "we"), unlike "it", which may end an object."""
    return token.lower in lang.subject_pronouns and token.lower not in lang.object_starts


def _determined_or_named(first: Token, lang: LanguageProfile) -> bool:
    """Whether a word opens a noun phrase by itself: a determiner, a possessive or a name."""
    return first.lower in lang.determiners or first.lower in lang.possessive_pronouns or first.text[:1].isupper()


def _starts_noun_phrase(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether a noun phrase can begin at `start`: a determiner, a name, a number or a quote;
    or any word at the start of a clause ("..., and taxes were cut by ...")."""
    first = tokens[start]
    if _determined_or_named(first, lang):
        return True
    if first.text[:1].isdigit() or first.text in lang.quote_marks or first.text in "$£€":
        return True
    if start == 0:
        return True
    before = tokens[start - 1]
    return before.is_punct or before.lower in lang.function_words


def _ends_noun_phrase(token: Token, lang: LanguageProfile) -> bool:
    """Whether a verb after `token` is likely the main verb: after a common noun, not after a
    pronoun or a name ("a compromise it negotiated", "the plan Trump announced")."""
    return token.text[:1].islower() and token.lower.isalpha() and token.lower not in lang.function_words


def _closing_quote_offset(token: Token, quotes: Sequence[QuoteSpan]) -> int | None:
    """The end offset of the quote that `token` sits inside, if it sits inside one."""
    for quote in quotes:
        if quote.start < token.start < quote.end:
            return quote.end
    return None


def _unbalanced_tail(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    marks = sum(1 for t in tokens[start:end] if t.text in lang.quote_marks)
    return marks % 2 == 1


def holder_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where a HOLDER starting at `start` may end: a possessive pronoun ("its"), or an actor
    phrase with its possessive marker ("Germany's", "the unions'")."""
    lang = context.profile
    if tokens[start].lower in lang.possessive_pronouns:
        return (start + 1,)
    n = len(tokens)
    return tuple(end + 1 for end in actor_ends(tokens, start, context) if end < n and tokens[end].lower in ("'s", "'"))


MAX_NAME_TOKENS = 4


def name_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where a NAME starting at `start` may end: capitalised words and nothing else ("US",
    "Chinese", "White House"), the way a holder stands before a noun in "US support for".
    A lower-case word there is an adjective or a noun ("their firm commitment", "public
    support", "voter support"), not who holds the stance; at the start of a sentence or a
    quote every word is capitalised, so no NAME starts there."""
    lang = context.profile
    if start == 0 or tokens[start - 1].text in lang.quote_marks or tokens[start - 1].text in (":", "(", "--", "\u2014"):
        return ()
    end = start
    limit = min(len(tokens), start + MAX_NAME_TOKENS)
    while end < limit and category(tokens[end], lang) == NAME:
        end += 1
    return tuple(range(end, start, -1))


BUILTIN_EXTRACTORS: dict[str, Extractor] = {
    "ACTOR": actor_ends,
    "HOLDER": holder_ends,
    "NAME": name_ends,
    "TOPIC": topic_ends,
}


def actor_head(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """The head of an actor span, what `{actor:ACTOR & test}` tests: its last word before the
    first punctuation mark, possessive marker, joining word or relative pronoun ("Blair" in
    "Keron Blair, executive director of AROS,"; "Trump" in "Trump's"; "it" in "it")."""
    head = start
    for i in range(start + 1, end):
        token = tokens[i]
        lower = token.lower
        if (
            not token.text[:1].isalnum()
            or lower in lang.name_joiners
            or lower in lang.relative_pronouns
            or lower in lang.coordinators
        ):
            break
        head = i
    return head


def last_word(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """The head of a span of any other type: its last word (a closing mark does not count)."""
    for i in range(end - 1, start, -1):
        if tokens[i].text[:1].isalnum():
            return i
    return start


#: How the head of a capture of each type is found: (tokens, start, end, profile) -> position.
HEAD_FINDERS: dict[str, Callable[[Sequence[Token], int, int, LanguageProfile], int]] = {
    "ACTOR": actor_head,
    "HOLDER": actor_head,
}


def head_of(capture_type: str, tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """The position of the head of a capture of `capture_type` over tokens [start, end)."""
    return HEAD_FINDERS.get(capture_type, last_word)(tokens, start, end, lang)


def extractor_for(capture_type: str) -> Extractor:
    """The extractor for a capture type, built in or registered by a plugin."""
    found = BUILTIN_EXTRACTORS.get(capture_type) or registry.extra_capture_type(capture_type)
    if found is None:
        raise KeyError(f"no extractor for capture type {capture_type}")
    return found
