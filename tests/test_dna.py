"""DNA databases in and out: `export --to dna` writes a DNA 3 database that holds the corpus and
one "DNA Statement" per finding, `import-dna` reads coded statements back, and `eval` scores
findings against a DNA file the way DNA users count statements. Every file is opened with
sqlite3 and its rows compared with what the findings say."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dna.read import CodedStatement, DnaReadError, read_database
from stancekit.dna.schema import DNA_VERSION, password_digest, password_matches
from stancekit.dna.score import FoundStatement, evaluate_statements, name_key
from stancekit.dna.write import DnaDocument, DnaStatement, write_database
from stancekit.exitcodes import ExitCode
from stancekit.findings import ActorRef, Affiliated, Finding, RuleRef, TextSpan, TopicRef

# --- a small corpus and the findings a scan of it gave ------------------------------------------

HEARING = (
    "Chairman, thank you. The Coastal Anglers League supports the marine reserve. "
    "Dr. Maria Lund, of the Fjord Institute, opposes the trawling quota."
)
OPINION = "The harbour fee is a mistake. Ports Minister Ola Dahl rejects the harbour fee."
UNUSED = "This document has no statement in it."
DOCUMENTS = [
    {"id": "hearing-1", "text": HEARING, "date": "2021-05-04", "witness": "Maria Lund"},
    {"id": "opinion-2", "text": OPINION, "date": "2021-05-06"},
    {"id": "notes-3", "text": UNUSED},
]


def finding(
    number: int,
    doc: str,
    text: str,
    sentence: str,
    actor: str,
    topic: str,
    polarity: str,
    *,
    actor_type: str = "organisation",
    affiliation: str | None = None,
    topic_id: str | None = None,
) -> Finding:
    start = text.index(sentence)
    # a mention the sentence does not hold (an actor named earlier) is placed at its start
    actor_start = start + max(sentence.find(actor.split()[-1]), 0)
    topic_start = start + max(sentence.find(topic), 0)
    return Finding(
        id=f"f{number}",
        doc=doc,
        date=None,
        sentence=TextSpan(sentence, start, start + len(sentence)),
        actor=ActorRef(
            actor,
            actor_start,
            actor_start + len(actor.split()[-1]),
            actor,
            type=actor_type,
            affiliations=(Affiliated(affiliation.lower(), affiliation),) if affiliation else (),
        ),
        topic=TopicRef(topic, topic_start, topic_start + len(topic), topic, topic_id),
        polarity=polarity,
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef("test.rule", "rules/test.yaml", 1),
        ruleset="b" * 64,
    )


LEAGUE = finding(
    1,
    "hearing-1",
    HEARING,
    "The Coastal Anglers League supports the marine reserve.",
    "Coastal Anglers League",
    "marine reserve",
    "support",
)
LUND = finding(
    2,
    "hearing-1",
    HEARING,
    "Dr. Maria Lund, of the Fjord Institute, opposes the trawling quota.",
    "Maria Lund",
    "trawling quota",
    "oppose",
    actor_type="person",
    affiliation="Fjord Institute",
)
DAHL = finding(
    3,
    "opinion-2",
    OPINION,
    "Ports Minister Ola Dahl rejects the harbour fee.",
    "Ola Dahl",
    "harbour fee",
    "oppose",
    actor_type="person",
)
FINDINGS = [LEAGUE, LUND, DAHL]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", DOCUMENTS)


@pytest.fixture
def findings_file(tmp_path) -> Path:
    return write_jsonl(tmp_path / "findings.jsonl", (f.to_dict() for f in FINDINGS))


def export(findings_file: Path, corpus: Path, out: Path, *extra: str) -> int:
    return main(["export", str(findings_file), "--to", "dna", "--corpus", str(corpus), "-o", str(out), *extra])


def rows(path: Path, query: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query).fetchall()


STATEMENT_ROWS = """
    SELECT d.Title, s.Start, s.Stop,
           (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity
             WHERE x.StatementId = s.ID AND x.VariableId = 1),
           (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity
             WHERE x.StatementId = s.ID AND x.VariableId = 2),
           (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity
             WHERE x.StatementId = s.ID AND x.VariableId = 3),
           (SELECT b.Value FROM DATABOOLEAN b WHERE b.StatementId = s.ID AND b.VariableId = 4)
      FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId ORDER BY s.ID
