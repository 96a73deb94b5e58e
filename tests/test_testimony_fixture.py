"""A coded hearing, end to end: seven short testimonies (tests/fixtures/testimonies, written for
these tests) with the statements a coder would code in DNA: several concepts, agreement and
disagreement, negated statements ("does not support", "cannot support"), first persons that
are the witness, a third party named in a testimony, a quote written ``...'', two concepts in
one sentence (with two stances, and with one stance on both), a concept whose pattern states
disagreement ("the reserve would cost fishing jobs" against "The marine reserve will not cost
fishing jobs") and a negated proposition ("will not cost fishing jobs"). `scan` (with the
witness as --speaker-field and the concepts as a topic dictionary), `export --to dna`,
`import-dna` and `eval` must give exactly those statements."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dna.write import DnaDocument, DnaStatement, write_database
from stancekit.exitcodes import ExitCode

FIXTURE = Path(__file__).parent / "fixtures" / "testimonies"
CORPUS = FIXTURE / "testimonies.jsonl"
CONCEPTS = FIXTURE / "concepts.yaml"
DOCUMENTS = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
TEXTS = {d["id"]: d["text"] for d in DOCUMENTS}


def known_statements() -> list[dict]:
    """The coded statements, each with its span: where its sentence stands in its document."""
    statements = []
    for line in (FIXTURE / "statements.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        sentence = record.pop("sentence")
        start = TEXTS[record["doc"]].index(sentence)
        statements.append({**record, "start": start, "end": start + len(sentence)})
    return statements


KNOWN = known_statements()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict[str, Path]:
    """scan, then export --to dna, then import-dna, once for the module."""
    folder = tmp_path_factory.mktemp("hearing")
    findings, dna, coded = folder / "findings.jsonl", folder / "review.dna", folder / "coded.jsonl"
    speaker = ["--speaker-field", "witness"]
    assert (
        main(["scan", str(CORPUS), "--topics", str(CONCEPTS), *speaker, "--affiliation-field", "organisation",
              "-f", "jsonl", "-o", str(findings), "-q"])
        == ExitCode.OK
    )  # fmt: skip
    assert main(["export", str(findings), "--to", "dna", "--corpus", str(CORPUS), *speaker, "-o", str(dna)]) == 0
    assert main(["import-dna", str(dna), "-o", str(coded)]) == ExitCode.OK
    return {"findings": findings, "dna": dna, "coded": coded, "folder": folder}


def as_rows(statements) -> list[tuple]:
    return [
        (s["doc"], s["start"], s["end"], s["person"], s["organization"], s["concept"], s["agreement"])
        for s in statements
    ]


def test_the_dna_file_holds_exactly_the_known_statements(run):
    with sqlite3.connect(run["dna"]) as connection:
        version = connection.execute("SELECT Value FROM SETTINGS WHERE Property = 'version'").fetchone()[0]
        documents = connection.execute("SELECT Title, Text, Author FROM DOCUMENTS ORDER BY ID").fetchall()
        statements = connection.execute(
            """SELECT d.Title, s.Start, s.Stop, p.Value, o.Value, c.Value,
                      CASE b.Value WHEN 1 THEN 'support' ELSE 'oppose' END
                 FROM STATEMENTS s
                 JOIN DOCUMENTS d ON d.ID = s.DocumentId
                 JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId AND t.Label = 'DNA Statement'
                 JOIN DATASHORTTEXT xp ON xp.StatementId = s.ID AND xp.VariableId = 1
                 JOIN ENTITIES p ON p.ID = xp.Entity
                 JOIN DATASHORTTEXT xo ON xo.StatementId = s.ID AND xo.VariableId = 2
                 JOIN ENTITIES o ON o.ID = xo.Entity
                 JOIN DATASHORTTEXT xc ON xc.StatementId = s.ID AND xc.VariableId = 3
                 JOIN ENTITIES c ON c.ID = xc.Entity
                 JOIN DATABOOLEAN b ON b.StatementId = s.ID AND b.VariableId = 4
                ORDER BY s.ID"""
        ).fetchall()
    assert version.startswith("3.0")
    assert documents == [(d["id"], d["text"], d["witness"]) for d in DOCUMENTS]
    assert statements == as_rows(KNOWN)


def test_findings_record_the_agreement_with_each_concept(run):
    findings = [json.loads(line) for line in run["findings"].read_text(encoding="utf-8").splitlines()]
    sides = {(f["doc"], f["topic"]["id"]): (f["polarity"], f["agreement"]) for f in findings}
    assert sides["hearing-06", "hearing_fishing_jobs"] == ("support", "oppose")  # a disagreeing pattern
    assert sides["hearing-07", "hearing_fishing_jobs"] == ("support", "support")  # negated: "will not cost"
    assert sides["hearing-03", "hearing_rail_link"] == ("oppose", "oppose")


def test_import_dna_reads_the_known_statements_back(run):
    records = [json.loads(line) for line in run["coded"].read_text(encoding="utf-8").splitlines()]
    assert as_rows(records) == as_rows(KNOWN)
    assert all(r["text"] == TEXTS[r["doc"]][r["start"] : r["end"]] for r in records)


def coder_file(folder: Path) -> Path:
    """The known statements as a coder would have coded them in DNA, independently of stancekit."""
    path = folder / "coder.dna"
    documents = [DnaDocument(d["id"], d["text"], author=d["witness"]) for d in DOCUMENTS]
    statements = [
        DnaStatement(
            s["doc"], s["start"], s["end"], s["person"], s["organization"], s["concept"], s["agreement"] == "support"
        )
        for s in KNOWN
    ]
    write_database(path, documents, statements, "coder")
    return path


def test_eval_against_the_coders_file_finds_every_statement_and_no_other(run, capsys):
    gold = coder_file(run["folder"])
    capsys.readouterr()
    assert main(["eval", str(gold), str(run["findings"]), "--format", "json", "--min-recall", "1"]) == ExitCode.OK
    result = json.loads(capsys.readouterr().out)
    assert (result["coded"], result["found"], result["matched"]) == (14, 14, 14)
    assert result["edges"] == {"coded": 14, "found": 14, "shared": 14}
    assert {c["concept"]: (c["coded"], c["matched"]) for c in result["by_concept"]} == {
        "The marine reserve should be created": (2, 2),
        "A carbon fee should be introduced": (2, 2),
        "The offshore wind farm should be built": (3, 3),
        "The coal plant should be extended": (2, 2),
        "The rail link should be built": (3, 3),
        "The marine reserve will not cost fishing jobs": (2, 2),
    }


def test_eval_against_the_imported_jsonl_agrees(run, capsys):
    capsys.readouterr()
    assert main(["eval", str(run["coded"]), str(run["findings"])]) == ExitCode.OK
    assert capsys.readouterr().out.splitlines()[-1] == "recall=1.000 precision=1.000 f1=1.000"


def test_without_the_speaker_field_the_first_persons_are_lost_and_eval_says_so(run, capsys):
    findings = run["folder"] / "no-speaker.jsonl"
    args = ["scan", str(CORPUS), "--topics", str(CONCEPTS), "-f", "jsonl", "-o", str(findings), "-q"]
    assert main(args) == ExitCode.OK
    capsys.readouterr()
    assert main(["eval", str(coder_file(run["folder"])), str(findings), "--format", "json"]) == ExitCode.OK
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert (result["coded"], result["matched"]) == (14, 2)  # the third party and the quoted senator
    assert "12 findings whose actor or topic is unresolved left out" in captured.err


def test_a_coded_dna_file_can_be_scanned_and_scored_as_it_is(run, capsys):
    """The researcher's shortest path: scan the coder's own documents, with each document's DNA
    Author as the speaker, and score against the coder's statements."""
    gold = coder_file(run["folder"])
    capsys.readouterr()
    args = ["eval", str(gold), "--scan", str(gold), "--topics", str(CONCEPTS), "--speaker-field", "author"]
    assert main(args) == ExitCode.OK
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "recall=1.000 precision=1.000 f1=1.000"
    assert "scanned 7 documents" in captured.err


def test_field_options_of_eval_need_a_scan(run, capsys):
    assert main(["eval", str(run["dna"]), str(run["findings"]), "--speaker-field", "author"]) == ExitCode.USAGE
    assert "only apply with --scan" in capsys.readouterr().err
