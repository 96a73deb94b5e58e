"""Shared fixtures of the benchmark suites: generated rule sets and corpora (made once, kept
in benchmarks/.work/), and the real news under ../shared/data when it is there."""

from __future__ import annotations

from pathlib import Path

import generate as gen
import pytest

from stancekit.text.documents import Document, iter_documents

HERE = Path(__file__).resolve().parent
SHARED_DATA = HERE.parent.parent / "shared" / "data"
CORPUS_BYTES = 2_000_000


@pytest.fixture(scope="session")
def work() -> Path:
    folder = HERE / ".work"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def vocab() -> gen.Vocabulary:
    return gen.vocabulary()


@pytest.fixture(scope="session")
def rule_file(work, vocab):
    """rule_file(n): the path of the generated set of n rules."""
    return lambda n: gen.write_rules(work, n, vocab)


@pytest.fixture(scope="session")
def generated_documents(work) -> list[Document]:
    path = gen.write_corpus(work / f"corpus-{CORPUS_BYTES // 1_000_000}mb.jsonl", CORPUS_BYTES)
    return list(iter_documents([path]))


def shared_documents(name: str) -> list[Document]:
    """The documents of ../shared/data/<name>, or a skip when the folder is not there."""
    folder = SHARED_DATA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (it is not shipped with stancekit)")
    return list(iter_documents([folder]))


def megabytes(documents: list[Document]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
