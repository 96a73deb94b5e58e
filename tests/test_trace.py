"""The match trace: a scan told step by step to an observer, and the same findings with or without one."""

from __future__ import annotations

from pathlib import Path

import yaml

from stancekit import Matcher, load_rules
from stancekit.engine.trace import (
    CandidateDropped,
    CandidateFound,
    FindingMade,
    MatchRejected,
    RuleTried,
    SentenceScanned,
    TraceRecorder,
)

RULES = [
    {"id": "generic", "pattern": "{actor:ACTOR} back {topic:TOPIC}", "polarity": "support"},
    {"id": "specific", "pattern": "{actor:ACTOR} back 'the' {topic:TOPIC}", "polarity": "support"},
    {"id": "opposed", "pattern": "{actor:ACTOR} oppose {topic:TOPIC}", "polarity": "oppose"},
]


def compiled(tmp_path: Path, rules: list[dict] = RULES):
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"stancekit": 1, "lexicons": {}, "rules": rules}), encoding="utf-8")
    return load_rules([path]).compile()


def traced(tmp_path: Path, text: str) -> tuple[list, TraceRecorder]:
    recorder = TraceRecorder()
    findings = Matcher(compiled(tmp_path), observer=recorder).scan(text)
    return findings, recorder


def test_the_trace_names_the_candidate_sentence_and_the_rules_run_on_it(tmp_path):
    _, recorder = traced(tmp_path, "It rained all day. The party backed the plan.")
    [scanned] = recorder.of_type(SentenceScanned)
    assert scanned.sentence.text == "The party backed the plan."
    names = [r.id for r in (compiled(tmp_path).rules[i] for i in scanned.rules)]
    assert names == ["generic", "specific"]
    assert [e.rule.id for e in recorder.of_type(RuleTried)] == ["generic", "specific"]


def test_overlap_resolution_says_which_reading_won(tmp_path):
    findings, recorder = traced(tmp_path, "The party backed the plan.")
    [finding] = findings
    assert finding.rule.id == "specific"
    assert sorted(e.candidate.rule.id for e in recorder.of_type(CandidateFound)) == ["generic", "specific"]
    [dropped] = recorder.of_type(CandidateDropped)
    assert (dropped.candidate.rule.id, dropped.winner.rule.id) == ("generic", "specific")
    [made] = recorder.of_type(FindingMade)
    assert made.finding == finding


def test_a_stance_whose_topic_is_the_same_actors_next_stance_is_dropped_with_no_winner():
    recorder = TraceRecorder()
    [finding] = Matcher(load_rules().compile(), observer=recorder).scan(
        "The mayor refused to endorse the stadium plan."
    )
    assert (finding.polarity, finding.topic.text) == ("oppose", "the stadium plan")
    [dropped] = recorder.of_type(CandidateDropped)
    assert dropped.winner is None
    assert dropped.candidate.rule.id != finding.rule.id


def test_a_match_a_reading_drops_is_reported_with_the_reading(tmp_path):
    findings, recorder = traced(tmp_path, "The mayor opposed last week.")
    assert findings == []
    [rejected] = recorder.of_type(MatchRejected)
    assert (rejected.rule.id, rejected.reason) == ("opposed", "time_only_topic")
    assert recorder.of_type(CandidateFound) == []


def test_a_rule_tried_says_how_far_it_got(tmp_path):
    _, recorder = traced(tmp_path, "The party backed away.")
    progress = {e.rule.id: e.progress() for e in recorder.of_type(RuleTried)}
    assert progress["generic"].matches == ()
    assert progress["specific"].element_text(progress["specific"].failed) == "'the'"


def test_observing_a_scan_does_not_change_its_findings():
    pack = load_rules().compile()
    text = (
        "The council backed the transit plan on Monday, but the mayor said she does not support it. "
        '"We oppose any new tolls," the drivers\' union said.'
    )
    recorder = TraceRecorder()
    assert Matcher(pack, observer=recorder).scan(text) == Matcher(pack).scan(text)
    assert recorder.events
