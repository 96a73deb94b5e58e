"""Resolved pattern trees -> matcher programs.

A program is a tuple of instructions (plain tuples, so a compiled rule set pickles and caches
cheaply). Repeats are bounded. A short repeat (`?`, `{,3}`) is unrolled into copies of its
body; a long one (`{1,20}`) is one counted loop, its body compiled once (see `REPEAT`). The
matcher memoises (instruction, position, count) states, so it is linear in sentence length
times the unrolled size for any pattern the language allows. There is no backtracking that
can explode.

Instructions, by opcode::

    (MATCH,)                                   a match ends here
    (FORMS, frozenset, next, flags)            one token whose lower form is in the set
    (REGEX, compiled, next, flags)             one token the regex fully matches
    (CLASS, name, next, flags)                 one token of a token class
    (NOT, test, next, flags)                   one token that fails `test`
    (ENTRY, {first: (rest, ...)}, next, flags) one lexicon entry of one or more tokens
    (SPLIT, (a, b, ...))                       try a, then b, ...: earlier is preferred
    (SPAN, type, name, next, test)             a typed capture: a span its extractor gives whose
                                               head passes `test` (None: any)
    (START, next) / (END, next)                sentence start / end
    (TAG, frozenset, next, flags)              one token whose part-of-speech tag is in the set
    (CHECK, test, next)                        the next token passes `test`; consumes nothing
                                               (the extra tests of `a & b`)
    (PHRASE, key, next, capture, name, test)   one phrase of the phrase type `key` (shown as
                                               `name`); `capture` names it as a capture, or None;
                                               its head must pass `test` (None: any)
    (REPEAT, body, min, max, next, consumed)   a counted repeat, greedy: `body` once more
                                               while fewer than `max` are done, else (or when
                                               that fails) `next` once `min` are done; every
                                               token the body consumes passes the test
                                               `consumed` (None: unknown)
    (LOOP, repeat, min, max)                   the body of `repeat` (with its bounds) ended:
                                               one more is done

Only a repeat whose body always consumes a token is counted, and none inside another: the
count then only matters while more repetitions could still fit in the tokens ahead that pass
`consumed`, which lets the matcher treat states that differ in nothing else as one.

A single-token test (for NOT and CHECK) is (FORMS, set), (REGEX, compiled), (CLASS, name),
(TAG, set), (NOT, test): fails it, (SPLIT, tests): any of them, or (CHECK, tests): all of them.

`flags` marks literal tokens (they count towards a match's specificity) and cue tokens (the
stance expression itself: the rule's trigger element).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from stancekit.compiler.inflect import inflections
from stancekit.compiler.triggers import best_item, commonness
from stancekit.dsl import ast
from stancekit.dsl.validate import ExpandedMacro, ResolvedLexicon, ResolvedPhrase, is_tag
from stancekit.text.tokens import split_words

MATCH, FORMS, REGEX, CLASS, NOT, ENTRY, SPLIT, SPAN, START, END, TAG, CHECK, PHRASE, REPEAT, LOOP = range(15)
LITERAL = 1
CUE = 2
#: Optional repetitions (max - min) from which a repeat is compiled as a counted loop; shorter
#: ones are unrolled, which costs no more and keeps their states apart.
COUNTED_FROM = 4

Instruction = tuple


class ProgramBuilder:
    """Builds one program back to front: each node is compiled knowing where it continues."""

    def __init__(self) -> None:
        self.code: list[Instruction] = [(MATCH,)]
        #: The pattern's top-level elements (their spans in the pattern string), and for each
        #: instruction the element it belongs to: what `explain` reports progress in.
        self.elements: list[tuple[int, int]] = []
        self.element_of: dict[int, int] = {}
        #: Whether the body of a counted repeat is being compiled: repeats inside it are unrolled.
        self._in_loop = False
        #: The first instruction of each top-level alternative's cue element; emptied for good
        #: once an alternative has no cue (see `cues`).
        self._cues: list[int] | None = []

    def emit(self, instruction: Instruction) -> int:
        self.code.append(instruction)
        return len(self.code) - 1

    def build(self, tree: ast.Node) -> tuple[tuple[Instruction, ...], int]:
        entry = self._top(tree, 0)
        return tuple(self.code), entry

    def cues(self) -> tuple[int, ...]:
        """Where each top-level alternative's cue element begins: every match walks from one
        of them, at the cue's position, to its end, so a sentence where none of them reaches the
        end of the pattern holds no match (see `engine.vm.find_matches`). Empty if some
        alternative has no cue (it may match anywhere)."""
        return tuple(self._cues) if self._cues else ()

    def element_map(self) -> tuple[int, ...]:
        """For each instruction, the index of its top-level element (-1 for none)."""
        return tuple(self.element_of.get(pc, -1) for pc in range(len(self.code)))

    def _element(self, node: ast.Node, nxt: int, cue: int, index: int) -> int:
        before = len(self.code)
        entry = self.compile(node, nxt, cue)
        for pc in range(before, len(self.code)):
            self.element_of.setdefault(pc, index)
        return entry

    def _top(self, node: ast.Node, nxt: int) -> int:
        """Compile the top level, marking the trigger element of each alternative as the cue."""
        if isinstance(node, ExpandedMacro):
            return self._top(node.body, nxt)
        if isinstance(node, ast.Alternation):
            return self.emit((SPLIT, tuple(self._top(o, nxt) for o in node.options)))
        if isinstance(node, ast.Sequence):
            cue_index, _ = best_item(node.items)
            base = len(self.elements)
            self.elements.extend((item.span.start, item.span.end) for item in node.items)
            for i in range(len(node.items) - 1, -1, -1):
                nxt = self._element(node.items[i], nxt, CUE if i == cue_index else 0, base + i)
                if i == cue_index:
                    self._cue_at(nxt)
            if cue_index is None:
                self._cues = None
            return nxt
        self.elements.append((node.span.start, node.span.end))
        entry = self._element(node, nxt, CUE, len(self.elements) - 1)
        self._cue_at(entry)
        return entry

    def _cue_at(self, pc: int) -> None:
        if self._cues is not None:
            self._cues.append(pc)

    def compile(self, node: ast.Node, nxt: int, cue: int = 0) -> int:
        if isinstance(node, ast.Sequence):
            for item in reversed(node.items):
                nxt = self.compile(item, nxt, cue)
            return nxt
        if isinstance(node, ast.Alternation):
            return self.emit((SPLIT, tuple(self.compile(o, nxt, cue) for o in node.options)))
        if isinstance(node, ExpandedMacro):
            return self.compile(node.body, nxt, cue)
        if isinstance(node, ast.Repeat):
            if not self._in_loop and node.max - node.min >= COUNTED_FROM and min_tokens(node.body) >= 1:
                return self._counted(node, nxt, cue)
            tail = nxt
            for _ in range(node.max - node.min):
                tail = self.emit((SPLIT, (self.compile(node.body, tail, cue), nxt)))
            for _ in range(node.min):
                tail = self.compile(node.body, tail, cue)
            return tail
        if isinstance(node, ast.Word):
            words = split_words(node.text)
            if len(words) == 1:
                return self.emit((FORMS, inflections(words[0]), nxt, LITERAL | cue))
            return self._exact(words, nxt, cue)
        if isinstance(node, ast.Literal):
            return self._exact(split_words(node.text), nxt, cue)
        if isinstance(node, ResolvedLexicon):
            return self._lexicon(node, nxt, cue)
        if isinstance(node, ast.Capture):
            return self.emit((SPAN, node.type, node.name, nxt, head_test(node.tests)))
        if isinstance(node, ResolvedPhrase):
            return self.emit((PHRASE, node.key, nxt, node.capture, node.phrase.name, head_test(node.tests)))
        if isinstance(node, ast.AllOf):
            entry = self.compile(node.parts[0], nxt, cue)
            for part in reversed(node.parts[1:]):
                entry = self.emit((CHECK, token_test(part), entry))
            return entry
        if isinstance(node, ast.SentenceStart):
            return self.emit((START, nxt))
        if isinstance(node, ast.SentenceEnd):
            return self.emit((END, nxt))
        if isinstance(node, ast.Not):
            return self.emit((NOT, token_test(node.body), nxt, 0))
        test = token_test(node)
        return self.emit((*test[:1], test[1], nxt, LITERAL | cue if test[0] not in (CLASS, TAG) else cue))

    def _counted(self, node: ast.Repeat, nxt: int, cue: int) -> int:
        """A repeat as one loop: its body compiled once, ending in a LOOP back to its REPEAT."""
        loop = self.emit((LOOP, -1))
        self._in_loop = True
        try:
            body = self.compile(node.body, loop, cue)
        finally:
            self._in_loop = False
        head = self.emit((REPEAT, body, node.min, node.max, nxt, consumed_test(self.code[loop + 1 :])))
        self.code[loop] = (LOOP, head, node.min, node.max)
        return head

    def _exact(self, words: list[str], nxt: int, cue: int) -> int:
        for word in reversed(words):
            nxt = self.emit((FORMS, frozenset({word}), nxt, LITERAL | cue))
        return nxt

    def _lexicon(self, node: ResolvedLexicon, nxt: int, cue: int) -> int:
        table = lexicon_table(node.lexicon.entries, node.lexicon.inflect)
        if all(rests == ((),) for rests in table.values()):
            return self.emit((FORMS, frozenset(table), nxt, LITERAL | cue))
        return self.emit((ENTRY, table, nxt, LITERAL | cue))


class LexiconTable(dict):
    """First-word form -> the rest of each entry starting with it (see `lexicon_table`): a dict
    of its own type, so that the rule cache can pickle each table once for all the rules that
    hold it."""

    __slots__ = ()


@lru_cache(maxsize=4096)
def lexicon_table(entries: tuple[str, ...], inflect: bool) -> LexiconTable:
    """First-word form -> the rest of each entry starting with it, longest first.

    In a multi-word entry only the first word is inflected (`call for` -> calls for,
    called for); the other words match exactly. A pack names the same lexicons in hundreds
    of places (a macro expands one into every rule that uses it), so each table is built
    once and shared by every instruction that reads it; no one changes it after.
    """
    table: dict[str, set[tuple[str, ...]]] = {}
    for entry in entries:
        words = split_words(entry)
        if not words:
            continue
        firsts = inflections(words[0]) if inflect else frozenset({words[0]})
        for form in firsts:
            table.setdefault(form, set()).add(tuple(words[1:]))
    return LexiconTable((k, tuple(sorted(v, key=lambda r: (-len(r), r)))) for k, v in table.items())


def min_tokens(node: ast.Node) -> int:
    """The fewest tokens `node` can match (0 when unsure: a capture, a phrase, an anchor)."""
    if isinstance(node, ast.Sequence):
        return sum(min_tokens(i) for i in node.items)
    if isinstance(node, ast.Alternation):
        return min(min_tokens(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.min * min_tokens(node.body)
    if isinstance(node, ExpandedMacro):
        return min_tokens(node.body)
    if isinstance(node, (ast.Word, ast.Literal)):
        return len(split_words(node.text))
    if isinstance(node, ResolvedLexicon):
        return entry_lengths(node.lexicon.entries)[0] or 1
    if isinstance(node, (ast.Regex, ast.TokenClass, ast.Not)):
        return 1
    if isinstance(node, ast.AllOf):
        return min_tokens(node.parts[0])
    return 0


@lru_cache(maxsize=4096)
def entry_lengths(entries: tuple[str, ...]) -> tuple[int, int]:
    """The fewest and the most words of a lexicon's entries (0, 0 for none), worked out once
    per lexicon: macros name the same lexicons in hundreds of places."""
    lengths = [len(words) for words in map(split_words, entries) if words]
    return (min(lengths), max(lengths)) if lengths else (0, 0)


def consumed_test(body: Sequence[Instruction]) -> tuple | None:
    """A token test that every token the instructions `body` consume passes (a union of their
    tests), or None when that is unknown or would need the sentence's tags."""
    words: set[str] = set()
    tests: list[tuple] = []
    for ins in body:
        op = ins[0]
        if op == FORMS:
            words |= ins[1]
        elif op == ENTRY:
            words.update(ins[1])
            words.update(w for rests in ins[1].values() for rest in rests for w in rest)
        elif op == REGEX:
            tests.append((REGEX, ins[1]))
        elif op == CLASS and ins[1] != "any":
            tests.append((CLASS, ins[1]))
        elif op == NOT and not uses_tags(ins[1]):
            tests.append((NOT, ins[1]))
        elif op not in (SPLIT, CHECK, START, END, LOOP):
            return None
    if words:
        tests.insert(0, (FORMS, frozenset(words)))
    return (SPLIT, tuple(tests))


