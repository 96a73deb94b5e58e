"""Who a mention names: a person, an institution or a group, with what the text and the actor
dictionary say about it.

"Hungarian Foreign Minister Zoltan Berecz" is a person, Zoltan Berecz, affiliated to Hungary
(from the demonym); "National Security Council spokesman John Kirby" is John Kirby, of the
National Security Council, which the dictionary places in the United States; "the White
House" is a metonym of the United States; "Republican lawmakers" is a group. The description
is what pronoun resolution checks compatibility against ("she" needs a person who is not known
to be male) and what a finding reports as the actor's name, id and affiliations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from stancekit.compiler.dictionaries import DEMONYM, ActorIndex, NameMatch
from stancekit.engine.captures import NAME, category, names_a_body
from stancekit.engine.profile import LanguageProfile
from stancekit.text.tokens import Token

PERSON, GROUP, ORGANISATION, COUNTRY, PLACE, UNKNOWN = "person", "group", "organisation", "country", "place", "unknown"


@dataclass(frozen=True)
class Referent:
    """What a mention names. `affiliations` are actor ids, nearest first."""

    name: str
    kind: str
    id: str | None = None
    gender: str | None = None
    plural: bool = False
    surname: str | None = None
    affiliations: tuple[str, ...] = ()
    #: The role the text gives the person, in lower case without articles: "tory leader" for
    #: "Tory leader Michael Howard" and for an unnamed "the Tory leader", so that the one can be
    #: named after the other.
    role: str | None = None
    #: Whether the text calls it only by a definite description of its kind, with no name in
    #: it ("the party", "the government", "the prime minister", "the Lib Dem leader"): someone
    #: the story means, whom the words alone do not name.
    unnamed: bool = False

    @property
    def is_person(self) -> bool:
        return self.kind == PERSON

    @property
    def full_name(self) -> bool:
        """A person named with more than a surname: what a short name can refer back to."""
        return self.is_person and self.surname is not None and " " in self.name


def join(tokens: Sequence[Token]) -> str:
    """Tokens written back as text: a space only where the source had one ("Farmers’ unions")."""
    parts: list[str] = []
    for k, token in enumerate(tokens):
        if k and token.start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def _is_title(token: Token, index: ActorIndex, lang: LanguageProfile) -> bool:
    return token.lower in lang.person_titles or token.lower in lang.role_words or token.lower in index.titles


def _gender(tokens: Sequence[Token], person_start: int, lang: LanguageProfile) -> str | None:
    for token in tokens[max(0, person_start - 3) : person_start]:
        if token.lower in lang.male_honorifics:
            return "male"
        if token.lower in lang.female_honorifics:
            return "female"
    first = tokens[person_start].lower if person_start < len(tokens) else ""
    if first in lang.male_names:
        return "male"
    if first in lang.female_names:
        return "female"
    return None


def _standalone(
    tokens: Sequence[Token], start: int, end: int, matches: list[NameMatch], index: ActorIndex, lang: LanguageProfile
) -> list[NameMatch]:
    """Dictionary names that stand on their own, not inside a longer name: "America" in "Latin
    America", "Mexico" in "New Mexico" and "British" in "British Columbia" name no country."""
    covered = {i for m in matches for i in range(m.start, m.end)}

    def part_of_a_name(i: int) -> bool:
        return (
            start <= i < end
            and i not in covered
            and category(tokens[i], lang) == NAME
            and not _is_title(tokens[i], index, lang)
        )

    return [m for m in matches if not part_of_a_name(m.start - 1) and not part_of_a_name(m.end)]


