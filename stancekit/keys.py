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
and middle initials, in lower case ("Sen. Tim M. Kaine" -> "tim kaine"); None for an actor
nothing resolved.

Keys are made twice, on purpose. The scan gives each finding its keys as its document shows
them, so that its output streams: no finding waits for the rest of the collection. The
commands that read a whole collection (track, report, export, suggest) then merge across it
with `collection_keys`: a surname alone becomes the full name that ends with it when exactly
one full name in the collection does ("Kaine" -> "tim kaine"), and a topic named like an
actor with a dictionary id takes that id. The words every step looks for come from the
language profile (`key_*` slots, with determiners, possessives and relative pronouns).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from stancekit.engine.profile import LanguageProfile, default_profile
from stancekit.findings import ActorRef, Finding, TopicRef
from stancekit.tagging import Tagger, default_tagger, lemma
from stancekit.text.tokens import tokenize

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledRuleSet

#: The possessive endings the tokenizer splits off a word ("company" "'s").
_POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
#: Tags of the words of a noun phrase's core after its first word.
_MODIFIER_TAGS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "X"})


def name_core(name: str, profile: LanguageProfile) -> tuple[str, ...] | None:
    """The words that identify a name written as one (every word capitalised, titles and
    initials dropped, in lower case), or None when `name` is not written as a name."""
    from stancekit.tracking.names import name_core as core

    words = name.split()
    while words and words[0].casefold() in profile.articles:
        words.pop(0)
    return core(" ".join(words), profile) if words else None


def name_key(name: str, profile: LanguageProfile, actor_ids: Mapping[str, str] | None = None) -> str | None:
    """The key an actor named `name` gets: its dictionary id, or its name's core; None when
    `name` is not written as a name."""
    known = _known_id(name, profile, actor_ids)
    if known is not None:
        return known
    core = name_core(name, profile)
    return " ".join(core) if core else None


def _known_id(name: str, profile: LanguageProfile, actor_ids: Mapping[str, str] | None) -> str | None:
    if not actor_ids:
        return None
    words = name.split()
    while words and words[0].casefold() in profile.articles:
        words.pop(0)
    return actor_ids.get(" ".join(words).casefold())


def actor_key(actor: ActorRef, profile: LanguageProfile, actor_ids: Mapping[str, str] | None = None) -> str | None:
    """The key of a finding's actor (see the module's docstring); None when it is unresolved."""
    if actor.id:
        return actor.id
    if actor.name is None:
        return None
    return name_key(actor.name, profile, actor_ids) or phrase_key(actor.name, profile)


def topic_key(
    topic: TopicRef,
    profile: LanguageProfile,
    actor_ids: Mapping[str, str] | None = None,
    tagger: Tagger | None = None,
) -> str:
    """The key of a finding's topic (see the module's docstring); never empty."""
    if topic.id:
        return topic.id
    written = topic_name(topic, profile, tagger)
    if written is not None:
        return name_key(written, profile, actor_ids) or " ".join(written.casefold().split())
    return phrase_key(topic.text, profile, tagger)


def topic_name(topic: TopicRef, profile: LanguageProfile, tagger: Tagger | None = None) -> str | None:
    """The name of the actor a topic is, as written: its whole name or text when written as
    a name ("Mrs. Clinton"), or the core of its phrase when that is a name ("Mr Brown of
    ducking the question" is about Mr Brown); None for a topic that is no actor."""
    for written in (topic.name, topic.text):
        if written and name_core(written, profile):
            return written
    words = [t.text for t in tokenize(topic.text, profile=profile)]
    if not words or not words[0][:1].isupper():
        return None
    tags = (tagger or default_tagger()).tag(words)
    core = " ".join(word for word, _ in _core_words(list(zip(words, tags, strict=True)), profile))
    return core if core and name_core(core, profile) else None


def phrase_key(phrase: str, profile: LanguageProfile, tagger: Tagger | None = None) -> str:
    """The core of a noun or verb phrase in lower case, its head lemmatised; the phrase in
    lower case when nothing is left of it."""
    words = [t.text for t in tokenize(phrase, profile=profile)]
    if not words:
        return " ".join(phrase.casefold().split())
    tags = (tagger or default_tagger()).tag(words)
    pairs = _core_words(list(zip(words, tags, strict=True)), profile)
    if not pairs:
        return " ".join(w.casefold() for w in words)
    return " ".join(_lemmatised(pairs))


