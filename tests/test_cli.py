"""The `stancekit` command as a user runs it: scan, output formats and files, inputs, rule
files, messages on stderr and exit codes."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import stancekit.cli
import stancekit.commands.common
import stancekit.exitcodes
from stancekit import __version__
from stancekit.cli import cli, main
from stancekit.dsl.loader import RuleSet, load_rules
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.output.sinks import JsonSink

ROOT = Path(__file__).resolve().parent.parent

FERRY = (
    "KIRKWALL, March 4 — The island council backs the ferry subsidy scheme, its convener said on Monday.\n"
    "\n"
    "The shipping minister opposes the fare increase, arguing that it would hurt commuters, pensioners, "
    "students and the small businesses that depend on the crossing every single morning of the year.\n"
    "\n"
    "Harbour traders said little about the timetable.\n"
)
DAIRY = "Farmers’ unions reject the proposed milk levy.\n\nWeather was mild across the valley on Tuesday.\n"

TOP_KEYS = {
    "id",
    "doc",
    "date",
    "sentence",
    "actor",
    "topic",
    "cue",
    "polarity",
    "kind",
    "negated",
    "hedged",
    "modality",
    "quoted",
    "speaker",
    "rule",
    "ruleset",
    "count",
}
SUB_KEYS = {
    "sentence": {"text", "start", "end"},
    "actor": {"text", "start", "end", "name", "id", "via", "type", "affiliations", "key"},
    "topic": {"text", "start", "end", "name", "id", "key"},
    "cue": {"text", "start", "end"},
    "speaker": {"text", "start", "end", "name", "id"},
    "rule": {"id", "file", "line"},
}

LOCAL_RULES = """\
stancekit: 1
description: Words of the local council beat.
imports: ["stancekit:en/common.yaml"]
lexicons:
  cheer: [cheer, applaud]
rules:
  - id: local.cheer
    pattern: "{actor:ACTOR} @auxiliaries? @adverbs? @cheer {topic:TOPIC}"
    polarity: support
"""

BROKEN_RULES = """\
stancekit: 1
rules:
  - id: local.endorse
    pattern: "{actor:ACTOR} endorse {topic:TOPIC}"
    polarity: suport
"""

_compiled: dict[str, object] = {}
_bundled: list[RuleSet] = []
_real_compile = RuleSet.compile


@pytest.fixture(autouse=True)
def load_and_compile_the_bundled_pack_once(monkeypatch):
    """Loading the bundled pack takes a tenth of a second and compiling it half a second; most
    tests here scan with it, so it is loaded once, and every rule set is compiled once (by
    content hash). Rule files given with --rules are still loaded on every run."""

    def load_cached(paths=None, dictionaries=()):
        if paths or dictionaries:
            return load_rules(paths, dictionaries)
        if not _bundled:
            _bundled.append(load_rules())
        return _bundled[0]

    def compile_cached(self):
        key = self.content_hash
        if key not in _compiled:
            _compiled[key] = _real_compile(self)
        return _compiled[key]

    monkeypatch.setattr(stancekit.commands.common, "load_rules", load_cached)
    monkeypatch.setattr(RuleSet, "compile", compile_cached)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder of two news stories, one of them in a subfolder."""
    folder = tmp_path / "news"
    (folder / "regional").mkdir(parents=True)
    (folder / "ferry-subsidy.txt").write_text(FERRY, encoding="utf-8")
    (folder / "regional" / "dairy-levy.txt").write_text(DAIRY, encoding="utf-8")
    return folder


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def parse(fmt: str, stdout: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in stdout.splitlines()]
    if fmt == "json":
        return json.loads(stdout)
    return list(csv.DictReader(io.StringIO(stdout)))


def scan_jsonl(*args: str, input: str | None = None) -> list[dict]:
    result = run("scan", *args, "--format", "jsonl", input=input)
    assert result.exit_code == 0, result.output
    return parse("jsonl", result.stdout)


def brief(records: list[dict]) -> list[tuple]:
    return [(r["doc"], r["actor"]["name"], r["polarity"], r["topic"]["text"]) for r in records]


EXPECTED = [
    ("ferry-subsidy", "island council", "support", "the ferry subsidy scheme"),
    ("ferry-subsidy", "shipping minister", "oppose", "the fare increase"),
    ("regional/dairy-levy", "Farmers’ unions", "oppose", "the proposed milk levy"),
]


