"""Who a surname or a role stands for in its document: the key of the person the story names.

A finding's keys are made from its own words: "Mr Blair" is keyed "blair", "the prime
minister" within its document ("prime minister@politics/046"). The story they come from
usually says who that is: it names "Tony Blair" somewhere, perhaps in a headline or after a
descriptor the attribution did not take for a name ("reality television star Donald Trump"),
and gives an office to someone by name ("Prime Minister Tony Blair", "Tony Blair, the prime
minister"). A finding keyed so takes the key of that person, so that one person's findings
meet across the collection:

- a surname alone ("Blair", "Mr Blair", "Mrs. Clinton") takes the key of the one person
  whose full name, written anywhere in the document, ends with it: a first name, perhaps a
  middle name or initials, and the surname ("Hillary Rodham Clinton" and "Hillary Clinton"
  are one person, the shorter name keys both); a surname two people of the document share
  ("Bill Clinton" and "Hillary Clinton") stays as it is, unless a title or a pronoun says
  which ("Mrs. Clinton", "she"); a first name alone ("Bernie") takes the key of the one
  person whose full name opens with it;
- a role as actor or topic ("the prime minister", "the chancellor") takes the key of the one
  person the document gives that office (see `DocumentContext.office_holders`); a role the document
  gives two people, or no one, stays within its document.

The text of a finding stays as written, the evidence; only its key changes. A document that
names no full name leaves its surnames to the collection (`stancekit.keys.collection_keys`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from stancekit.engine.profile import LanguageProfile
from stancekit.findings import ActorRef, Finding
from stancekit.jurisdictions import home_country
from stancekit.keys import (
    actor_key,
    bare_key,
    name_core,
    name_key,
    rekeyed,
    rule_set_actor_ids,
    topic_name,
    uncertain_pronoun,
)
from stancekit.text.tokens import Token, tokenize

if TYPE_CHECKING:
    from stancekit.antecedents import DocumentText
    from stancekit.engine.attribution import DocumentContext

#: The actor types a surname or a role may be a person of (a place or a body is no one's surname).
_PERSON_TYPES = frozenset({"person", "unknown"})
#: How many words a name may hold between its first name and its surname ("Hillary Rodham
#: Clinton"; initials and first names are not counted).
_MIDDLE_NAMES = 1
#: How many words a line must hold to be taken for a headline written in title case.
_TITLE_CASE_WORDS = 4
#: The characters whose case folding or lower case holds an ASCII letter though they are not
#: ASCII ("\u00df" -> "ss", the Kelvin sign -> "k"): a text holding one may write an ASCII surname
#: in other letters, and is searched for its names whole.
_FOLDED_TO_ASCII = re.compile("[\u00df\u0130\u0149\u017f\u01f0\u1e96-\u1e9a\u1e9e\u212a\ufb00-\ufb06]")
_NOT_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class DocumentPeople:
    """The people one document names, asked for the key a surname or a role stands for."""

    text: DocumentText
    context: DocumentContext
    #: (role, gender) -> the key it stands for: a story calls its prime minister so many times.
    _roles: dict[tuple[str, str | None], str | None] = field(default_factory=dict, compare=False, repr=False)
    #: The people of the stretch last asked for by `around`, by where that stretch starts.
    _stretches: dict[int, DocumentPeople] = field(default_factory=dict, compare=False, repr=False)
    #: Surname -> its people (see `surname_people`), its names after unlisted first names (see
    #: `unlisted_names`), and the tokens of the stretches writing it.
    _of_surname: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict, compare=False, repr=False)
    _unlisted_of_surname: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)
    _windows: dict[str, list[list[Token]] | None] = field(default_factory=dict, compare=False, repr=False)

    def around(self, offset: int) -> DocumentPeople:
        """The people named in the stretch of the document a finding at `offset` is keyed
        from: all of it, unless the document is so long that it is read a stretch at a time
        (`DocumentText.around`); a site dumped as one document is not searched whole for
        every name in it."""
        stretch = self.text.around(offset)
        if stretch is self.text:
            return self
        found = self._stretches.get(stretch.start)
        if found is None:
            found = DocumentPeople(stretch, self.context)
            self._stretches.clear()
            self._stretches[stretch.start] = found
        return found

    @cached_property
    def headlines(self) -> _Lines:
        """The lines of the document written in title case (see `_title_case_lines`), where no
        two capitalised words run into one name."""
        return _Lines(_title_case_lines(self.text.text, self.text.start, self.text.end))

    @cached_property
    def by_surname(self) -> dict[str, dict[tuple[str, str], str]]:
        """Surname -> (first name, surname) -> the key of the shortest way the document writes
        that person's full name; made once, when a finding asks about a first name alone."""
        return _people_by_surname([self.text.tokens], self.text.text, self.headlines, self.text.compiled.profile)

    def surname_people(self, key: str) -> dict[tuple[str, str], str]:
        """`by_surname[key]`, the people of one surname, found in the stretches that write it (see
        `_name_windows`): a finding asks about one surname, and tokenising the whole document
        to find the people of every surname cost a story with few findings more than its scan."""
        found = self._of_surname.get(key)
        if found is None:
            windows = self._name_windows(key)
            if windows is None:
                found = self.by_surname.get(key, {})
            else:
                found = _people_by_surname(windows, self.text.text, self.headlines, self.text.compiled.profile)
                found = found.get(key, {})
            self._of_surname[key] = found
        return found

    def surname_key(self, key: str, gender: str | None = None) -> str | None:
        """The key of the one person of the document whose full name ends with the surname
        `key`, among those whose first name does not contradict `gender` ("Mrs. Clinton" in a
        story of Bill and Hillary Clinton is Hillary); None when none does or two people do."""
        profile = self.text.compiled.profile
        people = [
            person_key
            for (first, _), person_key in self.surname_people(key).items()
            if gender is None or _first_name_gender(first, profile) in (None, gender)
        ]
        return people[0] if len(people) == 1 else None

    @cached_property
    def by_unlisted_first_name(self) -> dict[str, set[str]]:
        """Surname -> the keys of the names the document writes with it after a capitalised
        word no list of first names holds ("Zindzi Okafor"): who a surname alone is when the
        document names no one of it with a listed first name. A title, a word for an office or
        a body, a name the actor dictionary knows, a function word or a word capitals do not
        make a name opens none ("Sen. Okafor", "Union Okafor", "Republican Okafor", "When
        Okafor")."""
        return _names_by_unlisted_first_name([self.text.tokens], self.text, self.headlines)

    def unlisted_names(self, key: str) -> set[str]:
        """`by_unlisted_first_name[key]`, found in the stretches that write the surname."""
        found = self._unlisted_of_surname.get(key)
        if found is None:
            windows = self._name_windows(key)
            if windows is None:
                found = self.by_unlisted_first_name.get(key, set())
            else:
                found = _names_by_unlisted_first_name(windows, self.text, self.headlines).get(key, set())
            self._unlisted_of_surname[key] = found
        return found

    def _name_windows(self, key: str) -> list[list[Token]] | None:
        """The tokens of each stretch of the document (or of its stretch) where a name with the
        surname `key` may be written (see `_name_window`), as `DocumentText.tokens` has them
        there; or None when they cannot be found so and the whole document's tokens are needed.
        The surname's lower case (ASCII, as `key` is) is found in the text's: unless the text
        holds a character whose case folding is ASCII but its lower case is not ("\u00df")."""
        if key in self._windows:
            return self._windows[key]
        text, lowered = self.text.text, self.context.lowered
        begin = self.text.start
        stop = len(text) if self.text.end is None else self.text.end
        if not key.isascii() or _FOLDED_TO_ASCII.search(text, begin, stop):
            self._windows[key] = None
            return None
        windows: list[list[Token]] = []
        at = lowered.find(key, begin, stop)
        while at >= 0:
            start, end = _name_window(text, at, at + len(key), begin, stop)
            # the tokenizer may look past the end ("No." before a number on the next line)
            after = _NOT_SPACE.search(text, end, stop)
            tokens = tokenize(text, start, after.end() if after else stop, self.text.compiled.profile)
            windows.append([t for t in tokens if t.start < end])
            at = lowered.find(key, end, stop)
        self._windows[key] = windows
        return windows

    def unlisted_surname_key(self, key: str) -> str | None:
        """The key of the one name the document writes with the surname `key` after a first
        name no list holds, when it writes none with a listed one; None otherwise."""
        if self.surname_people(key):
            return None
        names = self.unlisted_names(key)
        return next(iter(names)) if len(names) == 1 else None

    def first_name_key(self, key: str) -> str | None:
        """The key of the one person of the document whose full name opens with the first
        name `key` ("Bernie" in a story of Bernie Sanders); None when none does, when two
        do, or when it is some person's surname too ("Paul")."""
        if self.surname_people(key):
            return None
        people = [
            person for persons in self.by_surname.values() for (first, _), person in persons.items() if first == key
        ]
        return people[0] if len(people) == 1 else None

    def role_key(self, role: str, doc: str, gender: str | None = None) -> str | None:
        """The key of the one person the document gives the office `role` names ("the prime
        minister"), their surname resolved as a surname alone is; None when it names no
        office, or gives it to no one or to more than one."""
        if (role, gender) not in self._roles:
            compiled = self.text.compiled
            keys = set()
            role_words = tokenize(role, profile=compiled.profile)
            for holder in self.context.office_holders(role_words, self.text.start, self.text.end):
                referent = holder.referent
                person = ActorRef(holder.text, holder.char_start, holder.char_end, referent.name, referent.id)
                key = actor_key(person, compiled.profile, rule_set_actor_ids(compiled), doc=doc)
                keys.add(self.named_key(key, gender))
            if not keys:
                keys.update(self._dictionary_holders(self.context.office(role_words), gender))
            self._roles[(role, gender)] = keys.pop() if len(keys) == 1 and None not in keys else None
        return self._roles[(role, gender)]

    def _dictionary_holders(self, office: str, gender: str | None) -> set[str]:
        """The people the actor dictionary gives `office` on the document's day (at any time
        when it has none), of the country the document is about when it is about one, and
        whom the document names by one of their names: "the prime minister" of a British
        story of 2005 that names Tony Blair but never calls him so."""
        actors = self.text.compiled.actors
        if not office or not actors:
            return set()
        holders = actors.office_holders(office, self.context.day, home_country(self.text))
        if not holders:
            return set()
        named = self.named_actors
        return {
            actor_id for actor_id in holders if actor_id in named and gender in (None, actors.actors[actor_id].gender)
        }

    @cached_property
    def named_actors(self) -> frozenset[str]:
        """The ids of the actors the dictionary finds named in the document (or its stretch)."""
        tokens = self.text.tokens
        actors = self.text.compiled.actors
        return frozenset(m.id for m in actors.find(tokens, 0, len(tokens))) if actors else frozenset()

    def named_key(self, key: str | None, gender: str | None = None) -> str | None:
        """`key`, or for a surname alone the key of the one person of the document it ends."""
        if key is None or " " in key or "@" in key:
            return key
        return self.surname_key(key, gender) or key