def uses_tags(test: tuple) -> bool:
    """Whether a token test looks at part-of-speech tags (which tag the whole sentence)."""
    kind, arg = test[0], test[1]
    if kind == TAG:
        return True
    if kind in (SPLIT, CHECK):
        return any(uses_tags(t) for t in arg)
    return kind == NOT and uses_tags(arg)


def head_test(tests: Sequence[ast.Node]) -> tuple | None:
    """The test a capture's head must pass (`{x:TYPE & a & b}`: all of a, b), or None. A
    third member keeps each test as written, for `explain` to name the one that refused."""
    if not tests:
        return None
    return (CHECK, tuple(token_test(t) for t in tests), tuple(test_source(t) for t in tests))


def test_source(node: ast.Node) -> str:
    """A one-token test as a rule author writes it: `!it`, `@machines`, `[NOUN]`."""
    if isinstance(node, ast.Not):
        return "!" + test_source(node.body)
    if isinstance(node, ast.Word):
        return node.text
    if isinstance(node, ast.Literal):
        return repr(node.text)
    if isinstance(node, ast.Regex):
        return f"/{node.source}/{node.flags}"
    if isinstance(node, ast.TokenClass):
        return f"[{node.name}]"
    if isinstance(node, ResolvedLexicon):
        where = node.lexicon.location
        return f"@{node.lexicon.name} ({where.file}:{where.line})" if where else f"@{node.lexicon.name}"
    if isinstance(node, ExpandedMacro):
        return f"${node.name}"
    if isinstance(node, ast.AllOf):
        return " & ".join(test_source(p) for p in node.parts)
    if isinstance(node, ast.Alternation):
        return "(" + " | ".join(test_source(o) for o in node.options) + ")"
    return "?"


