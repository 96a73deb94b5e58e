"""Discourse networks from findings, for the Discourse Network Analyzer (DNA), visone, Gephi or R.

Findings become *statements* (actor, topic, agreement) in `statements`: neutral findings and
those outside a time window are left out, and repeated statements are counted once per
document, week or month. `build` turns statements into a two-mode actor-topic network or a
one-mode actor network of congruence or conflict, as DNA defines them. `graphml` and `tables`
write them out.

    from stancekit.networks import select_statements, two_mode, write_graphml
    selection = select_statements(findings, duplicates="document")
    write_graphml(two_mode(selection.statements), stream)
"""

from stancekit.networks.build import NETWORKS, Edge, Network, Node, build_network, one_mode, two_mode
from stancekit.networks.graphml import write_graphml
from stancekit.networks.statements import DUPLICATES, Selection, Statement, select_statements
from stancekit.networks.tables import write_dna_csv, write_edges_csv

__all__ = [
    "DUPLICATES",
    "NETWORKS",
    "Edge",
    "Network",
    "Node",
    "Selection",
    "Statement",
    "build_network",
    "one_mode",
    "select_statements",
    "two_mode",
    "write_dna_csv",
    "write_edges_csv",
    "write_graphml",
]
