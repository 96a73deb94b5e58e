"""Rule options (`options:` on a rule or a rule file): each changes what the engine does with a
rule's matches as the "Rule options" table of docs/rule-language.md says, and that table is the one in code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.engine.options import OPTION_NAMES, READINGS, options_markdown
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding

ROOT = Path(__file__).resolve().parent.parent

RULES = """\
stancekit: 1
{file_options}
lexicons:
  back_verbs: [back, endorse, boo, agree to]
  gap:
    inflect: false
    entries: [did, not, never, may, perhaps, refused, to, was, "n't", is]
  strict_negations: [never, "refused to"]
  soft_hedges: [perhaps]
rules:
  - id: t.back
    pattern: "{{actor:ACTOR}} @gap{{0,3}} @back_verbs {gap}{{topic:TOPIC}}"
    polarity: support
{rule_options}
"""


def rules(file_options: str = "", rule_options: str = "", gap: str = "[any]? ") -> str:
    """The test rule file; `gap` between cue and topic lets a passive's "by" be skipped."""
    rule = f"    options: {rule_options}" if rule_options else ""
    top = f"options: {file_options}" if file_options else ""
    return RULES.format(file_options=top, rule_options=rule, gap=gap)


def write_rules(tmp_path: Path, text: str) -> Path:
    """The rule file `text`, written where the tests read it."""
    path = tmp_path / "options.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def scan(
    tmp_path: Path, text: str, rule_options: str = "", file_options: str = "", gap: str = "[any]? "
) -> list[Finding]:
    """The findings of the test rule (with these options) in `text`."""
    path = write_rules(tmp_path, rules(file_options, rule_options, gap))
    return Matcher(load_rules([path]).compile()).scan(text)


def refused(tmp_path: Path, capsys, rule_options: str) -> str:
    """What `stancekit check` prints of the test rule with these options, which it refuses."""
    path = write_rules(tmp_path, rules(rule_options=rule_options))
    assert main(["check", str(path)]) == ExitCode.RULE_ERROR
    return capsys.readouterr().out


def test_the_documented_table_is_the_one_in_code() -> None:
    reference = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- options table[^>]*-->\n(.*?)<!-- end of options table -->", reference, re.S)
    assert table is not None, "docs/rule-language.md has no generated options table"
    assert table.group(1) == options_markdown(), "regenerate the table from stancekit.engine.options.options_markdown()"
    for name in (*OPTION_NAMES, *READINGS):
        assert f"| `{name}` |" in table.group(1)


# --- readings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reading"),
    [
        ("Cruz was endorsed by the governor.", "passive"),
        ("He is back in talks.", "adverb_back"),
        ("The Orlando boo shocked the fans.", "noun_after_name"),
        ("The council boos every day.", "time_only_topic"),
        ("The council boos loudly.", "adverb_only_topic"),
        ("The council agreed to buy the depot.", "commerce_topic"),
    ],
)
def test_a_reading_drops_a_match_unless_the_rule_leaves_it_out(tmp_path, sentence, reading) -> None:
    # the topic readings look at a topic the rule did not choose to start after a gap
    gap = "" if reading.endswith("_topic") else "[any]? "
    assert scan(tmp_path, sentence, gap=gap) == []
    assert scan(tmp_path, sentence, "{readings: false}", gap=gap)
    others = [r for r in READINGS if r != reading]
    assert scan(tmp_path, sentence, "{readings: [" + ", ".join(others) + "]}", gap=gap)
    assert scan(tmp_path, sentence, "{readings: [" + reading + "]}", gap=gap) == []


# --- negation and hedges ---------------------------------------------------------------------


def test_negation_false_keeps_the_rule_polarity(tmp_path) -> None:
    [default] = scan(tmp_path, "The unions never back the plan.")
    assert (default.polarity, default.negated) == ("oppose", True)
    [off] = scan(tmp_path, "The unions never back the plan.", "{negation: false}")
    assert (off.polarity, off.negated) == ("support", False)


