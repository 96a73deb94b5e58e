"""The compile cache: a warm start gives the same matcher, and any change to what a rule set
was compiled from compiles it afresh."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.compiler import cache
from stancekit.compiler.cache import LazyRules, compile_rules
from stancekit.dsl.errors import RuleError
from stancekit.dsl.yamlsource import LocatedStr
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode

COMMON = """\
stancekit: 1
lexicons:
  backing: [support, back]
"""

RULES = """\
stancekit: 1
imports: [shared/common.yaml]
rules:
  - id: t.support
    pattern: "{actor:ACTOR} @backing {topic:TOPIC}"
    polarity: support
"""

TEXT = "The island council supports the ferry subsidy. The council backs the new harbour."


@pytest.fixture
def pack(tmp_path) -> Path:
    """A rule file in its own folder that imports a lexicon from a folder below it (an import
    stays inside the rules folder)."""
    (tmp_path / "mine" / "shared").mkdir(parents=True)
    (tmp_path / "mine" / "shared" / "common.yaml").write_text(COMMON, encoding="utf-8")
    rules = tmp_path / "mine" / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    return rules


def topics(compiled) -> list[str]:
    return [f.topic.text for f in Matcher(compiled).scan(TEXT)]


def test_a_warm_start_loads_the_cached_rule_set_and_finds_the_same(pack, tmp_path):
    folder = tmp_path / "cache"
    cold = compile_rules([pack], cache_dir=folder)
    warm = compile_rules([pack], cache_dir=folder)
    assert (cold.from_cache, warm.from_cache) == (False, True)
    assert topics(warm.compiled) == topics(cold.compiled) == ["the ferry subsidy", "the new harbour"]
    assert warm.compiled.hash == cold.compiled.hash
    assert len(list(folder.glob("*.pickle"))) == 1


def test_editing_the_rule_file_compiles_afresh(pack, tmp_path):
    folder = tmp_path / "cache"
    compile_rules([pack], cache_dir=folder)
    pack.write_text(RULES.replace("t.support", "t.backing"), encoding="utf-8")
    again = compile_rules([pack], cache_dir=folder)
    assert not again.from_cache
    assert [r.id for r in again.compiled.rules] == ["t.backing"]


def test_editing_an_imported_file_that_was_not_named_compiles_afresh(pack, tmp_path):
    folder = tmp_path / "cache"
    compile_rules([pack], cache_dir=folder)
    common = tmp_path / "mine" / "shared" / "common.yaml"
    common.write_text(COMMON.replace("back]", "back, endorse]"), encoding="utf-8")
    again = compile_rules([pack], cache_dir=folder)
    assert not again.from_cache
    assert [f.topic.text for f in Matcher(again.compiled).scan("The council endorses the plan.")] == ["the plan"]


def test_dictionaries_are_part_of_the_key(pack, tmp_path):
    folder = tmp_path / "cache"
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "stancekit: 1\nactors:\n  - {id: isle, name: Island Council, type: organisation, aliases: [island council]}\n"
    )
    plain = compile_rules([pack], cache_dir=folder)
    with_actors = compile_rules([pack], [actors], cache_dir=folder)
    assert not with_actors.from_cache
    assert Matcher(with_actors.compiled).scan(TEXT)[0].actor.name == "Island Council"
    assert Matcher(plain.compiled).scan(TEXT)[0].actor.name != "Island Council"


def test_a_damaged_entry_is_a_miss_not_an_error(pack, tmp_path):
    folder = tmp_path / "cache"
    compile_rules([pack], cache_dir=folder)
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(b"not a pickle at all")
    again = compile_rules([pack], cache_dir=folder)
    assert not again.from_cache
    assert topics(again.compiled) == ["the ferry subsidy", "the new harbour"]
    assert compile_rules([pack], cache_dir=folder).from_cache  # and the entry was written anew


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(pack, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", encoding="utf-8")
    for _ in range(2):
        loaded = compile_rules([pack], cache_dir=blocked / "cache")
        assert not loaded.from_cache
        assert topics(loaded.compiled) == ["the ferry subsidy", "the new harbour"]


def test_a_broken_rule_set_is_never_cached(pack, tmp_path):
    folder = tmp_path / "cache"
    pack.write_text(RULES.replace("@backing", "@nowhere"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError, match="nowhere"):
            compile_rules([pack], cache_dir=folder)
    assert not list(folder.glob("*.pickle"))


def test_old_entries_are_pruned(pack, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 2)
    folder = tmp_path / "cache"
    for n in range(4):
        pack.write_text(RULES.replace("t.support", f"t.v{n}"), encoding="utf-8")
        compile_rules([pack], cache_dir=folder)
    assert len(list(folder.glob("*.pickle"))) == 2


def test_lazy_rules_pickle_small_and_unpickle_on_first_use(pack, tmp_path):
    compiled = compile_rules([pack], cache_dir=tmp_path / "cache").compiled
    assert isinstance(compiled.rules, LazyRules)
    copy = pickle.loads(pickle.dumps(compiled.rules))
    assert copy._rules == [None]
    assert copy[0] == compiled.rules[0]
    assert [r.id for r in copy] == ["t.support"]


def test_rules_read_from_the_cache_share_the_word_sets_they_were_compiled_with(tmp_path):
    """Two rules naming one lexicon (of single words, and of phrases) hold the same set and
    table once unpickled, as they did when compiled: read rule by rule, each held a copy."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        RULES.replace("imports: [shared/common.yaml]\n", "")
        + """  - id: t.back_again
    pattern: "{actor:ACTOR} did @backing {topic:TOPIC}"
    polarity: support
  - id: t.stand
    pattern: "{actor:ACTOR} @standing {topic:TOPIC}"
    polarity: support
  - id: t.stand_again
    pattern: "{actor:ACTOR} did @standing {topic:TOPIC}"
    polarity: support
lexicons:
  backing: [support, back]
  standing: [stand by, side with]
""",
        encoding="utf-8",
    )
    folder = tmp_path / "cache"
    cold = compile_rules([rules], cache_dir=folder).compiled
    warm = compile_rules([rules], cache_dir=folder).compiled
    back, back_again, stand, stand_again = warm.rules

    def held(rule, kind):
        return [operand for ins in rule.program for operand in ins if isinstance(operand, kind)]

    assert any(a is b for a in held(back, frozenset) for b in held(back_again, frozenset) if "backs" in a)
    assert any(a is b for a in held(stand, dict) for b in held(stand_again, dict) if "stands" in a)
    text = "The council backs the plan. The union stands by the nurses. The mayor did side with them."
    assert [f.to_dict() for f in Matcher(warm).scan(text)] == [f.to_dict() for f in Matcher(cold).scan(text)]
    assert len(Matcher(warm).scan(text)) == 3


