"""Words a match must hold close together, found by the compiler from the pattern: a rule is
only tried on a sentence that holds them, and skipping the others changes no finding."""

from __future__ import annotations

from pathlib import Path

import yaml

from stancekit import Matcher, load_rules
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.trace import RuleTried
from stancekit.engine.vm import neighbours_present, word_positions
from stancekit.text.tokens import tokenize

SECOND_VERB = "^ {actor:ACTOR} !(',' | and | but){1,12} (and | but) (quietly | firmly | later){0,2} back {topic:TOPIC}"


def _compiled(tmp_path: Path, pattern: str):
    path = tmp_path / "rules.yaml"
    rule = {"id": "second_verb", "pattern": pattern, "polarity": "support"}
    path.write_text(yaml.safe_dump({"stancekit": 1, "rules": [rule]}), encoding="utf-8")
    return load_rules([path]).compile()


def test_the_compiler_finds_the_conjunction_that_must_stand_before_the_verb(tmp_path):
    [pair] = _compiled(tmp_path, SECOND_VERB).rules[0].neighbours
    assert pair.left == {"and", "but"}
    assert "backed" in pair.right and "backs" in pair.right
    assert (pair.low, pair.high) == (0, 2)


def test_a_pattern_whose_verb_follows_a_capture_has_no_neighbours(tmp_path):
    assert _compiled(tmp_path, "{actor:ACTOR} back {topic:TOPIC}").rules[0].neighbours == ()


def test_a_rule_is_tried_only_where_its_neighbours_stand_and_finds_the_same(tmp_path):
    compiled = _compiled(tmp_path, SECOND_VERB)
    tried: list[RuleTried] = []
    matcher = Matcher(compiled, observer=lambda event: tried.append(event) if isinstance(event, RuleTried) else None)
    near = "The mayor toured the flooded district and quietly backed the relief fund."
    far = "The mayor backed the relief fund and the council toured the district."
    assert [(f.actor.text, f.topic.text) for f in matcher.scan(near)] == [("The mayor", "the relief fund")]
    assert matcher.scan(far) == []
    assert [len(event.matches) for event in tried] == [1, 0]
    [pair] = compiled.rules[0].neighbours
    for text, present in ((near, True), (far, False)):
        tokens = tokenize(text)
        words = [t.lower for t in tokens]
        assert neighbours_present(pair, words, word_positions(words), SentenceContext(tokens)) is present
    for text in (near, far, "The mayor toured the district and then, after a long pause, backed the fund."):
        assert [f.to_dict() for f in Matcher(compiled).scan(text)] == [
            f.to_dict() for f in Matcher(compiled, prefilter=False).scan(text)
        ]


def test_a_regex_of_one_plain_word_counts_as_that_word(tmp_path):
    [pair] = _compiled(tmp_path, "{actor:ACTOR} /to/ /[a-z]+ly/? back {topic:TOPIC}").rules[0].neighbours
    assert (pair.left, pair.low, pair.high) == ({"to"}, 0, 1)
    assert _compiled(tmp_path, "{actor:ACTOR} /t[oa]/ back {topic:TOPIC}").rules[0].neighbours == ()