def _head_span(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> tuple[int, int]:
    """The mention without its appositive, bracketed tag, leading article and possessive mark."""
    for i in range(start, end):
        if tokens[i].text in (",", "("):
            end = i
            break
    while start < end - 1 and tokens[start].lower in lang.articles:
        start += 1
    while end > start + 1 and tokens[end - 1].lower in ("'s", "'"):
        end -= 1
    return start, end


def _tagged_then_joined(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether a bracketed tag is followed by a coordinator and more words ("Gov. Tom Reyes (R)
    and conservative groups"): the mention names all of them, not the one the tag follows."""
    for i in range(start, end):
        if tokens[i].text == ",":
            return False  # an appositive comes first: "Ana Ruiz, a nurse (retired) and mother"
        if tokens[i].text == "(":
            close = next((k for k in range(i + 1, end) if tokens[k].text == ")"), None)
            return close is not None and close + 2 < end and tokens[close + 1].lower in lang.coordinators
    return False


def _appositive_person(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> tuple[int, int] | None:
    """ "Japan's chief negotiator, Kenji Morioka": the name after the comma."""
    for i in range(start, end):
        if tokens[i].text == ",":
            j = i + 1
            k = j
            while k < end and category(tokens[k], lang) == NAME:
                k += 1
            if k - j >= 2 and (k == end or tokens[k].text in (",", ".")):
                return None if _is_place(tokens, j, k, join(tokens[j:k]), lang) else (j, k)
            return None
    return None


def describe(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, day: date | None, lang: LanguageProfile
) -> Referent:
    """What tokens [start, end) of a sentence name."""
    matches = _standalone(tokens, start, end, index.find(tokens, start, end), index, lang) if index else []
    if _listed_people(tokens, start, end, index, matches, lang):
        return Referent(join(tokens[start:end]), GROUP, plural=True)  # "Ana Ruiz, Tom Reyes and Karl Stam"
    listed = _listed_actors(tokens, start, end, matches, lang)
    if listed:
        owners = [*listed, *(chained for actor in listed for chained in index.chain(actor, day))]
        # "China, India and Brazil": one plural subject, of the countries it lists
        return Referent(join(tokens[start:end]), GROUP, plural=True, affiliations=tuple(dict.fromkeys(owners)))
    if _tagged_then_joined(tokens, start, end, lang):
        return Referent(join(tokens[start:end]), GROUP, plural=True)  # "Gov. Tom Reyes (R) and conservative groups"
    head_start, head_end = _head_span(tokens, start, end, lang)
    text = join(tokens[head_start:head_end])
    if tokens[head_start].is_number or tokens[head_start].text.endswith("%"):
        return Referent(text, GROUP, plural=True)  # a share in a poll: "47 percent (of voters)"
    whole_known = any(m.start <= head_start and m.end >= head_end for m in matches)
    if not whole_known and _is_place(tokens, head_start, head_end, text, lang):
        return Referent(text, PLACE)
    if not whole_known and _coordinated(tokens, head_start, head_end, index, matches, lang):
        return Referent(text, GROUP, plural=True)  # "Mr Howard and Mr Kennedy": two people, a "they"
    person = (
        _person_of_body(tokens, head_start, head_end, index, matches, lang)
        or _person_span(tokens, head_start, head_end, index, matches, lang)
        or _appositive_person(tokens, start, end, lang)
    )
    if person is not None:
        return _person(tokens, person, head_start, matches, index, day, lang)
    return _non_person(tokens, head_start, head_end, text, matches, index, day, lang)


def _person_of_body(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, matches: list[NameMatch], lang: LanguageProfile
) -> tuple[int, int] | None:
    """ "Tom Hale of the Harbour Trust": a person's full name before a preposition is the
    person, of the body after it; only a name opened by a known first name, for "the Bank of
    England" is one bank."""
    joint = next((k for k in range(start + 1, end) if tokens[k].lower in lang.actor_prepositions), None)
    if joint is None:
        return None
    span = _person_span(tokens, start, joint, index, matches, lang)
    if span is None or span[1] != joint or joint - span[0] < 2:
        return None
    first = tokens[span[0]].lower
    return span if lang.is_first_name(first) else None


def _listed_people(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, matches: list[NameMatch], lang: LanguageProfile
) -> bool:
    """Whether a mention lists people between commas, the last after a coordinator ("Ana Ruiz,
    Tom Reyes and Karl Stam"): a group, not the first person before the comma (which an
    appositive would be: "Ana Ruiz, the Tory leader"). Every part must be a person's name."""
    parts = _listed_parts(tokens, start, end, lang)
    return len(parts) > 1 and all(_titled_person(tokens, a, b, index, matches, lang) for a, b in parts)


def _listed_actors(
    tokens: Sequence[Token], start: int, end: int, matches: list[NameMatch], lang: LanguageProfile
) -> list[str]:
    """The dictionary ids of a mention that lists known actors between commas, the last after a
    coordinator ("China, India and Brazil", "Mexico, Canada, and the European Union"), each
    part a dictionary name after articles only; none when any part is something else ("China,
    the largest emitter, and India" is no list of three)."""
    ids = []
    for a, b in _listed_parts(tokens, start, end, lang):
        named = next((m for m in matches if m.end == b and m.start >= a), None)
        if named is None or any(t.lower not in lang.articles for t in tokens[a : named.start]):
            return []
        ids.append(named.id)
    return ids if len(ids) > 1 else []


def _listed_parts(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> list[tuple[int, int]]:
    """The parts of a list between commas whose last part follows a coordinator ("A, B and
    C"); none when the mention is not written so."""
    commas = [k for k in range(start, end) if tokens[k].text == ","]
    if not commas:
        return []
    last = next((k for k in range(end - 1, commas[-1], -1) if tokens[k].lower in lang.coordinators), None)
    if last is None:
        return []
    bounds = [start, *commas, last, end]
    parts = [(a if a == start else a + 1, b) for a, b in pairwise(bounds)]
    return [(a, b) for a, b in parts if b > a]  # ", and": the serial comma leaves an empty part


def _titled_person(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, matches: list[NameMatch], lang: LanguageProfile
) -> bool:
    """Whether tokens [start, end) are a person's name after titles only ("Sen. Ana Ruiz")."""
    span = _person_span(tokens, start, end, index, matches, lang)
    return span is not None and span[1] == end and all(_is_title(t, index, lang) for t in tokens[start : span[0]])


def _coordinated(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, matches: list[NameMatch], lang: LanguageProfile
) -> bool:
    """Whether a coordinator joins two people ("Mr Howard and Mr Kennedy", "Tony Blair and
    Gordon Brown"): the mention is a group, not the last person named. "Work and Pensions
    Secretary Alan Johnson" joins no two people."""
    for k in range(start + 1, end - 1):
        if tokens[k].lower in lang.coordinators:
            left = _person_span(tokens, start, k, index, matches, lang)
            return left is not None and _person_span(tokens, k + 1, end, index, matches, lang) is not None
    return False


def _is_place(tokens: Sequence[Token], start: int, end: int, text: str, lang: LanguageProfile) -> bool:
    """A US state or a state's abbreviation, a dateline in capitals ("NEW YORK"), or a town
    named with its state ("Roanoke, Va.", "Englewood, New Jersey")."""
    lowered = text.lower()
    if lowered in lang.places or lowered in lang.place_abbreviations:
        return True
    names = tokens[start:end]
    if not all(category(t, lang) == NAME for t in names):
        return False
    if len(names) > 1 and all(t.text.isupper() and t.text.isalpha() for t in names):
        return True
    if end + 1 < len(tokens) and tokens[end].text == ",":
        following = tokens[end + 1].lower
        two = f"{following} {tokens[end + 2].lower}" if end + 2 < len(tokens) else ""
        return following in lang.place_abbreviations or following in lang.places or two in lang.places
    return False


def _person_span(
    tokens: Sequence[Token], start: int, end: int, index: ActorIndex, matches: list[NameMatch], lang: LanguageProfile
) -> tuple[int, int] | None:
    """The tokens that spell a person's name: the names after the last title word, or a whole
    run of names that is not an institution; a title after a full name ("Andrew Tyrie MP") is
    left out."""
    if end - start > 2 and tokens[end - 1].text in lang.postnominal_titles:
        inner = _person_span(tokens, start, end - 1, index, matches, lang)
        if inner is not None and (inner[0] > start or lang.is_first_name(tokens[start].lower)):
            return inner  # ("Scottish Labour MP" is no person called Scottish Labour)
    person_ids = {m.id for m in matches if index.actors.get(m.id) and index.actors[m.id].type == PERSON}
    covered = {i for m in matches if m.id not in person_ids for i in range(m.start, m.end)}
    # an owner before a person's first name ends its titles too: "Manchester United's Alex
    # Ferguson" (but "Japan's Nippon Steel" and "Mr Brown's Budget" are no people)
    last_title = max(
        (
            i
            for i in range(start, end)
            if _is_title(tokens[i], index, lang) or i in covered or _owner_before_first_name(tokens, i, end, lang)
        ),
        default=None,
    )
    # "British number one Tim Henman": a description may follow a title or a known name too
    first = _described_name(tokens, start if last_title is None else last_title + 1, end, lang)
    if first >= end or end - first > 4:
        return None
    names = tokens[first:end]
    if not all(category(t, lang) == NAME and t.lower not in lang.organisation_words for t in names):
        return None
    known_first_name = lang.is_first_name(names[0].lower)
    if last_title is None and not known_first_name and names[-1].lower in lang.non_person_heads:
        return None  # "the Keystone Pipeline"; but "Gov. Nathan Deal" and "Nathan Deal" are people
    if any(i in covered for i in range(first, end)):
        return None
    if last_title is None and end - first < 2:
        return None  # one capitalised word and no title: a surname ("Kirby said"), a place or a body
    if last_title is None and _acronym(names[0]):
        return None  # "BBC Radio", "ITV Wales": a body's initials open no person's name
    return first, end


def _described_name(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """Where a person's name starts after a lower-case description that stands right before
    it ("women Ana Ruiz" of "the minister for women Ana Ruiz", "the late Tom Reyes"): the
    start of the closing run of names when all words before it are lower case and none of
    them opens a phrase of its own (a preposition), the first word of the sentence excepted
    ("Retired surgeon Ana Ruiz"); else `start`."""
    first = end
    while first > start and category(tokens[first - 1], lang) == NAME:
        first -= 1
    before = tokens[start:first]
    if first == start or end - first < 2:
        return start
    if start == 0 and len(before) > 1 and before[1].text[:1].islower():
        before = before[1:]  # the sentence's first word is capitalised as such: "Retired surgeon Ana Ruiz"
    if before and names_a_body(before[-1].lower, lang):
        return start  # "security firm F Secure", "rock band Bloc Party": the name is the body's
    if all(
        _lower_word(t) and t.lower not in lang.actor_prepositions and t.lower not in lang.function_words for t in before
    ):
        return first
    return start


def _after_owner(tokens: Sequence[Token]) -> Sequence[Token]:
    """The words after the last possessive mark: the role of "Leeds United's striker" is
    "striker"; its owner is no office."""
    marks = [k for k, t in enumerate(tokens) if _possessive_mark(t)]
    return tokens[marks[-1] + 1 :] if marks else tokens


def _owner_before_first_name(tokens: Sequence[Token], i: int, end: int, lang: LanguageProfile) -> bool:
    """Whether token i is the possessive mark of an owner before a known first name."""
    following = tokens[i + 1].lower if i + 1 < end else ""
    return _possessive_mark(tokens[i]) and lang.is_first_name(following)


def _possessive_mark(token: Token) -> bool:
    """Whether a token is the possessive "'s" or "'"."""
    return token.lower in ("'s", "'")


def _lower_word(token: Token) -> bool:
    """A word in lower case, hyphenated or not ("surgeon", "film-maker")."""
    return token.text[:1].islower() and token.text.replace("-", "").isalpha()


def _acronym(token: Token) -> bool:
    """Whether a word is written as initials in capitals ("BBC", "ITV")."""
    return len(token.text) > 1 and token.text.isalpha() and token.text.isupper()


def _person(
    tokens: Sequence[Token],
    span: tuple[int, int],
    head_start: int,
    matches: list[NameMatch],
    index: ActorIndex,
    day: date | None,
    lang: LanguageProfile,
) -> Referent:
    first, end = span
    name = join(tokens[first:end])
    gender = _gender(tokens, first, lang)
    actor_id = None
    affiliations: list[str] = []
    for match in matches:
        info = index.actors.get(match.id)
        if info is None:
            continue
        if info.type == PERSON and match.start <= first < match.end:
            actor_id, name = info.id, info.name
            gender = gender or info.gender
        elif match.end <= first or match.start >= end:
            affiliations.append(match.id)
    if actor_id is not None:
        affiliations.extend(index.chain(actor_id, day))
    for actor in list(affiliations):
        affiliations.extend(index.chain(actor, day))
    return Referent(
        name=name,
        kind=PERSON,
        id=actor_id,
        gender=gender,
        surname=tokens[end - 1].text,
        affiliations=tuple(dict.fromkeys(affiliations)),
        role=_role(_after_owner(tokens[head_start:first]), lang),
    )


def _non_person(
    tokens: Sequence[Token],
    start: int,
    end: int,
    text: str,
    matches: list[NameMatch],
    index: ActorIndex,
    day: date | None,
    lang: LanguageProfile,
) -> Referent:
    last = tokens[_head_end(tokens, start, end, lang) - 1]
    plural = last.lower.endswith("s") and not last.lower.endswith("ss") and last.lower not in ("us", "news")
    plural = plural or any(t.lower in ("and", "&") for t in tokens[start:end])
    whole = next((m for m in matches if m.start <= start and m.end >= end), None)
    head_match = next((m for m in matches if m.start <= end - 1 < m.end), None)
    leading = (
        head_match is not None and head_match.start > start and _only_modifiers(tokens, start, head_match.start, lang)
    )
    if whole is not None or leading:
        match = whole or head_match
        info = index.actors[match.id]
        kind = COUNTRY if info.type == COUNTRY else PERSON if info.type == PERSON else ORGANISATION
        one = match.kind == DEMONYM and info.type == COUNTRY and not plural and end == match.end == match.start + 1
        after_the = match.start > 0 and tokens[match.start - 1].lower in lang.definite_articles
        if one and after_the and index.names_one_person(tokens[match.start].lower, info.id):
            # "The Russian, the fourth seed, ...": one of the country's people, not its state;
            # "the British" are the nation
            return Referent(join(tokens[match.start : end]), PERSON, affiliations=(info.id, *index.chain(info.id, day)))
        if match.kind == DEMONYM and plural:
            kind = GROUP
            after_the = match.start > 0 and tokens[match.start - 1].lower in lang.articles
            if info.type == COUNTRY and not after_the:
                # "Russians" or "most Russians" in a poll are the people, not the state, though
                # of Russia; "the Russians" are the nation as one side, as news writes of it
                people = (info.id, *index.chain(info.id, day))
                named = join(tokens[match.start : match.end])
                return Referent(named, GROUP, plural=True, affiliations=tuple(dict.fromkeys(people)))
        return Referent(info.name, kind, info.id, info.gender, plural, affiliations=tuple(index.chain(info.id, day)))
    affiliations = [m.id for m in matches]
    for actor in list(affiliations):
        affiliations.extend(index.chain(actor, day))
    if _members_of_a_kind(tokens, start, end, lang):
        return Referent(text, GROUP, plural=True, unnamed=True)  # "Committee members said ..."
    if (
        end - start == 1
        and category(last, lang) == NAME
        and not matches
        and last.text[1:].islower()
        and not (plural and _people_noun_opening_the_sentence(tokens, start, lang))
    ):
        # one capitalised word: a surname that an earlier full name may explain ("Kirby"), or
        # a place; unknown until then, so no pronoun takes it for a person
        return Referent(last.text, UNKNOWN, surname=last.text)
    role = None
    definite = bool(tokens[start - 1 : start]) and _definite(tokens[start - 1], lang)
    if definite and _office_of_a_place(tokens, start, end, lang):
        # "the Archbishop of Canterbury": one person, named by the office alone
        return _office_holder(tokens, start, end, lang)
    if end - start > 1 and _definite(tokens[start], lang) and tokens[start].lower not in lang.articles:
        # "This government": a demonstrative inside the phrase makes it as definite as "the",
        # and its capital is the sentence's, not a name's
        definite, start = True, start + 1
    if (last.lower in lang.role_words or last.lower in lang.person_nouns) and not plural:
        kind = PERSON  # "a White House spokesman", "the billionaire": a person, unnamed
        # "the cardinal", "the prime minister": titles alone are the role; "the New York
        # billionaire" is described by all its words
        described = last.lower in lang.person_nouns and last.lower not in lang.role_words
        words = _words(tokens[start:end])
        role = (words if described else _role(tokens[start:end], lang) or words) if definite else None
    elif plural:
        kind = GROUP
    elif last.lower in lang.actor_nouns or last.lower in lang.organisation_words or category(last, lang) == NAME:
        kind = ORGANISATION
    else:
        kind = UNKNOWN
    name = text
    lowered = name.lower()
    for word in lang.articles:
        article = word + " "
        if lowered.startswith(article):
            name = name[len(article) :]
            break
    # "the Tory leader", "the Home Secretary", "the party": a definite description; not one
    # whose head is capitalised and no title ("the Scottish Executive" is a name), nor a body's
    # with a capitalised word ("the Tory party")
    capitalised = any(t.text[:1].isupper() for t in tokens[start:end])
    named_head = last.text[:1].isupper() and last.lower not in lang.person_titles
    # "controversial government plans": a body's noun with no article at all is as definite
    bare = not plural and (start == 0 or tokens[start - 1].lower not in lang.determiners)
    # "both parties", "all three candidates": those named before, whom the words do not name
    quantified = (
        plural
        and tokens[start].lower in lang.definite_quantifiers
        and not any(t.text[:1].isupper() for t in tokens[start + 1 : end])
    )
    unnamed = (
        quantified
        or (definite and not named_head and kind == PERSON)
        or (kind == ORGANISATION and not capitalised and (definite or bare))
    )
    return Referent(
        name, kind, None, None, plural, affiliations=tuple(dict.fromkeys(affiliations)), role=role, unnamed=unnamed
    )


def _office_of_a_place(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether tokens [start, end) are a capitalised title joined to a name ("Bishop of Durham",
    "Duke of Edinburgh"): an office that one person holds at a time, so the phrase names that
    person (where "the Speaker of the House", with its article, names an office of a body)."""
    link = start + 1
    if end - start < 3 or tokens[link].lower not in lang.office_links:
        return False
    title, place = tokens[start], tokens[link + 1 : end]
    is_title = title.lower in lang.person_titles or title.lower in lang.role_words
    # the place's name ends the phrase: "the Secretary of State for Culture" is one of many
    named = all(category(t, lang) == NAME and t.lower not in lang.articles for t in place)
    return is_title and title.text[:1].isupper() and named


def _office_holder(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> Referent:
    """The person an office of a place names, by the office's words ("Duke of Edinburgh"); the
    title tells the gender where it is an honorific."""
    title = tokens[start].lower
    gender = "male" if title in lang.male_honorifics else "female" if title in lang.female_honorifics else None
    return Referent(join(tokens[start:end]), PERSON, gender=gender, role=_words(tokens[start:end]))


def _members_of_a_kind(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether tokens [start, end) are members named by no more than their body's kind
    ("committee members", "party members", "members"): whose members the words do not say."""
    words = [t.lower for t in tokens[start:end] if t.lower not in lang.determiners]
    return bool(words) and words[-1] in lang.member_nouns and all(w in lang.body_kinds for w in words[:-1])


def _words(tokens: Sequence[Token]) -> str:
    """Words in lower case, without punctuation."""
    return " ".join(t.lower for t in tokens if t.text[:1].isalnum())


def _role(tokens: Sequence[Token], lang: LanguageProfile) -> str | None:
    """The role words before a person's name or of an unnamed role, in lower case: the
    punctuation of an appositive and titles such as "Mr" or "Lord" left out."""
    words = [t.lower for t in tokens if t.text[:1].isalnum() and t.lower not in lang.person_titles]
    while words and words[0] in lang.articles:
        words.pop(0)
    return " ".join(words) or None


def _definite(token: Token, lang: LanguageProfile) -> bool:
    """Whether a role phrase opened by `token` is definite ("the Tory leader"): it stands for
    one person the reader knows, not for any one ("a spokesman")."""
    return token.lower in lang.definite_articles


def _head_end(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """The end of the head of a name: before its first preposition ("the Royal College of
    Surgeons" is one college, the "House of Lords" one house) or organisation joiner (the
    "Committee to Protect Journalists" is one committee), else the phrase's end. A
    phrase in lower case keeps its last word ("a minister in the government")."""
    head = next(
        (
            k
            for k in range(start + 1, end)
            if tokens[k].lower in lang.actor_prepositions or _joins_organisation(tokens, k, lang)
        ),
        end,
    )
    return head if category(tokens[head - 1], lang) == NAME else end


def _joins_organisation(tokens: Sequence[Token], k: int, lang: LanguageProfile) -> bool:
    """'to' of "the Committee to Protect Journalists": the committee is the head."""
    return tokens[k].lower in lang.organisation_joiners and tokens[k - 1].lower in lang.organisation_words


def _only_modifiers(tokens: Sequence[Token], start: int, stop: int, lang: LanguageProfile) -> bool:
    """'the US' / 'Chinese' before a head: nothing but determiners and modifiers."""
    return all(t.lower in lang.determiners or t.lower in lang.actor_modifiers for t in tokens[start:stop])


def _people_noun_opening_the_sentence(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether the word at `start` opens its sentence (or a quote that does) and is one of the
    pack's nouns or roles for people ("Nurses said they ...", "Officials said they ..."): its
    capital is the sentence's, so it is the noun, not a name. Only the pack's lists: a word
    that names people by its ending alone may be a surname ("Sanders", "Waters")."""
    opens = start == 0 or (start == 1 and tokens[0].lower in lang.quote_marks)
    lower = tokens[start].lower
    return opens and (lower in lang.actor_nouns or lower in lang.role_words)


def pronoun_referent(word: str, lang: LanguageProfile) -> Referent:
    """What a bare pronoun tells about its referent before it is resolved."""
    kind = lang.pronoun_referents.get(word.lower())
    if kind == "male":
        return Referent(word, PERSON, gender="male")
    if kind == "female":
        return Referent(word, PERSON, gender="female")
    if kind == "plural":
        return Referent(word, GROUP, plural=True)
    if kind == "neuter":
        return Referent(word, ORGANISATION)
    return Referent(word, UNKNOWN)


def compatible(pronoun: str, referent: Referent, lang: LanguageProfile) -> bool:
    """Whether a third-person pronoun can refer to `referent`."""
    kind = lang.pronoun_agreement.get(pronoun.lower())
    if kind == "male":
        return referent.is_person and referent.gender in (None, "male") and not referent.plural
    if kind == "female":
        return referent.is_person and referent.gender in (None, "female") and not referent.plural
    if kind == "plural":
        return referent.plural or referent.kind in (GROUP, ORGANISATION)  # a country is "it", not "they"
    if kind == "neuter":
        return referent.kind in (ORGANISATION, COUNTRY) and not referent.plural
    return False