"""


# --- the file DNA opens ------------------------------------------------------------------------


def test_an_exported_file_has_the_tables_and_first_rows_of_a_new_dna_3_database(tmp_path, findings_file, corpus):
    out = tmp_path / "review.dna"
    assert export(findings_file, corpus, out) == ExitCode.OK
    tables = {name for (name,) in rows(out, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {
        "SETTINGS", "CODERS", "DOCUMENTS", "STATEMENTTYPES", "VARIABLES", "VARIABLELINKS", "REGEXES",
        "CODERRELATIONS", "STATEMENTS", "DATABOOLEAN", "DATAINTEGER", "ENTITIES", "DATASHORTTEXT",
        "DATALONGTEXT", "ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES",
    }  # fmt: skip
    settings = dict(rows(out, "SELECT Property, Value FROM SETTINGS"))
    assert settings["version"] == DNA_VERSION and settings["version"].startswith("3.0")
    assert rows(out, "SELECT ID, Label FROM STATEMENTTYPES WHERE ID = 1") == [(1, "DNA Statement")]
    assert rows(out, "SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = 1 ORDER BY ID") == [
        (1, "person", "short text"),
        (2, "organization", "short text"),
        (3, "concept", "short text"),
        (4, "agreement", "boolean"),
    ]
    [(name, stored)] = rows(out, "SELECT Name, Password FROM CODERS")
    assert name == "Admin" and password_matches("stancekit", stored) and not password_matches("other", stored)
    assert rows(out, "PRAGMA foreign_key_check") == []


def test_the_admin_password_is_the_one_given(tmp_path, findings_file, corpus):
    out = tmp_path / "review.dna"
    assert export(findings_file, corpus, out, "--dna-password", "harbour") == ExitCode.OK
    [(stored,)] = rows(out, "SELECT Password FROM CODERS WHERE ID = 1")
    assert password_matches("harbour", stored)


def test_a_password_digest_is_salt_then_sha256_iterated_as_dna_stores_it():
    salt = bytes(range(16))
    digest = password_digest("secret", salt)
    assert digest == password_digest("secret", salt) != password_digest("secret")
    assert len(digest) == 64  # base64 of 16 bytes of salt and 32 of SHA-256


def test_every_corpus_document_is_written_with_its_text_date_and_author(tmp_path, findings_file, corpus):
    out = tmp_path / "review.dna"
    assert export(findings_file, corpus, out, "--speaker-field", "witness") == ExitCode.OK
    assert rows(out, "SELECT Title, Text, Author, Date, Coder FROM DOCUMENTS ORDER BY ID") == [
        ("hearing-1", HEARING, "Maria Lund", 1620086400, 1),
        ("opinion-2", OPINION, "", 1620259200, 1),
        ("notes-3", UNUSED, "", 0, 1),
    ]


def test_each_finding_is_a_dna_statement_marked_on_its_sentence(tmp_path, findings_file, corpus, capsys):
    out = tmp_path / "review.dna"
    assert export(findings_file, corpus, out) == ExitCode.OK
    statements = rows(out, STATEMENT_ROWS)
    assert statements == [
        ("hearing-1", LEAGUE.sentence.start, LEAGUE.sentence.end, "", "Coastal Anglers League", "marine reserve", 1),
        ("hearing-1", LUND.sentence.start, LUND.sentence.end, "Maria Lund", "Fjord Institute", "trawling quota", 0),
        ("opinion-2", DAHL.sentence.start, DAHL.sentence.end, "Ola Dahl", "", "harbour fee", 0),
    ]
    for title, start, stop, *_ in statements:
        text = HEARING if title == "hearing-1" else OPINION
        assert any(f.sentence.text == text[start:stop] for f in FINDINGS)
    assert "3 documents and 3 statements written" in capsys.readouterr().err


def test_an_entity_is_written_once_however_many_statements_name_it(tmp_path, corpus):
    again = finding(
        4,
        "opinion-2",
        OPINION,
        "The harbour fee is a mistake.",
        "Ola Dahl",
        "harbour fee",
        "oppose",
        actor_type="person",
    )
    findings = write_jsonl(tmp_path / "f.jsonl", (f.to_dict() for f in [DAHL, again]))
    out = tmp_path / "review.dna"
    assert export(findings, corpus, out) == ExitCode.OK
    assert rows(out, "SELECT COUNT(*) FROM STATEMENTS") == [(2,)]
    assert rows(out, "SELECT COUNT(*) FROM ENTITIES WHERE VariableId = 1 AND Value = 'Ola Dahl'") == [(1,)]
    # each entity has DNA's Type, Alias and Notes attributes, empty
    assert rows(out, "SELECT COUNT(*) FROM ATTRIBUTEVALUES") == [
        (3 * rows(out, "SELECT COUNT(*) FROM ENTITIES")[0][0],)
    ]


def test_what_cannot_be_marked_is_counted_on_stderr_and_left_out(tmp_path, corpus, capsys):
    elsewhere = finding(5, "other-doc", OPINION, "The harbour fee is a mistake.", "harbour", "harbour fee", "oppose")
    neutral = finding(6, "opinion-2", OPINION, "The harbour fee is a mistake.", "harbour", "harbour fee", "neutral")
    moved = finding(7, "hearing-1", HEARING + " Later text.", "Later text.", "Later", "text", "support")
    findings = write_jsonl(tmp_path / "f.jsonl", (f.to_dict() for f in [LEAGUE, elsewhere, neutral, moved]))
    out = tmp_path / "review.dna"
    assert export(findings, corpus, out) == ExitCode.OK
    err = capsys.readouterr().err
    assert "1 neutral findings left out" in err
    assert "1 statements whose document is not in the corpus left out" in err
    assert "1 statements whose sentence is not at its offsets in the corpus left out" in err
    assert rows(out, "SELECT COUNT(*) FROM STATEMENTS") == [(1,)]


def test_repeated_statements_are_all_marked_unless_duplicates_says_otherwise(tmp_path, corpus):
    twice = finding(
        8,
        "opinion-2",
        OPINION,
        "The harbour fee is a mistake.",
        "Ola Dahl",
        "harbour fee",
        "oppose",
        actor_type="person",
    )
    findings = write_jsonl(tmp_path / "f.jsonl", (f.to_dict() for f in [DAHL, twice]))
    assert export(findings, corpus, tmp_path / "all.dna") == ExitCode.OK
    assert rows(tmp_path / "all.dna", "SELECT COUNT(*) FROM STATEMENTS") == [(2,)]
    assert export(findings, corpus, tmp_path / "once.dna", "--duplicates", "document") == ExitCode.OK
    assert rows(tmp_path / "once.dna", "SELECT COUNT(*) FROM STATEMENTS") == [(1,)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corpus", "CORPUS"], "give -o FILE.dna"),
        (["-o", "OUT"], "needs --corpus"),
        (["--corpus", "CORPUS", "-o", "OUT", "--network", "conflict"], "not a network"),
    ],
)
def test_dna_export_options_are_checked(tmp_path, findings_file, corpus, capsys, args, message):
    args = [a.replace("CORPUS", str(corpus)).replace("OUT", str(tmp_path / "x.dna")) for a in args]
    assert main(["export", str(findings_file), "--to", "dna", *args]) == ExitCode.USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.dna").exists()


def test_corpus_options_belong_to_dna_export(findings_file, corpus, capsys):
    assert main(["export", str(findings_file), "--to", "graphml", "--corpus", str(corpus)]) == ExitCode.USAGE
    assert "apply to --to dna" in capsys.readouterr().err


def test_a_failed_write_leaves_the_file_that_was_there(tmp_path):
    out = tmp_path / "review.dna"
    out.write_bytes(b"earlier")
    bad = DnaStatement("d", 5, 50, "", "Org", "concept", True)
    with pytest.raises(ValueError, match="not inside"):
        write_database(out, [DnaDocument("d", "short")], [bad], "pw")
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["review.dna"]


# --- reading coded statements back ---------------------------------------------------------------


def coded_file(tmp_path: Path, statements: list[DnaStatement], documents=None) -> Path:
    documents = documents or [
        DnaDocument("hearing-1", HEARING, 1620086400),
        DnaDocument("opinion-2", OPINION),
        DnaDocument("notes-3", UNUSED),
    ]
    path = tmp_path / "coded.dna"
    write_database(path, documents, statements, "coder")
    return path


def coded(f: Finding, person: str, organization: str, concept: str, agreement: bool) -> DnaStatement:
    return DnaStatement(f.doc, f.sentence.start, f.sentence.end, person, organization, concept, agreement)


GOLD = [
    coded(LEAGUE, "", "Coastal Anglers League", "marine reserve", True),
    coded(LUND, "Maria Lund", "Fjord Institute", "trawling quota", False),
    coded(DAHL, "Ola Dahl", "Ministry of Ports", "harbour fee", False),
]


def test_import_dna_writes_the_coded_statements_and_documents_as_jsonl(tmp_path, capsys):
    path = coded_file(tmp_path, GOLD)
    out, docs = tmp_path / "coded.jsonl", tmp_path / "docs.jsonl"
    assert main(["import-dna", str(path), "-o", str(out), "--documents", str(docs)]) == ExitCode.OK
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["doc"], r["person"], r["organization"], r["concept"], r["agreement"]) for r in records] == [
        ("hearing-1", "", "Coastal Anglers League", "marine reserve", "support"),
        ("hearing-1", "Maria Lund", "Fjord Institute", "trawling quota", "oppose"),
        ("opinion-2", "Ola Dahl", "Ministry of Ports", "harbour fee", "oppose"),
    ]
    assert records[1]["text"] == LUND.sentence.text and records[1]["coder"] == "Admin"
    documents = [json.loads(line) for line in docs.read_text().splitlines()]
    assert [(d["id"], d["text"], d["date"]) for d in documents] == [
        ("hearing-1", HEARING, "2021-05-04"),
        ("opinion-2", OPINION, None),
        ("notes-3", UNUSED, None),
    ]
    assert "3 documents, 3 coded statements" in capsys.readouterr().err


def test_documents_that_share_a_title_are_told_apart_by_their_dna_id(tmp_path):
    docs = [DnaDocument("Hearing", "One text."), DnaDocument("Hearing ", "Two text.")]
    path = tmp_path / "same.dna"
    write_database(path, docs, [], "pw")  # DNA's titles are cut and trimmed: both read "Hearing"
    assert [d.id for d in read_database(path).documents] == ["Hearing [1]", "Hearing [2]"]


def test_a_file_that_is_not_a_dna_database_is_an_input_error(tmp_path, capsys):
    not_dna = tmp_path / "notes.dna"
    not_dna.write_text("plain text", encoding="utf-8")
    assert main(["import-dna", str(not_dna)]) == ExitCode.INPUT_ERROR
    assert "not a DNA database" in capsys.readouterr().err


def test_a_dna_2_database_is_refused_with_its_version(tmp_path):
    path = coded_file(tmp_path, [])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE SETTINGS SET Value = '2.0 beta 25' WHERE Property = 'version'")
    with pytest.raises(DnaReadError, match=r"version 2\.0 beta 25"):
        read_database(path)


# --- scoring as DNA users count ------------------------------------------------------------------


def test_findings_that_state_the_coded_statements_score_full_marks(tmp_path, findings_file, capsys):
    gold = coded_file(tmp_path, GOLD)
    assert main(["eval", str(gold), str(findings_file)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "recall=1.000 precision=1.000 f1=1.000"
    assert "edges               coded 3, found 3, shared 3" in out


def test_the_jsonl_of_import_dna_scores_as_the_dna_file_does(tmp_path, findings_file, capsys):
    gold = coded_file(tmp_path, GOLD)
    jsonl = tmp_path / "coded.jsonl"
    assert main(["import-dna", str(gold), "-o", str(jsonl)]) == ExitCode.OK
    capsys.readouterr()
    assert main(["eval", str(jsonl), str(findings_file), "--format", "json"]) == ExitCode.OK
    result = json.loads(capsys.readouterr().out)
    assert (result["coded"], result["found"], result["matched"]) == (3, 3, 3)


def test_a_wrong_side_or_concept_or_person_is_a_miss_and_a_false_statement(tmp_path, capsys):
    gold = coded_file(
        tmp_path,
        [
            coded(LEAGUE, "", "Coastal Anglers League", "marine reserve", False),  # other side
            coded(LUND, "Maria Lund", "Fjord Institute", "fishing rights", False),  # other concept
            coded(DAHL, "Kari Dahl", "", "harbour fee", False),  # other person
        ],
    )
    findings = write_jsonl(tmp_path / "f.jsonl", (f.to_dict() for f in FINDINGS))
    assert main(["eval", str(gold), str(findings), "--format", "json"]) == ExitCode.OK
    result = json.loads(capsys.readouterr().out)
    assert (result["matched"], result["misses_total"], result["false_statements_total"]) == (0, 3, 3)
    by_concept = {c["concept"]: (c["coded"], c["found"], c["matched"]) for c in result["by_concept"]}
    assert by_concept == {
        "marine reserve": (1, 1, 0),
        "fishing rights": (1, 0, 0),
        "harbour fee": (1, 1, 0),
        "trawling quota": (0, 1, 0),
    }


def found(doc: str, start: int, end: int, person: str, organization: str, concept: str, agreement: str):
    return FoundStatement("f", doc, start, end, "", person, organization, concept, agreement)


def gold(doc: str, start: int, end: int, person: str, organization: str, concept: str, agreement: str):
    return CodedStatement(1, doc, start, end, "", person, organization, concept, agreement)


def test_the_organization_counts_when_the_coder_coded_no_person():
    coded_statements = [gold("d", 0, 40, "", "Fjord Institute", "trawling quota", "oppose")]
    right = found("d", 10, 60, "", "Fjord Institute", "Trawling  quota", "oppose")
    person = found("d", 10, 60, "Maria Lund", "Fjord Institute", "trawling quota", "oppose")
    assert evaluate_statements(coded_statements, [right]).overall.matched == 1
    assert evaluate_statements(coded_statements, [person]).overall.matched == 0


def test_spans_must_overlap_and_touching_ends_do_not():
    coded_statements = [gold("d", 0, 40, "Ola Dahl", "", "harbour fee", "oppose")]
    assert (
        evaluate_statements(
            coded_statements, [found("d", 39, 80, "Ola Dahl", "", "harbour fee", "oppose")]
        ).overall.matched
        == 1
    )
    assert (
        evaluate_statements(
            coded_statements, [found("d", 40, 80, "Ola Dahl", "", "harbour fee", "oppose")]
        ).overall.matched
        == 0
    )


def test_a_statement_found_twice_is_one_hit_and_one_false_statement():
    coded_statements = [gold("d", 0, 40, "Ola Dahl", "", "harbour fee", "oppose")]
    twice = [found("d", 0, 40, "Ola Dahl", "", "harbour fee", "oppose")] * 2
    result = evaluate_statements(coded_statements, twice)
    assert (result.overall.matched, result.overall.found, len(result.false_statements)) == (1, 2, 1)


def test_findings_in_documents_that_were_not_coded_do_not_count_against_precision():
    coded_statements = [gold("d", 0, 40, "Ola Dahl", "", "harbour fee", "oppose")]
    result = evaluate_statements(
        coded_statements,
        [found("d", 0, 40, "Ola Dahl", "", "harbour fee", "oppose"), found("e", 0, 9, "X", "", "y", "support")],
    )
    assert (result.overall.precision, result.outside) == (1.0, 1)


def test_names_are_compared_without_case_or_punctuation():
    assert name_key("Sen.  Warren") == name_key("sen warren")
    assert name_key("Clear Skies") != name_key("Clear Sky")


def test_min_recall_fails_a_run_that_recovers_too_little(tmp_path, capsys):
    gold_file = coded_file(tmp_path, GOLD)
    findings = write_jsonl(tmp_path / "f.jsonl", [LEAGUE.to_dict()])
    assert main(["eval", str(gold_file), str(findings), "--min-recall", "0.5"]) == ExitCode.FINDINGS_DIFFER
    assert "recall 0.333 (1/3) is below --min-recall 0.5" in capsys.readouterr().err


def test_a_dna_file_that_cannot_be_written_is_an_input_error(tmp_path, findings_file, corpus, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    assert export(findings_file, corpus, folder) == ExitCode.INPUT_ERROR
    assert "cannot write" in capsys.readouterr().err
    assert folder.is_dir() and not any(folder.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "findings.jsonl", "taken"]


def test_the_statements_of_a_coded_dna_file_export_as_networks(tmp_path, capsys):
    """A coder's file gives DNA's networks too: the person is the actor, and --roll-up counts
    the organization they speak for, the same node as the organization coded alone."""
    path = coded_file(
        tmp_path,
        [
            coded(LEAGUE, "", "Coastal Anglers League", "marine reserve", True),
            coded(LUND, "Maria Lund", "Fjord Institute", "marine reserve", True),
            coded(LUND, "", "fjord  institute", "trawling quota", False),
            coded(DAHL, "Ola Dahl", "Ministry of Ports", "marine reserve", False),
        ],
    )
    out = tmp_path / "conflict.csv"
    args = ["export", str(path), "--to", "edges-csv", "--network", "conflict", "--roll-up", "-o", str(out)]
    assert main(args) == ExitCode.OK
    edges = {(row.split(",")[0], row.split(",")[1]) for row in out.read_text(encoding="utf-8").splitlines()[1:]}
    assert edges == {("Coastal Anglers League", "Ministry of Ports"), ("Fjord Institute", "Ministry of Ports")}
    assert "4 findings: 4 statements" in capsys.readouterr().err
    two_mode = tmp_path / "two-mode.csv"
    assert main(["export", str(path), "--to", "edges-csv", "-o", str(two_mode)]) == ExitCode.OK
    sources = {row.split(",")[0] for row in two_mode.read_text(encoding="utf-8").splitlines()[1:]}
    assert sources == {"Coastal Anglers League", "Maria Lund", "fjord institute", "Ola Dahl"}
