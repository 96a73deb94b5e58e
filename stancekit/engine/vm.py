"""Running a compiled program over the tokens of one sentence.

A depth-first search memoises each (instruction, position, count) state, where the count is
how many times the counted repeat the instruction belongs to has been done (0 outside one), so
it visits every state at most once: matching is linear in sentence length times the unrolled
program size, whatever the pattern. Counts that cannot make a difference are made equal
first: once more repetitions are allowed than tokens ahead could fill, the walk from there is
the same whatever the count, and it is walked once. Alternatives are tried in pattern order
and the first that completes wins, like a regex engine without the exponential worst case.

Matches are found leftmost first and do not overlap within one rule; the search resumes
after each match. The walk itself runs a program compiled once into Python closures, one per
instruction (see `steps`): this module holds what surrounds it.
"""

from __future__ import annotations

import re
import sys
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from stancekit import registry
from stancekit.compiler.neighbours import Neighbours
from stancekit.compiler.program import (
    CHECK,
    CLASS,
    CUE,
    FORMS,
    LITERAL,
    NOT,
    REGEX,
    SPLIT,
    START,
    TAG,
)
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.steps import Walk, admits, as_filter, compile_steps
from stancekit.text.tokens import Token

#: The recursion limit a walk runs under, at least. A program is a DAG of at most a few
#: thousand instructions; recursion follows one path, in up to two calls per instruction (a
#: memoised one's memo, then its step). The limit is the process's, and whoever hosts the
#: matcher may lower it (a test runner, a notebook, a server): each walk raises it while it
#: runs and gives the host's back after.
WALK_RECURSION_LIMIT = 20000

T = TypeVar("T")


def _is_upper(t: Token) -> bool:
    return len(t.text) > 1 and t.text.isupper()


TOKEN_CLASSES: dict[str, Callable[[Token], bool]] = {
    "any": lambda t: True,
    "cap": lambda t: t.text[:1].isupper(),
    "upper": _is_upper,
    "lower": lambda t: t.text[:1].islower(),
    "word": lambda t: t.text.replace("-", "").replace("'", "").replace("\u2019", "").isalpha(),
    "num": lambda t: t.text[:1].isdigit(),
    "punct": lambda t: not t.text[:1].isalnum(),
}


def token_class(name: str) -> Callable[[Token], bool]:
    found = TOKEN_CLASSES.get(name) or registry.extra_token_class(name)
    if found is None:
        raise KeyError(f"unknown token class [{name}]")
    return found


#: A single-token test made into a function of (sentence, position).
Predicate = Callable[[SentenceContext, int], bool]
#: Each test's predicate, by the test's identity (kept with the test, so it stays unique).
_PREDICATES: dict[int, tuple[tuple, Predicate]] = {}
#: How many predicates are kept before all are dropped (rule sets come and go in tests).
_KEEP_PREDICATES = 50000


def passes(test: tuple, context: SentenceContext, pos: int) -> bool:
    """Whether the token at `pos` passes a single-token test (as built by `compiler.program.token_test`)."""
    return predicate_of(test)(context, pos)


def predicate_of(test: tuple) -> Predicate:
    """The single-token test as a function of (sentence, position), made once per test: ask
    for it once to test many positions."""
    found = _PREDICATES.get(id(test))
    if found is None or found[0] is not test:
        if len(_PREDICATES) >= _KEEP_PREDICATES:
            _PREDICATES.clear()
        found = _PREDICATES[id(test)] = (test, _predicate(test))
    return found[1]


def _predicate(test: tuple) -> Predicate:
    """The test as a function: made once, so that asking it again neither dispatches on its
    kind nor walks the tests nested in it."""
    kind, arg = test[0], test[1]
    if kind == FORMS:
        return lambda context, pos: context.tokens[pos].lower in arg
    if kind == REGEX:
        return lambda context, pos: arg.fullmatch(context.tokens[pos].text) is not None
    if kind == CLASS:
        return lambda context, pos: bool(token_class(arg)(context.tokens[pos]))
    if kind == TAG:
        return lambda context, pos: context.tags[pos] in arg
    if kind == SPLIT:
        return _any_of(tuple(_predicate(t) for t in arg))
    if kind == CHECK:
        return _all_of(tuple(_predicate(t) for t in arg))
    if kind == NOT:
        inner = _predicate(arg)
        return lambda context, pos: not inner(context, pos)
    raise ValueError(f"not a token test: {test!r}")


