"""Where an issue is decided: unemployment in Brazil is not unemployment in Britain.

The topic dictionary counts "reduce unemployment" and "end youth unemployment" under one
issue, and within one country's politics that is what a reader wants. Across a collection of
stories from several countries it merges what no reader would: Lula's promise about Brazil's
jobless and a British chancellor's about Britain's, Italian tax cuts and Tory ones. An issue
that each country decides for itself (the language profile's `key_domestic_topics`, with the
narrower entries under them, and a measure the dictionary counts under one: "council tax")
is therefore keyed with the place it is decided in, after a slash: "jobs/BRA",
"tax_cuts/ITA", "council tax/GBR". The place is

- the country (or the union of countries) the topic phrase names by name before its head,
  as a modifier or a possessor ("Italy's tax cuts", "US tax policy", "EU economic
  policies"), when its document is not about that country's politics anyway (a people's word
  names where they come from as often: "Syrian refugees");
- else the country its document is about: the one the actor dictionary finds named in it,
  by a country's names or by the parties and bodies that belong to it, at least twice and at
  least twice as often as any other.

A measure one country aims at another (the profile's `key_targeted_topics`: sanctions,
tariffs) is told apart by its target instead, the one country its phrase names anywhere: the
embargo on Cuba is "sanctions/CUB", the China embargo "sanctions/CHN".

Where neither says, the key stays as it was: a story that names no country is as likely to be
about one as about the other, and the key says which only as far as the text does.

A country's government, as actor or as topic, is keyed as the country, as its capital is
(the profile's `key_government_nouns`): "the Irish government" and "India's government" by
the country they name, "the government" by the country its document is about. Where the
document is about no one country, "the government" stays within its document.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from stancekit.compiler.dictionaries import DEMONYM
from stancekit.findings import Finding, TopicRef
from stancekit.keys import bare_key, measure_key, rekeyed, rule_set_actor_ids, uncertain_pronoun
from stancekit.text.tokens import POSSESSIVE_MARKS, Token, tokenize

if TYPE_CHECKING:
    from stancekit.antecedents import DocumentText
    from stancekit.compiler.ruleset import CompiledRuleSet

#: The actor dictionary's types for an organisation ("EU", "UN") and a person.
_ORGANISATION, _PERSON = "organisation", "person"
#: How much more often than any other a document must name a country to be about it.
_DOMINANCE = 2
#: Between an issue's key and the place it is decided in.
SEPARATOR = "/"


def jurisdiction_keys(findings: Sequence[Finding], document: DocumentText) -> list[Finding]:
    """One document's findings with each domestic issue keyed with the place it is decided in
    and each government keyed as its country (see the module's docstring); other findings as
    they are."""
    places = _places_of(document)
    return [_home_named(_governments_placed(_placed(f, places), places), places) for f in findings]


def _home_named(finding: Finding, places: _Places) -> Finding:
    """`finding` with an actor or topic named by a name that names an actor only at home
    ("Labour" in a story about Britain, the actor dictionary's `home_names`) keyed as that
    actor; elsewhere the name is an ordinary word or another country's party."""
    compiled = places.compiled
    home_names = compiled.actors.home_names if compiled.actors else {}
    if not home_names:
        return finding
    actor, topic = finding.actor, finding.topic
    actor_key = None if actor.id or actor.key is None else _at_home(actor.name, home_names, places)
    if actor_key is not None and uncertain_pronoun(finding, compiled.profile, rule_set_actor_ids(compiled)):
        actor_key = None  # "we" whose resolution is uncertain stays within its document
    topic_key = None if topic.id else _at_home(topic.name or topic.text, home_names, places)
    return rekeyed(finding, actor_key, topic_key)


def _at_home(name: str | None, home_names: dict[str, list[tuple[str, str]]], places: _Places) -> str | None:
    """The actor a name written as `name` (a leading article aside) names in this document."""
    words = (name or "").split()
    if words and words[0].casefold() in places.compiled.profile.articles:
        words = words[1:]
    found = home_names.get(" ".join(words))
    if not found:
        return None
    return next((actor_id for actor_id, country in found if country == places.home), None)


def _governments_placed(finding: Finding, places: _Places) -> Finding:
    actor, topic = finding.actor, finding.topic
    actor_place = None if actor.id or actor.key is None else _government_of(actor.key, actor.text, places)
    topic_place = None if topic.id or topic.key is None else _government_of(topic.key, topic.text, places)
    return rekeyed(finding, actor_place, topic_place)


def _government_of(key: str, written: str, places: _Places) -> str | None:
    """The country a key names the government of, as the phrase is `written`: the one named
    before the government noun ("the Irish government", "India's government", "the US
    government"), or the document's country for the noun after a definite article ("the
    government", "this government"). None for any other key, and where the phrase as written
    does not say whose government it is: a pronoun ("it", "that"), a government named by what
    is no country ("the Blair government") or indefinitely ("a government"), or the noun alone
    (its possessor may stand outside the phrase: "the island's government")."""
    compiled = places.compiled
    profile = compiled.profile
    governments = profile.key_government_nouns
    if bare_key(key).rpartition(" ")[2] not in governments:
        return None
    tokens = tokenize(written, profile=profile)
    end = next((k for k, t in enumerate(tokens) if t.lower in governments), 0)
    if end == 0:
        return None
    before = [t for t in tokens[:end] if t.lower not in POSSESSIVE_MARKS]
    if not before:
        return None
    if len(before) == 1 and before[0].lower in profile.definite_articles:
        return places.home
    if before[0].lower in profile.definite_articles:
        before = before[1:]
    found = compiled.actors.find(before, 0, len(before)) if compiled.actors else []
    covered = sum(m.end - m.start for m in found)
    countries = {compiled.actors.country_of(m.id) for m in found}
    return countries.pop() if covered == len(before) and len(countries) == 1 else None


def _placed(finding: Finding, places: _Places) -> Finding:
    key, compiled = finding.topic.key or "", places.compiled
    measure = bool(key) and key == measure_key(finding.topic, compiled)  # "council tax" of taxation
    entry = finding.topic.id if measure else key
    if _listed(entry, compiled.profile.key_domestic_topics, compiled):
        place = places.of_topic(finding.topic)
    elif _listed(entry, compiled.profile.key_targeted_topics, compiled):
        place = _target(finding.topic.text, compiled)
    else:
        return finding
    if place is None:
        return finding
    return replace(finding, topic=replace(finding.topic, key=f"{key}{SEPARATOR}{place}"))


def _listed(key: str | None, listed: frozenset[str], compiled: CompiledRuleSet) -> bool:
    """Whether a key is a topic dictionary id that `listed` holds, or an entry under one."""
    topics = compiled.topics
    if not key or key not in topics.topics:
        return False
    return any(entry in listed for entry in (key, topics.concept(key), *topics.ancestors(key)))


def _target(phrase: str, compiled: CompiledRuleSet) -> str | None:
    """The country a measure aimed at one names, by any of its names and anywhere in its
    phrase ("the trade embargo on Cuba", "the China embargo", "tariffs on Chinese steel"), or
    None when it names none or several."""
    tokens = tokenize(phrase, profile=compiled.profile)
    named = {place for place in _places_named(tokens, compiled) if place is not None}
    return named.pop() if len(named) == 1 else None


def home_country(document: DocumentText) -> str | None:
    """The country a document is about (see the module's docstring), or None."""
    return _places_of(document).home


def _places_of(document: DocumentText) -> _Places:
    """The places of a document, made once for it: the people's pass asks for its country
    before the places' pass keys its findings."""
    found = document.memo.get(_Places)
    if not isinstance(found, _Places):
        found = document.memo[_Places] = _Places(document)
    return found


class _Places:
    """The places one document names, worked out when a domestic issue first asks."""

    def __init__(self, document: DocumentText) -> None:
        #: Held weakly: the document keeps these places in its memo, and a reference back
        #: would make the two a cycle that only the cycle collector frees.
        self.document = weakref.ref(document)
        self.compiled = document.compiled

    @cached_property
    def home(self) -> str | None:
        """The country the document is about (see the module's docstring), or None."""
        tokens = self.document().lead.tokens  # asked while the document holds these places
        counts = Counter(place for place in _places_named(tokens, self.compiled) if place is not None)
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2:
            return None
        second = ranked[1][1] if len(ranked) > 1 else 0
        return ranked[0][0] if ranked[0][1] >= _DOMINANCE * second else None

    def of_topic(self, topic: TopicRef) -> str | None:
        """The place a topic's issue is decided in: the one its phrase names before its head,
        else the document's country."""
        named = _named_before_head(topic.text, self.compiled)
        if named and self.home not in named:
            return named[0]
        return self.home


def _places_named(tokens: Sequence[Token], compiled: CompiledRuleSet) -> list[str | None]:
    """The country each actor dictionary name in `tokens` is or belongs to; None for a name of
    no country."""
    actors = compiled.actors
    if not actors or not tokens:
        return []
    found = actors.find(tokens, 0, len(tokens))
    # a person's offices are dated: whether one held them on the story's day, the story says
    return [actors.country_of(m.id) for m in found if actors.actors[m.id].type != _PERSON]


def _named_before_head(phrase: str, compiled: CompiledRuleSet) -> list[str]:
    """The countries (and unions of them) a topic phrase names by name before the end of its
    head, where a name says whose the issue is ("Italy's tax cuts", "UK policy on
    immigration", "EU economic policies"), not in a complement or an adjunct ("immigration to
    the UK" is the UK's own, as its document says). A people's word names where people come
    from as often as whose the issue is ("Syrian refugees") and is left out."""
    profile = compiled.profile
    tokens = tokenize(phrase, profile=profile)
    stops = profile.key_cut_words | profile.key_complement_links | profile.relative_pronouns
    end = next((k for k in range(1, len(tokens)) if tokens[k].lower in stops), len(tokens))
    actors = compiled.actors
    found = actors.find(tokens, 0, end) if actors and tokens else []
    places = [compiled.actors.country_of(m.id) or _union(m.id, compiled) for m in found if m.kind != DEMONYM]
    return [place for place in places if place is not None]


def _union(actor_id: str, compiled: CompiledRuleSet) -> str | None:
    """An organisation that belongs to no country, named where a country would be ("EU
    economic policies"): its policies are its own, not its members'; None for any other actor."""
    info = compiled.actors.actors.get(actor_id)
    independent = info is not None and info.type == _ORGANISATION and not compiled.actors.chain(actor_id, None)
    return actor_id if independent else None
