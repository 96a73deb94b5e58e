"""A compiled program turned into Python closures, one per instruction.

Interpreting a program means, at every step, looking up the instruction, dispatching on its
opcode and unpacking its operands. Here that is done once per program instead: each
instruction becomes a closure that holds its operands and its successors' closures as free
variables, so a walk only calls from one closure to the next. The closures are made the
first time a program is walked and kept for every later sentence.

A walk's per-sentence state (its tokens, memo, cached tests) is a `Walk` passed along every
call: the closures themselves are shared by all sentences, and a walk started while another
is under way (a phrase type run for the rule that asks for its phrases) has its own state.

The search is the one `vm` documents: (instruction, position, count) states memoised, tried
in pattern order, the first that completes wins. One saving is made by construction: an
instruction that only one other reaches, by a step that maps different states to different
states (a token consumed, a test passed, an alternative taken), is reached at most once per
state when that one is, so it needs no memo of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from stancekit.compiler.program import (
    CHECK,
    CLASS,
    END,
    ENTRY,
    FORMS,
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

if TYPE_CHECKING:
    from stancekit.engine.sentence import SentenceContext
    from stancekit.engine.vm import TokenTests

#: One instruction, compiled: (walk, position, count) -> (end, chain) or None.
Step = Callable[["Walk", int, int], "tuple | None"]

#: Memo keys put the count above any position a sentence can have.
_COUNT_SHIFT = 32
_UNSEEN = object()


class Walk:
    """The state of one walk of one program over one sentence."""

    __slots__ = (
        "any_regex",
        "context",
        "lowers",
        "memo",
        "n",
        "progress",
        "regex_matches",
        "runs",
        "tags",
        "test_passes",
        "tokens",
    )

    def __init__(self, context: SentenceContext, tests: TokenTests, progress: dict[int, int] | None):
        self.context = context
        self.tokens = context.tokens
        self.n = len(context.tokens)
        #: One more entry than tokens (None) so that a look past the end fails without a test.
        self.lowers = tests.padded_lowers
        self.memo: dict[int, tuple | None] = {}
        self.progress = progress
        self.runs: dict[int, list[int]] = {}
        self.test_passes = tests.passes
        self.any_regex = tests.any_regex
        self.regex_matches = tests.regex_matches
        #: The sentence's tags once a step has asked for them (asking tags the sentence).
        self.tags: list[str] | None = None


def compile_steps(
    program: Sequence[tuple], entry: int, firsts: Sequence | None, tracing: bool, cues: tuple[int, ...] = ()
) -> list[Step]:
    """One closure per instruction of `program` walked from `entry` (and from each of `cues`,
    whose walks the walk from `entry` meets again). With `firsts`, the first-token filters are
    checked before alternatives, repeats and tags; with `tracing`, every instruction that
    consumes tokens records in `Walk.progress` how far it got."""
    filters = [as_filter(f) for f in firsts] if firsts is not None else [None] * len(program)
    memoised = _needing_memo(program, (entry, *cues))
    size = len(program)
    steps: list[Step] = [None] * size  # type: ignore[list-item]
    loops: list[tuple[list, int]] = []
    for pc, ins in enumerate(program):
        # the compiler emits what an instruction leads to before it, but for a repeat's loop
        if any(nxt >= pc for nxt, _ in _successors(ins)) and ins[0] != LOOP:
            raise ValueError(f"instruction {pc} leads forward: {ins!r}")
        step = _compile_one(program, pc, ins, steps, filters, tracing, loops)
        steps[pc] = _memoise(step, pc, size) if memoised[pc] else step
    for holder, head in loops:
        holder.append(steps[head])
    return steps


def admits(walk: Walk, first: tuple | None, pos: int) -> bool:
    """Whether the token at `pos` passes a first-token filter (`as_filter`'s form)."""
    if first is None:
        return True
    words, regexes = first
    lower = walk.lowers[pos]
    return lower in words or (bool(regexes) and lower is not None and walk.any_regex(regexes, pos))


def as_filter(first: tuple | None) -> tuple | None:
    """A first-token filter with its regexes in a tuple (they may come as any sequence)."""
    return None if first is None else (first[0], tuple(first[1]))


def _needing_memo(program: Sequence[tuple], entries: tuple[int, ...]) -> list[bool]:
    """For each instruction, whether it must be memoised: it is reached by more than one step
    (the start of each walk from `entries` counting as one), or by one that may lead to it
    from several states (a capture or lexicon entry of several lengths, a repeat's count set
    back or on)."""
    reached = [0] * len(program)
    by_one_to_one = [True] * len(program)
    for entry in entries:
        reached[entry] += 1
    for ins in program:
        for nxt, one_to_one in _successors(ins):
            reached[nxt] += 1
            by_one_to_one[nxt] = by_one_to_one[nxt] and one_to_one
    return [
        ins[0] != MATCH and not (count == 1 and one_to_one)
        for ins, count, one_to_one in zip(program, reached, by_one_to_one, strict=True)
    ]


def _successors(ins: tuple) -> list[tuple[int, bool]]:
    """The instructions `ins` leads to, each with whether that step is one to one."""
    op = ins[0]
    if op == SPLIT:
        return [(nxt, True) for nxt in ins[1]]
    if op in (START, END):
        return [(ins[1], True)]
    if op == REPEAT:
        return [(ins[1], True), (ins[4], False)]
    if op == LOOP:
        return [(ins[1], False)]
    if op == MATCH:
        return []
    if op == SPAN:
        return [(ins[3], False)]
    if op in (PHRASE, ENTRY):
        return [(ins[2], False)]
    return [(ins[2], True)]  # one token, or a check


def _memoise(step: Step, pc: int, size: int) -> Step:
    """`step`, worked out once per (position, count) in a walk."""

    def memoised(walk: Walk, pos: int, count: int):
        key = ((count << _COUNT_SHIFT) + pos) * size + pc
        memo = walk.memo
        found = memo.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = memo[key] = step(walk, pos, count)
        return found

    return memoised


def _recording(pc: int, step: Step) -> Step:
    """`step`, first recording that instruction `pc` consumed tokens up to the position it is
    called at (for `explain`)."""

    def recorded(walk: Walk, pos: int, count: int):
        progress = walk.progress
        progress[pc] = max(progress.get(pc, 0), pos)
        return step(walk, pos, count)

    return recorded


def _compile_one(
    program: Sequence[tuple],
    pc: int,
    ins: tuple,
    steps: list[Step],
    filters: list[tuple | None],
    tracing: bool,
    loops: list[tuple[list[Step], int]],
) -> Step:
    """Instruction `pc` as a closure over its operands and the steps it leads to (`steps`,
    already compiled; a loop's repeat is not yet, and is added to `loops` to be filled in)."""
    op = ins[0]
    if op == SPLIT:
        return _split([(steps[nxt], filters[nxt]) for nxt in ins[1]])
    if op == MATCH:
        return _match
    if op == START:
        return _start(steps[ins[1]])
    if op == END:
        return _end(steps[ins[1]])
    if op == REPEAT:
        return _repeat(steps[ins[1]], filters[ins[1]], ins[2], ins[3], steps[ins[4]], filters[ins[4]])
    if op == LOOP:
        holder: list[Step] = []
        loops.append((holder, ins[1]))
        return _loop(holder, ins[1], ins[2], ins[3], program[ins[1]][5])
    if op == CHECK:
        return _check(ins[1], steps[ins[2]])
    if op == SPAN:
        return _span(ins, steps[ins[3]], program[ins[3]][0] == MATCH, pc if tracing else None)
    nxt = _recording(pc, steps[ins[2]]) if tracing else steps[ins[2]]
    if op == FORMS:
        return _forms(ins[1], nxt, ins[3])
    if op == TAG:
        return _tag(ins[1], nxt, ins[3], None if tracing else filters[ins[2]])
    if op == REGEX:
        return _regex(ins[1], nxt, ins[3])
    if op == CLASS:
        return _class(ins, nxt, ins[3])
    if op == NOT:
        return _not(ins[1], nxt)
    if op == PHRASE:
        return _phrase(ins[1], ins[5], ins[3], ins[4], nxt)
    if op == ENTRY:
        return _entry(ins[1], nxt, ins[3])
    raise ValueError(f"not an instruction: {ins!r}")


def _match(walk: Walk, pos: int, count: int):
    return (pos, None)


def _split(branches: list[tuple[Step, tuple | None]]) -> Step:
    """Alternatives in order; with filters, those whose first token is not there are skipped."""
    if all(first is None for _, first in branches):
        nexts = tuple(step for step, _ in branches)

        def split(walk: Walk, pos: int, count: int):
            for step in nexts:
                result = step(walk, pos, count)
                if result is not None:
                    return result
            return None

        return split
    index: list[tuple[dict, tuple, tuple]] = []  # made on the first visit: most splits never get one

    def split_filtered(walk: Walk, pos: int, count: int):
        if not index:
            index.append(_split_index(branches))
        by_word, otherwise, at_end = index[0]
        lower = walk.lowers[pos]
        candidates = at_end if lower is None else by_word.get(lower, otherwise)
        for step, regexes in candidates:
            if regexes is not None and not walk.any_regex(regexes, pos):
                continue
            result = step(walk, pos, count)
            if result is not None:
                return result
        return None

    return split_filtered


def _split_index(branches: list[tuple[Step, tuple | None]]) -> tuple[dict, tuple, tuple]:
    """Which alternatives the token at a position lets a walk try, in order, as (step,
    regexes): the regexes (when not None) must match the token first.

    Found with one look-up of the token's lower form (`by_word`; `otherwise` for a form no
    filter names) instead of a test per alternative; at the end of the sentence only the
    alternatives without a filter are tried (`at_end`)."""
    naming: dict[str, list[int]] = {}  # the alternatives whose filter names each word
    for k, (_, first) in enumerate(branches):
        if first is not None:
            for word in first[0]:
                naming.setdefault(word, []).append(k)
    otherwise = tuple(
        (step, None if first is None else first[1]) for step, first in branches if first is None or first[1]
    )
    # Words named by the same alternatives let a walk try the same ones: worked out once.
    by_naming: dict[tuple[int, ...], tuple] = {(): otherwise}
    by_word = {}
    for word, named in naming.items():
        key = tuple(named)
        candidates = by_naming.get(key)
        if candidates is None:
            chosen = set(named)
            candidates = by_naming[key] = tuple(
                (step, None if first is None or k in chosen else first[1])
                for k, (step, first) in enumerate(branches)
                if first is None or k in chosen or first[1]
            )
        by_word[word] = candidates
    at_end = tuple((step, None) for step, first in branches if first is None)
    return by_word, otherwise, at_end


def _start(nxt: Step) -> Step:
    def start(walk: Walk, pos: int, count: int):
        return nxt(walk, pos, count) if pos == 0 else None

    return start


def _end(nxt: Step) -> Step:
    def end(walk: Walk, pos: int, count: int):
        return nxt(walk, pos, count) if all(not t.text[:1].isalnum() for t in walk.tokens[pos:]) else None

    return end


def _repeat(body: Step, body_first, low: int, high: int, nxt: Step, next_first) -> Step:
    """A counted repeat, greedy: the body once more while fewer than `high` are done, else (or
    when that fails) what follows once `low` are done."""

    def repeat(walk: Walk, pos: int, count: int):
        result = None
        if count < high and (body_first is None or admits(walk, body_first, pos)):
            result = body(walk, pos, count)
        if result is None and count >= low and (next_first is None or admits(walk, next_first, pos)):
            result = nxt(walk, pos, 0)
        return result

    return repeat


def _loop(head: list[Step], head_pc: int, low: int, high: int, consumed) -> Step:
    """The end of a counted repeat's body: one more done. Once more are allowed than the
    tokens ahead could fill, the count is set to where the walk from here is the same."""
    from stancekit.engine.vm import run_lengths  # here: vm imports this module

    def loop(walk: Walk, pos: int, count: int):
        done = count + 1
        if done >= low:
            runs = walk.runs.get(head_pc)
            if runs is None:
                runs = walk.runs[head_pc] = run_lengths(consumed, walk.context)
            if high - done > runs[pos]:
                done = high - runs[pos]
        return head[0](walk, pos, done)

    return loop


def _check(test: tuple, nxt: Step) -> Step:
    passes = _token_test(test)

    def check(walk: Walk, pos: int, count: int):
        if pos < walk.n and passes(walk, pos):
            return nxt(walk, pos, count)
        return None

    return check


def _token_test(test: tuple) -> Callable[[Walk, int], bool]:
    """A single-token test as a function of (walk, position inside the sentence). The tests
    rules use most (a word list or its negation, a regex) look straight at the token; the
    others go through the sentence's `TokenTests`, which work each out once per position."""
    kind, arg = test[0], test[1]
    if kind == FORMS:
        return lambda walk, pos: walk.lowers[pos] in arg
    if kind == NOT and arg[0] == FORMS:
        words = arg[1]
        return lambda walk, pos: walk.lowers[pos] not in words
    if kind == REGEX:
        return lambda walk, pos: walk.regex_matches(arg, pos)
    return lambda walk, pos: walk.test_passes(test, pos)


def _forms(words: frozenset[str], nxt: Step, flags: int) -> Step:
    if flags:

        def forms_noted(walk: Walk, pos: int, count: int):
            if walk.lowers[pos] in words:
                sub = nxt(walk, pos + 1, count)
                if sub is not None:
                    return (sub[0], ("t", pos, pos + 1, flags, sub[1]))
            return None

        return forms_noted

    def forms(walk: Walk, pos: int, count: int):
        if walk.lowers[pos] in words:
            return nxt(walk, pos + 1, count)
        return None

    return forms


def _one_token(passes: Callable[[Walk, int], bool], nxt: Step, flags: int) -> Step:
    """A one-token instruction whose test is `passes(walk, pos)` (only asked inside the sentence)."""

    def one_token(walk: Walk, pos: int, count: int):
        if pos < walk.n and passes(walk, pos):
            sub = nxt(walk, pos + 1, count)
            if sub is not None:
                return (sub[0], ("t", pos, pos + 1, flags, sub[1])) if flags else sub
        return None

    return one_token


def _tag(tags: frozenset[str], nxt: Step, flags: int, next_first) -> Step:
    """A tag costs tagging the sentence: not looked up when the token after it cannot go on
    with the match ("[PROPN] 's" where no "'s" follows)."""

    def tag(walk: Walk, pos: int, count: int):
        if pos < walk.n and (next_first is None or admits(walk, next_first, pos + 1)):
            tagged = walk.tags
            if tagged is None:
                tagged = walk.tags = walk.context.tags
            if tagged[pos] not in tags:
                return None
            sub = nxt(walk, pos + 1, count)
            if sub is not None:
                return (sub[0], ("t", pos, pos + 1, flags, sub[1])) if flags else sub
        return None

    return tag


def _regex(regex, nxt: Step, flags: int) -> Step:
    def regex_passes(walk: Walk, pos: int) -> bool:
        return walk.regex_matches(regex, pos)

    return _one_token(regex_passes, nxt, flags)


def _class(test: tuple, nxt: Step, flags: int) -> Step:
    def class_passes(walk: Walk, pos: int) -> bool:
        return walk.test_passes(test, pos)  # (CLASS, name, ...) is a test

    return _one_token(class_passes, nxt, flags)


def _not(test: tuple, nxt: Step) -> Step:
    if test[0] == FORMS:
        return _one_token(_token_test((NOT, test)), nxt, 0)

    def not_passes(walk: Walk, pos: int) -> bool:
        return not walk.test_passes(test, pos)

    return _one_token(not_passes, nxt, 0)


def _span(ins: tuple, nxt: Step, final: bool, tracing_pc: int | None) -> Step:
    """A typed capture: the spans its extractor gives from here, longest first as it gives
    them; the head test comes after the rest of the pattern, as a test of a tag tags the
    sentence, which only a match that could complete is worth."""
    from stancekit.engine.vm import passes  # here: vm imports this module

    _, capture_type, name, _, test = ins

    def span(walk: Walk, pos: int, count: int):
        context = walk.context
        cache = context.cache
        key = (capture_type, pos, final)
        ends = cache.get(key)
        if ends is None:
            ends = cache[key] = extractor_for(capture_type)(walk.tokens, pos, context, final) if pos < walk.n else ()
        if ends and tracing_pc is not None:
            walk.progress[tracing_pc] = max(walk.progress.get(tracing_pc, 0), ends[0])
        for end in ends:
            sub = nxt(walk, end, count)
            if sub is not None and (
                test is None or passes(test, context, head_of(capture_type, walk.tokens, pos, end, context.profile))
            ):
                return (sub[0], ("c", name, capture_type, pos, end, sub[1]))
        return None

    return span


def _phrase(key: str, test: tuple | None, capture: str | None, name: str, nxt: Step) -> Step:
    from stancekit.engine.vm import passes  # here: vm imports this module

    def phrase_step(walk: Walk, pos: int, count: int):
        context = walk.context
        phrase = context.phrases(key).get(pos) if pos < walk.n else None
        if phrase is not None and (test is None or passes(test, context, phrase.head)):
            sub = nxt(walk, phrase.end, count)
            if sub is not None:
                return (sub[0], ("p", capture, name, pos, phrase.end, sub[1])) if capture else sub
        return None

    return phrase_step


def _entry(table: dict, nxt: Step, flags: int) -> Step:
    """One lexicon entry of one or more tokens: the first that lets the match complete."""

    def entry(walk: Walk, pos: int, count: int):
        rests = table.get(walk.lowers[pos])
        if rests:
            lowers = walk.lowers
            n = walk.n
            for rest in rests:
                stop = pos + 1 + len(rest)
                if stop <= n and all(lowers[pos + 1 + k] == w for k, w in enumerate(rest)):
                    sub = nxt(walk, stop, count)
                    if sub is not None:
                        return (sub[0], ("t", pos, stop, flags, sub[1]))
        return None

    return entry
