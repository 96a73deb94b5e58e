"""Scoring findings against gold annotations: the matching rules, the figures, the lists of
misses and false findings, the `stancekit eval` command, and agreement with the scorer that
came with the PolNeAR gold (skipped where `../shared` is absent).

The fixtures in `fixtures/eval/` are four tiny articles, a two-rule file, seven gold records
and eight hand-made findings; each finding is there for one reason, said in `FINDINGS_WHY`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit import Finding, Matcher, load_rules
from stancekit.cli import cli
from stancekit.evaluation import (
    EvaluationInputError,
    GoldMention,
    GoldRecord,
    content_words,
    doc_key,
    evaluate,
    finding_matches,
    format_report,
    iter_findings,
    load_gold,
    mention_matches,
    sentence_covers,
)
from stancekit.exitcodes import ExitCode
from stancekit.text.documents import iter_documents

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "eval"
GOLD = FIXTURES / "gold.jsonl"
FINDINGS = FIXTURES / "findings.jsonl"
CORPUS = FIXTURES / "corpus"
RULES = FIXTURES / "rules.yaml"
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_gold.py"
POLNEAR = SHARED / "data" / "polnear"
SUMMARY = re.compile(
    r"^recall=(\d\.\d{3}) precision_judged=(\d\.\d{3}) precision_strict=(\d\.\d{3}) f1_strict=(\d\.\d{3})$"
)

FINDINGS_WHY = {
    "f1": "doc 'corpus/harbour.txt': folders and extension are dropped; matches gold 1",
    "f2": "doc 'C:\\news\\harbour.jsonl'; actor span elsewhere but shares 'minister'; matches gold 2",
    "f3": "actor 'They' shares only stop words with 'Harbour traders': judged, false",
    "f4": "matches gold 5",
    "f5": "polarity 'SUPPORT' (compared in lower case) where the gold says oppose: judged, false",
    "f6": "a document without gold: counted in findings only",
    "f7": "annotated document, sentence no gold record covers: not judged",
    "f8": "the evidence of f1 from another rule: correct too",
}


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def last_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def gold(actor=("Harbour traders", 100, 115), topic=("the timetable", 134, 147), polarity="oppose", doc="harbour"):
    return GoldRecord(doc, polarity, GoldMention(*actor), GoldMention(*topic), cue="said little about")


def found(
    actor=("Harbour traders", 100, 115),
    topic=("the timetable", 134, 147),
    sentence=(100, 148),
    polarity="oppose",
    doc="harbour",
    **actor_fields,
):
    return {
        "doc": doc,
        "sentence": {"text": "...", "start": sentence[0], "end": sentence[1]},
        "actor": {"text": actor[0], "start": actor[1], "end": actor[2], "name": actor[0], "id": None, **actor_fields},
        "topic": {"text": topic[0], "start": topic[1], "end": topic[2], "name": topic[0], "id": None},
        "polarity": polarity,
        "rule": {"id": "local.test"},
    }


def test_every_fixture_finding_is_explained():
    assert [f["id"] for f in iter_findings(FINDINGS)] == list(FINDINGS_WHY)


@pytest.fixture(scope="module")
def fixture_result():
    return evaluate(load_gold(GOLD), iter_findings(FINDINGS))


# --------------------------------------------------------------------------- the figures


def test_overall_figures_of_the_hand_computed_example(fixture_result):
    s = fixture_result.scores
    assert (s.gold, s.matched_gold) == (7, 3)  # gold 1, 2 and 5
    assert (s.findings, s.in_annotated, s.judged, s.correct) == (8, 7, 6, 4)  # f6 unannotated; f7 unjudged
    assert s.recall == pytest.approx(3 / 7)
    assert s.precision_judged == pytest.approx(4 / 6)
    assert s.precision_strict == pytest.approx(4 / 7)
    assert s.f1_strict == pytest.approx(24 / 49)  # 2 * 4/7 * 3/7 / (4/7 + 3/7)
    assert fixture_result.summary_line() == (
        "recall=0.429 precision_judged=0.667 precision_strict=0.571 f1_strict=0.490"
    )


def test_figures_per_polarity(fixture_result):
    rows = {p.polarity: p for p in fixture_result.by_polarity}
    assert list(rows) == ["support", "oppose", "neutral"]
    support, oppose, neutral = rows["support"], rows["oppose"], rows["neutral"]
    assert (support.gold, support.matched_gold, support.recall) == (3, 1, pytest.approx(1 / 3))
    assert (oppose.gold, oppose.matched_gold, oppose.recall) == (4, 2, 0.5)
    # findings, in annotated documents, judged, correct: f1 f5 f6 f8 / f2 f3 f4 / f7
    assert (support.findings, support.in_annotated, support.judged, support.correct) == (4, 3, 3, 2)
    assert (oppose.findings, oppose.in_annotated, oppose.judged, oppose.correct) == (3, 3, 3, 2)
    assert (neutral.gold, neutral.findings, neutral.in_annotated, neutral.judged, neutral.correct) == (0, 1, 1, 0, 0)
    assert support.precision_strict == pytest.approx(2 / 3)
    assert neutral.recall == neutral.precision_judged == neutral.precision_strict == 0.0


def test_figures_per_rule_sorted_by_number_of_findings(fixture_result):
    rows = [(r.rule, r.findings, r.in_annotated, r.judged, r.correct, r.matched_gold) for r in fixture_result.by_rule]
    assert rows == [
        ("local.back", 3, 2, 2, 1, 1),
        ("local.oppose", 3, 3, 3, 2, 2),
        ("local.extra", 1, 1, 1, 1, 1),
        ("local.neutral", 1, 1, 0, 0, 0),
    ]
    back = fixture_result.by_rule[0]
    assert back.precision_strict == 0.5 and back.precision_judged == 0.5


def test_empty_inputs_give_zeros_not_errors():
    result = evaluate([], [])
    assert result.summary_line() == "recall=0.000 precision_judged=0.000 precision_strict=0.000 f1_strict=0.000"
    assert result.by_polarity == result.by_rule == result.misses == result.false_findings == ()


def test_results_are_frozen(fixture_result):
    with pytest.raises(AttributeError):
        fixture_result.scores.correct = 8  # type: ignore[misc]
    with pytest.raises(AttributeError):
        fixture_result.misses = ()  # type: ignore[misc]


def test_finding_objects_score_like_their_records():
    records = list(iter_findings(FINDINGS))
    objects = [Finding.from_dict(r) for r in records]
    from_objects = evaluate(load_gold(GOLD), objects).to_dict()
    from_records = evaluate(load_gold(GOLD), records).to_dict()
    assert [f["id"] for f in from_objects.pop("false_findings")] == ["f3", "f5"]
    assert [f["id"] for f in from_records.pop("false_findings")] == ["f3", "f5"]
    assert from_objects == from_records


# --------------------------------------------------------------------------- misses and false findings


def test_misses_in_gold_order_with_sentences_when_texts_are_given(fixture_result):
    assert [(m.gold.doc, m.gold.cue) for m in fixture_result.misses] == [
        ("harbour", "said little about"),
        ("school", "welcome"),
        ("school", "supports"),
        ("quiet", "praised"),
    ]
    assert all(m.sentence is None for m in fixture_result.misses)  # no texts given
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    with_texts = evaluate(load_gold(GOLD), iter_findings(FINDINGS), texts)
    assert [m.sentence.text for m in with_texts.misses] == [
        "Harbour traders said little about the timetable.",
        "Parents welcome the new curriculum.",
        "Mr. Okafor supports it.",
        "Officials praised the new bridge at the opening.",
    ]
    first = with_texts.misses[0].sentence
    assert texts["harbour"][first.start : first.end] == first.text


def test_a_miss_spanning_two_sentences_shows_both():
    text = "The harbour board met. It opposes the plan. Rain fell."
    record = GoldRecord("d", "oppose", GoldMention("The harbour board", 0, 17), GoldMention("the plan", 35, 43))
    (miss,) = evaluate([record], [], {"d": text}).misses
    assert miss.sentence.text == "The harbour board met. It opposes the plan."


def test_false_findings_are_judged_findings_that_match_nothing(fixture_result):
    assert [(f.doc, f.record["id"]) for f in fixture_result.false_findings] == [("harbour", "f3"), ("school", "f5")]
    assert fixture_result.false_findings[1].sentence == "Mr. Okafor supports it."


# --------------------------------------------------------------------------- the matching rules


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        ("harbour", "harbour"),
        ("corpus/harbour.txt", "harbour"),
        ("news/2024/harbour", "harbour"),
        ("C:\\news\\harbour.jsonl", "harbour"),
        ("harbour.json", "harbour"),
        ("harbour.csv", "harbour"),
        ("harbour.report.txt", "harbour.report"),
        ("harbour.md", "harbour.md"),
        (None, ""),
    ],
)
def test_document_key(doc, key):
    assert doc_key(doc) == key


def test_documents_are_compared_by_key():
    assert finding_matches(found(doc="dev/text/harbour.txt"), gold())
    assert not finding_matches(found(doc="dev/text/school.txt"), gold())


def test_gold_documents_not_in_key_form_are_reported_as_unreachable():
    result = evaluate([gold(doc="dev/harbour.txt")], [found(doc="dev/harbour.txt")])
    assert result.scores.matched_gold == 0
    assert result.unreachable_docs == ("dev/harbour.txt",)


@pytest.mark.parametrize(
    ("sentence", "covers"),
    [
        ((100, 148), True),
        ((0, 101), True),  # overlaps the region's first character
        ((146, 200), True),  # overlaps its last character
        ((0, 100), False),  # ends where the region starts
        ((147, 200), False),  # starts where it ends
    ],
)
def test_the_sentence_must_overlap_the_gold_region(sentence, covers):
    assert sentence_covers(found(sentence=sentence), gold()) is covers
    assert finding_matches(found(sentence=sentence), gold()) is covers


def test_the_region_runs_from_the_first_start_to_the_last_end_of_actor_and_topic():
    passive = gold(
        actor=("the council", 160, 171), topic=("The plan", 100, 108)
    )  # "The plan was opposed by the council"
    assert passive.region == (100, 171)
    assert sentence_covers(found(sentence=(150, 155)), passive)  # only the middle, where the cue is


def test_a_finding_without_a_sentence_span_covers_nothing():
    record = found()
    record["sentence"] = None
    assert not sentence_covers(record, gold())


def test_polarity_must_be_the_same_in_any_case():
    assert not finding_matches(found(polarity="support"), gold())
    assert not finding_matches(found(polarity="neutral"), gold())
    assert finding_matches(found(polarity="Oppose"), gold())


def test_a_finding_on_a_concept_is_compared_by_its_agreement():
    on_concept = {**found(polarity="support"), "agreement": "oppose"}
    assert finding_matches(on_concept, gold())
    assert not finding_matches({**found(polarity="oppose"), "agreement": "support"}, gold())


def test_an_overlapping_span_matches_whatever_its_words():
    assert mention_matches({"text": "they", "start": 110, "end": 120}, GoldMention("Harbour traders", 100, 115))


def test_a_shared_content_word_matches_without_overlap():
    assert mention_matches({"text": "the traders", "start": 0, "end": 11}, GoldMention("Harbour traders", 100, 115))
    assert finding_matches(found(actor=("the traders", 0, 11)), gold())
    assert finding_matches(found(topic=("the ferry timetable", 0, 19)), gold())


def test_stop_words_are_not_shared_words():
    gold_actor = GoldMention("Mr. Okafor of the council", 100, 125)
    for text in ("the", "He", "Mr.", "of the", "its"):
        assert not mention_matches({"text": text, "start": 0, "end": 5}, gold_actor), text
    assert content_words("Mr. Okafor of the council") == {"okafor", "council"}


def test_spans_touching_at_an_end_do_not_overlap():
    assert not mention_matches({"text": "x", "start": 90, "end": 100}, GoldMention("Harbour traders", 100, 115))
    assert not mention_matches({"text": "x", "start": 115, "end": 120}, GoldMention("Harbour traders", 100, 115))


def test_the_name_and_the_id_count_as_the_actors_words():
    gold_actor = GoldMention("Harbour traders", 100, 115)
    assert mention_matches({"text": "they", "start": 0, "end": 4, "name": "harbour traders"}, gold_actor)
    assert mention_matches({"text": "they", "start": 0, "end": 4, "name": "they", "id": "TRADERS"}, gold_actor)
    assert not mention_matches({"text": "they", "start": 0, "end": 4, "name": "they", "id": None}, gold_actor)
    assert finding_matches(found(actor=("they", 0, 4), id="HARBOUR_TRADERS"), gold())


def test_actor_and_topic_must_both_match():
    assert not finding_matches(found(actor=("They", 0, 4)), gold())
    assert not finding_matches(found(topic=("it", 0, 2)), gold())


def test_a_missing_actor_matches_nothing():
    record = found()
    record["actor"] = None
    assert not finding_matches(record, gold())


# --------------------------------------------------------------------------- reading files


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_gold_records_are_read_with_their_line_numbers(tmp_path):
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    path = write(tmp_path / "gold.jsonl", lines[0], "", "   ", lines[1])
    records = load_gold(path)
    assert [r.line for r in records] == [1, 4]
    assert records[0] == GoldRecord(
        "harbour",
        "support",
        GoldMention("The island council", 0, 18),
        GoldMention("the ferry subsidy", 25, 42),
        cue="backs",
        date="2024-05-01",
        split="dev",
        publisher="harbour-gazette",
        line=1,
    )


def test_a_byte_order_mark_and_carriage_returns_are_read(tmp_path):
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\r".join(lines[:3]).encode() + b"\r\n")
    assert [r.line for r in load_gold(path)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"doc": "harbour", "polarity": ', "malformed JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"doc": "harbour", "polarity": "support"}', "'actor' must be an object"),
        ('{"doc": "", "polarity": "support"}', "'doc' must be a non-empty string"),
        ('{"doc": "h", "polarity": "favour", "actor": {}, "topic": {}}', "'polarity' must be one of"),
        (
            '{"doc": "h", "polarity": "oppose", "actor": {"text": "A", "start": "0", "end": 1}, '
            '"topic": {"text": "B", "start": 2, "end": 3}}',
            "'actor.start' and 'actor.end' must be character offsets",
        ),
        (
            '{"doc": "h", "polarity": "oppose", "actor": {"text": "A", "start": 0, "end": 1}, '
            '"topic": {"text": "B", "start": 5, "end": 3}}',
            "'topic' starts after it ends",
        ),
    ],
)
def test_a_malformed_gold_line_is_an_error_naming_file_and_line(tmp_path, line, message):
    first = GOLD.read_text(encoding="utf-8").splitlines()[0]
    path = write(tmp_path / "gold.jsonl", first, line)
    with pytest.raises(EvaluationInputError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)
    assert caught.value.line == 2


def test_bytes_that_are_not_utf8_are_an_error_naming_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(GOLD.read_bytes().splitlines(keepends=True)[0] + b'{"doc": "h\xff"}\n')
    with pytest.raises(EvaluationInputError, match=r":2: not UTF-8"):
        load_gold(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "malformed JSON"),
        ('[{"doc": "harbour"}]', "a JSON array; findings are read as JSONL"),
        ('{"doc": "harbour", "actor": "Harbour traders"}', "'actor' must be an object"),
        ('{"doc": "harbour", "sentence": {"start": "0", "end": 10}}', "'sentence.start' must be an integer"),
    ],
)
def test_a_malformed_findings_line_is_an_error_naming_file_and_line(tmp_path, line, message):
    path = write(tmp_path / "findings.jsonl", "", line)
    with pytest.raises(EvaluationInputError) as caught:
        list(iter_findings(path))
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(EvaluationInputError, match=r"absent\.jsonl: cannot read"):
        load_gold(tmp_path / "absent.jsonl")


# --------------------------------------------------------------------------- the command


def test_the_table_ends_with_the_summary_line():
    result = run("eval", GOLD, FINDINGS)
    assert result.exit_code == ExitCode.OK
    assert last_line(result.stdout) == "recall=0.429 precision_judged=0.667 precision_strict=0.571 f1_strict=0.490"
    assert SUMMARY.match(last_line(result.stdout))
    assert "precision strict    0.571 (4/7)" in result.stdout
    assert re.search(r"^local\.back +3 +2 +2 +1 +0\.500 +0\.500 +1$", result.stdout, re.M)
    assert re.search(r"^support +3 +1 +0\.333 +4 +3 +3 +2 +0\.667 +0\.667$", result.stdout, re.M)
    assert "missed gold records: 4\n" in result.stdout
    assert "false findings: 2\n" in result.stdout
    assert "    > Mr. Okafor supports it." in result.stdout


def test_the_table_lists_as_many_misses_and_false_findings_as_asked():
    result = run("eval", GOLD, FINDINGS, "--misses", "1", "--false", "0")
    assert "missed gold records: 4 (the first 1)" in result.stdout
    assert "said little about" in result.stdout and "'welcome'" not in result.stdout
    assert "false findings" not in result.stdout
    assert SUMMARY.match(last_line(result.stdout))


def test_json_is_the_full_result_as_one_object():
    result = run("eval", GOLD, FINDINGS, "--format", "json")
    assert result.exit_code == ExitCode.OK
    data = json.loads(result.stdout)
    assert (data["gold"], data["matched_gold"], data["judged"], data["correct"], data["in_annotated"]) == (
        7,
        3,
        6,
        4,
        7,
    )
    assert data["precision_judged"] == pytest.approx(4 / 6)
    assert data["summary"] == "recall=0.429 precision_judged=0.667 precision_strict=0.571 f1_strict=0.490"
    assert [p["polarity"] for p in data["by_polarity"]] == ["support", "oppose", "neutral"]
    assert data["by_rule"][0]["rule"] == "local.back"
    assert len(data["misses"]) == data["misses_total"] == 4  # all of them, unless --misses says otherwise
    assert data["misses"][0]["cue"] == "said little about" and data["misses"][0]["line"] == 3
    assert [f["id"] for f in data["false_findings"]] == ["f3", "f5"]
    capped = json.loads(run("eval", GOLD, FINDINGS, "-f", "json", "--misses", "1", "--false", "0").stdout)
    assert (len(capped["misses"]), capped["misses_total"], capped["false_findings"]) == (1, 4, [])


def test_findings_from_standard_input():
    result = run("eval", GOLD, "-", input=FINDINGS.read_text(encoding="utf-8"))
    assert last_line(result.stdout) == "recall=0.429 precision_judged=0.667 precision_strict=0.571 f1_strict=0.490"


def test_scanning_a_corpus_on_the_spot_makes_the_cycle_collector_pass_less_often():
    import gc

    from stancekit.gcpause import SCANNING_THRESHOLDS

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert run("eval", GOLD, "--scan", CORPUS, "--rules", RULES).exit_code == ExitCode.OK
        assert gc.get_threshold() == SCANNING_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_scan_a_corpus_on_the_spot_with_a_rule_file():
    result = run("eval", GOLD, "--scan", CORPUS, "--rules", RULES)
    assert result.exit_code == ExitCode.OK, result.stderr
    # council, minister, union (right); Okafor (gold says oppose); farmers (no gold for weather)
    assert last_line(result.stdout) == "recall=0.429 precision_judged=0.750 precision_strict=0.750 f1_strict=0.545"
    assert re.search(r"^local\.oppose +2 +2 +2 +2 +1\.000 +1\.000 +2$", result.stdout, re.M)
    assert "    > Parents welcome the new curriculum." in result.stdout  # a miss, with its sentence
    assert "    > Officials praised the new bridge at the opening." in result.stdout
    assert "scanned 4 documents" in result.stderr


def test_scan_warns_about_gold_documents_not_in_the_corpus(tmp_path):
    (tmp_path / "harbour.txt").write_text((CORPUS / "harbour.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("eval", GOLD, "--scan", tmp_path, "--rules", RULES)
    assert result.exit_code == ExitCode.OK
    assert "2 of 3 gold documents were not in the scanned corpus" in result.stderr


def test_scores_below_the_bar_exit_with_1_and_say_why():
    passing = run("eval", GOLD, FINDINGS, "--min-recall", "0.4", "--min-precision", "0.5")
    assert passing.exit_code == ExitCode.OK
    low_recall = run("eval", GOLD, FINDINGS, "--min-recall", "0.5")
    assert low_recall.exit_code == ExitCode.FINDINGS_DIFFER == 1
    assert low_recall.stderr.strip() == "failed: recall 0.429 (3/7) is below --min-recall 0.5"
    assert SUMMARY.match(last_line(low_recall.stdout))  # the report is printed all the same
    low_precision = run("eval", GOLD, FINDINGS, "--min-precision", "0.6", "-f", "json")
    assert low_precision.exit_code == 1
    assert low_precision.stderr.strip() == "failed: precision_strict 0.571 (4/7) is below --min-precision 0.6"
    both = run("eval", GOLD, FINDINGS, "--min-recall", "0.9", "--min-precision", "0.9")
    assert both.exit_code == 1 and len(both.stderr.strip().splitlines()) == 1


def test_malformed_gold_or_findings_exit_with_4_naming_file_and_line(tmp_path):
    bad_gold = write(tmp_path / "gold.jsonl", GOLD.read_text(encoding="utf-8").splitlines()[0], "{oops")
    result = run("eval", bad_gold, FINDINGS)
    assert result.exit_code == ExitCode.INPUT_ERROR == 4
    assert f"{bad_gold}:2: malformed JSON" in result.stderr
    assert result.stdout == ""
    bad_findings = write(tmp_path / "findings.jsonl", FINDINGS.read_text(encoding="utf-8").splitlines()[0], "[]")
    result = run("eval", GOLD, bad_findings)
    assert result.exit_code == 4
    assert f"{bad_findings}:2: " in result.stderr
    assert run("eval", GOLD, tmp_path / "absent.jsonl").exit_code == 4


def test_either_a_findings_file_or_a_corpus_to_scan():
    assert run("eval", GOLD).exit_code == ExitCode.USAGE
    assert run("eval", GOLD, FINDINGS, "--scan", CORPUS).exit_code == ExitCode.USAGE
    assert run("eval", GOLD, FINDINGS, "--rules", RULES).exit_code == ExitCode.USAGE


def test_report_of_the_api_is_the_table_of_the_command(fixture_result):
    assert format_report(fixture_result) == run("eval", GOLD, FINDINGS).stdout


# --------------------------------------------------------------------------- agreement with the PolNeAR scorer


def reference(findings: Path, gold_path: Path, *extra: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(findings), str(gold_path), *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()


def assert_agreement(findings: Path, gold_path: Path) -> str:
    """Both tools give the same closing line, the same counts and the same lists."""
    theirs = reference(findings, gold_path, "--misses", "100000", "--false", "100000")
    ours = run("eval", gold_path, findings, "--format", "json")
    assert ours.exit_code == 0, ours.stderr
    data = json.loads(ours.stdout)
    assert data["summary"] == theirs[-1]
    assert f"gold records: {data['gold']}  matched: {data['matched_gold']}" in theirs
    assert (
        f"findings: {data['findings']}  in annotated documents: {data['in_annotated']}  "
        f"judged: {data['judged']}  correct: {data['correct']}"
    ) in theirs
    assert [
        f"  {p['polarity']}: {p['matched_gold']}/{p['gold']} = {p['recall']:.3f}"
        for p in sorted(data["by_polarity"], key=lambda p: p["polarity"])
        if p["gold"]
    ] == [line for line in theirs if line.startswith("  ")]
    # The scorer's lines for misses and false findings, rebuilt from ours.
    assert [
        f"MISS {m['doc']} [{m['polarity']}] {m['actor']['text']!r} {m['cue']!r} {m['topic']['text'][:70]!r}"
        for m in data["misses"]
    ] == [line for line in theirs if line.startswith("MISS ")]
    assert [
        f"FALSE {doc_key(f.get('doc'))} [{f.get('polarity')}] {f['actor']['text']!r} / {f['topic']['text']!r} :: "
        f"{f['sentence']['text'][:160]!r}"
        for f in data["false_findings"]
    ] == [line for line in theirs if line.startswith("FALSE ")]
    return data["summary"]


@pytest.mark.skipif(
    not SCORER.exists(),
    reason=f"needs the PolNeAR reference scorer score_gold.py, kept out of the repository: the development "
    f"setup puts it in ../shared/ beside the repository ({SCORER} is absent; see docs/development.md)",
)
def test_agreement_with_the_reference_scorer_on_the_fixtures():
    assert assert_agreement(FINDINGS, GOLD) == (
        "recall=0.429 precision_judged=0.667 precision_strict=0.571 f1_strict=0.490"
    )


@pytest.mark.skipif(
    not (SCORER.exists() and (POLNEAR / "dev" / "text").exists() and (POLNEAR / "gold" / "dev.jsonl").exists()),
    reason="needs the PolNeAR dev texts, their gold and the reference scorer, kept out of the repository: the "
    "development setup puts them in ../shared/ beside the repository (see docs/development.md)",
)
def test_agreement_with_the_reference_scorer_on_polnear_dev(tmp_path):
    matcher = Matcher(load_rules().compile())
    findings = tmp_path / "dev.jsonl"
    with findings.open("w", encoding="utf-8") as out:
        for finding in matcher.scan_documents(iter_documents([POLNEAR / "dev" / "text"])):
            out.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
    summary = assert_agreement(findings, POLNEAR / "gold" / "dev.jsonl")
    assert SUMMARY.match(summary)
