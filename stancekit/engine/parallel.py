"""Scanning a stream of documents, in this process or in worker processes.

Both ways yield one `DocumentResult` per document, in input order, so that output written
from them is the same whatever `--jobs` says. The parallel way keeps a bounded number of
batches in flight: a corpus of any size is read only as fast as it is scanned, and memory
stays flat. A document whose scan raises is reported in its result and the scan goes on.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.engine.matcher import Matcher
from stancekit.findings import Finding
from stancekit.gcpause import tuned_for_scanning
from stancekit.plugins import load_plugins, loaded_plugins
from stancekit.text.documents import Document, InputProblem

#: A batch sent to a worker holds about this many characters (or BATCH_DOCUMENTS documents).
BATCH_CHARS = 200_000
BATCH_DOCUMENTS = 64
#: Batches in flight per worker: enough to keep every worker busy, few enough to bound memory.
BATCHES_PER_WORKER = 3


@dataclass(frozen=True)
class DocumentResult:
    """What scanning one document gave: its findings, its counts, or the error that stopped it."""

    doc_id: str
    findings: tuple[Finding, ...]
    sentences: int = 0
    candidate_sentences: int = 0
    error: str | None = None
    dated: bool = False
    #: Warnings about the document from its scan (a sentence cut into pieces, text past the
    #: size cap): reported like the input problems found while reading it.
    problems: tuple[InputProblem, ...] = ()


def scan_one(matcher: Matcher, document: Document) -> DocumentResult:
    """Scan one document; an exception becomes the result's error instead of ending the run."""
    stats = matcher.stats
    sentences, candidates = stats.sentences, stats.candidate_sentences
    try:
        findings = matcher.scan_document(document)
    except Exception as exc:  # one document must not cost the rest of the corpus
        return DocumentResult(document.id, (), error=f"{type(exc).__name__}: {exc}", problems=_taken(matcher))
    return DocumentResult(
        document.id,
        tuple(findings),
        stats.sentences - sentences,
        stats.candidate_sentences - candidates,
        dated=document.date is not None,
        problems=_taken(matcher),
    )


def _taken(matcher: Matcher) -> tuple[InputProblem, ...]:
    """The warnings the matcher has about the documents it scanned, which it then forgets."""
    problems = tuple(matcher.problems)
    matcher.problems.clear()
    return problems


def scan_serial(matcher: Matcher, documents: Iterable[Document]) -> Iterator[DocumentResult]:
    for document in documents:
        yield scan_one(matcher, document)


_worker_matcher: Matcher | None = None


def _start_worker(compiled: CompiledRuleSet, prefilter: bool, plugins_enabled: bool) -> None:
    global _worker_matcher
    # Ctrl-C is the parent's to handle: it stops at a document boundary and shuts us down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_plugins(enabled=plugins_enabled)  # a forked worker has them already; a spawned one loads them
    _worker_matcher = Matcher(compiled, prefilter=prefilter)
    tuned_for_scanning()


def _scan_batch(batch: list[Document]) -> list[DocumentResult]:
    assert _worker_matcher is not None, "worker not started"
    return [scan_one(_worker_matcher, document) for document in batch]


def _batches(documents: Iterable[Document]) -> Iterator[list[Document]]:
    batch: list[Document] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text)
        if size >= BATCH_CHARS or len(batch) >= BATCH_DOCUMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def scan_parallel(
    compiled: CompiledRuleSet, documents: Iterable[Document], jobs: int, *, prefilter: bool = True
) -> Iterator[DocumentResult]:
    """Scan in `jobs` worker processes; results come back in input order."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    enabled = any(info.status == "loaded" for info in loaded_plugins().values())
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(compiled, prefilter, enabled))
    finished = False
    try:
        pending: deque = deque()
        for batch in _batches(documents):
            pending.append(pool.submit(_scan_batch, batch))
            while len(pending) >= jobs * BATCHES_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    finally:
        # stopped early (Ctrl-C, a closed pipe): drop the queued batches, do not wait for them
        pool.shutdown(wait=finished, cancel_futures=not finished)


def available_cores() -> int:
    """Cores this process may run on (what `--jobs 0` uses)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
