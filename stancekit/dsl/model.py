"""What a loaded rule set is made of: rules, lexicons, macros, their examples, and the actor
and topic dictionaries that name what the rules find."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from stancekit.dsl.ast import Node
from stancekit.dsl.errors import Location
from stancekit.findings import DEFAULT_KIND

if TYPE_CHECKING:
    from stancekit.dsl.language import LanguageSetting
    from stancekit.dsl.option_settings import OptionSetting

POLARITIES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class ExpectedFinding:
    """What an example or a test expects one finding to look like; fields left None are not
    compared. `rule` (written only in test files) says which rule must give it."""

    actor: str | None = None
    topic: str | None = None
    polarity: str | None = None
    kind: str | None = None
    negated: bool | None = None
    hedged: bool | None = None
    quoted: bool | None = None
    rule: str | None = None
    #: Where `rule` is written, to report an unknown rule id.
    rule_location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Example:
    """A text a rule must handle: `expect` lists the findings the rule must produce from it.

    A counter-example expects none. `todo` marks a known failure that does not fail a run.
    """

    text: str
    expect: tuple[ExpectedFinding, ...]
    location: Location
    counter: bool = False
    todo: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """A named list of words and phrases; bare entries match every inflection of their first word."""

    name: str
    entries: tuple[str, ...]
    inflect: bool
    location: Location
    file: str
    #: Language slots whose entries come first (`include: [language.negations]`), already in `entries`.
    includes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Macro:
    """A named pattern fragment, expanded wherever `$NAME` appears.

    `tree` is None for a macro whose pattern does not parse: its name stays known, so a use of
    it is not reported again as undefined.
    """

    name: str
    pattern: str
    tree: Node | None
    location: Location
    file: str


@dataclass(frozen=True)
class PhraseExample:
    """A text and the phrases of one type the phrase stage must find in it, in text order
    (none, for a counter-example)."""

    text: str
    expect: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class PhraseType:
    """A phrase type of the phrase stage (`<NP>`, `{x:NP}` in patterns): a pattern over tags and
    words, and which of its tokens is the head.

    The head is the last token of a phrase that passes `head` (a one-token test such as
    "[NOUN] | [PROPN]"), or the phrase's last token when none does or `head` is not given.
    """

    name: str
    pattern: str
    tree: Node | None
    location: Location
    file: str
    head: str | None = None
    head_tree: Node | None = None
    description: str = ""
    examples: tuple[PhraseExample, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One stance rule: a pattern and the polarity it yields."""

    id: str
    pattern: str
    tree: Node
    polarity: str
    file: str
    line: int
    location: Location
    description: str = ""
    examples: tuple[Example, ...] = ()
    priority: int = 0
    tags: tuple[str, ...] = ()
    #: Where the rule's id is written (its value), if it has one.
    id_location: Location | None = None
    #: The rule's `options:` as written, by option name (see `stancekit.dsl.option_settings`).
    options: Mapping[str, OptionSetting] = field(default_factory=dict)
    #: What the rule reads as the sign of the stance: one of `stancekit.findings.KINDS`.
    kind: str = DEFAULT_KIND
    #: A pattern read at the cue of each match (`unless:`): where it matches, the cue's words
    #: are read in another sense ("agreed a deal") and the match gives no finding.
    unless: str | None = None
    unless_tree: Node | None = None


@dataclass(frozen=True)
class RuleFile:
    """One loaded rule file. `imports` are the keys of the files it imports.

    `rejected` holds rules left out for a mistake (such as a bad polarity) whose pattern still
    parsed, so that their patterns are checked and their names count as used. `misplaced` maps
    a name defined under a misspelt top-level key (such as `lexicon:`) to that key and where it is.
    """

    key: str
    path: Path
    display: str
    imports: tuple[str, ...]
    lexicons: Mapping[str, Lexicon]
    macros: Mapping[str, Macro]
    rules: tuple[Rule, ...]
    content: str
    rejected: tuple[Rule, ...] = ()
    misplaced: Mapping[str, tuple[str, Location]] = field(default_factory=dict)
    actors: tuple[ActorEntry, ...] = ()
    topics: tuple[TopicEntry, ...] = ()
    titles: tuple[str, ...] = ()
    #: Phrase types in the order the file defines them: a phrase may use those above it.
    phrases: Mapping[str, PhraseType] = field(default_factory=dict)
    #: The part-of-speech tagger the file's patterns are written for (`tagger:`), and where it is named.
    tagger: str | None = None
    tagger_location: Location | None = None
    #: The file's `language:` settings by slot (see `stancekit.dsl.language`).
    language: Mapping[str, LanguageSetting] = field(default_factory=dict)
    #: The file's `options:`: the default of each option for its rules.
    options: Mapping[str, OptionSetting] = field(default_factory=dict)


@dataclass(frozen=True)
class Affiliation:
    """A link from an actor to the body it belongs to, optionally bounded in time.

    "Xi Jinping leads China from 2012-11-15" is `Affiliation("CHN", "leader", date(2012, 11, 15))`.
    """

    id: str
    role: str | None = None
    start: date | None = None
    end: date | None = None
    location: Location | None = None

    def holds_on(self, day: date | None) -> bool:
        """Whether the link holds on `day` (always, when the day is not known)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One actor of an actor dictionary: a canonical id and the names news uses for it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    gender: str | None = None
    location: Location | None = None
    file: str = ""
    #: Names that name the actor only in a story about its country, written as here ("Labour"):
    #: elsewhere they are ordinary words or another country's actor.
    home_names: tuple[str, ...] = ()
    #: "extend" or "override" when the entry changes an entry loaded before it with its id.
    merge: str | None = None


@dataclass(frozen=True)
class TopicEntry:
    """One topic of a topic dictionary; `parent` rolls it up into a broader topic.

    An entry that states its `agreement` ("agree" or "disagree") is a concept, as discourse
    network coders use the word: a proposition its matches agree or disagree with. An entry
    with `concept` (another entry's id) lists statements about that concept instead: its
    matches are counted under that entry's id and name."""

    id: str
    name: str
    aliases: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    parent: str | None = None
    location: Location | None = None
    file: str = ""
    agreement: str | None = None
    concept: str | None = None
    #: "extend" or "override" when the entry changes an entry loaded before it with its id.
    merge: str | None = None
