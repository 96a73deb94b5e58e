"""`stancekit export` and `stancekit.networks`: two-mode and one-mode discourse networks, duplicate
handling, time windows and roll-up, written as GraphML (read back with networkx), DNA's
statement list and an edge list. Every expected count below is worked out by hand from the
findings in this file."""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from stancekit.cli import main
from stancekit.exitcodes import ExitCode
from stancekit.findings import ActorRef, Affiliated, Finding, RuleRef, TextSpan, TopicRef
from stancekit.networks import build_network, select_statements, two_mode, write_graphml
from stancekit.networks.tables import dna_time

# --- hand-made findings -------------------------------------------------------------------------

# Actors and topics with characters that XML and CSV must escape.
OSLO = "Oslo Council"
BERGEN = "Bergen Port & Co"
TROMSO = "Zoë <Tromsø>"
FERRY = "ferry plan"
TOLL = 'the "toll"'
BRIDGE = "bridge"


def finding(
    number: int,
    doc: str,
    date: str | None,
    actor: str,
    topic: str,
    polarity: str,
    *,
    actor_type: str = "organisation",
    actor_id: str | None = None,
    topic_id: str | None = None,
    affiliations: tuple[tuple[str, str], ...] = (),
    sentence: str | None = None,
) -> Finding:
    verb = {"support": "backs", "oppose": "rejects", "neutral": "discusses"}[polarity]
    text = sentence or f"{actor} {verb} {topic}."
    start = 100 * number
    return Finding(
        id=f"f{number:02d}",
        doc=doc,
        date=date,
        sentence=TextSpan(text, start, start + len(text)),
        actor=ActorRef(
            actor,
            start,
            start + len(actor),
            actor,
            actor_id,
            type=actor_type,
            affiliations=tuple(Affiliated(*a) for a in affiliations),
        ),
        topic=TopicRef(topic, start + 20, start + 20 + len(topic), topic, topic_id),
        polarity=polarity,
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef("local.rule", "rules/local.yaml", 1),
        ruleset="a" * 64,
    )


# 2023-03-06 and 2023-03-08 are in ISO week 10, 2023-03-20 in week 12, 2023-03-27 in week 13.
FINDINGS = [
    finding(1, "d1", "2023-03-06", OSLO, FERRY, "support"),
    finding(2, "d1", "2023-03-06", OSLO, FERRY, "support"),  # again in the same document
    finding(3, "d2", "2023-03-08", OSLO, FERRY, "support"),  # same week, another document
    finding(4, "d3", "2023-03-20", OSLO, FERRY, "oppose"),  # Oslo on both sides of the ferry plan
    finding(5, "d2", "2023-03-08", BERGEN, FERRY, "support"),
    finding(6, "d3", "2023-03-20", BERGEN, TOLL, "oppose"),
    finding(7, "d4", "2023-04-03", TROMSO, TOLL, "oppose", actor_type="person"),
    finding(8, "d4", "2023-04-03", TROMSO, FERRY, "support", actor_type="person"),
    finding(9, "d5", None, OSLO, BRIDGE, "neutral"),
    finding(10, "d6", None, BERGEN, BRIDGE, "support"),
    finding(11, "d7", "2023-03-27", OSLO, FERRY, "support"),  # another week, same month
]

A, B, C = (f"actor:{name.casefold()}" for name in (OSLO, BERGEN, TROMSO))
X, Y, Z = "topic:ferry plan", "topic:toll", "topic:bridge"  # topics are keyed by their core: no article, no quotes


