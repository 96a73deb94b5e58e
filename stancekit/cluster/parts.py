"""Findings written as part files with a manifest: one file per partition of the corpus.

A distributed scan of millions of documents writes `part-00000.jsonl`, `part-00001.jsonl`, ...
and `manifest.json`, which lists every part in corpus order with its documents, findings and
the documents that could not be scanned. The manifest is written last and after every part,
so a reader (`stancekit track DIR`, `stancekit export DIR`) sees only complete parts, and an
interrupted run leaves a manifest of the parts it finished.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from stancekit.engine.parallel import DocumentResult
from stancekit.output.atomic import atomic_text_output
from stancekit.output.sinks import open_sink
from stancekit.text.documents import InputProblem

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class PartitionResult:
    """What scanning one partition gave: each document's result, and the input problems; or
    `error`, when the partition failed on every worker that tried it."""

    index: int
    source: str
    results: tuple[DocumentResult, ...]
    problems: tuple[InputProblem, ...] = ()
    error: str | None = None


@dataclass
class PartsWriter:
    """Writes each partition's findings to its own file and keeps the manifest current."""

    folder: Path
    fmt: str = "jsonl"
    fields: tuple[str, ...] | None = None
    ruleset: str = ""
    csv_raw: bool = False
    entries: list[dict] = field(default_factory=list)

    def write(self, partition: PartitionResult) -> None:
        name = f"part-{partition.index:05d}.{self.fmt}"
        with atomic_text_output(self.folder / name) as stream:
            sink = open_sink(self.fmt, stream, self.fields, csv_raw=self.csv_raw)
            try:
                for result in partition.results:
                    for finding in result.findings:
                        sink.write(finding)
            finally:
                sink.close()
        self.entries.append(
            {
                "file": name,
                "partition": partition.index,
                "source": partition.source,
                "documents": sum(1 for r in partition.results if r.error is None),
                "findings": sum(len(r.findings) for r in partition.results),
                "errors": [{"doc": r.doc_id, "error": r.error} for r in partition.results if r.error],
                "problems": [str(p) for p in partition.problems]
                + [str(p) for r in partition.results for p in r.problems],
                **({"failed": partition.error} if partition.error else {}),
            }
        )
        self._write_manifest(complete=False)

    def finish(self) -> None:
        self._write_manifest(complete=True)

    def _write_manifest(self, complete: bool) -> None:
        entries = sorted(self.entries, key=lambda e: e["partition"])
        manifest = {"format": MANIFEST_FORMAT, "ruleset": self.ruleset, "complete": complete, "parts": entries}
        with atomic_text_output(self.folder / MANIFEST) as stream:
            json.dump(manifest, stream, ensure_ascii=False, indent=1)
            stream.write("\n")


def part_files(folder: Path) -> list[Path]:
    """The part files of `folder` in corpus order: as its manifest lists them, or by name."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return [folder / entry["file"] for entry in sorted(data.get("parts", []), key=lambda e: e["partition"])]
    return sorted(folder.glob("part-*.jsonl"))
