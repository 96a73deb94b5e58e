"""Concepts as discourse network coders code them: a topic dictionary entry that states its
`agreement` is a concept, a proposition that statements agree or disagree with.

- an entry marked `agreement: disagree` reverses the side of a finding that matches it;
- a negation inside the matched proposition, not written in the pattern, reverses it again;
- a topic that names two concepts gives a finding for each;
- where entries overlap, the longest match wins, aliases and patterns alike.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from stancekit import Matcher, load_rules
from stancekit.cli import main
from stancekit.dsl.errors import RuleError
from stancekit.engine.referents import concept_agreement
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding

CONCEPTS = """\
stancekit: 1
topics:
  - id: levy_economy
    name: The carbon levy will not hurt the economy
    agreement: disagree
    patterns: [/(hurt|harm|damage)s? the (local )?economy/, /cost (local )?jobs/]
  - id: levy_prices
    name: The carbon levy will not raise prices
    agreement: disagree
    patterns: [/(cause|bring) an? (sharp |significant )?(rise|increase) in (energy )?prices/]
  - id: tidal_barrage
    name: The tidal barrage should be built
    agreement: agree
    aliases: [tidal barrage]
  - id: ferry_route
    name: The ferry route should be kept
    agreement: agree
    aliases: [ferry route]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory) -> Matcher:
    path = tmp_path_factory.mktemp("concepts") / "concepts.yaml"
    path.write_text(CONCEPTS, encoding="utf-8")
    return Matcher(load_rules(None, [path]).compile())


