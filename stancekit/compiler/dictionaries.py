"""Actor and topic dictionaries compiled into lookup tables the scan can use directly.

Names become token sequences in comparison form, indexed by their first token, so finding the
dictionary names inside a mention is a dictionary lookup per token. Names written in capitals
("US", "WHO") match only in capitals. Topic aliases match every inflection of their last word
("ceasefire" also matches "ceasefires"). Everything here is plain data and pickles with the
compiled rule set.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from stancekit.compiler.inflect import head_forms, plurals
from stancekit.dsl.dictionary_files import topic_regex
from stancekit.dsl.model import ActorEntry, TopicEntry
from stancekit.text.tokens import Token, split_words, tokenize

ALIAS, DEMONYM, METONYM = "alias", "demonym", "metonym"


@dataclass(frozen=True)
class ActorInfo:
    """What the scan needs to know of a dictionary actor."""

    id: str
    name: str
    type: str
    gender: str | None
    links: tuple[tuple[str, str | None, date | None, date | None], ...]  # (id, role, from, to)


@dataclass(frozen=True)
class NameMatch:
    """A dictionary name found in a run of tokens: tokens [start, end) name actor `id`."""

    id: str
    start: int
    end: int
    kind: str


@dataclass
class ActorIndex:
    """Dictionary names by first token; actors by id."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    # first token (comparison form) -> [(tokens as written, comparison forms, exact case, actor id, kind)],
    # longest first
    names: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], bool, str, str]]] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    #: A name as written that names an actor only in a story about its country -> (actor id, country).
    home_names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: (one-word demonym in lower case, actor id) where the demonym is a noun for one of the
    #: actor's people (see `names_one_person`), worked out when the index is compiled, which
    #: inflects words anyway: a scan need not load the inflection tables for it.
    one_person_demonyms: frozenset[tuple[str, str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.actors)

    def find(self, tokens: Sequence[Token], start: int, end: int) -> list[NameMatch]:
        """Dictionary names inside tokens [start, end), longest and leftmost first, not overlapping."""
        found: list[NameMatch] = []
        i = start
        while i < end:
            hit = self._longest_at(tokens, i, end)
            if hit is None:
                i += 1
                continue
            found.append(hit)
            i = hit.end
        return found

    def _longest_at(self, tokens: Sequence[Token], i: int, end: int) -> NameMatch | None:
        token = tokens[i]
        candidates = self.names.get(token.lower, ())
        for written, lowered, exact, actor_id, kind in candidates:
            stop = i + len(written)
            if stop > end:
                continue
            words, attribute = (written, "text") if exact else (lowered, "lower")
            if all(getattr(tokens[i + k], attribute) == w for k, w in enumerate(words)):
                return NameMatch(actor_id, i, stop, kind)
        return None

    def demonym_of(self, word: str) -> str | None:
        """The actor a one-word demonym (in lower case) names the people of, or None."""
        for _written, lowered, _exact, actor_id, kind in self.names.get(word, ()):
            if kind == DEMONYM and lowered == (word,):
                return actor_id
        return None

    def names_one_person(self, word: str, actor_id: str) -> bool:
        """Whether a one-word demonym of `actor_id` (in lower case) is a noun for one of its
        people ("a Russian", "the Spaniard"): the dictionary lists its plural as a demonym of
        the same actor ("Russians", "Spaniards"). One listed without a plural ("British",
        "Swiss") names the people as a whole after "the"."""
        return (word, actor_id) in self.one_person_demonyms

    def _demonyms_naming_one_person(self) -> frozenset[tuple[str, str]]:
        """`one_person_demonyms`, from the names and the inflection tables."""
        return frozenset(
            (lowered[0], actor_id)
            for rows in self.names.values()
            for _written, lowered, _exact, actor_id, kind in rows
            if kind == DEMONYM
            and len(lowered) == 1
            and any(self.demonym_of(form) == actor_id for form in plurals(lowered[0]))
        )

    def office_holders(self, office: str, day: date | None, of: str | None = None) -> list[str]:
        """The people the dictionary gives the office `office` (in lower case: "prime
        minister") on `day`, or at any time when `day` is None, of the actor `of` (a country)
        or of any, in dictionary order."""
        return [
            info.id
            for info in self.actors.values()
            if info.type == "person"
            and any(
                (role or "").casefold() == office and of in (None, target) and _holds(start, stop, day)
                for target, role, start, stop in info.links
            )
        ]

    def country_of(self, actor_id: str) -> str | None:
        """The country an actor is ("GBR") or belongs to at any time ("the Tories", "the Bank
        of England"), or None."""
        for candidate in (actor_id, *self.chain(actor_id, None)):
            info = self.actors.get(candidate)
            if info is not None and info.type == "country":
                return candidate
        return None

    def chain(self, actor_id: str, day: date | None) -> list[str]:
        """The ids an actor belongs to on `day`, nearest first: a spokesman's council, its country."""
        seen: list[str] = []
        frontier = [actor_id]
        while frontier:
            current = frontier.pop(0)
            info = self.actors.get(current)
            if info is None:
                continue
            for target, _role, start, stop in info.links:
                if _holds(start, stop, day) and target not in seen and target != actor_id:
                    seen.append(target)
                    frontier.append(target)
        return seen


def _holds(start: date | None, stop: date | None, day: date | None) -> bool:
    """Whether a link from `start` to `stop` (either open) holds on `day`; any link holds on
    a day no one knows."""
    return day is None or ((start is None or start <= day) and (stop is None or day <= stop))


def compile_actor_index(entries: Iterable[ActorEntry], titles: Iterable[str] = ()) -> ActorIndex:
    index = ActorIndex(titles=frozenset(w.lower() for t in titles for w in split_words(t)))
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], bool, str, str]]] = {}
    kept: list[ActorEntry] = []
    for entry in entries:
        if entry.id in index.actors:
            continue
        kept.append(entry)
        index.actors[entry.id] = ActorInfo(
            entry.id,
            entry.name,
            entry.type,
            entry.gender,
            tuple((a.id, a.role, a.start, a.end) for a in entry.affiliations),
        )
        for names, kind in ((entry.aliases, ALIAS), (entry.demonyms, DEMONYM), (entry.metonyms, METONYM)):
            for name in names:
                exact = name.isupper() and any(c.isalpha() for c in name)
                _add_name(table, name, exact, entry.id, kind)
        _add_name(table, entry.name, False, entry.id, ALIAS)
    for entry in kept:
        country = index.country_of(entry.id)
        for name in entry.home_names if country is not None else ():
            index.home_names.setdefault(name, []).append((entry.id, country))
    for first, rows in table.items():
        unique = list(dict.fromkeys(rows))
        index.names[first] = sorted(unique, key=lambda r: -len(r[0]))
    index.one_person_demonyms = index._demonyms_naming_one_person()
    return index