def _any_of(parts: tuple[Predicate, ...]) -> Predicate:
    def any_passes(context: SentenceContext, pos: int) -> bool:
        for part in parts:  # noqa: SIM110 - a loop makes no generator per call
            if part(context, pos):
                return True
        return False

    return any_passes


def _all_of(parts: tuple[Predicate, ...]) -> Predicate:
    def all_pass(context: SentenceContext, pos: int) -> bool:
        for part in parts:  # noqa: SIM110 - a loop makes no generator per call
            if not part(context, pos):
                return False
        return True

    return all_pass


def neighbours_present(
    pair: Neighbours, words: Sequence[str], positions: Mapping[str, list[int]], context: SentenceContext
) -> bool:
    """Whether the sentence (its lower-case `words`; `positions`: where each of them stands)
    holds a word of `pair.left`, then `pair.low` to `pair.high` tokens that pass `pair.gap`,
    then a word of `pair.right`."""
    left, gap, low, high = pair.left, pair.gap, pair.low, pair.high
    for word in pair.right.intersection(positions):
        for end in positions[word]:
            k = end - 1  # the last token of the gap, or of the left word when the gap is empty
            for width in range(high + 1):
                if k < 0:
                    break
                if width >= low and words[k] in left:
                    return True
                if gap is not None and not passes(gap, context, k):
                    break
                k -= 1
    return False


def word_positions(words: Sequence[str]) -> dict[str, list[int]]:
    """Where each word of a sentence stands, in order: made once per sentence, for the checks
    of every rule tried on it."""
    found: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        found.setdefault(word, []).append(i)
    return found


def run_lengths(test: tuple | None, context: SentenceContext) -> list[int]:
    """For each position, how many tokens from there on pass `test` in a row (None: all of
    them pass); one more entry for the end of the sentence. Kept in the sentence's cache, for
    every rule whose repeats consume the same tokens. Tests are told apart by identity, as in
    `TokenTests`: hashing a nested test again for every walk cost more than the look-up."""
    key = ("runs", id(test))
    found = context.cache.get(key)
    if found is None:
        n = len(context.tokens)
        if test is None:
            found = list(range(n, -1, -1))
        else:
            found = [0] * (n + 1)
            passing = predicate_of(test)
            for pos in range(n - 1, -1, -1):
                if passing(context, pos):
                    found[pos] = found[pos + 1] + 1
        context.cache[key] = found
    return found


@dataclass(frozen=True)
class Capture:
    name: str
    type: str
    start: int  # token positions, end exclusive
    end: int
    #: Whether `type` is a phrase type (`{topic:NP}`): the capture fills the field it is named after.
    phrase: bool = False


@dataclass(frozen=True)
class RawMatch:
    """One match of one rule in one sentence, in token positions."""

    start: int
    end: int
    captures: tuple[Capture, ...]
    cue: tuple[int, int] | None
    literal_tokens: int


#: Instructions that consume one token that passes their test.
ONE_TOKEN_OPS = frozenset((FORMS, REGEX, CLASS, TAG))
#: How far past the end of a sentence "no such word" is put: beyond any anchor's distance.
NEVER = 1 << 30


