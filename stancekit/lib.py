"""The stancekit library: what the `stancekit` command does, callable from Python.

The command line is a thin shell over these functions (it parses options, prints and picks
exit codes), so a script or a notebook can do anything the command does::

    >>> import stancekit
    >>> rules = stancekit.compile_rules()  # the bundled English pack, through the rule cache
    >>> for finding in stancekit.scan_text("Germany supports the new sanctions package.", rules):
    ...     print(finding.actor.text, finding.polarity, finding.topic.text)
    Germany support the new sanctions package

- `compile_rules`: load and compile rule files (the bundled pack by default) through the
  on-disk cache; `load_rules` loads them without compiling, for checks and listings.
- `scan_text`: the findings in one text or `Document`.
- `scan_corpus`: a corpus (files, folders, JSONL, CSV, or records) scanned in this process, in
  worker processes or on a Dask cluster; yields each document's result and each input problem.
- `explain_text`: why each sentence gave (or did not give) a finding.
- `load_gold` and `evaluate`: score findings against gold annotations.

(Plugins extend stancekit through a different interface: `stancekit.plugins.PluginAPI`.)
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stancekit import evaluation
from stancekit.cluster.dask_engine import scan_on_dask
from stancekit.cluster.partitions import plan
from stancekit.cluster.parts import PartsWriter
from stancekit.compiler.cache import CompiledRules, compile_rules
from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.dsl.loader import RuleSet, load_rules
from stancekit.engine.explanation import Explanation, explain_document
from stancekit.engine.matcher import Matcher
from stancekit.engine.parallel import DocumentResult, available_cores, scan_parallel, scan_serial
from stancekit.evaluation import Evaluation, GoldRecord, evaluate
from stancekit.findings import Finding
from stancekit.text.documents import Document, InputOptions, InputProblem, iter_documents

#: Rules as the functions here take them: compiled (`compile_rules`, `RuleSet.compile`) or loaded.
Rules = CompiledRules | CompiledRuleSet | RuleSet


@dataclass(frozen=True)
class PartitionFailed:
    """A partition of a Dask scan that failed on every worker that tried it: its documents
    are missing from the results."""

    index: int
    source: str
    error: str


#: What `scan_corpus` yields.
CorpusItem = DocumentResult | InputProblem | PartitionFailed

__all__ = [
    "CompiledRules",
    "CorpusItem",
    "DocumentResult",
    "Evaluation",
    "Explanation",
    "InputOptions",
    "InputProblem",
    "PartitionFailed",
    "Rules",
    "compile_rules",
    "compiled_rules",
    "evaluate",
    "explain_text",
    "load_gold",
    "load_rules",
    "scan_corpus",
    "scan_text",
]


def compiled_rules(rules: Rules) -> CompiledRuleSet:
    """The compiled rule set behind any of the forms `Rules` allows."""
    if isinstance(rules, CompiledRules):
        return rules.compiled
    if isinstance(rules, RuleSet):
        return rules.compile()
    return rules


def load_gold(path: str | os.PathLike[str]) -> list[GoldRecord]:
    """The gold records of a JSONL file (one annotated stance a line: doc, polarity, actor and
    topic with their offsets), for `evaluate`; `EvaluationInputError` names a bad line."""
    return evaluation.load_gold(path)


def explain_text(
    source: str | Document,
    rules: Rules,
    *,
    span: tuple[int, int] | None = None,
    rule_ids: Sequence[str] = (),
    doc_id: str = "text",
) -> Explanation:
    """Why each sentence of a text or `Document` gave (or did not give) a finding: the rules
    the prefilter ran there, how far each got, what became of each match, and how each
    finding's actor and polarity were decided. `span` (character offsets) limits it to the
    sentences it overlaps; `rule_ids` traces just those rules, run by the prefilter or not."""
    document = source if isinstance(source, Document) else Document(id=doc_id, text=source)
    return explain_document(compiled_rules(rules), document, span=span, rule_ids=rule_ids)


def scan_text(source: str | Document, rules: Rules, doc_id: str = "text") -> list[Finding]:
    """The findings in one text (named `doc_id` in them) or one `Document`, in text order."""
    return Matcher(compiled_rules(rules)).scan(source, doc_id=doc_id)


def scan_corpus(
    paths_or_records: Iterable[str | os.PathLike[str]] | Iterable[Document | Mapping[str, Any]],
    rules: Rules,
    *,
    jobs: int = 1,
    engine: str = "local",
    options: InputOptions | None = None,
    prefilter: bool = True,
    scheduler: str | None = None,
    partitions: int | None = None,
    parts: PartsWriter | None = None,
) -> Iterator[CorpusItem]:
    """Scan a corpus; yield one `DocumentResult` per document, in input order (its findings,
    the warnings its scan gave, or the error that stopped it), and each `InputProblem` met
    while reading the inputs, as it is met.

    `paths_or_records`: files, folders, JSONL or CSV/TSV files, or `-` for standard input
    (read as `options` says), or records: `Document`s, or mappings with `id`, `text` and
    optionally `date`. `jobs`: worker processes (0: one per core); the results come in the
    same order whatever it says. `engine="dask"` scans paths on a Dask cluster (`scheduler`,
    or a local one of `jobs` workers) cut into about `partitions` parts, and yields a
    `PartitionFailed` for a part no worker could scan; with `parts`, each part's findings are
    written to a file of their own as the part arrives. Closing the iterator stops the scan.
    """
    compiled = compiled_rules(rules)
    options = options or InputOptions()
    jobs = jobs or available_cores()
    if engine == "dask":
        yield from _scan_on_dask(
            compiled, list(paths_or_records), options, jobs, prefilter, scheduler, partitions, parts
        )
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    met: list[InputProblem] = []
    documents = _documents(paths_or_records, options, met.append)
    if jobs > 1:
        results = scan_parallel(compiled, documents, jobs, prefilter=prefilter)
    else:
        results = scan_serial(Matcher(compiled, prefilter=prefilter), documents)
    try:
        for result in results:
            yield from _taken(met)
            yield result
        yield from _taken(met)
    finally:
        results.close()


def _taken(problems: list[InputProblem]) -> list[InputProblem]:
    """The problems met so far, which the list then forgets."""
    taken = list(problems)
    problems.clear()
    return taken


def _documents(items: Iterable, options: InputOptions, on_problem) -> Iterator[Document]:
    """The documents of paths (read with `options`) or of records, whichever `items` holds."""
    items = iter(items)
    first = next(items, None)
    if first is None:
        return iter(())
    items = itertools.chain((first,), items)
    if isinstance(first, str | os.PathLike):
        return iter_documents(items, options, on_problem)
    return (_as_document(record) for record in items)


def _as_document(record: Document | Mapping[str, Any]) -> Document:
    if isinstance(record, Document):
        return record
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "date")}
    date = record.get("date")
    return Document(id=str(record["id"]), text=str(record["text"]), date=str(date) if date else None, meta=meta)


def _scan_on_dask(
    compiled: CompiledRuleSet,
    paths: list,
    options: InputOptions,
    jobs: int,
    prefilter: bool,
    scheduler: str | None,
    partitions: int | None,
    parts: PartsWriter | None,
) -> Iterator[CorpusItem]:
    """`scan_corpus` on a Dask cluster: the corpus cut into partitions, each scanned on a worker."""
    cuts, planning_problems = plan([os.fspath(p) for p in paths], options, partitions or max(8, 4 * jobs))
    yield from planning_problems
    on_dask = scan_on_dask(compiled, cuts, options, scheduler=scheduler, workers=jobs, prefilter=prefilter)
    try:
        for partition in on_dask:
            if partition.error is not None:
                yield PartitionFailed(partition.index, partition.source, partition.error)
            yield from partition.problems
            if parts is not None:
                parts.write(partition)
            yield from partition.results
        if parts is not None:
            parts.finish()
    finally:
        close = getattr(on_dask, "close", None)
        if close is not None:
            close()  # stops the cluster when the scan stops early
