"""What compiling and scanning leave behind: nothing for the cycle collector while a rule set
is made or used, and nothing at all once no one holds it, however many rule sets a process
compiles."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from stancekit.compiler.cache import compile_rules
from stancekit.engine.matcher import Matcher

RULES = """\
stancekit: 1
imports: [shared/common.yaml]
language:
  negations: {extend: [hardly]}
rules:
  - id: t.support
    pattern: "{actor:ACTOR} @backing {topic:TOPIC}"
    polarity: support
  - id: t.colour
    pattern: "{actor:ACTOR} (does | did)? (not)? /(col(ou)?r)+ed/ [any]{,3} {topic:TOPIC}"
    polarity: support
"""


@pytest.fixture
def rules(tmp_path) -> list[Path]:
    """A rule file that imports a lexicon (the language settings of imported files are read
    first), has a language setting of its own (so a profile of its own), a regex and choices
    (each a walk of the compile over the pattern)."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "common.yaml").write_text("stancekit: 1\nlexicons:\n  backing: [support, back]\n")
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return [path]


def test_a_compile_leaves_no_reference_cycles_for_the_collector(rules):
    """Compiling 10,000 rules made 800,000 objects that only the cycle collector could free
    (helpers that call themselves held every rule file and the programs' memos), which then
    cost a pass of their own when the collector resumed. What a compile no longer needs goes
    as soon as it is done with."""
    compile_rules(rules, use_cache=False)  # modules and tables a first compile loads once
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        compiled = compile_rules(rules, use_cache=False)
        del compiled
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_a_rule_set_no_one_holds_is_freed(rules):
    """A process that compiles rule set after rule set (a notebook, a server, a test run of
    many rule folders) kept every one it had scanned with: caches of the keys, the language
    profile and the polarity lists held them by identity, 60 MB a time for the bundled pack."""
    compiled = compile_rules(rules, use_cache=False).compiled
    found = Matcher(compiled).scan("Ms Ruiz said the council backs the new harbour. The mayor did not colour the plan.")
    assert found  # keys made, profile regexes and polarity lists built for this rule set
    rule_set, profile = weakref.ref(compiled), weakref.ref(compiled.profile)
    del compiled
    gc.collect()
    assert rule_set() is None
    assert profile() is None


SCANNED = (
    "Britain's finance minister unveiled a plan to cut the fuel tax. The opposition leader, Ana Ruiz, said "
    'she strongly opposes the plan, which she called reckless. Labour backs it. "We will not support '
    'this budget," Ms Ruiz told reporters. Voters say the council should build more homes.'
)


def test_a_scan_leaves_no_reference_cycles_for_the_collector():
    """A scan made a few hundred objects a document that only the cycle collector could free:
    a sentence's context and its token tests and phrases, a document's text and the places it
    names, each held the other (a third of a million objects over a quarter of BBC news, and
    half of the collector's time). Reference counting now frees them as the scan leaves each
    sentence and document."""
    matcher = Matcher(compile_rules(None).compiled)
    assert matcher.scan(SCANNED)  # tables and models a first scan loads once
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        found = matcher.scan(SCANNED)
        assert len(found) >= 3
        del found
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