# --- the basics -------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"stancekit, version {__version__}"


def test_a_scan_makes_the_cycle_collector_pass_less_often_and_finds_the_same(corpus):
    """A scan keeps its rules and the tagger's weights for its whole run: the collector's full
    passes over them are made rarely (`gcpause.tuned_for_scanning`)."""
    import gc

    from stancekit.gcpause import SCANNING_THRESHOLDS

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert brief(scan_jsonl(corpus)) == EXPECTED
        assert gc.get_threshold() == SCANNING_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_scan_prints_a_table_grouped_by_document(corpus):
    result = run("scan", corpus)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("== ferry-subsidy ==") == 1
    assert out.count("== regional/dairy-levy ==") == 1
    ferry, dairy = out.split("== regional/dairy-levy ==")
    assert "island council [support] the ferry subsidy scheme" in ferry
    assert "shipping minister [oppose] the fare increase" in ferry
    assert "    > KIRKWALL, March 4 — The island council backs the ferry subsidy scheme" in ferry
    assert (
        "Farmers’ unions [oppose] the proposed milk levy\n    > Farmers’ unions reject the proposed milk levy." in dairy
    )
    assert "\x1b[" not in out  # no colour when not on a terminal
    assert "Weather" not in out and "Harbour traders" not in out


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_machine_formats_parse_to_the_same_findings(corpus, fmt):
    result = run("scan", corpus, "--format", fmt)
    assert result.exit_code == 0, result.output
    records = parse(fmt, result.stdout)
    if fmt == "csv":
        assert [(r["doc"], r["actor.name"], r["polarity"], r["topic.text"]) for r in records] == EXPECTED
        assert records[0]["sentence.text"].startswith("KIRKWALL, March 4 — The island council backs")
    else:
        assert brief(records) == EXPECTED


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_each_record_has_exactly_the_documented_keys(corpus, fmt):
    records = parse(fmt, run("scan", corpus, "-f", fmt).stdout)
    assert records
    for record in records:
        assert set(record) == TOP_KEYS
        for key, keys in SUB_KEYS.items():
            if record[key] is not None:
                assert set(record[key]) == keys, key
        assert record["polarity"] in ("support", "oppose", "neutral")
        assert record["actor"]["via"] in ("mention", "speaker", "pronoun", "dictionary")
        assert record["rule"]["file"].startswith("rules/en/") and record["rule"]["line"] > 0
        assert re.fullmatch(r"[0-9a-f]{64}", record["ruleset"])


def test_offsets_cut_the_evidence_out_of_the_source(tmp_path, corpus):
    # non-ASCII before the spans and Windows line ends: offsets count characters, not bytes
    (corpus / "crlf.txt").write_bytes(
        "Zürich — The canton’s farmers’ association backs the water levy.\r\n\r\n"
        "“We oppose the airport runway,” said Ana Muñoz.\r\n".encode()
    )
    records = scan_jsonl(corpus)
    assert {r["doc"] for r in records} == {"ferry-subsidy", "regional/dairy-levy", "crlf"}
    for record in records:
        source = (corpus / f"{record['doc']}.txt").read_bytes().decode("utf-8")
        for key in ("sentence", "actor", "topic", "cue", "speaker"):
            part = record[key]
            if part is None:
                assert key == "speaker"
                continue
            assert source[part["start"] : part["end"]] == part["text"], (record["doc"], key)
            if key != "sentence":
                assert record["sentence"]["start"] <= part["start"] <= part["end"] <= record["sentence"]["end"]


def test_ids_are_stable_between_runs_and_differ_between_findings(corpus):
    first = [r["id"] for r in scan_jsonl(corpus)]
    second = [r["id"] for r in scan_jsonl(corpus)]
    assert first == second
    assert len(set(first)) == len(first) == 3
    # another document's findings do not change the ids of these
    (corpus / "extra.txt").write_text("The dockers’ union opposes the new shift pattern.\n", encoding="utf-8")
    ids = {r["doc"]: r["id"] for r in scan_jsonl(corpus) if r["doc"] == "regional/dairy-levy"}
    assert ids["regional/dairy-levy"] == first[2]


