"""Part-of-speech tag tests, `&`, and phrase types defined in rule files.

The mechanism is tested with a tagger that reads tags from a table, so that each test says
exactly which tags it assumes; tests at the end run the bundled tagger on plain sentences.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit import registry
from stancekit.cli import cli
from stancekit.dsl.errors import RuleError
from stancekit.dsl.loader import load_rules
from stancekit.dsl.parser import parse_pattern, parse_with_lark
from stancekit.engine.matcher import Matcher

TAGS = {
    "the": "DET",
    "a": "DET",
    "their": "PRON",
    "she": "PRON",
    "has": "AUX",
    "will": "AUX",
    "not": "PART",
    "new": "ADJ",
    "for": "ADP",
    "of": "ADP",
    "praised": "VERB",
    "backed": "VERB",
    "back": "VERB",
    "came": "VERB",
    "failed": "VERB",
    "in": "ADP",
    "and": "CCONJ",
    "home": "ADV",
    ".": "PUNCT",
    ",": "PUNCT",
}


class TableTagger:
    """Tags from `TAGS` (capitalised words are names, the rest nouns); counts what it is asked."""

    name = "table"

    def __init__(self, overrides: dict[str, str] | None = None):
        self.table = {**TAGS, **(overrides or {})}
        self.calls: list[list[str]] = []

    def tag(self, words):
        self.calls.append(list(words))
        return [self.table.get(w.lower(), "PROPN" if w[:1].isupper() else "NOUN") for w in words]


PHRASES = """
phrases:
  NP:
    pattern: "([DET] | [PRON])? ([ADJ] | [NOUN] | [PROPN])* ([NOUN] | [PROPN]) | [PRON]"
    head: "[NOUN] | [PROPN] | [PRON]"
  PP:
    pattern: "[ADP] <NP>"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def matcher_for(folder: Path, body: str, tagger: TableTagger | None = None) -> Matcher:
    path = write(folder, "rules.yaml", "stancekit: 1\n" + textwrap.dedent(body))
    return Matcher(load_rules([path]).compile(), tagger=tagger or TableTagger())


def found(matcher: Matcher, text: str) -> list[tuple[str, str, str]]:
    return [(f.actor.text, f.polarity, f.topic.text) for f in matcher.scan(text)]


BACK_AS_VERB = """
rules:
  - id: t.back
    pattern: "{actor:ACTOR} (will)? back & [VERB] {topic:TOPIC}"
    polarity: support
"""


def test_a_tag_test_matches_a_token_with_that_tag(tmp_path):
    matcher = matcher_for(tmp_path, BACK_AS_VERB)
    assert found(matcher, "Unions will back the plan.") == [("Unions", "support", "the plan")]


def test_a_tag_test_rejects_a_token_with_another_tag(tmp_path):
    matcher = matcher_for(tmp_path, BACK_AS_VERB, TableTagger({"back": "ADV"}))
    assert found(matcher, "Unions will back the plan.") == []


def test_a_negated_test_inside_a_conjunction(tmp_path):
    matcher = matcher_for(
        tmp_path,
        """
        rules:
          - id: t.name
            pattern: "{actor:ACTOR} praised {topic:TOPIC} ([PROPN] & !'Monday')"
            polarity: support
        """,
    )
    assert found(matcher, "Voters praised the mayor Smith.") == [("Voters", "support", "the mayor")]
    assert found(matcher, "Voters praised the mayor Monday.") == []


def test_a_set_of_tags_in_an_alternation(tmp_path):
    matcher = matcher_for(
        tmp_path,
        """
        rules:
          - id: t.any
            pattern: "{actor:ACTOR} backed ([NOUN] | [PROPN]) {topic:TOPIC}"
            polarity: support
        """,
    )
    assert found(matcher, "Miners backed Labour candidates.") == [("Miners", "support", "candidates")]
    assert found(matcher, "Miners backed the plan.") == []


def test_a_phrase_defined_in_a_rule_file_is_captured_by_a_later_rule(tmp_path):
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:NP} [AUX]* praised {topic:NP}"
    polarity: support
""",
    )
    assert found(matcher, "The senator has praised the new plan for schools.") == [
        ("The senator", "support", "the new plan")
    ]


def test_a_phrase_element_and_a_phrase_built_on_another(tmp_path):
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:ACTOR} praised {topic:NP} <PP> $"
    polarity: support
""",
    )
    assert found(matcher, "Parents praised the plan for schools.") == [("Parents", "support", "the plan")]
    assert found(matcher, "Parents praised the plan for schools in May and June.") == []


