"""The benchmark corpus's stance statements are stances for the generated rules: the
comparison with spaCy's Matcher counts on both finding the same ones."""

from __future__ import annotations

import random
from pathlib import Path

from stancekit import Matcher, load_rules


def test_every_generated_stance_statement_is_found_by_the_rule_of_its_verb(tmp_path: Path, benchmark_script) -> None:
    generate = benchmark_script("generate")
    vocab = generate.vocabulary()
    rules = load_rules([generate.write_rules(tmp_path, 10, vocab)]).compile()
    matcher = Matcher(rules)
    rng = random.Random(3)
    for _ in range(300):
        stance = generate._stance_sentence(rng, vocab)
        found = matcher.scan(stance.text)
        assert [f.rule.id for f in found] == [rules.rules[stance.rule].id], stance.text