def _core_words(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """What is left of (word, tag) pairs after the reductions, in order: a noun phrase's words
    up to its head, or a verb and the core of its object."""
    while True:
        reduced = _without_frame(_without_opening(pairs, profile), profile)
        if reduced == pairs:
            break
        pairs = reduced
    if pairs and pairs[0][1] == "VERB":
        rest = pairs[1:]
        if rest and rest[0][1] == "ADP" and rest[0][0].casefold() not in profile.key_cut_words:
            return pairs[:2] + _core_words(rest[1:], profile)  # a particle: "write off debt"
        return pairs[:1] + _core_words(rest, profile)
    pairs = pairs[: _core_end(pairs, profile)]
    if len(pairs) > 1 and pairs[-1][0].casefold() in profile.key_kind_nouns:
        pairs = pairs[:-1]
    return pairs


def _without_opening(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """`pairs` without leading determiners, possessive pronouns, openers and a possessor
    ("the company's effort" -> "effort")."""
    dropped = profile.determiners | profile.possessive_pronouns | profile.key_dropped_openers
    start = 0
    while start < len(pairs) and pairs[start][0].casefold() in dropped:
        start += 1
    for k in range(start, min(_core_end(pairs[start:], profile) + start + 1, len(pairs) - 1)):
        if pairs[k][0].casefold() in _POSSESSIVE_MARKS:
            return _without_opening(pairs[k + 1 :], profile)
    return pairs[start:]


def _without_frame(pairs: list[tuple[str, str]], profile: LanguageProfile) -> list[tuple[str, str]]:
    """`pairs` without a leading frame ("calls for", "plans to") when something follows it."""
    folded = tuple(word.casefold() for word, _ in pairs)
    for frame in profile.key_frames:
        if len(folded) > len(frame) and folded[: len(frame)] == frame:
            return pairs[len(frame) :]
    return pairs


def _core_end(pairs: Sequence[tuple[str, str]], profile: LanguageProfile) -> int:
    """Where a noun phrase's core ends: at the first word after its first that is no noun,
    adjective or number (a verb, a pronoun, a preposition), or is a cut word, relative pronoun,
    coordinator or punctuation."""
    stops = profile.key_cut_words | profile.relative_pronouns | profile.coordinators
    for k in range(1, len(pairs)):
        word, tag = pairs[k]
        if word.casefold() in stops or not word[:1].isalnum() or tag not in _MODIFIER_TAGS:
            return k
    return len(pairs)


def _lemmatised(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """The words in lower case, verbs and the head (the last word) lemmatised."""
    words = [word.casefold() for word, _ in pairs]
    for k, (word, tag) in enumerate(pairs):
        if tag == "VERB":
            words[k] = lemma(word, "VERB").casefold()
    word, tag = pairs[-1]
    if tag != "VERB":
        words[-1] = lemma(word, "NOUN").casefold()
    return words


def with_keys(
    finding: Finding,
    profile: LanguageProfile | None = None,
    actor_ids: Mapping[str, str] | None = None,
) -> Finding:
    """`finding` with its actor's and its topic's key set as its own text shows them."""
    lang = profile or default_profile()
    return replace(
        finding,
        actor=replace(finding.actor, key=actor_key(finding.actor, lang, actor_ids)),
        topic=replace(finding.topic, key=topic_key(finding.topic, lang, actor_ids)),
    )


def collection_keys(findings: Iterable[Finding], profile: LanguageProfile | None = None) -> list[Finding]:
    """`findings` with keys merged across them: a surname alone is the full name that ends
    with it when exactly one full name in the collection does, and a name some actor of the
    collection has a dictionary id for takes that id. Findings read from a file written
    before keys existed get theirs here."""
    from stancekit.tracking.names import Named, merge_names

    lang = profile or default_profile()
    findings = list(findings)
    ids = _collection_actor_ids(findings, lang)
    keyed = [f if f.topic.key is not None else with_keys(f, lang, ids) for f in findings]
    written = [(_plain_name(f.actor), None if f.topic.id else topic_name(f.topic, lang)) for f in keyed]
    merges = merge_names(
        (Named(name.casefold(), name) for pair in written for name in pair if name and name_core(name, lang)), lang
    ).merged

    def merged_key(name: str | None, key: str | None) -> str | None:
        if not name or key is None or name_key(name, lang) != key:
            return _known_id(name, lang, ids) or key if name and key == name_key(name, lang) else key
        full = merges.get(name.casefold())
        return name_key(full.name if full else name, lang, ids) or key

    return [
        replace(
            f,
            actor=replace(f.actor, key=merged_key(actor_name, f.actor.key)),
            topic=replace(f.topic, key=merged_key(topic_written, f.topic.key)),
        )
        for f, (actor_name, topic_written) in zip(keyed, written, strict=True)
    ]


def _plain_name(actor: ActorRef) -> str | None:
    """An actor's name when no dictionary named it (only such names are merged)."""
    return None if actor.id else actor.name


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


def keyed_by_rules(finding: Finding, compiled: CompiledRuleSet) -> Finding:
    """`finding` with its keys, named by the rule set's language profile and actor dictionary."""
    return with_keys(finding, compiled.profile, _rule_set_actor_ids(compiled))


#: id(rule set) -> (rule set, its actor names -> ids); the rule set is kept so that its id is not reused.
_ACTOR_IDS: dict[int, tuple[CompiledRuleSet, dict[str, str]]] = {}


def _rule_set_actor_ids(compiled: CompiledRuleSet) -> dict[str, str]:
    found = _ACTOR_IDS.get(id(compiled))
    if found is None or found[0] is not compiled:
        names = {actor_id: info.name for actor_id, info in compiled.actors.actors.items()}
        found = _ACTOR_IDS[id(compiled)] = (compiled, dictionary_actor_ids(names))
    return found[1]
