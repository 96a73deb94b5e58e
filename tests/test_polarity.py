"""Polarity modifiers as engine behaviour: NegEx-style negation scope, hedges, conditions, questions."""

from __future__ import annotations

import pytest

from stancekit import Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def read(text: str) -> list[tuple[str, str, bool, str]]:
    return [(f.actor.text, f.polarity, f.negated, f.modality) for f in MATCHER.scan(text)]


@pytest.mark.parametrize(
    ("text", "polarity", "negated"),
    [
        ("Germany does not support the package.", "oppose", True),
        ("Germany never backed the package.", "oppose", True),
        ("Germany no longer supports the package.", "oppose", True),
        ("Germany refused to endorse the package.", "oppose", True),
        ("Germany failed to back the package.", "oppose", True),
        ("Germany did not oppose the package.", "neutral", True),
        ("Germany did not refuse to back the package.", "support", False),
        ("Germany not only supports the package but funds it.", "support", False),
    ],
    ids=["not", "never", "no longer", "refused to", "failed to", "oppose negated", "double", "not only"],
)
def test_negation_before_the_cue(text, polarity, negated):
    [(_, got_polarity, got_negated, _)] = read(text)
    assert (got_polarity, got_negated) == (polarity, negated)


@pytest.mark.parametrize(
    "text",
    [
        "Germany is not a member, but it backs the package.",
        "Iceland is not party to the deal and has rejected calls to cut catches.",
        "Germany, which was not consulted, backs the package.",
    ],
)
def test_a_termination_term_ends_the_scope_of_a_negation(text):
    assert all(not negated for _, _, negated, _ in read(text)), read(text)


def test_a_negation_after_the_stance_counts():
    assert read("Germany's support for the package was ruled out.") == [("Germany", "oppose", True, "asserted")]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Germany supports the package.", "asserted"),
        ("Germany may support the package.", "hedged"),
        ("Germany reportedly backs the package.", "hedged"),
        ("Germany is expected to endorse the package.", "hedged"),
        ("Germany would support the package if France agreed.", "conditional"),
        ("If Germany backs the package, it will pass.", "conditional"),
        ("The deal would have passed had they backed the package.", "conditional"),
        (
            "The deal, which the northern provinces and the two largest cities had all asked for in"
            " the spring and again in the autumn, would have passed had they backed the package.",
            "conditional",
        ),
        ("Does Germany support the package?", "question"),
        ("Analysts wonder whether Germany will back the package.", "question"),
        ('"Why would we back this package?" the minister asked.', "question"),
    ],
)
def test_modality(text, modality):
    findings = MATCHER.scan(text)
    assert findings, text
    assert {(f.modality, f.hedged) for f in findings} == {(modality, modality != "asserted")}
    assert all(f.polarity == "support" for f in findings)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("We consider it essential to back the new ferry route.", "asserted"),
        ("In our view, the harbour board rightly backs the new ferry route.", "asserted"),
        ("We consider backing the new ferry route.", "hedged"),
        ("I think the harbour board would back the new ferry route.", "hedged"),
    ],
    ids=["we consider it", "in our view", "considering is mulling", "a modal still hedges"],
)
def test_a_first_person_opinion_frame_states_a_view_and_does_not_hedge(text, modality):
    findings = MATCHER.scan(text)
    assert findings, text
    assert {(f.polarity, f.modality) for f in findings} == {("support", modality)}


def test_an_opinion_frame_wins_over_a_hedge_list_that_holds_its_verb(tmp_path):
    rules = tmp_path / "doubts.yaml"
    rules.write_text(
        "stancekit: 1\n"
        "lexicons:\n  doubting: [think, suppose]\n"
        "rules:\n"
        "  - id: t.right_to_back\n"
        '    pattern: "{actor:ACTOR} /[a-z]+/ it right to back {topic:TOPIC}"\n'
        "    polarity: support\n"
        "    options: {hedges: doubting}\n",
        encoding="utf-8",
    )
    matcher = Matcher(load_rules([rules]).compile())
    modality = {f.actor.text: f.modality for f in matcher.scan("Ministers suppose it right to back the levy.")}
    assert modality == {"Ministers": "hedged"}
    modality = {f.actor.text: f.modality for f in matcher.scan("We think it right to back the levy.")}
    assert modality == {"We": "asserted"}
