"""Evaluations and feelings: a holder calls a target good or bad, or feels for or against it,
without a stance verb; the evaluative words are a lexicon generated from VADER."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from stancekit import Matcher, load_rules

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "rules" / "en" / "evaluation_lexicon.yaml"
SCRIPT = ROOT / "scripts" / "build_evaluation_lexicon.py"
COMPILED = load_rules().compile()
# The sentences below test what the patterns read, as excerpts; the rules' discourse
# (documents that discuss politics) is tested at the end, on whole documents.
MATCHER = Matcher(COMPILED, excerpts=True)


def _lexicon_words() -> dict[str, set[str]]:
    lexicons = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))["lexicons"]
    return {name: set(body["entries"]) for name, body in lexicons.items()}


def _side(word: str) -> set[str]:
    return {name.split("_")[1] for name, words in _lexicon_words().items() if word in words}


def _build_script():
    spec = importlib.util.spec_from_file_location("build_evaluation_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_lexicon_is_what_the_script_builds_from_vader():
    pytest.importorskip("vaderSentiment")
    assert LEXICON.read_text(encoding="utf-8") == _build_script().build(), (
        "rules/en/evaluation_lexicon.yaml is out of date: run scripts/build_evaluation_lexicon.py"
    )


def test_the_lexicon_credits_vader_and_says_how_to_regenerate_it():
    header = LEXICON.read_text(encoding="utf-8").split("stancekit: 1")[0]
    assert "VADER" in header and "MIT" in header and "Hutto" in header
    assert "scripts/build_evaluation_lexicon.py" in header


@pytest.mark.parametrize("word", ["reckless", "absurd", "dangerous", "disgrace", "liar", "betrayal", "corrupt"])
def test_well_known_criticisms_are_negative(word):
    assert _side(word) == {"negative"}


@pytest.mark.parametrize("word", ["brilliant", "courageous", "excellent", "prudent", "hero"])
def test_well_known_praise_is_positive(word):
    assert _side(word) == {"positive"}


@pytest.mark.parametrize("word", ["accident", "funeral", "happy", "tired", "sunny", "dead", "guilty"])
def test_words_that_evaluate_no_target_in_news_are_left_out(word):
    assert _side(word) == set()


def _findings(text: str) -> list[tuple]:
    return [(f.actor.name, f.polarity, f.topic.text, f.kind) for f in MATCHER.scan(text)]


def test_a_label_is_the_labeller_s_evaluation_of_its_object():
    found = _findings("Senator Ana Ruiz called the border plan reckless.")
    assert ("Ana Ruiz", "oppose", "the border plan", "evaluation") in found


def test_a_quoted_evaluation_of_a_third_party_is_held_by_the_quote_s_speaker():
    text = 'Rosa Diaz spoke in Leeds on Friday. "The new levy is unfair and unworkable," Ms Diaz said.'
    assert ("Rosa Diaz", "oppose", "The new levy", "evaluation") in _findings(text)


def test_a_quote_s_later_sentence_keeps_its_speaker():
    text = 'Omar Hale was scathing. "We warned them. The council has been a shambles," Mr Hale said.'
    assert ("Omar Hale", "oppose", "The council", "evaluation") in _findings(text)


def test_an_evaluation_of_a_situation_is_no_stance():
    assert _findings('"The weather was terrible," the coach said.') == []
    assert _findings("The minister said it was a terrible accident.") == []


def test_a_feeling_about_a_target_is_a_stance_of_kind_feeling():
    found = _findings("Many commuters are fed up with the rail operator.")
    assert ("Many commuters", "oppose", "the rail operator", "feeling") in found


def test_a_quoted_evaluation_nobody_is_said_to_speak_has_no_holder_named():
    holders = [(f.actor.name, f.actor.via) for f in MATCHER.scan('"The new levy is unfair and unworkable."')]
    assert holders == [(None, "unresolved")]


def test_the_narrator_s_words_around_a_quoted_phrase_are_no_evaluation():
    assert _findings('The new levy is "unfair and unworkable."') == []


def test_praise_in_a_match_report_is_no_stance_and_in_a_political_story_it_is():
    praise = '"Tom Reed has been outstanding all season," coach Ann Vale said.'
    match_report = "City won 3-1 at home on Saturday. " + praise
    political = "The minister faced MPs over the tax rise. The opposition called a vote. " + praise
    kinds = {f.kind for f in Matcher(COMPILED).scan(match_report)}
    assert "evaluation" not in kinds
    assert ("Ann Vale", "support", "Tom Reed", "evaluation") in [
        (f.actor.name, f.polarity, f.topic.text, f.kind) for f in Matcher(COMPILED).scan(political)
    ]
