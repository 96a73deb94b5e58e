"""The script that draws merged keys for a reader to judge shows what a pronoun needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_sampled_pronoun_holder_is_shown_with_the_text_before_its_sentence(
    tmp_path: Path, capsys, benchmark_script
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Senator Maria Okafor spoke in Leeds on Monday. She backs the new bus tax.\n")
    (texts / "b.txt").write_text("Senator Maria Okafor met the union on Tuesday. She opposes the rail strike.\n")
    findings = tmp_path / "findings.jsonl"
    scan = [sys.executable, "-m", "stancekit", "scan", str(texts), "-o", str(findings), "--format", "jsonl", "-q"]
    subprocess.run(scan, check=True)
    benchmark_script("key_stats").main([str(findings), "--pairs", "5", "--largest", "0", "--context", str(texts)])
    shown = capsys.readouterr().out.split("== findings sharing an actor key", 1)[1]
    assert "key 'maria okafor'" in shown
    assert "(before: ...Senator Maria Okafor spoke in Leeds on Monday.)" in shown
    assert "(before: ...Senator Maria Okafor met the union on Tuesday.)" in shown
