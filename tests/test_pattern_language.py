"""What each element of the pattern language matches, seen through real scans."""

from __future__ import annotations

import dataclasses
import time

import pytest
import yaml

from stancekit import Matcher, load_rules
from stancekit.dsl import ast
from stancekit.dsl.parser import DEFAULT_REPEAT_CAP, PatternSyntaxError, parse_pattern


def matcher_for(
    tmp_path, pattern: str, *, lexicons: dict | None = None, macros: dict | None = None, polarity: str = "support"
) -> Matcher:
    """A matcher with one rule (plus optional lexicons and macros) written to a rule file."""
    document = {
        "stancekit": 1,
        "lexicons": lexicons or {},
        "macros": macros or {},
        "rules": [{"id": "test.rule", "pattern": pattern, "polarity": polarity}],
    }
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return Matcher(load_rules([path]).compile())


def spans(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(f.actor.text, f.topic.text) for f in matcher.scan(text)]


def test_bare_word_matches_every_inflection(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} back {topic:TOPIC}")
    for form in ("back", "backs", "backed", "backing"):
        assert spans(m, f"Unions {form} the plan.") == [("Unions", "the plan")], form
    assert spans(m, "Unions backpedal on the plan.") == []


def test_bare_word_knows_irregular_forms(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} stand by {topic:TOPIC}")
    assert spans(m, "The unions stood by the plan.") == [("The unions", "the plan")]


def test_hyphenated_word_inflects_its_last_part(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} co-sponsor {topic:TOPIC}")
    for form in ("co-sponsor", "co-sponsors", "co-sponsored", "co-sponsoring"):
        assert spans(m, f"Two senators {form} the bill.") == [("Two senators", "the bill")], form
    assert spans(m, "Two senators sponsored the bill.") == []


def test_bare_word_written_inflected_matches_its_lemma_forms(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} supported {topic:TOPIC}")
    assert spans(m, "Unions support the plan.") == [("Unions", "the plan")]


def test_quoted_word_matches_exactly_that_form_ignoring_case(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} 'backed' {topic:TOPIC}")
    assert spans(m, "Unions BACKED the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions back the plan.") == []


def test_quoted_phrase_matches_its_words_in_order(tmp_path):
    m = matcher_for(tmp_path, '{actor:ACTOR} "stand behind" {topic:TOPIC}')
    assert spans(m, "Unions stand behind the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions stood behind the plan.") == []


def test_regex_token_matches_the_whole_token_case_sensitively(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} /back(s|ed)?/ {topic:TOPIC}")
    assert spans(m, "Unions backed the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions BACKED the plan.") == []
    assert spans(m, "Unions backpedalled on the plan.") == []
    insensitive = matcher_for(tmp_path, "{actor:ACTOR} /back(s|ed)?/i {topic:TOPIC}")
    assert spans(insensitive, "Unions BACKED the plan.") == [("Unions", "the plan")]


def test_a_regex_that_repeats_in_one_way_only_is_accepted_and_matches(tmp_path):
    # (a+)+ is refused (see tests/broken_rules/slow_regex.yaml); a repeated part with a
    # required separator can match a word in one way only, and is fine
    m = matcher_for(tmp_path, r"{actor:ACTOR} /(?:\w+-)+backed/ {topic:TOPIC}")
    assert spans(m, "Unions union-backed the plan.") == [("Unions", "the plan")]
    with pytest.raises(PatternSyntaxError, match="exponential time"):
        parse_pattern(r"{actor:ACTOR} /(?:\w+-?)+backed/ {topic:TOPIC}")


def test_lexicon_entries_may_have_several_words_and_inflect_their_first(tmp_path):
    m = matcher_for(
        tmp_path, "{actor:ACTOR} @pro {topic:TOPIC}", lexicons={"pro": ["endorse", "call for", "throw support behind"]}
    )
    assert spans(m, "Unions called for a strike.") == [("Unions", "a strike")]
    assert spans(m, "Unions threw support behind the strike.") == [("Unions", "the strike")]
    assert spans(m, "Unions endorsed the strike.") == [("Unions", "the strike")]


def test_lexicon_without_inflection_matches_entries_as_written(tmp_path):
    m = matcher_for(
        tmp_path, "{actor:ACTOR} @pro {topic:TOPIC}", lexicons={"pro": {"entries": ["endorses"], "inflect": False}}
    )
    assert spans(m, "The union endorses the strike.") == [("The union", "the strike")]
    assert spans(m, "The union endorsed the strike.") == []


