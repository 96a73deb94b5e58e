"""Canonical keys: one actor and one topic per finding that a collection can be counted by.

The evidence keeps the text as written ("calls for an immediate ceasefire in the region");
counting needs what it is about ("ceasefire"). A finding's `topic.key` is:

- the topic dictionary's id when the dictionary knows the topic;
- for a topic that is a person, party, country or organisation, the key that actor would
  get ("backs Mrs. Clinton" and "Hillary Clinton backs" meet on one key);
- otherwise the core of the phrase: determiners, possessors and openers dropped, frames such
  as "calls for" and "plans to" dropped (what is called for is the topic), a trailing adjunct
  or relative clause cut off, a kind noun dropped ("the immigration bill" -> "immigration"),
  the head lemmatised, all in lower case.

A finding's `actor.key` is the actor dictionary's id, else the actor's name without titles
and middle initials, in lower case ("Sen. Tim M. Kaine" -> "tim kaine"), else the actor's
phrase without the titles before a name ("the union leader" keeps its role); None for an
actor nothing resolved.

A key says which only as far as the text does: a wrong merge misleads more than a missed
one. What only its document can say the identity of (a lone noun after a determiner, a
generic head such as "plan" without a common noun that says what it is about, a role, a
pronoun, an actor that is only a role or a body, a generic group of people such as "women" or
"Anyone who ..." (`_generic_group` draws the line), a list of actors) is keyed within its
document ("scheme@politics/078"), and joins the document's own key for the same noun when it
has one. So is a pronoun resolved too uncertainly to count for whom it was resolved to
(`uncertain_pronoun`: "he" or "his" after another name of its sentence, "he" of a party), which keeps
that key even where its document names the one. A named body ("Senate Democrats", "the
Clinton campaign") keeps one key everywhere.

Keys are made twice, on purpose. The scan gives each finding its keys as its document shows
them, so that its output streams: no finding waits for the rest of the collection. A surname
alone or a role takes there the key of the person its document names (`stancekit.people`).
The commands that read a whole collection (track, report, export, suggest) then merge across
it with `collection_keys`: a surname alone becomes the full name that ends with it when
exactly one full name in the collection does ("Kaine" -> "tim kaine"), a middle name falls
away where the collection knows the name without it and writes it with no other, middle
initials that differ keep two people apart ("George W. Bush", "George H. W. Bush"), and a
topic named like an actor with a dictionary id takes that id. The words every step looks for come from the
language profile (`key_*` slots, with determiners, possessives and relative pronouns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from stancekit.engine.profile import LanguageProfile, default_profile, derived
from stancekit.findings import ActorRef, Finding, TextSpan, TopicRef
from stancekit.identitymemo import IdentityMemo
from stancekit.tagging import Tagger, default_tagger, lemma
from stancekit.text.tokens import POSSESSIVE_MARKS, tokenize

if TYPE_CHECKING:
    from stancekit.compiler.dictionaries import NameMatch, TopicMatch
    from stancekit.compiler.ruleset import CompiledRuleSet
    from stancekit.text.tokens import Token

T = TypeVar("T")

#: Tags of the words that can name a topic.
_CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "NUM"})
#: Tags of the words of an amount ("£", "35", "bn"; "10%"), dropped from the start of a key:
#: "a £6 minimum wage" is the minimum wage, "10% of the profits" the profits.
_AMOUNT_TAGS = frozenset({"NUM", "SYM"})
#: Tags of the words of a noun phrase's core after its first word.
_MODIFIER_TAGS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "X"})


def name_core(name: str, profile: LanguageProfile) -> tuple[str, ...] | None:
    """The words that identify a name written as one (every word capitalised, titles and
    initials dropped, in lower case), or None when `name` is not written as a name."""
    from stancekit.tracking.names import name_core as core

    words = name.split()
    while words and words[0].casefold() in profile.articles:
        words.pop(0)
    if len(words) == 1 and words[0].casefold() in _pronouns(profile):
        return None  # "He was criticised by ...": a pronoun opening a sentence is no name
    return core(" ".join(words), profile) if words else None


def _pronouns(profile: LanguageProfile) -> frozenset[str]:
    return derived(
        profile,
        "personal pronouns",
        lambda lang: (
            lang.subject_pronouns
            | lang.first_person
            | lang.third_person
            | frozenset(lang.object_subjects)
            | frozenset(lang.possessive_subjects)
        ),
    )


def name_key(name: str, profile: LanguageProfile, actor_ids: Mapping[str, str] | None = None) -> str | None:
    """The key an actor named `name` gets: its dictionary id, or its name's core; None when
    `name` is not written as a name."""
    known = _known_id(name, profile, actor_ids)
    if known is not None:
        return known
    core = name_core(name, profile)
    if not core:
        return None
    if len(core) >= 3 and not profile.is_first_name(core[-3]) and _described(name, profile):
        # "Vermont Sen. Bernie Sanders", "guitarist Brian May": a place, body or description
        # before the title says where the person serves; the person is the first name and surname
        return person_after_descriptor(" ".join(core), profile) or " ".join(core)
    return " ".join(core)


def _described(name: str, profile: LanguageProfile) -> bool:
    """Whether a name as written holds a title, a role or a word in lower case before its
    last two words ("Fed Chair Janet Yellen", "London mayor Ken Livingstone"); not a name of
    three capitalised words ("Hew Raymond Griffiths")."""
    roles = profile.person_titles | profile.role_words
    before = name.split()[:-2]
    return any(word[:1].islower() or word.casefold() in roles for word in before)


def _known_id(name: str, profile: LanguageProfile, actor_ids: Mapping[str, str] | None) -> str | None:
    if not actor_ids:
        return None
    words = name.split()
    while words and words[0].casefold() in profile.articles:
        words.pop(0)
    return actor_ids.get(" ".join(words).casefold())


def actor_key(
    actor: ActorRef, profile: LanguageProfile, actor_ids: Mapping[str, str] | None = None, doc: str | None = None
) -> str | None:
    """The key of a finding's actor (see the module's docstring); None when it is unresolved.
    With `doc`, an actor that no name says the identity of ("the commission", "campaigners",
    "the prime minister", "public sector unions") is keyed within that document, as a lone
    noun topic is (see `phrase_key`): another story's commission is another commission."""
    if doc is not None and _lists_actors(actor, profile):
        return f"{actor_phrase_key(actor.text, profile)}@{doc}"  # "Congress and President Obama"
    if actor.id:
        return actor.id
    if actor.name is None or _gender_disagrees(actor, profile):
        return None
    words = [(word, "") for word in _without_determiners(actor.name, profile)]
    if doc is not None and _nickname(actor, profile):
        return f"{actor_phrase_key(actor.name, profile)}@{doc}"  # "the Blues": which club, the story says
    if doc is not None and _people_of_a_country(actor):
        return f"{actor_phrase_key(actor.name, profile)}@{doc}"  # "Russians" in a poll: these Russians
    if doc is not None and (_an_amount(actor.name, profile) or _generic_group(actor.name, profile, _determined(actor))):
        return f"{actor_phrase_key(actor.name, profile)}@{doc}"  # "22 percent", "women", "Anyone who ..."
    if doc is not None and _only_roles(words, profile) and not _names_someone(actor.name, profile):
        return f"{actor_phrase_key(actor.name, profile)}@{doc}"  # "Critics", "The chancellor"
    if doc is not None and _role_after_a_name(words, profile):
        return f"{_with_roles(actor.name, profile)}@{doc}"  # "UKIP MEP": which member, only the document says
    named = name_key(actor.name, profile, actor_ids)
    if named:
        return named
    key = actor_phrase_key(actor.name, profile)
    person = person_after_descriptor(key, profile)
    if person is not None:
        return person
    if doc is not None and (
        not _names_someone(actor.name, profile)
        or _role_of_a_body(actor.name, key, profile)
        or _role_with_a_complement(actor.name, profile)
    ):
        return f"{key}@{doc}"
    return key


#: Texts of one kind (phrase cores, names read as amounts) whose answer `_remembered` keeps per
#: profile, beyond which the memory starts again. A phrase core keeps each word of its phrase
#: with its tag, about 4 KB for a long topic: a scraped table gives a long topic for each of
#: its tens of thousands of findings, and 65,536 of them would hold over 200 MB. A story's own
#: repeats fit in far fewer.
_REMEMBERED_KEPT = 8192


def _nickname(actor: ActorRef, profile: LanguageProfile) -> bool:
    """Whether an actor is named by one capitalised plural after an article, that no dictionary
    knows ("the Blues", "the Saints"): a nickname, of a club or a group, that says whom only
    within its story; one story's Blues are another's rivals. A name the dictionary knows ("the
    Democrats") has its id; the pack lists bodies named by a plural ("the Commons")."""
    name = actor.name or ""
    word = name.strip()
    if actor.id is not None or " " in word or not word[:1].isupper() or word.isupper() or not word.isalpha():
        return False
    if word.casefold() in profile.key_plural_names:
        return False  # "the Commons": one body
    opening = actor.text.split(maxsplit=1)[0].casefold() if actor.text.strip() else ""
    return opening in profile.articles and _determined(actor) and lemma(word.lower(), "NOUN") != word.lower()


def _people_of_a_country(actor: ActorRef) -> bool:
    """Whether an actor is a people named by its country's demonym ("Russians", "most
    Britons"): a group of no id of its own, one word, affiliated to the country. The Russians
    of one poll or story are not those of another, nor the Russian state."""
    name = actor.name or ""
    return actor.type == "group" and actor.id is None and bool(actor.affiliations) and len(name.split()) == 1


def _an_amount(name: str, profile: LanguageProfile) -> bool:
    """Whether an actor is an amount of people ("22 percent", "54% of registered voters",
    "1,000 protesters"): its first noun or number is a number, and which people it counts only
    its document says (another poll's 22 percent are other people). Worked out once per name
    and profile: a story names its actors again and again."""
    return _remembered(profile, "amounts", name, _counts_an_amount)


def _counts_an_amount(name: str, profile: LanguageProfile) -> bool:
    words = [t.text for t in tokenize(name, profile=profile)]
    tags = default_tagger().tag(words) if words else []
    first = next((tag for tag in tags if tag in ("NOUN", "PROPN", "NUM")), None)
    return first == "NUM"


def _remembered(profile: LanguageProfile, what: str, text: str, make: Callable[[str, LanguageProfile], T]) -> T:
    """`make(text, profile)`, worked out once per text and profile and kept with the profile a
    rule set carries (up to `_REMEMBERED_KEPT` texts of each kind, then the memory starts
    again): a story names its actors and topics again and again."""
    return _kept(derived(profile, what, lambda _: {}), text, lambda: make(text, profile), _REMEMBERED_KEPT)


_NOT_KEPT = object()


def _kept(memory: dict, key: object, make: Callable[[], T], limit: int) -> T:
    """What `memory` keeps under `key`, made by `make()` and kept the first time; the memory
    starts again once it holds `limit` entries."""
    found = memory.get(key, _NOT_KEPT)
    if found is _NOT_KEPT:
        if len(memory) >= limit:
            memory.clear()
        found = memory[key] = make()
    return found