class TokenTests:
    """What single-token tests say of one sentence's tokens, kept for every rule tried on it.

    Rules share their tests (a word list, a regex, a token class, an alternative of them) and
    try them at the same positions again and again: each (test, position) is worked out once.
    Tests are told apart by identity: they belong to compiled programs, which outlive the
    sentence, so an identity is never reused while its row is kept."""

    __slots__ = ("_positions", "context", "lowers", "padded_lowers", "rows", "texts")

    def __init__(self, context: SentenceContext):
        #: Held weakly: the sentence's cache holds these tests, and a reference back would
        #: make every sentence a cycle that only the cycle collector frees.
        self.context = weakref.ref(context)
        self.lowers = [t.lower for t in context.tokens]
        #: With None for the end of the sentence: a look one past the last token fails.
        self.padded_lowers = [*self.lowers, None]
        self.texts = [t.text for t in context.tokens]
        self.rows: dict[int, list[bool | None]] = {}
        self._positions: dict[str, list[int]] | None = None

    @property
    def positions(self) -> dict[str, list[int]]:
        """Where each lower-case word stands (see `word_positions`), made on first use."""
        if self._positions is None:
            self._positions = word_positions(self.lowers)
        return self._positions

    @staticmethod
    def of(context: SentenceContext) -> TokenTests:
        """The sentence's tests, made on first use and kept in its cache."""
        found = context.cache.get(TokenTests)
        if found is None:
            found = context.cache[TokenTests] = TokenTests(context)
        return found

    def passes(self, test: tuple, pos: int) -> bool:
        """`passes(test, context, pos)`, worked out once per test and position."""
        row = self.rows.get(id(test))
        if row is None:
            row = self.rows[id(test)] = [None] * len(self.texts)
        found = row[pos]
        if found is None:
            found = row[pos] = passes(test, self.context(), pos)
        return found

    def nearest(self, words: frozenset[str]) -> list[int]:
        """For each position, where the first token from there on whose lower form is in
        `words` stands (a position past any match when none does)."""
        row = self.rows.get(id(words))
        if row is None:
            lowers = self.lowers
            beyond = len(lowers) + NEVER
            row = [beyond] * (len(lowers) + 1)
            for pos in range(len(lowers) - 1, -1, -1):
                row[pos] = pos if lowers[pos] in words else row[pos + 1]
            self.rows[id(words)] = row
        return row

    def any_regex(self, regexes: tuple, pos: int) -> bool:
        """Whether one of `regexes` fully matches the token at `pos`. Each regex is tried once
        per position: a few regexes (adverbs in -ly, numbers) stand in the first-token filters
        of hundreds of instructions."""
        found = False
        for regex in regexes:
            found = self.regex_matches(regex, pos)
            if found:
                break
        return found

    def regex_matches(self, regex: re.Pattern, pos: int) -> bool:
        """Whether `regex` fully matches the token at `pos`, tried once per position."""
        row = self.rows.get(id(regex))
        if row is None:
            row = self.rows[id(regex)] = [None] * len(self.texts)
        found = row[pos]
        if found is None:
            found = row[pos] = regex.fullmatch(self.texts[pos]) is not None
        return found


def find_matches(
    program: Sequence[tuple],
    entry: int,
    context: SentenceContext,
    progress: dict[int, int] | None = None,
    firsts: Sequence | None = None,
    last_start: int | None = None,
    anchor: tuple[frozenset[str], int] | None = None,
    cues: tuple[int, ...] = (),
) -> list[RawMatch]:
    """All leftmost, non-overlapping matches of a program in one sentence.

    With `firsts` (the program's first-token filters), alternatives and start positions whose
    first token cannot match are skipped without being walked; no match is looked for from
    after `last_start`, nor (with its `anchor`: words one of which every match holds within a
    distance of its start) from further than that before one of the words. With `cues` (where
    each alternative's cue element begins, see `ProgramBuilder.cues`), the rest of the pattern
    is walked from the cue first, at the last position it can be: if it completes nowhere, no
    start is walked at all, and no match starts after the last place it does. With `progress`
    (which records every start walked), every
    instruction that consumed tokens records the furthest token position it reached
    (instruction -> position): how far a rule got, for `explain`.
    """
    return _deep_enough(_find_matches, program, entry, context, progress, firsts, last_start, anchor, cues)


def _deep_enough(walk: Callable[..., T], *args) -> T:
    """`walk(*args)` under at least `WALK_RECURSION_LIMIT`, the host's limit given back after."""
    host_limit = sys.getrecursionlimit()
    if host_limit >= WALK_RECURSION_LIMIT:
        return walk(*args)
    sys.setrecursionlimit(WALK_RECURSION_LIMIT)
    try:
        return walk(*args)
    finally:
        sys.setrecursionlimit(host_limit)


def _find_matches(
    program: Sequence[tuple],
    entry: int,
    context: SentenceContext,
    progress: dict[int, int] | None,
    firsts: Sequence | None,
    last_start: int | None,
    anchor: tuple[frozenset[str], int] | None,
    cues: tuple[int, ...],
) -> list[RawMatch]:
    n = len(context.tokens)
    tests = TokenTests.of(context)
    tracing = progress is not None
    if tracing:
        cues = ()  # `explain` asks how far each start got, so every start is walked
    steps = _COMPILED.steps(program, entry, firsts, tracing, cues)
    walk = Walk(context, tests, progress)
    step = steps[entry]
    first = as_filter(firsts[entry]) if firsts is not None else None
    matches: list[RawMatch] = []
    pos = 0
    stop = n if last_start is None else min(n, last_start + 1)
    if program[entry][0] == START:
        stop = min(stop, 1)  # a pattern that holds to the sentence start matches from there only
        cues = ()  # one start is walked: walking from each cue would cost more
    if cues:
        last_cue = _last_cue(cues, steps, walk, tests, firsts)
        if last_cue < 0:
            return matches
        stop = min(stop, last_cue + 1)  # a match starts at its cue at the latest
    nearest = tests.nearest(anchor[0]) if anchor is not None and progress is None else None
    reach = anchor[1] if anchor is not None else 0
    while pos < stop:
        if nearest is not None and nearest[pos] - pos > reach:
            pos = nearest[pos] - reach  # no match starts before the next anchor word is in reach
            continue
        if first is not None and not admits(walk, first, pos):
            pos += 1
            continue
        found = step(walk, pos, 0)
        if found is None or found[0] <= pos:
            pos += 1
            continue
        matches.append(_build(pos, found))
        pos = found[0]
    return matches