def _add_name(table: dict, name: str, exact: bool, actor_id: str, kind: str) -> None:
    tokens = tokenize(name)
    if len(tokens) > 1 and tokens[0].lower == "the":
        tokens = tokens[1:]
    if tokens:
        row = (tuple(t.text for t in tokens), tuple(t.lower for t in tokens), exact, actor_id, kind)
        table.setdefault(tokens[0].lower, []).append(row)


@dataclass(frozen=True)
class TopicMatch:
    """A topic dictionary entry found in a topic span: tokens [start, end) match entry `id`,
    through an alias or through the regex `pattern` (its source)."""

    id: str
    start: int
    end: int
    pattern: str | None = None

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class TopicIndex:
    """Topic aliases by first token, regex patterns, topics by id, and the agreement of the
    entries that are concepts."""

    topics: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # id -> (name, parent)
    phrases: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = field(default_factory=dict)
    patterns: list[tuple[object, str]] = field(default_factory=list)
    #: entry id -> "agree" or "disagree": the entries that are concepts or list statements of one
    agreements: dict[str, str] = field(default_factory=dict)
    #: entry id -> the id of the concept its statements are about, for entries with `concept`
    concept_of: dict[str, str] = field(default_factory=dict)

    def concept(self, entry_id: str) -> str:
        """The concept an entry's match is counted under: the entry it names, else itself."""
        return self.concept_of.get(entry_id, entry_id)

    def __bool__(self) -> bool:
        return bool(self.topics)

    def find(self, tokens: Sequence[Token], text: str) -> str | None:
        """The id of the topic named in a topic span: the entry of the longest match."""
        best = self.longest(self.matches(tokens, text))
        return best.id if best is not None else None

    def matches(self, tokens: Sequence[Token], text: str, only: frozenset[str] | None = None) -> list[TopicMatch]:
        """Every alias match (the longest at each token) and every pattern match in a topic span:
        `tokens` and `text` start at the same character; `only` keeps those entries."""
        found = self._alias_matches(tokens, only)
        base = tokens[0].start if tokens else 0
        for regex, topic_id in self.patterns:
            if only is not None and topic_id not in only:
                continue
            for hit in regex.finditer(text):
                span = _tokens_within(tokens, base + hit.start(), base + hit.end())
                if span is not None:
                    found.append(TopicMatch(topic_id, *span, regex.pattern))
        return found

    def _alias_matches(self, tokens: Sequence[Token], only: frozenset[str] | None) -> list[TopicMatch]:
        found = []
        for i, token in enumerate(tokens):
            for words, topic_id in self.phrases.get(token.lower, ()):
                if only is not None and topic_id not in only:
                    continue
                stop = i + len(words)
                if stop <= len(tokens) and all(tokens[i + k].lower in forms for k, forms in enumerate(words)):
                    found.append(TopicMatch(topic_id, i, stop))
                    break
        return found

    @staticmethod
    def longest(matches: Sequence[TopicMatch]) -> TopicMatch | None:
        """The most specific match: the one over most tokens, aliases and patterns alike; on a
        tie an alias before a pattern, then the leftmost, then the first pattern written."""
        return min(matches, key=_specificity) if matches else None

    def distinct(self, matches: Sequence[TopicMatch]) -> list[TopicMatch]:
        """The matches that do not overlap a longer one (see `longest`), in text order."""
        kept: list[TopicMatch] = []
        # The spans kept, ordered by (start, end): kept spans do not overlap, so their ends are
        # in order too, and the only one that can overlap a new span is the last kept one that
        # starts before the new one ends. A document's matches are then kept in n log n steps.
        spans: list[tuple[int, int]] = []
        for match in sorted(matches, key=_specificity):
            before_end = bisect.bisect_left(spans, (match.end, -1))
            if before_end and spans[before_end - 1][1] > match.start:
                continue
            bisect.insort(spans, (match.start, match.end))
            kept.append(match)
        return sorted(kept, key=lambda m: m.start)

    def names_with(self, entry_id: str, word: str) -> bool:
        """Whether an alias of the entry, or of an entry counted under it, holds `word` (its last
        word in any inflection): the kind of thing the word names is what the entry is."""
        return any(
            self.concept(entry) == entry_id and any(word in forms for forms in words)
            for rows in self.phrases.values()
            for words, entry in rows
        )

    def ancestors(self, topic_id: str) -> list[str]:
        seen: list[str] = []
        parent = self.topics.get(topic_id, ("", None))[1]
        while parent and parent not in seen and parent in self.topics:
            seen.append(parent)
            parent = self.topics[parent][1]
        return seen


