"""`stancekit explain`: why a sentence gave the findings it gave, as a rule author reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.dsl.loader import RuleSet
from stancekit.exitcodes import ExitCode

KIRBY = (
    '"We don\'t support calls for a ceasefire right now," National Security Council spokesman John Kirby '
    "told reporters."
)

#: A rule that fails at a known element on "The council applauds the new park.": the actor and
#: the cue match, `[num]` does not (token 3, "the").
LOCAL_RULES = """\
stancekit: 1
lexicons:
  cheer: [cheer, applaud]
  boo: [boo, jeer]
rules:
  - id: local.cheer_number
    pattern: "{actor:ACTOR} @cheer [num] {topic:TOPIC}"
    polarity: support
  - id: local.boo
    pattern: "{actor:ACTOR} @boo {topic:TOPIC}"
    polarity: oppose
  - id: local.reject
    pattern: "{actor:ACTOR} rejects {topic:TOPIC}"
    polarity: oppose
"""

_compiled: dict[str, object] = {}
_real_compile = RuleSet.compile


@pytest.fixture(autouse=True)
def compile_each_rule_set_once(monkeypatch):
    """Compiling the bundled pack takes about a second; every rule set is compiled once."""

    def compile_cached(self):
        if self.content_hash not in _compiled:
            _compiled[self.content_hash] = _real_compile(self)
        return _compiled[self.content_hash]

    monkeypatch.setattr(RuleSet, "compile", compile_cached)


@pytest.fixture
def local_rules(tmp_path) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text(LOCAL_RULES, encoding="utf-8")
    return path


def explain(capsys, *args) -> tuple[int, str, str]:
    code = main(["explain", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def explain_json(capsys, *args) -> dict:
    code, out, err = explain(capsys, *args, "--format", "json")
    assert code == ExitCode.OK, err
    return json.loads(out)


# --- the bundled pack on a quote ----------------------------------------------------------------


#: The note on the Kirby finding's negation: the entry that negated it and where it is written.
NEGATED_NOTE = 'negated by "n\'t" (language.negations, rules/en/language/negation.yaml:9): support becomes oppose'


def test_kirby_sentence_shows_tokens_rules_and_how_the_finding_was_resolved(capsys):
    code, out, _ = explain(capsys, KIRBY)
    assert code == ExitCode.OK
    assert "sentence 1 [0:114]" in out
    assert "quotes: [0:51]" in out
    # tokens with their index and part-of-speech tag; the clitic is a token of its own
    assert re.search(r"\b1:We/PRON\s+2:do/AUX\s+3:n't/PART\s+4:support/VERB\s+5:calls/NOUN\b", out)
    # the phrases the bundled pack defines, with their heads
    assert "<NP> 5-6 [calls] (head calls)" in out
    assert "<PP> 6-9 [for a ceasefire] (head ceasefire)" in out
    assert re.search(r"prefilter: \d+ of \d+ rules have a trigger word in this sentence", out)
    assert "not tried (none of their trigger words is here)" in out
    assert "en.verb.oppose," in out.split("not tried", 1)[1].split("rules:", 1)[0]
    # the rule that made the finding, and the one that lost the same evidence
    assert "en.quote.first_person_support (rules/en/clauses.yaml:" in out
    assert re.search(
        r"en\.verb\.support .*: matched, no finding\n(.*\n){3}\s+-> dropped by overlap resolution: "
        r"en\.quote\.first_person_support reads the same evidence \(cue 'support'\)",
        out,
    )
    # the finding and the steps that decided its actor and polarity
    finding = out.split("findings:", 1)[1]
    assert "John Kirby [oppose, negated, quoted] ceasefire" in finding
    assert "actor:    'We' = John Kirby via speaker" in finding
    assert "topic:    'calls for a ceasefire right now' = ceasefire (ceasefire)" in finding
    assert "cue:      'support'" in finding
    assert "rule:     en.quote.first_person_support" in finding
    assert "speaker of the quote the cue stands in: 'National Security Council spokesman John Kirby'" in finding
    assert "actor 'We' is a first person in a quote: the speaker, John Kirby" in finding
    assert NEGATED_NOTE in finding


def test_kirby_sentence_as_json(capsys):
    data = explain_json(capsys, KIRBY)
    assert set(data) == {"doc", "ruleset", "rules", "selected", "sentences"}
    (sentence,) = data["sentences"]
    assert set(sentence) == {
        "index",
        "start",
        "end",
        "paragraph",
        "phrases",
        "text",
        "quotes",
        "tokens",
        "candidates",
        "not_tried",
        "traces",
        "findings",
    }
    assert sentence["text"] == KIRBY
    assert sentence["tokens"][3] == {"index": 3, "text": "n't", "start": 6, "end": 9, "tag": "PART", "lemma": "not"}
    assert {"type": "PP", "start": 6, "end": 9, "head": 8} in sentence["phrases"]
    assert "en.quote.first_person_support" in sentence["candidates"]
    assert {r["rule"] for r in sentence["not_tried"]}.isdisjoint(sentence["candidates"])
    assert len(sentence["candidates"]) + len(sentence["not_tried"]) == data["rules"]
    traces = {t["rule"]: t for t in sentence["traces"]}
    assert set(traces) == set(sentence["candidates"])
    winner, loser = traces["en.quote.first_person_support"], traces["en.verb.support"]
    (finding,) = sentence["findings"]
    assert winner["matched"] and winner["matches"][0]["finding"] == finding["id"]
    assert loser["matched"] and loser["matches"][0]["finding"] is None
    assert loser["matches"][0]["winner"] == "en.quote.first_person_support"
    assert finding["polarity"] == "oppose" and finding["actor"]["name"] == "John Kirby"
    assert NEGATED_NOTE in finding["notes"]


def test_explaining_again_reads_the_compiled_rules_from_the_cache(capsys, local_rules, monkeypatch, tmp_path):
    monkeypatch.setenv("STANCEKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = explain(capsys, "The council applauds the new park.", "-r", local_rules)

    def not_again(self):
        raise AssertionError("compiled again")

    monkeypatch.setattr(RuleSet, "compile", not_again)
    assert explain(capsys, "The council applauds the new park.", "-r", local_rules) == first


# --- how far a rule got -------------------------------------------------------------------------


def test_furthest_and_failing_element_with_a_caret_under_the_failing_one(capsys, local_rules):
    code, out, _ = explain(capsys, "The council applauds the new park.", "-r", local_rules)
    assert code == ExitCode.OK
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.strip().startswith("local.cheer_number"))
    assert lines[head].endswith("no match")
    pattern, marks, summary = lines[head + 1], lines[head + 2], lines[head + 3]
    assert pattern.strip() == "{actor:ACTOR} @cheer [num] {topic:TOPIC}"
    column = pattern.index("[num]")
    assert marks[column : column + len("[num]")] == "^^^^^"
    assert marks[pattern.index("@cheer")] == "~"
    assert "^" not in marks[:column] and marks[column + len("[num]") :].strip() == ""
    assert summary.strip() == (
        "got as far as `@cheer` (element 2 of 4), ending at token 2 'applauds'; failed on `[num]` at token 3 'the'"
    )
    assert "findings: none" in out


def test_furthest_and_failing_element_in_json(capsys, local_rules):
    data = explain_json(capsys, "The council applauds the new park.", "-r", local_rules)
    (trace,) = [t for t in data["sentences"][0]["traces"] if t["rule"] == "local.cheer_number"]
    assert trace["matched"] is False
    assert trace["candidate"] is True
    assert trace["elements"] == ["{actor:ACTOR}", "@cheer", "[num]", "{topic:TOPIC}"]
    assert trace["reached"] == {"index": 1, "text": "@cheer"}
    assert trace["failed"] == {"index": 2, "text": "[num]"}
    assert trace["stopped_at"] == {"index": 3, "text": "the"}


def test_a_rule_that_stops_after_its_first_element(capsys, local_rules):
    code, out, _ = explain(capsys, "The council applauds the new park.", "-r", local_rules, "--rule", "local.reject")
    assert code == ExitCode.OK
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.strip().startswith("local.reject ("))
    assert lines[head + 2 : head + 5] == [
        "    {actor:ACTOR} rejects {topic:TOPIC}",
        "    ~~~~~~~~~~~~~ ^^^^^^^",
        "    got as far as `{actor:ACTOR}` (element 1 of 3), ending at token 1 'council'; "
        "failed on `rejects` at token 2 'applauds'",
    ]


def test_rule_option_traces_a_rule_the_prefilter_did_not_admit(capsys, local_rules):
    code, out, _ = explain(capsys, "The council applauds the new park.", "-r", local_rules, "--rule", "local.boo")
    assert code == ExitCode.OK
    assert "local.boo" in out and "local.cheer_number" not in out
    assert "not a candidate: none of its trigger words (boo, booed, booing, boos, jeer, " in out
    assert "traced anyway" in out
    assert "failed on `@boo` at token 2 'applauds'" in out
    data = explain_json(capsys, "The council applauds the new park.", "-r", local_rules, "--rule", "local.boo")
    assert data["selected"] == ["local.boo"]
    (trace,) = data["sentences"][0]["traces"]
    assert trace["candidate"] is False and trace["failed"] == {"index": 1, "text": "@boo"}


def test_a_rule_that_matches_shows_its_finding(capsys, local_rules):
    code, out, _ = explain(capsys, "The union rejects the offer.", "-r", local_rules)
    assert code == ExitCode.OK
    assert "local.reject (" in out and ": finding" in out
    assert "matched tokens 0-4: The union rejects the offer" in out
    assert "    union [oppose] the offer  (id " in out
    assert "actor:    'The union' = union via mention" in out
    assert "cue:      'rejects' [10:17]" in out


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The Orlando boo shocked the fans.", "no finding: read as a noun the name modifies"),
        ("The council boos every day.", "no finding: its topic is only a time phrase"),
    ],
)
def test_a_match_that_is_not_a_stance_says_why(capsys, local_rules, sentence, reason):
    code, out, _ = explain(capsys, sentence, "-r", local_rules, "--rule", "local.boo")
    assert code == ExitCode.OK
    assert reason in out


def test_a_deal_names_the_commerce_verb_and_where_the_pack_lists_it(capsys):
    code, out, _ = explain(capsys, "The bank agreed to buy its rival.", "--rule", "en.verb.agree")
    assert code == ExitCode.OK
    assert "no finding: its topic is a deal" in out
    assert "made by 'buy' in language.commerce_verbs (rules/en/language/discourse.yaml:" in out


# --- files and lines ----------------------------------------------------------------------------


def test_file_and_line_explain_only_that_line_with_what_came_before_known(capsys, tmp_path, local_rules):
    story = tmp_path / "harbour.txt"
    story.write_text(
        "Harbour Minister Ana Ruiz spoke to fishermen on Monday.\n"
        "\n"
        "She rejects the new quota. The union rejects the levy.\n",
        encoding="utf-8",
    )
    data = explain_json(capsys, "--file", story, "--line", 3, "-r", local_rules)
    assert data["doc"] == "harbour"
    texts = [s["text"] for s in data["sentences"]]
    assert texts == ["She rejects the new quota.", "The union rejects the levy."]
    (first,) = data["sentences"][0]["findings"]
    assert first["actor"]["text"] == "She" and first["actor"]["name"] == "Ana Ruiz"
    assert first["actor"]["via"] == "pronoun"
    assert any("refers back to Ana Ruiz" in note for note in first["notes"])
    code, out, _ = explain(capsys, "--file", story, "--line", 1, "-r", local_rules)
    assert code == ExitCode.OK and out.count("sentence ") == 1 and "Harbour Minister" in out
    code, out, _ = explain(capsys, "--file", story, "--line", 2, "-r", local_rules)
    assert code == ExitCode.OK and "line 2 of" in out and "holds no sentence" in out


def test_file_without_line_explains_every_sentence(capsys, tmp_path, local_rules):
    story = tmp_path / "s.txt"
    story.write_text("The union rejects the levy. Farmers boo the plan.\n", encoding="utf-8")
    data = explain_json(capsys, "--file", story, "-r", local_rules)
    assert [len(s["findings"]) for s in data["sentences"]] == [1, 1]


# --- exit codes ---------------------------------------------------------------------------------


def test_broken_rules_exit_3_with_file_line_and_column(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('stancekit: 1\nrules:\n  - id: x\n    pattern: "{actor:ACTOR} back)"\n    polarity: support\n')
    code, out, err = explain(capsys, "Anything.", "-r", bad)
    assert code == ExitCode.RULE_ERROR == 3
    assert "bad.yaml:4:" in err and "error[pattern-syntax]" in err and out == ""


def test_missing_file_and_line_out_of_range_exit_4(capsys, tmp_path, local_rules):
    code, _, err = explain(capsys, "--file", tmp_path / "absent.txt", "-r", local_rules)
    assert code == ExitCode.INPUT_ERROR == 4 and "absent.txt: no such file" in err
    story = tmp_path / "two-lines.txt"
    story.write_text("One line.\nTwo lines.\n", encoding="utf-8")
    code, _, err = explain(capsys, "--file", story, "--line", 3, "-r", local_rules)
    assert code == ExitCode.INPUT_ERROR and "line 3 is out of range (the file has 2 lines)" in err
    code, _, err = explain(capsys, "--file", tmp_path, "-r", local_rules)
    assert code == ExitCode.INPUT_ERROR and "is a folder" in err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["Some text.", "--file", "x.txt"],
        ["Some text.", "--line", "2"],
        ["Some text.", "--rule", "local.cheer_numbr"],
        ["Some text.", "--format", "yaml"],
    ],
    ids=["neither", "both", "line-without-file", "unknown-rule", "unknown-format"],
)
def test_usage_errors_exit_2(capsys, local_rules, args):
    code, _, err = explain(capsys, *args, "-r", local_rules)
    assert code == ExitCode.USAGE == 2
    if "--rule" in args:
        assert "did you mean 'local.cheer_number'?" in err


# --- documents of a JSONL or CSV file -----------------------------------------------------------


def _testimonies(tmp_path: Path) -> Path:
    corpus = tmp_path / "hearing.jsonl"
    records = [
        {"id": "witness-01", "body": "The union rejects the levy.", "speaker": "Ana Ruiz"},
        {"id": "witness-02", "body": "Farmers boo the new quota.", "speaker": "Tom Hale"},
        {"id": "witness-03", "body": "The council applauds the park.", "speaker": "Lee Park"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return corpus


def test_doc_explains_that_record_of_a_jsonl_file_not_its_raw_lines(capsys, tmp_path, local_rules):
    corpus = _testimonies(tmp_path)
    data = explain_json(capsys, "--file", corpus, "--doc", "witness-02", "--text-field", "body", "-r", local_rules)
    assert data["doc"] == "witness-02"
    assert [s["text"] for s in data["sentences"]] == ["Farmers boo the new quota."]
    (finding,) = data["sentences"][0]["findings"]
    assert finding["actor"]["text"] == "Farmers" and finding["polarity"] == "oppose"


def test_doc_of_a_csv_file_with_its_own_id_field(capsys, tmp_path, local_rules):
    corpus = tmp_path / "speeches.csv"
    corpus.write_text("speech,text\nmay-day,The union rejects the levy.\nlabour-day,Farmers boo the plan.\n")
    data = explain_json(capsys, "--file", corpus, "--doc", "labour-day", "--id-field", "speech", "-r", local_rules)
    assert data["doc"] == "labour-day" and data["sentences"][0]["text"] == "Farmers boo the plan."


def test_an_absent_doc_id_is_an_input_error_naming_the_closest_ids(capsys, tmp_path, local_rules):
    corpus = _testimonies(tmp_path)
    code, out, err = explain(capsys, "--file", corpus, "--doc", "witness-2", "--text-field", "body", "-r", local_rules)
    assert code == ExitCode.INPUT_ERROR and out == ""
    assert "no document 'witness-2'" in err and "witness-02" in err


def test_a_file_of_several_documents_needs_doc(capsys, tmp_path, local_rules):
    corpus = _testimonies(tmp_path)
    code, _, err = explain(capsys, "--file", corpus, "--text-field", "body", "-r", local_rules)
    assert code == ExitCode.INPUT_ERROR
    assert "holds 3 documents; name one with --doc ID" in err and "witness-01" in err


def test_doc_with_a_text_file_or_without_file_is_a_usage_error(capsys, tmp_path, local_rules):
    story = tmp_path / "story.txt"
    story.write_text("The union rejects the levy.\n", encoding="utf-8")
    code, _, err = explain(capsys, "--file", story, "--doc", "story", "-r", local_rules)
    assert code == ExitCode.USAGE and "JSONL or CSV" in err
    code, _, err = explain(capsys, "Some text.", "--doc", "x", "-r", local_rules)
    assert code == ExitCode.USAGE and "--doc needs --file" in err


def test_doc_with_speaker_field_resolves_the_first_person_to_the_author(capsys, tmp_path, local_rules):
    corpus = tmp_path / "hearing.jsonl"
    record = {"id": "w1", "text": "We reject the levy.", "witness": "Ana Ruiz"}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    data = explain_json(capsys, "--file", corpus, "--doc", "w1", "--speaker-field", "witness", "-r", local_rules)
    (finding,) = data["sentences"][0]["findings"]
    assert finding["actor"]["name"] == "Ana Ruiz" and finding["actor"]["via"] == "author"
