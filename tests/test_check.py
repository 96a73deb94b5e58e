"""`stancekit check`: every problem of a rule set at once, errors first, with a summary line,
the warnings that only `check` gives (slow patterns, rules without examples), --strict,
--format json, and the test files beside the rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit.cli import cli
from stancekit.exitcodes import ExitCode

SUMMARY_RE = re.compile(r"^(\d+) errors?, (\d+) warnings? in (\d+) files? \((\d+) rules?\)$")

CLEAN = """\
stancekit: 1
lexicons:
  back: [back, endorse]
rules:
  - id: t.back
    pattern: "{actor:ACTOR} @back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
    counter_examples:
      - "The plan has broad backing."
"""

#: One rule per warning kind that `check` adds, and the two kinds loading already gives.
WARNINGS = """\
stancekit: 1
lexicons:
  back: [back, endorse]
  spare: [spare, unused]
macros:
  GAP: "([word]{1,3} ','?){0,8}"
  UNUSED: "never"
  WIDE: "([word] | [punct] | [num] | [cap] | [upper] | @back){0,50}"
rules:
  - id: t.nested
    pattern: "{actor:ACTOR} ([word]+ ','){0,5} @back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
    counter_examples: ["The plan has broad backing."]

  - id: t.macro_gap
    pattern: "{actor:ACTOR} $GAP @back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
    counter_examples: ["The plan has broad backing."]

  - id: t.large
    pattern: "{actor:ACTOR} $WIDE $WIDE ([word] | [punct] | [num] | [cap] | [upper]){0,50} @back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
    counter_examples: ["The plan has broad backing."]

  - id: t.no_trigger
    pattern: "{actor:ACTOR} [word] {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
    counter_examples: ["the plan has broad backing."]

  - id: t.untested
    pattern: "{actor:ACTOR} endorse {topic:TOPIC}"
    polarity: support

  - id: t.no_counter
    pattern: "{actor:ACTOR} back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]

  - id: t.only_todo
    pattern: "{actor:ACTOR} ('backs' | 'backed') {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
        todo: "not yet"
    counter_examples: ["The plan has broad backing."]
"""

BROKEN = """\
stancekit: 1
rules:
  - id: t.broken
    pattern: "{actor:ACTOR} back) {topic:TOPIC}"
    polarity: support
  - id: t.bad_polarity
    pattern: "{actor:ACTOR} endorse {topic:TOPIC}"
    polarity: suport
  - id: t.fine_but_untested
    pattern: "{actor:ACTOR} praise {topic:TOPIC}"
    polarity: support