def test_macro_expands_in_place(tmp_path):
    m = matcher_for(
        tmp_path,
        "{actor:ACTOR} $NEG? endorse {topic:TOPIC}",
        macros={"NEG": "(not | n't | never | no longer)"},
    )
    [finding] = m.scan("The union does not endorse the strike.") or [None]
    assert finding is None  # "does" is not in the pattern
    [finding] = m.scan("The union never endorsed the strike.")
    assert (finding.polarity, finding.negated) == ("oppose", True)


def test_token_classes(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} backed [num] [punct]? [upper] {topic:TOPIC}")
    assert spans(m, "Unions backed 3 - NATO members.") == [("Unions", "members")]
    cap = matcher_for(tmp_path, "{actor:ACTOR} backed [cap] [lower] {topic:TOPIC}")
    assert spans(cap, "Unions backed Smith campaign goals.") == [("Unions", "goals")]
    assert spans(cap, "Unions backed smith campaign goals.") == []


def test_group_alternation_and_optional(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} (strongly | firmly)? (back | support) {topic:TOPIC}")
    assert spans(m, "Unions firmly support the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions back the plan.") == [("Unions", "the plan")]


def test_bounded_repeat_counts(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} [any]{2,3} backed {topic:TOPIC}")
    assert spans(m, "Unions in the end backed the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions finally backed the plan.") == []
    assert spans(m, "Unions in the very last end backed the plan.") == []


def test_star_is_bounded(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} [lower]* backed {topic:TOPIC}")
    gap = " ".join(["very"] * DEFAULT_REPEAT_CAP)
    assert spans(m, f"Unions {gap} backed the plan.") == [("Unions", "the plan")]
    assert spans(m, f"Unions {gap} very backed the plan.") == []


def test_negated_token_matches_one_token_that_is_not_it(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} !not backed {topic:TOPIC}")
    assert spans(m, "Unions had backed the plan.") == [("Unions", "the plan")]
    assert spans(m, "Unions not backed the plan.") == []


def test_sentence_start_and_end(tmp_path):
    m = matcher_for(tmp_path, "^ {actor:ACTOR} backed {topic:TOPIC} $")
    assert spans(m, "Unions backed the plan.") == [("Unions", "the plan")]
    assert spans(m, "On Monday, unions backed the plan.") == []


def test_possessive_clitic_in_a_pattern(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} 's support for {topic:TOPIC}")
    assert spans(m, "Germany's support for the plan is firm.") == [("Germany", "the plan")]
    assert spans(m, "Germany’s support for the plan is firm.") == [("Germany", "the plan")]


def test_contraction_in_a_pattern(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} do n't back {topic:TOPIC}", polarity="support")
    [finding] = m.scan("We don't back the plan.")
    assert (finding.actor.text, finding.polarity, finding.negated) == ("We", "oppose", True)


def test_patterns_parse_into_frozen_dataclasses():
    tree = parse_pattern("{actor:ACTOR} (not | never)? @support {topic:TOPIC}")
    assert isinstance(tree, ast.Sequence)
    assert [type(n).__name__ for n in tree.items] == ["Capture", "Repeat", "LexiconRef", "Capture"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tree.items[0].name = "x"  # type: ignore[misc]
    assert tree.items[2].span == ast.Span(29, 37)  # '@support'


def test_hostile_pattern_stays_linear_on_a_very_long_sentence(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} ([any]{0,10}){0,10} ([any]? [any]?){0,10} backed {topic:TOPIC}")
    sentence = "Unions " + "very " * 5000 + "quietly agreed."
    started = time.perf_counter()
    assert m.scan(sentence) == []
    assert time.perf_counter() - started < 20, "matching must not backtrack exponentially"


def test_holder_capture_takes_a_possessive(tmp_path):
    m = matcher_for(tmp_path, "{actor:HOLDER} support for {topic:TOPIC}")
    assert spans(m, "Germany's support for the plan is firm.") == [("Germany", "the plan")]
    assert spans(m, "The unions' support for the plan is firm.") == [("The unions", "the plan")]
    assert spans(m, "Berlin repeated its support for the plan.") == [("its", "the plan")]
    assert spans(m, "Germany support for the plan.") == []


def test_a_possessive_pronoun_is_no_actor_of_a_verb(tmp_path):
    m = matcher_for(tmp_path, "{actor:ACTOR} fight against {topic:TOPIC}")
    assert spans(m, "He devoted his fight against poverty to the city.") == []
