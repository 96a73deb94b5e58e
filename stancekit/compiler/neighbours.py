"""Neighbours: pairs of words a match must hold close together, found from the pattern.

`triggers.requirements` says which words a sentence must hold somewhere for a rule to match;
this says where two of them must stand. Between two top-level elements of a pattern that
begin and end with known words ("(and | but | yet) $PRE @support") only elements of bounded
length can stand, and each token they consume passes a test known from the pattern (here:
an auxiliary, a negation or an adverb). A sentence where no word of the left element is
followed, within that distance and across such tokens only, by a word of the right element
cannot match, and the matcher does not try the rule on it. This never changes a finding:
every match holds each such pair by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.compiler.inflect import inflections
from stancekit.compiler.program import FORMS, SPLIT, entry_lengths, lexicon_table, min_tokens, token_test, uses_tags
from stancekit.dsl import ast
from stancekit.dsl.validate import ExpandedMacro, ResolvedLexicon, is_tag
from stancekit.text.tokens import split_words

#: A gap test that no token needs to pass: the gap may hold anything.
ANY = None


@dataclass(frozen=True)
class Neighbours:
    """A word of `left`, then `low` to `high` tokens that each pass `gap` (a token test as
    `compiler.program.token_test` builds them; None: any token), then a word of `right`."""

    left: frozenset[str]
    gap: tuple | None
    low: int
    high: int
    right: frozenset[str]


def neighbours(tree: ast.Node) -> tuple[Neighbours, ...]:
    """The neighbour pairs every match of a pattern holds: for each top-level element that
    starts with a known word, the nearest element to its left that ends with one, when what
    stands between them is bounded."""
    while isinstance(tree, ExpandedMacro):
        tree = tree.body
    if not isinstance(tree, ast.Sequence):
        return ()
    items = tree.items
    found: list[Neighbours] = []
    for b, item in enumerate(items):
        right = first_words(item)
        if right is None or min_tokens(item) < 1:
            continue
        pair = _left_of(items, b, right)
        if pair is not None:
            found.append(pair)
    return tuple(found)


def _left_of(items: Sequence[ast.Node], b: int, right: frozenset[str]) -> Neighbours | None:
    low = high = 0
    tests: list[tuple] = []
    anything = False
    for a in range(b - 1, -1, -1):
        left = last_words(items[a])
        if left is not None and min_tokens(items[a]) >= 1:
            return Neighbours(left, ANY if anything else _union(tests), low, high, right)
        most = max_tokens(items[a])
        if most is None:
            return None
        low += min_tokens(items[a])
        high += most
        consumed = consumed_tests(items[a])
        if consumed is None:
            anything = True
        else:
            tests.extend(consumed)
    return None


def _union(tests: list[tuple]) -> tuple:
    words: set[str] = set()
    others: list[tuple] = []
    for test in tests:
        if test[0] == FORMS:
            words |= test[1]
        elif test not in others:
            others.append(test)
    return (SPLIT, ((FORMS, frozenset(words)), *others) if words else tuple(others))


def _words(node: ast.Node) -> list[str]:
    return split_words(node.text)


def first_words(node: ast.Node) -> frozenset[str] | None:
    """Lower-case forms one of which is the first token of every match of `node` that
    consumes a token; None when unknown."""
    if isinstance(node, ExpandedMacro):
        return first_words(node.body)
    if isinstance(node, ast.Word):
        words = _words(node)
        return (inflections(words[0]) if len(words) == 1 else frozenset(words[:1])) if words else frozenset()
    if isinstance(node, ast.Literal):
        return frozenset(_words(node)[:1])
    if isinstance(node, ResolvedLexicon):
        return frozenset(lexicon_table(node.lexicon.entries, node.lexicon.inflect))
    if isinstance(node, ast.Regex):
        return _plain_word(node)
    if isinstance(node, ast.AllOf):
        found = first_words(node.parts[0])
        for part in node.parts[1:]:  # the other parts test the same first token
            test = token_test(part)
            if test[0] == FORMS:
                found = test[1] if found is None else found & test[1]
        return found
    if isinstance(node, ast.Alternation):
        return _union_of(first_words(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return first_words(node.body)
    if isinstance(node, ast.Sequence):
        return _through(node.items, first_words)
    if isinstance(node, (ast.SentenceStart, ast.SentenceEnd)):
        return frozenset()
    return None


def last_words(node: ast.Node) -> frozenset[str] | None:
    """Lower-case forms one of which is the last token of every match of `node` that
    consumes a token; None when unknown."""
    if isinstance(node, ExpandedMacro):
        return last_words(node.body)
    if isinstance(node, ast.Word):
        words = _words(node)
        return (inflections(words[0]) if len(words) == 1 else frozenset(words[-1:])) if words else frozenset()
    if isinstance(node, ast.Literal):
        return frozenset(_words(node)[-1:])
    if isinstance(node, ResolvedLexicon):
        table = lexicon_table(node.lexicon.entries, node.lexicon.inflect)
        return frozenset(rest[-1] if rest else form for form, rests in table.items() for rest in rests)
    if isinstance(node, ast.Regex):
        return _plain_word(node)
    if isinstance(node, ast.AllOf):
        return last_words(node.parts[0])
    if isinstance(node, ast.Alternation):
        return _union_of(last_words(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return last_words(node.body)
    if isinstance(node, ast.Sequence):
        return _through(tuple(reversed(node.items)), last_words)
    if isinstance(node, (ast.SentenceStart, ast.SentenceEnd)):
        return frozenset()
    return None


def _plain_word(node: ast.Regex) -> frozenset[str] | None:
    """The one word a regex of letters and digits only (`/to/`) lets through, in lower case."""
    source = node.source
    return frozenset({source.lower()}) if source.isascii() and source.isalnum() else None


def _union_of(sets) -> frozenset[str] | None:
    found: set[str] = set()
    for words in sets:
        if words is None:
            return None
        found |= words
    return frozenset(found)


def _through(items: Sequence[ast.Node], words_of) -> frozenset[str] | None:
    """The words of the items in turn up to the first that always consumes a token."""
    found: set[str] = set()
    for item in items:
        words = words_of(item)
        if words is None:
            return None
        found |= words
        if min_tokens(item) >= 1:
            return frozenset(found)
    return frozenset(found)


def max_tokens(node: ast.Node) -> int | None:
    """The most tokens `node` can match; None when unbounded or unknown (a capture, a phrase)."""
    if isinstance(node, ExpandedMacro):
        return max_tokens(node.body)
    if isinstance(node, (ast.Word, ast.Literal)):
        return len(_words(node))
    if isinstance(node, ResolvedLexicon):
        return entry_lengths(node.lexicon.entries)[1]
    if isinstance(node, (ast.Regex, ast.TokenClass, ast.Not)):
        return 1
    if isinstance(node, (ast.SentenceStart, ast.SentenceEnd)):
        return 0
    if isinstance(node, ast.AllOf):
        return max_tokens(node.parts[0])
    if isinstance(node, ast.Repeat):
        body = max_tokens(node.body)
        return None if body is None else node.max * body
    if isinstance(node, (ast.Alternation, ast.Sequence)):
        parts = [max_tokens(p) for p in (node.options if isinstance(node, ast.Alternation) else node.items)]
        if any(p is None for p in parts):
            return None
        return max(parts, default=0) if isinstance(node, ast.Alternation) else sum(parts)
    return None


def consumed_tests(node: ast.Node) -> list[tuple] | None:
    """Single-token tests one of which every token `node` consumes passes; None when unknown,
    or when knowing would need the sentence's tags."""
    if isinstance(node, ExpandedMacro):
        return consumed_tests(node.body)
    if isinstance(node, (ast.Word, ast.Literal)):
        words = _words(node)
        forms = inflections(words[0]) | frozenset(words) if isinstance(node, ast.Word) and words else frozenset(words)
        return [(FORMS, forms)]
    if isinstance(node, ResolvedLexicon):
        table = lexicon_table(node.lexicon.entries, node.lexicon.inflect)
        return [(FORMS, frozenset(table) | {w for rests in table.values() for rest in rests for w in rest})]
    if isinstance(node, ast.TokenClass):
        return None if is_tag(node.name) or node.name == "any" else [token_test(node)]
    if isinstance(node, (ast.Regex, ast.Not)):
        test = token_test(node)
        return None if uses_tags(test) else [test]
    if isinstance(node, (ast.SentenceStart, ast.SentenceEnd)):
        return []
    if isinstance(node, ast.AllOf):
        return consumed_tests(node.parts[0])
    if isinstance(node, ast.Repeat):
        return consumed_tests(node.body)
    if isinstance(node, (ast.Alternation, ast.Sequence)):
        found: list[tuple] = []
        for part in node.options if isinstance(node, ast.Alternation) else node.items:
            tests = consumed_tests(part)
            if tests is None:
                return None
            found.extend(tests)
        return found
    return None
