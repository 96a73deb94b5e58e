"""Scanning in worker processes: the same output as one process, in input order, and a
Ctrl-C that leaves whole documents behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dsl.loader import load_rules
from stancekit.engine import parallel
from stancekit.engine.matcher import Matcher
from stancekit.engine.parallel import scan_parallel, scan_serial
from stancekit.text.documents import Document, iter_documents

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "news"
COMPILED = load_rules().compile()


def corpus_jsonl(path: Path, copies: int) -> list[Document]:
    """The sample corpus `copies` times over, as JSONL with distinct ids."""
    samples = list(iter_documents([SAMPLES]))
    documents = [Document(f"{d.id}-{n}", d.text) for n in range(copies) for d in samples]
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            out.write(json.dumps({"id": d.id, "text": d.text}) + "\n")
    return documents


def test_jobs_2_writes_exactly_what_one_process_writes(tmp_path):
    source = tmp_path / "corpus.jsonl"
    corpus_jsonl(source, 6)  # 180 documents: several batches in flight at once
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["scan", str(source), "-o", str(one), "-q"]) == 0
    assert main(["scan", str(source), "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text(encoding="utf-8").splitlines()) > 100


def test_jobs_0_uses_every_core_and_still_writes_the_same(tmp_path):
    one, every = tmp_path / "one.csv", tmp_path / "every.csv"
    assert main(["scan", str(SAMPLES), "-o", str(one), "-q"]) == 0
    assert main(["scan", str(SAMPLES), "-o", str(every), "-q", "-j", "0"]) == 0
    assert one.read_bytes() == every.read_bytes()


def test_results_come_back_in_input_order_with_their_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "BATCH_DOCUMENTS", 3)
    documents = corpus_jsonl(tmp_path / "c.jsonl", 2)
    serial = list(scan_serial(Matcher(COMPILED), documents))
    parallel_results = list(scan_parallel(COMPILED, documents, 2))
    assert [r.doc_id for r in parallel_results] == [d.id for d in documents]
    assert parallel_results == serial


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers inherit the patch only when forked")
def test_a_document_that_crashes_a_worker_is_reported_and_the_rest_scanned(tmp_path, monkeypatch):
    real = Matcher.scan_document

    def crash_on_one(self, document):
        if document.id.endswith("-1") and "ferry" in document.id:
            raise RuntimeError("engine fell over")
        return real(self, document)

    monkeypatch.setattr(Matcher, "scan_document", crash_on_one)
    documents = [Document("ferry-0", "The council supports the plan."), Document("ferry-1", "x"), Document("b", "")]
    results = list(scan_parallel(COMPILED, documents, 2))
    assert [(r.doc_id, r.error) for r in results] == [
        ("ferry-0", None),
        ("ferry-1", "RuntimeError: engine fell over"),
        ("b", None),
    ]
    assert [f.topic.text for f in results[0].findings] == ["the plan"]


def test_jobs_must_be_positive():
    with pytest.raises(ValueError):
        list(scan_parallel(COMPILED, [], 0))


def test_ctrl_c_during_a_parallel_scan_leaves_whole_documents_in_a_valid_file(tmp_path):
    source = tmp_path / "corpus.jsonl"
    documents = corpus_jsonl(source, 60)  # far more than can be scanned before the signal
    target = tmp_path / "out.jsonl"
    env = {**os.environ, "STANCEKIT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "stancekit", "scan", str(source), "-o", str(target), "-q", "-j", "2"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        temps = list(tmp_path.glob(".out.jsonl.*.tmp"))
        if temps and temps[0].stat().st_size > 0:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert written, "some documents were finished before Ctrl-C"
    order = {d.id: i for i, d in enumerate(documents)}
    last = max(order[f["doc"]] for f in written)
    assert last < len(documents) - 1, "the scan stopped early"
    matcher = Matcher(COMPILED)
    expected = [f.to_dict() for d in documents[: last + 1] for f in matcher.scan_document(d)]
    assert [(f["id"], f["doc"]) for f in written] == [(f["id"], f["doc"]) for f in expected]
    assert not list(tmp_path.glob(".out.jsonl.*.tmp"))
