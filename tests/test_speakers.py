"""Document speakers: in testimony, speeches and op-eds the author is speaking, so with
`scan --speaker-field FIELD` a first person outside quotes ("I", "we", "our association") names
the document's author (`via: author`). A first person inside a quote is still the quote's
speaker, and without an author the first person stays unresolved and is counted where it is
left out."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from stancekit.cli import main
from stancekit.commands.common import compiled_rule_set
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.text.documents import Document

TESTIMONY = (
    "Thank you, Madam Chair. I support the clean water bill. "
    "Our association opposes the pipeline permit. "
    'The mayor told me: "I oppose the harbour tax."'
)


def scan(tmp_path: Path, capsys, records: list[dict], *args: str) -> list[dict]:
    corpus = tmp_path / "testimony.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "findings.jsonl"
    assert main(["scan", str(corpus), "-f", "jsonl", "-o", str(out), *args]) == ExitCode.OK
    capsys.readouterr()
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def holders(findings: list[dict]) -> list[tuple]:
    return [(f["actor"]["text"], f["actor"]["name"], f["actor"]["via"], f["topic"]["text"]) for f in findings]


def test_i_in_a_testimony_is_its_witness(tmp_path, capsys):
    findings = scan(
        tmp_path, capsys, [{"id": "w1", "witness": "Dana Whitfield", "text": TESTIMONY}], "--speaker-field", "witness"
    )
    assert holders(findings)[0] == ("I", "Dana Whitfield", "author", "the clean water bill")
    assert findings[0]["actor"]["type"] == "person"


def test_our_association_is_the_author_speaking_for_it(tmp_path, capsys):
    findings = scan(
        tmp_path, capsys, [{"id": "w1", "witness": "Dana Whitfield", "text": TESTIMONY}], "--speaker-field", "witness"
    )
    assert ("Our association", "Dana Whitfield", "author", "the pipeline permit") in holders(findings)


def test_a_first_person_inside_a_quote_is_the_quote_speaker_not_the_author(tmp_path, capsys):
    findings = scan(
        tmp_path, capsys, [{"id": "w1", "witness": "Dana Whitfield", "text": TESTIMONY}], "--speaker-field", "witness"
    )
    quoted = [f for f in findings if f["quoted"]]
    assert [(f["actor"]["via"], f["actor"]["name"]) for f in quoted] == [("speaker", "mayor")]


def test_without_an_author_the_first_person_stays_unresolved(tmp_path, capsys):
    records = [
        {"id": "w1", "text": TESTIMONY},
        {"id": "w2", "witness": "  ", "text": "I support the clean water bill."},
    ]
    findings = scan(tmp_path, capsys, records, "--speaker-field", "witness")
    first_person = [f for f in findings if not f["quoted"]]
    assert first_person and all(f["actor"]["via"] == "unresolved" for f in first_person)
    assert all(f["actor"]["name"] is None for f in first_person)


def test_the_author_can_come_from_a_metadata_column(tmp_path, capsys):
    metadata = tmp_path / "witnesses.csv"
    with metadata.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "witness"])
        writer.writerow(["w1", "2019-03-12", "Ravi Menon"])
    records = [{"id": "w1", "date": "2019-03-12", "text": "We oppose the pipeline permit."}]
    findings = scan(tmp_path, capsys, records, "--speaker-field", "witness", "--metadata", str(metadata))
    assert holders(findings) == [("We", "Ravi Menon", "author", "the pipeline permit")]


def test_a_csv_corpus_names_its_author_by_column(tmp_path, capsys):
    corpus = tmp_path / "speeches.csv"
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "speaker", "text"])
        writer.writerow(["s1", "Lena Ortiz", "My party supports the rail link."])
    out = tmp_path / "f.jsonl"
    assert main(["scan", str(corpus), "-f", "jsonl", "-o", str(out), "--speaker-field", "speaker"]) == ExitCode.OK
    [finding] = [json.loads(line) for line in out.read_text().splitlines()]
    assert (finding["actor"]["name"], finding["actor"]["via"]) == ("Lena Ortiz", "author")


def test_explain_says_the_first_person_is_the_author(tmp_path, capsys):
    matcher = Matcher(compiled_rule_set((), (), (), None, True, True), notes=True)
    [finding] = matcher.scan(Document("w", "I support the clean water bill.", author="Dana Whitfield"))
    assert any("the document's author, Dana Whitfield" in note for note in matcher.notes[finding.id])


def test_track_counts_a_first_person_it_leaves_unresolved(tmp_path, capsys):
    findings = scan(tmp_path, capsys, [{"id": "w1", "text": "I support the clean water bill."}])
    assert findings[0]["actor"]["via"] == "unresolved"
    assert main(["track", str(tmp_path / "findings.jsonl")]) == ExitCode.OK
    assert "1 with an unresolved actor or topic left out" in capsys.readouterr().err


def test_export_says_why_it_left_a_first_person_out(tmp_path, capsys):
    scan(tmp_path, capsys, [{"id": "w1", "text": "I support the clean water bill."}])
    assert main(["export", str(tmp_path / "findings.jsonl"), "--to", "edges-csv"]) == ExitCode.OK
    err = capsys.readouterr().err
    assert "1 findings whose actor or topic is unresolved left out" in err and "--speaker-field" in err


def test_the_author_is_the_person_of_the_dna_statement(tmp_path, capsys):
    records = [{"id": "w1", "witness": "Dana Whitfield", "text": "I support the clean water bill."}]
    scan(tmp_path, capsys, records, "--speaker-field", "witness")
    out = tmp_path / "review.dna"
    corpus = tmp_path / "testimony.jsonl"
    args = ["export", str(tmp_path / "findings.jsonl"), "--to", "dna", "--corpus", str(corpus), "-o", str(out)]
    assert main([*args, "--speaker-field", "witness"]) == ExitCode.OK
    with sqlite3.connect(out) as connection:
        assert connection.execute("SELECT Author FROM DOCUMENTS").fetchall() == [("Dana Whitfield",)]
        people = connection.execute("SELECT Value FROM ENTITIES WHERE VariableId = 1").fetchall()
    assert people == [("Dana Whitfield",)]


def test_the_authors_affiliation_is_the_body_they_speak_for(tmp_path, capsys):
    records = [{"id": "w1", "witness": "Dana Whitfield", "org": "Coastal Anglers League", "text": TESTIMONY}]
    findings = scan(tmp_path, capsys, records, "--speaker-field", "witness", "--affiliation-field", "org")
    authored = [f for f in findings if f["actor"]["via"] == "author"]
    assert len(authored) == 2
    assert all(
        f["actor"]["affiliations"] == [{"id": "coastal anglers league", "name": "Coastal Anglers League"}]
        for f in authored
    )
    quoted = next(f for f in findings if f["quoted"])
    assert quoted["actor"]["affiliations"] == []  # the mayor does not speak for the witness's league


def test_an_affiliation_field_needs_a_speaker_field(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "I support the bill."}) + "\n", encoding="utf-8")
    assert main(["scan", str(corpus), "--affiliation-field", "org"]) == ExitCode.USAGE
    assert "--speaker-field" in capsys.readouterr().err