def token_test(node: ast.Node) -> tuple:
    """A single-token test as (opcode, argument), for direct use or under NOT."""
    if isinstance(node, ast.Word):
        words = split_words(node.text)
        return (FORMS, inflections(words[0]) if len(words) == 1 else frozenset(words))
    if isinstance(node, ast.Literal):
        return (FORMS, frozenset(split_words(node.text)))
    if isinstance(node, ast.Regex):
        return (REGEX, re.compile(node.source, re.IGNORECASE if "i" in node.flags else 0))
    if isinstance(node, ast.TokenClass):
        return (TAG, frozenset({node.name})) if is_tag(node.name) else (CLASS, node.name)
    if isinstance(node, ast.AllOf):
        return (CHECK, tuple(token_test(p) for p in node.parts))
    if isinstance(node, ast.Not):
        return (NOT, token_test(node.body))
    if isinstance(node, ResolvedLexicon):
        return (FORMS, frozenset(lexicon_table(node.lexicon.entries, node.lexicon.inflect)))
    if isinstance(node, ExpandedMacro):
        return token_test(node.body)
    if isinstance(node, ast.Alternation):
        tests = tuple(token_test(o) for o in node.options)
        if all(t[0] == FORMS for t in tests):
            return (FORMS, frozenset().union(*(t[1] for t in tests)))
        if all(t[0] == TAG for t in tests):
            return (TAG, frozenset().union(*(t[1] for t in tests)))
        return (SPLIT, tests)
    raise TypeError(f"not a single-token test: {type(node).__name__}")


