"""The `stancekit` command as a user runs it: scan, output formats and files, inputs, rule
files, messages on stderr and exit codes."""

from __future__ import annotations

from click.testing import CliRunner

from stancekit.cli import cli
from stancekit.exitcodes import ExitCode

BROKEN_RULES = """\
stancekit: 1
rules:
  - id: local.endorse
    pattern: "{actor:ACTOR} endorse {topic:TOPIC}"
    polarity: suport
"""


def test_group_run_on_its_own_exits_with_the_declared_codes(tmp_path):
    """`cli` used directly (standalone, as Click's runner and embedding programs do) must end
    with the same exit codes as `main`, not with a traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_RULES, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["scan", "-", "-r", str(bad)], input="Text.")
    assert (result.exit_code, type(result.exception)) == (ExitCode.RULE_ERROR, SystemExit)
    assert "bad.yaml:5:5" in result.stderr
    result = runner.invoke(cli, ["scan", str(tmp_path / "absent.txt")])
    assert (result.exit_code, type(result.exception)) == (ExitCode.INPUT_ERROR, SystemExit)
    assert "Error:" not in result.stderr  # nothing printed beyond the message itself
