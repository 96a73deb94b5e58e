"""Properties that hold for any input, checked on generated ones (Hypothesis).

- The pattern parser, given any string over the pattern language's alphabet, returns a tree
  or raises a `PatternSyntaxError` located inside the pattern: nothing else.
- The quick reader and Lark read every valid pattern to the same tree.
- The matcher finishes within its step budget (a few steps per instruction of the unrolled
  program and token position) and finds what a slow, obviously correct backtracking matcher finds.
- Tokens and sentences are exact spans of any Unicode text; sentences respect their length
  limit, and nothing but whitespace and datelines is left out of them.
- Topic matches counted for a document are the most specific ones that do not overlap.

The number of examples comes from the Hypothesis profile (see tests/conftest.py): small by
default, `HYPOTHESIS_PROFILE=long` for at least 10,000 each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from unittest.mock import patch

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from stancekit.compiler.dictionaries import TopicIndex, TopicMatch
from stancekit.compiler.program import ProgramBuilder, first_filters, start_anchor
from stancekit.dsl import ast
from stancekit.dsl.fastparse import read_pattern
from stancekit.dsl.parser import PatternSyntaxError, _ToAst, _Typist, parse_pattern, parse_with_lark
from stancekit.dsl.validate import program_size
from stancekit.engine import steps
from stancekit.engine.captures import SentenceContext
from stancekit.engine.vm import TOKEN_CLASSES, find_matches
from stancekit.text import segment as segmentation
from stancekit.text.tokens import Token, normalise, split_words, tokenize

# -- the pattern parser ------------------------------------------------------------------------

#: Every character the grammar gives a meaning to, and a few it does not.
ALPHABET = "abcXYZ019_'\"\u2019/\\@$^{}[]()<>|&!?*+,:.- \t\n#%é\u00a0"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_string_parses_or_gets_a_located_diagnostic(pattern):
    try:
        parse_pattern(pattern)
    except PatternSyntaxError as exc:
        assert exc.message
        assert 0 <= exc.offset <= len(pattern)


@given(st.text(max_size=30))
def test_any_unicode_string_parses_or_gets_a_located_diagnostic(pattern):
    try:
        parse_pattern(pattern)
    except PatternSyntaxError as exc:
        assert 0 <= exc.offset <= len(pattern)


WORDS = st.sampled_from(["support", "back", "U.S.", "non-committal", "'s", "n't", "tax", "Mayor"])
QUOTED = st.sampled_from(['"stand behind"', "'torn'", "','", '"a\\"b"', "'s a'", '"n\'t"'])
ATOMS = st.one_of(
    WORDS,
    QUOTED,
    st.sampled_from(["/back(s|ed)?/", "/[A-Z]{2,}/i", "@support_verbs", "$NEG", "{actor:ACTOR}", "{topic:TOPIC}"]),
    st.sampled_from(["[cap]", "[any]", "[num]", "[punct]", "[word]", "[lower]", "[upper]", "[NOUN]", "<NP>"]),
    st.sampled_from(["back & [VERB]", "[cap] & !@months", "[NOUN] & /x/"]),
)
QUANTIFIERS = st.sampled_from(["", "", "?", "*", "+", "{2}", "{1,3}", "{,4}", "{0,2}"])


#: Where generated patterns may hold whitespace (outside quoted words), replaced by the test.
GAP = "\x1f"


def _valid(atoms: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid patterns: sequences of (possibly negated or repeated) atoms, groups and alternatives.

    Repeats apply to atoms only and negation to single-token tests, which keeps every
    generated pattern inside the language's limits."""
    single = st.one_of(WORDS.filter(lambda w: w not in ("'s", "n't")), QUOTED.filter(lambda q: " " not in q))
    item = st.one_of(
        st.tuples(atoms, QUANTIFIERS).map("".join),
        single.map(lambda w: "!" + w),
        st.sampled_from(["^", "$"]),
    )
    sequence = st.lists(item, min_size=1, max_size=5).map(GAP.join)

    def grouped(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        options = st.lists(inner, min_size=1, max_size=3).map(f"{GAP}|{GAP}".join)
        return st.one_of(inner, options.map(lambda o: f"({GAP}{o}{GAP})"), st.tuples(inner, inner).map(GAP.join))

    return st.recursive(sequence, grouped, max_leaves=8)


@given(_valid(ATOMS), st.sampled_from([" ", "  ", "\t", "\n "]))
def test_the_quick_reader_and_lark_agree_on_valid_patterns(pattern, gap):
    pattern = pattern.replace(GAP, gap)
    reference = parse_with_lark(pattern)  # valid: Lark reads it
    quick = read_pattern(pattern, _ToAst(pattern, _Typist(None)))
    if quick is not None:
        assert quick == reference
    assert parse_pattern(pattern) == reference


# -- the matcher -------------------------------------------------------------------------------

#: Tokens are drawn from a small vocabulary, so that random patterns often match.
VOCABULARY = ["a", "b", "c", "A", "B", "1", ",", "."]
MATCHER_ATOMS = st.sampled_from(['"a"', '"b"', '"c"', '"a b"', "[cap]", "[any]", "[num]", "[punct]", "[lower]", "!'a'"])
MATCHER_QUANTIFIERS = st.sampled_from(["", "", "", "?", "{2}", "{0,2}", "{1,3}", "*", "+"])


def _matcher_patterns() -> st.SearchStrategy[str]:
    item = st.one_of(st.tuples(MATCHER_ATOMS, MATCHER_QUANTIFIERS).map("".join), st.sampled_from(["^", "$"]))
    sequence = st.lists(item, min_size=1, max_size=4).map(" ".join)

    def grouped(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        options = st.lists(inner, min_size=2, max_size=3).map(" | ".join)
        return st.one_of(
            options.map(lambda o: f"( {o} )"),
            st.tuples(options, st.sampled_from(["", "?", "{0,2}", "{1,6}", "*"])).map(lambda t: f"( {t[0]} ){t[1]}"),
            st.tuples(inner, inner).map(" ".join),
        )

    return st.recursive(sequence, grouped, max_leaves=6)


class _StepCounter:
    """Counts the instructions walks work out (not the states their memo answers): the
    matcher's steps, for programs compiled while `counting()` is on."""

    def __init__(self) -> None:
        self.steps = 0

    def counting(self):
        compile_one = steps._compile_one

        def compile_counted(*args):
            step = compile_one(*args)

            def counted(walk, pos, count):
                self.steps += 1
                return step(walk, pos, count)

            return counted

        return patch.object(steps, "_compile_one", compile_counted)


def _ends(node: ast.Node, tokens: Sequence[Token], pos: int) -> Iterator[int]:
    """Where `node` can end when it starts at `pos`, in the order the pattern prefers: the
    reference matcher, a plain backtracking search over the pattern tree."""
    n = len(tokens)
    if isinstance(node, ast.Sequence):
        yield from _sequence_ends(node.items, tokens, pos)
    elif isinstance(node, ast.Alternation):
        for option in node.options:
            yield from _ends(option, tokens, pos)
    elif isinstance(node, ast.Repeat):
        yield from _repeat_ends(node, tokens, pos, 0)
    elif isinstance(node, ast.Literal):
        words = split_words(node.text)
        if [t.lower for t in tokens[pos : pos + len(words)]] == words:
            yield pos + len(words)
    elif isinstance(node, ast.TokenClass):
        if pos < n and TOKEN_CLASSES[node.name](tokens[pos]):
            yield pos + 1
    elif isinstance(node, ast.Not):
        if pos < n and next(_ends(node.body, tokens, pos), None) is None:
            yield pos + 1
    elif isinstance(node, ast.SentenceStart):
        if pos == 0:
            yield pos
    elif isinstance(node, ast.SentenceEnd):
        if all(not t.text[:1].isalnum() for t in tokens[pos:]):
            yield pos
    else:
        raise TypeError(type(node).__name__)


def _sequence_ends(items: Sequence[ast.Node], tokens: Sequence[Token], pos: int) -> Iterator[int]:
    if not items:
        yield pos
        return
    for middle in _ends(items[0], tokens, pos):
        yield from _sequence_ends(items[1:], tokens, middle)


def _repeat_ends(node: ast.Repeat, tokens: Sequence[Token], pos: int, done: int) -> Iterator[int]:
    """Greedy: one more repetition is preferred to stopping, up to `max`."""
    if done < node.max:
        for middle in _ends(node.body, tokens, pos):
            yield from _repeat_ends(node, tokens, middle, done + 1)
    if done >= node.min:
        yield pos


def _reference_matches(tree: ast.Node, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Leftmost matches that do not overlap, each the first way the pattern prefers."""
    found = []
    pos = 0
    while pos < len(tokens):
        end = next(_ends(tree, tokens, pos), None)
        if end is None or end <= pos:
            pos += 1
            continue
        found.append((pos, end))
        pos = end
    return found


@given(_matcher_patterns(), st.lists(st.sampled_from(VOCABULARY), max_size=12))
def test_the_matcher_finds_what_a_backtracking_matcher_finds_within_its_budget(pattern, words):
    try:
        tree = parse_pattern(pattern)
    except PatternSyntaxError:
        assume(False)
    builder = ProgramBuilder()
    program, entry = builder.build(tree)
    tokens = tokenize(" ".join(words))
    counter = _StepCounter()
    with counter.counting():
        found = find_matches(program, entry, SentenceContext(tokens))
    # a counted repeat's states are (instruction, position, count): at most about three steps
    # per instruction of the unrolled program and token position
    assert counter.steps <= 3 * (program_size(tree) + 1) * (len(tokens) + 1)
    assert [(m.start, m.end) for m in found] == _reference_matches(tree, tokens)
    filtered = find_matches(program, entry, SentenceContext(tokens), firsts=first_filters(program))
    assert filtered == found
    anchored = find_matches(program, entry, SentenceContext(tokens), anchor=start_anchor(program, entry))
    assert anchored == found
    cued = find_matches(program, entry, SentenceContext(tokens), firsts=first_filters(program), cues=builder.cues())
    assert cued == found


#: Patterns whose programs recurse deepest for their size (empty-matching options inside
#: repeats inside repeats), found by the long profile: each crashed with a RecursionError
#: under Hypothesis, which runs a test with about 2,000 frames free.
DEEP_WALKS = [
    ('( "a" | ( ( "a" | ^ ){1,6} | ^ )* )*', ["b"]),
    ('( "a" | ( ^ | ( "a" | $ ){1,6} )* )*', ["a", "b"]),
    ('( ( ( $ [any]{0,2} $ | "a" ){1,6} | "a" ^ ^ | ^ "a" )* | "a" | "a" )*', ["a", "a", "a"]),
    ('( "a" "a" | ( ( "a"? | ^ ){1,6} | ^ )* ){1,6}', ["a"]),
]


@pytest.mark.parametrize(("pattern", "words"), DEEP_WALKS)
def test_a_deep_walk_finishes_whatever_recursion_limit_the_host_set(pattern, words):
    tree = parse_pattern(pattern)
    program, entry = ProgramBuilder().build(tree)
    tokens = tokenize(" ".join(words))
    host_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000)  # Python's default, as a host application may leave it
    try:
        found = find_matches(program, entry, SentenceContext(tokens))
        assert sys.getrecursionlimit() == 1_000  # the host's limit is left as it was
    finally:
        sys.setrecursionlimit(host_limit)
    assert [(m.start, m.end) for m in found] == _reference_matches(tree, tokens)


# -- tokens and sentences ----------------------------------------------------------------------

#: Text with what segmentation and tokenisation react to, and any other character.
TEXT = st.lists(
    st.one_of(
        st.sampled_from([*" \n\n\t.?!,;:'\"\u201c\u201d\u2019\u2026-\u2014()[]", "Mr.", "U.S.", "''", "No. 1"]),
        st.sampled_from(["The", "mayor", "said", "WASHINGTON", "(AFP)", "opposes", "tax", "3.5", "don't", "İ", "ΟΔΟΣ"]),
        st.characters(),
    ),
    max_size=60,
).map("".join) | st.text(max_size=200)


@given(TEXT)
def test_tokens_are_exact_spans_of_any_text(text):
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.text and previous_end <= token.start < token.end
        assert not any(ch.isspace() for ch in token.text)
        previous_end = token.end


@given(TEXT, st.integers(0, 40))
def test_a_tokens_comparison_form_is_its_own_text_normalised(text, start):
    # the forms are cut from the stretch's normalised text: the text around a token (a
    # Greek capital sigma's lower case depends on it) must not change its form
    for token in tokenize(text, min(start, len(text))):
        assert token.lower == ('"' if token.text == "''" else normalise(token.text))


@given(TEXT, st.sampled_from([None, 1, 2, 7, 30]))
def test_sentences_are_exact_spans_and_cover_the_text(text, limit):
    seg = segmentation.segment(text) if limit is None else segmentation.segment(text, max_sentence_chars=limit)
    previous_end = 0
    for i, sentence in enumerate(seg.sentences):
        assert sentence.index == i
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        assert limit is None or len(sentence.text) <= limit
        gap = text[previous_end : sentence.start]
        if gap.strip():  # only a dateline is left out before a paragraph's first sentence
            left_out = previous_end + len(gap) - len(gap.lstrip())
            dateline = segmentation._DATELINE.match(text, left_out)
            assert dateline is not None and dateline.end() == sentence.start
        previous_end = sentence.end
    assert not text[previous_end:].strip()
    for sentence in seg.sentences:
        for token in tokenize(text, sentence.start, sentence.end):
            assert sentence.start <= token.start < token.end <= sentence.end


@given(TEXT)
def test_quote_spans_are_in_order_and_do_not_overlap(text):
    quotes = segmentation.segment(text).quotes
    previous_end = 0
    for quote in quotes:
        assert previous_end <= quote.start < quote.end <= len(text)
        previous_end = quote.end


SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 6), st.booleans()).map(
        lambda t: TopicMatch(f"topic{t[0] % 4}", t[0], t[0] + t[1], "p" if t[2] else None)
    ),
    max_size=40,
)


@given(SPANS)
def test_distinct_topic_matches_are_the_most_specific_that_do_not_overlap(matches):
    """A dominant issue is counted from these, over a whole document: the quick selection keeps
    exactly what comparing each match with every match kept before would keep."""
    kept: list[TopicMatch] = []
    for match in sorted(matches, key=lambda m: (-m.size, m.pattern is not None, m.start)):
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    assert TopicIndex().distinct(matches) == sorted(kept, key=lambda m: m.start)
