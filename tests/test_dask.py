"""Scanning on a Dask cluster: a real `distributed.LocalCluster` of two worker processes on
loopback gives what one process gives, loses and repeats nothing when a worker dies, and
writes part files that `track` and `export` read."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.cluster.dask_engine import documents_bag, scan_bag, scan_on_dask
from stancekit.cluster.partitions import plan
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.text.documents import InputOptions, iter_documents, read_jsonl_range

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "news"
COMPILED = load_rules().compile()

SUBJECTS = ["The finance minister", "Senator Alvarez", "The union", "Germany", "The opposition party", "She"]
VERBS = ["supports", "opposes", "does not support", "backs", "rejected", "welcomed", "criticised"]
TOPICS = ["the carbon tax", "the new trade deal", "a ceasefire", "the pension reform", "the border wall plan"]
FILLER = ["Talks resume next week.", "The vote was close.", "Officials declined to comment further."]


def generated_corpus(path: Path, documents: int, seed: int = 7) -> Path:
    """A JSONL corpus of templated news: dates on some lines, no id on some, and a blank line
    and a broken line that a scan reports with their line numbers."""
    rng = random.Random(seed)
    lines = []
    for n in range(documents):
        sentences = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)}." for _ in range(rng.randint(2, 6))
        ]
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(FILLER))
        quote = f'"We {rng.choice(VERBS)} {rng.choice(TOPICS)}," {rng.choice(SUBJECTS[:3])} said.'
        record = {"text": " ".join([*sentences, quote])}
        if n % 7:
            record["id"] = f"gen-{n:05d}"
        if n % 3:
            record["date"] = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(json.dumps(record))
    lines.insert(documents // 3, "")
    lines.insert(documents // 2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    local = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.CRITICAL,
    )
    yield local
    local.close()


@pytest.fixture
def client(cluster):
    from distributed import Client

    with Client(cluster.scheduler_address) as connected:
        connected.wait_for_workers(2, timeout=60)
        yield connected


def scan_both(tmp_path, capsys, corpus: Path, cluster, partitions: int) -> tuple[str, str, str, str]:
    """Output and problem lines of a single-process scan and of a scan on the cluster."""
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    capsys.readouterr()
    local_code = main(["scan", str(corpus), "-o", str(local)])
    local_err = capsys.readouterr().err
    address = cluster.scheduler_address
    on_cluster = ["--engine", "dask", "--scheduler", address, "--partitions", str(partitions)]
    dask_code = main(["scan", str(corpus), *on_cluster, "-o", str(on_dask)])
    dask_err = capsys.readouterr().err
    assert local_code == dask_code
    return local.read_text(encoding="utf-8"), on_dask.read_text(encoding="utf-8"), local_err, dask_err


def test_the_sample_corpus_on_two_workers_gives_the_single_process_findings(tmp_path, capsys, cluster):
    local, on_dask, local_err, dask_err = scan_both(tmp_path, capsys, SAMPLES, cluster, 5)
    assert local == on_dask
    assert len(local.splitlines()) > 50
    assert local_err.splitlines()[-1] == dask_err.splitlines()[-1]  # the same counts in the summary


def test_without_a_scheduler_a_local_cluster_is_started_and_torn_down(tmp_path, capsys):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["scan", str(SAMPLES), "-o", str(local)]) == 0
    local_err = capsys.readouterr().err
    assert main(["scan", str(SAMPLES), "--engine", "dask", "--jobs", "2", "-o", str(on_dask)]) == 0
    assert on_dask.read_bytes() == local.read_bytes()
    assert capsys.readouterr().err == local_err  # the summary line, and no noise from the cluster


def test_a_generated_jsonl_corpus_cut_in_byte_ranges_gives_the_same_findings_and_problems(tmp_path, capsys, cluster):
    corpus = generated_corpus(tmp_path / "generated.jsonl", 1500)
    local, on_dask, local_err, dask_err = scan_both(tmp_path, capsys, corpus, cluster, 9)
    assert local == on_dask
    docs = [json.loads(line)["doc"] for line in local.splitlines()]
    assert "generated:7" in docs or "generated:8" in docs  # ids from line numbers survive the cut
    assert len(set(docs)) > 1000
    problems = [line for line in local_err.splitlines() if line.startswith("warning:")]
    assert any(f"{corpus}:{1500 // 2 + 1}:1: not valid JSON" in line for line in problems)
    assert problems == [line for line in dask_err.splitlines() if line.startswith("warning:")]
    assert local_err.splitlines()[-1] == dask_err.splitlines()[-1]


def test_every_line_of_a_jsonl_file_is_in_exactly_one_byte_range(tmp_path):
    corpus = generated_corpus(tmp_path / "g.jsonl", 200)
    corpus.write_bytes(b"\xef\xbb\xbf" + corpus.read_bytes())  # a BOM on the first line
    whole = [(d.id, d.text, d.date) for d in iter_documents([str(corpus)])]
    for pieces in (1, 2, 3, 7, 50, 500):
        partitions, problems = plan([str(corpus)], InputOptions(), pieces)
        assert not problems
        read = [
            (d.id, d.text, d.date)
            for p in partitions
            for d in read_jsonl_range(p.path, p.start, p.end, p.first_line, InputOptions())
        ]
        assert read == whole, f"{pieces} pieces"


def test_part_files_hold_the_single_process_findings_and_track_and_export_read_them(tmp_path, capsys, cluster):
    corpus = generated_corpus(tmp_path / "generated.jsonl", 600)
    single = tmp_path / "single.jsonl"
    parts = tmp_path / "parts"
    assert main(["scan", str(corpus), "-o", str(single), "-q"]) == ExitCode.OK
    address = cluster.scheduler_address
    code = main(
        ["scan", str(corpus), "--engine", "dask", "--scheduler", address, "--partitions", "4", "-o", f"{parts}/"]
    )
    assert code == ExitCode.OK
    manifest = json.loads((parts / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert [entry["partition"] for entry in manifest["parts"]] == list(range(len(manifest["parts"])))
    assert len(manifest["parts"]) >= 4
    in_parts = "".join((parts / entry["file"]).read_text(encoding="utf-8") for entry in manifest["parts"])
    assert in_parts == single.read_text(encoding="utf-8")
    assert sum(entry["documents"] for entry in manifest["parts"]) == 600
    assert sum(entry["findings"] for entry in manifest["parts"]) == len(in_parts.splitlines())
    problems = [problem for entry in manifest["parts"] for problem in entry["problems"]]
    assert problems == [f"{corpus}:{600 // 2 + 1}:1: not valid JSON: Expecting value"]

    for command in (["track", "--by", "month", "--format", "json"], ["export", "--to", "edges-csv"]):
        capsys.readouterr()
        assert main([*command, str(single)]) == 0
        from_file = capsys.readouterr().out
        assert main([*command, str(parts)]) == 0
        assert capsys.readouterr().out == from_file
        assert from_file.strip()


def _worker_pids(client) -> dict[str, int]:
    return client.run(os.getpid)


def test_a_worker_killed_mid_run_loses_and_repeats_no_document(tmp_path, client):
    corpus = generated_corpus(tmp_path / "generated.jsonl", 3000)
    options = InputOptions()
    partitions, _ = plan([str(corpus)], options, 40)
    expected = [d.id for d in iter_documents([str(corpus)])]
    single = Matcher(COMPILED)
    expected_findings = [f for d in iter_documents([str(corpus)]) for f in single.scan_document(d)]
    before = _worker_pids(client)

    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = sorted(worker for worker, tasks in client.processing().items() if tasks)
            if busy:
                os.kill(before[busy[0]], signal.SIGKILL)
                killed.append(before[busy[0]])
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_a_busy_worker)
    results = scan_on_dask(COMPILED, partitions, options, scheduler=client.scheduler.address)
    partition_results = [next(results)]
    killer.start()
    partition_results.extend(results)
    killer.join()
    assert killed, "no partition was running when a worker was to be killed"

    assert [p.index for p in partition_results] == list(range(len(partitions)))
    ids = [r.doc_id for p in partition_results for r in p.results]
    assert ids == expected
    assert [f for p in partition_results for r in p.results for f in r.findings] == expected_findings
    client.wait_for_workers(2, timeout=60)
    assert killed[0] not in _worker_pids(client).values()  # the nanny started a new worker


def _fail_on_poisoned_documents() -> None:
    from stancekit.engine.matcher import Matcher

    real = Matcher.scan_document

    def scan_document(self, document):
        if "poison" in document.id:
            raise RuntimeError("engine fell over")
        return real(self, document)

    scan_document.real = real
    Matcher.scan_document = scan_document


def _restore_scan_document() -> None:
    """Undo `_fail_on_poisoned_documents` on a worker (a restart would do it too, but waits for
    workers to come back, which a loaded machine can take minutes to do)."""
    from stancekit.engine.matcher import Matcher

    Matcher.scan_document = getattr(Matcher.scan_document, "real", Matcher.scan_document)


def test_a_document_that_raises_is_reported_in_the_manifest_and_the_run_completes(tmp_path, capsys, cluster, client):
    cloudpickle = pytest.importorskip("cloudpickle")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in [
        ("a", "The union supports the carbon tax."),
        ("b-poison", "x"),
        ("c", "Germany backs a ceasefire."),
    ]:
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    try:
        client.run(_fail_on_poisoned_documents)
        parts = tmp_path / "parts"
        address = cluster.scheduler_address
        code = main(
            ["scan", str(corpus), "--engine", "dask", "--scheduler", address, "--partitions", "3", "-o", f"{parts}/"]
        )
    finally:
        client.run(_restore_scan_document)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert code == ExitCode.INTERNAL_ERROR
    assert "document b-poison could not be scanned" in capsys.readouterr().err
    manifest = json.loads((parts / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    errors = [error for entry in manifest["parts"] for error in entry["errors"]]
    assert errors == [{"doc": "b-poison", "error": "RuntimeError: engine fell over"}]
    findings = [json.loads(line) for entry in manifest["parts"] for line in (parts / entry["file"]).open()]
    assert [f["doc"] for f in findings] == ["a", "c"]


def test_a_partition_that_kills_every_worker_is_reported_and_the_rest_scanned(tmp_path, capsys):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    import dask
    from distributed.diagnostics.plugin import WorkerPlugin

    class DieOnPoisonedDocuments(WorkerPlugin):
        """On every worker, and on those the nanny restarts: a document whose id says poison
        takes its worker down, as a crash in native code would."""

        def setup(self, worker) -> None:
            from stancekit.engine.matcher import Matcher

            real = Matcher.scan_document

            def scan_document(matcher, document):
                if "poison" in document.id:
                    os._exit(1)
                return real(matcher, document)

            Matcher.scan_document = scan_document

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    padding = " ".join(FILLER * 20)  # files of equal size: one partition each
    for name, text in [
        ("a", "The union supports the carbon tax."),
        ("b", "Germany backs a ceasefire."),
        ("c-poison", "The opposition party opposes the pension reform."),
    ]:
        (corpus / f"{name}.txt").write_text(f"{text} {padding}", encoding="utf-8")
    parts = tmp_path / "parts"
    options = {"n_workers": 2, "threads_per_worker": 1, "host": "127.0.0.1", "dashboard_address": "127.0.0.1:0"}
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),  # any death fails what the worker held
        distributed.LocalCluster(**options, silence_logs=logging.CRITICAL) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(DieOnPoisonedDocuments())
        argv = ["scan", str(corpus), "--engine", "dask", "--scheduler", cluster.scheduler_address, "--partitions", "3"]
        code = main([*argv, "-o", f"{parts}/"])
    assert code == ExitCode.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "could not be scanned on any worker, its documents skipped: KilledWorker" in err
    manifest = json.loads((parts / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert [("failed" in entry, entry["documents"]) for entry in manifest["parts"]] == [
        (False, 1),
        (False, 1),
        (True, 0),
    ]
    findings = [json.loads(line) for entry in manifest["parts"] for line in (parts / entry["file"]).open()]
    assert [f["doc"] for f in findings] == ["a", "b"]


def test_a_bag_of_documents_becomes_a_bag_of_findings(client):
    import dask.bag

    serial = [f for d in iter_documents([str(SAMPLES)]) for f in Matcher(COMPILED).scan_document(d)]
    from_paths = scan_bag(documents_bag([str(SAMPLES)], partitions=4), COMPILED).compute()
    assert from_paths == serial

    own = dask.bag.from_sequence(list(iter_documents([str(SAMPLES)])), npartitions=3)
    by_document = scan_bag(own, COMPILED).map(lambda f: (f.doc, f.polarity)).frequencies().compute()
    assert sum(count for _, count in by_document) == len(serial)


def test_without_dask_the_engine_option_names_the_extra(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    assert main(["scan", str(SAMPLES), "--engine", "dask", "-q"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "pip install 'stancekit[dask]'" in err
    assert "distributed is missing" in err


def test_scheduler_and_partitions_need_the_dask_engine(capsys):
    assert main(["scan", str(SAMPLES), "--partitions", "4"]) == ExitCode.USAGE
    assert "need --engine dask" in capsys.readouterr().err


def test_a_local_scan_into_a_folder_says_how_to_get_part_files(tmp_path, capsys):
    assert main(["scan", str(SAMPLES), "-o", str(tmp_path)]) == ExitCode.USAGE
    assert "with --engine dask a folder gets part files" in capsys.readouterr().err
