"""Hostile text: an endless sentence or a huge document is scanned in bounded work, and said so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit import Document, Matcher, load_rules
from stancekit.cli import cli
from stancekit.cluster.parts import PartitionResult, PartsWriter
from stancekit.engine.parallel import scan_one
from stancekit.exitcodes import ExitCode
from stancekit.text import limits
from stancekit.text.documents import iter_documents
from stancekit.text.segment import segment
from stancekit.text.tokens import normalise

ROOT = Path(__file__).resolve().parent.parent
STANCE_BEFORE = "The mayor opposes the new tax."
STANCE_AFTER = "The council supports the plan."
CELLS = "| 2016 | Smith | 42.5 | council budget | vote against | backs | the mayor | tax plan "


def scraped_table(tokens: int) -> str:
    """A table flattened into one sentence: no full stop, a trigger word every few cells."""
    cell_tokens = len(CELLS.split())
    return (CELLS * (tokens // cell_tokens + 1)).strip()


def test_a_sentence_over_the_limit_is_cut_into_pieces_at_spaces():
    table = scraped_table(20_000)
    text = f"{STANCE_BEFORE}\n\n{table}\n\n{STANCE_AFTER}\n"
    seg = segment(text)
    assert seg.sentences[0].text == STANCE_BEFORE
    assert seg.sentences[-1].text == STANCE_AFTER
    pieces = seg.sentences[1:-1]
    assert len(pieces) > 1
    assert all(len(s.text) <= limits.MAX_SENTENCE_CHARS for s in pieces)
    assert all(s.text == text[s.start : s.end] for s in seg.sentences)
    # the pieces cover the table: only the spaces they were cut at are left out
    assert " ".join(s.text for s in pieces).split() == table.split()
    assert all(s.paragraph == pieces[0].paragraph for s in pieces)
    assert [s.index for s in seg.sentences] == list(range(len(seg.sentences)))
    assert seg.cut_sentences == (pieces[0].start,)


def test_a_cut_prefers_a_line_break_then_punctuation_to_a_space():
    words = "word " * (limits.MAX_SENTENCE_CHARS // 5)
    text = words[:2000] + "one; two " + words
    first = segment(text).sentences[0]
    assert first.text.endswith("one;")
    text = words[:2000] + "one\ntwo " + words
    assert segment(text).sentences[0].text.endswith("one")


def test_text_without_spaces_is_cut_at_the_limit():
    blob = "QUJD" * 10_000
    seg = segment(blob)
    assert [len(s.text) for s in seg.sentences][:2] == [limits.MAX_SENTENCE_CHARS] * 2
    assert "".join(s.text for s in seg.sentences) == blob


def test_a_sentence_at_the_limit_is_not_cut():
    text = ("a " * limits.MAX_SENTENCE_CHARS)[: limits.MAX_SENTENCE_CHARS - 1] + "."
    seg = segment(text)
    assert len(seg.sentences) == 1 and len(seg.sentences[0].text) == limits.MAX_SENTENCE_CHARS
    assert seg.cut_sentences == ()


def test_overlong_text_past_the_budget_is_left_out_and_the_sentences_after_it_are_kept():
    tables = f"{scraped_table(2_000)}\n\nA short line.\n\n{scraped_table(2_000)}"
    text = f"{STANCE_BEFORE}\n\n{tables}\n\n{STANCE_AFTER}\n"
    seg = segment(text, max_cut_text_chars=5_000)
    pieces = [s for s in seg.sentences if len(s.text) > 100]
    assert 5_000 <= sum(len(s.text) for s in pieces) < 5_000 + limits.MAX_SENTENCE_CHARS
    assert [s.text for s in seg.sentences if len(s.text) <= 100] == [STANCE_BEFORE, "A short line.", STANCE_AFTER]
    # the rest of the first table and all of the second are in no sentence, and said so
    second = text.index(scraped_table(2_000), text.index("A short line."))
    assert [end for _, end in seg.unscanned] == [text.index("\n\nA short line."), second + len(scraped_table(2_000))]
    assert seg.unscanned[0][0] == pieces[-1].end + 1
    assert seg.scanned_spans(len(text)) == [
        (0, seg.unscanned[0][0]),
        (seg.unscanned[0][1], seg.unscanned[1][0]),
        (seg.unscanned[1][1], len(text)),
    ]
    assert segment(text).unscanned == ()


def test_a_scan_reads_overlong_text_up_to_its_budget_and_says_how_much_it_left(monkeypatch):
    monkeypatch.setattr("stancekit.engine.matcher.MAX_CUT_TEXT_CHARS", 4_000)
    matcher = Matcher(load_rules().compile())
    text = f"{STANCE_BEFORE}\n\n{scraped_table(10_000)}\n\n{STANCE_AFTER}\n"
    result = scan_one(matcher, Document(id="scraped", text=text, source="corpus/scraped.txt"))
    assert {STANCE_BEFORE, STANCE_AFTER} <= {f.sentence.text for f in result.findings}
    budget_end = text.index(STANCE_AFTER) - 2 - len(scraped_table(10_000)) + 4_000 + limits.MAX_SENTENCE_CHARS
    assert all(f.sentence.end <= budget_end or f.sentence.text == STANCE_AFTER for f in result.findings)
    cut, unscanned = result.problems
    assert "1 sentence longer than 3,000 characters" in cut.message
    assert unscanned.where == "corpus/scraped.txt" and not unscanned.skipped
    said = r"[\d,]+ characters of text without a sentence end \(from character [\d,]+\) were not scanned"
    assert re.match(said, unscanned.message)
    assert "up to 4,000 characters in all" in unscanned.message


def test_an_endless_sentence_is_scanned_in_pieces_and_the_sentences_around_it_still_are():
    # how long it takes is measured by benchmarks/hostile.py: a bound here failed on a busy machine
    matcher = Matcher(load_rules().compile())
    text = f"{STANCE_BEFORE}\n\n{scraped_table(40_000)}\n\n{STANCE_AFTER}\n"
    result = scan_one(matcher, Document(id="scraped", text=text, source="corpus/scraped.txt"))
    sentences = {f.sentence.text for f in result.findings}
    assert STANCE_BEFORE in sentences and STANCE_AFTER in sentences
    assert all(len(f.sentence.text) <= limits.MAX_SENTENCE_CHARS for f in result.findings)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.where == "corpus/scraped.txt" and not problem.skipped
    assert "1 sentence longer than 3,000 characters" in problem.message


def test_a_normal_document_gives_no_warning():
    matcher = Matcher(load_rules().compile())
    result = scan_one(matcher, Document(id="plain", text=f"{STANCE_BEFORE} {STANCE_AFTER}"))
    assert result.problems == ()
    assert len(result.findings) == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cut_warning_reaches_stderr_once_and_the_scan_goes_on(tmp_path, jobs):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "scraped.txt").write_text(f"{STANCE_BEFORE}\n\n{scraped_table(5_000)}\n\n{STANCE_AFTER}\n")
    (folder / "plain.txt").write_text(f"{STANCE_AFTER}\n")
    result = CliRunner().invoke(cli, ["scan", str(folder), "-f", "jsonl", "--jobs", jobs], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert re.match(r"warning: .*scraped\.txt: 1 sentence longer than 3,000 characters", warnings[0])
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert "plain" in docs and "scraped" in docs
    assert "skipped" not in result.stderr  # a warning, not a lost document


def test_the_cut_warning_is_listed_in_the_manifest_of_part_files(tmp_path):
    matcher = Matcher(load_rules().compile())
    text = f"{STANCE_BEFORE}\n\n{scraped_table(5_000)}\n"
    results = (scan_one(matcher, Document(id="scraped", text=text, source="dump.jsonl:3")),)
    writer = PartsWriter(tmp_path)
    writer.write(PartitionResult(0, "dump.jsonl", results))
    writer.finish()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    [problem] = manifest["parts"][0]["problems"]
    assert problem.startswith("dump.jsonl:3: 1 sentence longer than 3,000 characters")


def test_text_past_the_document_cap_is_not_scanned_and_said_so(monkeypatch):
    monkeypatch.setattr("stancekit.engine.matcher.MAX_DOCUMENT_CHARS", 100)
    matcher = Matcher(load_rules().compile())
    text = f"{STANCE_BEFORE} {STANCE_AFTER}\n" + "Filler words here. " * 10 + "The union backs the strike."
    result = scan_one(matcher, Document(id="huge", text=text))
    assert {f.sentence.text for f in result.findings} == {STANCE_BEFORE, STANCE_AFTER}
    [problem] = result.problems
    assert problem.where == "huge" and "longer than the cap of 100 characters" in problem.message


def test_a_context_that_forgets_old_sentences_gives_the_same_findings(monkeypatch):
    matcher = Matcher(load_rules().compile())
    documents = list(iter_documents([ROOT / "samples" / "news"]))
    expected = [f for d in documents for f in matcher.scan_document(d)]
    monkeypatch.setattr("stancekit.engine.attribution.CONTEXT_SENTENCES", 2)
    assert [f for d in documents for f in matcher.scan_document(d)] == expected


def test_sentences_with_the_same_trigger_words_share_one_set_of_rules():
    """A site dumped on one line holds hundreds of thousands of sentences: a set of rules for
    each outweighed the text several times over. Equal sets are now one object."""
    matcher = Matcher(load_rules().compile())
    text = f"{STANCE_BEFORE} {STANCE_AFTER} " * 500
    wanted = matcher.candidate_rules(text, segment(text))
    assert len(wanted) == 1000
    assert len({id(rules) for rules in wanted.values()}) == len(set(wanted.values())) == 2
    assert wanted[0] != wanted[1] and wanted[0] is wanted[998] and wanted[1] is wanted[999]


@pytest.mark.parametrize("stretch", [5, 8, 61])
def test_trigger_words_found_a_stretch_at_a_time_are_those_of_the_whole_text(stretch):
    """A huge document is given to the trigger automaton a stretch at a time: a word across
    the border of two stretches ("can|not", "back|s") is found once, in the stretch it starts in."""
    index = load_rules().compile().trigger_index
    for document in iter_documents([ROOT / "samples" / "news"]):
        lowered = normalise(document.text)
        whole = list(index.find(lowered, stretch_chars=len(lowered) + 1))
        assert whole and sorted(index.find(lowered, stretch_chars=stretch)) == sorted(whole)
