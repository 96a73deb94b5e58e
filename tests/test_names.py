"""One name per person across a collection: what is merged, what is left apart, and the
commands that count by name (track, report, export) doing it the same way."""

from __future__ import annotations

import json
import re

import pytest
from test_tracking import finding

from stancekit.cli import main
from stancekit.tracking.names import collection_names, merge_names
from stancekit.tracking.timeline import Named, track


def merged(*names: str, dictionary: dict[str, str] | None = None) -> dict[str, str]:
    """written name -> the name it counts as, for the names that change."""
    given = [Named(name.casefold(), name) for name in names]
    given += [Named(key, name) for key, name in (dictionary or {}).items()]
    merges = merge_names(given)
    return {merges.written[key]: named.name for key, named in merges.merged.items()}


def test_titles_initials_and_descriptors_fall_away():
    assert merged(
        "Laura Bianchi", "Laura Bianchi", "Laura M. Bianchi", "Mrs. Bianchi", "Transport Minister Laura Bianchi"
    ) == {
        "Laura M. Bianchi": "Laura Bianchi",
        "Mrs. Bianchi": "Laura Bianchi",
        "Transport Minister Laura Bianchi": "Laura Bianchi",
    }


def test_a_descriptor_in_capitals_before_a_full_name_falls_away():
    assert merged("Peter Novak", "Conservative Peter Novak") == {"Conservative Peter Novak": "Peter Novak"}


def test_a_surname_is_the_one_person_named_in_full_with_it():
    assert merged("Sarah Lindqvist", "Lindqvist") == {"Lindqvist": "Sarah Lindqvist"}


def test_a_surname_two_people_share_stays_as_written():
    assert merged("Anna Kowalski", "David Kowalski", "Kowalski", "Mr. Kowalski") == {}


def test_a_surname_with_no_full_name_in_the_collection_stays_as_written():
    assert merged("Kowalski", "Mr. Kowalski", "Ms. Kowalski") == {}


def test_groups_offices_and_possessions_are_not_people():
    assert merged("Labour Democrats", "Democrats") == {}  # not a person: no first name
    assert merged("Maria Santos", "Santos") == {"Santos": "Maria Santos"}
    assert merged("New Jersey", "New Jersey governor") == {}  # the governor is not the state
    assert merged("Maria Santos", "Santos's") == {}  # something of hers, not her
    assert merged("Maria Santos", "the Santos family", "santos") == {}  # not written as names


def test_dictionary_names_keep_their_ids_and_take_in_no_other_name():
    # the dictionary did not give "Ortega" to its Daniel Ortega: that is not ours to overrule
    assert merged("Ortega", "Mr. Ortega", dictionary={"NIC": "Nicaragua", "ORTEGA": "Daniel Ortega"}) == {}


def test_the_shortest_common_way_a_name_is_written_is_the_one_shown():
    assert merged("Sen. Peter Novak", "Novak") == {"Sen. Peter Novak": "Peter Novak", "Novak": "Peter Novak"}
    assert merged("Peter J. Novak", "Peter J. Novak", "Peter Novak") == {"Peter J. Novak": "Peter Novak"}


FINDINGS = [
    finding(1, "2024-03-04", "Laura Bianchi", "the toll", "support"),
    finding(2, "2024-03-09", "Mrs. Bianchi", "the toll", "support"),
    finding(3, "2024-05-02", "Bianchi", "the toll", "oppose"),
    finding(4, "2024-05-20", "Transport Minister Laura Bianchi", "the toll", "oppose"),
    finding(5, "2024-05-21", "The union", "Bianchi", "oppose"),
]


def test_track_counts_one_person_once_and_finds_the_shift_her_names_hid():
    apart = track(FINDINGS, "month", min_evidence=2)
    # "Mrs. Bianchi" and "Bianchi" share a key, and so do "Transport Minister Laura Bianchi" and
    # "Laura Bianchi": titles, and where a titled person serves, fall away
    assert len(apart.series) == 3
    assert apart.shifts == ()
    together = track(FINDINGS, "month", min_evidence=2, names=collection_names(FINDINGS))
    pairs = {(s.actor.name, s.topic.name): s.total for s in together.series}
    assert pairs == {("Laura Bianchi", "the toll"): 4, ("The union", "Laura Bianchi"): 1}
    assert [(s.actor.name, s.direction) for s in together.shifts] == [("Laura Bianchi", "turned against")]


@pytest.fixture
def findings_file(tmp_path):
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in FINDINGS), encoding="utf-8")
    return path


def test_track_merges_by_default_says_so_and_no_merge_names_keeps_them_apart(capsys, findings_file):
    assert main(["track", str(findings_file), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    actors = {s["actor"]["name"] for s in json.loads(out)["series"]}
    assert actors == {"Laura Bianchi", "The union"}
    assert "1 names counted as the full name of the one person they name (Mrs. Bianchi -> Laura Bianchi)" in err
    assert "--no-merge-names keeps them apart" in err

    assert main(["track", str(findings_file), "--format", "json", "--no-merge-names"]) == 0
    out, err = capsys.readouterr()
    assert {s["actor"]["name"] for s in json.loads(out)["series"]} == {"Laura Bianchi", "Mrs. Bianchi", "The union"}
    assert "names counted" not in err


def test_export_and_report_merge_the_same_names(capsys, findings_file, tmp_path):
    assert main(["export", str(findings_file), "--to", "edges-csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert sorted(row.split(",")[0] for row in rows) == ["Laura Bianchi", "Laura Bianchi", "The union"]

    page = tmp_path / "report.html"
    assert main(["report", str(findings_file), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r'<tr[^>]* data-actor="([^"]*)" data-topic="([^"]*)"', html)
    assert sorted(rows) == [("laura bianchi", "toll")] * 4 + [("union", "laura bianchi")]
    assert "Mrs. Bianchi" in html  # as the finding wrote her, beside the name she is counted under
