"""The pytest plugin (`pytest rules/` runs the examples of rule files) and the pre-commit hooks
that run `stancekit check` and `stancekit test` in a repository of rule files."""

from __future__ import annotations

import os
import re
from importlib.metadata import entry_points
from pathlib import Path

import click
import lemminflect  # noqa: F401 - see below
import pytest
import yaml

from stancekit.cli import cli, main

pytest_plugins = ["pytester"]
# pytester's in-process runs forget the modules imported during the run; numpy (under
# lemminflect, which compiling rules needs) cannot be imported twice in one process, so it is
# imported here, before any run.

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "stancekit.testing.pytest_plugin"


def plugin_args() -> tuple[str, ...]:
    """How an inner pytest run gets the plugin: where stancekit is installed with its entry
    point, pytest loads it by itself (and naming it again with -p would register it twice);
    elsewhere (an editable install from before the entry point) it is named with -p."""
    # Hypothesis's plugin imports hypothesis at the end of every run, and an in-process run
    # forgets it again: a second and more per run, for a plugin these runs do not use.
    quiet = ("-p", "no:hypothesispytest")
    installed = any(ep.value == PLUGIN for ep in entry_points(group="pytest11"))
    if installed and not os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return quiet
    return (*quiet, "-p", PLUGIN)


CHEER = """\
stancekit: 1
imports: [words.yaml]
rules:
  - id: t.cheer
    pattern: "{actor:ACTOR} @cheer {topic:TOPIC}"
    polarity: support
    examples:
      - text: "The council applauds the new park."
        expect: [{actor: The council, topic: the new park, polarity: support}]
      - text: "Residents cheer the late opening hours."
        expect: [{actor: Residents, topic: the late opening hours}]
      - text: "The crowd was loud."
        expect: []
    counter_examples:
      - "Cheers rang out across the square."
      - text: "Fans applaud the players."
        todo: "applauding players is not a stance"
"""
WORDS = """\
stancekit: 1
lexicons:
  cheer: [cheer, applaud]
  boo: [boo, jeer]
"""
BOO = """\
stancekit: 1
imports: [words.yaml]
rules:
  - id: t.boo
    pattern: "{actor:ACTOR} @boo {topic:TOPIC}"
    polarity: oppose
    examples:
      - text: "Farmers boo the new levy."
        expect: [{actor: Farmers, topic: the new levy, polarity: oppose}]
      - text: "Farmers jeer the minister's plan."
        expect: [{actor: Farmers, topic: the minister's plan, polarity: support}]
"""


@pytest.fixture
def rules(pytester: pytest.Pytester) -> Path:
    folder = pytester.mkdir("rules")
    (folder / "cheer.yaml").write_text(CHEER, encoding="utf-8")
    (folder / "words.yaml").write_text(WORDS, encoding="utf-8")
    (folder / "boo.yaml").write_text(BOO, encoding="utf-8")
    return folder


def test_each_example_is_a_test_item_with_a_readable_failure(pytester: pytest.Pytester, rules: Path):
    result = pytester.runpytest(*plugin_args(), "rules", "-rA")
    # t.cheer: two examples, one `expect: []` example and one counter-example pass, the todo
    # counter-example fails as expected; t.boo: one passes, one expects the wrong polarity
    result.assert_outcomes(passed=5, failed=1, xfailed=1)
    out = result.stdout.str()
    assert "FAILED rules/boo.yaml::t.boo::example-2" in out
    assert "XFAIL rules/cheer.yaml::t.cheer::counter-example-3 - todo: applauding players is not a stance" in out
    failure = out.split("= FAILURES =", 1)[1]
    assert "example-2 of rule t.boo failed (" in failure and "boo.yaml:10)" in failure
    assert "text:       Farmers jeer the minister's plan." in failure
    assert "expected:   actor='Farmers' topic=\"the minister's plan\" polarity=support" in failure
    assert "got:        actor='Farmers' topic=\"the minister's plan\" polarity=oppose" in failure
    assert "how far t.boo got:" in failure
    assert "matched tokens 0-5: Farmers jeer the minister's plan" in failure


