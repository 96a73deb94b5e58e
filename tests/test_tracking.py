"""Stance over time: counting per actor, topic and period, shifts, roll-up, and `stancekit track`."""

from __future__ import annotations

import datetime
import json

import pytest

from stancekit.findings import ActorRef, Affiliated, Finding, RuleRef, TextSpan, TopicRef
from stancekit.tracking.periods import first_day, label, period_of
from stancekit.tracking.timeline import track


def finding(n: int, date: str | None, actor: str, topic: str, polarity: str, **extra) -> Finding:
    affiliations = tuple(Affiliated(i, name) for i, name in extra.pop("affiliations", ()))
    return Finding(
        id=f"f{n}",
        doc=f"doc{n}",
        date=date,
        sentence=TextSpan(f"Sentence {n} about {topic}.", 0, 20),
        actor=ActorRef(actor, 0, len(actor), actor, extra.pop("actor_id", None), affiliations=affiliations),
        topic=TopicRef(topic, 5, 5 + len(topic), topic, extra.pop("topic_id", None)),
        polarity=polarity,
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef("t.rule", "rules.yaml", 1),
        ruleset="hash",
    )


@pytest.mark.parametrize(
    ("by", "expected"),
    [("day", "2016-01-03"), ("week", "2015-W53"), ("month", "2016-01"), ("quarter", "2016-Q1"), ("year", "2016")],
)
def test_period_labels_and_their_first_days(by, expected):
    day = datetime.date(2016, 1, 3)  # a Sunday: ISO week 53 of 2015
    assert label(day, by) == expected
    assert first_day(expected, by) <= day
    assert label(first_day(expected, by), by) == expected


def test_undated_and_unreadable_dates_have_no_period():
    assert period_of(None, "month") is None
    assert period_of("sometime in May", "month") is None
    assert period_of("2016-09-30T10:00:00Z", "month") == "2016-09"


FINDINGS = [
    finding(1, "2016-09-02", "Senator Reyes", "the pipeline", "support"),
    finding(2, "2016-09-20", "Senator Reyes", "the pipeline", "support"),
    finding(3, "2016-10-05", "Senator Reyes", "the pipeline", "neutral"),
    finding(4, "2016-11-11", "Senator Reyes", "the pipeline", "oppose"),
    finding(5, "2016-11-12", "Senator Reyes", "the pipeline", "oppose"),
    finding(6, "2016-11-13", "senator reyes", "The Pipeline", "support"),
    finding(7, None, "Senator Reyes", "the pipeline", "oppose"),
    finding(8, "2016-09-03", "Farmers Union", "the pipeline", "oppose"),
]


def test_counts_per_actor_topic_and_period():
    result = track(FINDINGS, by="month")
    assert result.findings == 8 and result.undated == 1 and result.undated_documents == ("doc7",)
    reyes = result.series[0]
    assert (reyes.actor.name, reyes.topic.name, reyes.total) == ("Senator Reyes", "the pipeline", 6)
    assert [(p.period, p.support, p.oppose, p.neutral, p.net) for p in reyes.periods] == [
        ("2016-09", 2, 0, 0, 2),
        ("2016-10", 0, 0, 1, 0),
        ("2016-11", 1, 2, 0, -1),
    ]
    assert result.periods == ("2016-09", "2016-10", "2016-11")


def test_a_sign_change_is_a_shift_with_evidence_on_both_sides():
    (shift,) = track(FINDINGS, by="month").shifts
    assert (shift.actor.name, shift.direction, shift.before.period, shift.after.period) == (
        "Senator Reyes",
        "turned against",
        "2016-09",
        "2016-11",
    )
    assert [e.finding_id for e in shift.evidence_before] == ["f1", "f2"]
    assert [e.finding_id for e in shift.evidence_after] == ["f4", "f5"]


def test_thresholds_filter_series_and_shifts():
    assert [s.actor.name for s in track(FINDINGS, by="month", min_findings=2).series] == ["Senator Reyes"]
    assert track(FINDINGS, by="month", min_evidence=3).shifts == ()  # no month has 3 sided findings
    assert track(FINDINGS, by="year").shifts == ()  # one year: nothing to compare


def test_filters_by_actor_and_topic_ignore_case():
    result = track(FINDINGS, by="month", actors=["farmers union"])
    assert [s.actor.name for s in result.series] == ["Farmers Union"]
    assert track(FINDINGS, by="month", topics=["nothing"]).series == ()


def test_roll_up_counts_actors_for_their_outermost_body_and_topics_for_their_root():
    findings = [
        finding(
            1,
            "2023-03-01",
            "John Kirby",
            "calls for a ceasefire",
            "oppose",
            actor_id="kirby",
            topic_id="ceasefire",
            affiliations=[("NSC", "National Security Council"), ("USA", "United States")],
        ),
        finding(2, "2023-03-02", "United States", "peace talks", "oppose", actor_id="USA", topic_id="talks"),
    ]
    plain = track(findings, by="month")
    assert sorted(s.actor.name for s in plain.series) == ["John Kirby", "United States"]
    rolled = track(
        findings,
        by="month",
        roll_up=True,
        topic_parents={"ceasefire": "peace", "talks": "peace"},
        topic_names={"peace": "Peace process"},
    )
    (series,) = rolled.series
    assert (series.actor.key, series.topic.key, series.topic.name, series.oppose) == (
        "USA",
        "peace",
        "Peace process",
        2,
    )


def test_unknown_period_is_refused():
    with pytest.raises(ValueError, match="unknown period 'fortnight'"):
        track(FINDINGS, by="fortnight")


def test_to_dict_is_json():
    data = json.loads(json.dumps(track(FINDINGS, by="month").to_dict()))
    assert data["shifts"][0]["direction"] == "turned against"
    assert data["series"][0]["periods"][0] == {"period": "2016-09", "support": 2, "oppose": 0, "neutral": 0, "net": 2}
