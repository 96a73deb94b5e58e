"""Every CSV stancekit writes (scan, export dna-csv and edges-csv, track) starts a text cell a
spreadsheet would run as a formula with `'`; `--csv-raw` writes it as it is."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_export import finding

from stancekit.cli import main
from stancekit.exitcodes import ExitCode
from stancekit.output.csvcells import neutralised

EVIL_ACTOR = '=HYPERLINK("http://evil.example","Oslo")'
EVIL_TOPIC = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("the ferry plan", "the ferry plan"),
        ("a = b", "a = b"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_formula_cells_are_written_as_text(value, written) -> None:
    assert neutralised(value) == written


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_scan_csv_neutralises_and_csv_raw_keeps(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "news.jsonl"
    record = {"id": "=cmd|' /C calc'!A0", "text": "The union backs the new wage law."}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["scan", str(corpus), "--format", "csv", "--jobs", "1", "--quiet"]) == ExitCode.OK
    (row,) = _rows(capsys.readouterr().out)
    assert row["doc"] == "'=cmd|' /C calc'!A0"
    assert row["actor.name"] == "union"
    assert main(["scan", str(corpus), "--format", "csv", "--jobs", "1", "--quiet", "--csv-raw"]) == ExitCode.OK
    (row,) = _rows(capsys.readouterr().out)
    assert row["doc"] == "=cmd|' /C calc'!A0"


@pytest.fixture
def evil_findings(tmp_path: Path) -> Path:
    findings = [
        finding(1, "-d1", "2023-03-06", EVIL_ACTOR, EVIL_TOPIC, "support"),
        finding(2, "d2", "2023-03-08", "Bergen", EVIL_TOPIC, "support"),
    ]
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in findings), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        (["export", "--to", "dna-csv"], ("organization", "concept", "document ID")),
        (["export", "--to", "edges-csv", "--network", "congruence"], ("source", "target")),
        (["track", "--format", "csv", "--min-evidence", "1"], ("actor", "topic")),
    ],
)
def test_every_csv_writer_neutralises_and_csv_raw_keeps(capsys, evil_findings: Path, args, columns) -> None:
    assert main([*args, str(evil_findings)]) == ExitCode.OK
    neutral = _rows(capsys.readouterr().out)
    assert main([*args, str(evil_findings), "--csv-raw"]) == ExitCode.OK
    raw = _rows(capsys.readouterr().out)
    assert neutral and len(neutral) == len(raw)
    cells = [(row[c], kept[c]) for row, kept in zip(neutral, raw, strict=True) for c in columns if c in row]
    assert any(written != as_is for written, as_is in cells), "no formula cell in this table"
    for written, as_is in cells:
        assert written == (f"'{as_is}" if as_is[:1] in ("=", "+", "-", "@") else as_is)
        assert not written.startswith(("=", "+", "-", "@"))