def test_negated_polarity_says_what_a_negated_stance_is(tmp_path) -> None:
    """A rule for giving something up ("backs away from") is support when negated ("did not
    back away from"); the engine's default turns a negated oppose into neutral."""
    [default] = scan(tmp_path, "The unions never back the plan.")
    assert default.polarity == "oppose"
    [set_so] = scan(tmp_path, "The unions never back the plan.", "{negated_polarity: neutral}")
    assert (set_so.polarity, set_so.negated) == ("neutral", True)
    [unnegated] = scan(tmp_path, "The unions back the plan.", "{negated_polarity: neutral}")
    assert unnegated.polarity == "support"


@pytest.mark.parametrize("value", ["favour", "true", "[support]"])
def test_negated_polarity_must_be_a_polarity(tmp_path, capsys, value) -> None:
    out = refused(tmp_path, capsys, "{negated_polarity: " + value + "}")
    assert "option 'negated_polarity' must be support, oppose or neutral" in out
    assert "write 'negated_polarity: support'" in out


def test_negations_point_at_a_lexicon(tmp_path) -> None:
    options = "{negations: strict_negations}"
    [listed] = scan(tmp_path, "The unions refused to back the plan.", options)
    assert listed.negated
    [unlisted] = scan(tmp_path, "The unions did not back the plan.", options)
    assert (unlisted.polarity, unlisted.negated) == ("support", False)
    [language] = scan(tmp_path, "The unions did not back the plan.", "{negations: language.negations}")
    assert language.negated


def test_modality_false_asserts_every_finding(tmp_path) -> None:
    [hedged] = scan(tmp_path, "The unions may back the plan.")
    assert hedged.modality == "hedged"
    [asserted] = scan(tmp_path, "The unions may back the plan.", "{modality: false}")
    assert (asserted.modality, asserted.hedged) == ("asserted", False)
    [question] = scan(tmp_path, "Would the unions back the plan?", "{modality: false}")
    assert question.modality == "asserted"


def test_hedges_point_at_a_lexicon(tmp_path) -> None:
    [listed] = scan(tmp_path, "The unions perhaps back the plan.", "{hedges: '@soft_hedges'}")
    assert listed.modality == "hedged"
    [unlisted] = scan(tmp_path, "The unions may back the plan.", "{hedges: soft_hedges}")
    assert unlisted.modality == "asserted"


# --- pronouns and speakers -------------------------------------------------------------------


def test_resolve_pronouns_false_leaves_a_pronoun_unresolved(tmp_path) -> None:
    text = "Mr. Smith spoke on Monday. He backs the plan."
    [resolved] = scan(tmp_path, text)
    assert (resolved.actor.name, resolved.actor.via) == ("Smith", "pronoun")
    [off] = scan(tmp_path, text, "{resolve_pronouns: false}")
    assert (off.actor.text, off.actor.name, off.actor.via) == ("He", None, "unresolved")


def test_speakers_false_names_no_speaker(tmp_path) -> None:
    text = '"We back the plan," Mr. Smith said.'
    [spoken] = scan(tmp_path, text)
    assert (spoken.actor.name, spoken.actor.via, spoken.speaker.name) == ("Smith", "speaker", "Smith")
    [off] = scan(tmp_path, text, "{speakers: false}")
    assert off.speaker is None
    assert (off.actor.text, off.actor.name, off.actor.via) == ("We", None, "unresolved")


# --- file defaults ---------------------------------------------------------------------------


def test_file_options_are_the_default_and_a_rule_overrides_them(tmp_path) -> None:
    text = "The unions never back the plan."
    [by_file] = scan(tmp_path, text, file_options="{negation: false, modality: false}")
    assert not by_file.negated
    [by_rule] = scan(tmp_path, text, "{negation: true}", file_options="{negation: false}")
    assert by_rule.negated


def test_options_are_compiled_into_the_rule(tmp_path) -> None:
    path = write_rules(tmp_path, rules("{speakers: false}", "{readings: [passive]}"))
    [rule] = load_rules([path]).compile().rules
    assert rule.options.readings == frozenset({"passive"})
    assert rule.options.speakers is False and rule.options.negation is True
    assert rule.options.changed() == {"readings": "[passive]", "speakers": "false"}