def test_a_phrase_of_an_imported_file_is_visible_and_one_of_another_file_is_not(tmp_path):
    write(tmp_path, "phrases.yaml", "stancekit: 1\n" + PHRASES)
    write(
        tmp_path,
        "uses.yaml",
        """
        stancekit: 1
        imports: [phrases.yaml]
        rules:
          - id: t.praise
            pattern: "{actor:ACTOR} praised {topic:NP}"
            polarity: support
        """,
    )
    write(
        tmp_path,
        "other.yaml",
        """
        stancekit: 1
        rules:
          - id: t.backed
            pattern: "{actor:ACTOR} backed {topic:NP}"
            polarity: support
        """,
    )
    matcher = Matcher(load_rules([tmp_path / "phrases.yaml", tmp_path / "uses.yaml"]).compile(), tagger=TableTagger())
    assert found(matcher, "Parents praised the plan.") == [("Parents", "support", "the plan")]
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path / "phrases.yaml", tmp_path / "other.yaml"])
    assert "unknown capture type 'NP'" in caught.value.render()
    assert "it is defined in" in caught.value.render()
    assert "which this file does not import; add it to 'imports'" in caught.value.render()


def test_sentences_are_tagged_once_and_only_when_a_rule_needs_tags(tmp_path):
    tagger = TableTagger()
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:NP} praised {topic:NP}"
    polarity: support
  - id: t.praise_pp
    pattern: "{actor:ACTOR} praised {topic:NP} <PP>"
    polarity: support
  - id: t.plain
    pattern: "{actor:ACTOR} welcomed {topic:TOPIC}"
    polarity: support
""",
        tagger,
    )
    matcher.scan("Parents praised the plan for schools. Nothing happened today. Unions welcomed the deal.")
    assert tagger.calls == [["Parents", "praised", "the", "plan", "for", "schools", "."]]


def test_a_phrase_that_starts_with_a_word_is_not_looked_for_and_tags_nothing_without_it(tmp_path):
    tagger = TableTagger()
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
  SOME:
    pattern: "(some | most) of <NP>"
rules:
  - id: t.some
    pattern: "{actor:SOME} praised {topic:TOPIC}"
    polarity: support
""",
        tagger,
    )
    matcher.scan("Parents praised the plan for schools.")
    assert tagger.calls == []
    findings = matcher.scan("Most of the parents praised the plan.")
    assert [f.actor.text for f in findings] == ["Most of the parents"]
    assert len(tagger.calls) == 1


def test_phrase_captures_fill_the_finding_fields_they_are_named_after(tmp_path):
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:NP} praised {topic:NP}"
    polarity: support
""",
    )
    (finding,) = matcher.scan("She praised the plan.")
    assert (finding.actor.text, finding.topic.text) == ("She", "the plan")


# -- tests on a capture's head: {actor:ACTOR & !it} ------------------------------------------------

HEAD_TESTS = """
rules:
  - id: t.back
    pattern: "{actor:ACTOR & !it & !@bodies} backed {topic:TOPIC}"
    polarity: support
lexicons:
  bodies:
    entries: [committee, panel]
"""


def test_a_capture_test_refuses_an_actor_whose_head_fails_it(tmp_path):
    matcher = matcher_for(tmp_path, HEAD_TESTS)
    assert found(matcher, "It backed the motion.") == []
    assert found(matcher, "The old committee backed the motion.") == []
    assert found(matcher, "The union backed the motion.") == [("The union", "support", "the motion")]
    unconstrained = matcher_for(tmp_path, HEAD_TESTS.replace(" & !it & !@bodies", ""))
    assert found(unconstrained, "It backed the motion.") == [("It", "support", "the motion")]
    assert found(unconstrained, "The old committee backed the motion.") == [
        ("The old committee", "support", "the motion")
    ]


def test_a_capture_test_looks_at_the_head_not_at_every_word(tmp_path):
    matcher = matcher_for(tmp_path, HEAD_TESTS.replace("[committee, panel]", "[director]"))
    assert found(matcher, "The director backed the motion.") == []
    # the head of "Ana Ruiz, the director," is Ruiz: the appositive does not make her a director
    assert found(matcher, "Ana Ruiz, the director, backed the motion.") == [
        ("Ana Ruiz, the director", "support", "the motion")
    ]


def test_a_phrase_capture_tests_the_phrase_head(tmp_path):
    matcher = matcher_for(
        tmp_path,
        PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:NP} praised {topic:NP & ![PRON]}"
    polarity: support
""",
    )
    assert found(matcher, "She praised the plan.") == [("She", "support", "the plan")]
    assert found(matcher, "She praised their.") == []


