"""How far a rule got on a sentence: the furthest element of its pattern it matched, and the
one it failed on. `stancekit explain` and the failures of `stancekit test` show this."""

from __future__ import annotations

from dataclasses import dataclass

from stancekit.compiler.ruleset import CompiledRule
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.vm import RawMatch, find_matches


@dataclass(frozen=True)
class RuleProgress:
    """A rule's run over one sentence.

    `reached` is the index of the furthest top-level pattern element that matched something
    (None when not even the first did), `failed` the element after it, where matching
    stopped (None when the rule matched), `position` the token position reached.
    """

    rule: CompiledRule
    matches: tuple[RawMatch, ...]
    reached: int | None
    failed: int | None
    position: int

    def element_text(self, index: int | None) -> str:
        if index is None or not (0 <= index < len(self.rule.elements)):
            return ""
        start, end = self.rule.elements[index]
        return self.rule.pattern[start:end]


def trace_rule(rule: CompiledRule, context: SentenceContext) -> RuleProgress:
    progress: dict[int, int] = {}
    matches = tuple(find_matches(rule.program, rule.entry, context, progress))
    reached = None
    position = 0
    for pc, pos in progress.items():
        element = rule.element_of[pc] if pc < len(rule.element_of) else -1
        if element < 0:
            continue
        if reached is None or element > reached or (element == reached and pos > position):
            reached, position = element, pos
    if matches:
        failed = None
    elif reached is None:
        failed = 0 if rule.elements else None
    else:
        failed = reached + 1 if reached + 1 < len(rule.elements) else None
    return RuleProgress(rule, matches, reached, failed, position)
