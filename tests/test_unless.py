"""A rule's `unless:` pattern: where it matches at a match's cue, the cue's words are read in
another sense ("agreed a deal" concludes one) and the match gives no finding; a broken one is
refused with its place, like a broken pattern."""

from __future__ import annotations

from pathlib import Path

from stancekit.cli import main
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode

RULE = """\
stancekit: 1
lexicons:
  deal_nouns: [deal, contract]
rules:
  - id: t.agree
    pattern: "{{actor:ACTOR}} agree (with | to)? {{topic:TOPIC}}"
    polarity: support
{unless}
"""


def write(tmp_path: Path, unless: str) -> Path:
    path = tmp_path / "agree.yaml"
    path.write_text(RULE.format(unless=f"    unless: {unless}" if unless else ""), encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str, unless: str = '"agree (a | an | the | new)* @deal_nouns"'):
    matcher = Matcher(load_rules([write(tmp_path, unless)]).compile())
    return [(f.actor.text, f.topic.text) for f in matcher.scan(text)]


def test_a_match_whose_cue_the_unless_pattern_reads_otherwise_gives_no_finding(tmp_path):
    assert findings(tmp_path, "The club agreed a new contract with its captain.") == []
    assert findings(tmp_path, "The club agreed a new contract with its captain.", unless="") == [
        ("The club", "a new contract with its captain")
    ]
    assert findings(tmp_path, "The union agreed with the deal.") == [("The union", "the deal")]


def test_the_unless_pattern_is_read_at_each_match_s_cue_only(tmp_path):
    text = "Ms Reyes agreed with the plan, and the club agreed a deal."
    assert findings(tmp_path, text) == [("Ms Reyes", "the plan")]


def test_explain_says_the_unless_pattern_dropped_a_match(tmp_path, capsys):
    path = write(tmp_path, '"agree (a | an | the | new)* @deal_nouns"')
    assert main(["explain", "--rules", str(path), "The club agreed a new contract."]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "no finding: the rule's 'unless' pattern matches at its cue" in out
    assert "(unless: agree (a | an | the | new)* @deal_nouns)" in out


def test_a_broken_unless_pattern_is_refused_with_its_place(tmp_path, capsys):
    path = write(tmp_path, '"agree (a | @deals"')
    assert main(["check", str(path)]) == ExitCode.RULE_ERROR
    out = capsys.readouterr().out
    assert f"{path}:8:20: error[pattern-syntax]" in out  # the "(" left open


def test_an_unless_that_names_an_unknown_lexicon_is_refused(tmp_path, capsys):
    path = write(tmp_path, '"agree @deals"')
    assert main(["check", str(path)]) == ExitCode.RULE_ERROR
    assert "deals" in capsys.readouterr().out


def test_an_unless_that_is_no_pattern_or_matches_nothing_is_refused(tmp_path, capsys):
    assert main(["check", str(write(tmp_path, "3"))]) == ExitCode.RULE_ERROR
    assert "'unless' must be a pattern" in capsys.readouterr().out
    assert main(["check", str(write(tmp_path, '"deal?"'))]) == ExitCode.RULE_ERROR
    assert "'unless' pattern can match without any token" in capsys.readouterr().out
