"""The Python library: what the command line does, callable from Python."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import stancekit
from stancekit import lib
from stancekit.text.documents import Document, InputProblem

SENTENCES = {
    "council": "The city council backed the new cycle lane plan on Tuesday.",
    "union": "The teachers' union opposes the proposed pay freeze.",
    "weather": "It rained all afternoon in the harbour town.",
}


@pytest.fixture(scope="module")
def rules():
    return stancekit.compile_rules()


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in SENTENCES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def findings_of(items) -> list:
    return [f for item in items if isinstance(item, lib.DocumentResult) for f in item.findings]


def test_the_module_docstring_example_runs():
    failures, tried = doctest.testmod(lib, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0


def test_help_on_the_package_shows_the_library_with_its_docstrings():
    shown = subprocess.run(
        [sys.executable, "-c", "import stancekit; help(stancekit)"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("scan_corpus", "scan_text", "compile_rules", "explain_text", "evaluate"):
        assert name in shown
    assert "yields each document's result" in shown or "DocumentResult" in shown


def test_every_public_name_is_exported_and_documented():
    for name in stancekit.__all__:
        assert hasattr(stancekit, name), name
        value = getattr(stancekit, name)
        if callable(value):
            assert value.__doc__, name


def test_scan_text_finds_the_stance_in_a_sentence(rules):
    [finding] = stancekit.scan_text(SENTENCES["union"], rules)
    assert (finding.actor.text, finding.polarity) == ("The teachers' union", "oppose")
    assert finding.doc == "text"


def test_a_corpus_folder_gives_the_same_findings_as_scanning_each_text(rules, tmp_path):
    folder = write_corpus(tmp_path / "news")
    items = list(stancekit.scan_corpus([str(folder)], rules))
    results = [i for i in items if isinstance(i, lib.DocumentResult)]
    assert sorted(r.doc_id for r in results) == ["council", "union", "weather"]
    by_doc = {r.doc_id: r.findings for r in results}
    for name, text in SENTENCES.items():
        expected = stancekit.scan_text(Document(name, text), rules)
        assert [(f.actor.text, f.polarity, f.topic.text) for f in by_doc[name]] == [
            (f.actor.text, f.polarity, f.topic.text) for f in expected
        ]


def test_records_are_scanned_like_documents(rules):
    records = [{"id": "r1", "text": SENTENCES["union"], "date": "2025-03-01"}, Document("r2", SENTENCES["council"])]
    found = findings_of(stancekit.scan_corpus(records, rules))
    assert [(f.doc, f.date) for f in found] == [("r1", "2025-03-01"), ("r2", None)]


def test_a_missing_path_is_yielded_as_an_input_problem_and_the_rest_is_scanned(rules, tmp_path):
    folder = write_corpus(tmp_path / "news")
    items = list(stancekit.scan_corpus([str(tmp_path / "nowhere"), str(folder)], rules))
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert len(problems) == 1 and "nowhere" in str(problems[0])
    assert len(findings_of(items)) == len(findings_of(stancekit.scan_corpus([str(folder)], rules)))


def test_worker_processes_give_the_same_results_in_the_same_order(rules, tmp_path):
    folder = write_corpus(tmp_path / "news")
    serial = [f.id for f in findings_of(stancekit.scan_corpus([str(folder)], rules))]
    parallel = [f.id for f in findings_of(stancekit.scan_corpus([str(folder)], rules, jobs=2))]
    assert serial == parallel and serial


def test_an_unknown_engine_is_refused(rules):
    with pytest.raises(ValueError, match="unknown engine"):
        list(stancekit.scan_corpus([], rules, engine="spark"))


def test_explain_names_the_rule_that_gave_the_finding(rules):
    explanation = stancekit.explain_text(SENTENCES["union"], rules)
    [sentence] = explanation.sentences
    [explained] = sentence.findings
    fired = [t.rule.id for t in sentence.traces if any(o.finding == explained.finding.id for o in t.outcomes)]
    assert fired == [explained.finding.rule.id]


def test_evaluate_scores_findings_against_gold(rules, tmp_path):
    [finding] = stancekit.scan_text(Document("union", SENTENCES["union"]), rules)
    gold = tmp_path / "gold.jsonl"
    record = {
        "doc": "union",
        "polarity": "oppose",
        "actor": {"text": finding.actor.text, "start": finding.actor.start, "end": finding.actor.end},
        "topic": {"text": finding.topic.text, "start": finding.topic.start, "end": finding.topic.end},
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = stancekit.evaluate(stancekit.load_gold(gold), [finding])
    assert result.scores.recall == 1.0
