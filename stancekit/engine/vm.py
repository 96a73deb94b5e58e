"""Running a compiled program over the tokens of one sentence.

A depth-first search memoises each (instruction, position, count) state, where the count is
how many times the counted repeat the instruction belongs to has been done (0 outside one), so
it visits every state at most once: matching is linear in sentence length times the unrolled
program size, whatever the pattern. Counts that cannot make a difference are made equal
first: once more repetitions are allowed than tokens ahead could fill, the walk from there is
the same whatever the count, and it is walked once. Alternatives are tried in pattern order
and the first that completes wins, like a regex engine without the exponential worst case.

Matches are found leftmost first and do not overlap within one rule; the search resumes
after each match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from stancekit import registry
from stancekit.compiler.neighbours import Neighbours
from stancekit.compiler.program import (
    CHECK,
    CLASS,
    CUE,
    END,
    ENTRY,
    FORMS,
    LITERAL,
    LOOP,
    MATCH,
    NOT,
    PHRASE,
    REGEX,
    REPEAT,
    SPAN,
    SPLIT,
    START,
    TAG,
)
from stancekit.engine.captures import extractor_for, head_of
from stancekit.engine.sentence import SentenceContext
from stancekit.text.tokens import Token

# A program is a DAG of at most a few thousand instructions; recursion follows one path.
if sys.getrecursionlimit() < 10000:
    sys.setrecursionlimit(10000)


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


def passes(test: tuple, context: SentenceContext, pos: int) -> bool:
    """Whether the token at `pos` passes a single-token test (as built by `compiler.program.token_test`)."""
    kind, arg = test[0], test[1]
    token = context.tokens[pos]
    if kind == FORMS:
        return token.lower in arg
    if kind == REGEX:
        return arg.fullmatch(token.text) is not None
    if kind == CLASS:
        return bool(token_class(arg)(token))
    if kind == TAG:
        return context.tags[pos] in arg
    if kind == SPLIT:
        return any(passes(t, context, pos) for t in arg)
    if kind == CHECK:
        return all(passes(t, context, pos) for t in arg)
    if kind == NOT:
        return not passes(arg, context, pos)
    raise ValueError(f"not a token test: {test!r}")


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
    every rule whose repeats consume the same tokens."""
    key = ("runs", test)
    found = context.cache.get(key)
    if found is None:
        n = len(context.tokens)
        found = [0] * (n + 1)
        for pos in range(n - 1, -1, -1):
            if test is None or passes(test, context, pos):
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

    __slots__ = ("context", "lowers", "rows", "texts")

    def __init__(self, context: SentenceContext):
        self.context = context
        self.lowers = [t.lower for t in context.tokens]
        self.texts = [t.text for t in context.tokens]
        self.rows: dict[int, list[bool | None]] = {}

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
            found = row[pos] = passes(test, self.context, pos)
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
) -> list[RawMatch]:
    """All leftmost, non-overlapping matches of a program in one sentence.

    With `firsts` (the program's first-token filters), alternatives and start positions whose
    first token cannot match are skipped without being walked; no match is looked for from
    after `last_start`, nor (with its `anchor`: words one of which every match holds within a
    distance of its start) from further than that before one of the words. With `progress`
    (which records every start walked), every
    instruction that consumed tokens records the furthest token position it reached
    (instruction -> position): how far a rule got, for `explain`.
    """
    tokens = context.tokens
    n = len(tokens)
    memo: dict[int, tuple | None] = {}
    stride = n + 1
    size = len(program)
    runs: dict[int, list[int]] = {}
    cache = context.cache
    tests = TokenTests.of(context)
    lowers = tests.lowers
    test_passes = tests.passes
    any_regex = tests.any_regex
    regex_matches = tests.regex_matches

    def spans(capture_type: str, pos: int, final: bool) -> tuple[int, ...]:
        key = (capture_type, pos, final)
        found = cache.get(key)
        if found is None:
            found = extractor_for(capture_type)(tokens, pos, context, final) if pos < n else ()
            cache[key] = found
        return found

    def admits(pc: int, pos: int) -> bool:
        """Whether the token at `pos` can be the first that instruction `pc` consumes."""
        first = firsts[pc]
        if first is None:
            return True
        if pos >= n:
            return False
        return lowers[pos] in first[0] or any_regex(first[1], pos)

    def room(head: int, pos: int) -> int:
        """How many more repetitions of the counted repeat `head` could fit from `pos`."""
        found = runs.get(head)
        if found is None:
            found = runs[head] = run_lengths(program[head][5], context)
        return found[pos]

    def step(pc: int, pos: int, count: int):
        key = (count * size + pc) * stride + pos
        if key in memo:
            return memo[key]
        ins = program[pc]
        op = ins[0]
        result = None
        # the most frequent instructions first
        if op == SPLIT:
            if firsts is None:
                for nxt in ins[1]:
                    result = step(nxt, pos, count)
                    if result is not None:
                        break
            else:
                lower = lowers[pos] if pos < n else None
                for nxt in ins[1]:
                    first = firsts[nxt]
                    if first is not None and (
                        lower is None or (lower not in first[0] and not any_regex(first[1], pos))
                    ):
                        continue
                    result = step(nxt, pos, count)
                    if result is not None:
                        break
        elif op == SPAN:
            ends = spans(ins[1], pos, program[ins[3]][0] == MATCH)
            if ends and progress is not None:
                progress[pc] = max(progress.get(pc, 0), ends[0])
            for end in ends:
                sub = step(ins[3], end, count)
                # the head test comes after the rest of the pattern: a test of a tag tags the
                # sentence, which only a match that could complete is worth
                if sub is not None and (
                    ins[4] is None or passes(ins[4], context, head_of(ins[1], tokens, pos, end, context.profile))
                ):
                    result = (sub[0], ("c", ins[2], ins[1], pos, end, sub[1]))
                    break
        elif op == NOT:
            if pos < n and not test_passes(ins[1], pos):
                if progress is not None:
                    progress[pc] = max(progress.get(pc, 0), pos + 1)
                result = step(ins[2], pos + 1, count)
        elif op == PHRASE:
            phrase = context.phrases(ins[1]).get(pos) if pos < n else None
            if phrase is not None and (ins[5] is None or passes(ins[5], context, phrase.head)):
                if progress is not None:
                    progress[pc] = max(progress.get(pc, 0), phrase.end)
                sub = step(ins[2], phrase.end, count)
                if sub is not None:
                    result = (sub[0], ("p", ins[3], ins[4], pos, phrase.end, sub[1])) if ins[3] else sub
        elif op == START:
            result = step(ins[1], pos, count) if pos == 0 else None
        elif op == MATCH:
            result = (pos, None)
        elif op == CHECK:
            if pos < n and test_passes(ins[1], pos):
                result = step(ins[2], pos, count)
        elif op in ONE_TOKEN_OPS:
            if pos < n:
                if op == FORMS:
                    ok = lowers[pos] in ins[1]
                elif op == TAG:
                    # a tag costs tagging the sentence: not looked up when the token after it
                    # cannot go on with the match ("[PROPN] 's" where no "'s" follows)
                    hopeless = progress is None and firsts is not None and not admits(ins[2], pos + 1)
                    ok = not hopeless and context.tags[pos] in ins[1]
                elif op == REGEX:
                    ok = regex_matches(ins[1], pos)
                else:
                    ok = test_passes(ins, pos)  # (CLASS, name, ...) is a test
                if ok:
                    if progress is not None:
                        progress[pc] = max(progress.get(pc, 0), pos + 1)
                    sub = step(ins[2], pos + 1, count)
                    if sub is not None:
                        result = (sub[0], ("t", pos, pos + 1, ins[3], sub[1])) if ins[3] else sub
        elif op == ENTRY:
            if pos < n:
                rests = ins[1].get(lowers[pos])
                if rests:
                    for rest in rests:
                        stop = pos + 1 + len(rest)
                        if stop <= n and all(lowers[pos + 1 + k] == w for k, w in enumerate(rest)):
                            if progress is not None:
                                progress[pc] = max(progress.get(pc, 0), stop)
                            sub = step(ins[2], stop, count)
                            if sub is not None:
                                result = (sub[0], ("t", pos, stop, ins[3], sub[1]))
                                break
        elif op == REPEAT:
            if count < ins[3] and (firsts is None or admits(ins[1], pos)):
                result = step(ins[1], pos, count)
            if result is None and count >= ins[2] and (firsts is None or admits(ins[4], pos)):
                result = step(ins[4], pos, 0)
        elif op == LOOP:
            head, low, high = ins[1], ins[2], ins[3]
            done = count + 1
            if done >= low and high - done > room(head, pos):
                done = high - room(head, pos)  # a bound the tokens ahead never reach: same walk
            result = step(head, pos, done)
        elif op == END:
            result = step(ins[1], pos, count) if _at_end(tokens, pos) else None
        memo[key] = result
        return result

    matches: list[RawMatch] = []
    pos = 0
    stop = n if last_start is None else min(n, last_start + 1)
    nearest = tests.nearest(anchor[0]) if anchor is not None and progress is None else None
    reach = anchor[1] if anchor is not None else 0
    while pos < stop:
        if nearest is not None and nearest[pos] - pos > reach:
            pos = nearest[pos] - reach  # no match starts before the next anchor word is in reach
            continue
        if firsts is not None and not admits(entry, pos):
            pos += 1
            continue
        found = step(entry, pos, 0)
        if found is None or found[0] <= pos:
            pos += 1
            continue
        matches.append(_build(pos, found))
        pos = found[0]
    return matches


def _at_end(tokens: Sequence[Token], pos: int) -> bool:
    """The end of the sentence, ignoring closing punctuation and quote marks."""
    return all(not t.text[:1].isalnum() for t in tokens[pos:])


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
