"""`stancekit diff` and `stancekit.testing.changes`: findings added, removed and changed between two
runs, keyed by the stable finding id."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dsl.loader import load_rules
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.findings import ActorRef, Finding, RuleRef, TextSpan, TopicRef, finding_id
from stancekit.findingsfile import FindingsInputError, read_findings
from stancekit.resources import bundled_rules_dir
from stancekit.testing.changes import diff_findings, format_diff

# --- hand-made findings -------------------------------------------------------------------------

TEXT = "Oslo backs the ferry plan. Bergen opposes the toll and the new bridge."


def make(
    doc: str,
    sentence: tuple[int, int],
    rule: str,
    actor: tuple[int, int],
    topic: tuple[int, int],
    polarity: str = "support",
    **changes,
) -> Finding:
    """A finding as the matcher would make it, with its real stable id."""
    s = TextSpan(TEXT[sentence[0] : sentence[1]], *sentence)
    a = ActorRef(TEXT[actor[0] : actor[1]], *actor, name=TEXT[actor[0] : actor[1]])
    t = TopicRef(TEXT[topic[0] : topic[1]], *topic, name=TEXT[topic[0] : topic[1]])
    finding = Finding(
        id=finding_id(doc, s, rule, a, t),
        doc=doc,
        date=None,
        sentence=s,
        actor=a,
        topic=t,
        polarity=polarity,
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef(rule, "rules/local.yaml", 3),
        ruleset="a" * 64,
    )
    for key, value in changes.items():
        object.__setattr__(finding, key, value)
    return finding


FIRST = (0, 26)
SECOND = (27, 70)
OSLO = make("ferries", FIRST, "t.back", (0, 4), (11, 25))
TOLL = make("ferries", SECOND, "t.oppose", (27, 33), (42, 50), "oppose")
BRIDGE_LONG = make("ferries", SECOND, "t.oppose_and", (27, 33), (42, 69), "oppose")
GONE = make("tolls", FIRST, "t.back", (0, 4), (11, 25))

BASELINE = [OSLO, TOLL, BRIDGE_LONG, GONE]
#: Oslo unchanged; the toll finding now negated (same id); the long topic shrank to "the new
#: bridge" (same document, sentence and rule, new id: a moved finding); "tolls" lost its finding;
#: a new one appeared.
TOLL_NEGATED = make("ferries", SECOND, "t.oppose", (27, 33), (42, 50), "neutral", negated=True)
BRIDGE_SHORT = make("ferries", SECOND, "t.oppose_and", (27, 33), (55, 69), "oppose")
NEW = make("bridges", FIRST, "t.new", (0, 4), (11, 25))
CURRENT = [OSLO, TOLL_NEGATED, BRIDGE_SHORT, NEW]


def write_jsonl(path: Path, findings) -> Path:
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in findings), encoding="utf-8")
    return path


@pytest.fixture
def runs(tmp_path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "baseline.jsonl", BASELINE), write_jsonl(tmp_path / "current.jsonl", CURRENT)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_added_removed_and_changed_from_python():
    result = diff_findings(BASELINE, CURRENT)
    assert result.differs
    assert [f.id for f in result.added] == [NEW.id]
    assert [f.id for f in result.removed] == [GONE.id]
    assert result.unchanged == 1
    changed = {c.rule: c for c in result.changed}
    assert set(changed) == {"t.oppose", "t.oppose_and"}
    negated = changed["t.oppose"]
    assert not negated.moved and negated.before.id == negated.after.id == TOLL.id
    assert [(c.field, c.before, c.after) for c in negated.changes] == [
        ("polarity", "oppose", "neutral"),
        ("negated", False, True),
    ]
    moved = changed["t.oppose_and"]
    assert moved.moved and (moved.before.id, moved.after.id) == (BRIDGE_LONG.id, BRIDGE_SHORT.id)
    assert ("topic.span", [42, 69], [55, 69]) in [(c.field, c.before, c.after) for c in moved.changes]
    assert {(r.rule, r.added, r.removed, r.changed) for r in result.per_rule} == {
        ("t.new", 1, 0, 0),
        ("t.back", 0, 1, 0),
        ("t.oppose", 0, 0, 1),
        ("t.oppose_and", 0, 0, 1),
    }


def test_identical_runs_do_not_differ_and_the_rule_set_hash_is_not_compared():
    rehashed = [make("ferries", FIRST, "t.back", (0, 4), (11, 25), ruleset="b" * 64)]
    result = diff_findings([OSLO], rehashed)
    assert not result.differs and result.unchanged == 1 and result.per_rule == ()


def test_a_changed_key_is_a_changed_finding(capsys, tmp_path):
    """A discourse network counts findings under their keys: a run that keys the same finding
    otherwise (a dictionary edit, a new pack) changes the network, and a CI diff must say so."""
    before = replace(OSLO, actor=replace(OSLO.actor, key="oslo"), topic=replace(OSLO.topic, key="ferry plan@ferries"))
    after = replace(before, actor=replace(before.actor, key="OSLO_CITY"), topic=replace(before.topic, key="ferries"))
    (changed,) = diff_findings([before], [after]).changed
    assert [(c.field, c.before, c.after) for c in changed.changes] == [
        ("actor.key", "oslo", "OSLO_CITY"),
        ("topic.key", "ferry plan@ferries", "ferries"),
    ]
    code, out, _ = run(
        capsys,
        write_jsonl(tmp_path / "a.jsonl", [before]),
        write_jsonl(tmp_path / "b.jsonl", [after]),
        "--fail-on-change",
    )
    assert code == ExitCode.FINDINGS_DIFFER and "actor.key" in out


def test_a_baseline_written_before_findings_had_keys_is_named_as_such(capsys, tmp_path):
    """Every finding of a baseline without keys shows as changed against a run with keys: the
    report says how many differ only so, and that the baseline wants scanning again; a finding
    that changed otherwise too is not counted."""
    keyed = replace(OSLO, actor=replace(OSLO.actor, key="oslo"), topic=replace(OSLO.topic, key="ferry plan@ferries"))
    toll = make("ferries", (27, 70), "t.oppose", (27, 33), (42, 50), polarity="oppose")
    negated = replace(toll, polarity="neutral", actor=replace(toll.actor, key="bergen"))
    result = diff_findings([OSLO, toll], [keyed, negated])
    assert len(result.changed) == 2 and result.newly_keyed == 1
    code, out, _ = run(
        capsys, write_jsonl(tmp_path / "a.jsonl", [OSLO, toll]), write_jsonl(tmp_path / "b.jsonl", [keyed, negated])
    )
    assert code == ExitCode.OK
    assert "note: 1 of the changed findings differ only in keys the baseline does not have" in out
    assert out.rstrip().splitlines()[-1] == "added=0 removed=0 changed=2 unchanged=0"
    assert "note:" not in format_diff(diff_findings([keyed], [keyed]))


def test_text_report_groups_by_document_and_ends_with_counts(capsys, runs):
    code, out, _ = run(capsys, *runs)
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[0].startswith("--- ") and lines[0].endswith("baseline.jsonl (4 findings)")
    assert lines[1].endswith("current.jsonl (4 findings)")
    assert "== bridges ==" in lines and "== ferries ==" in lines and "== tolls ==" in lines
    assert f"  + Oslo [support] the ferry plan  (t.new, id {NEW.id})" in lines
    assert f"  - Oslo [support] the ferry plan  (t.back, id {GONE.id})" in lines
    assert f"  ~ Bergen [neutral, negated] the toll  (t.oppose, id {TOLL.id})" in lines
    assert "      polarity: 'oppose' -> 'neutral'" in lines
    assert "      negated: false -> true" in lines
    assert f"      spans moved: id {BRIDGE_LONG.id} -> {BRIDGE_SHORT.id}" in lines
    assert "      topic.text: 'the toll and the new bridge' -> 'the new bridge'" in lines
    table = lines.index(next(line for line in lines if line.split() == ["rule", "added", "removed", "changed"]))
    # most affected rules first, then by id
    assert [line.split() for line in lines[table + 1 : table + 5]] == [
        ["t.back", "0", "1", "0"],
        ["t.new", "1", "0", "0"],
        ["t.oppose", "0", "0", "1"],
        ["t.oppose_and", "0", "0", "1"],
    ]
    assert lines[-1] == "added=1 removed=1 changed=2 unchanged=1"


def test_json_report(capsys, runs):
    code, out, _ = run(capsys, *runs, "--format", "json")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert set(data) == {"baseline", "current", "differs", "summary", "per_rule", "added", "removed", "changed"}
    assert data["differs"] is True
    assert data["summary"] == {
        "baseline": 4,
        "current": 4,
        "added": 1,
        "removed": 1,
        "changed": 2,
        "unchanged": 1,
        "newly_keyed": 0,
    }
    assert [f["id"] for f in data["added"]] == [NEW.id]
    assert [f["id"] for f in data["removed"]] == [GONE.id]
    moved = next(c for c in data["changed"] if c["moved"])
    assert set(moved) == {"id", "before_id", "moved", "rule", "doc", "changes", "before", "after"}
    assert (moved["before_id"], moved["id"], moved["rule"]) == (BRIDGE_LONG.id, BRIDGE_SHORT.id, "t.oppose_and")
    assert {"field": "topic.name", "before": "the toll and the new bridge", "after": "the new bridge"} in moved[
        "changes"
    ]
    assert {r["rule"]: (r["added"], r["removed"], r["changed"]) for r in data["per_rule"]} == {
        "t.new": (1, 0, 0),
        "t.back": (0, 1, 0),
        "t.oppose": (0, 0, 1),
        "t.oppose_and": (0, 0, 1),
    }


def test_fail_on_change_exits_1_only_when_something_differs(capsys, runs):
    baseline, current = runs
    code, _, err = run(capsys, baseline, current, "--fail-on-change")
    assert code == ExitCode.FINDINGS_DIFFER == 1
    assert "failed: findings differ (added 1, removed 1, changed 2)" in err
    code, out, _ = run(capsys, baseline, baseline, "--fail-on-change")
    assert code == ExitCode.OK and out.splitlines()[-1] == "added=0 removed=0 changed=0 unchanged=4"


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "x", ', "malformed JSON"),
        ("[1, 2]", "a JSON array"),
        ('{"id": "x", "doc": "d"}', "not a finding: no 'sentence', 'actor', 'topic', 'polarity', 'rule' fields"),
        ('"text"', "a finding must be a JSON object, not str"),
        (json.dumps({**OSLO.to_dict(), "actor": "Oslo"}), "not a finding: 'actor' must be an object"),
    ],
)
def test_malformed_findings_exit_4_with_file_and_line(capsys, tmp_path, runs, line, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(OSLO.to_dict()) + "\n\n" + line + "\n", encoding="utf-8")
    code, out, err = run(capsys, runs[0], bad)
    assert code == ExitCode.INPUT_ERROR == 4
    assert f"{bad}:3: " in err and message in err and out == ""
    with pytest.raises(FindingsInputError) as caught:
        read_findings(bad)
    assert caught.value.line == 3


def test_missing_findings_file_exits_4(capsys, tmp_path, runs):
    code, _, err = run(capsys, runs[0], tmp_path / "absent.jsonl")
    assert code == ExitCode.INPUT_ERROR and "absent.jsonl: cannot read" in err


@pytest.mark.parametrize(
    "args",
    [["one.jsonl"], ["a.jsonl", "b.jsonl", "c.jsonl"], ["--rules-a", "x.yaml"], ["-", "-"]],
    ids=["one-file", "three-files", "rules-without-corpus", "stdin-twice"],
)
def test_usage_errors_exit_2(capsys, args):
    code, _, _ = run(capsys, *args)
    assert code == ExitCode.USAGE == 2


def test_format_diff_from_python():
    text = format_diff(diff_findings([OSLO], []), "old", "new")
    assert text.splitlines()[:2] == ["--- old (1 findings)", "+++ new (0 findings)"]


# --- two rule sets over a corpus ----------------------------------------------------------------

RULES_A = """\
stancekit: 1
lexicons:
  back: [back, support]
