"""How far a rule got on a text, in words a rule author can act on.

`stancekit.engine.rule_progress.trace_rule` reports the furthest pattern element a rule matched on
a sentence. Over a whole sentence that mixes attempts from different start words ("France"
as the actor, then "the two rail companies" as another), so the rule is traced once per start
word here (its program anchored there) and the attempt that got furthest, the earliest of
equals, is described: the words it matched, the pattern element it stopped at, and the word
it stopped on. Elements that may match nothing (`$ASIDE?`, `@adverbs*`) are passed over: the
one reported is the first that had to match and did not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from stancekit.compiler.program import CLASS, CUE, ENTRY, FORMS, REGEX, SPLIT, START, TAG
from stancekit.compiler.ruleset import CompiledRule
from stancekit.dsl import ast
from stancekit.dsl.loader import RuleSet
from stancekit.dsl.validate import ExpandedMacro, NameBinder, min_length
from stancekit.engine.matcher import Matcher
from stancekit.engine.rule_progress import RuleProgress, trace_rule
from stancekit.engine.sentence import SentenceContext
from stancekit.text.segment import Segmentation
from stancekit.text.tokens import Token, tokenize

#: Words of a matched stretch shown before it is cut with "...".
MAX_SHOWN_WORDS = 12


@dataclass(frozen=True)
class Attempt:
    """The furthest a rule got on one sentence.

    `first` and `size` say which top-level alternative of the pattern the attempt followed
    (the index of its first element, and how many elements it has): the whole pattern, but
    for a pattern written as `a b | c d`.
    """

    rule: CompiledRule
    tokens: Sequence[Token]
    progress: RuleProgress
    start: int  # the token the attempt began at
    failed: int | None  # the element it stopped at: the first required one after `reached`
    first: int = 0
    size: int = 0

    @property
    def matched(self) -> bool:
        return bool(self.progress.matches)

    @property
    def reached(self) -> int | None:
        return self.progress.reached

    @property
    def depth(self) -> int:
        """How many elements of its alternative the attempt got through."""
        return 0 if self.reached is None else self.reached - self.first + 1

    @property
    def score(self) -> tuple[int, int]:
        """Bigger is further: a whole match, then the elements got through."""
        return (int(self.matched), self.depth)

    @property
    def relevance(self) -> tuple[int, int, float]:
        """How much this attempt says about a missing finding, to rank rules by: a whole match,
        then one that got past the rule's stance words (its cue), then the share of the
        pattern matched."""
        past_cue = any(self.first <= cue <= (self.reached or -1) for cue in cue_elements(self.rule))
        return (int(self.matched), int(past_cue), self.depth / max(1, self.size))

    def describe(self) -> str:
        """One sentence: what the rule matched and where and why it stopped."""
        p = self.progress
        if self.matched:
            first = p.matches[0]
            return f"matched {quoted(_words(self.tokens, first.start, first.end))} (the whole pattern)"
        if p.reached is None:
            return f"nothing in the sentence matches the start of the pattern, {code(p.element_text(self.first))}"
        words = quoted(_words(self.tokens, self.start, p.position))
        read = f"matched {words} (as far as {code(p.element_text(p.reached))})"
        if self.failed is None:
            return f"{read}, but not the rest of the pattern"
        wanted = code(p.element_text(self.failed))
        if p.position >= len(self.tokens) or not any(t.text[:1].isalnum() for t in self.tokens[p.position :]):
            return f"{read}, then the sentence ended where {wanted} was needed"
        return f"{read}, then stopped at {quoted(self.tokens[p.position].text)}, which does not match {wanted}"


def cue_elements(rule: CompiledRule) -> frozenset[int]:
    """The top-level elements holding the rule's cue (the stance words its triggers come from)."""
    return frozenset(
        rule.element_of[pc]
        for pc, ins in enumerate(rule.program)
        if ins[0] in (FORMS, REGEX, CLASS, TAG, ENTRY) and ins[3] & CUE and rule.element_of[pc] >= 0
    )


def code(text: str) -> str:
    """A part of a pattern, set off from the words around it."""
    return f"`{text}`"


def quoted(text: str) -> str:
    """Text of the sentence inside typographic quotes, which stand out from the straight quote
    marks and apostrophes of the text itself."""
    return f"\u201c{text}\u201d"


