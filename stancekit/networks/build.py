"""Networks from statements: the two-mode actor-topic network and DNA's one-mode actor networks.

*two-mode*: actor and topic nodes; an edge for each actor, topic and agreement, weighted by
the number of statements. An actor that both supports and opposes a topic has two edges
between the same pair, one per side, so that neither stance is lost: the network is a
multigraph then.

*congruence* and *conflict*: actor nodes only. As in DNA with a binary agreement qualifier and
no normalisation, two actors are tied in the congruence network when both take the same side
on a topic, in the conflict network when one supports and the other opposes it. The weight is
DNA's: summed over topics, the number of pairs of statements, one from each actor, on that
topic with the same side (congruence) or opposite sides (conflict); two actors who each
supported a topic twice have weight 4. With `weight="topics"` every actor's side on a topic
counts once instead: the number of topics both support plus the number both oppose
(congruence), or the number of (topic, side) combinations on which they differ (conflict).
Every actor with a statement is a node, tied or not, as DNA keeps the actors active in the
time range.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from stancekit.networks.statements import AGREEMENT_VALUES, Statement
from stancekit.tracking.timeline import Named

#: The networks `build_network` makes.
NETWORKS = ("two-mode", "congruence", "conflict")

#: How one-mode ties are weighted: pairs of statements (DNA) or topics.
ONE_MODE_WEIGHTS = ("pairs", "topics")


@dataclass(frozen=True)
class Node:
    """An actor or a topic. `id` is unique in the network (`actor:KEY`, `topic:KEY`): an actor
    and a topic may share a name. `statements` counts the statements it takes part in."""

    id: str
    key: str
    label: str
    type: str
    statements: int


@dataclass(frozen=True)
class Edge:
    """A tie between two nodes (by id). `kind` is the agreement of a two-mode edge (support,
    oppose) or the relation of a one-mode one (congruence, conflict)."""

    source: str
    target: str
    weight: int
    kind: str


@dataclass(frozen=True)
class Network:
    """Nodes (actors first, then topics, each by label) and edges, undirected."""

    network: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def edge_attribute(self) -> str:
        """What an edge's `kind` is called in the files: its agreement, or its relation."""
        return "agreement" if self.network == "two-mode" else "relation"

    @property
    def multigraph(self) -> bool:
        """Whether some pair of nodes has more than one edge (support and oppose)."""
        pairs = Counter(frozenset((e.source, e.target)) for e in self.edges)
        return any(n > 1 for n in pairs.values())

    def labels(self) -> dict[str, str]:
        return {node.id: node.label for node in self.nodes}


def build_network(statements: Sequence[Statement], network: str = "two-mode", weight: str = "pairs") -> Network:
    """The network named `network` (one of NETWORKS) of `statements`."""
    if network == "two-mode":
        return two_mode(statements)
    if network in ("congruence", "conflict"):
        return one_mode(statements, network, weight)
    raise ValueError(f"unknown network '{network}'; networks are {', '.join(NETWORKS)}")


def two_mode(statements: Sequence[Statement]) -> Network:
    """Actor-topic network: one edge per actor, topic and agreement, weighted by statements."""
    counts = Counter((s.actor.key, s.topic.key, s.agreement) for s in statements)
    actors, topics = _nodes(statements, "actor"), _nodes(statements, "topic")
    order = {node.id: i for i, node in enumerate(actors + topics)}
    edges = sorted(
        (
            Edge(_node_id("actor", actor), _node_id("topic", topic), n, agreement)
            for (actor, topic, agreement), n in counts.items()
        ),
        key=lambda e: (order[e.source], order[e.target], -AGREEMENT_VALUES[e.kind]),
    )
    return Network("two-mode", actors + topics, tuple(edges))


def one_mode(statements: Sequence[Statement], relation: str, weight: str = "pairs") -> Network:
    """Actor network of congruence (same side on a topic) or conflict (opposite sides)."""
    if relation not in ("congruence", "conflict"):
        raise ValueError(f"a one-mode network is of congruence or conflict, not '{relation}'")
    if weight not in ONE_MODE_WEIGHTS:
        raise ValueError(f"unknown one-mode weight '{weight}'; weights are {', '.join(ONE_MODE_WEIGHTS)}")
    # topic -> actor -> agreement -> statements
    sides: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for s in statements:
        sides[s.topic.key][s.actor.key][s.agreement] += 1
    actors = _nodes(statements, "actor")
    order = {node.key: i for i, node in enumerate(actors)}
    ties: Counter[tuple[str, str]] = Counter()
    for by_actor in sides.values():
        for a, b in combinations(sorted(by_actor, key=order.__getitem__), 2):
            tie = _tie(by_actor[a], by_actor[b], relation, weight)
            if tie:
                ties[(a, b)] += tie
    edges = tuple(
        Edge(_node_id("actor", a), _node_id("actor", b), n, relation)
        for (a, b), n in sorted(ties.items(), key=lambda item: (order[item[0][0]], order[item[0][1]]))
    )
    return Network(relation, actors, edges)


def _tie(a: Counter[str], b: Counter[str], relation: str, weight: str) -> int:
    """What two actors' statements on one topic add to their tie."""
    total = 0
    for side_a, n_a in a.items():
        for side_b, n_b in b.items():
            if (side_a == side_b) == (relation == "congruence"):
                total += n_a * n_b if weight == "pairs" else 1
    return total


def _node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def _nodes(statements: Sequence[Statement], kind: str) -> tuple[Node, ...]:
    """The actors or topics of `statements`, by label (then key, for two that read the same)."""
    named: dict[str, Named] = {}
    counts: Counter[str] = Counter()
    for s in statements:
        item = s.actor if kind == "actor" else s.topic
        named.setdefault(item.key, item)
        counts[item.key] += 1
    ordered = sorted(named.values(), key=lambda n: (n.name.casefold(), n.name, n.key))
    return tuple(Node(_node_id(kind, n.key), n.key, n.name, kind, counts[n.key]) for n in ordered)