@pytest.fixture
def findings_file(tmp_path) -> Path:
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in FINDINGS), encoding="utf-8")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["export", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def graph_of(capsys, findings_file, *args) -> nx.Graph:
    code, out, err = run(capsys, findings_file, "--to", "graphml", *args)
    assert code == ExitCode.OK, err
    return nx.read_graphml(io.BytesIO(out.encode("utf-8")), force_multigraph=True)


def weights(graph: nx.MultiGraph) -> dict[tuple[str, str, str], int]:
    """(node, node, agreement or relation) -> weight, with the two nodes of an undirected edge sorted."""
    found = {}
    for u, v, data in graph.edges(data=True):
        kind = data.get("agreement") or data.get("relation")
        found[(*sorted((u, v)), kind)] = data["weight"]
    return found


def ties(expected: dict[tuple[str, str, str], int]) -> dict[tuple[str, str, str], int]:
    """`expected` keyed as `weights` keys it: the two nodes of each tie sorted."""
    return {(*sorted((u, v)), kind): weight for (u, v, kind), weight in expected.items()}


# --- two-mode -----------------------------------------------------------------------------------


def test_two_mode_graphml_loads_in_networkx_with_the_counts_worked_out_by_hand(capsys, findings_file):
    code, out, err = run(capsys, findings_file, "--to", "graphml")
    assert code == ExitCode.OK
    graph = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    # Oslo both supports and opposes the ferry plan: two edges between one pair
    assert isinstance(graph, nx.MultiGraph)
    assert sorted(graph.nodes) == sorted([A, B, C, X, Y, Z])
    assert {n: graph.nodes[n]["type"] for n in graph} == {A: "actor", B: "actor", C: "actor"} | dict.fromkeys(
        (X, Y, Z), "topic"
    )
    assert graph.nodes[A]["label"] == OSLO
    # once per document (the default): f02 repeats f01 in d1; f09 is neutral
    assert weights(graph) == {
        (A, X, "support"): 3,  # d1, d2, d7
        (A, X, "oppose"): 1,
        (B, X, "support"): 1,
        (B, Y, "oppose"): 1,
        (B, Z, "support"): 1,
        (C, X, "support"): 1,
        (C, Y, "oppose"): 1,
    }
    assert graph.number_of_edges() == 7
    assert graph.nodes[A]["statements"] == 4
    assert graph.graph["network"] == "two-mode" and graph.graph["duplicates"] == "document"
    assert "11 findings: 9 statements" in err
    assert "1 repeated statements counted once per document" in err
    assert "1 neutral findings left out" in err
    assert "two-mode network: 3 actors, 3 topics, 7 edges" in err


def test_without_two_sides_on_a_pair_the_graphml_is_a_simple_graph(capsys, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(FINDINGS[0].to_dict()) + "\n" + json.dumps(FINDINGS[4].to_dict()) + "\n")
    code, out, _ = run(capsys, path, "--to", "graphml")
    assert code == ExitCode.OK
    graph = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    assert type(graph) is nx.Graph
    assert (graph.edges[A, X]["weight"], graph.edges[A, X]["agreement"]) == (1, "support")


def test_graphml_declares_its_keys_and_is_utf8_with_escapes(capsys, findings_file):
    _, out, _ = run(capsys, findings_file, "--to", "graphml")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    for key in ('id="type" for="node"', 'id="label" for="node"', 'id="weight" for="edge"', 'id="agreement"'):
        assert key in out
    assert 'attr.name="weight" attr.type="int"' in out
    assert "Bergen Port &amp; Co" in out and "Zoë &lt;Tromsø&gt;" in out
    assert "<Tromsø>" not in out


def test_special_characters_survive_the_round_trip(capsys, findings_file):
    graph = graph_of(capsys, findings_file)
    labels = {graph.nodes[n]["label"] for n in graph}
    assert labels == {OSLO, BERGEN, TROMSO, FERRY, TOLL, BRIDGE}
    assert B in graph and C in graph and Y in graph


def test_characters_xml_cannot_hold_are_dropped_from_labels():
    odd = finding(1, "d1", "2023-03-06", "Oslo\x01 Council\x00", FERRY, "support")
    stream = io.StringIO()
    write_graphml(two_mode(select_statements([odd]).statements), stream)
    graph = nx.read_graphml(io.BytesIO(stream.getvalue().encode("utf-8")))
    assert {graph.nodes[n]["label"] for n in graph} == {OSLO, FERRY}


def test_an_empty_selection_is_an_empty_but_valid_graph(capsys, findings_file):
    graph = graph_of(capsys, findings_file, "--from", "2030-01-01")
    assert graph.number_of_nodes() == 0 and graph.graph["from"] == "2030-01-01"


# --- one-mode -----------------------------------------------------------------------------------


def test_congruence_counts_pairs_of_statements_on_the_same_side_as_dna_does(capsys, findings_file):
    graph = graph_of(capsys, findings_file, "--network", "congruence")
    assert sorted(graph.nodes) == sorted([A, B, C])
    assert {graph.nodes[n]["type"] for n in graph} == {"actor"}
    # ferry plan: Oslo +3 -1, Bergen +1, Tromsø +1; toll: Bergen -1, Tromsø -1; bridge: Bergen alone
    assert weights(graph) == ties(
        {
            (A, B, "congruence"): 3,  # 3 x 1 on the ferry plan
            (A, C, "congruence"): 3,
            (B, C, "congruence"): 2,  # 1 on the ferry plan, 1 on the toll
        }
    )
    assert graph.graph["tie_weight"] == "pairs"


def test_congruence_by_topics_counts_each_side_of_each_topic_once(capsys, findings_file):
    graph = graph_of(capsys, findings_file, "--network", "congruence", "--one-mode-weight", "topics")
    assert weights(graph) == ties({(A, B, "congruence"): 1, (A, C, "congruence"): 1, (B, C, "congruence"): 2})


def test_conflict_ties_actors_on_opposite_sides(capsys, findings_file):
    graph = graph_of(capsys, findings_file, "--network", "conflict")
    # only Oslo's one oppose on the ferry plan meets the others' support; Bergen and Tromsø never differ
    assert weights(graph) == ties({(A, B, "conflict"): 1, (A, C, "conflict"): 1})
    assert sorted(graph.nodes) == sorted([A, B, C])


def test_one_mode_weights_from_python():
    both = [
        finding(1, "d1", "2023-01-01", "P", "t", "support"),
        finding(2, "d2", "2023-01-01", "P", "t", "oppose"),
        finding(3, "d1", "2023-01-01", "Q", "t", "support"),
        finding(4, "d2", "2023-01-01", "Q", "t", "support"),
        finding(5, "d3", "2023-01-01", "Q", "t", "oppose"),
    ]
    statements = select_statements(both).statements
    # P: +1 -1, Q: +2 -1
    assert [e.weight for e in build_network(statements, "congruence").edges] == [1 * 2 + 1 * 1]
    assert [e.weight for e in build_network(statements, "conflict").edges] == [1 * 1 + 1 * 2]
    assert [e.weight for e in build_network(statements, "congruence", "topics").edges] == [2]
    assert [e.weight for e in build_network(statements, "conflict", "topics").edges] == [2]


def test_an_actor_without_ties_is_still_a_node(capsys, tmp_path):
    path = tmp_path / "alone.jsonl"
    path.write_text(json.dumps(FINDINGS[0].to_dict()) + "\n")
    graph = graph_of(capsys, path, "--network", "conflict")
    assert list(graph.nodes) == [A] and graph.number_of_edges() == 0


# --- duplicates, time window, roll-up -----------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "oslo_support", "statements"),
    [
        ("document", 3, 9),  # d1 (twice), d2, d7
        ("week", 2, 8),  # week 10 (three findings), week 13
        ("month", 1, 7),  # all in March
        ("none", 4, 10),  # every finding but the neutral one
    ],
)
def test_duplicates_count_the_same_statement_once_per_document_week_or_month(
    capsys, findings_file, setting, oslo_support, statements
):
    code, out, err = run(capsys, findings_file, "--to", "graphml", "--duplicates", setting)
    assert code == ExitCode.OK
    graph = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    assert weights(graph)[(A, X, "support")] == oslo_support
    assert sum(weights(graph).values()) == statements
    assert f"11 findings: {statements} statements" in err
    assert graph.graph["duplicates"] == setting