def _specificity(match: TopicMatch) -> tuple[int, bool, int]:
    """Sorts the most specific topic match first: most tokens, then an alias, then leftmost."""
    return (-match.size, match.pattern is not None, match.start)


def _tokens_within(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span [start, end) touches, as [first, last + 1), or None when empty.
    Tokens are in text order, so both ends are found by bisection: a pattern found many times
    over a whole document does not read every token each time."""
    first = bisect.bisect_right(tokens, start, key=lambda t: t.end)
    stop = bisect.bisect_left(tokens, end, key=lambda t: t.start)
    return (first, stop) if first < stop else None


def compile_topic_index(entries: Iterable[TopicEntry]) -> TopicIndex:
    index = TopicIndex()
    table: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for entry in entries:
        if entry.id in index.topics:
            continue
        index.topics[entry.id] = (entry.name, entry.parent)
        if entry.agreement is not None or entry.concept is not None:
            index.agreements[entry.id] = entry.agreement or "agree"
        if entry.concept is not None:
            index.concept_of[entry.id] = entry.concept
        for alias in (*entry.aliases, entry.name):
            words = split_words(alias)
            if not words:
                continue
            forms = [frozenset({w}) for w in words[:-1]] + [head_forms(words[-1]) | {words[-1]}]
            for first in forms[0]:
                table.setdefault(first, []).append((tuple(forms), entry.id))
        for pattern in entry.patterns:
            index.patterns.append((topic_regex(pattern), entry.id))
    for first, rows in table.items():
        index.phrases[first] = sorted(dict.fromkeys(rows), key=lambda r: -len(r[0]))
    for concept in index.concept_of.values():
        index.agreements.setdefault(concept, "agree")  # a concept others list statements of is one
    return index
