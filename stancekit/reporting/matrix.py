"""The actor x topic matrix: how the most frequent actors stand on the topics they speak on.

Rows and columns are not chosen apart: in news most topics are phrases found once, so the
topics with most findings overall are, after the first few, held by actors outside the rows,
and a matrix of them is nearly all empty cells. The rows are the actors with most findings;
the columns are the topics those actors have most findings on; a row left with no finding
on the topics shown is left out, so that every row and every column has a filled cell.

A cell's colour is its net stance as a share of the findings that take a side, from red
(all oppose) through grey (even, or only neutral findings) to blue (all support): red and
blue stay apart for readers who do not tell red from green. Its counts are in its title.
All findings count, dated or not: the matrix is the one view of an undated collection; but
not those whose actor or topic is an unresolved pronoun, which name nobody in particular.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from stancekit.findings import Finding
from stancekit.reporting.grouping import Grouping, Ranked, ranked
from stancekit.tracking.timeline import StanceCounts

#: Actors (rows) and topics (columns) shown by default.
TOP = 25

GREY = (176, 176, 176)
BLUE = (33, 102, 172)
RED = (178, 24, 43)


#: The findings of one actor on one topic.
Cell = StanceCounts


@dataclass(frozen=True)
class Matrix:
    """Rows most findings first, columns most findings of the rows' actors first; a `Ranked`
    counts all the findings of its actor or topic, so that a header tells the same count
    wherever it is shown. `cells` holds the pairs with findings, keyed by (actor key, topic
    key). `actors_left_out` are actors with most findings that have none on the topics shown,
    so that the page can say why they are not rows. `actors_total` and `topics_total` count
    all, shown or not."""

    actors: tuple[Ranked, ...]
    topics: tuple[Ranked, ...]
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)
    actors_total: int = 0
    topics_total: int = 0
    actors_left_out: tuple[Ranked, ...] = ()

    def cell(self, actor_key: str, topic_key: str) -> Cell | None:
        return self.cells.get((actor_key, topic_key))

    def to_dict(self) -> dict:
        return {
            "actors": [{"key": r.named.key, "name": r.named.name, "findings": r.findings} for r in self.actors],
            "topics": [{"key": r.named.key, "name": r.named.name, "findings": r.findings} for r in self.topics],
            "cells": [
                {"actor": a, "topic": t, "support": c.support, "oppose": c.oppose, "neutral": c.neutral, "net": c.net}
                for (a, t), c in self.cells.items()
            ],
            "actors_total": self.actors_total,
            "topics_total": self.topics_total,
        }


def stance_matrix(findings: Sequence[Finding], grouping: Grouping, top: int = TOP) -> Matrix:
    """The `top` actors with most findings as rows, the `top` topics they have most findings on
    as columns (ties: more of the rows' actors on it, then by name), and their cells. Topics are
    ranked by the rows' findings, not all findings, so that no column is held only by actors
    that are not rows; rows with no cell in the columns are left out, as they would be empty."""
    pairs = [(grouping.actor(f), grouping.topic(f), f.polarity) for f in findings if grouping.resolved(f)]
    actors = ranked(a for a, _, _ in pairs)
    topics = {r.named.key: r for r in ranked(t for _, t, _ in pairs)}
    candidates = actors[:top]
    rows = {r.named.key for r in candidates}
    held: Counter[str] = Counter()
    holders: dict[str, set[str]] = {}
    for actor, topic, _ in pairs:
        if actor.key in rows:
            held[topic.key] += 1
            holders.setdefault(topic.key, set()).add(actor.key)
    order = sorted(held, key=lambda key: (-held[key], -len(holders[key]), topics[key].named.name.casefold(), key))
    columns = order[:top]
    shown = set(columns)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for actor, topic, polarity in pairs:
        if actor.key in rows and topic.key in shown:
            cell = counts.setdefault((actor.key, topic.key), {"support": 0, "oppose": 0, "neutral": 0})
            if polarity in cell:
                cell[polarity] += 1
    cells = {key: Cell(c["support"], c["oppose"], c["neutral"]) for key, c in counts.items()}
    filled = {actor for actor, _ in cells}
    return Matrix(
        tuple(r for r in candidates if r.named.key in filled),
        tuple(topics[key] for key in columns),
        cells,
        len(actors),
        len(topics),
        tuple(r for r in candidates if r.named.key not in filled),
    )


def stance_colour(lean: float) -> str:
    """The CSS colour of a net stance share (-1 .. +1)."""
    towards = BLUE if lean > 0 else RED
    share = min(abs(lean), 1.0)
    red, green, blue = (round(g + (t - g) * share) for g, t in zip(GREY, towards, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"
