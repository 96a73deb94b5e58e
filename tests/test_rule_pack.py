"""The bundled English pack: every rule carries examples, and every example holds."""

from __future__ import annotations

import pytest

from stancekit import Matcher, load_rules
from stancekit.testing.examples import check_example, run_examples

PACK = load_rules()
COMPILED = PACK.compile()
MATCHER = Matcher(COMPILED, excerpts=True)  # examples are sentences cut from documents not given


def test_pack_has_at_least_forty_rules():
    assert len(PACK.rules) >= 40


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_rule_has_two_examples_and_a_counter_example(rule):
    active = [e for e in rule.examples if e.todo is None]
    assert sum(1 for e in active if not e.counter) >= 2, f"{rule.id} needs at least two examples"
    assert sum(1 for e in active if e.counter) >= 1, f"{rule.id} needs at least one counter-example"


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_rule_examples_hold(rule):
    for example in rule.examples:
        if example.todo is not None:
            continue
        result = check_example(rule, example, MATCHER.scan(example.text))
        got = [(f.actor.text, f.polarity, f.topic.text) for f in result.found]
        assert result.passed, (
            f"{rule.file}:{example.location.line}: {example.text!r}\n  missing: {result.missing}\n  got: {got}"
        )


def test_todo_examples_still_fail():
    """A todo example that passes should lose its mark, so that it guards the rule again."""
    stale = [r for r in run_examples(PACK, COMPILED) if r.todo and r.passed]
    assert not stale, [f"{r.rule.id}: {r.example.text}" for r in stale]


STANCE_VERBS = {
    "support": ("The union supports the pay deal.", "support"),
    "back": ("The union backed the pay deal.", "support"),
    "endorse": ("The union has endorsed the pay deal.", "support"),
    "welcome": ("The union welcomed the pay deal.", "support"),
    "praise": ("The union praised the pay deal.", "support"),
    "call for": ("The union called for a new pay deal.", "support"),
    "urge": ("The union urged members to accept the pay deal.", "support"),
    "vote for": ("The union voted for the pay deal.", "support"),
    "oppose": ("The union opposes the pay deal.", "oppose"),
    "reject": ("The union rejected the pay deal.", "oppose"),
    "criticise": ("The union criticised the pay deal.", "oppose"),
    "criticize": ("The union criticized the pay deal.", "oppose"),
    "condemn": ("The union condemned the pay deal.", "oppose"),
    "denounce": ("The union denounced the pay deal.", "oppose"),
    "dismiss": ("The union dismissed the pay deal.", "oppose"),
    "vote against": ("The union voted against the pay deal.", "oppose"),
    "veto": ("The governor vetoed the pay deal.", "oppose"),
    "warn against": ("The union warned against the pay deal.", "oppose"),
    "X's support for Y": ("The union's support for the pay deal surprised nobody.", "support"),
    "X's opposition to Y": ("The union's opposition to the pay deal surprised nobody.", "oppose"),
    "X is opposed to Y": ("The union is opposed to the pay deal.", "oppose"),
    "X is in favour of Y": ("The union is in favour of the pay deal.", "support"),
    "X is against Y": ("The union is against the pay deal.", "oppose"),
    "approve of": ("Most members approve of the pay deal.", "support"),
    "favourable view": ("Most members have a favorable view of the pay deal.", "support"),
    "unfavourable view": ("Most members have an unfavorable opinion of the pay deal.", "oppose"),
    "disapprove of": ("Most members disapprove of the pay deal.", "oppose"),
    "Y drew criticism from X": ("The pay deal drew sharp criticism from the union.", "oppose"),
    "Y won support from X": ("The pay deal won broad support from the union.", "support"),
    "A critic of Y, X ...": ("A longtime critic of the pay deal, the union leader spoke first.", "oppose"),
    "negated": ("The union does not support the pay deal.", "oppose"),
    "never": ("The union never backed the pay deal.", "oppose"),
    "no longer": ("The union no longer supports the pay deal.", "oppose"),
    "refused to": ("The union refused to endorse the pay deal.", "oppose"),
    "first-person quote": ('"We don\'t support the pay deal," the union leader said.', "oppose"),
}


@pytest.mark.parametrize("form", STANCE_VERBS, ids=list(STANCE_VERBS))
def test_pack_covers_how_news_states_stance(form):
    text, polarity = STANCE_VERBS[form]
    findings = MATCHER.scan(text)
    assert [(f.polarity, "pay deal" in f.topic.text) for f in findings] == [(polarity, True)], [
        (f.rule.id, f.actor.text, f.polarity, f.topic.text) for f in findings
    ]