def test_a_lexicon_named_only_by_an_option_is_used(tmp_path, capsys) -> None:
    path = write_rules(tmp_path, rules(rule_options="{negations: strict_negations}"))
    assert main(["check", str(path)]) == ExitCode.OK
    assert "strict_negations" not in capsys.readouterr().out


# --- explain ---------------------------------------------------------------------------------


def explain(capsys, tmp_path: Path, text: str, rule_options: str = "") -> str:
    path = write_rules(tmp_path, rules(rule_options=rule_options))
    assert main(["explain", "-r", str(path), text]) == ExitCode.OK
    return capsys.readouterr().out


def test_explain_names_the_reading_and_the_entry_that_dropped_a_match(capsys, tmp_path) -> None:
    out = explain(capsys, tmp_path, "Cruz was endorsed by the governor.")
    assert re.search(
        r"-> no finding: read as a passive .*\(reading 'passive'\); made by 'was' in "
        r"language\.passive_auxiliaries \(rules/en/language/clauses\.yaml:\d+\)",
        out,
    )
    out = explain(capsys, tmp_path, "He is back in talks.")
    assert re.search(r"\(reading 'adverb_back'\); made by 'is' in language\.be_forms \(rules/en/language/", out)


def test_explain_names_the_lexicon_entry_that_negated(capsys, tmp_path) -> None:
    out = explain(capsys, tmp_path, "The unions refused to back the plan.", "{negations: strict_negations}")
    assert "rule options: negations: @strict_negations" in out
    assert re.search(r"negated by 'refused to' \(@strict_negations, .*options\.yaml:8\): support becomes oppose", out)


def test_explain_names_the_pack_entry_that_hedged(capsys, tmp_path) -> None:
    out = explain(capsys, tmp_path, "The unions may back the plan.")
    assert re.search(r"modality hedged \('may' \(language\.hedges, rules/en/language/negation\.yaml:\d+\)\)", out)


# --- discourse -------------------------------------------------------------------------------

POLITICAL = "The ministers met. The opposition MPs spoke about the tax. The unions back the plan."
MATCH_REPORT = "The striker scored twice. The unions back the plan."


def test_a_rule_of_a_discourse_is_tried_only_in_documents_of_it(tmp_path) -> None:
    options = "{discourse: language.political_words}"
    [finding] = scan(tmp_path, POLITICAL, options)
    assert finding.topic.text.endswith("plan")
    assert scan(tmp_path, MATCH_REPORT, options) == []
    assert scan(tmp_path, MATCH_REPORT)  # without the option the rule reads any document


def test_discourse_words_says_how_many_different_words_it_takes(tmp_path) -> None:
    one_word = "The ministers met. The unions back the plan."
    assert scan(tmp_path, one_word, "{discourse: language.political_words}") == []
    assert scan(tmp_path, one_word, "{discourse: language.political_words, discourse_words: 1}")
    # the same word again is not a second word of the discourse
    twice = "The ministers met. The ministers spoke. The unions back the plan."
    assert scan(tmp_path, twice, "{discourse: language.political_words, discourse_words: 2}") == []


def test_rules_naming_equal_discourse_lists_are_counted_against_one_list() -> None:
    """Each rule read from the cache has its own copy of the list it names: the rules are given
    one list object for all equal copies, and each still keeps its own number of words."""
    from stancekit.engine.discourse import DocumentDiscourse, discourse_rules, rules_outside
    from stancekit.engine.options import RuleOptions, WordList

    def political() -> WordList:
        return WordList("language.political_words", frozenset({"ministers", "tax", "unions"}), ())

    kept = discourse_rules(
        [
            (0, RuleOptions(discourse=political(), discourse_words=2)),
            (1, RuleOptions()),
            (2, RuleOptions(discourse=political(), discourse_words=3)),
        ]
    )
    assert [index for index, _ in kept] == [0, 2]
    assert kept[0][1].discourse is kept[1][1].discourse
    document = DocumentDiscourse("the ministers met. the unions back the plan.")
    assert rules_outside(kept, document) == frozenset({2})


