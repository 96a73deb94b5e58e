"""`stancekit test`: rule examples and test files, todo and fixed tests, the failure report
(expected against got, and how far the rules got), the summary line, exit codes, JSON,
JUnit XML, coverage, and the bundled pack itself (as it is, and with a lexicon broken)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit.cli import cli
from stancekit.dsl.loader import load_rules
from stancekit.dsl.model import ExpectedFinding
from stancekit.exitcodes import ExitCode
from stancekit.resources import bundled_rules_dir
from stancekit.testing.examples import assign
from stancekit.testing.testfiles import Expectation, find_test_files, read_test_file

SUMMARY_RE = re.compile(r"^(\d+) passed, (\d+) failed$")
TALLY_RE = re.compile(r"^(?:(\d+) todo)?(?:, )?(?:(\d+) fixed)?$")

RULES = """\
stancekit: 1
lexicons:
  back: [back, endorse]
  slam: [slam, attack]
macros:
  NEG: "(do (not | n't) | never)?"
rules:
  - id: t.back
    pattern: "{actor:ACTOR} $NEG @back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the new sanctions package."
        expect: [{actor: Germany, topic: the new sanctions package, polarity: support}]
      - text: "The union does not endorse the budget."
        expect: [{actor: The union, topic: the budget, polarity: oppose, negated: true}]
    counter_examples:
      - "The plan has broad backing."

  - id: t.slam
    pattern: "{actor:ACTOR} @slam {topic:TOPIC}"
    polarity: oppose
    examples:
      - text: "Farmers slammed the fuel tax."
        expect: [{actor: Farmers, topic: the fuel tax, polarity: oppose}]
    counter_examples:
      - "The slam poetry night was a success."
