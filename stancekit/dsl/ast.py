"""The pattern AST: what a pattern says, independent of how it is matched.

Every node carries the character span it came from in the pattern string, so that any later
stage (validation, compilation, `explain`) can point at the exact place in the rule file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) within the pattern string."""

    start: int
    end: int


@dataclass(frozen=True)
class Node:
    span: Span


@dataclass(frozen=True)
class Word(Node):
    """A bare word: matches every inflection of itself."""

    text: str


@dataclass(frozen=True)
class Literal(Node):
    """A quoted word or phrase: matches exactly these forms, ignoring case."""

    text: str


@dataclass(frozen=True)
class Regex(Node):
    """A regular expression that a whole token must match."""

    source: str
    flags: str


@dataclass(frozen=True)
class LexiconRef(Node):
    name: str


@dataclass(frozen=True)
class MacroRef(Node):
    name: str


@dataclass(frozen=True)
class Capture(Node):
    """A typed capture `{name:TYPE}`: the TYPE decides which span is taken. `tests`, written
    `{name:TYPE & test ...}`, are one-token tests the capture's head must pass: they let a rule
    refuse a span the type would take ("{actor:ACTOR & !it}")."""

    name: str
    type: str
    tests: tuple[Node, ...] = ()


@dataclass(frozen=True)
class TokenClass(Node):
    name: str


@dataclass(frozen=True)
class PhraseRef(Node):
    """`<NAME>`: one phrase of a type the rule pack defines (a noun phrase, a verb group),
    found in the sentence by the phrase stage before the rules run."""

    name: str


@dataclass(frozen=True)
class AllOf(Node):
    """`a & b`: one token that passes every part ("back & [VERB]": the word back used as a verb).

    All parts but the first are single-token tests; the first may be a lexicon with entries of
    several words, whose first token the other parts then test.
    """

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class SentenceStart(Node):
    pass


@dataclass(frozen=True)
class SentenceEnd(Node):
    pass


@dataclass(frozen=True)
class Not(Node):
    """One token that does not match `body` (a single-token test)."""

    body: Node


@dataclass(frozen=True)
class Repeat(Node):
    """`body` repeated between `min` and `max` times; `max` is always bounded."""

    body: Node
    min: int
    max: int
    explicit_max: bool = True


@dataclass(frozen=True)
class Sequence(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alternation(Node):
    options: tuple[Node, ...]


def walk(node: Node):
    """Yield `node` and all nodes below it, depth first, in pattern order."""
    yield node
    if isinstance(node, (Not, Repeat)):
        yield from walk(node.body)
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Alternation):
        for option in node.options:
            yield from walk(option)
    elif isinstance(node, AllOf):
        for part in node.parts:
            yield from walk(part)
