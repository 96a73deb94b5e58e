"""The actor x topic matrix: for the most frequent actors and topics, how each stands on each.

A cell's colour is its net stance as a share of the findings that take a side, from red
(all oppose) through grey (even, or only neutral findings) to blue (all support): red and
blue stay apart for readers who do not tell red from green. Its counts are in its title.
All findings count, dated or not: the matrix is the one view of an undated collection; but
not those whose actor or topic is an unresolved pronoun, which name nobody in particular.
"""

from __future__ import annotations

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
    """Rows and columns most findings first; `cells` holds the pairs with findings, keyed by
    (actor key, topic key). `actors_total` and `topics_total` count all, shown or not."""

    actors: tuple[Ranked, ...]
    topics: tuple[Ranked, ...]
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)
    actors_total: int = 0
    topics_total: int = 0

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
    """The `top` actors and `top` topics with most findings, and their cells."""
    pairs = [(grouping.actor(f), grouping.topic(f), f.polarity) for f in findings if grouping.resolved(f)]
    actors = ranked(a for a, _, _ in pairs)
    topics = ranked(t for _, t, _ in pairs)
    rows = {r.named.key for r in actors[:top]}
    columns = {r.named.key for r in topics[:top]}
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for actor, topic, polarity in pairs:
        if actor.key in rows and topic.key in columns:
            cell = counts.setdefault((actor.key, topic.key), {"support": 0, "oppose": 0, "neutral": 0})
            if polarity in cell:
                cell[polarity] += 1
    cells = {key: Cell(c["support"], c["oppose"], c["neutral"]) for key, c in counts.items()}
    return Matrix(actors[:top], topics[:top], cells, len(actors), len(topics))


def stance_colour(lean: float) -> str:
    """The CSS colour of a net stance share (-1 .. +1)."""
    towards = BLUE if lean > 0 else RED
    share = min(abs(lean), 1.0)
    red, green, blue = (round(g + (t - g) * share) for g, t in zip(GREY, towards, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"