# --- output files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("findings.jsonl", "jsonl"), ("findings.json", "json"), ("F.CSV", "csv")])
def test_output_file_format_follows_its_extension(tmp_path, corpus, name, fmt):
    target = tmp_path / "out" / name
    result = run("scan", corpus, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    records = parse(fmt, target.read_text(encoding="utf-8"))
    if fmt == "csv":
        assert [r["actor.name"] for r in records] == [e[1] for e in EXPECTED]
    else:
        assert brief(records) == EXPECTED
    assert sorted(p.name for p in target.parent.iterdir()) == [name]  # no temporary file left


def test_failed_scan_leaves_the_previous_output_file_untouched(tmp_path, corpus):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_RULES, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "findings.jsonl"
    target.write_text('{"previous": "run"}\n', encoding="utf-8")
    result = run("scan", corpus, "-r", bad, "-o", target)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert target.read_text(encoding="utf-8") == '{"previous": "run"}\n'
    assert [p.name for p in out.iterdir()] == ["findings.jsonl"]


def test_crash_while_writing_leaves_the_previous_output_file_untouched(tmp_path, corpus, monkeypatch, capsys):
    real = JsonSink.write
    written = []

    def crash_on_second(self, finding):
        if written:
            raise RuntimeError("writer fell over")
        written.append(finding)
        real(self, finding)

    monkeypatch.setattr(JsonSink, "write", crash_on_second)
    target = tmp_path / "findings.json"
    target.write_text("[]\n", encoding="utf-8")
    assert main(["scan", str(corpus), "-o", str(target), "--no-cache"]) == ExitCode.INTERNAL_ERROR
    assert "internal error: RuntimeError: writer fell over" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "[]\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_document_whose_scan_crashes_is_reported_and_the_rest_still_scanned(tmp_path, corpus, monkeypatch, capsys):
    real = Matcher.scan_document

    def crash_on_ferry(self, document):
        if "ferry" in document.id:
            raise RuntimeError("engine fell over")
        return real(self, document)

    monkeypatch.setattr(Matcher, "scan_document", crash_on_ferry)
    target = tmp_path / "findings.json"
    assert main(["scan", str(corpus), "-o", str(target), "--no-cache"]) == ExitCode.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "error: document ferry-subsidy could not be scanned, skipped: RuntimeError: engine fell over" in err
    assert "1 skipped" in err
    assert brief(json.loads(target.read_text(encoding="utf-8"))) == EXPECTED[2:]


def test_ctrl_c_stops_after_the_document_being_scanned_and_exits_130(tmp_path, corpus, monkeypatch, capsys):
    real = Matcher.scan_document

    def ctrl_c_during_first(self, document):
        if self.stats.documents == 0:
            os.kill(os.getpid(), signal.SIGINT)  # as if pressed while this document is scanned
        return real(self, document)

    monkeypatch.setattr(Matcher, "scan_document", ctrl_c_during_first)
    target = tmp_path / "findings.json"
    handler = signal.getsignal(signal.SIGINT)  # Python's own, or "ignore" in a job started in the background
    assert main(["scan", str(corpus), "-o", str(target), "--no-cache"]) == ExitCode.INTERRUPTED == 130
    assert "interrupted" in capsys.readouterr().err
    # the first document is whole, the second was never started
    assert brief(json.loads(target.read_text(encoding="utf-8"))) == EXPECTED[:2]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert signal.getsignal(signal.SIGINT) is handler  # the scan leaves Ctrl-C as it found it


# --- fields ------------------------------------------------------------------------------------


def test_fields_cut_records_down(corpus):
    records = scan_jsonl(corpus, "--fields", "doc,actor.name,polarity")
    assert records == [{"doc": d, "actor": {"name": a}, "polarity": p} for d, a, p, _ in EXPECTED]


def test_fields_choose_csv_columns(corpus):
    result = run("scan", corpus, "-f", "csv", "--fields", "doc,actor.name,polarity")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["doc", "actor.name", "polarity"]] + [[d, a, p] for d, a, p, _ in EXPECTED]


