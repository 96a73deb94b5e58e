"""Document dates: record fields first, then a metadata sidecar, then the file name."""

from __future__ import annotations

import datetime
import json

import pytest

from stancekit.cli import main
from stancekit.exitcodes import ExitCode
from stancekit.text.dates import MetadataError, date_in_name, load_metadata, parse_date
from stancekit.text.documents import InputOptions, iter_documents

STORY = "The harbour board backs the new pier."


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("nyt_2016-09-30_slug.txt", "2016-09-30"),
        ("2024-02-29-leap.txt", "2024-02-29"),
        ("report-2023-02-30-then-2023-03-01.txt", "2023-03-01"),  # no 30 February: the next one
        ("story-12016-09-30.txt", None),  # five digits are no year
        ("plain.txt", None),
    ],
)
def test_date_in_name(name, date):
    assert date_in_name(name) == date


def test_parse_date_reads_dates_and_timestamps():
    assert parse_date("2016-09-30T14:02:00Z") == datetime.date(2016, 9, 30)
    assert parse_date(" 2016-09-30 ") == datetime.date(2016, 9, 30)
    assert parse_date("30/09/2016") is None
    assert parse_date(None) is None


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "nyt_2016-09-30_pier.txt").write_text(STORY, encoding="utf-8")
    (folder / "undated-story.txt").write_text(STORY, encoding="utf-8")
    (folder / "sidecar-story.txt").write_text(STORY, encoding="utf-8")
    return folder


def test_file_names_give_dates(corpus):
    dates = {d.id: d.date for d in iter_documents([corpus])}
    assert dates == {"nyt_2016-09-30_pier": "2016-09-30", "sidecar-story": None, "undated-story": None}


def test_a_sidecar_gives_dates_and_fields_joined_on_the_file_name(corpus, tmp_path):
    sidecar = tmp_path / "meta.tsv"
    sidecar.write_text(
        "filename\tpublication_date\tpublisher\n"
        "sidecar-story.txt\t2016-10-02\tGazette\n"
        "nyt_2016-09-30_pier\t2016-10-05\tTimes\n",
        encoding="utf-8",
    )
    metadata = load_metadata(sidecar, "filename", "publication_date")
    documents = {d.id: d for d in iter_documents([corpus], InputOptions(metadata=metadata))}
    assert documents["sidecar-story"].date == "2016-10-02"
    assert documents["sidecar-story"].meta["publisher"] == "Gazette"
    assert documents["nyt_2016-09-30_pier"].date == "2016-10-05"  # the sidecar before the name
    assert documents["undated-story"].date is None


def test_a_record_date_field_comes_first(tmp_path):
    source = tmp_path / "feed_2020-01-01.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": STORY, "date": "2016-09-30"})
        + "\n"
        + json.dumps({"id": "b_2017-05-04", "text": STORY})
        + "\n",
        encoding="utf-8",
    )
    assert [(d.id, d.date) for d in iter_documents([source])] == [("a", "2016-09-30"), ("b_2017-05-04", "2017-05-04")]


def test_a_sidecar_without_the_named_columns_is_refused(tmp_path):
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("name,when\nx,2016-01-01\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"no 'id' column \(columns: name, when\); name it with --id-column"):
        load_metadata(sidecar)


def test_scan_reports_documents_without_a_date_and_dates_findings(corpus, tmp_path, capsys):
    out = tmp_path / "findings.jsonl"
    assert main(["scan", str(corpus), "-o", str(out), "--no-cache"]) == ExitCode.OK
    assert "; 2 without a date" in capsys.readouterr().err
    dates = sorted((json.loads(line)["doc"], json.loads(line)["date"]) for line in out.read_text().splitlines())
    assert ("nyt_2016-09-30_pier", "2016-09-30") in dates and ("undated-story", None) in dates


def test_scan_with_a_broken_sidecar_exits_4(corpus, tmp_path, capsys):
    assert main(["scan", str(corpus), "--metadata", str(tmp_path / "absent.tsv")]) == ExitCode.INPUT_ERROR
    assert "absent.tsv: cannot read" in capsys.readouterr().err