def test_undated_statements_count_once_per_document_by_week_or_month():
    undated = [finding(n, doc, None, OSLO, FERRY, "support") for n, doc in ((1, "d1"), (2, "d1"), (3, "d2"))]
    selection = select_statements(undated, duplicates="week")
    assert [s.finding_id for s in selection.statements] == ["f01", "f03"]
    assert selection.undated_per_document == 3
    assert "undated statements counted once per document instead" in selection.note()


def test_time_window_keeps_findings_dated_inside_it_and_counts_the_rest(capsys, findings_file):
    code, out, err = run(capsys, findings_file, "--to", "graphml", "--from", "2023-03-07", "--until", "2023-03-31")
    assert code == ExitCode.OK
    graph = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    # f03, f04, f05, f06, f11 are in March after the 6th; f09 and f10 are undated
    assert weights(graph) == {(A, X, "support"): 2, (A, X, "oppose"): 1, (B, X, "support"): 1, (B, Y, "oppose"): 1}
    assert "2 undated findings left out of the time window" in err
    assert "4 findings outside the time window" in err
    assert (graph.graph["from"], graph.graph["until"]) == ("2023-03-07", "2023-03-31")


def test_time_window_bounds_are_inclusive():
    selection = select_statements(
        FINDINGS, since=datetime.date(2023, 3, 8), until=datetime.date(2023, 3, 20), duplicates="none"
    )
    assert [s.finding_id for s in selection.statements] == ["f03", "f04", "f05", "f06"]
    assert (selection.undated, selection.outside, selection.neutral) == (2, 5, 0)