def _name_window(text: str, start: int, end: int, begin: int, stop: int) -> tuple[int, int]:
    """The stretch of `text[begin:stop]` (start, end) holding every token a full name or a
    name pair ending with the word at `start:end` is read from (`full_name_ending_at`, the
    pairs of `DocumentPeople.by_unlisted_first_name`), cut at white space, as the text's
    tokens are: from the word holding `start` back over the words that open with a capital,
    on the same line, and one word more (a name is read back over words joined by spaces
    while they are capitalised, initials or titles, and stops at the first that is none,
    which must be seen); to the end of the word holding `end`."""
    line_start = max(begin, text.rfind("\n", 0, start) + 1)
    at = _word_start(text, start, line_start)
    while at > line_start:
        gap = at
        while gap > line_start and text[gap - 1].isspace():
            gap -= 1
        at = _word_start(text, gap, line_start)
        if not text[at].isupper():
            break  # this word is seen, and no name is read past it
    while end < stop and not text[end].isspace():
        end += 1
    return at, end


def _word_start(text: str, position: int, line_start: int) -> int:
    """Where the word holding `position` (or ending there) starts, not before `line_start`."""
    while position > line_start and not text[position - 1].isspace():
        position -= 1
    return position


def _people_by_surname(
    stretches: Sequence[Sequence[Token]], text: str, headlines: _Lines, profile: LanguageProfile
) -> dict[str, dict[tuple[str, str], str]]:
    """`DocumentPeople.by_surname` of the full names written in `stretches` (token sequences of
    `text`, each cut at white space; a name is not read from one into the next)."""
    found: dict[str, dict[tuple[str, str], str]] = {}
    for tokens in stretches:
        for k in range(1, len(tokens)):
            if headlines.hold(tokens[k].start):
                continue
            written = full_name_ending_at(tokens, k, text, profile)
            core = name_core(written, profile) if written else None
            if not core or len(core) < 2:
                continue
            person = (core[0], core[-1])
            key = " ".join(core)
            known = found.setdefault(core[-1], {}).get(person)
            if known is None or (len(key.split()), key) < (len(known.split()), known):
                found[core[-1]][person] = key
    return found


