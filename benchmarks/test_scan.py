"""Scan throughput in one process: generated rule sets over the generated corpus, the bundled
pack over real news (../shared/data, when present), and a hostile pattern on one very long
sentence. MB/s and sentences/s are in each result's extra_info."""

from __future__ import annotations

import pytest
from conftest import megabytes, shared_documents

from stancekit.compiler.cache import compile_rules
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.text.segment import segment


def _scan_all(matcher: Matcher, documents) -> int:
    return sum(len(matcher.scan_document(d)) for d in documents)


def _throughput(benchmark, documents, compiled) -> None:
    matcher = Matcher(compiled)
    findings = benchmark.pedantic(lambda: _scan_all(matcher, documents), rounds=3, warmup_rounds=1)
    took = benchmark.stats.stats.min
    size = megabytes(documents)
    sentences = sum(len(segment(d.text).sentences) for d in documents)
    benchmark.extra_info["MB"] = round(size, 2)
    benchmark.extra_info["MB/s"] = round(size / took, 2)
    benchmark.extra_info["sentences/s"] = round(sentences / took)
    benchmark.extra_info["findings"] = findings


@pytest.mark.parametrize("rules", [10, 100, 1000, 10000])
def test_scan_generated_corpus(benchmark, rule_file, generated_documents, tmp_path, rules):
    compiled = compile_rules([rule_file(rules)], cache_dir=tmp_path).compiled
    benchmark.extra_info["rules"] = rules
    _throughput(benchmark, generated_documents, compiled)


@pytest.mark.parametrize("corpus", ["bbc", "polnear"])
def test_scan_real_news_with_the_bundled_pack(benchmark, corpus):
    documents = shared_documents(corpus)
    _throughput(benchmark, documents, load_rules().compile())


def test_hostile_pattern_on_a_5000_token_sentence(benchmark, tmp_path):
    """Repeats inside repeats and gaps on both sides of the cue, on one sentence of 5,000
    capitalised words: memoised matching keeps this to seconds, not ages."""
    rules = tmp_path / "hostile.yaml"
    rules.write_text(
        "stancekit: 1\nrules:\n  - id: h.1\n"
        '    pattern: "{actor:ACTOR} [any]{,50} ([any]? [any]?){,10} support [any]* {topic:TOPIC} [any]{,50} $"\n'
        "    polarity: support\n",
        encoding="utf-8",
    )
    matcher = Matcher(load_rules([rules]).compile())
    text = " ".join(["Council"] * 5000) + " support the plan"
    benchmark.pedantic(lambda: matcher.scan(text), rounds=1, warmup_rounds=0)


def _transcript(statements: int) -> str:
    """A hearing's transcript: short statements by up to 2,600 speakers on plans and bills, none
    saying which."""
    firsts = ["Ana", "Tom", "Lena", "Raj", "Mia", "Omar", "Ivy", "Sam", "Kai", "Zoe"]
    surnames = ["Ruiz", "Okafor", "Marsh", "Patel", "Stone", "Berg", "Costa", "Hale", "Ito", "Kerr"]
    heads = ["plan", "bill", "proposal", "scheme", "policy"]
    verbs = ["supports", "opposes", "backs", "rejects"]
    filler = "The committee met again on Tuesday and heard from residents about parking."
    return "\n\n".join(
        f"{firsts[k % 10]} {chr(65 + k // 100 % 26)}. {surnames[k // 10 % 10]} said he {verbs[k % 4]} the"
        f" {heads[k % 5]}. {filler}"
        for k in range(statements)
    )


@pytest.mark.parametrize("statements", [800, 1600])
def test_one_long_transcript_scans_in_time_linear_in_its_length(benchmark, statements):
    """The bundled pack on one document of hundreds of statements on "the plan": each pointing
    topic looks back through the whole document, and the time per statement must not grow
    with the length (extra_info: milliseconds per statement)."""
    matcher = Matcher(load_rules().compile())
    text = _transcript(statements)
    benchmark.pedantic(lambda: matcher.scan(text), rounds=2, warmup_rounds=0)
    benchmark.extra_info["statements"] = statements
    benchmark.extra_info["ms per statement"] = round(1000 * benchmark.stats.stats.min / statements, 3)