rules:
  - id: t.back
    pattern: "{actor:ACTOR} @back {topic:TOPIC}"
    polarity: support
"""
#: The same rule with one lexicon entry fewer.
RULES_B = RULES_A.replace("[back, support]", "[support]")
#: RULES_A and an unrelated new rule.
RULES_C = (
    RULES_A
    + """\
  - id: t.reject
    pattern: "{actor:ACTOR} rejects {topic:TOPIC}"
    polarity: oppose
"""
)
CORPUS = {
    "harbour.txt": "The harbour board backs the new pier. The union rejects the pay offer.\n",
    "school.txt": "Parents support the later start. Teachers back the plan.\n",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def rule_sets(tmp_path) -> dict[str, Path]:
    paths = {}
    for name, text in (("a", RULES_A), ("b", RULES_B), ("c", RULES_C)):
        paths[name] = tmp_path / f"rules_{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_both_rule_sets_are_compiled_through_the_cache(capsys, corpus, rule_sets, tmp_path, monkeypatch):
    from stancekit.dsl.loader import RuleSet

    cache = tmp_path / "cache"
    monkeypatch.setenv("STANCEKIT_CACHE_DIR", str(cache))
    first = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, "--format", "json")
    assert first[0] == ExitCode.OK, first[2]
    assert len(list(cache.glob("*.pickle"))) == 2

    def not_again(self):
        raise AssertionError("compiled again")

    monkeypatch.setattr(RuleSet, "compile", not_again)
    again = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, "--format", "json")
    assert again[:2] == first[:2]


def test_rules_a_and_b_over_a_corpus(capsys, corpus, rule_sets):
    code, out, err = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, "--format", "json")
    assert code == ExitCode.OK, err
    data = json.loads(out)
    assert data["summary"]["removed"] == 2 and data["summary"]["added"] == 0 and data["summary"]["changed"] == 0
    assert sorted((f["doc"], f["actor"]["text"]) for f in data["removed"]) == [
        ("harbour", "The harbour board"),
        ("school", "Teachers"),
    ]
    assert data["per_rule"] == [{"rule": "t.back", "added": 0, "removed": 2, "changed": 0}]
    assert "scanned 2 documents" in err and "3 findings with --rules-a, 1 with --rules-b" in err
    code, _, _ = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, "--fail-on-change")
    assert code == ExitCode.FINDINGS_DIFFER


def test_ids_are_stable_across_an_unrelated_rule_change(capsys, corpus, rule_sets):
    code, out, err = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["c"], corpus, "--format", "json")
    assert code == ExitCode.OK, err
    data = json.loads(out)
    assert data["summary"] == {
        "baseline": 3,
        "current": 4,
        "added": 1,
        "removed": 0,
        "changed": 0,
        "unchanged": 3,
        "newly_keyed": 0,
    }
    assert [f["rule"]["id"] for f in data["added"]] == ["t.reject"]
    # the same evidence has the same id, scanned with either rule set
    a = Matcher(load_rules([rule_sets["a"]]).compile())
    c = Matcher(load_rules([rule_sets["c"]]).compile())
    text = CORPUS["harbour.txt"]
    ids_a = {f.id for f in a.scan(text, "harbour")}
    ids_c = {f.id for f in c.scan(text, "harbour") if f.rule.id == "t.back"}
    assert ids_a == ids_c and len(ids_a) == 1


def test_scan_files_then_diff_them_is_the_same_as_diffing_rule_sets(capsys, tmp_path, corpus, rule_sets):
    for name in ("a", "b"):
        assert main(["scan", str(corpus), "-r", str(rule_sets[name]), "-q", "-o", str(tmp_path / f"{name}.jsonl")]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path / "a.jsonl", tmp_path / "b.jsonl", "--format", "json")
    from_files = json.loads(out)
    run_code, out, _ = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, "-f", "json")
    from_rules = json.loads(out)
    assert code == run_code == ExitCode.OK
    assert from_files["summary"] == from_rules["summary"]
    assert [f["id"] for f in from_files["removed"]] == [f["id"] for f in from_rules["removed"]]


def test_broken_rule_set_exits_3_and_names_the_side(capsys, tmp_path, corpus, rule_sets):
    bad = tmp_path / "bad.yaml"
    bad.write_text('stancekit: 1\nrules:\n  - id: x\n    pattern: "{actor:ACTOR} back)"\n    polarity: support\n')
    code, out, err = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", bad, corpus)
    assert code == ExitCode.RULE_ERROR == 3
    assert "the rules of --rules-b" in err and "bad.yaml:4:" in err and out == ""


def test_missing_corpus_path_exits_4_after_the_report(capsys, tmp_path, corpus, rule_sets):
    code, out, err = run(capsys, "--rules-a", rule_sets["a"], "--rules-b", rule_sets["b"], corpus, tmp_path / "nope")
    assert code == ExitCode.INPUT_ERROR
    assert "nope: no such file or folder" in err and out.splitlines()[-1].startswith("added=0 removed=2")


# -- the bundled pack and the sample corpus -----------------------------------------------------


def _pack_without(rule_id: str, target: Path) -> Path:
    """A copy of the bundled pack with one rule cut out of its file."""
    shutil.copytree(bundled_rules_dir(), target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        start = text.find(f"  - id: {rule_id}\n")
        if start != -1:
            after = text.find("\n  - id: ", start + 1)
            path.write_text(text[:start] + (text[after + 1 :] if after != -1 else ""), encoding="utf-8")
            return target
    raise AssertionError(f"{rule_id} is not in the bundled pack")


def test_removing_one_rule_reports_exactly_its_findings_as_removed(capsys, tmp_path):
    samples = Path(__file__).resolve().parent.parent / "samples" / "news"
    pack = _pack_without("en.verb.welcome", tmp_path / "pack")
    for name, rules in (("before", "stancekit:en"), ("after", str(pack))):
        argv = ["scan", str(samples), "-r", rules, "-q", "-o", str(tmp_path / f"{name}.jsonl"), "--no-cache"]
        assert main(argv) == ExitCode.OK
    before = read_findings(tmp_path / "before.jsonl")
    welcomed = {f.id for f in before if f.rule.id == "en.verb.welcome"}
    assert welcomed, "the sample corpus has findings of en.verb.welcome"
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path / "before.jsonl", tmp_path / "after.jsonl", "--format", "json")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert {f["id"] for f in data["removed"]} == welcomed
    assert data["changed"] == []
    # where the rule is gone another may now read the same evidence, and only there
    freed = {(f["doc"], f["sentence"]["start"]) for f in data["removed"]}
    assert all((f["doc"], f["sentence"]["start"]) in freed for f in data["added"])
    removed_rules = {r["rule"] for r in data["per_rule"] if r["removed"]}
    assert removed_rules == {"en.verb.welcome"}
