"""A country's name in a sports story is its team: "Scotland defended the initial thrusts".

The actor dictionary gives "Italy" the Italian state, and a bare "Wales" keys "wales"; across
a collection both would meet the government's or the nation's stances ("Scotland's sympathy
for the victims"). A story about a match says so by its words: one that holds
`SPORT_WORDS_NEEDED` different words of the profile's `sport_words` keys a country named as
an actor (by the dictionary, or by the profile's `team_nations`, nations that field teams
but are no state) as its team: "italy team", "wales team". Teams still meet one another
across sports stories; they no longer meet the state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from stancekit.engine.profile import LanguageProfile
from stancekit.findings import Finding

#: How many different sport words make a document a sports story.
SPORT_WORDS_NEEDED = 3
#: An actor type the dictionary gives a state.
_COUNTRY = "country"


def team_keys(
    findings: Sequence[Finding], words: Callable[[], frozenset[str]], profile: LanguageProfile
) -> list[Finding]:
    """One document's findings, with a country named as an actor keyed as its team when the
    document is a sports story (see the module's docstring). `words` gives the document's
    words (`discourse.story_words`), asked for only when an actor is a country."""
    teams = [_as_team(f, profile) for f in findings]
    if all(a is b for a, b in zip(teams, findings, strict=True)) or not sports_story(words(), profile):
        return list(findings)
    return teams


def sports_story(words: frozenset[str], profile: LanguageProfile) -> bool:
    """Whether a document's words hold enough different words of sport to be about a match."""
    return len(profile.sport_words & words) >= SPORT_WORDS_NEEDED


def _as_team(finding: Finding, profile: LanguageProfile) -> Finding:
    actor = finding.actor
    name = (actor.name or "").casefold()
    if actor.key is None or not name or not _names_the_country(finding, name, profile):
        return finding
    return replace(finding, actor=replace(actor, key=f"{name} team"))


def _names_the_country(finding: Finding, name: str, profile: LanguageProfile) -> bool:
    """Whether the actor is a state or a nation by its name ("Italy", "Wales", "it" resolved to
    one), not a person a demonym describes ("the Russian", "the American")."""
    actor = finding.actor
    if name in profile.team_nations:
        return True
    if actor.type != _COUNTRY:
        return False
    written = [w for w in actor.text.casefold().split() if w not in profile.articles]
    return actor.via == "pronoun" or written == name.split()
