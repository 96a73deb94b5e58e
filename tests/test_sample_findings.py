"""The sample a reader judges by hand shows what each finding says, as resolved."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from stancekit import Matcher, load_rules

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "sample_findings.py"


def _sampler():
    spec = importlib.util.spec_from_file_location("sample_findings", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("sample_findings", module)
    spec.loader.exec_module(module)
    return module


def test_a_topic_that_points_at_a_person_is_shown_with_that_person() -> None:
    """A reader shown the topic "who" alone judged it unbounded; the finding names the person."""
    text = "Ana Okafor, who the union backs, spoke on Monday."
    [finding] = Matcher(load_rules().compile()).scan(text)
    record = finding.to_dict()
    assert record["topic"]["text"] == "who"
    [topic_line] = [line for line in _sampler().describe(1, record) if line.startswith("topic:")]
    assert topic_line == "topic: 'who' -> Ana Okafor"