def sides(matcher: Matcher, text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    return [(f.actor.name, f.polarity, f.topic.id, f.agreement) for f in matcher.scan(text)]


@pytest.mark.parametrize(
    ("polarity", "disagrees", "negated", "agreement"),
    [
        ("support", False, False, "support"),
        ("support", True, False, "oppose"),
        ("oppose", True, False, "support"),
        ("support", False, True, "oppose"),
        ("support", True, True, "support"),
        ("neutral", True, False, "neutral"),
        ("neutral", False, True, "neutral"),
    ],
)
def test_the_side_on_a_concept_combines_polarity_entry_and_negation(polarity, disagrees, negated, agreement):
    assert concept_agreement(polarity, disagrees, negated) == agreement


def test_supporting_a_disagreeing_statement_disagrees_with_the_concept(matcher):
    text = "The union supports the claim that the levy would harm the local economy."
    assert sides(matcher, text) == [("union", "support", "levy_economy", "oppose")]


def test_not_supporting_a_disagreeing_statement_agrees_with_the_concept(matcher):
    text = "The union does not support the claim that the levy would harm the economy."
    assert sides(matcher, text) == [("union", "oppose", "levy_economy", "support")]


def test_rejecting_a_disagreeing_statement_agrees_with_the_concept(matcher):
    text = "Ms Okafor rejected the claim that the levy would cost jobs."
    assert sides(matcher, text) == [("Okafor", "oppose", "levy_economy", "support")]


def test_the_finding_is_named_by_the_concept_and_keeps_its_topic_text(matcher):
    [finding] = matcher.scan("The union supports the claim that the levy would harm the economy.")
    assert finding.topic.name == "The carbon levy will not hurt the economy"
    assert finding.topic.text == "the claim that the levy would harm the economy"


def test_a_negated_proposition_reverses_the_agreement(matcher):
    text = "The consumer council supports the claim that the levy would not cause a sharp rise in energy prices."
    assert sides(matcher, text) == [("consumer council", "support", "levy_prices", "support")]


def test_a_negation_the_pattern_itself_writes_does_not_reverse_it(tmp_path):
    path = tmp_path / "own.yaml"
    path.write_text(
        textwrap.dedent("""\
            stancekit: 1
            topics:
              - id: levy_economy
                name: The carbon levy will not hurt the economy
                agreement: agree
                patterns: ["/will not (hurt|harm) the economy/"]
            """),
        encoding="utf-8",
    )
    matcher = Matcher(load_rules(None, [path]).compile())
    text = "The mayor backs the view that the levy will not hurt the economy."
    assert sides(matcher, text) == [("mayor", "support", "levy_economy", "support")]


def test_a_negation_in_another_clause_of_the_topic_does_not_reverse_it(matcher):
    text = "The mayor backs the view that the old levy never worked and the new levy would harm the economy."
    assert [f.agreement for f in matcher.scan(text)] == ["oppose"]


def test_two_concepts_in_one_topic_give_one_finding_each(matcher):
    findings = matcher.scan("The harbour board supports the tidal barrage and the ferry route.")
    assert [(f.topic.id, f.topic.text, f.agreement) for f in findings] == [
        ("tidal_barrage", "tidal barrage", "support"),
        ("ferry_route", "ferry route", "support"),
    ]
    assert len({f.id for f in findings}) == 2
    assert {f.sentence for f in findings} == {findings[0].sentence}
    assert [f.id for f in matcher.scan(findings[0].sentence.text)] == [f.id for f in findings]


def test_a_negated_stance_on_two_concepts_opposes_both(matcher):
    findings = matcher.scan("The harbour board does not support the tidal barrage or the ferry route.")
    assert [(f.topic.id, f.agreement) for f in findings] == [("tidal_barrage", "oppose"), ("ferry_route", "oppose")]


def test_without_a_concept_a_topic_of_two_topics_stays_one_finding():
    """The bundled topics are no concepts: one finding, as before."""
    findings = Matcher(load_rules().compile()).scan("The senator supports the minimum wage and the tax cuts.")
    assert len(findings) == 1 and findings[0].agreement is None
    assert "agreement" not in findings[0].to_dict()


def test_the_agreement_is_written_to_json_and_read_back(matcher):
    [finding] = matcher.scan("Ms Okafor rejected the claim that the levy would cost jobs.")
    record = json.loads(json.dumps(finding.to_dict()))
    assert record["agreement"] == "support"
    assert Finding.from_dict(record) == finding
    assert finding.side == "support"


@pytest.mark.parametrize(
    ("entries", "topic"),
    [
        ("aliases: [ferry]", "ferry_route_long"),
        ("patterns: [/ferry/]", "ferry_route_long"),
    ],
    ids=["alias", "pattern"],
)
def test_the_longest_match_wins_across_aliases_and_patterns(tmp_path, entries, topic):
    path = tmp_path / "overlap.yaml"
    path.write_text(
        textwrap.dedent(f"""\
            stancekit: 1
            topics:
              - id: ferry_short
                name: ferries
                {entries}
              - id: ferry_route_long
                name: the night ferry route
                patterns: [/night ferry route/]
            """),
        encoding="utf-8",
    )
    findings = Matcher(load_rules(None, [path]).compile()).scan("The council backs the night ferry route.")
    assert [f.topic.id for f in findings] == [topic]


def test_an_alias_wins_a_tie_with_a_pattern(tmp_path):
    path = tmp_path / "tie.yaml"
    path.write_text(
        textwrap.dedent("""\
            stancekit: 1
            topics:
              - {id: by_pattern, name: by pattern, patterns: [/ferry route/]}
              - {id: by_alias, name: by alias, aliases: [ferry route]}
            """),
        encoding="utf-8",
    )
    findings = Matcher(load_rules(None, [path]).compile()).scan("The council backs the ferry route.")
    assert [f.topic.id for f in findings] == ["by_alias"]


def test_an_agreement_other_than_agree_or_disagree_is_an_error(tmp_path):
    path = tmp_path / "dictionary.yaml"
    path.write_text("stancekit: 1\ntopics:\n  - {id: t, name: t, aliases: [t], agreement: against}\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    [diagnostic] = [d for d in caught.value.diagnostics if d.code == "bad-topic-agreement"]
    assert "agreement must be agree or disagree, not 'against'" in diagnostic.message
    assert diagnostic.location is not None and diagnostic.location.line == 3


def test_export_to_dna_codes_the_agreement_not_the_polarity(tmp_path):
    concepts, story = tmp_path / "concepts.yaml", tmp_path / "hearing.jsonl"
    concepts.write_text(CONCEPTS, encoding="utf-8")
    text = "The union supports the claim that the levy would cost jobs."
    story.write_text(json.dumps({"id": "h1", "text": text}) + "\n", encoding="utf-8")
    findings, dna, coded = tmp_path / "f.jsonl", tmp_path / "r.dna", tmp_path / "c.jsonl"
    assert main(["scan", str(story), "--topics", str(concepts), "-f", "jsonl", "-o", str(findings), "-q"]) == 0
    assert main(["export", str(findings), "--to", "dna", "--corpus", str(story), "-o", str(dna)]) == ExitCode.OK
    assert main(["import-dna", str(dna), "-o", str(coded)]) == ExitCode.OK
    [record] = [json.loads(line) for line in coded.read_text(encoding="utf-8").splitlines()]
    assert (record["concept"], record["agreement"]) == ("The carbon levy will not hurt the economy", "oppose")


LINKED = """\
stancekit: 1
topics:
  - id: emissions_cap
    name: Farm emissions should be capped
    agreement: agree
    aliases: [farm emissions cap]
  - id: emissions_cap_against
    name: statements against a cap on farm emissions
    concept: emissions_cap
    agreement: disagree
    patterns: ["/cap (would|will) (\\\\w+ )?(ruin|bankrupt) (\\\\w+ )?farms/"]
"""


def test_an_entry_can_list_the_statements_against_another_entrys_concept(tmp_path):
    path = tmp_path / "linked.yaml"
    path.write_text(LINKED, encoding="utf-8")
    matcher = Matcher(load_rules(None, [path]).compile())
    [against] = matcher.scan("The union supports the claim that the cap would ruin family farms.")
    [plain] = matcher.scan("The union supports the farm emissions cap.")
    assert (against.topic.id, against.topic.name, against.agreement) == (
        "emissions_cap",
        "Farm emissions should be capped",
        "oppose",
    )
    assert (plain.topic.id, plain.agreement) == ("emissions_cap", "support")


def test_two_statements_of_one_concept_in_a_topic_give_one_finding(tmp_path):
    path = tmp_path / "linked.yaml"
    path.write_text(LINKED, encoding="utf-8")
    matcher = Matcher(load_rules(None, [path]).compile())
    text = "The union backs the farm emissions cap and the view that the cap would not ruin farms."
    assert [(f.topic.id, f.agreement) for f in matcher.scan(text)] == [("emissions_cap", "support")]


def test_a_concept_link_to_an_unknown_entry_is_an_error(tmp_path):
    path = tmp_path / "dictionary.yaml"
    path.write_text(
        "stancekit: 1\ntopics:\n  - {id: t, name: t, aliases: [t], concept: nope, agreement: disagree}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    [diagnostic] = [d for d in caught.value.diagnostics if d.code == "unknown-topic-id"]
    assert "topic t names unknown concept 'nope'" in diagnostic.message


def test_a_concept_is_found_where_a_bundled_topic_has_the_same_alias(tmp_path):
    """The bundled renewable energy topic also has the alias "wind farm": the concept names it."""
    path = tmp_path / "wind.yaml"
    path.write_text(
        "stancekit: 1\ntopics:\n"
        "  - {id: bay_wind_farm, name: The bay wind farm should be built, agreement: agree, aliases: [wind farm]}\n",
        encoding="utf-8",
    )
    [finding] = Matcher(load_rules(None, [path]).compile()).scan("The harbour board supports the wind farm.")
    assert (finding.topic.id, finding.agreement) == ("bay_wind_farm", "support")


def test_csv_output_can_show_the_agreement(tmp_path, capsys):
    concepts, story = tmp_path / "concepts.yaml", tmp_path / "story.txt"
    concepts.write_text(CONCEPTS, encoding="utf-8")
    story.write_text("Ms Okafor rejected the claim that the levy would cost jobs.\n", encoding="utf-8")
    args = ["scan", str(story), "--topics", str(concepts), "-f", "csv", "--fields", "polarity,agreement,topic.id"]
    capsys.readouterr()
    assert main([*args, "-q"]) == ExitCode.OK
    assert capsys.readouterr().out.splitlines() == ["polarity,agreement,topic.id", "oppose,support,levy_economy"]