#: A first-token filter: the words and regexes one of which the next token must match for an
#: instruction to have any chance; None when anything (or nothing) may come first.
FirstFilter = tuple[frozenset[str], tuple] | None


def first_filters(
    program: Sequence[Instruction], phrase_firsts: Mapping[str, FirstFilter] | None = None
) -> tuple[FirstFilter, ...]:
    """For every instruction, what the first token it consumes can be.

    The matcher checks the filter before trying a branch of a SPLIT, so an alternative whose
    first word is not there costs one set lookup instead of a walk through its instructions
    (most of a pattern's alternatives fail on their first token). A phrase element takes the
    filter of its phrase type's pattern (`phrase_firsts`, by key), when that has one: a
    sentence without a word that can start the phrase never computes it (nor tags for it).
    """
    filters = _FirstFilters(program, phrase_firsts)
    return tuple(None if (f := filters.first(pc)) is _ANYTHING else f for pc in range(len(program)))


#: What `_FirstFilters` says of an instruction whose first token may be anything.
_ANYTHING = object()


class _FirstFilters:
    """Each instruction's first-token filter, worked out once. Methods, not functions nested
    in `first_filters` that call one another: those are a reference cycle, which kept every
    program's memo alive until the cycle collector's next pass."""

    def __init__(self, program: Sequence[Instruction], phrase_firsts: Mapping[str, FirstFilter] | None):
        self.program = program
        self.phrase_firsts = phrase_firsts
        self.memo: dict[int, object] = {}

    def first(self, pc: int):
        memo = self.memo
        if pc in memo:
            return memo[pc]
        memo[pc] = _ANYTHING  # a cycle cannot happen (programs are acyclic); be safe anyway
        ins = self.program[pc]
        op = ins[0]
        phrase_firsts = self.phrase_firsts
        if op in (FORMS, ENTRY):
            found = (frozenset(ins[1]), ())
        elif op == REGEX:
            found = (frozenset(), (ins[1],))
        elif op in (START, END):
            found = self.first(ins[1])
        elif op == CHECK:
            found = self.first(ins[2])  # consumes nothing: the token it tests is the next one's first
        elif op == PHRASE and phrase_firsts is not None and phrase_firsts.get(ins[1]) is not None:
            found = phrase_firsts[ins[1]]
        elif op == SPLIT:
            found = self.either(ins[1])
        elif op == REPEAT:
            found = self.first(ins[1]) if ins[2] >= 1 else self.either((ins[1], ins[4]))
        else:  # MATCH (may end without a token), CLASS, TAG, NOT, SPAN, PHRASE, LOOP: no filter
            found = _ANYTHING
        memo[pc] = found
        return found

    def either(self, branches: Sequence[int]):
        words: set[str] = set()
        regexes: list = []
        for branch in branches:
            sub = self.first(branch)
            if sub is _ANYTHING:
                return _ANYTHING
            words |= sub[0]
            regexes.extend(sub[1])
        return (frozenset(words), tuple(regexes))


