"""A holder the engine cannot name is reported as unresolved: `actor.name` null, the mention
kept in `actor.text`, `via: unresolved`; every reader of findings copes with the null name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_rules().compile())


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("I support the ban.", "I"),  # first person, no quote and no speaker
        ("They support the ban.", "They"),  # a pronoun with nothing before it
        ("My committee supports the ban.", "My committee"),
        ("The council met. Its report supports the ban.", "Its report"),
        ("Mr. Jones, whose party opposes the ban, spoke.", "whose party"),
        ('"I support the ban," he said.', "I"),  # the speaker is itself an unresolved pronoun
    ],
)
def test_a_holder_nothing_names_is_unresolved(matcher, text, mention) -> None:
    [finding] = matcher.scan(text)
    actor = finding.actor
    assert (actor.text, actor.name, actor.id, actor.via, actor.affiliations) == (mention, None, None, "unresolved", ())
    record = finding.to_dict()
    assert record["actor"]["name"] is None and record["actor"]["text"] == mention
    assert json.loads(json.dumps(record))["actor"]["name"] is None


@pytest.mark.parametrize(
    ("text", "name", "via"),
    [
        ("Sanders, who endorsed Clinton, spoke.", "Sanders", "pronoun"),
        ("Bernie Sanders spoke on Monday. He supports the ban.", "Bernie Sanders", "pronoun"),
        ('"I support the ban," Bernie Sanders said.', "Bernie Sanders", "speaker"),
        ("His Democratic opponent, Rep. Alan Grayson, would support the ban.", "Rep. Alan Grayson", "mention"),
        ("The minister stressed US support for elections.", "United States", "dictionary"),  # not "us"
    ],
)
def test_a_holder_something_names_is_named(matcher, text, name, via) -> None:
    [finding] = matcher.scan(text)
    assert (finding.actor.name, finding.actor.via) == (name, via)


def test_a_speaker_nothing_names_is_unresolved_too(matcher) -> None:
    [finding] = matcher.scan('"I support the ban," she said.')
    speaker = finding.speaker
    assert (speaker.text, speaker.name, speaker.id) == ("she", None, None)
    again = Finding.from_dict(json.loads(json.dumps(finding.to_dict())))
    assert again.speaker.name is None and again == finding


def test_an_unresolved_name_reads_back_as_null(matcher) -> None:
    [finding] = matcher.scan("Its report supports the ban.")
    again = Finding.from_dict(json.loads(json.dumps(finding.to_dict())))
    assert again.actor.name is None and again.actor.via == "unresolved"
    assert again == finding


def test_a_record_without_a_name_is_named_by_its_text() -> None:
    [finding] = Matcher(load_rules().compile()).scan("The union supports the ban.")
    record = finding.to_dict()
    del record["actor"]["name"]
    assert Finding.from_dict(record).actor.name == "The union"


@pytest.fixture
def findings_file(tmp_path: Path, matcher) -> Path:
    text = "The union supports the ban. Its report supports the ban. I oppose the levy."
    findings = matcher.scan(text, doc_id="d1")
    findings = [Finding.from_dict({**f.to_dict(), "date": "2024-05-01"}) for f in findings]
    assert [f.actor.name for f in findings] == ["union", None, None]
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in findings), encoding="utf-8")
    return path


def test_track_counts_and_leaves_out_unresolved_holders(capsys, findings_file) -> None:
    assert main(["track", str(findings_file)]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert "2 with an unresolved actor or topic left out" in err
    assert "Its report" not in out and "union" in out


def test_export_counts_and_leaves_out_unresolved_holders(capsys, findings_file, tmp_path) -> None:
    target = tmp_path / "net.graphml"
    assert main(["export", str(findings_file), "--to", "graphml", "-o", str(target)]) == ExitCode.OK
    _, err = capsys.readouterr()
    assert "2 findings whose actor or topic is unresolved left out" in err
    assert "Its report" not in target.read_text(encoding="utf-8")


def test_report_counts_unresolved_holders_and_lists_them_in_the_table(capsys, findings_file, tmp_path) -> None:
    target = tmp_path / "report.html"
    assert main(["report", str(findings_file), "-o", str(target)]) == ExitCode.OK
    assert "2 with an unresolved actor or topic are in the table only" in capsys.readouterr().err
    page = target.read_text(encoding="utf-8")
    assert "Unresolved pronouns" in page or "unresolved" in page
    assert "Its report" in page  # in the findings table, with its mention


def test_the_table_output_marks_an_unresolved_holder(capsys, tmp_path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Its report supports the ban.\n", encoding="utf-8")
    assert main(["scan", str(source), "--format", "table"]) == ExitCode.OK
    assert "Its report (unresolved) [support]" in capsys.readouterr().out


def test_csv_output_leaves_an_unresolved_name_empty(capsys, tmp_path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Its report supports the ban.\n", encoding="utf-8")
    assert main(["scan", str(source), "--format", "csv", "--fields", "actor.text,actor.name,actor.via"]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "Its report,,unresolved"
