"""Scanning on a Dask cluster: the same findings as one process, from many machines.

The compiled rule set is pickled once and sent to the scheduler once, as a task of its own
that every partition depends on; each worker fetches it once, unpickles it on its first
partition and keeps the matcher for the rest. Partitions (see `partitions.py`) are scanned
by `scan_partition`, a pure function of its inputs: when a worker dies, Dask runs its
partitions again elsewhere, and since the client takes exactly one result per partition, no
document is lost or counted twice. A partition that brings down every worker that tries it
is reported, and the rest of the corpus goes on. Results come back in corpus order; a
bounded number of partitions is in flight.

Dask is an optional extra (`pip install 'stancekit[dask]'`); `require_dask` says so plainly
when it is missing.

For notebooks, `scan_bag` turns a `dask.bag` of `Document`s into a bag of `Finding`s.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from stancekit.cluster.partitions import Partition
from stancekit.cluster.parts import PartitionResult
from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.engine.matcher import Matcher
from stancekit.engine.parallel import scan_one
from stancekit.plugins import load_plugins, loaded_plugins
from stancekit.text.documents import InputOptions, InputProblem

#: Partitions in flight per worker: enough to keep every worker busy, few enough to bound memory.
PARTITIONS_PER_WORKER = 3


class DaskMissing(RuntimeError):
    """Dask or distributed is not installed."""


def require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskMissing(
            f"--engine dask needs Dask, which is not installed ({exc.name} is missing): pip install 'stancekit[dask]'"
        ) from None


def pack_rules(compiled: CompiledRuleSet) -> tuple[bytes, str]:
    """The compiled rule set as bytes to ship, and the key workers cache it under."""
    blob = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    return blob, hashlib.sha256(blob).hexdigest()


_matchers: dict[tuple[str, bool], Matcher] = {}


def plugins_in_use() -> bool:
    """Whether this process loaded third-party plugins: workers then load them too."""
    return any(info.status == "loaded" for info in loaded_plugins().values())


def _matcher(blob: bytes, key: str, prefilter: bool, plugins: bool) -> Matcher:
    """The worker's matcher for this rule set, unpickled on first use."""
    found = _matchers.get((key, prefilter))
    if found is None:
        load_plugins(enabled=plugins)  # a worker is a fresh interpreter: the rules may name plugins
        found = _matchers[(key, prefilter)] = Matcher(pickle.loads(blob), prefilter=prefilter)
    return found


def scan_partition(
    blob: bytes, key: str, partition: Partition, options: InputOptions, prefilter: bool = True, plugins: bool = True
) -> PartitionResult:
    """Scan one partition on a worker (a pure function of its arguments, safe to run again)."""
    matcher = _matcher(blob, key, prefilter, plugins)
    problems: list[InputProblem] = []
    results = tuple(scan_one(matcher, document) for document in partition.documents(options, problems.append))
    return PartitionResult(partition.index, partition.describe(), results, tuple(problems))


def scan_on_dask(
    compiled: CompiledRuleSet,
    partitions: Sequence[Partition],
    options: InputOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    prefilter: bool = True,
) -> Iterator[PartitionResult]:
    """Scan `partitions` on the cluster at `scheduler`, or on a local cluster of `workers`
    processes started here and torn down at the end; results in partition order."""
    require_dask()
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        # the cluster is ours: its log lines (a worker's heartbeat racing the shutdown) are
        # noise to a user, who hears of every partition that failed from the scan itself
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # any free port: 8787 may be another cluster's
            silence_logs=logging.CRITICAL,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        shipped, key = _ship_rules(client, compiled)
        plugins = plugins_in_use()

        def submit(partition: Partition) -> Any:
            return client.submit(scan_partition, shipped, key, partition, options, prefilter, plugins, pure=False)

        window = max(1, len(client.scheduler_info().get("workers", {})) * PARTITIONS_PER_WORKER)
        pending: deque = deque()
        for partition in partitions:
            pending.append((submit(partition), partition))
            while len(pending) >= window:
                yield outcome(*pending.popleft(), submit)
        while pending:
            yield outcome(*pending.popleft(), submit)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _rule_bytes(blob: bytes) -> bytes:
    return blob


def _ship_rules(client: Any, compiled: CompiledRuleSet) -> tuple[Any, str]:
    """The pickled rule set as a task of its own, sent to the scheduler once: every partition
    depends on it, workers fetch it from one another, and if every worker that held it dies
    the scheduler can make it again (data scattered from here could not be remade)."""
    import dask

    blob, key = pack_rules(compiled)
    # Dask warns about graphs over 10 MB because they are often sent again and again; this
    # one is sent once per scan, and a large rule set is larger than that.
    with dask.config.set({"distributed.admin.large-graph-warning-threshold": f"{len(blob) + (1 << 20)}B"}):
        return client.submit(_rule_bytes, blob, key=f"stancekit-rules-{key}", pure=False), key


def outcome(future: Any, partition: Partition, submit: Callable[[Partition], Any]) -> PartitionResult:
    """The partition's result. Dask gives up on a task when workers die while they hold it,
    innocent tasks queued beside a document that kills its worker included; such a
    partition is submitted once more, on its own. If it fails again, the result says so,
    and the rest of the corpus goes on."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        pass
    try:
        return submit(partition).result()
    except KilledWorker as exc:
        return PartitionResult(partition.index, partition.describe(), (), error=f"{type(exc).__name__}: {exc}")


def _scan_bag_partition(documents: Sequence[Any], blob: bytes, key: str, prefilter: bool, plugins: bool) -> list:
    matcher = _matcher(blob, key, prefilter, plugins)
    return [finding for document in documents for finding in matcher.scan_document(document)]


def scan_bag(documents, compiled: CompiledRuleSet, prefilter: bool = True):
    """A `dask.bag` of `Finding`s from a bag of `Document`s, partition by partition, in order."""
    require_dask()
    import dask

    blob, key = pack_rules(compiled)
    shipped = dask.delayed(blob, pure=True, traverse=False)
    return documents.map_partitions(_scan_bag_partition, shipped, key, prefilter, plugins_in_use())


def documents_bag(paths: Sequence[str], options: InputOptions | None = None, partitions: int = 8):
    """A `dask.bag` of the documents behind `paths` (as `iter_documents` reads them), cut into
    about `partitions` partitions that workers read themselves."""
    require_dask()
    import dask.bag

    from stancekit.cluster.partitions import plan

    options = options or InputOptions()
    parts, problems = plan(list(paths), options, partitions)
    if any(p.fatal for p in problems):
        raise FileNotFoundError("; ".join(str(p) for p in problems if p.fatal))
    return dask.bag.from_sequence(parts, npartitions=len(parts) or 1).map_partitions(_read_parts, options)


def _read_parts(parts: Sequence[Partition], options: InputOptions) -> list:
    return [document for part in parts for document in part.documents(options, lambda problem: None)]