def _names_by_unlisted_first_name(
    stretches: Sequence[Sequence[Token]], document: DocumentText, headlines: _Lines
) -> dict[str, set[str]]:
    """`DocumentPeople.by_unlisted_first_name` of the names written in `stretches`."""
    profile = document.compiled.profile
    known = rule_set_actor_ids(document.compiled)
    found: dict[str, set[str]] = {}
    text = document.text
    for tokens in stretches:
        for k in range(1, len(tokens)):
            first, surname = tokens[k - 1], tokens[k]
            if not (_capitalised(first.text) and _capitalised(surname.text)) or not _joined(first, surname, text):
                continue
            if not _unlisted_opener(first.text, profile) or not _name_word(surname.text, profile):
                continue
            if first.lower in known or surname.lower in known:
                continue  # "Republican Okafor", "Paris Okafor": a party's or a place's word
            if headlines.hold(first.start):
                continue  # "Senator Slams Rival": a headline in title case runs no words into a name
            found.setdefault(surname.lower, set()).add(f"{first.lower} {surname.lower}")
    return found


def full_name_ending_at(tokens: Sequence[Token], k: int, text: str, profile: LanguageProfile) -> str | None:
    """The full name of a person whose surname is token k, as written: a capitalised word
    after a known first name, with up to `_MIDDLE_NAMES` capitalised words and any initials
    between ("Donald J. Trump", "Hillary Rodham Clinton"), on one line. The nearest first name
    before the surname opens the name, and any first names written just before it with it
    ("Donald John Trump"); None when no first name comes before it so."""
    surname = tokens[k].text
    if not _capitalised(surname) or surname.isupper() or _is_title(surname, profile) or _not_a_name(surname, profile):
        return None
    first = None
    middles = 0
    j = k - 1
    while j >= 0 and _joined(tokens[j], tokens[j + 1], text):
        word = tokens[j].text
        if not _initial(word):
            if not _capitalised(word) or _is_title(word, profile):
                break
            if profile.is_first_name(word.casefold()):
                first = j
                break
            middles += 1
            if middles > _MIDDLE_NAMES:
                break
        j -= 1
    if first is None:
        return None
    while first > 0 and _joined(tokens[first - 1], tokens[first], text) and _first_name(tokens[first - 1], profile):
        first -= 1
    return text[tokens[first].start : tokens[k].end]


