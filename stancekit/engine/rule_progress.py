"""How far a rule got on a sentence: the furthest element of its pattern it matched, and the
one it failed on. `stancekit explain` and the failures of `stancekit test` show this."""

from __future__ import annotations

from dataclasses import dataclass

from stancekit.compiler.program import PHRASE, SPAN
from stancekit.compiler.ruleset import CompiledRule
from stancekit.engine.captures import extractor_for, head_of
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.vm import RawMatch, find_matches, passes


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
    #: Spans a capture would have taken but whose head failed the capture's tests
    #: (`{actor:ACTOR & !it}`), in words: why a rule with such tests did not match.
    refused: tuple[str, ...] = ()

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
    refused = () if matches else capture_refusals(rule, context)
    return RuleProgress(rule, matches, reached, failed, position, refused)


def capture_refusals(rule: CompiledRule, context: SentenceContext) -> tuple[str, ...]:
    """For each capture with tests in the rule, the spans of the sentence it would take and
    the test their head fails: "{actor:ACTOR} 'It': head 'It' fails `!it`"."""
    tokens = context.tokens
    found: list[str] = []
    for ins in rule.program:
        if ins[0] == SPAN and ins[4] is not None:
            name, kind, test = ins[2], ins[1], ins[4]
            spans = [
                (pos, end, head_of(kind, tokens, pos, end, context.profile))
                for pos in range(len(tokens))
                for end in extractor_for(kind)(tokens, pos, context, False)
            ]
        elif ins[0] == PHRASE and ins[5] is not None:
            name, kind, test = ins[3] or "", ins[4], ins[5]
            spans = [(p.start, p.end, p.head) for p in context.phrases(ins[1]).values()]
        else:
            continue
        for start, end, head in spans:
            failing = next(
                (text for part, text in zip(test[1], test[2], strict=True) if not passes(part, context, head)), None
            )
            if failing is not None:
                words = " ".join(t.text for t in tokens[start:end])
                note = f"{{{name}:{kind}}} {words!r}: head {tokens[head].text!r} fails `{failing}`"
                if note not in found:
                    found.append(note)
    return tuple(found)
