"""The benchmark corpus's stance statements are stances for the generated rules: the
comparison with spaCy's Matcher counts on both finding the same ones."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from stancekit import Matcher, load_rules

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def _generate():
    spec = importlib.util.spec_from_file_location("generate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate", module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_generated_stance_statement_is_found_by_the_rule_of_its_verb(tmp_path: Path) -> None:
    generate = _generate()
    vocab = generate.vocabulary()
    rules = load_rules([generate.write_rules(tmp_path, 10, vocab)]).compile()
    matcher = Matcher(rules)
    rng = random.Random(3)
    for _ in range(300):
        stance = generate._stance_sentence(rng, vocab)
        found = matcher.scan(stance.text)
        assert [f.rule.id for f in found] == [rules.rules[stance.rule].id], stance.text