def test_unknown_field_is_a_usage_error_with_a_suggestion(corpus):
    result = run("scan", corpus, "--fields", "doc,actr.name")
    assert result.exit_code == ExitCode.USAGE
    assert "unknown field 'actr.name'" in result.stderr
    assert "did you mean 'actor.name'?" in result.stderr
    assert result.stdout == ""


# --- inputs ------------------------------------------------------------------------------------


def test_jsonl_input_with_named_fields(tmp_path):
    wire = tmp_path / "wire.jsonl"
    lines = [
        {"uid": "wire-0417", "body": "Canada supports the revised trade pact.", "published": "2024-03-05"},
        {"uid": "wire-0418", "body": "Weather delayed the vote.", "published": "2024-03-06"},
        {"uid": "wire-0419", "body": "Chile opposes the copper export duty.", "published": "2024-03-07"},
    ]
    wire.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    args = ("--id-field", "uid", "--text-field", "body", "--date-field", "published")
    records = scan_jsonl(wire, *args)
    assert [(r["doc"], r["date"], r["actor"]["name"], r["polarity"]) for r in records] == [
        ("wire-0417", "2024-03-05", "Canada", "support"),
        ("wire-0419", "2024-03-07", "Chile", "oppose"),
    ]
    # without the field names nothing can be read, and the user is told which field to name
    result = run("scan", wire)
    assert result.exit_code == 0
    assert "no 'text' field" in result.stderr and "--text-field" in result.stderr


def test_csv_input(tmp_path):
    table = tmp_path / "letters.csv"
    table.write_text(
        'id,text,date\nletter-7,"Unions back the pension reform, officials said.",2023-01-02\n', encoding="utf-8"
    )
    records = scan_jsonl(table)
    assert [(r["doc"], r["date"], r["actor"]["text"], r["topic"]["text"]) for r in records] == [
        ("letter-7", "2023-01-02", "Unions", "the pension reform")
    ]


def test_dash_reads_standard_input():
    records = scan_jsonl("-", input="The borough council opposes the parking levy.\n")
    assert [(r["doc"], r["actor"]["text"], r["polarity"], r["topic"]["text"]) for r in records] == [
        ("stdin", "The borough council", "oppose", "the parking levy")
    ]


def test_jsonl_on_standard_input():
    line = json.dumps({"id": "desk-1", "text": "Norway backs the fishing accord.", "date": "2022-11-30"})
    records = scan_jsonl("-", input=line + "\n")
    assert [(r["doc"], r["date"], r["actor"]["text"]) for r in records] == [("desk-1", "2022-11-30", "Norway")]


def test_missing_path_is_reported_and_the_rest_still_scanned(tmp_path, corpus):
    missing = tmp_path / "no-such-folder"
    result = run("scan", missing, corpus, "-f", "jsonl")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert f"error: {missing}: no such file or folder" in result.stderr
    assert brief(parse("jsonl", result.stdout)) == EXPECTED


def test_unreadable_file_is_an_input_error_and_the_rest_still_scanned(corpus, monkeypatch):
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "ferry-subsidy.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run("scan", corpus, "-f", "jsonl")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "ferry-subsidy.txt: cannot read: Permission denied" in result.stderr
    assert brief(parse("jsonl", result.stdout)) == [e for e in EXPECTED if e[0] != "ferry-subsidy"]


def test_two_files_with_one_name_are_scanned_and_warned_about(tmp_path, corpus):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "ferry-subsidy.txt").write_text("Oslo backs the ferry subsidy scheme.", encoding="utf-8")
    result = run("scan", corpus / "ferry-subsidy.txt", other / "ferry-subsidy.txt", "-f", "jsonl")
    assert result.exit_code == ExitCode.OK
    assert "document id 'ferry-subsidy' is also the id of" in result.stderr
    assert {r["actor"]["text"] for r in parse("jsonl", result.stdout)} >= {"Oslo"}


