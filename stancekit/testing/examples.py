"""Running the examples and counter-examples written inside rule files.

Each example is scanned with the whole rule set, so overlap resolution applies as in a real
scan; then the findings of the rule that carries the example are compared with what the
example expects. An example passes when every expected finding is found and the rule finds
nothing else; a counter-example passes when the rule finds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.dsl.loader import RuleSet
from stancekit.dsl.model import Example, ExpectedFinding, Rule
from stancekit.engine.matcher import Matcher
from stancekit.findings import Finding


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    example: Example
    found: tuple[Finding, ...]
    missing: tuple[ExpectedFinding, ...]
    unexpected: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected

    @property
    def todo(self) -> bool:
        return self.example.todo is not None


def _same_text(expected: str, *actual: str | None) -> bool:
    wanted = " ".join(expected.split()).casefold()
    return any(a is not None and " ".join(a.split()).casefold() == wanted for a in actual)


def matches(expected: ExpectedFinding, finding: Finding) -> bool:
    """Whether `finding` is what `expected` describes (fields left unset are not compared)."""
    if expected.actor is not None and not _same_text(expected.actor, finding.actor.text, finding.actor.name):
        return False
    if expected.topic is not None and not _same_text(expected.topic, finding.topic.text, finding.topic.name):
        return False
    if expected.polarity is not None and expected.polarity != finding.polarity:
        return False
    return all(
        getattr(expected, flag) is None or getattr(expected, flag) == getattr(finding, flag)
        for flag in ("negated", "hedged", "quoted")
    )


def check_example(rule: Rule, example: Example, findings: Sequence[Finding]) -> ExampleResult:
    own = [f for f in findings if f.rule.id == rule.id]
    unmatched = list(own)
    missing: list[ExpectedFinding] = []
    for expected in example.expect:
        hit = next((f for f in unmatched if matches(expected, f)), None)
        if hit is None:
            missing.append(expected)
        else:
            unmatched.remove(hit)
    return ExampleResult(rule, example, tuple(own), tuple(missing), tuple(unmatched))


def run_examples(ruleset: RuleSet, compiled: CompiledRuleSet | None = None) -> list[ExampleResult]:
    """Every example of every rule, in rule order."""
    matcher = Matcher(compiled or ruleset.compile())
    results: list[ExampleResult] = []
    for rule in ruleset.rules:
        for example in rule.examples:
            findings = matcher.scan(example.text, doc_id=f"{rule.id}@{example.location.line}")
            results.append(check_example(rule, example, findings))
    return results