def test_rules_read_from_the_cache_share_the_rule_file_their_phrase_types_come_from(tmp_path):
    """A phrase type's name knows where it is written, and so holds its file's text: two rules
    naming one phrase type hold one copy of the file once unpickled, as they did when
    compiled. Read rule by rule, each held a copy, and a pack whose phrase types live in a
    long file held it once per rule."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        PHRASE_RULES
        + """  - id: t.oppose
    pattern: "{actor:ACTOR} oppose {topic:HARBOUR}"
    polarity: oppose
""",
        encoding="utf-8",
    )
    folder = tmp_path / "cache"
    cold = compile_rules([rules], cache_dir=folder).compiled
    warm = compile_rules([rules], cache_dir=folder).compiled
    back, oppose = warm.rules

    def files(rule):
        return [operand.source for ins in rule.program for operand in ins if isinstance(operand, LocatedStr)]

    assert files(back) and files(oppose)
    assert all(a is b for a in files(back) for b in files(oppose))
    text = "The council backs the new harbour. The union opposes the new harbour."
    assert [f.to_dict() for f in Matcher(warm).scan(text)] == [f.to_dict() for f in Matcher(cold).scan(text)]
    assert len(Matcher(warm).scan(text)) == 2


def test_scan_writes_its_cache_where_cache_dir_says_and_not_with_no_cache(pack, tmp_path):
    corpus = tmp_path / "news.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    folder = tmp_path / "cache"
    assert main(["scan", str(corpus), "-r", str(pack), "-q", "--no-cache", "--cache-dir", str(folder)]) == 0
    assert not folder.exists()
    assert main(["scan", str(corpus), "-r", str(pack), "-q", "--cache-dir", str(folder)]) == ExitCode.OK
    assert len(list(folder.glob("*.pickle"))) == 1


PHRASE_RULES = """\
stancekit: 1
phrases:
  HARBOUR:
    pattern: "the new harbour"
    examples:
      - text: "The council backs the new harbour."
        expect: [the new harbour]
rules:
  - id: t.back
    pattern: "{actor:ACTOR} back {topic:HARBOUR}"
    polarity: support
"""


def test_a_rule_folder_tested_from_two_working_directories_shares_no_stale_names(tmp_path, monkeypatch):
    """A file is named relative to the working directory in messages and findings, so the
    cached rule set of one directory is not the one another directory sees."""
    rules = tmp_path / "pack" / "rules.yaml"
    rules.parent.mkdir()
    rules.write_text(PHRASE_RULES, encoding="utf-8")
    folder = tmp_path / "cache"
    for cwd in (tmp_path, tmp_path / "pack"):
        monkeypatch.chdir(cwd)
        assert main(["test", str(rules), "--cache-dir", str(folder)]) == ExitCode.OK
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    compiled = compile_rules([rules], cache_dir=folder).compiled
    [finding] = Matcher(compiled).scan("The council backs the new harbour.")
    assert finding.rule.file == str(rules)