"""


def run(*args):
    return CliRunner().invoke(cli, ["test", *map(str, args)], catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """The number of the first line of `text` holding `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def last_line(output: str) -> str:
    return output.rstrip("\n").splitlines()[-1]


def last_lines(output: str, n: int) -> list[str]:
    return output.rstrip("\n").splitlines()[-n:]


def test_a_run_that_compiles_the_rules_reads_each_rule_file_once(tmp_path, monkeypatch):
    from stancekit.dsl import loader

    rules = write(tmp_path, "rules.yaml", RULES)
    read: list[str] = []
    real = loader._Loader.add_file

    def counted(self, path, root):
        read.append(Path(path).name)
        return real(self, path, root)

    monkeypatch.setattr(loader._Loader, "add_file", counted)
    result = run(rules, "--no-cache")
    assert result.exit_code == ExitCode.OK, result.output
    assert last_line(result.output).startswith("5 passed")
    assert read.count("rules.yaml") == 1  # not once for the examples and again to compile


def test_running_the_examples_makes_the_cycle_collector_pass_less_often(tmp_path):
    """Every example is a scan with the rules and the tagger's weights kept throughout: as in
    `stancekit scan`, the collector's full passes over them are made rarely."""
    import gc

    from stancekit.gcpause import SCANNING_THRESHOLDS

    rules = write(tmp_path, "rules.yaml", RULES)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert last_line(run(rules).output).startswith("5 passed")
        assert gc.get_threshold() == SCANNING_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def counts(output: str) -> tuple[int, int, int, int]:
    """(passed, failed, todo, fixed) from the last two lines of a report."""
    tally, summary = last_lines(output, 2)
    match = SUMMARY_RE.match(summary)
    assert match, output
    passed, failed = (int(g) for g in match.groups())
    marks = TALLY_RE.match(tally)
    todo, fixed = (int(g or 0) for g in marks.groups()) if marks and tally else (0, 0)
    return passed, failed, todo, fixed


@pytest.fixture
def rules(tmp_path) -> Path:
    write(tmp_path, "mine.yaml", RULES)
    return tmp_path


# -- the bundled pack ----------------------------------------------------------------------


def test_bundled_pack_passes_and_runs_its_test_files(tmp_path):
    report = tmp_path / "junit.xml"
    result = run("rules/", "--junit-xml", report)
    assert result.exit_code == ExitCode.OK, result.output
    passed, failed, todo, fixed = counts(result.output)
    assert passed >= 150 and failed == 0 and fixed == 0
    assert re.match(r"^\d+ passed, 0 failed", last_line(result.output))
    root = ET.parse(report).getroot()
    assert int(root.get("tests")) == passed + todo and int(root.get("skipped")) == todo
    classes = {case.get("classname") for case in root.iter("testcase")}
    assert {"rules/en/headlines.test.yaml", "rules/en/quotes.test.txt", "en.verb.oppose"} <= classes


def test_a_broken_lexicon_fails_naming_the_rule_and_the_example(tmp_path):
    pack = tmp_path / "en"
    shutil.copytree(bundled_rules_dir(), pack)
    source = pack / "oppose_verbs.yaml"
    text = source.read_text(encoding="utf-8")
    assert "  oppose: [oppose, " in text
    source.write_text(text.replace("  oppose: [oppose, ", "  oppose: [", 1), encoding="utf-8")
    example = next(r for r in load_rules([pack]).rules if r.id == "en.verb.oppose").examples[0]

    result = run(pack)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    passed, failed, _, _ = counts(result.output)
    assert failed >= 1 and passed > 100
    block = result.output.split(f"FAILED en.verb.oppose: example at {pack / 'oppose_verbs.yaml'}:", 1)[1]
    block = block.split("\n\n", 1)[0]
    assert f"text: {example.text}" in block
    assert "missing " in block and "got from en.verb.oppose: nothing" in block
    assert "how far the rule got:" in block
    assert re.search(r"then stopped at “oppos\w+”, which does not match `@oppose`", block), block


# -- rule examples -------------------------------------------------------------------------


def test_examples_pass(rules):
    result = run(rules)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.output == "5 passed, 0 failed\n"


def test_failing_example_shows_expected_got_and_how_far_the_rule_got(tmp_path):
    write(tmp_path, "mine.yaml", RULES.replace("slam: [slam, attack]", "slam: [attack]"))
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert last_line(result.output) == "4 passed, 1 failed"
    line = line_of(RULES, "Farmers slammed the fuel tax.")
    assert result.output.startswith(f"FAILED t.slam: example at {tmp_path / 'mine.yaml'}:{line}\n")
    assert (
        "  text: Farmers slammed the fuel tax.\n"
        "  expected:\n"
        "    missing  Farmers [oppose] the fuel tax\n"
        "  got from t.slam: nothing\n"
        "  how far the rule got:\n"
        "    t.slam: {actor:ACTOR} @slam {topic:TOPIC}\n"
        "      matched “Farmers” (as far as `{actor:ACTOR}`), then stopped at “slammed”, which does not match `@slam`\n"
    ) in result.output


def test_wrong_polarity_shows_both_findings(tmp_path):
    write(tmp_path, "mine.yaml", RULES.replace("polarity: oppose, negated: true", "polarity: support"))
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert "    missing  The union [support] the budget\n" in result.output
    assert "  got from t.back:\n    extra    The union [oppose, negated] the budget\n" in result.output


def test_failing_counter_example_names_the_finding(tmp_path):
    write(tmp_path, "mine.yaml", RULES.replace('"The slam poetry night was a success."', '"Critics slam the film."'))
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    line = line_of(RULES, "The slam poetry night")
    assert f"FAILED t.slam: counter-example at {tmp_path / 'mine.yaml'}:{line}\n" in result.output
    assert "  expected: no finding from t.slam\n  got from t.slam:\n    extra    Critics [oppose] the film\n" in (
        result.output
    )


def test_another_rules_finding_is_shown_but_not_judged(tmp_path):
    text = RULES.replace(
        "        expect: [{actor: Farmers, topic: the fuel tax, polarity: oppose}]",
        "        expect: [{actor: Farmers, topic: the fuel tax, polarity: oppose}]\n"
        '      - text: "Farmers slammed the fuel tax, but the union backs the plan."\n'
        "        expect: [{actor: Farmers, topic: the new fuel tax, polarity: oppose}]",
    )
    write(tmp_path, "mine.yaml", text)
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert "    extra    Farmers [oppose] the fuel tax\n" in result.output
    assert "got from other rules (not judged here):\n             the union [support] the plan  (rule t.back)\n" in (
        result.output
    )


def test_todo_and_fixed(tmp_path):
    text = RULES.replace(
        '      - "The slam poetry night was a success."',
        '      - "The slam poetry night was a success."\n'
        '      - text: "Fans slam the referee."\n'
        '        todo: "sports pages are not politics"\n',
    )
    write(tmp_path, "mine.yaml", text)
    result = run(tmp_path)
    assert result.exit_code == ExitCode.OK, result.output  # a failing todo does not fail the run
    assert last_lines(result.output, 2) == ["1 todo", "5 passed, 0 failed"]
    line = line_of(text, "Fans slam the referee.")
    assert f"TODO t.slam: counter-example at {tmp_path / 'mine.yaml'}:{line} (sports pages are not politics)" in (
        result.output
    )

    fixed = text.replace('"Fans slam the referee."', '"Fans cheered the referee."')
    write(tmp_path, "mine.yaml", fixed)
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER  # the mark must go
    assert last_lines(result.output, 2) == ["1 fixed", "5 passed, 1 failed"]
    assert "FIXED t.slam: counter-example at" in result.output
    assert "remove the todo mark" in result.output


def test_all_four_states_in_one_summary(tmp_path):
    text = RULES.replace("slam: [slam, attack]", "slam: [attack]").replace(
        '      - "The slam poetry night was a success."',
        '      - "The slam poetry night was a success."\n'
        '      - text: "Fans attack the referee."\n'
        '        todo: "sports"\n'
        '      - text: "Fans cheer the referee."\n'
        '        todo: "sports"\n',
    )
    write(tmp_path, "mine.yaml", text)
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert last_lines(result.output, 2) == ["1 todo, 1 fixed", "4 passed, 2 failed"]


# -- test files ----------------------------------------------------------------------------

YAML_TESTS = """\
stancekit: 1
tests:
  - text: "Germany backs the plan, but France slams the fuel tax."
    expect:
      - {actor: Germany, polarity: support, topic: the plan}
      - {polarity: oppose, topic: the fuel tax, rule: t.slam}
  - text: "The weather was mild."
    expect: []
  - text: "Germany backs the plan."
    expect: [{actor: France}]
    todo: "France is not in the sentence"
"""

TEXT_TESTS = """\
# Reported stances, one a line.
# expect: actor=Germany; polarity=support; topic=the plan
Germany backs the plan.

A line of prose with no expectations is not a test, even if it backs the plan.
# expect: none
The weather was mild.
# todo: polarity of "never" is not checked here
# expect: actor=Farmers; polarity=support
Farmers never backed the tax.
# expect: actor="The council"; negated=false; rule=t.slam
The council slams the fuel tax.
"""


def test_yaml_and_annotated_text_files_run_beside_the_rules(rules):
    write(rules, "mine.test.yaml", YAML_TESTS)
    write(rules, "news.test.txt", TEXT_TESTS)
    result = run(rules)
    assert result.exit_code == ExitCode.OK, result.output
    assert last_lines(result.output, 2) == ["2 todo", "10 passed, 0 failed"]
    assert "TODO test at " in result.output and "mine.test.yaml:9 (France is not in the sentence)" in result.output
    assert 'news.test.txt:10 (polarity of "never" is not checked here)' in result.output


def test_a_test_file_lists_every_finding(rules):
    write(
        rules,
        "mine.test.yaml",
        "stancekit: 1\ntests:\n  - text: Germany backs the plan, but France slams the fuel tax.\n"
        "    expect: [{actor: Germany, polarity: support}]\n"
        "  - text: The mayor slams the plan.\n    expect: []\n",
    )
    result = run(rules)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert last_line(result.output) == "5 passed, 2 failed"
    assert re.search(r"FAILED test at \S*mine\.test\.yaml:3\n", result.output)
    assert "  expected:\n    found    Germany [support] any topic\n" in result.output
    assert "    found    Germany [support] the plan  (rule t.back)\n" in result.output
    assert "    extra    France [oppose] the fuel tax  (rule t.slam)\n" in result.output
    assert "  expected: no finding\n  got:\n    extra    The mayor [oppose] the plan  (rule t.slam)\n" in result.output


def test_a_failure_names_the_topic_as_its_dictionary_does(rules):
    write(
        rules,
        "topics.yaml",
        "stancekit: 1\ntopics:\n  - id: fuel_duty\n    name: Fuel duty\n    aliases: [fuel tax, levy on diesel]\n",
    )
    write(
        rules,
        "mine.test.yaml",
        "stancekit: 1\ntests:\n  - text: Farmers slam the levy on diesel.\n"
        "    expect: [{actor: Farmers, polarity: support, topic: Fuel duty}]\n",
    )
    result = run(rules, "--json")
    failed = [t for t in json.loads(result.output)["tests"] if t["status"] == "failed"]
    assert [f["topic_name"] for t in failed for f in t["got"]] == ["Fuel duty"]
    result = run(rules)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert "    missing  Farmers [support] Fuel duty\n" in result.output
    assert "    extra    Farmers [oppose] the levy on diesel (= Fuel duty)  (rule t.slam)\n" in result.output


def test_a_missed_finding_in_a_test_file_shows_the_rules_whose_words_are_there(rules):
    write(
        rules,
        "news.test.txt",
        "# expect: actor=ministers; polarity=oppose\nThe attack on the levy was condemned by ministers.\n"
        "# expect: actor=Ministers\nMinisters will consider the levy.\n",
    )
    result = run(rules)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    first, second = result.output.split("\n\n")[:2]
    assert "how far the rules whose words are in the text got, closest first:" in first
    assert "  t.slam: {actor:ACTOR} @slam {topic:TOPIC}\n" in first
    assert (
        "    matched “ministers” (as far as `{actor:ACTOR}`), then the sentence ended where `@slam` was needed" in first
    )
    assert "t.back" not in first
    assert "how far the rules got: no rule's trigger words appear in the text" in second


def test_rule_named_in_an_expectation_is_the_one_traced(rules):
    write(
        rules,
        "mine.test.yaml",
        "tests:\n  - text: Ministers slam the levy.\n    expect: [{actor: Ministers, rule: t.back}]\n",
    )
    result = run(rules)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert "    missing  Ministers [any polarity] any topic  (rule t.back)\n" in result.output
    assert "  t.back: {actor:ACTOR} $NEG @back {topic:TOPIC}\n" in result.output
    assert "t.slam: {actor" not in result.output
    assert "then stopped at “slam”, which does not match `@back`" in result.output


def test_a_test_file_named_alone_runs_against_the_rules_of_its_folder(rules):
    write(rules, "mine.test.yaml", YAML_TESTS)
    write(rules, "news.test.txt", TEXT_TESTS)
    result = run(rules / "news.test.txt")
    assert result.exit_code == ExitCode.OK, result.output
    assert last_lines(result.output, 2) == ["1 todo", "8 passed, 0 failed"]  # 5 examples and this file's 4 tests


def test_a_rule_file_brings_its_own_test_files(rules):
    write(rules, "mine.test.yaml", YAML_TESTS)
    write(rules, "other.test.txt", TEXT_TESTS)
    result = run(rules / "mine.yaml")
    assert last_lines(result.output, 2) == ["1 todo", "7 passed, 0 failed"]  # 5 examples and mine.test.yaml's 3


def test_find_test_files_skips_hidden_folders(tmp_path):
    write(tmp_path, "a.test.yaml", "tests: []\n")
    (tmp_path / ".cache").mkdir()
    write(tmp_path / ".cache", "b.test.yaml", "tests: []\n")
    write(tmp_path, "c.yaml", "rules: []\n")
    assert [p.name for p in find_test_files([tmp_path])] == ["a.test.yaml"]


MALFORMED = {
    "bad.test.yaml": (
        "stancekit: 1\ntests:\n  - text: Germany backs the plan.\n    expect: [{actor: Germany, polarty: support}]\n"
        "  - text: No expect here.\n  - text: x\n    expect: {actor: X}\n",
        [
            r"bad\.test\.yaml:4:31: error\[unknown-key\]: unknown expected-finding key 'polarty'",
            r"hint: did you mean 'polarity'\?",
            r"bad\.test\.yaml:5:5: error\[missing-key\]: test has no 'expect'",
            r"bad\.test\.yaml:7:13: error\[wrong-type\]: 'expect' must be a list of findings",
        ],
    ),
    "syntax.test.yaml": (
        "tests:\n  - text: Germany: backs the plan\n    expect: []\n",
        [r"syntax\.test\.yaml:2:\d+: error\[yaml-syntax\]"],
    ),
    "bad.test.txt": (
        "# expect: actor=Germany; polarity=support topic=the plan\nGermany backs the plan.\n"
        "# expcet: actor=Germany\nGermany backs the plan.\n"
        "# expect: colour=blue; negated=maybe\nGermany backs the plan.\n"
        "# todo: because\nNot expected.\n"
        "# expect: none\n# expect: actor=X\nText.\n"
        "# expect: polarity=oppose\n",
        [
            r"bad\.test\.txt:1:43: error\[expect-syntax\]: a ';' is missing before 'topic='",
            r"bad\.test\.txt:3:3: error\[unknown-annotation\]: '# expcet:' is not an annotation",
            r"bad\.test\.txt:5:11: error\[unknown-key\]: unknown expected-finding key 'colour'",
            r"bad\.test\.txt:5:32: error\[wrong-type\]: 'negated' must be true or false, not 'maybe'",
            r"bad\.test\.txt:7:3: error\[todo-without-expect\]",
            r"bad\.test\.txt:9:3: error\[expect-none\]",
            r"bad\.test\.txt:12:3: error\[expect-without-text\]: no line of text follows this annotation",
        ],
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_test_files_are_reported_like_rule_files_and_nothing_runs(rules, name):
    text, messages = MALFORMED[name]
    write(rules, name, text)
    result = run(rules)
    assert result.exit_code == ExitCode.RULE_ERROR
    for message in messages:
        assert re.search(message, result.output), (message, result.output)
    assert re.search(r"^\d+ errors? in rules and test files: no test was run$", last_line(result.output))
    assert " passed, " not in result.output


def test_unknown_rule_id_in_a_test_file(rules):
    write(rules, "mine.test.yaml", "tests:\n  - text: x\n    expect: [{rule: t.bak}]\n")
    result = run(rules)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert "mine.test.yaml:3:21: error[unknown-rule]: no rule has the id 't.bak'" in result.output
    assert "did you mean 't.back'?" in result.output


def test_broken_rules_exit_with_rule_error(tmp_path):
    write(tmp_path, "mine.yaml", RULES.replace("@slam {topic:TOPIC}", "@slam) {topic:TOPIC}"))
    result = run(tmp_path)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert "error[pattern-syntax]" in result.output


def test_how_far_a_rule_got_stays_within_its_top_level_alternative(tmp_path):
    write(
        tmp_path,
        "alt.yaml",
        "rules:\n  - id: a.alt\n"
        "    pattern: \"{actor:ACTOR} 'firmly'? 'backs' {topic:TOPIC} | {topic:TOPIC} 'backed' 'by' {actor:ACTOR}\"\n"
        "    polarity: support\n"
        "    examples:\n      - text: Germany strongly backs the plan.\n        expect: [{actor: Germany}]\n",
    )
    result = run(tmp_path)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert (
        "matched “Germany” (as far as `{actor:ACTOR}`), then stopped at “strongly”, which does not match `'backs'`"
        in (result.output)
    )


def test_reading_test_files():
    cases, problems = read_test_file(bundled_rules_dir() / "quotes.test.txt")
    assert not problems and len(cases) >= 5
    first = cases[0]
    assert first.text.startswith('"I have never backed the tunnel project,"')
    assert first.expect == (
        ExpectedFinding(actor="I", topic="the tunnel project", polarity="oppose", negated=True, quoted=True),
    )
    cases, problems = read_test_file(bundled_rules_dir() / "headlines.test.yaml")
    assert not problems and any(c.expect == () for c in cases) and any(c.todo for c in cases)


def test_an_example_and_a_test_read_their_expect_block_into_one_type(tmp_path):
    expect = "expect: [{actor: The council, topic: the bypass, polarity: oppose, negated: true}]"
    rules = write(
        tmp_path,
        "council.yaml",
        "rules:\n  - id: c.back\n    pattern: \"{actor:ACTOR} 'backs' {topic:TOPIC}\"\n    polarity: support\n"
        f"    examples:\n      - text: The council no longer backs the bypass.\n        {expect}\n",
    )
    tests = write(
        tmp_path, "council.test.yaml", f"tests:\n  - text: The council no longer backs the bypass.\n    {expect}\n"
    )
    [rule] = load_rules([rules]).rules
    cases, problems = read_test_file(tests)
    assert not problems
    assert rule.examples[0].expect == cases[0].expect
    assert type(rule.examples[0].expect[0]) is type(cases[0].expect[0]) is ExpectedFinding
    assert Expectation is ExpectedFinding  # the name test files used, still importable


def test_expectations_are_paired_as_a_whole():
    from types import SimpleNamespace as NS

    def finding(actor, polarity):
        return NS(
            actor=NS(text=actor, name=actor),
            topic=NS(text="the plan", name="the plan"),
            polarity=polarity,
            negated=False,
            hedged=False,
            quoted=False,
            rule=NS(id="r"),
        )

    loose, precise = ExpectedFinding(polarity="support"), ExpectedFinding(actor="Germany", polarity="support")
    pairs, missing, extra = assign([loose, precise], [finding("Germany", "support"), finding("France", "support")])
    assert pairs == {0: 1, 1: 0} and missing == [] and extra == []


# -- reports -------------------------------------------------------------------------------


def test_json_summary(rules):
    write(rules, "mine.test.yaml", YAML_TESTS)
    write(rules, "mine.yaml", RULES.replace("slam: [slam, attack]", "slam: [attack]"))
    result = run(rules, "--json")
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    data = json.loads(result.output)
    assert {k: data[k] for k in ("passed", "failed", "todo", "fixed", "total", "ok")} == {
        "passed": 5,
        "failed": 2,
        "todo": 1,
        "fixed": 0,
        "total": 8,
        "ok": False,
    }
    assert data["summary"] == "5 passed, 2 failed"
    failed = [t for t in data["tests"] if t["status"] == "failed"]
    assert {t["kind"] for t in failed} == {"example", "test"}
    example = next(t for t in failed if t["kind"] == "example")
    assert example["rule"] == example["classname"] == "t.slam"
    assert example["line"] == line_of(RULES, "Farmers slammed the fuel tax.")
    assert example["missing"] == [{"actor": "Farmers", "topic": "the fuel tax", "polarity": "oppose"}]
    assert example["got"] == [] and example["progress"][0]["rule"] == "t.slam"
    assert "does not match `@slam`" in example["message"]
    statuses = {t["status"] for t in data["tests"]}
    assert statuses == {"passed", "failed", "todo"}


def test_junit_xml(rules, tmp_path):
    write(rules, "mine.test.yaml", YAML_TESTS)
    write(rules, "mine.yaml", RULES.replace("slam: [slam, attack]", "slam: [attack]"))
    report = tmp_path / "out" / "junit.xml"
    result = run(rules, "--junit-xml", report)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    assert last_lines(result.output, 2) == ["1 todo", "5 passed, 2 failed"]  # the text report is still printed
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("8", "2", "1", "0")
    cases = list(root.iter("testcase"))
    assert len(cases) == 8
    assert {c.get("classname") for c in cases} == {"t.back", "t.slam", str(rules / "mine.test.yaml")}
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == 2
    slam = next(c for c in failures if c.get("classname") == "t.slam")
    assert "missing  Farmers [oppose] the fuel tax" in slam.find("failure").text
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert [s.find("skipped").get("message") for s in skipped] == ["todo: France is not in the sentence"]
    assert not list(report.parent.glob(".*.tmp"))


def test_junit_xml_holds_texts_with_control_characters(rules, tmp_path):
    write(rules, "mine.test.yaml", 'tests:\n  - text: "Germany backs\\x07 the plan."\n    expect: [{actor: France}]\n')
    report = tmp_path / "junit.xml"
    result = run(rules, "--junit-xml", report)
    assert result.exit_code == ExitCode.FINDINGS_DIFFER
    (failure,) = ET.parse(report).getroot().iter("failure")
    assert "Germany backs\ufffd the plan." in failure.text


def test_junit_xml_that_cannot_be_written(rules, tmp_path):
    target = tmp_path / "folder"
    target.mkdir()
    result = run(rules, "--junit-xml", target)
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "cannot write" in result.output


# -- coverage ------------------------------------------------------------------------------

COVERAGE_RULES = """\
stancekit: 1
rules:
  - id: c.back
    pattern: "{actor:ACTOR} back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "Germany backs the plan."
        expect: [{actor: Germany, topic: the plan, polarity: support}]
  - id: c.back_again
    description: "reads the same words as c.back, which comes first and wins every time"
    pattern: "{actor:ACTOR} back {topic:TOPIC}"
    polarity: support
    examples:
      - text: "France backs the treaty."
        expect: []
  - id: c.untested
    pattern: "{actor:ACTOR} endorse {topic:TOPIC}"
    polarity: support
  - id: c.veto
    pattern: "{actor:ACTOR} veto {topic:TOPIC}"
    polarity: oppose
    examples:
      - text: "The senator vetoes the bill."
        expect: [{actor: The senator, topic: the bill, polarity: oppose}]
"""


def test_coverage_on_examples_and_corpus(tmp_path):
    rules = write(tmp_path, "cov.yaml", COVERAGE_RULES)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", "Poland backs the pipeline. The mayor endorses the budget.\n")
    write(corpus, "b.txt", "Nothing to see here.\n")
    result = run(rules, "--coverage", "--corpus", corpus)
    assert result.exit_code == ExitCode.OK, result.output
    assert last_line(result.output) == "3 passed, 0 failed"
    section = result.output.split("coverage of 4 rules:\n", 1)[1]
    assert "  without examples (2): c.back_again, c.untested\n" in section
    assert "  never fire on their examples: none\n" in section
    assert "  never fire on the corpus (2 documents) (2): c.back_again, c.veto\n" in section
    assert "  shadowed on the corpus (1):\n    c.back_again: matched once, always lost to c.back (1x)\n" in section

    data = json.loads(run(rules, "--coverage", "--corpus", corpus, "--json").output)["coverage"]
    assert data["shadowed_on_corpus"] == [{"rule": "c.back_again", "matched": 1, "shadowed_by": {"c.back": 1}}]
    assert data["findings_on_corpus"] == {"c.back": 1, "c.back_again": 0, "c.untested": 1, "c.veto": 0}


COVERAGE_DICTIONARY = """\
stancekit: 1
actors:
  - {id: harbour_union, name: Harbour Workers Union, type: organisation, aliases: [Harbour Workers Union]}
  - {id: ferry_board, name: Ferry Board, type: body, aliases: [Ferry Board]}
topics:
  - id: night_ferry
    name: The night ferry should be kept
    agreement: agree
    aliases: [night ferry]
  - id: night_ferry_against
    name: statements against the night ferry
    concept: night_ferry
    agreement: disagree
    patterns: ["/ferry losses?/"]
  - id: port_levy
    name: The port levy should be scrapped
    agreement: disagree
    aliases: [port levy]
  - {id: harbour_wall, name: harbour wall, aliases: [harbour wall]}
"""


def test_coverage_names_the_concepts_and_dictionary_entries_that_never_fire_on_the_corpus(tmp_path):
    write(tmp_path, "cov.yaml", COVERAGE_RULES)
    write(tmp_path, "dictionary.yaml", COVERAGE_DICTIONARY)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(
        corpus,
        "a.txt",
        "The Harbour Workers Union backs the night ferry.\nThe mayor backs the mounting ferry losses.\n",
    )
    result = run(tmp_path, "--coverage", "--corpus", corpus)
    section = result.output.split("coverage of 4 rules:\n", 1)[1]
    assert "  concepts no finding on the corpus states (1): port_levy\n" in section
    assert "  topic entries that never fire on the corpus (2): port_levy, harbour_wall\n" in section
    assert "  actor entries that never fire on the corpus (1): ferry_board\n" in section

    data = json.loads(run(tmp_path, "--coverage", "--corpus", corpus, "--json").output)["coverage"]
    assert data["concepts_never_stated_on_corpus"] == ["port_levy"]
    assert data["topic_entries_never_fire_on_corpus"] == ["port_levy", "harbour_wall"]
    assert data["actor_entries_never_fire_on_corpus"] == ["ferry_board"]


def test_coverage_without_a_corpus_says_nothing_of_dictionary_entries(tmp_path):
    write(tmp_path, "cov.yaml", COVERAGE_RULES)
    write(tmp_path, "dictionary.yaml", COVERAGE_DICTIONARY)
    result = run(tmp_path, "--coverage")
    assert "entries" not in result.output and "concepts" not in result.output


def test_coverage_finds_rules_that_never_fire_on_their_examples(tmp_path):
    rules = write(
        tmp_path,
        "cov.yaml",
        COVERAGE_RULES.replace("        expect: []\n", "        expect: [{actor: France}]\n"),
    )
    result = run(rules, "--coverage")
    assert result.exit_code == ExitCode.FINDINGS_DIFFER  # its example fails; coverage is reported all the same
    assert last_line(result.output) == "2 passed, 1 failed"
    assert "  without examples (1): c.untested\n" in result.output
    assert "  never fire on their examples (1): c.back_again\n" in result.output
    assert "  shadowed on their examples (1):\n    c.back_again: matched once, always lost to c.back (1x)\n" in (
        result.output
    )
    assert "corpus" not in result.output


def test_corpus_needs_coverage_and_must_exist(tmp_path):
    rules = write(tmp_path, "cov.yaml", COVERAGE_RULES)
    assert run(rules, "--corpus", tmp_path).exit_code == ExitCode.USAGE
    result = run(rules, "--coverage", "--corpus", tmp_path / "missing")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "no such file or folder" in result.output


# -- speed ---------------------------------------------------------------------------------


NAMES = [
    "Germany",
    "France",
    "The union",
    "Local farmers",
    "The mayor",
    "Residents",
    "Poland",
    "Ana Ruiz",
    "Tom Hale",
    "Voters",
]
TOPICS = [
    "the plan",
    "the new tax",
    "the merger",
    "the budget",
    "the treaty",
    "the strike",
    "the levy",
    "the bill",
    "the ban",
    "the deal",
]


def test_a_thousand_examples_all_run(tmp_path):
    # how long they take is measured by benchmarks/compare.py, not here
    verbs = ["backs", "supports", "endorses", "welcomes", "praises", "opposes", "rejects", "condemns", "slams", "mocks"]
    lines = ["stancekit: 1", "rules:"]
    for i, verb in enumerate(verbs):
        polarity = "support" if i < 5 else "oppose"
        lines += [
            f"  - id: s.{i}",
            f"    pattern: \"{{actor:ACTOR}} '{verb}' {{topic:TOPIC}}\"",
            f"    polarity: {polarity}",
        ]
        lines.append("    examples:")
        for j in range(100):
            actor, topic = NAMES[j % 10], TOPICS[j // 10]
            lines.append(f'      - text: "{actor} {verb} {topic}."')
            lines.append(f"        expect: [{{actor: {actor}, topic: {topic}, polarity: {polarity}}}]")
    rules = write(tmp_path, "many.yaml", "\n".join(lines) + "\n")
    result = run(rules)
    assert result.output == "1000 passed, 0 failed\n"
