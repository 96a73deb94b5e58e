"""Reading a findings file back, as `diff`, `export`, `report` and `track` do: seconds and the
memory each finding holds (extra_info: bytes per finding, traced), over the findings of the
sample corpus copied under 200 document ids."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from stancekit import Document, Matcher, load_rules
from stancekit.findingsfile import read_findings

COPIES = 200
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "news"


@pytest.fixture(scope="module")
def findings_file(tmp_path_factory) -> Path:
    matcher = Matcher(load_rules().compile())
    records = []
    for path in sorted(SAMPLES.glob("*.txt")):
        document = Document(path.stem, path.read_text(encoding="utf-8"))
        records.extend(finding.to_dict() for finding in matcher.scan(document))
    out = tmp_path_factory.mktemp("findings") / "findings.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        for copy in range(COPIES):
            for record in records:
                stream.write(json.dumps({**record, "doc": f"{record['doc']}-{copy}"}) + "\n")
    return out


def test_read_a_findings_file(benchmark, findings_file):
    tracemalloc.start()
    findings = read_findings(findings_file)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    benchmark.extra_info["findings"] = len(findings)
    benchmark.extra_info["bytes per finding"] = round(held / len(findings))
    del findings
    benchmark(read_findings, findings_file)
