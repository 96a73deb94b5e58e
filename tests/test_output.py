"""Output formats: the terminal table, JSON, JSONL and CSV sinks, and atomic output files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading

import click
import pytest

from stancekit.findings import ActorRef, Finding, RuleRef, SpeakerRef, TextSpan, TopicRef, finding_id
from stancekit.output.atomic import atomic_text_output
from stancekit.output.sinks import CsvSink, JsonlSink, JsonSink, open_sink
from stancekit.output.table import TableSink, highlight

HARBOUR = (
    "PORTREE, June 2 — The harbour board backs the new pier extension, its chair said on Friday. "
    "Local fishermen oppose the mooring fees."
)
LONG = (
    "The regional health authority, which runs eleven hospitals and forty clinics across the "
    "northern valleys and the coastal towns, firmly supports the proposed merger of the two "
    "maternity units, according to a statement released late on Wednesday evening."
)
QUOTED = 'Mayor Ines Calder said, "We back the tram plan, all of it," before leaving the hall.'


def span(text: str, piece: str, after: int = 0) -> TextSpan:
    start = text.index(piece, after)
    return TextSpan(piece, start, start + len(piece))


def make_finding(
    doc: str,
    text: str,
    sentence: str,
    actor: str,
    cue: str | None,
    topic: str,
    polarity: str = "support",
    **extra,
) -> Finding:
    """A finding over `text` whose spans are found by searching inside `sentence`."""
    s = span(text, sentence)
    a = span(text, actor, s.start)
    t = span(text, topic, a.end)
    c = span(text, cue, a.end) if cue else None
    actor_ref = ActorRef(a.text, a.start, a.end, extra.pop("name", a.text), extra.pop("actor_id", None))
    topic_ref = TopicRef(t.text, t.start, t.end, t.text)
    rule_id = extra.pop("rule_id", f"test.{polarity}")
    return Finding(
        id=finding_id(doc, s, rule_id, actor_ref, topic_ref),
        doc=doc,
        date=extra.pop("date", None),
        sentence=s,
        actor=actor_ref,
        topic=topic_ref,
        polarity=polarity,
        negated=extra.pop("negated", False),
        hedged=extra.pop("hedged", False),
        quoted=extra.pop("quoted", False),
        speaker=extra.pop("speaker", None),
        rule=RuleRef(rule_id, "rules/test.yaml", 7),
        ruleset="0" * 64,
        cue=c,
        **extra,
    )


def pier() -> Finding:
    return make_finding(
        "skye/pier",
        HARBOUR,
        "PORTREE, June 2 — The harbour board backs the new pier extension, its chair said on Friday.",
        "The harbour board",
        "backs",
        "the new pier extension",
        name="harbour board",
        date="2024-06-02",
    )


def fees() -> Finding:
    return make_finding(
        "skye/pier",
        HARBOUR,
        "Local fishermen oppose the mooring fees.",
        "Local fishermen",
        "oppose",
        "the mooring fees",
        polarity="oppose",
    )


def merger() -> Finding:
    return make_finding(
        "health/maternity",
        LONG,
        LONG,
        "The regional health authority",
        "supports",
        "the proposed merger of the two maternity units",
    )


def tram() -> Finding:
    return make_finding(
        "city/tram",
        QUOTED,
        QUOTED,
        "We",
        "back",
        "the tram plan",
        quoted=True,
        speaker=SpeakerRef("Mayor Ines Calder", 0, 17, "Ines Calder", None),
        name="Ines Calder",
        actor_id="CALDER_I",
    )


# --- table -------------------------------------------------------------------------------


def test_table_groups_consecutive_findings_of_a_document_under_one_heading():
    out = io.StringIO()
    sink = TableSink(out)
    for finding in (pier(), fees(), merger()):
        sink.write(finding)
    sink.close()
    text = out.getvalue()
    assert text.count("== skye/pier ==") == 1
    assert text.count("== health/maternity ==") == 1
    # both findings of the first document come before the second document's heading
    second = text.index("== health/maternity ==")
    assert text.index("harbour board [support] the new pier extension") < second
    assert text.index("Local fishermen [oppose] the mooring fees") < second
    assert text.index("The regional health authority [support]") > second


def test_table_starts_a_new_heading_when_a_document_comes_back():
    out = io.StringIO()
    sink = TableSink(out)
    for finding in (pier(), merger(), fees()):
        sink.write(finding)
    assert out.getvalue().count("== skye/pier ==") == 2


def test_table_shows_flags_beside_the_polarity():
    out = io.StringIO()
    TableSink(out).write(
        make_finding("d", HARBOUR, HARBOUR, "The harbour board", "backs", "the new pier", negated=True)
    )
    assert "[support, negated]" in out.getvalue()


def test_table_names_the_modality_of_a_finding_not_firmly_stated():
    out = io.StringIO()
    sink = TableSink(out)
    sink.write(
        make_finding(
            "d", HARBOUR, HARBOUR, "The harbour board", "backs", "the new pier", hedged=True, modality="hedged"
        )
    )
    sink.write(
        make_finding(
            "d", HARBOUR, HARBOUR, "The harbour board", "backs", "the new pier", hedged=True, modality="conditional"
        )
    )
    lines = out.getvalue()
    assert "[support, hedged]" in lines
    assert "[support, conditional]" in lines


def test_table_wraps_long_evidence_to_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    out = io.StringIO()
    sink = TableSink(out)
    sink.write(merger())
    sink.close()
    lines = out.getvalue().splitlines()
    evidence = [line for line in lines if line.startswith(("    > ", "      "))]
    assert len(evidence) >= 3, lines
    assert evidence[0].startswith("    > ")
    assert all(line.startswith("      ") for line in evidence[1:])
    assert all(len(line) <= 72 - 6 for line in evidence)
    assert " ".join(line[6:] for line in evidence) == LONG


def test_table_collapses_line_breaks_inside_the_evidence():
    text = "The fishing\ncooperative   backs the\nnew quota."
    finding = make_finding("d", text, text, "The fishing\ncooperative", "backs", "the\nnew quota")
    out = io.StringIO()
    TableSink(out).write(finding)
    assert "    > The fishing cooperative backs the new quota.\n" in out.getvalue()


def test_plain_table_has_no_escape_codes():
    out = io.StringIO()
    sink = TableSink(out, color=False)
    sink.write(pier())
    sink.write(tram())
    assert "\x1b[" not in out.getvalue()
    assert highlight(pier(), False) == pier().sentence.text


def test_colour_marks_actor_cue_and_topic_inside_the_sentence():
    finding = pier()
    marked = highlight(finding, True)
    assert click.style("The harbour board", bold=True) in marked
    assert click.style("backs", underline=True) in marked
    assert click.style("the new pier extension", fg="cyan") in marked
    # nothing else is marked, and without the marks it is the sentence
    assert marked.count("\x1b[0m") == 3
    assert click.unstyle(marked) == finding.sentence.text


def test_colour_table_marks_the_evidence_line():
    out = io.StringIO()
    TableSink(out, color=True).write(fees())
    evidence = [line for line in out.getvalue().splitlines() if line.startswith("    > ")]
    assert evidence == ["    > " + highlight(fees(), True)]
    assert click.style("the mooring fees", fg="cyan") in evidence[0]


def test_table_with_fields_prints_one_row_per_finding():
    out = io.StringIO()
    sink = TableSink(out, ("actor.name", "polarity", "topic.text"))
    sink.write(pier())
    sink.write(fees())
    assert out.getvalue().splitlines() == [
        "== skye/pier ==",
        "  harbour board | support | the new pier extension",
        "  Local fishermen | oppose | the mooring fees",
    ]


# --- JSON, JSONL, CSV ----------------------------------------------------------------------


def test_json_sink_writes_an_empty_array_for_no_findings():
    out = io.StringIO()
    JsonSink(out).close()
    assert json.loads(out.getvalue()) == []


def test_json_sink_writes_an_array_of_records():
    out = io.StringIO()
    sink = open_sink("json", out)
    for finding in (pier(), fees(), tram()):
        sink.write(finding)
    sink.close()
    assert [Finding.from_dict(r) for r in json.loads(out.getvalue())] == [pier(), fees(), tram()]


def test_jsonl_sink_writes_one_record_per_line_with_selected_fields():
    out = io.StringIO()
    sink = JsonlSink(out, ("doc", "actor.name", "polarity"))
    sink.write(pier())
    sink.write(fees())
    sink.close()
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {"doc": "skye/pier", "actor": {"name": "harbour board"}, "polarity": "support"},
        {"doc": "skye/pier", "actor": {"name": "Local fishermen"}, "polarity": "oppose"},
    ]


def test_csv_quotes_sentences_with_commas_quotes_and_line_breaks():
    broken = 'Dr Amal Rees, the trust\'s director, said "we support\nthe merger, fully" on Monday.'
    findings = [
        tram(),
        make_finding("d", broken, broken, "Dr Amal Rees", "support", "the merger"),
    ]
    out = io.StringIO(newline="")
    sink = CsvSink(out)
    for finding in findings:
        sink.write(finding)
    sink.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["sentence.text"] for row in rows] == [QUOTED, broken]
    assert [row["topic.text"] for row in rows] == ["the tram plan", "the merger"]
    assert rows[0]["date"] == ""  # None is an empty cell, not "None"


def test_csv_columns_follow_fields():
    out = io.StringIO()
    sink = CsvSink(out, ("doc", "actor.name", "polarity", "speaker"))
    sink.write(tram())
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [
        ["doc", "actor.name", "polarity", "speaker"],
        ["city/tram", "Ines Calder", "support", "Mayor Ines Calder"],
    ]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        open_sink("xml", io.StringIO())


# --- the finding record ---------------------------------------------------------------------


@pytest.mark.parametrize("make", [pier, fees, merger, tram])
def test_finding_survives_a_round_trip_through_its_record(make):
    finding = make()
    assert Finding.from_dict(finding.to_dict()) == finding
    assert Finding.from_dict(json.loads(json.dumps(finding.to_dict()))) == finding


def test_finding_without_cue_survives_a_round_trip():
    finding = make_finding("d", HARBOUR, HARBOUR, "The harbour board", None, "the new pier")
    assert finding.cue is None
    assert finding.to_dict()["cue"] is None
    assert Finding.from_dict(finding.to_dict()) == finding


# --- atomic output files --------------------------------------------------------------------


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_output_replaces_the_file_only_on_success(tmp_path):
    target = tmp_path / "out" / "findings.jsonl"
    with atomic_text_output(target) as stream:
        JsonlSink(stream).write(pier())
        assert not target.exists()  # nothing appears until the writer is done
    assert Finding.from_dict(json.loads(target.read_text(encoding="utf-8"))) == pier()
    assert leftovers(target.parent) == []


def test_atomic_output_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "findings.jsonl"
    target.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text_output(target) as stream:
        stream.write("half a reco")
        raise RuntimeError("disk gone")
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("written", [0, 2])
def test_json_file_is_valid_after_an_interrupt(tmp_path, written):
    target = tmp_path / "findings.json"
    target.write_text("previous run\n", encoding="utf-8")
    findings = [pier(), fees(), merger()]
    with pytest.raises(KeyboardInterrupt), atomic_text_output(target) as stream:
        sink = JsonSink(stream)
        try:
            for finding in findings[:written]:
                sink.write(finding)
            raise KeyboardInterrupt
        finally:
            sink.close()
    records = json.loads(target.read_text(encoding="utf-8"))
    assert [Finding.from_dict(r) for r in records] == findings[:written]
    assert leftovers(tmp_path) == []


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_output_file_gets_ordinary_permissions(tmp_path, umask_022):
    target = tmp_path / "findings.csv"
    with atomic_text_output(target) as stream:
        stream.write("id\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_replaced_output_file_keeps_its_permissions(tmp_path, umask_022):
    target = tmp_path / "findings.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o664)
    with atomic_text_output(target) as stream:
        stream.write("id\n")
    assert target.read_text(encoding="utf-8") == "id\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_no_temporary_file_is_left_when_the_target_cannot_be_replaced(tmp_path):
    target = tmp_path / "findings.jsonl"
    target.mkdir()  # a folder where the output file should go
    with pytest.raises(OSError), atomic_text_output(target) as stream:
        JsonlSink(stream).write(pier())
    assert target.is_dir() and list(target.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_no_temporary_file_is_left_when_the_last_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "findings.jsonl"

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"), atomic_text_output(target) as stream:
        JsonlSink(stream).write(pier())
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_pipe_or_device_given_as_output_is_written_to_not_replaced(tmp_path):
    # `-o /dev/null` or `-o some-fifo`: renaming a file over them would turn the device into
    # a plain file (as root, /dev/null itself), so they are written directly
    fifo = tmp_path / "findings.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    with atomic_text_output(fifo) as stream:
        stream.write("one line\n")
    reader.join(timeout=10)
    assert received == ["one line\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []
