"""A capital outside political news is the city: "Berlin celebrates European cinema".

The actor dictionary gives "Berlin" the German government, as news of politics uses it
("Berlin welcomed the decision"). A film festival, a marathon or a concert named by its city
is no government's: in a document that holds fewer than `POLITICAL_WORDS_NEEDED` different
words of the profile's `political_words` (the list the `discourse` rule option reads), an
actor named by a metonym of the dictionary is keyed by the name as written ("berlin"), not
by the country's id. A metonym written with an article ("the White House", "the Kremlin") is
a seat of government, which no film festival is named by: it keeps the country's id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from stancekit.compiler.dictionaries import METONYM, ActorIndex
from stancekit.engine.profile import LanguageProfile
from stancekit.findings import Finding
from stancekit.text.tokens import tokenize

#: How many different political words make a document one of political news.
POLITICAL_WORDS_NEEDED = 3


def city_keys(
    findings: Sequence[Finding], words: Callable[[], frozenset[str]], index: ActorIndex, profile: LanguageProfile
) -> list[Finding]:
    """One document's findings, with an actor named by a metonym keyed by its own name when
    the document is no political news (see the module's docstring). `words` gives the
    document's words (`discourse.story_words`), asked for only when an actor is such a name."""
    if not findings or not index:
        return list(findings)
    named = [_as_named(f, index, profile) for f in findings]
    if all(a is b for a, b in zip(named, findings, strict=True)) or political_news(words(), profile):
        return list(findings)
    return named


def political_news(words: frozenset[str], profile: LanguageProfile) -> bool:
    """Whether a document's words hold enough different political words to be political news."""
    return len(profile.political_words & words) >= POLITICAL_WORDS_NEEDED


def _as_named(finding: Finding, index: ActorIndex, profile: LanguageProfile) -> Finding:
    actor = finding.actor
    if actor.id is None or actor.via != "dictionary":
        return finding
    tokens = tokenize(actor.text, profile=profile)
    if not tokens or tokens[0].lower in profile.articles:
        return finding  # "the White House", "the Kremlin": a seat of government, not a city
    matches = index.find(tokens, 0, len(tokens))
    whole = len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(tokens)
    if not whole or matches[0].kind != METONYM:
        return finding
    return replace(finding, actor=replace(actor, key=" ".join(t.lower for t in tokens)))