def matches_at(
    program: Sequence[tuple], entry: int, context: SentenceContext, pos: int, firsts: Sequence | None
) -> bool:
    """Whether a program matches a stretch of the sentence that starts at `pos` (a rule's
    `unless:` pattern, at a match's cue)."""
    return _deep_enough(_matches_at, program, entry, context, pos, firsts)


def _matches_at(
    program: Sequence[tuple], entry: int, context: SentenceContext, pos: int, firsts: Sequence | None
) -> bool:
    steps = _COMPILED.steps(program, entry, firsts, False)
    walk = Walk(context, TokenTests.of(context), None)
    first = as_filter(firsts[entry]) if firsts is not None else None
    return admits(walk, first, pos) and steps[entry](walk, pos, 0) is not None


def _last_cue(cues: tuple[int, ...], steps: list, walk: Walk, tests: TokenTests, firsts: Sequence | None) -> int:
    """The last position from which the rest of the pattern, from one of its `cues`, walks to
    the end of the pattern; -1 if there is none. The walk's memo keeps what this finds, so the
    starts walked after it take the same steps again for free."""
    for pos, pc in _cue_candidates(cues, walk, tests, firsts):
        if steps[pc](walk, pos, 0) is not None:
            return pos
    return -1


def _cue_candidates(
    cues: tuple[int, ...], walk: Walk, tests: TokenTests, firsts: Sequence | None
) -> list[tuple[int, int]]:
    """(position, cue) for each position whose token may begin a cue, last first: where the
    words of the cue's first-token filter stand, looked up by word; a filter with regexes (or
    none) is asked at every position."""
    found: list[tuple[int, int]] = []
    for pc in cues:
        first = as_filter(firsts[pc]) if firsts is not None else None
        if first is None or first[1]:
            found.extend((pos, pc) for pos in range(len(tests.lowers)) if admits(walk, first, pos))
            continue
        positions = tests.positions
        for word in first[0].intersection(positions):
            found.extend((pos, pc) for pos in positions[word])
    found.sort(key=_by_position_last_first)
    return found


def _by_position_last_first(candidate: tuple[int, int]) -> int:
    return -candidate[0]


class _CompiledPrograms:
    """Programs compiled to closures (`steps.compile_steps`), each made once and kept.

    Kept by (program, entry, filters, tracing), with the program and filters they were made
    from: these are told apart by identity, which their being kept keeps unique. All are
    dropped once more than `keep` instructions' worth are kept (a few hundred bytes each):
    several times a large pack's, while programs made for one use (in tests, for `explain`)
    come and go."""

    def __init__(self, keep: int):
        self.keep = keep
        self.kept = 0
        self.found: dict[tuple, tuple] = {}

    def steps(
        self, program: Sequence[tuple], entry: int, firsts: Sequence | None, tracing: bool, cues: tuple[int, ...] = ()
    ) -> list:
        key = (id(program), entry, id(firsts), tracing, cues)
        found = self.found.get(key)
        if found is None:
            if self.kept + len(program) > self.keep:
                self.found.clear()
                self.kept = 0
            found = self.found[key] = (program, firsts, compile_steps(program, entry, firsts, tracing, cues))
            self.kept += len(program)
        return found[2]


_COMPILED = _CompiledPrograms(keep=100_000)


def _build(start: int, found: tuple) -> RawMatch:
    end, chain = found
    captures: list[Capture] = []
    cue_start = cue_end = None
    literal = 0
    while chain is not None:
        if chain[0] == "t":
            _, a, b, flags, chain = chain
            if flags & LITERAL:
                literal += b - a
            if flags & CUE:
                cue_start = a if cue_start is None else min(cue_start, a)
                cue_end = b if cue_end is None else max(cue_end, b)
        else:
            kind, name, capture_type, a, b, chain = chain
            captures.append(Capture(name, capture_type, a, b, phrase=kind == "p"))
    cue = (cue_start, cue_end) if cue_start is not None else None
    return RawMatch(start, end, tuple(captures), cue, literal)