def test_a_capture_test_of_several_words_is_an_error_at_its_place(tmp_path):
    path = write(tmp_path, "rules.yaml", HEAD_TESTS.replace("!it", "'the crane'"))
    with pytest.raises(RuleError) as raised:
        load_rules([path]).compile()
    assert "capture-test-sequence" in str(raised.value)
    assert "rules.yaml:3:30:" in str(raised.value)  # the test in its pattern, not the rule


def test_explain_names_the_capture_test_that_refused_a_span_and_where_its_lexicon_is(tmp_path):
    path = write(tmp_path, "rules.yaml", "stancekit: 1\n" + HEAD_TESTS)
    result = CliRunner().invoke(
        cli, ["explain", "-r", str(path), "It backed the plan and the old committee backed it."]
    )
    assert result.exit_code == 0, result.output
    assert "refused by a capture test: {actor:ACTOR} 'It': head 'It' fails `!it`" in result.output
    assert re.search(
        r"\{actor:ACTOR\} 'the old committee': head 'committee' fails `!@bodies \(.*rules.yaml:8\)`", result.output
    )


@pytest.mark.parametrize(
    "pattern",
    [
        "{actor:ACTOR & !it} back",
        "{x:NP & [NOUN] & !@months}",
        "back & [VERB]",
        "!a & [NOUN]?",
        "{x:NP} (<VG> | b)+",
        "@x & [VERB] & [cap]",
        "[VERB] & !'said'",
        "!(a & b) c",
    ],
)
def test_the_quick_reader_and_lark_agree_on_tags_phrases_and_conjunctions(pattern):
    assert parse_pattern(pattern) == parse_with_lark(pattern)


def test_not_binds_tighter_than_and():
    tree = parse_pattern("!a & b")
    assert type(tree).__name__ == "AllOf"
    assert type(tree.parts[0]).__name__ == "Not"


def test_phrase_examples_run_with_stancekit_test_and_a_failure_shows_the_tags(tmp_path, monkeypatch):
    monkeypatch.setattr("stancekit.engine.sentence.default_tagger", lambda: TableTagger())
    write(
        tmp_path,
        "phrases.yaml",
        """
        stancekit: 1
        phrases:
          NP:
            pattern: "[DET]? [ADJ]* [NOUN]"
            examples:
              - text: "The new plan failed."
                expect: [The new plan]
              - text: "The plan failed."
                expect: [The plan failed]
        """,
    )
    result = CliRunner().invoke(cli, ["test", str(tmp_path / "phrases.yaml")])
    assert result.exit_code == 1, result.output
    assert "1 passed, 1 failed" in result.output
    assert "expected <NP>: [The plan failed]" in result.output
    assert "found <NP>:    [The plan]" in result.output
    assert "tags: The/DET plan/NOUN failed/VERB ./PUNCT" in result.output


def test_rules_lists_the_phrase_types_of_the_bundled_pack():
    result = CliRunner().invoke(cli, ["rules", "--no-lexicons"])
    assert result.exit_code == 0, result.output
    listing = result.output.split("phrases.yaml", 1)[1]
    assert re.search(r"<NP>\s+phrase\s+line \d+\s+\d+ examples\n\s+a base noun phrase", listing)
    assert "<VG>" in listing and "<PP>" in listing


def test_explain_shows_tags_phrases_and_the_phrase_a_capture_used(tmp_path, monkeypatch):
    monkeypatch.setattr("stancekit.engine.sentence.default_tagger", lambda: TableTagger())
    path = write(
        tmp_path,
        "rules.yaml",
        "stancekit: 1\n"
        + PHRASES
        + """
rules:
  - id: t.praise
    pattern: "{actor:NP} praised {topic:NP}"
    polarity: support
""",
    )
    result = CliRunner().invoke(cli, ["explain", "-r", str(path), "The senator praised the new plan."])
    assert result.exit_code == 0, result.output
    assert "0:The/DET  1:senator/NOUN  2:praised/VERB" in result.output
    assert "<NP> 0-2 [The senator] (head senator)" in result.output
    assert "<NP> 3-6 [the new plan] (head plan)" in result.output
    assert "phrases captured: actor = <NP> 'The senator', topic = <NP> 'the new plan'" in result.output


def test_a_plugin_tagger_is_used_when_a_rule_file_names_it(tmp_path):
    tagger = TableTagger({"back": "ADV"})
    registry.register_tagger("table", lambda: tagger, plugin="table-plugin")
    try:
        path = write(
            tmp_path,
            "rules.yaml",
            "stancekit: 1\ntagger: table\n" + textwrap.dedent(BACK_AS_VERB),
        )
        matcher = Matcher(load_rules([path]).compile())
        assert found(matcher, "Unions will back the plan.") == []
        assert tagger.calls
    finally:
        registry.unregister("table-plugin")