#: A start anchor: words one of which every match holds within a distance of where it starts
#: (0: the first token), or None when the program offers none.
Anchor = tuple[frozenset[str], int] | None


def start_anchor(
    program: Sequence[Instruction], entry: int, phrase_anchors: Mapping[str, Anchor] | None = None
) -> Anchor:
    """Words of which every match from `entry` holds one within a bounded distance of its start.

    A pattern such as "(!@clause_stops){0,9} (should | must) ..." can only start up to ten
    tokens before its "should": the matcher skips every other start position with one look at
    where those words stand, instead of walking the pattern from each of them. Where a match
    may take either of two words, the one less common in text is taken (see `triggers._score`).
    A phrase element takes its phrase type's anchor (`phrase_anchors`, by key)."""
    bounds = _StartBounds(program, phrase_anchors or {})
    # the compiler emits what an instruction leads to before it (but for a repeat's loop, which
    # ends the walk of its body): from the first instruction up, each one's successors are
    # known when it is asked, and a program of thousands needs no deep recursion
    for pc in range(min(entry, len(program) - 1) + 1):
        bounds.width(pc)
        bounds.anchor(pc)
    return bounds.anchor(entry)


class _StartBounds:
    """Each instruction's width and anchor, worked out once (methods for the reason
    `_FirstFilters` gives)."""

    def __init__(self, program: Sequence[Instruction], phrase_anchors: Mapping[str, Anchor]):
        self.program = program
        self.phrase_anchors = phrase_anchors
        self.widths: dict[int, int | None] = {}
        self.anchors: dict[int, Anchor] = {}

    def width(self, pc: int) -> int | None:
        """The most tokens a walk from `pc` consumes before the end of the pattern (or of the
        repeat body `pc` is in); None: no bound (a capture or a phrase on the way)."""
        widths = self.widths
        if pc not in widths:
            widths[pc] = _width(self.program, pc, self.width)
        return widths[pc]

    def anchor(self, pc: int) -> Anchor:
        anchors = self.anchors
        if pc not in anchors:
            anchors[pc] = _anchor(self.program, pc, self.anchor, self.width, self.phrase_anchors)
        return anchors[pc]


