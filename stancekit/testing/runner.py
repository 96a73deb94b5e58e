"""Running rule tests: the examples of every rule and the tests of the test files.

The rule set is compiled once and every text is scanned once, with the whole rule set (so
overlap resolution applies as in a real scan). Only a failure costs more: the rules are
then traced over its text to say how far each got (`stancekit.testing.progress`).

Each test ends in one of four states:

- **passed**;
- **failed**: fails the run;
- **todo**: marked `todo` and failing, a known failure that does not fail the run;
- **fixed**: marked `todo` but passing. It fails the run, as pytest's strict xfail does: a
  mark left on a test that passes would let the rule break again unnoticed, so the mark must
  be removed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from stancekit.compiler.ruleset import CompiledRule, CompiledRuleSet
from stancekit.dsl.loader import RuleSet
from stancekit.dsl.model import Example, ExpectedFinding, PhraseExample, PhraseType, Rule
from stancekit.dsl.validate import phrase_key
from stancekit.engine.matcher import Matcher, spans_overlap
from stancekit.engine.trace import SentenceScanned, TraceRecorder
from stancekit.findings import Finding
from stancekit.testing.examples import assign
from stancekit.testing.progress import Attempt, Tracer
from stancekit.testing.testfiles import TestCase
from stancekit.text.segment import segment
from stancekit.text.tokens import tokenize

PASSED, FAILED, TODO, FIXED = "passed", "failed", "todo", "fixed"
STATUSES = (PASSED, FAILED, TODO, FIXED)
EXAMPLE, COUNTER_EXAMPLE, TEST, PHRASE_EXAMPLE = "example", "counter-example", "test", "phrase example"


@dataclass(frozen=True)
class Trace:
    """How far one rule got on a failing text, in words."""

    rule: str
    pattern: str
    summary: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "pattern": self.pattern, "summary": self.summary}


@dataclass(frozen=True)
class Outcome:
    """The result of one example or test.

    `findings` are the findings the test is about (for a rule's example, that rule's own;
    for a test file, all of them), `others` the other rules' findings on an example's text
    (shown, not judged). `missing` and `extra` index `expected` and `findings`.
    """

    kind: str
    classname: str
    file: str
    line: int
    text: str
    expected: tuple[ExpectedFinding, ...]
    findings: tuple[Finding, ...]
    missing: tuple[int, ...]
    extra: tuple[int, ...]
    todo: str | None = None
    rule: str | None = None
    others: tuple[Finding, ...] = ()
    traces: tuple[Trace, ...] = ()
    #: Said when no rule could be traced ("no rule's words appear in the text").
    trace_note: str | None = None
    seconds: float = 0.0
    #: For a phrase example: the phrase texts expected, those found, and the sentence's tokens
    #: with their tags ("The/DET senator/NOUN"), which say why a phrase was or was not found.
    phrases: tuple[tuple[str, ...], tuple[str, ...], str] | None = None

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra

    @property
    def status(self) -> str:
        if self.todo is None:
            return PASSED if self.ok else FAILED
        return FIXED if self.ok else TODO

    @property
    def name(self) -> str:
        """A stable name for reports: where the test is written and the start of its text."""
        text = " ".join(self.text.split())
        return f"{self.file}:{self.line}: {text[:60]}{'...' if len(text) > 60 else ''}"


@dataclass(frozen=True)
class TestRun:
    outcomes: tuple[Outcome, ...]
    seconds: float

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def passed(self) -> int:
        return self.count(PASSED)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def todo(self) -> int:
        return self.count(TODO)

    @property
    def fixed(self) -> int:
        return self.count(FIXED)

    @property
    def ok(self) -> bool:
        """Whether the run passes: nothing failed and no todo mark is left on a passing test."""
        return not self.failed and not self.fixed

    def summary(self) -> str:
        """The last line of a report: `148 passed, 0 failed`. A todo test that passes counts
        as failed here, since it fails the run (its todo mark must go)."""
        return f"{self.passed} passed, {self.failed + self.fixed} failed"

    def tally(self) -> str:
        """`2 todo, 1 fixed` (the line before the summary), or "" when there are neither."""
        parts = [f"{n} {name}" for n, name in ((self.todo, "todo"), (self.fixed, "fixed")) if n]
        return ", ".join(parts)


class Runner:
    """Runs tests against one compiled rule set."""

    def __init__(self, ruleset: RuleSet, compiled: CompiledRuleSet | None = None):
        self.ruleset = ruleset
        self.compiled = compiled or ruleset.compile()
        self.matcher = Matcher(self.compiled, excerpts=True)
        self.by_id: dict[str, CompiledRule] = {rule.id: rule for rule in self.compiled.rules}
        self._tracer: Tracer | None = None

    @property
    def tracer(self) -> Tracer:
        if self._tracer is None:
            self._tracer = Tracer(self.ruleset, self.matcher)
        return self._tracer

    def run(self, cases: Sequence[TestCase] = ()) -> TestRun:
        """Every example of every rule, in rule order, then `cases` (the tests of test files)."""
        began = time.perf_counter()
        outcomes = [
            self.run_phrase_example(phrase, example)
            for rule_file in self.ruleset.files
            for phrase in rule_file.phrases.values()
            for example in phrase.examples
        ]
        outcomes.extend(self.run_example(rule, example) for rule in self.ruleset.rules for example in rule.examples)
        outcomes.extend(self.run_case(case) for case in cases)
        return TestRun(tuple(outcomes), time.perf_counter() - began)

    def run_example(self, rule: Rule, example: Example) -> Outcome:
        began = time.perf_counter()
        findings = self.matcher.scan(example.text, doc_id=f"{rule.id}@{example.location.line}")
        own = tuple(f for f in findings if f.rule.id == rule.id)
        _, missing, extra = assign(example.expect, own)
        outcome = Outcome(
            kind=COUNTER_EXAMPLE if example.counter else EXAMPLE,
            classname=rule.id,
            file=example.location.file,
            line=example.location.line,
            text=example.text,
            expected=example.expect,
            findings=own,
            missing=tuple(missing),
            extra=tuple(extra),
            todo=example.todo,
            rule=rule.id,
            others=tuple(f for f in findings if f.rule.id != rule.id),
        )
        if outcome.status == FAILED and outcome.missing and rule.id in self.by_id:
            traces = self._traces([self.by_id[rule.id]], example.text, findings)
            outcome = replace(outcome, traces=traces)
        return replace(outcome, seconds=time.perf_counter() - began)

    def run_phrase_example(self, phrase: PhraseType, example: PhraseExample) -> Outcome:
        """The phrases of one type found in an example's text, against those it lists."""
        began = time.perf_counter()
        text = example.text
        found: list[str] = []
        tagged: list[str] = []
        for sentence in segment(text, self.compiled.profile).sentences:
            tokens = tokenize(text, sentence.start, sentence.end, self.compiled.profile)
            if not tokens:
                continue
            context = self.matcher.sentence_context(tokens)
            tagged.extend(f"{t.text}/{tag}" for t, tag in zip(tokens, context.tags, strict=True))
            for found_phrase in context.phrases(phrase_key(phrase)).values():
                found.append(text[tokens[found_phrase.start].start : tokens[found_phrase.end - 1].end])
        expected = [" ".join(e.split()) for e in example.expect]
        got = [" ".join(f.split()) for f in found]
        return Outcome(
            kind=PHRASE_EXAMPLE,
            classname=f"<{phrase.name}>",
            file=example.location.file,
            line=example.location.line,
            text=text,
            expected=(),
            findings=(),
            missing=tuple(i for i, e in enumerate(expected) if e not in got),
            extra=tuple(j for j, g in enumerate(got) if g not in expected),
            phrases=(tuple(expected), tuple(got), " ".join(tagged)),
            seconds=time.perf_counter() - began,
        )

    def run_case(self, case: TestCase) -> Outcome:
        began = time.perf_counter()
        findings = self.matcher.scan(case.text, doc_id=f"{case.file}@{case.line}")
        _, missing, extra = assign(case.expect, findings)
        outcome = Outcome(
            kind=TEST,
            classname=case.file,
            file=case.file,
            line=case.line,
            text=case.text,
            expected=case.expect,
            findings=tuple(findings),
            missing=tuple(missing),
            extra=tuple(extra),
            todo=case.todo,
        )
        if outcome.status == FAILED and outcome.missing:
            named = [e.rule for i, e in enumerate(case.expect) if i in missing and e.rule]
            note = None
            if named:
                rules = [self.by_id[r] for r in dict.fromkeys(named) if r in self.by_id]
            else:
                tried = self._tried(case.text)
                gave = {f.rule.id for f in findings}
                rules = [r for r in tried if r.id not in gave]
                if not tried:
                    note = "no rule's trigger words appear in the text"
                elif not rules:
                    note = "every rule whose trigger words appear in the text gave a finding (under 'got')"
            outcome = replace(outcome, traces=self._traces(rules, case.text, findings), trace_note=note)
        return replace(outcome, seconds=time.perf_counter() - began)

    def _tried(self, text: str) -> list[CompiledRule]:
        """The rules a scan of `text` tries because their trigger words are in it, as the
        scan's trace names them."""
        recorder = TraceRecorder()
        Matcher(self.compiled, tagger=self.matcher.tagger, observer=recorder, excerpts=True).scan(text)
        indices = sorted({i for event in recorder.of_type(SentenceScanned) for i in event.rules})
        return [r for r in (self.compiled.rules[i] for i in indices) if r.triggers is not None]

    def _traces(self, rules: Sequence[CompiledRule], text: str, findings: Sequence[Finding]) -> tuple[Trace, ...]:
        segmentation = segment(text, self.compiled.profile)
        attempts = [a for a in (self.tracer.furthest(rule, text, segmentation) for rule in rules) if a is not None]
        attempts.sort(key=lambda a: a.relevance, reverse=True)
        return tuple(Trace(a.rule.id, a.rule.pattern, _summary(a, findings)) for a in attempts)


def _summary(attempt: Attempt, findings: Sequence[Finding]) -> str:
    """How far the rule got, and for a whole match, why no finding came of it as expected."""
    said = attempt.describe()
    if not attempt.matched:
        return said
    own = [f for f in findings if f.rule.id == attempt.rule.id]
    if own:
        return f"{said}; its finding differs from the one expected"
    match = attempt.progress.matches[0]
    tokens = attempt.tokens
    if match.cue is not None:
        cue = (tokens[match.cue[0]].start, tokens[match.cue[1] - 1].end)
        winners = sorted(
            {f.rule.id for f in findings if f.cue is not None and spans_overlap(cue, (f.cue.start, f.cue.end))}
        )
        if winners:
            return f"{said}, but another rule read the same words and won: {', '.join(winners)}"
    return (
        f"{said}, but no finding came of it: it reads as something else (a passive, a noun, an adverb), "
        "or another finding covers the same words"
    )