# -- the bundled tagger, on sentences where the reading is plain -----------------------------


def test_with_the_bundled_tagger_back_as_a_verb_matches_and_back_as_an_adverb_does_not(tmp_path):
    path = write(tmp_path, "rules.yaml", "stancekit: 1\n" + textwrap.dedent(BACK_AS_VERB))
    matcher = Matcher(load_rules([path]).compile())
    assert found(matcher, "The governors backed the bill.") == [("The governors", "support", "the bill")]
    assert found(matcher, "He came back to Ohio.") == []


def test_with_the_bundled_tagger_a_capitalised_word_that_is_no_name_is_not_a_proper_noun(tmp_path):
    matcher = Matcher(
        load_rules(
            [
                write(
                    tmp_path,
                    "rules.yaml",
                    """
                    stancekit: 1
                    rules:
                      - id: t.name_backs
                        pattern: "^ {actor:ACTOR} backs {topic:TOPIC} ([cap] & [PROPN])"
                        polarity: support
                        # the topic stops before the name on purpose: no reading may drop it
                        options: {readings: false}
                    """,
                )
            ]
        ).compile()
    )
    assert found(matcher, "Labour backs the plan of Smith.") == [("Labour", "support", "the plan of")]
    assert found(matcher, "Labour backs the plan. However, it fails.") == []


ADVICE = """
phrases:
  ADVICE:
    pattern: "[DET]? [ADJ]* [NOUN] (should | must) [VERB] [DET]? [NOUN]"
rules:
  - id: t.advice
    pattern: "{actor:ACTOR} said & [VERB] {topic:ADVICE}"
    polarity: support
"""


def test_a_sentence_without_the_words_a_required_phrase_holds_is_not_tagged_for_the_rule(tmp_path):
    """A rule that requires a phrase requires the words every phrase of its type holds ("should"
    or "must" here): where they are missing it is not tried, and the sentence is not tagged."""
    tagger = TableTagger({"should": "AUX", "said": "VERB", "scrap": "VERB"})
    matcher = matcher_for(tmp_path, ADVICE, tagger)
    assert found(matcher, "Farmers said the levy was too high.") == []
    assert tagger.calls == []
    assert found(matcher, "Farmers said the council should scrap the levy.") == [
        ("Farmers", "support", "the council should scrap the levy")
    ]
    assert len(tagger.calls) == 1


def test_the_words_a_phrase_type_requires_are_required_of_the_rules_that_capture_it(tmp_path):
    matcher = matcher_for(tmp_path, ADVICE)
    (rule,) = matcher.compiled.rules
    assert any({"should", "must"} <= words and "levy" not in words for words in rule.requirements)


def test_a_tag_before_a_word_is_not_looked_up_where_the_word_does_not_follow(tmp_path):
    tagger = TableTagger()
    matcher = matcher_for(
        tmp_path,
        """
phrases:
  OWNER:
    pattern: "([PROPN] \\"'s\\")? (aides | staff)"
rules:
  - id: t.owner
    pattern: "{actor:OWNER} praised {topic:TOPIC}"
    polarity: support
""",
        tagger,
    )
    assert found(matcher, "Aides praised the budget of Mayor Ruiz.") == [
        ("Aides", "support", "the budget of Mayor Ruiz")
    ]
    assert tagger.calls == []
    assert found(matcher, "Ruiz's aides praised the budget.") == [("Ruiz's aides", "support", "the budget")]
    assert len(tagger.calls) == 1


def test_a_phrase_head_is_found_only_when_a_rule_tests_it_and_is_the_same_then(tmp_path):
    tagger = TableTagger()
    matcher = matcher_for(
        tmp_path,
        """
phrases:
  GROUP:
    pattern: "(some | most | many) of the [word]"
    head: "[NOUN]"
rules:
  - id: t.group
    pattern: "{actor:GROUP} praised {topic:TOPIC}"
    polarity: support
  - id: t.named
    pattern: "{actor:GROUP & [PROPN]} welcomed {topic:TOPIC}"
    polarity: support
""",
        tagger,
    )
    assert found(matcher, "Most of the parents praised the plan.") == [("Most of the parents", "support", "the plan")]
    assert tagger.calls == []
    assert found(matcher, "Many of the Greens welcomed the plan.") == [("Many of the Greens", "support", "the plan")]
    assert found(matcher, "Many of the parents welcomed the plan.") == []
