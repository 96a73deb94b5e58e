"""Documents in: text files, folders, JSONL, CSV/TSV and standard input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from stancekit.text.documents import Document, InputOptions, InputProblem, iter_documents

STORY = "The port authority approved the expansion on Thursday.\nFishermen said they would appeal.\n"


class Problems(list):
    """Collects what `on_problem` reports."""

    def __call__(self, problem: InputProblem) -> None:
        assert isinstance(problem, InputProblem)
        self.append(problem)


def read(paths, options: InputOptions | None = None) -> tuple[list[Document], Problems]:
    problems = Problems()
    docs = list(iter_documents([str(p) for p in paths], options, problems))
    return docs, problems


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.fixture
def stdin(monkeypatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", FakeStdin(data))

    return feed


# --- text files and folders ----------------------------------------------------------------


def test_single_text_file(tmp_path):
    path = tmp_path / "harbour-vote.txt"
    path.write_text(STORY, encoding="utf-8")
    docs, problems = read([path])
    assert [(d.id, d.text) for d in docs] == [("harbour-vote", STORY)]
    assert docs[0].date is None
    assert docs[0].source == str(path)
    assert problems == []


def test_path_objects_are_accepted(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("Short brief.", encoding="utf-8")
    problems = Problems()
    assert [d.id for d in iter_documents([path], on_problem=problems)] == ["brief"]


def test_folder_is_scanned_recursively_with_relative_ids(tmp_path):
    (tmp_path / "2016" / "09").mkdir(parents=True)
    (tmp_path / "2016" / "09" / "debate.txt").write_text("The candidates sparred over trade.", encoding="utf-8")
    (tmp_path / "2016" / "budget.txt").write_text("The budget passed.", encoding="utf-8")
    (tmp_path / "editorial.md").write_text("We oppose the levy.", encoding="utf-8")
    docs, problems = read([tmp_path])
    ids = [d.id for d in docs]
    assert sorted(ids) == ["2016/09/debate", "2016/budget", "editorial"]
    assert {d.id: d.text for d in docs}["2016/09/debate"] == "The candidates sparred over trade."
    assert problems == []


def test_folder_order_is_stable(tmp_path):
    for name in ["zeta.txt", "alpha.txt", "mid.txt", "b/one.txt", "a/two.txt"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Story {name}.", encoding="utf-8")
    first = [d.id for d in read([tmp_path])[0]]
    second = [d.id for d in read([tmp_path])[0]]
    assert first == second
    assert first == ["a/two", "alpha", "b/one", "mid", "zeta"]


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / "visible.txt").write_text("Shown.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Hidden draft.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Repository notes.", encoding="utf-8")
    (tmp_path / "desk" / ".cache").mkdir(parents=True)
    (tmp_path / "desk" / ".cache" / "copy.txt").write_text("Cached copy.", encoding="utf-8")
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["visible"]
    assert problems == []


def test_folder_inside_a_hidden_folder_can_be_scanned(tmp_path):
    folder = tmp_path / ".archive" / "wire"
    folder.mkdir(parents=True)
    (folder / "item.txt").write_text("Wire item.", encoding="utf-8")
    assert [d.id for d in read([folder])[0]] == ["item"]


def test_several_paths_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    docs, _ = read([tmp_path / "b.txt", tmp_path / "a.txt"])
    assert [d.id for d in docs] == ["b", "a"]


# --- encodings and binary files --------------------------------------------------------------


def test_utf8_with_and_without_bom(tmp_path):
    text = "Caf\u00e9 owners in S\u00e3o Paulo oppose the \u201cnight tax\u201d."
    (tmp_path / "plain.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    docs, problems = read([tmp_path / "plain.txt", tmp_path / "bom.txt"])
    assert [d.text for d in docs] == [text, text]
    assert problems == []


def test_undecodable_bytes_are_reported_and_replaced(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("The caf\u00e9 closed. Owners protested.".encode("latin-1"))
    docs, problems = read([path])
    assert [d.text for d in docs] == ["The caf\ufffd closed. Owners protested."]
    assert len(problems) == 1
    assert problems[0].skipped is False
    assert problems[0].fatal is False
    assert str(path) in str(problems[0])


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"Looks like text\x00\x00\x01\x02 but is not",
    ],
)
def test_binary_files_are_skipped_and_reported(tmp_path, data):
    (tmp_path / "attachment.txt").write_bytes(data)
    (tmp_path / "story.txt").write_text("The story survives.", encoding="utf-8")
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["story"]
    assert len(problems) == 1
    assert problems[0].skipped is True
    assert "attachment" in problems[0].where


def test_missing_path_is_fatal_and_the_rest_still_read(tmp_path):
    (tmp_path / "here.txt").write_text("Present.", encoding="utf-8")
    docs, problems = read([tmp_path / "gone.txt", tmp_path / "here.txt"])
    assert [d.id for d in docs] == ["here"]
    assert len(problems) == 1
    assert problems[0].fatal is True
    assert "gone.txt" in problems[0].where


def test_problems_are_ignored_without_a_handler(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    docs = list(iter_documents([str(tmp_path / "missing"), str(tmp_path / "ok.txt")]))
    assert [d.id for d in docs] == ["ok"]


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_records(tmp_path):
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        [
            {"id": "w-101", "text": "Ministers backed the plan.", "date": "2016-09-30", "outlet": "Courier"},
            {"id": "w-102", "text": "Unions rejected it.", "section": "labour", "words": 3},
        ],
    )
    docs, problems = read([path])
    assert [(d.id, d.text, d.date) for d in docs] == [
        ("w-101", "Ministers backed the plan.", "2016-09-30"),
        ("w-102", "Unions rejected it.", None),
    ]
    assert dict(docs[0].meta) == {"outlet": "Courier"}
    assert dict(docs[1].meta) == {"section": "labour", "words": 3}
    assert problems == []


def test_jsonl_ndjson_suffix_and_missing_id(tmp_path):
    path = write_jsonl(tmp_path / "feed.ndjson", [{"text": "An unnamed item."}])
    docs, _ = read([path])
    assert len(docs) == 1
    assert docs[0].text == "An unnamed item."
    assert docs[0].id  # an id is made up; never empty
    assert docs[0].id.startswith("feed")


def test_jsonl_numeric_id_becomes_a_string(tmp_path):
    docs, _ = read([write_jsonl(tmp_path / "n.jsonl", [{"id": 42, "text": "Numbered."}])])
    assert docs[0].id == "42"


def test_jsonl_field_names_can_be_overridden(tmp_path):
    path = write_jsonl(
        tmp_path / "export.jsonl",
        [{"doc_id": "ex-1", "body": "The regulator fined the bank.", "published": "2021-03-04", "id": "ignored"}],
    )
    options = InputOptions(id_field="doc_id", text_field="body", date_field="published")
    docs, problems = read([path], options)
    assert [(d.id, d.text, d.date) for d in docs] == [("ex-1", "The regulator fined the bank.", "2021-03-04")]
    assert dict(docs[0].meta) == {"id": "ignored"}
    assert problems == []


def test_bad_jsonl_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a1", "text": "The first report."}\n'
        '{"id": "a2", "text": "Cut off mid-\n'
        '{"id": "a3", "headline": "No body here"}\n'
        "\n"
        '["not", "an", "object"]\n'
        '{"id": "a5", "text": null}\n'
        '{"id": "a6", "text": "The last report."}\n',
        encoding="utf-8",
    )
    docs, problems = read([path])
    assert [d.id for d in docs] == ["a1", "a6"]
    assert len(problems) == 4
    assert all(p.skipped and not p.fatal for p in problems)
    where = [p.where for p in problems]
    assert where[0].startswith(f"{path}:2")
    assert where[1:] == [f"{path}:3", f"{path}:5", f"{path}:6"]
    assert "text" in problems[1].message  # says which field is missing


def test_jsonl_with_bom_and_undecodable_bytes(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "l1", "text": "Clean line."}\n{"id": "l2", "text": "Caf\xe9 owners protest."}\n'
    )
    docs, problems = read([path])
    assert [(d.id, d.text) for d in docs] == [("l1", "Clean line."), ("l2", "Caf\ufffd owners protest.")]
    assert len(problems) == 1
    assert problems[0].skipped is False
    assert problems[0].where == f"{path}:2"


def test_jsonl_line_with_nul_bytes_is_skipped(tmp_path):
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(b'{"id": "d1", "text": "Kept."}\n\x00\x00\x00\x00\n{"id": "d3", "text": "Also kept."}\n')
    docs, problems = read([path])
    assert [d.id for d in docs] == ["d1", "d3"]
    assert len(problems) == 1 and problems[0].skipped


# --- CSV and TSV -------------------------------------------------------------------------------


def test_csv_records(tmp_path):
    path = tmp_path / "letters.csv"
    path.write_text(
        "id,text,date,author\n"
        'l-1,"Sir, the new bypass is a mistake.",2019-05-02,R. Tan\n'
        'l-2,"Two lines:\nboth opposed.",,\n',
        encoding="utf-8",
    )
    docs, problems = read([path])
    assert [(d.id, d.text, d.date) for d in docs] == [
        ("l-1", "Sir, the new bypass is a mistake.", "2019-05-02"),
        ("l-2", "Two lines:\nboth opposed.", None),
    ]
    assert docs[0].meta["author"] == "R. Tan"
    assert problems == []


def test_tsv_with_overridden_columns(tmp_path):
    path = tmp_path / "speeches.tsv"
    path.write_text(
        "speech\tbody\twhen\tspeaker\ns-7\tWe will vote against the treaty.\t2018-11-20\tLindqvist\n",
        encoding="utf-8",
    )
    options = InputOptions(id_field="speech", text_field="body", date_field="when")
    docs, problems = read([path], options)
    assert [(d.id, d.text, d.date) for d in docs] == [("s-7", "We will vote against the treaty.", "2018-11-20")]
    assert dict(docs[0].meta) == {"speaker": "Lindqvist"}
    assert problems == []


def test_csv_with_bom(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfid,text\ne-1,Exported from a spreadsheet.\n")
    docs, problems = read([path])
    assert [(d.id, d.text) for d in docs] == [("e-1", "Exported from a spreadsheet.")]
    assert problems == []


def test_csv_missing_text_column_is_reported(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\nx-1,The text is in the wrong column.\n", encoding="utf-8")
    docs, problems = read([path])
    assert docs == []
    assert len(problems) == 1
    assert "body" in problems[0].message  # lists the columns it did find
    assert "text" in problems[0].message


def test_csv_undecodable_bytes_are_reported(tmp_path):
    """Regression: the table reader replaced bytes that are not UTF-8 without a word."""
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"id,text,outlet\nc-1,Caf\xe9 owners protest.,Le R\xe9veil\nc-2,Clean row.,Post\n")
    docs, problems = read([path])
    assert [(d.id, d.text) for d in docs] == [("c-1", "Caf\ufffd owners protest."), ("c-2", "Clean row.")]
    assert docs[0].meta["outlet"] == "Le R\ufffdveil"
    assert len(problems) == 1
    assert problems[0].skipped is False
    assert problems[0].where == f"{path}:2"


def test_csv_undecodable_header_is_reported_and_replaced(tmp_path):
    path = tmp_path / "header.csv"
    path.write_bytes(b"id,text,r\xe9gion\nh-1,Fine.,Nord\n")
    docs, problems = read([path])
    assert dict(docs[0].meta) == {"r\ufffdgion": "Nord"}
    json.dumps(dict(docs[0].meta)).encode("utf-8")  # no lone surrogates leak into meta
    assert len(problems) == 1 and not problems[0].skipped


def test_csv_with_old_mac_line_endings(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b'id,text\rm-1,First.\rm-2,"Two\rlines."\r')
    docs, problems = read([path])
    assert [(d.id, d.text) for d in docs] == [("m-1", "First."), ("m-2", "Two\rlines.")]
    assert problems == []


def test_input_format_forces_jsonl_on_any_suffix(tmp_path):
    path = write_jsonl(tmp_path / "dump.log", [{"id": "f-1", "text": "Forced format."}])
    docs, _ = read([path], InputOptions(input_format="jsonl"))
    assert [(d.id, d.text) for d in docs] == [("f-1", "Forced format.")]


# --- standard input ----------------------------------------------------------------------------


def test_stdin_plain_text(stdin):
    stdin(STORY.encode("utf-8"))
    docs, problems = read(["-"])
    assert [(d.id, d.text) for d in docs] == [("stdin", STORY)]
    assert problems == []


def test_stdin_jsonl_is_detected(stdin):
    stdin(
        b'  {"id": "p-1", "text": "Piped in.", "date": "2020-02-02"}\n'
        b"not json at all\n"
        b'{"id": "p-3", "text": "Still read."}\n'
    )
    docs, problems = read(["-"])
    assert [(d.id, d.text, d.date) for d in docs] == [("p-1", "Piped in.", "2020-02-02"), ("p-3", "Still read.", None)]
    assert len(problems) == 1
    assert problems[0].where.startswith("<stdin>:2")


def test_stdin_jsonl_with_bom_is_detected(stdin):
    stdin(b'\xef\xbb\xbf{"id": "b-1", "text": "Byte order mark first."}\n')
    docs, _ = read(["-"])
    assert [(d.id, d.text) for d in docs] == [("b-1", "Byte order mark first.")]


def test_stdin_text_starting_with_a_brace_can_be_forced_to_text(stdin):
    stdin(b"{Editor's note} The mayor resigned.")
    docs, _ = read(["-"], InputOptions(input_format="text"))
    assert [d.text for d in docs] == ["{Editor's note} The mayor resigned."]


def test_stdin_undecodable_text_is_reported(stdin):
    stdin("Na\u00efve hopes.".encode("latin-1"))
    docs, problems = read(["-"])
    assert [d.text for d in docs] == ["Na\ufffdve hopes."]
    assert [(p.where, p.skipped) for p in problems] == [("<stdin>", False)]


def test_stdin_and_files_together(stdin, tmp_path):
    stdin(b"From the pipe.")
    (tmp_path / "disk.txt").write_text("From the disk.", encoding="utf-8")
    docs, _ = read(["-", tmp_path / "disk.txt"])
    assert [(d.id, d.text) for d in docs] == [("stdin", "From the pipe."), ("disk", "From the disk.")]
