"""Stance over time: counting per actor, topic and period, shifts, roll-up, and `stancekit track`."""

from __future__ import annotations

import datetime
import json

import pytest

from stancekit.cli import main
from stancekit.commands.track import is_findings_file
from stancekit.exitcodes import ExitCode
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


def test_pairs_with_as_many_findings_come_in_order_of_how_often_their_actor_and_topic_occur():
    findings = [
        finding(1, "2016-09-02", "12 percent", "the pipeline", "support"),
        finding(2, "2016-09-03", "Senator Reyes", "the toll", "oppose"),
        finding(3, "2016-09-04", "Senator Reyes", "the bridge", "support"),
        finding(4, "2016-09-05", "Senator Reyes", "the pipeline", "support"),
        finding(5, "2016-09-05", "Farmers Union", "the pipeline", "oppose"),
    ]
    order = [(s.actor.name, s.topic.name) for s in track(findings, by="month").series]
    assert order == [
        ("Senator Reyes", "the pipeline"),  # her three findings, the topic's three
        ("Senator Reyes", "the bridge"),
        ("Senator Reyes", "the toll"),
        ("12 percent", "the pipeline"),  # then by name
        ("Farmers Union", "the pipeline"),
    ]


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


def test_roll_up_counts_people_for_the_body_they_speak_for_and_topics_for_their_root():
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
        finding(2, "2023-03-02", "NSC", "peace talks", "oppose", actor_id="NSC", topic_id="talks"),
    ]
    plain = track(findings, by="month")
    assert sorted(s.actor.name for s in plain.series) == ["John Kirby", "NSC"]
    rolled = track(
        findings,
        by="month",
        roll_up=True,
        topic_parents={"ceasefire": "peace", "talks": "peace"},
        topic_names={"peace": "Peace process"},
    )
    (series,) = rolled.series
    assert (series.actor.key, series.topic.key, series.topic.name, series.oppose) == (
        "NSC",
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


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def findings_file(tmp_path):
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in FINDINGS), encoding="utf-8")
    return path


def run_track(capsys, *args) -> tuple[int, str, str]:
    code = main(["track", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_track_prints_a_row_per_pair_a_cell_per_period_and_the_shifts(capsys, findings_file):
    code, out, err = run_track(capsys, findings_file, "--min-evidence", "2")
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[0].split()[-3:] == ["2016-09", "2016-10", "2016-11"]
    assert lines[1].startswith("Senator Reyes | the pipeline")
    assert [cell.strip() for cell in lines[1].split("  ") if cell.strip()][1:] == ["+2 -0", "+0 -0 =1", "+1 -2"]
    assert "shifts: 1" in out
    assert "Senator Reyes turned against the pipeline: 2016-09 (+2 -0) -> 2016-11 (+1 -2)" in out
    assert "before: [support] doc1 (2016-09-02): Sentence 1 about the pipeline." in out
    assert "8 findings, 2 actor-topic pairs, 1 shifts; 1 undated findings (in 1 documents) left out" in err


def test_track_json_and_csv(capsys, findings_file, tmp_path):
    code, out, _ = run_track(capsys, findings_file, "--format", "json", "--by", "quarter")
    data = json.loads(out)
    assert code == 0 and data["by"] == "quarter" and data["periods"] == ["2016-Q3", "2016-Q4"]
    target = tmp_path / "track.csv"
    code, _, _ = run_track(capsys, findings_file, "--format", "csv", "-o", target, "--actor", "Farmers Union")
    assert target.read_text(encoding="utf-8").splitlines() == [
        "actor,actor_key,topic,topic_key,period,support,oppose,neutral,net",
        "Farmers Union,farmers union,the pipeline,pipeline,2016-09,0,1,0,-1",
    ]


def test_track_a_malformed_findings_file_exits_4_naming_the_line(capsys, tmp_path):
    bad = tmp_path / "findings.jsonl"
    bad.write_text(json.dumps(FINDINGS[0].to_dict()) + "\n{not json\n", encoding="utf-8")
    code, _, err = run_track(capsys, bad)
    # the first line is a finding, so this is read as a findings file, and line 2 is reported
    assert code == ExitCode.INPUT_ERROR and f"{bad}:2: malformed JSON" in err


def test_track_scans_a_corpus_dated_by_its_file_names(capsys, tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    board = "The Kelby harbour board"
    (corpus / "gazette_2016-09-01_pier.txt").write_text(f"{board} backs the Eastside pier.", encoding="utf-8")
    (corpus / "gazette_2016-11-02_pier.txt").write_text(f"{board} opposes the Eastside pier.", encoding="utf-8")
    (corpus / "gazette_2016-11-09_pier.txt").write_text(f"{board} rejects the Eastside pier.", encoding="utf-8")
    (corpus / "gazette_2016-09-04_pier.txt").write_text(f"{board} praises the Eastside pier.", encoding="utf-8")
    code, out, err = run_track(capsys, corpus, "--no-cache")
    assert code == ExitCode.OK, err
    assert "scanned 4 documents: 4 findings" in err
    # named, the board and the pier are one across the articles (a bare "the new pier" is each article's own)
    assert "Kelby harbour board turned against the Eastside pier: 2016-09 (+2 -0) -> 2016-11 (+0 -2)" in out


def test_a_jsonl_corpus_is_not_taken_for_a_findings_file(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "The board backs the pier."}) + "\n", encoding="utf-8")
    findings = tmp_path / "findings.jsonl"
    findings.write_text(json.dumps(FINDINGS[0].to_dict()) + "\n", encoding="utf-8")
    assert not is_findings_file([str(corpus)])
    assert is_findings_file([str(findings)])
    assert not is_findings_file([str(findings), str(corpus)])


def test_unresolved_pronouns_are_counted_not_tracked():
    findings = [
        *FINDINGS,
        finding(9, "2016-09-09", "I", "the pipeline", "support"),
        finding(10, "2016-09-09", "Reyes", "it", "oppose"),
    ]
    result = track(findings, by="month")
    assert result.unresolved == 2
    assert all(s.actor.key != "i" and s.topic.key != "it" for s in result.series)


def test_track_shows_the_ways_a_key_is_written(capsys, tmp_path):
    path = tmp_path / "findings.jsonl"
    written = [
        finding(1, "2016-09-02", "Senator Reyes", "calls for a ceasefire", "oppose"),
        finding(2, "2016-09-09", "Senator Reyes", "a ceasefire in the north", "oppose"),
        finding(3, "2016-10-01", "Senator Reyes", "the ceasefire", "support"),
    ]
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in written), encoding="utf-8")
    assert main(["track", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Senator Reyes | calls for a ceasefire" in out  # one row for the three
    assert 'ceasefire: "calls for a ceasefire" x1, "a ceasefire in the north" x1, "the ceasefire" x1' in out
    assert main(["track", str(path), "--format", "json"]) == 0
    variants = json.loads(capsys.readouterr().out)["variants"]["topic"]["ceasefire"]
    assert variants == {"calls for a ceasefire": 1, "a ceasefire in the north": 1, "the ceasefire": 1}
