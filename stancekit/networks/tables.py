"""CSV tables: the statements as DNA lists them, and the edges of a network.

`dna-csv` has one row per statement, in time order, with the columns of DNA's event list for
its default statement type ("DNA Statement": person, organization, concept, agreement):

    statement ID  the finding's id
    time          its date as DNA writes it, "YYYY-MM-DD HH:MM:SS" (00:00:00 for a date alone;
                  empty when undated)
    document ID   the document
    text          the evidence sentence
    person        the actor's name when the actor is a person, else empty
    organization  the actor as the network counts it (its body with --roll-up)
    concept       the topic as the network counts it
    agreement     1 for support, 0 for oppose

Unlike DNA's own export, which swaps quotes and semicolons in text for other characters, this
is plain comma-separated CSV, quoted where needed, so every sentence survives unchanged.

`edges-csv` has one row per edge: `source`, `target` (display names), `weight`, then
`agreement` (two-mode) or `relation` (one-mode), then `source_id` and `target_id`, the node ids
of the GraphML export, which tell apart an actor and a topic of the same name.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TextIO

from stancekit.networks.build import Network
from stancekit.networks.statements import Statement
from stancekit.output.csvcells import CsvWriter
from stancekit.text.dates import parse_date

DNA_COLUMNS = ("statement ID", "time", "document ID", "text", "person", "organization", "concept", "agreement")


def dna_time(value: str | None) -> str:
    """A finding's date as DNA's event list writes times; "" when it cannot be read."""
    if not value:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        day = parse_date(value)
        return "" if day is None else f"{day.isoformat()} 00:00:00"
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def write_dna_csv(statements: Sequence[Statement], stream: TextIO, raw: bool = False) -> None:
    """One row per statement, earliest first (undated last), in DNA's event-list columns;
    formula-like text is written as text unless `raw` (see `output.csvcells`)."""
    writer = CsvWriter(stream, raw)
    writer.writerow(DNA_COLUMNS)
    rows = [(dna_time(s.date), s) for s in statements]
    # a stable sort on time alone keeps statements of the same day in the order they were read
    rows.sort(key=lambda row: (row[0] == "", row[0]))
    for time, s in rows:
        writer.writerow(
            [s.finding_id, time, s.doc, s.text, s.person or "", s.actor.name, s.topic.name, s.agreement_value]
        )


def write_edges_csv(network: Network, stream: TextIO, raw: bool = False) -> None:
    """One row per edge of `network` (formula-like names as text unless `raw`)."""
    writer = CsvWriter(stream, raw)
    writer.writerow(["source", "target", "weight", network.edge_attribute, "source_id", "target_id"])
    labels = network.labels()
    for edge in network.edges:
        writer.writerow([labels[edge.source], labels[edge.target], edge.weight, edge.kind, edge.source, edge.target])