def test_node_ids_name_file_rule_and_example(pytester: pytest.Pytester, rules: Path):
    result = pytester.runpytest(*plugin_args(), "rules", "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if "::" in line]
    assert ids == [
        "rules/boo.yaml::t.boo::example-1",
        "rules/boo.yaml::t.boo::example-2",
        "rules/cheer.yaml::t.cheer::example-1",
        "rules/cheer.yaml::t.cheer::example-2",
        "rules/cheer.yaml::t.cheer::counter-example-1",
        "rules/cheer.yaml::t.cheer::counter-example-2",
        "rules/cheer.yaml::t.cheer::counter-example-3",
    ]
    one = pytester.runpytest(*plugin_args(), "rules/cheer.yaml::t.cheer::example-2")
    one.assert_outcomes(passed=1)


def test_a_failing_example_says_how_far_the_rule_got(pytester: pytest.Pytester):
    folder = pytester.mkdir("rules")
    (folder / "urge.yaml").write_text(
        """\
stancekit: 1
rules:
  - id: t.urge_number
    pattern: "{actor:ACTOR} urges [num] {topic:TOPIC}"
    polarity: support
    examples:
      - text: "The mayor urges the council to act."
        expect: [{actor: The mayor, polarity: support}]
""",
        encoding="utf-8",
    )
    result = pytester.runpytest(*plugin_args(), "rules")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "example-1 of rule t.urge_number failed" in out
    assert "got:        no finding from t.urge_number" in out
    assert "{actor:ACTOR} urges [num] {topic:TOPIC}" in out
    assert re.search(r"^\s+~+ ~+ \^{5}$", out, re.MULTILINE)
    assert "failed on `[num]` at token 3 'the'" in out


def test_a_broken_rule_file_fails_with_its_errors(pytester: pytest.Pytester, rules: Path):
    (rules / "broken.yaml").write_text(
        'stancekit: 1\nrules:\n  - id: t.bad\n    pattern: "{actor:ACTOR} back)"\n    polarity: support\n',
        encoding="utf-8",
    )
    result = pytester.runpytest(*plugin_args(), "rules", "-rA")
    result.assert_outcomes(failed=1, skipped=2)
    out = result.stdout.str()
    assert "FAILED rules/broken.yaml::load" in out
    assert "broken.yaml:4:" in out and "error[pattern-syntax]" in out


def test_yaml_files_that_are_not_rule_files_are_left_alone(pytester: pytest.Pytester):
    folder = pytester.mkdir("configs")
    (folder / "settings.yaml").write_text("name: demo\nitems: [1, 2]\n", encoding="utf-8")
    (folder / "semgrep.yml").write_text("rules:\n  - id: no-eval\n    pattern: eval(...)\n", encoding="utf-8")
    (folder / "words.yaml").write_text(WORDS, encoding="utf-8")
    result = pytester.runpytest(*plugin_args(), "configs")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result.assert_outcomes()


def test_a_projects_own_test_run_is_not_affected(pytester: pytest.Pytester):
    """Rule files among a project's Python tests are fixtures: neither `pytest` (testpaths) nor
    `pytest tests/` collects them, broken or not."""
    pytester.makeini("[pytest]\ntestpaths = tests\n")
    tests = pytester.mkdir("tests")
    (tests / "test_something.py").write_text("def test_it():\n    assert True\n", encoding="utf-8")
    fixtures = tests / "broken_rules"
    fixtures.mkdir()
    (fixtures / "bad.yaml").write_text('stancekit: 1\nrules:\n  - id: x\n    pattern: "a)"\n    polarity: support\n')
    (fixtures / "good.yaml").write_text(BOO.replace("imports: [words.yaml]\n", ""), encoding="utf-8")
    for args in ((), ("tests",)):
        result = pytester.runpytest(*plugin_args(), *args)
        result.assert_outcomes(passed=1)
    named = pytester.runpytest(*plugin_args(), "tests/broken_rules/bad.yaml")
    named.assert_outcomes(failed=1)


def test_rule_folders_in_the_ini_file_are_collected_without_naming_them(pytester: pytest.Pytester, rules: Path):
    pytester.makeini("[pytest]\nstancekit_rules = rules\ntestpaths = rules\n")
    result = pytester.runpytest(*plugin_args())
    result.assert_outcomes(passed=5, failed=1, xfailed=1)


def test_the_bundled_pack_passes_as_a_folder_of_tests(pytester: pytest.Pytester):
    result = pytester.runpytest(*plugin_args(), str(ROOT / "rules" / "en" / "passive.yaml"), "-q")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) > 5 and "failed" not in outcomes


def test_the_entry_point_is_declared_in_pyproject():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["pytest11"] == {"stancekit": PLUGIN}


# --- pre-commit hooks ---------------------------------------------------------------------------


def test_pre_commit_hooks_parse_and_name_existing_commands(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["stancekit-check", "stancekit-test"]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cheer.yaml").write_text(CHEER, encoding="utf-8")
    (folder / "words.yaml").write_text(WORDS, encoding="utf-8")
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        program, command = hook["entry"].split()
        assert program == "stancekit" and command in cli.list_commands(click.Context(cli))
        assert re.search(hook["files"], "rules/en/support_verbs.yaml")
        assert hook["args"] == ["rules/"]
        # the entry with its default argument works in a repository of rule files
        assert main([command, str(folder)]) == 0
