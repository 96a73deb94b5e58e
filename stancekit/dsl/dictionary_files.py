"""Actor and topic dictionaries: reading them from rule-pack YAML and checking them as a whole.

A dictionary is a rule file with an `actors:` or `topics:` list (and optionally `titles:`, extra
title words such as "spokesman" that sit between an institution and a person's name). They
load with the rules, from the same folders, or from files given with `--actors`/`--topics`;
their problems are reported like rule problems, at file:line:col with a hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from stancekit.dsl import codes
from stancekit.dsl.errors import Diagnostic, Location, did_you_mean
from stancekit.dsl.model import ActorEntry, Affiliation, TopicEntry
from stancekit.dsl.yamlsource import LocatedDict, LocatedList

ACTOR_KEYS = (
    "id",
    "name",
    "type",
    "aliases",
    "demonyms",
    "metonyms",
    "home_names",
    "parent",
    "affiliations",
    "gender",
    "description",
    "extend",
    "override",
)
AFFILIATION_KEYS = ("id", "role", "from", "to")
TOPIC_KEYS = (
    "id",
    "name",
    "aliases",
    "patterns",
    "parent",
    "agreement",
    "concept",
    "description",
    "extend",
    "override",
)
#: How an entry may change the entry of its id loaded before it (a bundled one): `extend` adds
#: its names, patterns and links and replaces the fields it gives; `override` replaces it whole.
MERGES = ("extend", "override")
#: What a concept entry's matches state about the concept: `disagree` reverses the finding's side.
AGREEMENTS = ("agree", "disagree")
GENDERS = ("male", "female")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_YEAR_RE = re.compile(r"^\d{4}$")

Report = Callable[[Diagnostic], None]


class DictionaryReader:
    """Reads the dictionary sections of one file, reporting every problem through `report`."""

    def __init__(self, report: Report, display: str):
        self.report = report
        self.display = display

    def error(self, code: codes.Code, message: str, location: Location | None, hint: str | None = None) -> None:
        self.report(code.diagnostic(message, location, hint))

    def _keys(self, mapping: LocatedDict, allowed: tuple[str, ...], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    codes.UNKNOWN_KEY,
                    f"unknown {what} key '{key}'",
                    mapping.key_locations.get(key),
                    did_you_mean(key, allowed) or f"allowed: {', '.join(allowed)}",
                )

    def _text(self, mapping: LocatedDict, key: str, required: bool, owner: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(codes.MISSING_KEY, f"{owner} has no '{key}'", mapping.location, f"add '{key}: ...'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(codes.WRONG_TYPE, f"'{key}' must be a text", mapping.key_locations.get(key))
            return None
        return " ".join(value.split())

    def _names(self, mapping: LocatedDict, key: str) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(
                codes.WRONG_TYPE,
                f"'{key}' must be a list of names",
                mapping.key_locations.get(key),
                f"write {key}: [First name, Second name]",
            )
            return ()
        names = []
        locations = getattr(value, "item_locations", [mapping.key_locations.get(key)] * len(value))
        for item, location in zip(value, locations, strict=True):
            if not isinstance(item, str) or not item.strip():
                self.error(codes.BAD_ENTRY, f"'{key}' has an empty or non-text entry", location)
                continue
            names.append(" ".join(item.split()))
        return tuple(names)

    def _date(self, mapping: LocatedDict, key: str) -> date | None:
        value = mapping.get(key)
        if value is None:
            return None
        text = str(value).strip()
        try:
            if _YEAR_RE.match(text):
                return date(int(text), 1, 1) if key == "from" else date(int(text), 12, 31)
            return date.fromisoformat(text)
        except ValueError:
            self.error(
                codes.BAD_DATE,
                f"'{key}' must be a date such as 2012-11-15, not '{text}'",
                mapping.key_locations.get(key),
                "write the date as YYYY-MM-DD (or just the year)",
            )
            return None

    def read_actors(self, data: LocatedDict) -> tuple[ActorEntry, ...]:
        section = data.get("actors")
        if section is None:
            return ()
        if not isinstance(section, LocatedList):
            self.error(
                codes.WRONG_TYPE,
                "'actors' must be a list of actors",
                data.key_locations.get("actors"),
                "write 'actors:' then '- id: ...' items",
            )
            return ()
        actors = []
        for item, location in zip(section, section.item_locations, strict=True):
            if not isinstance(item, LocatedDict):
                self.error(codes.WRONG_TYPE, "an actor must be a mapping with 'id', 'name' and 'type'", location)
                continue
            actor = self._actor(item)
            if actor is not None:
                actors.append(actor)
        return tuple(actors)

    def _actor(self, item: LocatedDict) -> ActorEntry | None:
        self._keys(item, ACTOR_KEYS, "actor")
        merge = self._merge(item)
        actor_id = self._text(item, "id", True, "actor")
        owner = f"actor {actor_id}" if actor_id else "actor"
        name = self._text(item, "name", merge != "extend", owner)
        kind = self._text(item, "type", merge != "extend", owner)
        if actor_id is not None and not ID_RE.match(actor_id):
            self.error(
                codes.BAD_ID,
                f"actor id '{actor_id}' is not valid",
                item.key_locations.get("id"),
            )
            actor_id = None
        gender = item.get("gender")
        if gender is not None and gender not in GENDERS:
            self.error(
                codes.BAD_GENDER,
                f"gender must be male or female, not '{gender}'",
                item.key_locations.get("gender"),
                did_you_mean(str(gender), GENDERS),
            )
            gender = None
        affiliations = list(self._affiliations(item))
        parent = item.get("parent")
        if parent is not None:
            if isinstance(parent, str):
                affiliations.insert(0, Affiliation(parent.strip(), None, None, None, item.key_locations.get("parent")))
            else:
                self.error(
                    codes.WRONG_TYPE, "'parent' must be the id of another actor", item.key_locations.get("parent")
                )
        if actor_id is None or ((name is None or kind is None) and merge != "extend"):
            return None
        return ActorEntry(
            id=actor_id,
            name=name or "",
            type=kind or "",
            aliases=self._names(item, "aliases"),
            demonyms=self._names(item, "demonyms"),
            metonyms=self._names(item, "metonyms"),
            home_names=self._names(item, "home_names"),
            affiliations=tuple(affiliations),
            gender=gender,
            location=item.location,
            file=self.display,
            merge=merge,
        )

    def _merge(self, item: LocatedDict) -> str | None:
        """'extend' or 'override' when the entry says `extend: true` or `override: true`."""
        given = [key for key in MERGES if item.get(key) is not None]
        for key in given:
            if not isinstance(item.get(key), bool):
                self.error(codes.WRONG_TYPE, f"'{key}' must be true or false", item.key_locations.get(key))
                return None
        chosen = [key for key in given if item.get(key)]
        if len(chosen) > 1:
            self.error(
                codes.WRONG_TYPE,
                "an entry either extends or overrides the entry of its id, not both",
                item.key_locations.get("override"),
                "keep 'extend: true' to add names, or 'override: true' to replace the entry",
            )
            return None
        return chosen[0] if chosen else None

    def _affiliations(self, item: LocatedDict) -> Iterable[Affiliation]:
        value = item.get("affiliations")
        if value is None:
            return
        if not isinstance(value, LocatedList):
            self.error(
                codes.WRONG_TYPE,
                "'affiliations' must be a list such as [{id: CHN, role: leader, from: 2012-11-15}]",
                item.key_locations.get("affiliations"),
            )
            return
        for entry, location in zip(value, value.item_locations, strict=True):
            if isinstance(entry, str):
                yield Affiliation(entry.strip(), location=location)
                continue
            if not isinstance(entry, LocatedDict):
                self.error(codes.WRONG_TYPE, "an affiliation must be an actor id or a mapping with 'id'", location)
                continue
            self._keys(entry, AFFILIATION_KEYS, "affiliation")
            target = self._text(entry, "id", True, "affiliation")
            start, end = self._date(entry, "from"), self._date(entry, "to")
            if start and end and end < start:
                self.error(
                    codes.BAD_DATE,
                    "the affiliation ends before it starts",
                    entry.key_locations.get("to"),
                    "swap 'from' and 'to'",
                )
            if target:
                yield Affiliation(target, self._text(entry, "role", False, "affiliation"), start, end, location)

    def read_topics(self, data: LocatedDict) -> tuple[TopicEntry, ...]:
        section = data.get("topics")
        if section is None:
            return ()
        if not isinstance(section, LocatedList):
            self.error(
                codes.WRONG_TYPE,
                "'topics' must be a list of topics",
                data.key_locations.get("topics"),
                "write 'topics:' then '- id: ...' items",
            )
            return ()
        topics = []
        for item, location in zip(section, section.item_locations, strict=True):
            if not isinstance(item, LocatedDict):
                self.error(codes.WRONG_TYPE, "a topic must be a mapping with 'id', 'name' and 'aliases'", location)
                continue
            self._keys(item, TOPIC_KEYS, "topic")
            merge = self._merge(item)
            topic_id = self._text(item, "id", True, "topic")
            name = self._text(item, "name", merge != "extend", f"topic {topic_id}" if topic_id else "topic")
            patterns = self._names(item, "patterns")
            for pattern in patterns:
                problem = regex_problem(pattern)
                if problem:
                    self.error(
                        codes.BAD_TOPIC_PATTERN,
                        f"topic pattern {pattern!r} is not a valid regular expression: {problem}",
                        item.key_locations.get("patterns"),
                    )
            parent = self._text(item, "parent", False, "topic")
            if topic_id and (name or merge == "extend"):
                topics.append(
                    TopicEntry(
                        topic_id,
                        name or "",
                        self._names(item, "aliases"),
                        patterns,
                        parent,
                        item.location,
                        self.display,
                        self._agreement(item),
                        self._text(item, "concept", False, "topic"),
                        merge,
                    )
                )
        return tuple(topics)

    def _agreement(self, item: LocatedDict) -> str | None:
        """The `agreement` of a concept entry, or None for a plain topic (or a wrong value, reported)."""
        value = item.get("agreement")
        if value is None:
            return None
        if value not in AGREEMENTS:
            self.error(
                codes.BAD_TOPIC_AGREEMENT,
                f"agreement must be agree or disagree, not '{value}'",
                item.key_locations.get("agreement"),
                did_you_mean(str(value), AGREEMENTS),
            )
            return None
        return value

    def read_titles(self, data: LocatedDict) -> tuple[str, ...]:
        if "titles" not in data:
            return ()
        return self._names(data, "titles")


def regex_problem(pattern: str) -> str | None:
    """Why a topic pattern (`/regex/flags` or a bare regex) does not compile, or None."""
    try:
        topic_regex(pattern)
    except re.error as exc:
        return str(exc)
    return None


def topic_regex(pattern: str) -> re.Pattern:
    """A topic pattern as a compiled regex: `/cease-?fires?/` or `cease-?fires?`, case-insensitive
    unless written `/.../` without the `i` flag and with capitals."""
    if pattern.startswith("/") and pattern.rfind("/") > 0:
        body, flags = pattern[1 : pattern.rfind("/")], pattern[pattern.rfind("/") + 1 :]
        return re.compile(body, re.IGNORECASE if "i" in flags or body == body.lower() else 0)
    return re.compile(pattern, re.IGNORECASE)


def merged_actors(actors: Iterable[ActorEntry]) -> tuple[ActorEntry, ...]:
    """The actors in load order, each entry that extends or overrides an earlier one of its id
    folded into it (in the earlier one's place); one with no earlier entry is kept as written,
    for `check_dictionaries` to report."""
    return _merged(actors, _extended_actor)


def merged_topics(topics: Iterable[TopicEntry]) -> tuple[TopicEntry, ...]:
    """The topics in load order, merged as `merged_actors` merges actors."""
    return _merged(topics, _extended_topic)


def _merged(entries: Iterable[Any], extend: Callable[[Any, Any], Any]) -> tuple[Any, ...]:
    kept: list[Any] = []
    position: dict[str, int] = {}
    for entry in entries:
        at = position.get(entry.id)
        if entry.merge is None or at is None:
            position.setdefault(entry.id, len(kept))
            kept.append(entry)
        elif entry.merge == "override":
            kept[at] = replace(entry, merge=None)
        else:
            kept[at] = extend(kept[at], entry)
    return tuple(kept)


def _added(first: tuple[Any, ...], more: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys((*first, *more)))


def _extended_actor(base: ActorEntry, extra: ActorEntry) -> ActorEntry:
    """`base` with the names and links of `extra` added, and the fields `extra` gives replaced."""
    return replace(
        base,
        name=extra.name or base.name,
        type=extra.type or base.type,
        gender=extra.gender or base.gender,
        aliases=_added(base.aliases, extra.aliases),
        demonyms=_added(base.demonyms, extra.demonyms),
        metonyms=_added(base.metonyms, extra.metonyms),
        home_names=_added(base.home_names, extra.home_names),
        affiliations=_added(base.affiliations, extra.affiliations),
    )


def _extended_topic(base: TopicEntry, extra: TopicEntry) -> TopicEntry:
    """`base` with the aliases and patterns of `extra` added, and the fields `extra` gives replaced."""
    return replace(
        base,
        name=extra.name or base.name,
        aliases=_added(base.aliases, extra.aliases),
        patterns=_added(base.patterns, extra.patterns),
        parent=extra.parent or base.parent,
        agreement=extra.agreement or base.agreement,
        concept=extra.concept or base.concept,
    )


def _unmerged(entries: Iterable[Any], what: str, code: codes.Code) -> Iterable[Diagnostic]:
    """An entry left to extend or override no earlier entry: its id is mistyped, or the
    dictionary it changes is not loaded before it."""
    for entry in entries:
        if entry.merge is not None:
            yield code.diagnostic(
                f"{what} '{entry.id}' has '{entry.merge}: true' but no {what} with that id is loaded before it",
                entry.location,
                f"fix the id, or remove '{entry.merge}: true' to add a new {what}",
            )


def check_dictionaries(actors: Iterable[ActorEntry], topics: Iterable[TopicEntry]) -> list[Diagnostic]:
    """Problems only the whole set of dictionaries shows: duplicate ids, dangling links, cycles,
    and one name given to two actors."""
    actors, topics = merged_actors(actors), merged_topics(topics)
    found: list[Diagnostic] = [
        *_unmerged(actors, "actor", codes.UNKNOWN_ACTOR_ID),
        *_unmerged(topics, "topic", codes.UNKNOWN_TOPIC_ID),
    ]
    by_id: dict[str, ActorEntry] = {}
    for actor in actors:
        if actor.id in by_id:
            first = by_id[actor.id]
            found.append(
                codes.DUPLICATE_ACTOR_ID.diagnostic(
                    f"actor id '{actor.id}' is already used",
                    actor.location,
                    (
                        f"the first is in {first.file}:{first.location.line}; "
                        "write 'extend: true' to add names to it, or 'override: true' to replace it"
                    )
                    if first.location
                    else None,
                )
            )
            continue
        by_id[actor.id] = actor
    names: dict[str, ActorEntry] = {}
    for actor in by_id.values():
        for link in actor.affiliations:
            if link.id not in by_id:
                found.append(
                    codes.UNKNOWN_ACTOR_ID.diagnostic(
                        f"actor {actor.id} is linked to unknown actor '{link.id}'",
                        link.location or actor.location,
                        did_you_mean(link.id, by_id) or "define that actor, or fix the id",
                    )
                )
        for name in (*actor.aliases, *actor.demonyms, *actor.metonyms):
            key = name if name.isupper() else name.casefold()
            other = names.get(key)
            if other is not None and other.id != actor.id:
                found.append(
                    codes.SHARED_ACTOR_NAME.diagnostic(
                        f"'{name}' names both {other.id} and {actor.id}; it is read as {other.id}",
                        actor.location,
                    )
                )
            names.setdefault(key, actor)
    links = {a.id: [link.id for link in a.affiliations] for a in by_id.values()}
    cyclic = {a for a in links if _in_cycle(a, links)}
    for actor in by_id.values():
        # one report per cycle, at its member with the smallest id
        if actor.id in cyclic and actor.id == min((_reachable(actor.id, links) & cyclic) | {actor.id}):
            found.append(
                codes.AFFILIATION_CYCLE.diagnostic(
                    f"actor {actor.id} belongs, through its links, to itself",
                    actor.location,
                )
            )
    topic_ids: dict[str, TopicEntry] = {}
    for topic in topics:
        if topic.id in topic_ids:
            found.append(codes.DUPLICATE_TOPIC_ID.diagnostic(f"topic id '{topic.id}' is already used", topic.location))
        topic_ids.setdefault(topic.id, topic)
    for topic in topic_ids.values():
        if topic.parent is not None and topic.parent not in topic_ids:
            found.append(
                codes.UNKNOWN_TOPIC_ID.diagnostic(
                    f"topic {topic.id} has unknown parent '{topic.parent}'",
                    topic.location,
                    did_you_mean(topic.parent, topic_ids) or "define that topic, or fix the id",
                )
            )
    found.extend(_unknown_concepts(topic_ids))
    for topic in topic_ids.values():
        if _in_cycle(topic.id, {t.id: [t.parent] if t.parent else [] for t in topic_ids.values()}):
            found.append(
                codes.TOPIC_CYCLE.diagnostic(
                    f"topic {topic.id} is its own ancestor",
                    topic.location,
                )
            )
    return found


def _unknown_concepts(topics: dict[str, TopicEntry]) -> Iterable[Diagnostic]:
    """A `concept` link must name another topic entry: the concept its statements are about."""
    for topic in topics.values():
        if topic.concept is not None and (topic.concept not in topics or topic.concept == topic.id):
            yield codes.UNKNOWN_TOPIC_ID.diagnostic(
                f"topic {topic.id} names unknown concept '{topic.concept}'",
                topic.location,
                did_you_mean(topic.concept, topics) or "give the id of the entry that is the concept",
            )


def _reachable(start: str, links: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(links.get(start, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(links.get(current, ()))
    return seen


def _in_cycle(start: str, links: dict[str, list[str]]) -> bool:
    seen: set[str] = set()
    stack = list(links.get(start, ()))
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(links.get(current, ()))
    return False
