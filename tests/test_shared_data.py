"""Acceptance checks on real text nobody on the team wrote (skipped where `../shared` is absent).

The example article and the PolNeAR and BBC corpora are third-party text: the tests read
them from `../shared/` beside the project and never copy them into it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from stancekit import Document, Matcher, load_rules, scan_corpus
from stancekit.lib import DocumentResult
from stancekit.text.documents import InputProblem
from stancekit.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "examples" / "ceasefire-article.txt"
POLNEAR = SHARED / "data" / "polnear"
BBC = SHARED / "data" / "bbc"
SCORER = SHARED / "tools" / "score_gold.py"

MATCHER = Matcher(load_rules().compile())
US_SIDE = ("we", "united states", "us", "white house", "washington", "kirby", "biden")


def needs(path: Path, what: str):
    """Skip, saying what is missing and where the development setup keeps it."""
    return pytest.mark.skipif(not path.exists(), reason=development_data_missing(path, what))


def development_data_missing(path: Path, what: str) -> str:
    return (
        f"needs {what}, third-party text kept out of the repository: the development setup puts it in "
        f"../shared/ beside the repository ({path} is absent; see docs/development.md)"
    )


ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8") if ARTICLE.exists() else ""


@pytest.fixture(scope="module")
def findings():
    return MATCHER.scan(Document("ceasefire-article", ARTICLE_TEXT))


@needs(ARTICLE, "the ceasefire news article")
class TestCeasefireArticle:
    text = ARTICLE_TEXT

    def test_the_united_states_opposes_the_calls_for_a_ceasefire(self, findings):
        assert any(
            f.actor.name == "United States" and f.polarity == "oppose" and "calls for a ceasefire" in f.topic.text
            for f in findings
        )

    def test_the_speakers_side_opposes_calls_for_a_ceasefire_in_both_first_person_quotes(self, findings):
        quotes = {
            f.sentence.text[:30]
            for f in findings
            if f.actor.text == "We"
            and f.polarity == "oppose"
            and f.quoted
            and f.negated
            and f.topic.text.startswith("calls for a ceasefire")
        }
        assert len(quotes) == 2, quotes  # "We don't support ..." and "We certainly don't support ..."

    def test_the_united_states_supports_ukraines_defence(self, findings):
        assert any(
            f.actor.name == "United States" and f.polarity == "support" and "defense" in f.topic.text for f in findings
        )

    def test_both_kirby_quotes_and_the_united_states_count_under_one_ceasefire_key(self, findings):
        against = [f for f in findings if f.polarity == "oppose" and "ceasefire" in f.topic.text]
        by_kirby = [f for f in against if f.actor.name == "John Kirby"]
        by_us = [f for f in against if f.actor.name == "United States"]
        assert len(by_kirby) == 2 and len(by_us) == 1
        assert len({f.topic.key for f in by_kirby + by_us}) == 1
        assert by_kirby[0].actor.key != by_us[0].actor.key  # the spokesman is not his country

    def test_no_finding_has_the_us_side_supporting_a_ceasefire(self, findings):
        wrong = [
            f
            for f in findings
            if f.polarity == "support"
            and "ceasefire" in f.topic.text
            and any(side in f.actor.name.lower() for side in US_SIDE)
        ]
        assert not wrong

    def test_a_line_break_inside_a_sentence_does_not_split_it(self):
        [sentence] = [s for s in segment(self.text).sentences if s.text.startswith("Kirby reiterated")]
        assert "Joe Biden plans" in sentence.text and sentence.text.endswith("have not even started.")

    def test_offsets_cut_the_evidence_out_of_the_article(self, findings):
        for f in findings:
            for part in (f.sentence, f.actor, f.topic, f.cue):
                assert self.text[part.start : part.end] == part.text


@needs(POLNEAR / "dev" / "text", "the PolNeAR dev news texts")
@needs(SCORER, "the PolNeAR reference scorer score_gold.py")
def test_polnear_dev_scores_above_the_bar(tmp_path):
    """recall >= 0.50 and precision_judged >= 0.85, by the shared scorer. precision_judged counts
    the findings at a gold cue; precision_strict also counts as wrong every stance the stance-verb
    gold does not hold (evaluations, commitments, acts, polls), so it is no measure of them."""
    out = tmp_path / "dev.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stancekit",
            "scan",
            str(POLNEAR / "dev" / "text"),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(out), str(POLNEAR / "gold" / "dev.jsonl")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", scored.strip().splitlines()[-1]))
    assert float(figures["recall"]) >= 0.50, scored
    assert float(figures["precision_judged"]) >= 0.85, scored


@needs(BBC, "the BBC news corpus")
def test_every_bbc_article_scans_without_a_crash():
    """In two processes, as a user with two cores would scan it: the whole corpus is slow in one."""
    items = list(scan_corpus([BBC], MATCHER.compiled, jobs=2))
    problems = [i for i in items if isinstance(i, InputProblem)]
    results = [i for i in items if isinstance(i, DocumentResult)]
    assert not problems
    assert not [r.error for r in results if r.error]
    assert len(results) >= 2000
    assert sum(r.sentences for r in results) > 30000
    assert sum(len(r.findings) for r in results) > 0