def test_output_to_a_folder_is_a_usage_error(tmp_path, corpus):
    result = run("scan", corpus, "-o", tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "is a folder" in result.stderr


def test_unwritable_output_is_reported_with_exit_4(tmp_path, corpus, monkeypatch):
    import stancekit.output.atomic as atomic

    def refuse(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    result = run("scan", corpus, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr


def test_binary_file_and_bad_jsonl_line_are_skipped_with_warnings(tmp_path, corpus):
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02 not text at all")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        '{"id": "w1", "text": "Peru opposes the mining permit."}\n'
        '{"id": "w2", "text": "Ecuador backs the dam project."\n'
        '{"id": "w3", "text": "Bolivia supports the lithium deal."}\n',
        encoding="utf-8",
    )
    result = run("scan", corpus, wire, "-f", "jsonl")
    assert result.exit_code == ExitCode.OK
    assert re.search(r"warning: .*scan\.pdf: binary file skipped", result.stderr)
    assert re.search(r"warning: .*wire\.jsonl:2(:\d+)?: not valid JSON", result.stderr)
    records = parse("jsonl", result.stdout)
    assert brief(records)[:3] == EXPECTED
    assert [r["doc"] for r in records[3:]] == ["w1", "w3"]
    assert "2 skipped" in result.stderr


# --- rules -------------------------------------------------------------------------------------


def test_broken_rule_file_exits_3_with_file_line_and_column(tmp_path, corpus):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_RULES, encoding="utf-8")
    result = run("scan", corpus, "--rules", bad)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert re.search(r"bad\.yaml:5:15: error\[bad-polarity\]", result.stderr), result.stderr
    assert "did you mean 'support'?" in result.stderr
    assert result.stdout == ""


def test_user_rules_can_import_the_bundled_lexicons(tmp_path):
    rules = tmp_path / "local.yaml"
    rules.write_text(LOCAL_RULES, encoding="utf-8")
    story = "Shopkeepers have loudly cheered the new tram line.\nThe mayor welcomes the new tram line.\n"
    records = scan_jsonl("--rules", rules, "-", input=story)
    # only the user's rule runs: the bundled 'welcome' rule is not loaded
    assert [(r["actor"]["text"], r["cue"]["text"], r["topic"]["text"], r["rule"]["id"]) for r in records] == [
        ("Shopkeepers", "cheered", "the new tram line", "local.cheer")
    ]
    assert records[0]["rule"]["file"].endswith("local.yaml")
    assert records[0]["rule"]["line"] == 7
    # the lexicons @auxiliaries and @adverbs really come from the import
    rules.write_text(LOCAL_RULES.replace('imports: ["stancekit:en/common.yaml"]\n', ""), encoding="utf-8")
    result = run("scan", "--rules", rules, "-", input=story)
    assert result.exit_code == ExitCode.RULE_ERROR
    assert "lexicon @auxiliaries is not defined" in result.stderr


def test_rules_lists_rule_ids_and_lexicons():
    result = run("rules")
    assert result.exit_code == 0
    assert re.search(r"^rules/en/support_verbs\.yaml$", result.stdout, re.M)
    assert re.search(r"^  en\.verb\.support\s+support\s+line \d+", result.stdout, re.M)
    assert re.search(r"^  en\.verb\.oppose\s+oppose", result.stdout, re.M)
    assert re.search(r"^  @negations\s+\d+ entries: not, n't, never", result.stdout, re.M)
    assert re.search(r"^\d+ rules in \d+ files; \d+ actors and \d+ topics in the dictionaries$", result.stderr.strip())


def test_rules_lists_only_the_selected_file_and_its_imports(tmp_path):
    rules = tmp_path / "local.yaml"
    rules.write_text(LOCAL_RULES, encoding="utf-8")
    result = run("rules", "--rules", rules)
    assert result.exit_code == 0
    assert re.search(r"^  local\.cheer\s+support\s+line 7\s+0 examples$", result.stdout, re.M)
    assert re.search(r"^  @cheer\s+2 entries: cheer, applaud$", result.stdout, re.M)
    assert "en.verb.support" not in result.stdout
    assert result.stderr.strip() == "1 rules in 2 files; 0 actors and 0 topics in the dictionaries"


# --- stderr ------------------------------------------------------------------------------------


def test_summary_line_counts_documents_sentences_and_findings(corpus):
    result = run("scan", corpus, "-f", "jsonl")
    # sentences with trigger words are the only ones matched against rules
    assert result.stderr == "scanned 2 documents, 5 sentences (4 with trigger words): 3 findings\n"


def test_quiet_silences_summary_and_warnings(corpus):
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run("scan", corpus, "-f", "jsonl", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(parse("jsonl", result.stdout)) == 3


def test_quiet_still_reports_a_missing_path(tmp_path, corpus):
    result = run("scan", tmp_path / "gone.txt", corpus, "-q", "-f", "jsonl")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "gone.txt: no such file or folder" in result.stderr


# --- exit codes --------------------------------------------------------------------------------


def test_exit_code_ok(corpus, capsys):
    assert main(["scan", str(corpus), "-q"]) == ExitCode.OK == 0
    assert "== ferry-subsidy ==" in capsys.readouterr().out
    assert main(["--version"]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["scan"],  # missing argument
        ["scan", "--no-such-option", "x"],
        ["scan", "x", "--format", "xml"],
        ["scan", "x", "--fields", "polarty"],
        ["nonsense"],
    ],
)
def test_exit_code_usage(argv, capsys):
    assert main(argv) == ExitCode.USAGE == 2
    assert "Usage:" in capsys.readouterr().err


def test_exit_code_rule_error(tmp_path, corpus, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_RULES, encoding="utf-8")
    assert main(["scan", str(corpus), "-r", str(bad)]) == ExitCode.RULE_ERROR == 3
    assert main(["rules", "-r", str(bad)]) == 3
    assert main(["scan", str(corpus), "-r", str(tmp_path / "absent.yaml")]) == 3
    assert "bad.yaml:5:15" in capsys.readouterr().err


def test_exit_code_input_error(tmp_path, corpus, capsys):
    assert main(["scan", str(tmp_path / "absent.txt"), str(corpus), "-q"]) == ExitCode.INPUT_ERROR == 4
    captured = capsys.readouterr()
    assert "absent.txt: no such file or folder" in captured.err
    assert "== ferry-subsidy ==" in captured.out


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_reader_going_away_is_not_a_failure(corpus, monkeypatch):
    # `stancekit scan ... | head`: exit code 1 would mean "findings differ" to a CI job
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["scan", str(corpus), "-f", "jsonl", "-q"]) == ExitCode.OK