def test_a_lexicon_can_be_the_discourse(tmp_path) -> None:
    lexicon = "{discourse: back_verbs, discourse_words: 1}"
    assert scan(tmp_path, "The unions back the plan.", lexicon)


@pytest.mark.parametrize("value", ["0", "three", "true", "[1]"])
def test_discourse_words_must_be_a_whole_number(tmp_path, capsys, value) -> None:
    out = refused(tmp_path, capsys, "{discourse: language.political_words, discourse_words: " + value + "}")
    assert "option 'discourse_words' must be a whole number, 1 or more" in out
    assert "write 'discourse_words: 3'" in out


def test_explain_says_a_document_falls_short_of_the_rule_discourse(tmp_path, capsys) -> None:
    path = write_rules(tmp_path, rules(rule_options="{discourse: language.political_words}"))
    assert main(["explain", "-r", str(path), "--rule", "t.back", MATCH_REPORT]) == ExitCode.OK
    out = capsys.readouterr().out
    assert (
        "the document is not of the rule's discourse: it holds 0 different words of"
        " language.political_words, and the rule needs 3"
    ) in out


def test_rule_examples_are_read_as_excerpts_of_a_document_not_given(tmp_path, capsys) -> None:
    """An example is one sentence, which cannot show its document's discourse nor the earlier
    sentences a pronoun refers back to: `stancekit test` checks what the pattern reads, where a
    scan of the same sentence as a whole document gives nothing."""
    text = rules(rule_options="{discourse: language.political_words, unresolved_holders: false}").replace(
        "    polarity: support\n",
        "    polarity: support\n    examples:\n"
        '      - text: "They back the plan."\n'
        '        expect: [{actor: "They", polarity: support}]\n',
        1,
    )
    path = write_rules(tmp_path, text)
    assert main(["test", str(path)]) == ExitCode.OK
    assert "1 passed" in capsys.readouterr().out
    assert Matcher(load_rules([path]).compile()).scan("They back the plan.") == []


# --- unresolved holders ----------------------------------------------------------------------


def test_unresolved_holders_false_drops_a_finding_whose_holder_is_unknown(tmp_path) -> None:
    [kept] = scan(tmp_path, "They back the plan.")
    assert kept.actor.via == "unresolved"
    assert scan(tmp_path, "They back the plan.", "{unresolved_holders: false}") == []
    [named] = scan(tmp_path, "The unions met. They back the plan.", "{unresolved_holders: false}")
    assert named.actor.name == "unions"


def test_explain_says_a_finding_was_dropped_for_its_unresolved_holder(capsys, tmp_path) -> None:
    out = explain(capsys, tmp_path, "They back the plan.", "{unresolved_holders: false}")
    assert "dropped: its holder is left unresolved, and the rule says 'unresolved_holders: false'" in out


DANGLING_RULES = """\
stancekit: 1
phrases:
  CUT:
    pattern: "stricter checks over? the?"
rules:
  - id: t.cut
    pattern: "{actor:ACTOR} backs {topic:CUT}"
    polarity: support
"""


def scan_cut(tmp_path: Path, text: str, rule_options: str = "") -> list[Finding]:
    """The findings of a rule whose topic phrase may stop on a preposition or an article."""
    path = tmp_path / "cut.yaml"
    rules_text = DANGLING_RULES + (f"    options: {rule_options}\n" if rule_options else "")
    path.write_text(rules_text, encoding="utf-8")
    return Matcher(load_rules([path]).compile()).scan(text)


@pytest.mark.parametrize(
    "sentence",
    ["The council backs stricter checks over who enters the port.", "The council backs stricter checks over the port."],
)
def test_a_topic_cut_before_its_object_is_dropped_unless_the_rule_keeps_it(tmp_path, sentence) -> None:
    assert scan_cut(tmp_path, sentence) == []
    [kept] = scan_cut(tmp_path, sentence, "{readings: [passive]}")
    assert kept.topic.text.startswith("stricter checks")


def test_a_topic_ending_where_the_sentence_ends_is_no_dangling_topic(tmp_path) -> None:
    [finding] = scan_cut(tmp_path, "The council backs stricter checks over.")
    assert finding.topic.text == "stricter checks over"
