"""Finding kinds: a rule says what it reads as the sign of a stance, and every output carries it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

import stancekit
from stancekit.cli import cli
from stancekit.findings import KINDS, Finding

PACK = """\
stancekit: 1
rules:
  - id: t.act.donate
    pattern: "{actor:ACTOR} donated to {topic:TOPIC}"
    polarity: support
    kind: act
    examples:
      - text: "The ferry company donated to the lifeboat appeal."
        expect: [{actor: ferry company, polarity: support, kind: act}]
  - id: t.verb.oppose
    pattern: "{actor:ACTOR} opposes {topic:TOPIC}"
    polarity: oppose
"""
TEXT = "Mira Osei donated to the harbour trust. The ferry union opposes the toll rise."


def _rules(tmp_path):
    path = tmp_path / "kinds.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_a_rule_of_a_kind_marks_its_findings_and_others_are_statements(tmp_path):
    findings = stancekit.scan_text(TEXT, stancekit.compile_rules([_rules(tmp_path)]))
    assert {(f.actor.name, f.kind) for f in findings} == {("Mira Osei", "act"), ("ferry union", "statement")}


def test_kind_is_in_the_jsonl_record_and_survives_reading_it_back(tmp_path):
    result = CliRunner().invoke(cli, ["scan", "-", "-r", str(_rules(tmp_path)), "--format", "jsonl", "-q"], input=TEXT)
    records = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(r["kind"] for r in records) == ["act", "statement"]
    assert sorted(Finding.from_dict(r).kind for r in records) == ["act", "statement"]


def test_kind_is_a_csv_column_and_a_selectable_field(tmp_path):
    rules = str(_rules(tmp_path))
    result = CliRunner().invoke(cli, ["scan", "-", "-r", rules, "--format", "csv", "-q"], input=TEXT)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(r["kind"] for r in rows) == ["act", "statement"]
    picked = CliRunner().invoke(cli, ["scan", "-", "-r", rules, "--fields", "actor.name,kind", "-q"], input=TEXT)
    assert "Mira Osei" in picked.output and "act" in picked.output


def test_the_table_shows_a_kind_beside_the_polarity_unless_it_is_a_statement(tmp_path):
    result = CliRunner().invoke(cli, ["scan", "-", "-r", str(_rules(tmp_path)), "-q"], input=TEXT)
    assert "Mira Osei [support, act]" in result.output
    assert "ferry union [oppose]" in result.output


def test_a_misspelt_kind_is_a_located_error_naming_the_kinds(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(PACK.replace("kind: act", "kind: acts"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 3
    assert "bad.yaml:6:11: error[bad-kind]" in result.output + (result.stderr or "")
    assert "did you mean 'act'?" in result.output + (result.stderr or "")


def test_the_finding_record_documents_every_kind():
    documented = (Path(__file__).resolve().parent.parent / "docs" / "scanning.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"`{kind}`" in documented, kind


def _test_folder(tmp_path, expectations: str):
    folder = tmp_path / "pack"
    folder.mkdir(parents=True)
    (folder / "kinds.yaml").write_text(PACK, encoding="utf-8")
    (folder / "kinds.test.txt").write_text(expectations, encoding="utf-8")
    return folder


def test_a_test_can_expect_a_kind_and_fails_on_another(tmp_path):
    right = "# expect: actor=Mira Osei; polarity=support; kind=act\nMira Osei donated to the harbour trust.\n"
    wrong = "# expect: actor=Mira Osei; polarity=support; kind=poll\nMira Osei donated to the harbour trust.\n"
    passed = CliRunner().invoke(cli, ["test", str(_test_folder(tmp_path / "a", right))])
    failed = CliRunner().invoke(cli, ["test", str(_test_folder(tmp_path / "b", wrong))])
    assert passed.exit_code == 0, passed.output
    assert failed.exit_code == 1 and "missing  Mira Osei [support, poll]" in failed.output


def test_a_misspelt_expected_kind_is_a_located_error(tmp_path):
    folder = _test_folder(tmp_path, "# expect: actor=Mira Osei; kind=acts\nMira Osei donated to the harbour trust.\n")
    result = CliRunner().invoke(cli, ["test", str(folder)])
    assert result.exit_code == 3
    assert "kinds.test.txt:1:" in result.output and "error[bad-kind]" in result.output
    assert "did you mean 'act'?" in result.output