def _words(tokens: Sequence[Token], start: int, end: int) -> str:
    """The words of tokens[start:end] as a reader sees them (the middle cut when long)."""
    shown = list(tokens[start:end])
    if not shown:
        return ""
    if len(shown) > MAX_SHOWN_WORDS:
        head, tail = shown[: MAX_SHOWN_WORDS // 2], shown[-MAX_SHOWN_WORDS // 2 :]
        return f"{_join(head)} ... {_join(tail)}"
    return _join(shown)


def _join(tokens: Sequence[Token]) -> str:
    text = ""
    for i, token in enumerate(tokens):
        if i and token.start > tokens[i - 1].end:
            text += " "
        text += token.text
    return text


def _anchored(rule: CompiledRule, start: int) -> CompiledRule:
    """`rule` with a program that can only begin at token `start` (a start-of-sentence test,
    then `start` tokens of anything, then the rule's own program)."""
    code = list(rule.program)
    nxt = rule.entry
    for _ in range(start):
        code.append((CLASS, "any", nxt, 0))
        nxt = len(code) - 1
    code.append((START, nxt))
    # `firsts` describes the instructions of the original program only
    return replace(rule, program=tuple(code), entry=len(code) - 1, firsts=())


def top_options(tree: ast.Node) -> list[list[ast.Node]]:
    """The top-level elements of a resolved pattern, by top-level alternative; flattened,
    they are numbered as the compiler numbers them."""
    if isinstance(tree, ExpandedMacro):
        return top_options(tree.body)
    if isinstance(tree, ast.Alternation):
        return [elements for option in tree.options for elements in top_options(option)]
    if isinstance(tree, ast.Sequence):
        return [list(tree.items)]
    return [[tree]]


def top_elements(tree: ast.Node) -> list[ast.Node]:
    return [element for option in top_options(tree) for element in option]


class Tracer:
    """Traces rules of one rule set; knows which pattern elements may match nothing."""

    def __init__(self, ruleset: RuleSet, matcher: Matcher):
        self.ruleset = ruleset
        #: Makes the sentence contexts rules are traced in, as the scan makes them.
        self.matcher = matcher
        self._layouts: dict[str, tuple[tuple[bool, int, int], ...]] = {}

    def layout(self, rule: CompiledRule) -> tuple[tuple[bool, int, int], ...]:
        """For each top-level element of `rule`: whether it may match no word at all, and the
        indices of the first element and after the last one of its top-level alternative.
        Empty when the rule's pattern cannot be found (then nothing is passed over)."""
        if rule.id not in self._layouts:
            found: tuple[tuple[bool, int, int], ...] = ()
            source = next((r for r in self.ruleset.rules if r.id == rule.id), None)
            owner = next((f for f in self.ruleset.files if f.display == rule.file), None)
            if source is not None and owner is not None:
                tree = NameBinder(self.ruleset, lambda _: None).bind(source.tree, source.pattern, owner.key)
                if tree is not None:
                    flat: list[tuple[bool, int, int]] = []
                    for option in top_options(tree):
                        first, end = len(flat), len(flat) + len(option)
                        flat.extend((min_length(element) == 0, first, end) for element in option)
                    if len(flat) == len(rule.elements):
                        found = tuple(flat)
            self._layouts[rule.id] = found
        return self._layouts[rule.id]

    def options(self, rule: CompiledRule) -> list[tuple[int, int, int]]:
        """(entry instruction, first element, end element) of each top-level alternative."""
        whole = [(rule.entry, 0, len(rule.elements))]
        bounds = sorted({(first, end) for _, first, end in self.layout(rule)})
        top = rule.program[rule.entry]
        if len(bounds) < 2 or top[0] != SPLIT or len(top[1]) != len(bounds):
            return whole
        return [(entry, first, end) for entry, (first, end) in zip(top[1], bounds, strict=True)]

    def attempt(self, rule: CompiledRule, tokens: Sequence[Token], context: SentenceContext) -> Attempt:
        """The furthest `rule` got on one sentence (the earliest of equally far attempts)."""
        whole = trace_rule(rule, context)
        if whole.matches:
            return Attempt(rule, tokens, whole, whole.matches[0].start, None, 0, len(rule.elements))
        best: Attempt | None = None
        for entry, first, end in self.options(rule):
            option = replace(rule, entry=entry)
            for start in range(len(tokens)):
                progress = trace_rule(_anchored(option, start), context)
                attempt = Attempt(rule, tokens, progress, start, self._failed(rule, progress, end), first, end - first)
                if best is None or attempt.score > best.score:
                    best = attempt
        if best is None or best.reached is None:
            return Attempt(rule, tokens, whole, 0, whole.failed, 0, len(rule.elements))
        return best

    def _failed(self, rule: CompiledRule, progress: RuleProgress, end: int) -> int | None:
        layout = self.layout(rule)
        if progress.reached is None or not layout:
            return progress.failed
        for index in range(progress.reached + 1, end):
            if not layout[index][0]:
                return index
        return None

    def furthest(self, rule: CompiledRule, text: str, segmentation: Segmentation) -> Attempt | None:
        """The furthest `rule` got on any sentence of `text`."""
        best: Attempt | None = None
        profile = self.matcher.compiled.profile
        for sentence in segmentation.sentences:
            tokens = tokenize(text, sentence.start, sentence.end, profile)
            if not tokens:
                continue
            context = self.matcher.sentence_context(tokens, segmentation, sentence)
            attempt = self.attempt(rule, tokens, context)
            if best is None or attempt.score > best.score:
                best = attempt
        return best
