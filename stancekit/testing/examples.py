"""Running the examples and counter-examples written inside rule files.

Each example is scanned with the whole rule set, so overlap resolution applies as in a real
scan; then the findings of the rule that carries the example are compared with what the
example expects. An example passes when every expected finding is found and the rule finds
nothing else; a counter-example passes when the rule finds nothing.

Expected findings are paired with findings as a whole (`assign`), not first come first
served: a loose expectation ("any actor, oppose") never takes the finding that a precise one
needs.
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
    """Whether `finding` is what `expected` describes (fields left unset are not compared).

    The actor and topic compare with the text or the name, ignoring case and spacing; an
    expectation with a `rule` (those of test files may have one) also compares the rule id.
    """
    rule = expected.rule
    if rule is not None and rule != finding.rule.id:
        return False
    if expected.actor is not None and not _same_text(expected.actor, finding.actor.text, finding.actor.name):
        return False
    if expected.topic is not None and not _same_text(expected.topic, finding.topic.text, finding.topic.name):
        return False
    if expected.polarity is not None and expected.polarity != finding.polarity:
        return False
    if expected.kind is not None and expected.kind != finding.kind:
        return False
    return all(
        getattr(expected, flag) is None or getattr(expected, flag) == getattr(finding, flag)
        for flag in ("negated", "hedged", "quoted")
    )


def assign(
    expected: Sequence[ExpectedFinding], findings: Sequence[Finding]
) -> tuple[dict[int, int], list[int], list[int]]:
    """Pair expected findings with findings so that as many as possible are matched.

    Returns (expected index -> finding index, unmatched expected indices, unmatched finding
    indices). A maximum bipartite matching (augmenting paths; a handful of findings per text).
    """
    options = [[j for j, f in enumerate(findings) if matches(e, f)] for e in expected]
    owner: dict[int, int] = {}  # finding index -> expected index

    def take(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or take(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        take(i, set())
    pairs = {i: j for j, i in owner.items()}
    missing = [i for i in range(len(expected)) if i not in pairs]
    extra = [j for j in range(len(findings)) if j not in owner]
    return pairs, missing, extra


def check_example(rule: Rule, example: Example, findings: Sequence[Finding]) -> ExampleResult:
    own = [f for f in findings if f.rule.id == rule.id]
    _, missing, extra = assign(example.expect, own)
    return ExampleResult(
        rule, example, tuple(own), tuple(example.expect[i] for i in missing), tuple(own[j] for j in extra)
    )


def run_examples(ruleset: RuleSet, compiled: CompiledRuleSet | None = None) -> list[ExampleResult]:
    """Every example of every rule, in rule order."""
    matcher = Matcher(compiled or ruleset.compile(), excerpts=True)
    results: list[ExampleResult] = []
    for rule in ruleset.rules:
        for example in rule.examples:
            findings = matcher.scan(example.text, doc_id=f"{rule.id}@{example.location.line}")
            results.append(check_example(rule, example, findings))
    return results