"""


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)], catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def summary(output: str) -> tuple[int, int, int, int]:
    match = SUMMARY_RE.match(output.strip().splitlines()[-1])
    assert match, output
    return tuple(int(g) for g in match.groups())


def codes(output: str) -> list[tuple[str, str]]:
    return re.findall(r"^\S+: (error|warning)\[([a-z-]+)\]", output, re.M)


def test_bundled_pack_has_no_errors():
    result = run()
    assert result.exit_code == ExitCode.OK, result.output
    assert "error[" not in result.output
    errors, warnings, files, rules = summary(result.output)
    assert errors == 0 and files >= 5 and rules >= 40
    assert len(codes(result.output)) == warnings


def test_clean_rules_pass_even_with_strict(tmp_path):
    rules = write(tmp_path, "mine.yaml", CLEAN)
    result = run(rules, "--strict")
    assert result.exit_code == ExitCode.OK, result.output
    assert result.output.strip() == "0 errors, 0 warnings in 1 file (1 rule)"


def test_every_warning_kind_with_location_and_hint(tmp_path):
    rules = write(tmp_path, "mine.yaml", WARNINGS)
    result = run(rules)
    assert result.exit_code == ExitCode.OK, result.output  # warnings alone do not fail
    found = codes(result.output)
    assert {severity for severity, _ in found} == {"warning"}
    kinds = [code for _, code in found]
    for kind in ("slow-nested-repeat", "slow-pattern", "no-trigger", "no-examples", "unused-lexicon", "unused-macro"):
        assert kind in kinds, (kind, result.output)
    assert summary(result.output) == (0, len(found), 1, 7)
    blocks = result.output.strip().split("\n\n")
    for block in blocks[:-1]:
        assert re.match(r"^\S*mine\.yaml:\d+:\d+: warning\[", block), block
        assert "\n  hint: " in block, block


def test_nested_repeats_are_reported_where_the_outer_repeat_is_written(tmp_path):
    rules = write(tmp_path, "mine.yaml", WARNINGS)
    data = json.loads(run(rules, "--format", "json").output)
    nested = [d for d in data if d["code"] == "slow-nested-repeat"]
    lines = WARNINGS.splitlines()
    where = {(d["line"], lines[d["line"] - 1][d["col"] - 1 :][:18]) for d in nested}
    assert where == {(6, "([word]{1,3} ','?)"), (11, "([word]+ ','){0,5}")}
    by_line = {d["line"]: d for d in nested}
    assert "macro $GAP" in by_line[6]["message"] and "8 x 3 = 24 copies" in by_line[6]["message"]
    assert "rule t.nested" in by_line[11]["message"] and "5 x 10 = 50 copies" in by_line[11]["message"]
    assert all(d["hint"] for d in nested)


def test_large_pattern_names_its_heaviest_parts(tmp_path):
    rules = write(tmp_path, "mine.yaml", WARNINGS)
    data = json.loads(run(rules, "--format", "json").output)
    (slow,) = [d for d in data if d["code"] == "slow-pattern"]
    assert "t.large" in slow["message"] and "more than 1000" in slow["message"]
    assert WARNINGS.splitlines()[slow["line"] - 1].strip().startswith('pattern: "{actor:ACTOR} $WIDE $WIDE')
    assert "$WIDE (" in slow["hint"] and "2 times" in slow["hint"]


def test_rules_without_examples_say_what_is_missing(tmp_path):
    rules = write(tmp_path, "mine.yaml", WARNINGS)
    data = json.loads(run(rules, "--format", "json").output)
    messages = sorted(d["message"] for d in data if d["code"] == "no-examples")
    assert messages == [
        "rule t.no_counter has no counter-examples (texts it must not match)",
        "rule t.only_todo has no examples (texts it must find a stance in); those marked todo do not count",
        "rule t.untested has no examples and no counter-examples",
    ]


def test_strict_fails_on_warnings(tmp_path):
    rules = write(tmp_path, "mine.yaml", WARNINGS)
    assert run(rules, "--strict").exit_code == ExitCode.RULE_ERROR


def test_errors_come_first_and_fail(tmp_path):
    rules = write(tmp_path, "mine.yaml", BROKEN)
    result = run(rules)
    assert result.exit_code == ExitCode.RULE_ERROR
    found = codes(result.output)
    severities = [s for s, _ in found]
    assert severities == sorted(severities)  # "error" sorts before "warning"
    assert ("error", "pattern-syntax") in found and ("error", "bad-polarity") in found
    assert ("warning", "no-examples") in found
    assert summary(result.output)[:3] == (2, len(found) - 2, 1)
    assert "   4 |     pattern:" in result.output and "^" in result.output


def test_json_lists_every_problem(tmp_path):
    rules = write(tmp_path, "mine.yaml", BROKEN)
    result = run(rules, "--format", "json")
    assert result.exit_code == ExitCode.RULE_ERROR
    data = json.loads(result.output)
    assert isinstance(data, list) and data
    for record in data:
        assert set(record) == {"severity", "code", "message", "file", "line", "col", "hint"}
        assert record["file"].endswith("mine.yaml") and record["line"] >= 1 and record["col"] >= 1
    assert [r["severity"] for r in data][:2] == ["error", "error"]
    assert data[0]["code"] == "pattern-syntax" and data[0]["line"] == 4


def test_missing_path_is_an_error(tmp_path):
    result = run(tmp_path / "nowhere.yaml")
    assert result.exit_code == ExitCode.RULE_ERROR
    assert "does not exist" in result.output


def test_imported_bundled_files_are_not_the_users_problem(tmp_path):
    rules = write(
        tmp_path,
        "mine.yaml",
        CLEAN.replace("stancekit: 1\n", 'stancekit: 1\nimports: ["stancekit:en/common.yaml"]\n').replace(
            "@back", "@back @adverbs?"
        ),
    )
    result = run(rules, "--strict")
    assert result.exit_code == ExitCode.OK, result.output
    assert "common.yaml" not in result.output


def test_test_files_beside_the_rules_are_checked(tmp_path):
    write(tmp_path, "mine.yaml", CLEAN)
    write(
        tmp_path,
        "mine.test.yaml",
        "stancekit: 1\ntests:\n  - text: Germany backs the plan.\n    expect: [{actor: Germany, rule: t.bak}]\n",
    )
    write(tmp_path, "news.test.txt", "# expect: actor=Germany; polarity=suport\nGermany backs the plan.\n")
    result = run(tmp_path)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert re.search(r"mine\.test\.yaml:4:37: error\[unknown-rule\]: no rule has the id 't\.bak'", result.output)
    assert "did you mean 't.back'?" in result.output
    assert re.search(r"news\.test\.txt:1:35: error\[bad-polarity\]", result.output)
    assert summary(result.output) == (2, 0, 3, 1)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_format_option(tmp_path, fmt):
    rules = write(tmp_path, "mine.yaml", CLEAN)
    result = run(rules, "--format", fmt)
    assert result.exit_code == ExitCode.OK
    if fmt == "json":
        assert json.loads(result.output) == []
    else:
        assert result.output.startswith("0 errors")