def _width(program: Sequence[Instruction], pc: int, width) -> int | None:
    ins = program[pc]
    op = ins[0]
    if op in (MATCH, LOOP):
        return 0
    if op in (FORMS, REGEX, CLASS, TAG, NOT):
        rest = width(ins[2])
        return None if rest is None else 1 + rest
    if op == ENTRY:
        rest = width(ins[2])
        longest = max((len(r) for rests in ins[1].values() for r in rests), default=0)
        return None if rest is None else 1 + longest + rest
    if op == SPLIT:
        found = [width(b) for b in ins[1]]
        return None if None in found else max(found)
    if op == CHECK:
        return width(ins[2])
    if op in (START, END):
        return width(ins[1])
    if op == REPEAT:
        body, rest = width(ins[1]), width(ins[4])
        return None if body is None or rest is None else ins[3] * body + rest
    return None  # SPAN, PHRASE


def _shifted(found: Anchor, by: int | None) -> Anchor:
    return None if found is None or by is None else (found[0], found[1] + by)


def _rarer(a: Anchor, b: Anchor) -> Anchor:
    """Of two anchors every match holds, the one that rules out more start positions."""
    if a is None or b is None:
        return a if b is None else b
    return a if (commonness(a[0]), a[1]) <= (commonness(b[0]), b[1]) else b


def _anchor(program: Sequence[Instruction], pc: int, anchor, width, phrase_anchors) -> Anchor:
    ins = program[pc]
    op = ins[0]
    if op == FORMS:
        return _rarer((frozenset(ins[1]), 0), _shifted(anchor(ins[2]), 1))
    if op == ENTRY:
        longest = max((len(r) for rests in ins[1].values() for r in rests), default=0)
        return _rarer((frozenset(ins[1]), 0), _shifted(anchor(ins[2]), 1 + longest))
    if op in (REGEX, CLASS, TAG, NOT):
        return _shifted(anchor(ins[2]), 1)
    if op == CHECK:
        own = (frozenset(ins[1][1]), 0) if ins[1][0] == FORMS else None
        return _rarer(own, anchor(ins[2]))
    if op in (START, END):
        return anchor(ins[1])
    if op == SPLIT:
        found = [anchor(b) for b in ins[1]]
        if not found or None in found:
            return None
        return (frozenset().union(*(f[0] for f in found)), max(f[1] for f in found))
    if op == PHRASE:
        return phrase_anchors.get(ins[1])
    if op == REPEAT:
        body, low, high, nxt = ins[1], ins[2], ins[3], ins[4]
        body_width = width(body)
        after = _shifted(anchor(nxt), None if body_width is None else high * body_width)
        return _rarer(anchor(body), after) if low >= 1 else after
    return None  # MATCH, LOOP, SPAN: no word is certain from here