def test_roll_up_counts_actors_for_their_body_and_topics_for_their_root(capsys, tmp_path):
    norway = (("NO", "Norway"),)
    rolled = [
        finding(1, "d1", "2023-03-06", "Oslo", "tax cuts", "support", affiliations=norway, topic_id="tax_cuts"),
        finding(2, "d1", "2023-03-06", "Bergen", "taxation", "support", affiliations=norway, topic_id="taxation"),
        finding(3, "d2", "2023-03-06", "Sweden", "tax cuts", "oppose", actor_id="SE", topic_id="tax_cuts"),
    ]
    path = tmp_path / "rolled.jsonl"
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in rolled))
    plain = graph_of(capsys, path)
    assert plain.number_of_nodes() == 5
    # the bundled topic dictionary: tax_cuts and taxation are under economy ("economic policy");
    # Oslo and Bergen in one document are one statement of Norway
    graph = graph_of(capsys, path, "--roll-up")
    assert sorted(graph.nodes) == ["actor:NO", "actor:SE", "topic:economy"]
    assert graph.nodes["topic:economy"]["label"] == "economic policy"
    assert weights(graph) == {("actor:NO", "topic:economy", "support"): 1, ("actor:SE", "topic:economy", "oppose"): 1}


def test_roll_up_reads_a_topic_dictionary_given_with_topics(capsys, tmp_path):
    dictionary = tmp_path / "sea.yaml"
    dictionary.write_text(
        "stancekit: 1\ntopics:\n"
        "  - {id: sea_transport, name: Sea transport, aliases: [sea transport]}\n"
        "  - {id: ferry_link, name: ferry link, aliases: [ferry link], parent: sea_transport}\n"
    )
    path = tmp_path / "sea.jsonl"
    path.write_text(
        json.dumps(finding(1, "d1", "2023-03-06", OSLO, "ferry link", "support", topic_id="ferry_link").to_dict())
    )
    graph = graph_of(capsys, path, "--roll-up", "--topics", dictionary)
    assert graph.nodes["topic:sea_transport"]["label"] == "Sea transport"


def test_a_topic_dictionary_that_does_not_load_exits_3(capsys, findings_file, tmp_path):
    dictionary = tmp_path / "broken.yaml"
    dictionary.write_text("stancekit: 1\ntopics:\n  - {id: t, name: t, aliases: [t], parent: nope}\n")
    code, out, err = run(capsys, findings_file, "--to", "graphml", "--roll-up", "--topics", dictionary)
    assert code == ExitCode.RULE_ERROR and out == ""
    assert "unknown parent 'nope'" in err


def test_findings_whose_actor_or_topic_is_unresolved_are_left_out():
    unnamed = finding(4, "d1", "2023-03-06", "its report", FERRY, "oppose")
    vague = [
        finding(1, "d1", "2023-03-06", "They", FERRY, "support"),
        finding(2, "d1", "2023-03-06", OSLO, "it", "oppose"),
        finding(3, "d1", "2023-03-06", OSLO, FERRY, "support"),
        replace(unnamed, actor=replace(unnamed.actor, name=None, via="unresolved")),
    ]
    selection = select_statements(vague)
    assert [s.finding_id for s in selection.statements] == ["f03"]
    assert selection.unresolved == 3
    assert "3 findings whose actor or topic is unresolved left out" in selection.note()


def test_actors_and_topics_are_grouped_as_track_groups_them():
    variants = [
        finding(1, "d1", "2023-03-06", "Oslo  Council", FERRY, "support"),
        finding(2, "d2", "2023-03-06", "OSLO COUNCIL", "Ferry Plan", "support"),
    ]
    network = two_mode(select_statements(variants).statements)
    assert [(n.id, n.label) for n in network.nodes] == [("actor:oslo council", "Oslo Council"), (X, FERRY)]
    assert [e.weight for e in network.edges] == [2]


# --- CSV formats --------------------------------------------------------------------------------


def test_dna_csv_lists_statements_in_time_order_with_dna_columns(capsys, findings_file):
    code, out, err = run(capsys, findings_file, "--to", "dna-csv")
    assert code == ExitCode.OK
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "statement ID",
        "time",
        "document ID",
        "text",
        "person",
        "organization",
        "concept",
        "agreement",
    ]
    # f02 repeats f01 in d1; f09 is neutral; the undated f10 comes last
    assert [r["statement ID"] for r in rows] == ["f01", "f03", "f05", "f04", "f06", "f11", "f07", "f08", "f10"]
    first, tromso = rows[0], rows[6]
    assert first == {
        "statement ID": "f01",
        "time": "2023-03-06 00:00:00",
        "document ID": "d1",
        "text": f"{OSLO} backs {FERRY}.",
        "person": "",
        "organization": OSLO,
        "concept": FERRY,
        "agreement": "1",
    }
    assert (tromso["person"], tromso["organization"], tromso["concept"], tromso["agreement"]) == (
        TROMSO,
        TROMSO,
        TOLL,
        "0",
    )
    assert tromso["text"] == f"{TROMSO} rejects {TOLL}."
    assert rows[-1]["time"] == ""
    assert "network" not in err


