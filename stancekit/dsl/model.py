"""What a loaded rule set is made of: rules, lexicons, macros and their examples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stancekit.dsl.ast import Node
from stancekit.dsl.errors import Location

POLARITIES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class ExpectedFinding:
    """What an example expects one finding to look like; fields left None are not compared."""

    actor: str | None = None
    topic: str | None = None
    polarity: str | None = None
    negated: bool | None = None
    hedged: bool | None = None
    quoted: bool | None = None


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