def _title_case_lines(text: str, begin: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the lines of `text[begin:end]` written in title case are ("Senator Slams Rival
    Over Tax Plan"): every word of more than three letters capitalised, four words or more. A
    headline so written runs names into the words around them, and the story repeats its
    names below it."""
    found = []
    start = begin
    for line in text[begin:end].split("\n"):
        words = [word for word in line.split() if len(word) > 3 and word[:1].isalpha()]
        if len(line.split()) >= _TITLE_CASE_WORDS and words and all(word[:1].isupper() for word in words):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _first_name_gender(first: str, profile: LanguageProfile) -> str | None:
    """ "male" or "female" for a first name of one list only; None for one of both or neither."""
    male, female = first in profile.male_names, first in profile.female_names
    return "male" if male and not female else "female" if female and not male else None


def written_gender(text: str, profile: LanguageProfile) -> str | None:
    """The gender the words of an actor say: an honorific ("Mrs. Clinton", "Mr Blair") or a
    pronoun ("she", "his"); None when they say none."""
    words = text.split()
    first = words[0].casefold() if words else ""
    if first in profile.male_honorifics:
        return "male"
    if first in profile.female_honorifics:
        return "female"
    if len(words) != 1:
        return None
    agreement = profile.pronoun_agreement.get(profile.possessive_subjects.get(first, first))
    return agreement if agreement in ("male", "female") else None


def _not_a_name(word: str, profile: LanguageProfile) -> bool:
    """Whether a capitalised word is a function word or a word capitals do not make a name."""
    return word.casefold() in profile.function_words or word in profile.capitalised_non_names


class _Lines:
    """Lines of a text as (start, end) offsets in text order, asked whether they hold an
    offset by bisection: a document's every capitalised word is asked."""

    def __init__(self, lines: Sequence[tuple[int, int]]) -> None:
        self.lines = lines
        self.starts = [start for start, _ in lines]

    def hold(self, offset: int) -> bool:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line >= 0 and offset < self.lines[line][1]


def _name_word(word: str, profile: LanguageProfile) -> bool:
    """Whether a capitalised word may be a part of a person's name: no title, role, actor
    noun or word for a body, no function word or word capitals do not make a name, and not in
    capitals throughout."""
    folded = word.casefold()
    return not (
        word.isupper()
        or _is_title(word, profile)
        or _not_a_name(word, profile)
        or folded in profile.role_words
        or folded in profile.actor_nouns
        or folded in profile.organisation_words
    )


def _unlisted_opener(word: str, profile: LanguageProfile) -> bool:
    """Whether a capitalised word may open a person's name though no list of first names holds
    it (a listed one opens the names `DocumentPeople.by_surname` knows): no negation, determiner
    or participle opening a sentence ("Neither Alan", "Assuming Principals agree")."""
    folded = word.casefold()
    return (
        _name_word(word, profile)
        and not profile.is_first_name(folded)
        and folded not in profile.negations
        and folded not in profile.determiners
        and not folded.endswith(tuple(profile.non_name_suffixes))
    )


def _first_name(token: Token, profile: LanguageProfile) -> bool:
    return _capitalised(token.text) and profile.is_first_name(token.lower)


def _capitalised(word: str) -> bool:
    """A word written as a name: a capital, then letters (a hyphen or an apostrophe inside)."""
    return (
        len(word) > 1 and word[0].isupper() and word[-1].isalpha() and word.replace("-", "").replace("'", "").isalpha()
    )


def _initial(word: str) -> bool:
    """A middle initial or two ("J.", "H.W.")."""
    letters = word.replace(".", "")
    return 0 < len(letters) <= 2 and letters.isalpha() and letters.isupper() and (len(letters) == 1 or "." in word)


def _is_title(word: str, profile: LanguageProfile) -> bool:
    return profile.is_person_title(word)


def _joined(before: Token, after: Token, text: str) -> bool:
    """Whether two tokens are words of one name: only spaces between them, on one line."""
    between = text[before.end : after.start]
    return between.isspace() and "\n" not in between


def people_keys(findings: Sequence[Finding], people: DocumentPeople) -> list[Finding]:
    """One document's findings with a surname alone or a role as key turned into the key of the
    person the document names (see the module's docstring)."""
    return [_with_people_keys(f, people.around(f.actor.start)) for f in findings]


def _with_people_keys(finding: Finding, people: DocumentPeople) -> Finding:
    return rekeyed(finding, _actor_person_key(finding, people), _topic_person_key(finding, people))


def _actor_person_key(finding: Finding, people: DocumentPeople) -> str | None:
    actor, key = finding.actor, finding.actor.key
    profile = people.text.compiled.profile
    if key is None or actor.id or actor.name is None or actor.type not in _PERSON_TYPES:
        return None
    if uncertain_pronoun(finding, profile):
        return None  # "his" may be anyone's of the sentence: the story names no one by it
    if "@" in key:
        if actor.type != "person" or _indefinite(actor.text, profile) or _indefinite(actor.name, profile):
            return None  # "a judge" may be another judge than the one the story names
        return people.role_key(actor.name, finding.doc, written_gender(actor.text, profile))
    return _surname_key(key, actor.name, actor.text, people)


def _one_of_several(name: str, text: str, profile: LanguageProfile) -> bool:
    """Whether a name opens a list of people ("Bush and Cruz", "Mike and Bob Bryan"): the
    phrase is about them all, not the one person a key could name."""
    after = text[len(name) :].split() if text.startswith(name) else []
    return bool(after) and after[0].casefold() in profile.coordinators


def _definite_role(text: str, key: str, profile: LanguageProfile) -> bool:
    """Whether a topic opens with a definite article and then the role its key names, as
    written ("the president to resign"); "his minister", "the judges" and "delegates" name
    someone else or many."""
    words = [word.casefold() for word in text.split()]
    role = bare_key(key).split()
    return bool(words) and words[0] in profile.definite_articles and words[1 : 1 + len(role)] == role


def _indefinite(name: str, profile: LanguageProfile) -> bool:
    first = name.split()[0].casefold() if name.split() else ""
    return first in profile.articles and first not in profile.definite_articles


def _topic_person_key(finding: Finding, people: DocumentPeople) -> str | None:
    topic, key, profile = finding.topic, finding.topic.key, people.text.compiled.profile
    if key is None or topic.id:
        return None
    if "@" in key:  # "accused the prime minister": the person given the office, as an actor is
        return people.role_key(bare_key(key), finding.doc) if _definite_role(topic.text, key, profile) else None
    written = topic_name(topic, profile)
    return _surname_key(key, written, topic.text, people) if written else None


def _surname_key(key: str, name: str, text: str, people: DocumentPeople) -> str | None:
    """The person's key for a key that is a surname alone, written as a name; `text`, as
    written, may say the person's gender."""
    profile = people.text.compiled.profile
    if " " in key or name_key(name, profile) != key or _one_of_several(name, text, profile):
        return None
    named = people.surname_key(key, written_gender(text, profile)) or people.unlisted_surname_key(key)
    opening = text.split()[0].casefold() if text.split() else ""
    if named is not None or not profile.is_first_name(key) or opening in profile.determiners | profile.articles:
        return named  # "the Bill" is no one's first name
    return people.first_name_key(key)