def test_exit_codes_are_the_documented_ones():
    documented = {
        name: int(code) for code, name in re.findall(r"^\s+(\d+)\s+([A-Z_]+)\s", stancekit.exitcodes.__doc__, re.M)
    }
    assert documented == {member.name: member.value for member in ExitCode}
    assert documented["OK"] == 0 and documented["USAGE"] == 2
    assert documented["RULE_ERROR"] == 3 and documented["INPUT_ERROR"] == 4


def test_python_dash_m_runs_the_command(tmp_path, corpus):
    done = subprocess.run(
        [sys.executable, "-m", "stancekit", "scan", str(corpus), str(tmp_path / "absent.txt"), "-f", "jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == ExitCode.INPUT_ERROR, done.stderr
    assert brief([json.loads(line) for line in done.stdout.splitlines()]) == EXPECTED
    assert "absent.txt: no such file or folder" in done.stderr
    assert "scanned 2 documents, 5 sentences (4 with trigger words): 3 findings; 1 skipped" in done.stderr


def test_group_run_on_its_own_exits_with_the_declared_codes(tmp_path):
    """`cli` used directly (standalone, as Click's runner and embedding programs do) must end
    with the same exit codes as `main`, not with a traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_RULES, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["scan", "-", "-r", str(bad)], input="Text.")
    assert (result.exit_code, type(result.exception)) == (ExitCode.RULE_ERROR, SystemExit)
    assert "bad.yaml:5:15" in result.stderr
    result = runner.invoke(cli, ["scan", str(tmp_path / "absent.txt")])
    assert (result.exit_code, type(result.exception)) == (ExitCode.INPUT_ERROR, SystemExit)
    assert "Error:" not in result.stderr  # nothing printed beyond the message itself


def test_closing_the_pipe_early_ends_the_real_process_quietly_with_0(tmp_path):
    story = "The Norwegian delegation supports the revised fisheries accord.\n" * 300
    (tmp_path / "wire.txt").write_text(story, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "stancekit", "scan", str(tmp_path / "wire.txt"), "-f", "jsonl"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()  # more than a pipe buffer is still to come
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == ExitCode.OK, stderr
    assert json.loads(first)["topic"]["text"] == "the revised fisheries accord"
    assert "Error" not in stderr and "Traceback" not in stderr
