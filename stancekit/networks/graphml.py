"""GraphML: the network as visone, Gephi, networkx and igraph read it.

Written with the standard library (networkx is only needed to read it back). Every attribute
is declared with a `<key>`: nodes have `type` (actor or topic), `label` (the display name) and
`statements`; edges have `weight` (an int) and `agreement` (two-mode: support, oppose) or
`relation` (one-mode: congruence, conflict); the graph records the network and the
settings it was made with. Node ids are `actor:KEY` and `topic:KEY`, edge ids `e0`, `e1` ...,
so that the two edges of an actor that both supports and opposes a topic stay apart
(networkx reads such a file as a MultiGraph; `force_multigraph=True` always does).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import TextIO

from stancekit.networks.build import Network

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

#: Characters XML 1.0 cannot hold even escaped (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def write_graphml(network: Network, stream: TextIO, settings: Mapping[str, str] | None = None) -> None:
    """Write `network` to the text stream as a UTF-8 GraphML document; `settings` (such as
    the duplicates setting and the time window) become graph attributes."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", _XSI_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {f"{{{_XSI_NS}}}schemaLocation": _SCHEMA})
    graph_data = {"network": network.network, **(settings or {})}
    keys = [(name, "graph", name, "string") for name in graph_data]
    keys += [
        ("type", "node", "type", "string"),
        ("label", "node", "label", "string"),
        ("statements", "node", "statements", "int"),
        ("weight", "edge", "weight", "int"),
        (network.edge_attribute, "edge", network.edge_attribute, "string"),
    ]
    for key_id, domain, name, kind in keys:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": network.network, "edgedefault": "undirected"})
    _data(graph, graph_data)
    for node in network.nodes:
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": _text(node.id)})
        _data(element, {"type": node.type, "label": node.label, "statements": node.statements})
    for number, edge in enumerate(network.edges):
        attributes = {"id": f"e{number}", "source": _text(edge.source), "target": _text(edge.target)}
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", attributes)
        _data(element, {"weight": edge.weight, network.edge_attribute: edge.kind})
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def _data(parent: ET.Element, values: Mapping[str, object]) -> None:
    for key, value in values.items():
        ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key}).text = _text(value)