def _lists_actors(actor: ActorRef, profile: LanguageProfile) -> bool:
    """Whether an actor is written as a list of actors the scan named by one of them or by
    none ("Congress and President Obama", "Madrid, Lisbon and other capitals"): the stance is
    the list's, and a key for the one would count it as that one's. A list is a coordinator
    (outside brackets) with a word that names someone on each side of it; titles name no one
    ("Former Secretary of State and party leader Maria Lopez" is one person), a name that holds
    the coordinator is the name of the whole ("Department of Health and Human Services"), and
    so is an office's ("Work and Pensions Secretary Ana Ruiz", "the Secretary of State for
    Culture, Media and Sport")."""
    if actor.name is None or any(t.lower in profile.coordinators for t in tokenize(actor.name, profile=profile)):
        return False  # an actor nothing resolved has no key; "J&J" is a name
    parts = [[t.text for t in part] for part in _coordinated_parts(tokenize(actor.text, profile=profile), profile)]
    if len(parts) < 2 or _coordinates_an_office(parts, actor.name, profile):
        return False
    return all(_names_one(part, profile) for part in parts)


def _coordinated_parts(tokens: Sequence[Token], profile: LanguageProfile) -> list[list[Token]]:
    """The parts of a phrase its coordinators join, outside brackets ("Congress and President
    Obama" -> "Congress", "President Obama"); one part where none does."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and token.lower in profile.coordinators:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _listed_names(phrase: str, profile: LanguageProfile) -> str | None:
    """The words of a topic that is a list of names, or a choice between them ("rubio and
    christie", "either clinton or sanders"), without articles; None for any other topic. A
    list is a coordinator with names, and only names, on each side of it: keyed as the first
    name, a stance on the two would count as one on the first. A name that holds the
    coordinator is the name of one thing ("the Bill and Hillary Clinton Foundation"), and so
    is a phrase whose last word makes it a body's or a thing's name."""
    from stancekit.tracking.names import names_a_thing_or_body

    tokens = tokenize(phrase, profile=profile)
    if not tokens or names_a_thing_or_body(tokens[-1].text, profile):
        return None
    skipped = profile.articles | profile.key_list_openers
    parts = [[t.text for t in part if t.lower not in skipped] for part in _coordinated_parts(tokens, profile)]
    if len(parts) < 2 or not all(part and all(word[:1].isupper() for word in part) for part in parts):
        return None
    return " ".join(t.lower for t in tokens if t.lower not in profile.articles)


def _coordinates_an_office(parts: Sequence[Sequence[str]], name: str, profile: LanguageProfile) -> bool:
    """Whether the coordinator of a phrase joins the words of one office: in the complement
    of a role it opens ("the Secretary of State for Culture, Media and Sport"), or before the
    title of the last part when that part ends with the name the actor was given, the part
    before it naming no one by a pronoun ("Work and Pensions Secretary Ana Ruiz"; but "He and
    Committee Chairman Tom Hale" are two, and so are "NBC News and the Ohio Democratic Party")."""
    first = _without_determiners(" ".join(parts[0]), profile)
    head = _before_a_complement(first, profile)
    if head and len(head) < len(first) and all(profile.is_person_title(word) for word in head):
        return True
    last = [word for word in parts[-1] if word[:1].isalnum()]
    if not last or last[-1] != name.split()[-1]:
        return False
    title = next((k for k, word in enumerate(last) if profile.is_person_title(word)), 0)
    pronouns = profile.subject_pronouns | profile.object_subjects.keys()
    return title > 0 and not any(word.casefold() in pronouns for part in parts[:-1] for word in part)


def _names_one(words: Sequence[str], profile: LanguageProfile) -> bool:
    """Whether a part of a list holds a word that names someone: a capitalised word or a noun
    for a body or people ("the council", "other capitals"), not a title or a role that a name
    may follow ("Former Secretary of State and party leader Maria Lopez"); a part that ends
    with a role describes the one named before ("Ana Ruiz, a lawyer and longtime Green Party
    activist", "the mayor's chief aide and adviser Tom Hale")."""

    def role(word: str) -> bool:
        return profile.is_person_title(word) or word.casefold() in profile.role_words

    def names(word: str) -> bool:
        return not role(word) and (word[:1].isupper() or word.casefold() in profile.actor_nouns)

    content = _before_a_complement([word for word in words if word[:1].isalnum()], profile)
    return bool(content) and not role(content[-1]) and any(names(word) for word in content)


def _gender_disagrees(actor: ActorRef, profile: LanguageProfile) -> bool:
    """Whether the words of an actor say one gender ("she", "Mrs") and the name it was
    resolved to the other ("Tom Hale", "Mr. Okafor"): the resolution guessed wrong, and a key
    would count the finding for the wrong person. A first name of both lists or of neither
    says nothing."""
    from stancekit.people import written_gender

    written = written_gender(actor.text, profile)
    named = _name_gender(actor.name or "", profile)
    return written is not None and named is not None and written != named


def _name_gender(name: str, profile: LanguageProfile) -> str | None:
    """ "male" or "female" as a name's honorific or its first name says; None when neither does."""
    words = _without_determiners(name, profile)
    opening = words[0].casefold() if words else ""
    if opening in profile.male_honorifics or opening in profile.female_honorifics:
        return "male" if opening in profile.male_honorifics else "female"
    while len(words) > 1 and profile.is_person_title(words[0]):
        words.pop(0)
    first = words[0].casefold() if words else ""
    male, female = first in profile.male_names, first in profile.female_names
    return "male" if male and not female else "female" if female and not male else None


def _determined(actor: ActorRef) -> bool:
    """Whether the text writes a determiner before the name it was given ("The Conservatives"
    named "Conservatives"): the name's capitals are then no sentence's first."""
    text, name = actor.text.split(), (actor.name or "").split()
    return len(text) > len(name) > 0 and text[-len(name) :] == name


def _generic_group(name: str, profile: LanguageProfile, determined: bool = False) -> bool:
    """Whether an actor is a group of people that only its document says the members of:
    another story's "women" or "House members" are other women and other members, and counting
    them as one actor across stories merges what the text never said was one. The line:

    - an indefinite pronoun or a quantifier, alone or opening the phrase ("Anyone who ...",
      "Nobody", "Both", "Others", "a majority of nurses"): a group;
    - a plural common noun as the head, written in lower case or as a common noun in capitals
      ("women", "retired teachers", "super PACs", "two-thirds of voters"), or a noun for a
      group of people ("ordinary people"): a group, whatever its complement names ("members
      of Congress", "Voters in Ohio" are some of them, not the body or the place);
    - a noun for the members of a body ("House members"): a group, as "members of the House" is;
    - but a proper noun before such a head names whose they are as a body does ("EU leaders",
      "G7 finance ministers", "Sanders supporters"), a capitalised plural head is a party or a
      people by name ("Senate Democrats", "House Republicans"), a name of capitalised words is
      a name ("Reporters Without Borders"), and a singular head is one body ("the Sanders
      campaign", "the European Commission"): all of them keep one key across the collection.
      So do the groups the actor dictionary knows ("Republicans"): their id is their key.

    A proper noun's group that is no body ("the Koch brothers") keeps its key too: a missed merge
    misleads less than a wrong one, and the line is drawn where the words show it."""
    words = [t.text for t in tokenize(name, profile=profile) if t.lower not in profile.quote_marks]
    if not words:
        return False
    if len(words) > 1 and name_core(name, profile) and words[-1].casefold() not in profile.key_people_kinds:
        return False  # "Reporters Without Borders": written as a name; "Young Evangelicals" are a kind
    pairs = list(zip(words, default_tagger().tag(words), strict=True))
    start = _after_quantifiers(pairs, profile)
    if start == len(pairs) or pairs[start][0].casefold() in profile.key_indefinite_actors:
        return True  # "Both", "Anyone who ..."
    rest = pairs[start:]
    core = rest[: _core_end(rest, profile)]
    head, tag = core[-1]
    folded = head.casefold()
    if folded in profile.member_nouns:
        return True  # "House members"
    named = any(_names_whose(word, other, profile) for word, other in core[:-1])
    opens = start + len(core) == 1 and not determined
    return not named and _plural_common_noun(head, tag, opens, profile)


def _names_whose(word: str, tag: str, profile: LanguageProfile) -> bool:
    """Whether a word before a group's head is a name that says whose the group is ("EU
    leaders", "G7 ministers"): a proper noun or a word with a digit, not a modifier of actor
    nouns written with a capital ("Young Evangelicals", "Senior officials")."""
    if any(char.isdigit() for char in word):
        return True
    return tag == "PROPN" and word.casefold() not in profile.actor_modifiers


def _after_quantifiers(pairs: Sequence[tuple[str, str]], profile: LanguageProfile) -> int:
    """Where an actor phrase's noun starts after its determiners, quantifiers and partitives
    ("a majority of", "some of the") and the adverbs before a word ("about two-thirds"); the
    phrase's length when it is only quantifiers ("Both", "Many of the")."""
    skipped = profile.determiners | profile.articles | profile.partitives | profile.partitive_pronouns
    skipped |= profile.key_complement_links
    start = 0
    while start < len(pairs) and (
        pairs[start][0].casefold() in skipped or (pairs[start][1] == "ADV" and start < len(pairs) - 1)
    ):
        start += 1
    return start


def _plural_common_noun(word: str, tag: str, opens: bool, profile: LanguageProfile) -> bool:
    """Whether a head is a common noun for many people: a plural ("voters", "PACs") or a group
    noun ("people"), in lower case, in capitals as a common acronym or a kind of people
    ("Millennials", "Evangelicals"), or capitalised only as the
    first word of the phrase and a noun for people ("Women", "Musicians"): a capitalised word
    alone is as often a name ("Democrats", "Wales", "the Commons", "Spurs")."""
    folded = word.casefold()
    opening = opens and tag == "NOUN" and _people_noun(folded, profile)
    common = word == folded or folded in profile.key_common_acronyms | profile.key_people_kinds or opening
    plural = lemma(word, "NOUN").casefold() != folded or folded in profile.key_group_nouns
    return common and plural


def _people_noun(folded: str, profile: LanguageProfile) -> bool:
    """Whether a lower-case noun names people: an actor or role noun, a group noun, or a noun
    with the ending of one ("bookmakers", "musicians", "women")."""
    if folded in profile.actor_nouns | profile.role_words | profile.key_group_nouns:
        return True
    agent = folded.endswith(profile.agent_suffixes) and not folded.endswith(profile.agent_suffix_exceptions)
    unlisted = folded not in profile.non_actor_heads | profile.function_words | profile.comparatives
    return len(folded) > 4 and folded.isalpha() and agent and unlisted


def _with_roles(name: str, profile: LanguageProfile) -> str:
    """A role phrase in lower case without its determiners, its roles kept ("ukip mep"): a
    member's key within the document must not be the body's ("ukip"), which the document's
    own key for the body would join."""
    return " ".join(word.casefold() for word in _without_determiners(name, profile))


def _role_after_a_name(words: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether an actor is a role written after the name of the body it serves ("UKIP MEP",
    "Labour MP"): a member, not the body."""
    if len(words) < 2:
        return False
    last, before = words[-1][0], words[-2][0]
    return profile.is_person_title(last) and before[:1].isupper() and before[-1:].isalnum()  # not "Doyle, senator"


def _role_of_a_body(name: str, key: str, profile: LanguageProfile) -> bool:
    """Whether an actor is a person named by an office after the body or place they serve
    ("India's finance minister", "a U.S. senator" -> "india's finance minister", "u.s.
    senator"): a person, not the body, and which person only the document says. An office is
    a role word that is also a title (not "Department of Education", not "G7 finance
    ministers"). So is an actor of several words keyed by one (a pack's titles took the rest)."""
    if len(_without_determiners(name, profile)) < 2:
        return False
    last = key.rsplit(" ", 1)[-1]
    return " " not in key or (last in profile.role_words and profile.is_person_title(last))


def _names_someone(name: str, profile: LanguageProfile) -> bool:
    """Whether an actor phrase not written as a name holds one ("Labour MPs", "G7 finance
    ministers"): a capitalised word that is not just the sentence's first ("Critics")."""
    words = _without_determiners(name, profile)
    common = _role_words(profile)
    acronyms = profile.key_common_acronyms  # "a super PAC"
    return any(
        (word[:1].isupper() and (k > 0 or word.casefold() not in common) and word.casefold() not in acronyms)
        or word[:1].isdigit()
        for k, word in enumerate(words)
    )


def _without_determiners(name: str, profile: LanguageProfile) -> list[str]:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in profile.determiners | profile.articles:
        words.pop(0)
    return words


def actor_phrase_key(name: str, profile: LanguageProfile) -> str:
    """The key of an actor not written as a name ("business groups", "senator reyes"): its
    words in lower case without leading determiners and without the titles before a name
    ("reyes"), in number as written (a group is not its members). A title the phrase ends in
    is the role it names and stays: "the union leader" is a person, not the union."""
    marks = "".join(profile.quote_marks)
    words = [word.casefold().strip(marks) for word in name.replace("\u2019", "'").split()]
    words = [word for word in words if word]
    dropped = profile.determiners | profile.articles
    while len(words) > 1 and words[0] in dropped:
        words.pop(0)
    head = _before_a_complement(words, profile)
    return " ".join(_without_titles_before_a_name(head, profile) + words[len(head) :])


def _without_titles_before_a_name(words: Sequence[str], profile: LanguageProfile) -> list[str]:
    """`words` without the titles that a word of no role or title follows ("senator" of
    "senator reyes", "president" of "president obama's spokesman"); the role and title words
    a phrase ends in are the role it names ("union leader", "chief executive", "prime
    minister's spokesman")."""
    roles = profile.role_words

    def is_role(word: str) -> bool:
        word = word.removesuffix("'s")
        return word in roles or profile.is_person_title(word)

    last_other = max((k for k, word in enumerate(words) if not is_role(word)), default=-1)
    return [word for k, word in enumerate(words) if k > last_other or not profile.is_person_title(word)]


def _before_a_complement(words: Sequence[str], profile: LanguageProfile) -> list[str]:
    """The words of a phrase before a complement or an adjunct ("senator" of "senator from
    vermont"), all of them when it has none: the titles a key drops are those of this part, and
    a part that is only titles stays ("senator from vermont" is no "from vermont")."""
    links = profile.key_cut_words | profile.key_complement_links
    end = next((k for k in range(1, len(words)) if words[k].casefold() in links), len(words))
    return list(words[:end])


def _role_with_a_complement(name: str, profile: LanguageProfile) -> bool:
    """Whether an actor is a role with a complement or an adjunct that says where it serves
    ("the senator from Vermont", "the governor of Ohio"): a person whom only the document
    names, as the bare role is; a body's noun is no role ("the Department of Health")."""
    words = _without_determiners(name, profile)
    head = _before_a_complement(words, profile)
    roles = profile.role_words | profile.person_titles
    return len(head) < len(words) and all(word.casefold() in roles or profile.is_person_title(word) for word in head)


def topic_key(
    topic: TopicRef,
    profile: LanguageProfile,
    actor_ids: Mapping[str, str] | None = None,
    tagger: Tagger | None = None,
    doc: str | None = None,
) -> str:
    """The key of a finding's topic (see the module's docstring); never empty. With `doc`, a
    lone noun is keyed within that document (see `phrase_key`)."""
    if topic.id:
        return topic.id
    listed = _listed_names(topic.text, profile) if doc is not None else None
    if listed is not None:
        return f"{listed}@{doc}"  # "Rubio and Christie": not Rubio alone
    written = topic_name(topic, profile, tagger)
    if written is not None:
        return name_key(written, profile, actor_ids) or " ".join(written.casefold().split())
    phrase = _owner_named(topic, profile)
    key = phrase_key(phrase, profile, tagger, doc)
    key = person_after_descriptor(key, profile) or _titled_name(key, phrase, profile) or key
    return _full_name_named(key, topic, profile) or key


def _full_name_named(key: str, topic: TopicRef, profile: LanguageProfile) -> str | None:
    """The full name the scan named a surname key by ("Judge Curiel should step aside", named
    "Gonzalo Curiel should step aside", is "gonzalo curiel"): the scan resolved the surname to
    the person its document names; None when it named none."""
    if " " in key or "@" in key or not topic.name or topic.name == topic.text:
        return None
    words = topic.name.split()
    for size in (2, 3):
        core = name_core(" ".join(words[:size]), profile) if len(words) >= size else None
        if core and len(core) >= 2 and core[-1] == key:
            return " ".join(core)
    return None


def _titled_name(key: str, phrase: str, profile: LanguageProfile) -> str | None:
    """The name in a key that is a title and a name the phrase writes in capitals ("mr blair"
    from "Mr Blair should quit", "wholeheartedly with Mr Forsyth"): the name, as an actor
    named so is keyed; None for any other key."""
    from stancekit.tracking.names import names_a_thing_or_body

    words = key.split()
    titles = [k for k, word in enumerate(words) if profile.is_person_title(word)]
    if "@" in key or not titles or titles != list(range(len(titles))) or len(titles) == len(words):
        return None
    if names_a_thing_or_body(words[-1], profile):
        return None  # "democratic national convention": the party word is part of the name
    name = words[len(titles) :]
    written = {word.casefold() for word in phrase.split() if word[:1].isupper()}
    return " ".join(name) if len(name) <= 3 and all(word in written for word in name) else None


def _owner_named(topic: TopicRef, profile: LanguageProfile) -> str:
    """The phrase a topic is keyed by: its name when the scan named the owner its possessive
    pronoun stands for ("its defense" named "Ukraine's defense"), else its text."""
    words = topic.text.split()
    if topic.name and topic.name != topic.text and words and words[0].casefold() in profile.possessive_pronouns:
        return topic.name
    return topic.text


def person_after_descriptor(key: str, profile: LanguageProfile) -> str | None:
    """The full name of a person that ends a key after a descriptor ("presumptive nominee
    donald trump", "rival ted cruz" -> "donald trump", "ted cruz"), or None: a first name
    and a surname, with no coordinator or cut word before them ("rubio and ted cruz" is two)."""
    words = key.split()
    if len(words) < 3 or "@" in key:
        return None
    first = words[-2]
    if not profile.is_first_name(first):
        return None
    stops = profile.coordinators | profile.key_cut_words | profile.relative_pronouns
    if any(word in stops or not word[:1].isalnum() or word.endswith((",", ";")) for word in words[:-2]):
        return None  # "rubio and ted cruz", "kerry washington, amy schumer": a list
    return " ".join(words[-2:])


def topic_name(topic: TopicRef, profile: LanguageProfile, tagger: Tagger | None = None) -> str | None:
    """The name of the actor a topic is, as written: its whole name or text when written as
    a name ("Mrs. Clinton"), or the core of its phrase when that is a name ("Mr Brown of
    ducking the question" is about Mr Brown); None for a topic that is no actor."""
    for written in (topic.name, topic.text):
        if written and name_core(written, profile):
            return written
    for written in (topic.name, topic.text):  # the name: "Trump of ..." as "Donald Trump of ..."
        opening = _opening_name(written, profile, tagger) if written else None
        if opening is not None:
            return opening
    return None


def _opening_name(phrase: str, profile: LanguageProfile, tagger: Tagger | None) -> str | None:
    """The name that a phrase is about when it opens it and heads it ("Mr Brown of ducking the
    question"), or None."""
    words = [t.text for t in tokenize(phrase, profile=profile)]
    if not words or not words[0][:1].isupper():
        return None
    pairs = list(zip(words, (tagger or default_tagger()).tag(words), strict=True))
    core_pairs = _core_words(pairs, profile)
    core = " ".join(word for word, _ in core_pairs)
    if core and name_core(core, profile) and _ends_phrase(pairs, len(core_pairs), profile):
        return core
    return _person_of_a_place(core_pairs, profile)


def _person_of_a_place(core: Sequence[tuple[str, str]], profile: LanguageProfile) -> str | None:
    """The name of a person that a core opens before an 'of' complement naming where they
    come from or serve ("Senator Ted Cruz of Texas", "Gov. Ana Ruiz of Ohio"): the person, as
    an actor named so is keyed; None for any other core ("the Association of Hospices")."""
    links = [k for k, (word, _) in enumerate(core) if word.casefold() in profile.key_complement_links]
    if len(links) != 1 or not all(word[:1].isupper() for word, _ in core[links[0] + 1 :]):
        return None
    name = " ".join(word for word, _ in core[: links[0]])
    found = name_core(name, profile)
    return name if found and len(found) >= 2 and profile.is_first_name(found[0]) else None


def _ends_phrase(pairs: Sequence[tuple[str, str]], end: int, profile: LanguageProfile) -> bool:
    """Whether a name of `end` words opening a phrase is its head, not a modifier of a noun
    after it ("UK rap band" is a band): it ends the phrase or a cut word follows it."""
    if end >= len(pairs):
        return True
    word = pairs[end][0]
    stops = profile.key_cut_words | profile.key_complement_links | profile.coordinators | profile.relative_pronouns
    return word.casefold() in stops or not word[:1].isalnum()


def phrase_key(phrase: str, profile: LanguageProfile, tagger: Tagger | None = None, doc: str | None = None) -> str:
    """The core of a noun or verb phrase in lower case, its head lemmatised; the phrase in
    lower case when nothing is left of it.

    With `doc`, for a collection of unrelated stories, a lone common noun ("the scheme",
    "proposals from the club") or a pronoun object ("adopt it") is keyed within its document
    ("scheme@politics/078"): one scheme is not another story's. Without it (the default, for
    a collection about one issue, where "the pipeline" is one pipeline in every article) the
    noun is the key."""
    if tagger is None:
        key, pairs, core = _remembered_phrase_core(phrase, profile)
    else:
        key, pairs, core = _phrase_core(phrase, profile, tagger)
    return f"{key}@{doc}" if doc is not None and core and _anaphoric(pairs, core, profile) else key


def _remembered_phrase_core(
    phrase: str, profile: LanguageProfile
) -> tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """`_phrase_core` with the bundled tagger, made once per phrase and profile: a finding's
    keys ask for the core of its topic several times (as written, within its document, for
    the dictionaries), and a document repeats its topics. Kept with the profile a rule set
    carries, so that no other profile is loaded to compare it with."""
    return _remembered(profile, "phrase cores", phrase, lambda text, lang: _phrase_core(text, lang, None))


def _phrase_core(
    phrase: str, profile: LanguageProfile, tagger: Tagger | None
) -> tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """`phrase_key` without a document, with the (word, tag) pairs of the phrase and of its
    core that tell whether the key is kept within a document (`_anaphoric`); no core: the
    phrase had nothing left once reduced."""
    words = [t.text for t in tokenize(phrase, profile=profile) if t.lower not in profile.quote_marks]
    if not words:
        return " ".join(phrase.casefold().split()), (), ()
    tags = (tagger or default_tagger()).tag(words)
    pairs = list(zip(words, tags, strict=True))
    core = _core_words(pairs, profile)
    if not core:
        return " ".join(w.casefold() for w in words), tuple(pairs), ()
    return " ".join(_lemmatised(core, profile)), tuple(pairs), tuple(core)


def _anaphoric(pairs: Sequence[tuple[str, str]], core: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether the core says which topic only within its document: a pronoun, a lone noun
    the phrase points back with ("the scheme", "his remarks"), a generic head that no
    common-noun modifier makes specific ("plans", "Tory proposals", "the controversial
    move"), or nothing but a role ("the prime minister")."""
    dropped = profile.determiners | profile.possessive_pronouns | profile.key_dropped_openers
    if any(tag == "PRON" for _, tag in core):
        return True  # "plans to adopt it": what "it" is, only the document says
    if not any(tag in _CONTENT_TAGS for _, tag in core):
        return True  # "reasonably well": nothing left that names a topic
    if all(word.casefold() in profile.time_units for word, _ in core):
        return True  # "weeks that he is not ready": a time says no topic
    if pairs[0][0].casefold() in profile.possessive_pronouns:
        return True  # "his handling of the economy": whose, only the document says
    if core[0][1] == "VERB":  # "comment on the reports", but not "raise taxes"
        objects = [pair for pair in core[1:] if pair[1] != "ADP"]
        if len(core) == 1:
            return True  # "refused to say": what is not said, only the document says
        if len(objects) != 1 or objects[0][1] != "NOUN" or objects[0] not in pairs:
            return False
        at = pairs.index(objects[0])
        return at > 0 and (pairs[at - 1][0].casefold() in dropped or _generic_head(objects, profile))
    roles = _only_roles(core, profile) or _role_of_common_words(core, profile)
    if _generic_head(core, profile) or roles or _told_to_act(pairs, core):
        return True
    if _people_of_no_name(core, profile):
        return True  # "women in his company": another story's women are other women
    if len(core) != 1 or core[0][1] != "NOUN":
        return False
    at = pairs.index(core[0])
    rest = [pair for pair in pairs if pair[0].casefold() not in dropped and pair[1] not in _AMOUNT_TAGS]
    before = at - 1
    while before >= 0 and pairs[before][1] in _AMOUNT_TAGS:
        before -= 1  # "a £2bn takeover" points as "a takeover" does
    pointed = before >= 0 and pairs[before][0].casefold() in dropped  # "the scheme", not "immigration"
    return pointed and bool(rest) and rest[0] == core[0] and _core_end(rest, profile) == 1


def _people_of_no_name(core: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether a topic's core is a group of people that only its document says the members of:
    a plural common noun for people as its head, in lower case, with no name before it that
    says whose and no common noun that says what kind ("women", "young voters", "political
    parties"; not "EU leaders", "Democrats" or "charter schools"), as an actor so written is
    (`_generic_group`)."""
    words = list(core)
    for k, (word, _) in enumerate(words):
        if word.casefold() in profile.key_complement_links:
            words = words[:k]
            break
    if not words:
        return False
    head, tag = words[-1]
    single = lemma(head, "NOUN").casefold()
    plural = single != head or head in profile.key_group_nouns
    named = any(
        word[:1].isupper() or other == "PROPN" or _says_which(word, other, profile) for word, other in words[:-1]
    )
    return tag == "NOUN" and head == head.casefold() and plural and not named and _people_noun(single, profile)


def _told_to_act(pairs: Sequence[tuple[str, str]], core: Sequence[tuple[str, str]]) -> bool:
    """Whether the core is a lone common noun that an infinitive follows ("urged users to
    update their software") or a plural one that opens a clause ("users should update it"):
    the topic is what they are to do, and which users only the document says; a name stays
    ("Mr Okafor to resign"), and so do "tax cuts to boost growth" and "abortion should be banned"."""
    if len(core) != 1 or core[0] not in pairs or core[0][1] != "NOUN":
        return False
    at = pairs.index(core[-1])
    after = pairs[at + 1 : at + 3]
    if after and after[0][1] in ("AUX", "VERB"):  # "users should update": a group, not "abortion should"
        return lemma(core[0][0], "NOUN").casefold() != core[0][0].casefold()
    return len(after) == 2 and after[0][0].casefold() == "to" and after[1][1] in ("VERB", "AUX")


def _generic_head(core: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether a noun phrase's head (before any 'of' complement) is a generic noun ("plan",
    "move") that no common-noun modifier says the subject of ("the tuition fees plan" is
    specific; "Tory plans" and "the government's new plans" are not)."""
    words = [pair for pair in core]
    for k, (word, _) in enumerate(words):
        if word.casefold() in profile.key_complement_links:
            words = words[:k]
            break
    size = _generic_head_size([word for word, _ in words], profile)
    return size > 0 and not any(_says_which(word, tag, profile) for word, tag in words[:-size])


def _generic_head_size(words: Sequence[str], profile: LanguageProfile) -> int:
    """How many words at the end of a noun phrase's core make a generic head: a listed noun
    ("plan") or a listed compound ("town hall", whose first noun says no more which one
    than the second); 0 when it ends with none."""
    for size in (2, 1):
        if len(words) >= size and " ".join(word.casefold() for word in words[-size:]) in profile.key_generic_heads:
            return size
    return 0


def _says_which(word: str, tag: str, profile: LanguageProfile) -> bool:
    """Whether a modifier says what a noun is about: a common noun that names no holder and
    is no generic noun itself ("tuition" does; "government" and "Tory" say whose, not what;
    "law" in "the law change" says no more than "change")."""
    folded = word.casefold()
    vague = profile.actor_nouns | profile.role_words | profile.key_generic_heads
    return tag in ("NOUN", "NUM") and word == folded and folded not in vague


def _role_of_common_words(core: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether a core is one role noun after common nouns or role modifiers, in whatever case
    ("the home secretary", "the Home Secretary", "the film director"): an office or a job,
    which the story names the holder of, and another story another holder. A name before
    the role says whose ("the England coach"); an adjective may make the noun no role
    ("racial justice")."""
    words = [word.casefold() for word, _ in core]
    if len(words) < 2 or words[-1] not in profile.role_words or lemma(words[-1], "NOUN") != words[-1]:
        return False  # "immigration officers" are a kind of people, as "charter schools" a kind of school
    roles = profile.role_words | profile.actor_modifiers
    tags = default_tagger().tag(words)
    return all(tag == "NOUN" or word in roles for word, tag in zip(words[:-1], tags, strict=False))


def _only_roles(words: Sequence[tuple[str, str]], profile: LanguageProfile) -> bool:
    """Whether every word is a title, a role or an actor noun ("the prime minister",
    "ministers", "the government"): who that is, only the document says."""
    roles = _role_words(profile)
    return all(word.casefold() in roles for word, _ in words)


def _role_words(profile: LanguageProfile) -> frozenset[str]:
    """The profile's roles, titles, actor nouns and their modifiers, as one set made once per
    profile: the keys ask it of most actors."""
    return derived(
        profile,
        "role words",
        lambda p: p.role_words | p.person_titles | p.actor_nouns | p.actor_modifiers,
    )


def _core_words(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """What is left of (word, tag) pairs after the reductions, in order: a noun phrase's words
    up to its head (with the core of an 'of' complement), or a verb and the core of its object."""
    while True:
        reduced = _without_frame(_without_opening(pairs, profile), profile)
        if reduced == pairs:
            break
        pairs = reduced
    if pairs and pairs[0][0].casefold() in profile.key_cut_words and len(pairs) > 1:
        return _core_words(pairs[1:], profile)  # "whether to contest the title"
    if pairs and pairs[0][1] == "VERB":
        rest = pairs[1:]
        if rest and rest[0][1] == "SCONJ":
            return pairs[:1]  # "claims that ...": what is claimed, only the clause says
        if rest and rest[0][1] == "ADP":
            if rest[0][0].casefold() in profile.key_cut_words:  # "comment on the book"
                return pairs[:1] + _core_words(rest[1:], profile)
            return pairs[:2] + _core_words(rest[1:], profile)  # a particle: "write off debt"
        return pairs[:1] + _core_words(rest, profile)
    end = _core_end(pairs, profile)
    core = pairs[:end]
    if len(core) > 1 and core[-1][0].casefold() in profile.key_kind_nouns and _says_which(*core[-2], profile):
        core = core[:-1]
    rest = pairs[end + 1 :]
    if end < len(pairs) and pairs[end][0].casefold() in profile.key_complement_links and rest:
        complement = _core_words(rest, profile)
        if complement and complement[0][1] not in ("VERB", "AUX"):  # "accused Mr Lee of lying": Mr Lee
            return [*core, pairs[end], *complement]
    return core


def _without_opening(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """`pairs` without leading determiners, possessive pronouns, openers and amounts; a possessor
    written as a name stays, without its titles ("Lord Butler's assessment" -> "Butler
    assessment"), any other is dropped ("the company's effort" -> "effort")."""
    start = 0  # a complement link is what is left of a partitive: "some of the statements"
    while start < len(pairs) - 1 and (
        _dropped_opener(pairs[start][0], profile) or _amount_before_words(pairs, start) or pairs[start][1] == "ADV"
    ):
        start += 1
    for k in range(start, min(_core_end(pairs[start:], profile) + start + 1, len(pairs) - 1)):
        if pairs[k][1] == "VERB":
            break  # "buy the firm's stake": the possessor belongs to the verb's object
        if pairs[k][0].casefold() in POSSESSIVE_MARKS:
            owner = [pair for pair in pairs[start:k] if not profile.is_person_title(pair[0])]
            named = owner and all(word[:1].isupper() for word, _ in owner)
            return (owner if named else []) + _without_opening(pairs[k + 1 :], profile)
    return pairs[start:]


def _amount_before_words(pairs: Sequence[tuple[str, str]], at: int) -> bool:
    """Whether the word at `at` is part of an amount that words follow ("£6 minimum wage", "10%
    of the profits"), not an amount that is the whole topic with its unit ("the 3,000m",
    "provide $10bn")."""
    end = at
    while end < len(pairs) and pairs[end][1] in _AMOUNT_TAGS:
        end += 1
    return end > at and any(len(word) > 2 for word, _ in pairs[end:])


def _dropped_opener(word: str, profile: LanguageProfile) -> bool:
    """Whether `word` opens a phrase without saying what it is about: a determiner or a
    possessive pronoun however written, an opener ("new", "further") in lower case only
    ("New Zealand" is a name)."""
    folded = word.casefold()
    if folded in profile.determiners | profile.possessive_pronouns | profile.key_complement_links:
        return True
    return folded in profile.key_dropped_openers and word == folded


def _without_frame(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """`pairs` without a leading frame ("calls for", "plans to") when something follows it,
    with the adjectives, names and actor nouns that say whose it is ("Chinese calls for",
    "Tory plans to", "government plans to") and the participles that say how ("repeated calls
    to", "growing calls for"). A frame is looked for before each such word is taken as an
    owner: "Calls for" opening a headline, "campaign for" after a name."""
    folded = tuple(word.casefold() for word, _ in pairs)
    for owners in range(len(pairs) - 1):
        for frame in profile.key_frames:
            if len(folded) - owners > len(frame) and folded[owners : owners + len(frame)] == frame:
                return pairs[owners + len(frame) :]
        word, tag = pairs[owners]
        owner = (
            tag in ("ADJ", "PROPN")
            or word[:1].isupper()
            or word in profile.actor_nouns
            or (_participle(word, tag, profile) and pairs[owners + 1][1] in _MODIFIER_TAGS)
        )
        if not owner:
            break
    return pairs


def _participle(word: str, tag: str, profile: LanguageProfile) -> bool:
    """Whether a word is a verb's participle, which may modify a noun after it ("repeated
    calls"; not "signing up to")."""
    return tag == "VERB" and word.casefold().endswith(profile.key_frame_participles)


def _core_end(pairs: Sequence[tuple[str, str]], profile: LanguageProfile) -> int:
    """Where a noun phrase's core ends: at the first word after its first that is no noun,
    adjective or number (a verb, a pronoun, a preposition), or is a cut word, complement link,
    relative pronoun, coordinator or punctuation."""
    stops = profile.key_cut_words | profile.key_complement_links | profile.relative_pronouns | profile.coordinators
    for k in range(1, len(pairs)):
        word, tag = pairs[k]
        if word.casefold() in stops or not word[:1].isalnum() or tag not in _MODIFIER_TAGS:
            return k
    return len(pairs)


def _lemmatised(pairs: Sequence[tuple[str, str]], profile: LanguageProfile) -> list[str]:
    """The words in lower case, verbs and heads (the last word, and a word before a complement
    link) lemmatised."""
    words = [word.casefold() for word, _ in pairs]
    for k, (word, tag) in enumerate(pairs):
        head = k == len(pairs) - 1 or words[k + 1] in profile.key_complement_links
        if tag == "VERB":
            words[k] = lemma(word, "VERB").casefold()
        elif head and words[k] not in profile.key_complement_links and not _in_a_name(pairs, k):
            words[k] = lemma(word, "NOUN").casefold()
    return words


def _in_a_name(pairs: Sequence[tuple[str, str]], at: int) -> bool:
    """Whether a head ends a name of several words, which has no singular to be lemmatised to
    ("Kelly Holmes", "United States", "Bernie Sanders"): a proper noun after a capitalised word.
    A demonym alone is a plural like any other ("the Tories" are "tory")."""
    word, tag = pairs[at]
    return tag == "PROPN" and at > 0 and word[:1].isupper() and pairs[at - 1][0][:1].isupper()


def with_keys(
    finding: Finding,
    profile: LanguageProfile | None = None,
    actor_ids: Mapping[str, str] | None = None,
) -> Finding:
    """`finding` with its actor's and its topic's key set as its own text shows them."""
    lang = profile or default_profile()
    return replace(
        finding,
        actor=replace(finding.actor, key=_actor_key_as_written(finding, lang, actor_ids)),
        topic=replace(
            finding.topic, key=_topic_key_as_written(finding.topic, finding.sentence, finding.doc, lang, actor_ids)
        ),
    )


def _actor_key_as_written(
    finding: Finding, profile: LanguageProfile, actor_ids: Mapping[str, str] | None
) -> str | None:
    """The actor's half of `with_keys`."""
    actor = actor_key(finding.actor, profile, actor_ids, doc=finding.doc)
    if actor is not None and "@" not in actor and uncertain_pronoun(finding, profile, actor_ids):
        actor = f"{actor}@{finding.doc}"
    return _as_name(actor, finding.actor, finding.sentence)


def _topic_key_as_written(
    topic: TopicRef, sentence: TextSpan, doc: str, profile: LanguageProfile, actor_ids: Mapping[str, str] | None
) -> str | None:
    """The topic's half of `with_keys`: the finding's actor has no part in it."""
    return _as_name(topic_key(topic, profile, actor_ids, doc=doc), topic, sentence)


#: The actor types a pronoun of a gender ("he", "her") may stand for: a person, or one
#: nothing says the kind of.
_GENDERED_PRONOUN_KINDS = frozenset({"person", "unknown", None})


def uncertain_pronoun(finding: Finding, profile: LanguageProfile, actor_ids: Mapping[str, str] | None = None) -> bool:
    """Whether a finding's actor is a pronoun whose resolution is too uncertain to count the
    finding for the one it was resolved to in other documents: its key is then kept within
    its document, where the resolution is the story's best reading. Such a pronoun is

    - a third-person or possessive pronoun ("he", "they", "his praise of the president")
      resolved to someone its sentence does not name before it, when the sentence names
      another there who owns or does something, outside a quote: that one is as likely
      ("Ruiz said he ...", "Acme, Brill and Corda cut their support" after a story of Dyno,
      "Lee defended his praise of the minister, Tom Ruiz" resolved to Ruiz);
    - a pronoun of a gender resolved to a body or a place ("he" -> "National Convention"), or
      "it" resolved to a person: the kinds disagree, so the resolution guessed.

    `actor_ids` (name -> the actor dictionary's id) knows the names of an actor the
    dictionary named ("the Tories say they ..." is the Conservative Party's)."""
    actor = finding.actor
    if actor.via != "pronoun" or actor.name is None:
        return False
    word = actor.text.strip().casefold()
    if _kind_disagrees(word, actor.type, profile):
        return True
    possessive = word in profile.possessive_pronouns and word not in profile.first_person
    pronoun = possessive or word in profile.third_person
    return pronoun and _other_named_before(finding, profile, actor_ids or {})


def _other_named_before(finding: Finding, profile: LanguageProfile, actor_ids: Mapping[str, str]) -> bool:
    """Whether the sentence names someone before the actor, outside a quote, but not the one
    the actor was resolved to: that one is then outside the sentence or after the pronoun,
    and the name before it may as well be whom the pronoun stands for. Names are proper nouns
    that are no title; the resolved one is written before when a word of its name is, in any
    form ("Republicans" of "Republican Party", "the president"), or a name the dictionary
    gives its id. Words in a quote closed before the pronoun ('"Ken should stick to his guns,"
    he said') are someone's words, not who the pronoun after them is."""
    actor, sentence = finding.actor, finding.sentence
    before = sentence.text[: max(0, actor.start - sentence.start)]
    words = [t.text for t in tokenize(before, profile=profile)]
    if not words:
        return False
    own = {word.casefold() for word in (actor.name or "").split()} - profile.articles

    def names_the_actor(word: str) -> bool:
        folded = word.casefold()
        by_id = actor.id is not None and actor_ids.get(folded) == actor.id
        return by_id or folded in own or lemma(word, "NOUN").casefold() in own

    if any(names_the_actor(word) for word in words):
        return False
    tags = default_tagger().tag(words)
    quoted = _inside_quotes(words, profile)
    return any(
        not quoted[k] and _a_name(words[k], tags[k], profile) and _acts_or_owns(words, tags, k)
        for k in range(len(words))
    )


def _inside_quotes(words: Sequence[str], profile: LanguageProfile) -> list[bool]:
    """For each word, whether it stands in a quote closed before the words end (each mark opens
    or closes one): the words of a quote the pronoun stands in are its own context."""
    inside, found, last_mark = False, [], -1
    for k, word in enumerate(words):
        if word in profile.quote_marks:
            inside, last_mark = not inside, k
        found.append(inside)
    if inside:  # the pronoun's own quote
        found[last_mark:] = [False] * (len(words) - last_mark)
    return found


def _a_name(word: str, tag: str, profile: LanguageProfile) -> bool:
    """Whether a word is tagged a proper noun and may be a name: no title, no function word
    or word that capitals do not make a name ("Despite" opening a sentence, "Monday")."""
    not_a_name = word.casefold() in profile.function_words or word in profile.capitalised_non_names
    return tag == "PROPN" and not not_a_name and not profile.is_person_title(word)


def _acts_or_owns(words: Sequence[str], tags: Sequence[str], k: int) -> bool:
    """Whether the name ending at word `k` owns something or does something ("Ruiz's plan",
    "Acme and Brill have"): a name that might own what the pronoun owns, not a place or a
    name that only modifies ("in Leeds", "the Senate colleagues")."""
    after = k + 1
    if after >= len(words):
        return False
    return words[after] in POSSESSIVE_MARKS or tags[after] in ("VERB", "AUX")


def _kind_disagrees(pronoun: str, kind: str | None, profile: LanguageProfile) -> bool:
    """Whether a pronoun's agreement and the kind of what it was resolved to disagree: "he" or
    "she" of a body, a country or a place; "it" of a person."""
    agreement = profile.pronoun_agreement.get(profile.possessive_subjects.get(pronoun, pronoun))
    if agreement in ("male", "female"):
        return kind not in _GENDERED_PRONOUN_KINDS
    return agreement == "neuter" and kind == "person"


def _as_name(key: str | None, span: ActorRef | TopicRef, sentence: TextSpan) -> str | None:
    """A key kept within its document for a role or body word that the text writes as a name:
    one capitalised word in the singular, without a determiner, inside the sentence ("said
    Labour", "backed by Labour"), is the party's name everywhere; at the start of a sentence
    ("Labour", "Critics") capitals say nothing."""
    word = span.text.strip()
    if key is None or "@" not in key or bare_key(key) != word.casefold() or not word[:1].isupper():
        return key
    inside = _after_a_word(span, sentence)
    singular = lemma(word, "NOUN").casefold() == word.casefold()
    return bare_key(key) if inside and singular and word.isalpha() else key


def bare_key(key: str) -> str:
    """A key without the document it is kept within ("pier@gazette-12" -> "pier"): what a
    dictionary entry would have to name to count it across the collection."""
    return key.rpartition("@")[0] if "@" in key else key


def document_keys(findings: Sequence[Finding], profile: LanguageProfile | None = None) -> list[Finding]:
    """The findings of one document with a key kept within the document ("ceasefire@doc",
    from "the ceasefire") turned into the document's own key for the same thing
    ("ceasefire", from "calls for a ceasefire") when the document has one: "the" points back
    at it. A pronoun too uncertain to count for whom it was resolved to (`uncertain_pronoun`)
    keeps its key within the document: joining the named person's key would count it for
    them everywhere."""
    lang = profile or default_profile()
    own = {key for f in findings for key in (f.actor.key, f.topic.key) if key and "@" not in key}

    def pointed(key: str | None) -> str | None:
        if key is None or "@" not in key:
            return key
        return bare_key(key) if bare_key(key) in own else key

    return [
        replace(
            f,
            # only a key kept within the document can be pointed; only then is the pronoun asked about
            actor=f.actor
            if "@" in (f.actor.key or "") and uncertain_pronoun(f, lang)
            else replace(f.actor, key=pointed(f.actor.key)),
            topic=replace(f.topic, key=pointed(f.topic.key)),
        )
        for f in findings
    ]


def collection_keys(findings: Iterable[Finding], profile: LanguageProfile | None = None) -> list[Finding]:
    """`findings` with their keys merged across them (see `key_merges`). Findings read from a
    file written before keys existed get theirs here."""
    lang = profile or default_profile()
    keyed = [
        replace(
            f,
            actor=replace(f.actor, key=finding_actor_key(f, lang)),
            topic=replace(f.topic, key=finding_topic_key(f, lang)),
        )
        for f in findings
    ]
    by_doc: dict[str, list[Finding]] = {}
    for f in keyed:
        by_doc.setdefault(f.doc, []).append(f)
    findings = [f for doc in by_doc.values() for f in _surnames_named(document_keys(doc, lang), lang)]
    findings = _middle_names_settled(findings, lang)
    merges = key_merges(findings, lang)
    company, in_doc = _keys_in_company(findings, lang), _document_key_sets(findings, lang)
    people = _person_ids_among(findings)

    def merged(key: str | None, doc: str) -> str | None:
        if key not in merges:
            return key
        target = merges[key][0]
        if " " in key or (" " not in target and target not in people):
            return target  # a descriptor dropped, a body's dictionary id: not a guess at who
        # a surname joins the full name only in a document written among the full name's company
        return target if (in_doc.get(doc, set()) - {key}) & (company.get(target, set()) - {key}) else key

    return [
        replace(
            f,
            actor=replace(f.actor, key=merged(finding_actor_key(f, lang), f.doc)),
            topic=replace(f.topic, key=merged(finding_topic_key(f, lang), f.doc)),
        )
        for f in findings
    ]


def _middle_names_settled(findings: Sequence[Finding], profile: LanguageProfile) -> list[Finding]:
    """`findings` with one person's full names brought together or kept apart by their middle
    names and initials, as the collection writes them:

    - a full name with a middle name ("hillary rodham clinton") joins the same first name and
      surname without it ("hillary clinton") when the collection has that key and writes that
      first name and surname with no other middle name or initials;
    - a full name written with initials that differ between two forms of the collection
      ("George W. Bush", "George H. W. Bush") is two people: each keeps its initials in its
      key; the name written without them says neither and stays as it is."""
    middles: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for f in findings:
        for written in _written_names(f, profile):
            parts = name_parts(written, profile)
            if parts is not None and parts[1]:
                middles.setdefault((parts[0], parts[2]), set()).add(parts[1])
    known = {key for f in findings for key in (f.actor.key, f.topic.key) if key}

    def settled(key: str | None, written: str | None) -> str | None:
        words = key.split() if key else []
        if key is None or "@" in key or len(words) < 2 or not profile.is_first_name(words[0]):
            return key
        person = (words[0], words[-1])
        forms = middles.get(person, set())
        one = _one_person(forms)
        written_middle = any(tuple(words[1:-1]) == tuple(w for w in form if len(w) > 1) for form in forms)
        if one and len(words) > 2 and written_middle and f"{words[0]} {words[-1]}" in known:
            return f"{words[0]} {words[-1]}"  # "hillary rodham clinton" -> "hillary clinton"
        parts = name_parts(written, profile) if written and not one else None
        if parts is not None and parts[1] and (parts[0], parts[2]) == person:
            return " ".join((parts[0], *parts[1], parts[2]))  # "george h w bush" apart from "george w bush"
        return key

    return [
        replace(
            f,
            actor=replace(f.actor, key=settled(f.actor.key, _plain_name(f.actor))),
            topic=replace(f.topic, key=settled(f.topic.key, _topic_written(f, profile))),
        )
        for f in findings
    ]


def _one_person(middles: set[tuple[str, ...]]) -> bool:
    """Whether the middle names and initials one first name and surname are written with say
    one person: as many of them in every form, each the same or an initial of the other
    ("J." and "John"); "W." and "H. W." are two."""

    def agree(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
        same_length = len(one) == len(other)
        return same_length and all(a.startswith(b) or b.startswith(a) for a, b in zip(one, other, strict=True))

    forms = sorted(middles)
    return all(agree(one, other) for k, one in enumerate(forms) for other in forms[k + 1 :])


def _written_names(finding: Finding, profile: LanguageProfile) -> list[str]:
    """The names a finding writes its actor and its topic by, when no dictionary named them."""
    return [name for name in (_plain_name(finding.actor), _topic_written(finding, profile)) if name]


def name_parts(name: str, profile: LanguageProfile) -> tuple[str, tuple[str, ...], str] | None:
    """A person's full name as (first name, middle names and initials, surname), in lower case
    without titles ("Sen. George H.W. Bush" -> ("george", ("h", "w"), "bush")); None for a name
    not opened by a known first name, or not written as a name."""
    words = _without_determiners(name, profile)
    while words and profile.is_person_title(words[0]):
        words.pop(0)
    if len(words) < 2 or not all(word[:1].isupper() for word in words):
        return None
    first, last = words[0].casefold(), words[-1].casefold().rstrip(".,")
    if not profile.is_first_name(first):
        return None
    middle = tuple(part for word in words[1:-1] for part in word.casefold().split(".") if part)
    return first, middle, last


def _surnames_named(findings: Sequence[Finding], profile: LanguageProfile) -> list[Finding]:
    """One document's findings with a surname alone as a key ("blair", from "Mr Blair of
    ...") turned into the one full name of a person in the document that ends with it
    ("tony blair"); a surname that two full names of the document end with stays."""
    people: dict[str, set[str]] = {}
    for f in findings:
        for key in (f.actor.key, f.topic.key):
            words = key.split() if key else []
            if len(words) >= 2 and profile.is_first_name(words[0]):
                people.setdefault(words[-1], set()).add(key)

    def named(key: str | None) -> str | None:
        full = people.get(key or "", set())
        return next(iter(full)) if len(full) == 1 else key

    return [
        replace(f, actor=replace(f.actor, key=named(f.actor.key)), topic=replace(f.topic, key=named(f.topic.key)))
        for f in findings
    ]


def key_merges(findings: Sequence[Finding], profile: LanguageProfile | None = None) -> dict[str, tuple[str, str, str]]:
    """Which name keys of a collection count as which: key -> (the key it counts under, the
    name to show, the name as first written). A surname alone joins the full name that ends
    with it when exactly one full name in the collection does ("okafor" -> "david okafor") and
    the two are written among some of the same actors or topics (`collection_keys` asks that
    of each document too), a descriptor falls away ("democrat jane doyle" -> "jane doyle"),
    and a name some actor of the collection has a dictionary id for takes that id.
    Dictionary keys are never merged."""
    from stancekit.tracking.names import Named, merge_names

    lang = profile or default_profile()
    ids = _collection_actor_ids(findings, lang)
    written: dict[str, str] = {}  # name key -> a name it was written as
    names: list[Named] = []
    for f in findings:
        person = f.actor.name if f.actor.type == "person" else None  # "Tony Blair", keyed by his id
        pairs = (
            (_plain_name(f.actor) or person, finding_actor_key(f, lang)),
            (_topic_written(f, lang), finding_topic_key(f, lang)),
        )
        for name, key in pairs:
            if name and key is not None and key in (name_key(name, lang), name_key(name, lang, ids)):
                written.setdefault(key, name)
                names.append(Named(name.casefold(), name))
    full = merge_names(names, lang).merged
    company, dictionary_ids = _keys_in_company(findings, lang), set(ids.values())
    people = _person_ids_among(findings)
    merges: dict[str, tuple[str, str, str]] = {}
    for f in findings:
        pairs = (
            (_plain_name(f.actor), finding_actor_key(f, lang)),
            (_topic_written(f, lang), finding_topic_key(f, lang)),
        )
        for name, key in pairs:
            if not name or key is None or key in merges or name_key(name, lang) != key:
                continue
            target = full.get(name.casefold())
            shown = target.name if target else name
            new_key = name_key(shown, lang, ids) or key
            joins_a_person = " " not in key and (new_key not in dictionary_ids or new_key in people)
            if new_key != key and (not joins_a_person or _share_company(key, new_key, company)):
                merges[key] = (new_key, shown, written[key])
    return merges


def _document_key_sets(findings: Sequence[Finding], profile: LanguageProfile) -> dict[str, set[str]]:
    """Document -> the keys of its findings, but those kept within it."""
    by_doc: dict[str, set[str]] = {}
    for f in findings:
        keys = {finding_actor_key(f, profile), finding_topic_key(f, profile)}
        by_doc.setdefault(f.doc, set()).update(k for k in keys if k and "@" not in k)
    return by_doc


def _keys_in_company(findings: Sequence[Finding], profile: LanguageProfile) -> dict[str, set[str]]:
    """Key -> the other keys found in the documents it is found in (keys kept within a
    document left out): who and what a name is written among."""
    company: dict[str, set[str]] = {}
    for keys in _document_key_sets(findings, profile).values():
        for key in keys:
            company.setdefault(key, set()).update(keys - {key})
    return company


def _share_company(surname: str, full: str, company: Mapping[str, set[str]]) -> bool:
    """Whether a surname alone and the full name it would join are written among some of the
    same actors or topics: in a collection of unrelated stories the one full name that ends
    with "Reid" in a story about the health service is not the Reid of a football story."""
    return bool((company.get(surname, set()) - {full}) & (company.get(full, set()) - {surname}))


def _topic_written(finding: Finding, profile: LanguageProfile) -> str | None:
    return None if finding.topic.id else topic_name(finding.topic, profile)


def _plain_name(actor: ActorRef) -> str | None:
    """An actor's name when no dictionary named it (only such names are merged)."""
    return None if actor.id else actor.name


def _person_ids_among(findings: Sequence[Finding]) -> set[str]:
    """The dictionary ids of the people among the actors of a collection: a surname that
    joins one is a guess at who, as one that joins a full name is."""
    return {f.actor.id for f in findings if f.actor.id and f.actor.type == "person"}


def _collection_actor_ids(findings: Sequence[Finding], profile: LanguageProfile) -> dict[str, str]:
    """Name (in lower case, without a leading article) -> the dictionary id some actor of the
    collection has under that name."""
    ids: dict[str, str] = {}
    for f in findings:
        if f.actor.id and f.actor.name:
            words = f.actor.name.split()
            while words and words[0].casefold() in profile.articles:
                words.pop(0)
            ids.setdefault(" ".join(words).casefold(), f.actor.id)
    return ids


def dictionary_actor_ids(names: Mapping[str, str]) -> dict[str, str]:
    """Name in lower case -> id, from actor id -> name (the actor dictionary's)."""
    return {name.casefold(): actor_id for actor_id, name in names.items()}


#: Keys a rule set keeps made (see `keyed_by_rules`) before it forgets them and starts again.
#: What they are made from holds the actor's and the topic's text, and the sentence before a
#: pronoun, up to a few KB on a scraped table: a story's repeats fit in far fewer than would
#: fill the memory.
KEYS_KEPT = 8192


def keyed_by_rules(finding: Finding, compiled: CompiledRuleSet) -> Finding:
    """`finding` with its keys, named by the rule set's language profile and actor dictionary.
    A topic that is an actor the dictionary knows ("the Tories of running scared", "the US
    for the weak dollar") takes that actor's id.

    A key tokenises and tags its phrase and looks it up in the dictionaries, and a document
    names the same actors and topics again and again (a table or a page dumped with its
    boilerplate, thousands of times): the keys are made once for each way of writing them
    (`_key_signature`) and kept for the rule set."""
    made = _rule_set_keys(compiled)
    keys = _kept(made, _key_signature(finding), lambda: _keys_by_rules(finding, compiled), KEYS_KEPT)
    return replace(finding, actor=replace(finding.actor, key=keys[0]), topic=replace(finding.topic, key=keys[1]))


def _key_signature(finding: Finding) -> tuple:
    """All that a finding's keys are made from: its document, the text, name, id, way of
    naming and type of its actor (and for a pronoun the words of its sentence before it), the
    text, name and id of its topic, and whether each is written after a word of its sentence
    (`_as_name`)."""
    actor, sentence = finding.actor, finding.sentence
    return (
        actor.text,
        actor.name,
        actor.id,
        actor.via,
        actor.type,
        sentence.text[: max(0, actor.start - sentence.start)] if actor.via == "pronoun" else "",
        _after_a_word(actor, sentence),
        _topic_signature(finding.topic, sentence, finding.doc),
    )


def _topic_signature(topic: TopicRef, sentence: TextSpan, doc: str) -> tuple:
    """All that a topic's key is made from: its document, its text, name and id, and whether
    it is written after a word of its sentence (`_as_name`)."""
    return (doc, topic.text, topic.name, topic.id, _after_a_word(topic, sentence))


def _after_a_word(span: ActorRef | TopicRef, sentence: TextSpan) -> bool:
    return any(char.isalnum() for char in sentence.text[: max(0, span.start - sentence.start)])


def topic_keyed_by_rules(topic: TopicRef, sentence: TextSpan, doc: str, compiled: CompiledRuleSet) -> str | None:
    """The key `keyed_by_rules` gives a topic in `sentence` of document `doc`, whoever holds
    the stance: a topic's key is made from the topic, its document and whether a word of its
    sentence comes before it. Kept with the rule set's keys: a phrase a document's pointing
    topics look back at ("the plan" before "the plan") is keyed once, not once per finding."""
    return _kept(
        _rule_set_keys(compiled),
        _topic_signature(topic, sentence, doc),
        lambda: _topic_key_by_rules(topic, sentence, doc, compiled),
        KEYS_KEPT,
    )


def _keys_by_rules(finding: Finding, compiled: CompiledRuleSet) -> tuple[str | None, str | None]:
    """(the actor's key, the topic's key) of `keyed_by_rules`."""
    return (
        _actor_key_by_rules(finding, compiled),
        _topic_key_by_rules(finding.topic, finding.sentence, finding.doc, compiled),
    )


def _actor_key_by_rules(finding: Finding, compiled: CompiledRuleSet) -> str | None:
    """The actor's half of `keyed_by_rules`."""
    actor = finding.actor
    key = _actor_key_as_written(finding, compiled.profile, rule_set_actor_ids(compiled))
    if actor.id and key == f"{actor.id}@{finding.doc}" and _id_named_before(finding, compiled):
        key = actor.id  # "the Tories say they"
    person = actor.name or ""
    if actor.type == "person" and not actor.id and compiled.actors.demonym_of(person.casefold()):
        # "the Russian" who praised the court: a player only the story names, not Russia
        key = f"{person.casefold()}@{finding.doc}"
    members = _members_restricted(finding, compiled.profile)
    if members is not None:
        # which members, only the story says; "who" keeps the key from joining the plural's own
        key = f"{members.casefold()} {actor.text.casefold()}@{finding.doc}"
    return key


def _topic_key_by_rules(topic: TopicRef, sentence: TextSpan, doc: str, compiled: CompiledRuleSet) -> str | None:
    """The topic's half of `keyed_by_rules` (see `topic_keyed_by_rules`)."""
    key = _topic_key_as_written(topic, sentence, doc, compiled.profile, rule_set_actor_ids(compiled))
    if topic.id and not _named_in_core(topic, compiled):
        # the dictionary found its entry in an adjunct ("courage ... on holding a referendum"):
        # the key is what the phrase is about; the entry stays the finding's id, and an entry
        # the core names ("free-trade deals such as NAFTA": trade deals) keys it
        return _topic_key_by_rules(replace(topic, id=None, name=topic.text), sentence, doc, compiled)
    if topic.id:
        return _generic_entry_key(topic, doc, compiled) or measure_key(topic, compiled) or key
    if _one_of_a_people(topic.text, compiled):
        return f"{phrase_key(topic.text, compiled.profile)}@{doc}"
    text_key = key or ""
    if _named_body_told_what_to_do(topic.text, compiled):
        return text_key if "@" in text_key else f"{text_key}@{doc}"
    named = (
        dictionary_actor_of(topic.text, compiled)
        or dictionary_topic_of_key(text_key, compiled)
        or _entry_through_head(topic.text, text_key, compiled)
    )
    return named or key


def _members_restricted(finding: Finding, profile: LanguageProfile) -> str | None:
    """The plural a relative pronoun restricts when it holds the stance ("Republicans who back
    the deal", "Even Democrats who ...", "Senate Republicans who oppose him"): the members the
    clause picks out, not the party or body the plural names, and which of them only the
    story says; None when the clause is set off by a comma ("The Democrats, who ...") and
    says something of them all, when the word before is no bare capitalised plural ("the
    Scottish National Party who"), or when it names a person ("Tom Jones who")."""
    actor, sentence = finding.actor, finding.sentence
    if actor.name is None or actor.text.casefold() not in profile.relative_pronouns:
        return None
    before = sentence.text[: max(0, actor.start - sentence.start)].split()
    if not before:
        return None
    plural, opener = before[-1], before[-2].casefold() if len(before) > 1 else ""
    bare = opener not in profile.determiners | profile.articles and not profile.is_first_name(opener)
    return plural if bare and plural.isalpha() and plural[:1].isupper() and plural.endswith("s") else None


def _one_of_a_people(phrase: str, compiled: CompiledRuleSet) -> bool:
    """Whether a phrase is one person named by a demonym after an article and at most three
    words ("the Russian", "a Democrat", "the more conservative Democrat"): who, only the
    story says, and the country or party is another topic. A demonym the dictionary lists
    without a plural ("the British") names the nation."""
    profile = compiled.profile
    words = [t.lower for t in tokenize(phrase, profile=profile) if t.lower not in profile.quote_marks]
    if len(words) < 2 or words[0] not in profile.articles or not compiled.actors:
        return False
    between = words[1:-1]
    links = profile.actor_prepositions | profile.adjunct_prepositions | profile.coordinators
    if len(between) > 3 or any(not word.isalpha() or word in links for word in between):
        return False
    actor_id = compiled.actors.demonym_of(words[-1])
    return actor_id is not None and compiled.actors.names_one_person(words[-1], actor_id)


def _named_body_told_what_to_do(phrase: str, compiled: CompiledRuleSet) -> bool:
    """Whether a topic is a clause whose subject is a country, party or body the actor
    dictionary names before an auxiliary ("the U.S. should stand with Israel", "Britain should
    be a safe haven"):
    the topic is what that one should do or be, which another story's clause about it seldom
    is, and a key of the name alone would merge them. A person's clause ("Mr Lee should quit")
    stays about the person, and so does one told to act ("urged the party to unite behind
    him" is counted for the party, as "urged Mr Lee to resign" is for Mr Lee)."""
    tokens, head = _dictionary_actor_at_head(phrase, compiled)
    if head is None or head.end >= len(tokens) or compiled.actors.actors[head.id].type == "person":
        return False
    words = [t.text for t in tokens]
    return default_tagger().tag(words)[head.end] == "AUX"  # not "UK rap band", read as a verb


def _dictionary_actor_at_head(phrase: str, compiled: CompiledRuleSet) -> tuple[list[Token], NameMatch | None]:
    """The words of a phrase (quote marks left out) and the actor dictionary's first match
    when it opens the phrase after determiners only ("the U.S." of "the U.S. should ..."),
    else None."""
    profile = compiled.profile
    tokens = [t for t in tokenize(phrase, profile=profile) if t.lower not in profile.quote_marks]
    start = 0
    while start < len(tokens) - 1 and tokens[start].lower in profile.determiners | profile.articles:
        start += 1
    found = compiled.actors.find(tokens, start, len(tokens)) if compiled.actors else []
    return tokens, (found[0] if found and found[0].start == start else None)


def _generic_entry_key(topic: TopicRef, doc: str, compiled: CompiledRuleSet) -> str | None:
    """The key within its document of a topic the dictionary names by nothing but a generic
    or pointing head ("the sanction", "an embargo", "the tax"), or None: an entry such a word
    matches is the kind of thing, and which one (a doping ban or an arms embargo on a
    country) only the document says; there it may point at the phrase that says it. A
    modifier the entry holds says which ("the nuclear deal", "the Iran deal"), and so does a
    country or body the phrase names ("the embargo on Cuba"); a generic head the entry is not
    named by leaves the entry to say it ("cases alleging discrimination")."""
    profile = compiled.profile
    key = phrase_key(topic.text, profile, doc=doc)
    head = bare_key(key)
    words = head.split()
    pointing = len(words) == 1 and words[0] in profile.key_pointing_heads  # "the tax"
    if "@" not in key or not words or (_generic_head_size(words, profile) != len(words) and not pointing):
        return None
    tokens = tokenize(head, profile=profile)
    topics = compiled.topics
    named = {topics.concept(m.id) for m in topics.matches(tokens, head)} if topics else set()
    written = tokenize(topic.text, profile=profile)
    if compiled.actors and compiled.actors.find(written, 0, len(written)):
        return None  # "the embargo on Cuba": the country says which
    return key if topics.concept(topic.id or "") in named else None


def measure_key(topic: TopicRef, compiled: CompiledRuleSet) -> str | None:
    """The key of a named measure the dictionary counts under a broader issue, or None: an
    alias of the entry that is common nouns before a head the entry is named by alone
    ("council tax", "income tax" under taxation) is one measure of the issue, and "council
    tax" and taxes in general are not one topic; a verb before it makes it what is done to
    taxes ("increase income tax" raises taxes). The measure's words are its key; a modifier
    that names whose ("Tory tax plans") or only how ("higher taxes", "illegal immigration")
    says no measure, and an entry of its own ("wealth tax", "fuel tax") keeps its id."""
    profile, topics = compiled.profile, compiled.topics
    if not topic.id or not topics:
        return None
    _, _, core = _remembered_phrase_core(topic.text, profile)
    nouns = list(core)
    if len(nouns) < 2 or any(tag == "VERB" or word.casefold() in profile.key_complement_links for word, tag in nouns):
        return None  # "increase income tax" raises taxes, as "increasing taxes for the well off" does
    modifiers, head = nouns[:-1], nouns[-1]
    if not all(tag == "NOUN" and word == word.casefold() for word, tag in modifiers):
        return None
    words = _lemmatised(nouns, profile)
    entry = topics.concept(topic.id)
    whole, alone = " ".join(words), words[-1]
    if entry not in _entries_naming(whole, compiled) or entry not in _entries_naming(alone, compiled):
        return None
    return whole if head[1] == "NOUN" else None


def _entries_naming(phrase: str, compiled: CompiledRuleSet) -> set[str]:
    """The topic dictionary's entries whose alias is the whole of `phrase`."""
    tokens = tokenize(phrase, profile=compiled.profile)
    topics = compiled.topics
    return {topics.concept(m.id) for m in topics.matches(tokens, phrase) if m.start == 0 and m.end == len(tokens)}


def _id_named_before(finding: Finding, compiled: CompiledRuleSet) -> bool:
    """Whether the actor dictionary names the finding's actor in its sentence before it, under
    any of its names ("the Tories" of the Conservative Party): a pronoun after it stands for
    the one named."""
    actor, sentence = finding.actor, finding.sentence
    before = sentence.text[: max(0, actor.start - sentence.start)]
    tokens = tokenize(before, profile=compiled.profile)
    found = compiled.actors.find(tokens, 0, len(tokens)) if compiled.actors and tokens else []
    return any(match.id == actor.id for match in found)


def dictionary_people_keys(findings: Sequence[Finding], compiled: CompiledRuleSet) -> list[Finding]:
    """`findings` with each key that is the name of a person the actor dictionary lists made
    that person's id, however the story named them: "Mr. Trump" keyed by the full name its
    story gives, "the prime minister" by the office holder, "Tony Blair should ..." by the
    name that opens it all meet "Donald Trump" and "Tony Blair" as the dictionary matched
    them."""
    people = _people_by_name_key(compiled)
    if not people:
        return list(findings)
    return [rekeyed(f, people.get(f.actor.key or ""), people.get(f.topic.key or "")) for f in findings]


def _people_by_name_key(compiled: CompiledRuleSet) -> Mapping[str, str]:
    """The keys of the names of the people the actor dictionary lists ("tony blair", and a
    name as written in lower case: "george w. bush") -> their ids, made once per rule set."""
    return _rule_set_memory(compiled)[2]


def _people_named(compiled: CompiledRuleSet) -> dict[str, str]:
    from stancekit.compiler.dictionaries import ALIAS

    actors, profile = compiled.actors, compiled.profile
    people: dict[str, str] = {}
    for entries in actors.names.values() if actors else ():
        for written, _lowered, _exact, actor_id, kind in entries:
            if kind != ALIAS or actors.actors[actor_id].type != "person":
                continue
            name = " ".join(written)
            for key in (name_key(name, profile), name.casefold()):  # "george bush", "george w. bush"
                if key is not None:
                    people.setdefault(key, actor_id)
    return people


def rekeyed(finding: Finding, actor_key: str | None, topic_key: str | None) -> Finding:
    """`finding` with the actor key and the topic key given; a key given as None stays as it was."""
    if actor_key is None and topic_key is None:
        return finding
    return replace(
        finding,
        actor=replace(finding.actor, key=actor_key) if actor_key else finding.actor,
        topic=replace(finding.topic, key=topic_key) if topic_key else finding.topic,
    )


def keyed_as_actor(finding: Finding, actor: ActorRef | None, compiled: CompiledRuleSet) -> Finding:
    """`finding` with the key `actor` would have as a holder for a topic about a pronoun
    ("him", "it of lying") resolved to `actor`: "attacked him" and "attacked Mr Lee" meet on
    one key. The finding as it is when its topic is no such pronoun kept within the document,
    when nothing resolved it, or when it resolved to the finding's own actor (who attacks
    "him" is not him, and the resolution has guessed wrong)."""
    key, profile = finding.topic.key or "", compiled.profile
    if actor is None or "@" not in key or not _about_a_pronoun(finding.topic.text, profile):
        return finding
    found = actor_key(actor, profile, rule_set_actor_ids(compiled), doc=finding.doc)
    if found is None or "@" in found or found == finding.actor.key:
        return finding
    return replace(finding, topic=replace(finding.topic, key=found))


def _about_a_pronoun(phrase: str, profile: LanguageProfile) -> bool:
    """Whether a topic is about the one a third-person pronoun stands for: the pronoun alone,
    or opening the phrase before a preposition or an infinitive ("him of lying", "her to
    resign", as "Mr Lee of lying" is about Mr Lee); not the subject of a clause ("it should
    be banned" is about what should be)."""
    words = [t.text for t in tokenize(phrase, profile=profile)]
    pronouns = profile.third_person | profile.object_subjects.keys()
    if not words or words[0].casefold() not in pronouns:
        return False
    return len(words) == 1 or default_tagger().tag(words)[1] in ("ADP", "PART")


def dictionary_topic_of_key(key: str, compiled: CompiledRuleSet) -> str | None:
    """The topic dictionary's id for a key whose head it names ("high fuel price" under "fuel
    price", "raise minimum wage" under "minimum wage", "the budget" kept within its document
    under "budget"), or None: an entry that only modifies the head ("immigration officer")
    or sits in an adjunct names another topic. The scan looks the dictionary up in the
    phrase as written; the key, without its openers, frames and adjuncts, finds the entries
    the phrase hid."""
    best = compiled.topics.longest(_head_matches(bare_key(key), compiled))
    return compiled.topics.concept(best.id) if best is not None else None


def _entry_through_head(phrase: str, key: str, compiled: CompiledRuleSet) -> str | None:
    """The topic dictionary's id for a phrase whose entry runs from its head into what the key
    cut off as an adjunct ("the war in Iraq" under "war in Iraq", "a ban on smoking in pubs"
    under "ban on smoking"), or None: an entry in the adjunct alone names another topic ("the
    rise in tuition fees" is the rise's)."""
    best = compiled.topics.longest(_matches_through_head(phrase, key, compiled))
    return compiled.topics.concept(best.id) if best is not None else None


def _matches_through_head(phrase: str, key: str, compiled: CompiledRuleSet) -> list[TopicMatch]:
    """The topic dictionary's matches in a phrase that hold the head of its key and more."""
    words = bare_key(key).split()
    if not words or not compiled.topics:
        return []
    tokens = tokenize(phrase, profile=compiled.profile)
    links = compiled.profile.key_complement_links
    head = next((words[k - 1] for k in range(1, len(words)) if words[k] in links), words[-1])
    return [
        m
        for m in compiled.topics.matches(tokens, phrase)
        if m.size > 1 and any(lemma(t.text, "NOUN").casefold() == head for t in tokens[m.start : m.end])
    ]


def _head_matches(phrase: str, compiled: CompiledRuleSet) -> list[TopicMatch]:
    """The topic dictionary's matches that head a phrase or the words before its 'of'
    complement: no noun follows them there but a generic one ("terror law changes", "keep
    abortion legal"); one a noun follows only modifies it ("immigration officer")."""
    topics, profile = compiled.topics, compiled.profile
    tokens = tokenize(phrase, profile=profile) if topics and phrase else []
    if not tokens:
        return []
    tags = default_tagger().tag([t.text for t in tokens])

    def heads(match: TopicMatch) -> bool:
        for token, tag in zip(tokens[match.end :], tags[match.end :], strict=True):
            if token.lower in profile.key_complement_links:
                return True
            if tag in ("NOUN", "PROPN", "NUM") and token.lower not in profile.key_generic_heads:
                return False
        return True

    return [m for m in topics.matches(tokens, phrase) if heads(m)]


def _named_in_core(topic: TopicRef, compiled: CompiledRuleSet) -> bool:
    """Whether the topic dictionary finds the topic's entry in the core of its phrase, not
    only in a trailing adjunct or a clause: "keep interest rates steady" is about interest
    rates, "a relaxation of the rules governing the euro zone" is no zoning topic."""
    profile, topics = compiled.profile, compiled.topics
    words = tokenize(topic.text, profile=profile)
    stops = profile.key_cut_words | profile.key_complement_links | profile.relative_pronouns
    head_end = next((k for k in range(1, len(words)) if words[k].lower in stops), len(words))
    head = topic.text[: words[head_end - 1].end - words[0].start] if words else ""
    key = phrase_key(topic.text, profile)
    found = {m.id for m in _head_matches(key, compiled)}
    found |= {m.id for m in _head_matches(head, compiled)}  # "the cost of asylum"; "Tory spending plans"
    found |= {m.id for m in _matches_through_head(topic.text, key, compiled)}  # "the war in Iraq"
    return any(topic.id in (entry, topics.concept(entry), *topics.ancestors(entry)) for entry in found)


def dictionary_actor_of(phrase: str, compiled: CompiledRuleSet) -> str | None:
    """The id of the actor a phrase is about when the actor dictionary names it at the head
    of the phrase: after determiners only, and ending the noun phrase ("the Tories of ..."
    are the party; "Tory plans" are plans)."""
    from stancekit.compiler.dictionaries import DEMONYM

    profile = compiled.profile
    tokens, head = _dictionary_actor_at_head(phrase, compiled)
    if head is None:
        return None
    end = head.end
    if end < len(tokens):
        pairs = [(t.text, "") for t in tokens]
        if not _ends_phrase(pairs, end, profile) or tokens[end].text in POSSESSIVE_MARKS:
            return None
        listed = tokens[end + 1 : end + 2] and tokens[end + 1].text[:1].isupper()
        if tokens[end].lower in profile.coordinators and listed:
            return None  # "Tony Blair and Gordon Brown", "the US and Britain": a list of names is neither
        if head.kind == DEMONYM and tokens[end].lower not in profile.key_complement_links:
            return None  # "British and Commonwealth authors" are authors; "the Tories of ..." the party
    return head.id


#: Per rule set: its actor names -> ids, the keys made with it by `keyed_by_rules`, the name
#: keys of its dictionary's people -> their ids.
_RULE_SET_MEMORY: IdentityMemo[tuple[dict[str, str], dict[tuple, tuple[str | None, str | None]], dict[str, str]]] = (
    IdentityMemo()
)


def _rule_set_memory(compiled: CompiledRuleSet) -> tuple:
    def build() -> tuple:
        names = {actor_id: info.name for actor_id, info in compiled.actors.actors.items()}
        return (dictionary_actor_ids(names), {}, _people_named(compiled))

    return _RULE_SET_MEMORY.get(compiled, build)


def rule_set_actor_ids(compiled: CompiledRuleSet) -> dict[str, str]:
    """The rule set's actor dictionary as name in lower case -> id, made once per rule set."""
    return _rule_set_memory(compiled)[0]


def _rule_set_keys(compiled: CompiledRuleSet) -> dict[tuple, tuple[str | None, str | None]]:
    return _rule_set_memory(compiled)[1]


def finding_actor_key(finding: Finding, profile: LanguageProfile | None = None) -> str | None:
    """The finding's actor key; made with `profile` (the bundled one when None) for a finding
    read from a file written before keys existed."""
    actor = finding.actor
    return actor.key if actor.key is not None else actor_key(actor, profile or default_profile())


def finding_topic_key(finding: Finding, profile: LanguageProfile | None = None) -> str:
    """The finding's topic key; made with `profile` (the bundled one when None) for a finding
    read from a file written before keys existed."""
    topic = finding.topic
    if topic.key is not None:
        return topic.key
    return topic_key(topic, profile or default_profile())


def shown_topic(topic: TopicRef, key: str) -> str:
    """How a topic counted under `key` is shown: the dictionary's name, or its name as the
    text writes it (the variants behind a key are listed beside it)."""
    return " ".join((topic.name or topic.text).split())