def test_dna_csv_keeps_sentences_with_commas_quotes_and_newlines(capsys, tmp_path):
    sentence = 'Tromsø said, "no toll; never",\nand left.'
    path = tmp_path / "quotes.jsonl"
    path.write_text(
        json.dumps(finding(1, "d1", "2023-03-06", TROMSO, TOLL, "oppose", sentence=sentence).to_dict()) + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, path, "--to", "dna-csv")
    assert code == ExitCode.OK
    (row,) = csv.DictReader(io.StringIO(out, newline=""))
    assert row["text"] == sentence and row["organization"] == TROMSO


def test_dna_times():
    assert dna_time("2016-09-30") == "2016-09-30 00:00:00"
    assert dna_time("2016-09-30T14:02:05Z") == "2016-09-30 14:02:05"
    assert dna_time("2016-09-30 soon") == "2016-09-30 00:00:00"
    assert dna_time(None) == dna_time("someday") == ""


def test_edges_csv_has_one_row_per_edge_of_the_chosen_network(capsys, findings_file):
    code, out, _ = run(capsys, findings_file, "--to", "edges-csv")
    assert code == ExitCode.OK
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["source", "target", "weight", "agreement", "source_id", "target_id"]
    assert len(rows) == 1 + 7
    assert [BERGEN, BRIDGE, "1", "support", B, Z] in rows
    assert [OSLO, FERRY, "3", "support", A, X] in rows and [OSLO, FERRY, "1", "oppose", A, X] in rows

    code, out, _ = run(capsys, findings_file, "--to", "edges-csv", "--network", "conflict")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["source", "target", "weight", "relation", "source_id", "target_id"],
        [BERGEN, OSLO, "1", "conflict", B, A],
        [OSLO, TROMSO, "1", "conflict", A, C],
    ]


# --- files and errors ---------------------------------------------------------------------------


def test_output_file_is_written_and_stdout_stays_empty(capsys, findings_file, tmp_path):
    target = tmp_path / "out" / "network.graphml"
    code, out, _ = run(capsys, findings_file, "--to", "graphml", "-o", target)
    assert code == ExitCode.OK and out == ""
    assert nx.read_graphml(target).number_of_nodes() == 6


def test_unwritable_output_exits_4(capsys, findings_file, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = run(capsys, findings_file, "--to", "graphml", "-o", blocker / "network.graphml")
    assert code == ExitCode.INPUT_ERROR
    assert "cannot write" in err


def test_malformed_findings_file_exits_4_naming_file_and_line(capsys, findings_file, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(findings_file.read_text(encoding="utf-8").splitlines()[0] + "\n{not json\n", encoding="utf-8")
    target = tmp_path / "network.graphml"
    code, out, err = run(capsys, bad, "--to", "graphml", "-o", target)
    assert code == ExitCode.INPUT_ERROR
    assert f"{bad}:2: malformed JSON" in err
    assert not target.exists() and out == ""


def test_missing_findings_file_exits_4(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "absent.jsonl", "--to", "graphml")
    assert code == ExitCode.INPUT_ERROR and "absent.jsonl" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--to", "pajek"],
        [],
        ["--to", "graphml", "--from", "2023-13-01"],
        ["--to", "graphml", "--until", "last week"],
        ["--to", "graphml", "--from", "2023-04-01", "--until", "2023-03-01"],
        ["--to", "graphml", "--duplicates", "year"],
        ["--to", "dna-csv", "--network", "conflict"],
        ["--to", "graphml", "--one-mode-weight", "topics"],
        ["--to", "graphml", "--topics", "x.yaml"],
    ],
    ids=[
        "unknown-format",
        "no-format",
        "bad-month",
        "not-a-date",
        "from-after-until",
        "unknown-duplicates",
        "network-with-dna-csv",
        "weight-with-two-mode",
        "topics-without-roll-up",
    ],
)
def test_usage_errors_exit_2(capsys, findings_file, args):
    code, out, _ = run(capsys, findings_file, *args)
    assert code == ExitCode.USAGE and out == ""
