"""From findings to statements: what a discourse network is counted from.

DNA counts *statements*: an actor, a concept and an agreement qualifier. A finding that takes a
side is one statement (support is agreement 1, oppose 0); a neutral finding has no agreement and
is left out. Actors and topics are grouped exactly as `stancekit track` groups them
(`actor_of`, `topic_of`), so that the nodes of a network are the rows of a tracking table;
as there, a finding whose actor or topic is still a pronoun ("they", "it") names nobody in
particular across articles and is left out.

News repeats itself: an article quotes the same position twice, wire copy is reprinted. Like
DNA's "duplicates" setting, the same statement (same actor, topic and agreement) is counted
once per document (the default), once per ISO week or calendar month, or every time (`none`).
A sentence repeated word for word within a document is one finding already (its `count`),
so `none` counts findings, not repetitions of a sentence.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stancekit.findings import Finding
from stancekit.text.dates import parse_date
from stancekit.tracking.names import NameMerges
from stancekit.tracking.periods import period_of
from stancekit.tracking.timeline import Named, actor_of, is_unresolved, topic_of

#: How often the same statement counts: once per document, week or month, or every time.
DUPLICATES = ("document", "week", "month", "none")

#: The polarities that are statements, with DNA's binary agreement value.
AGREEMENT_VALUES = {"support": 1, "oppose": 0}


@dataclass(frozen=True)
class Statement:
    """One finding that counts in the network: who takes which side on what, and where.

    `person` is the name of the finding's actor when that actor is a person (DNA codes the
    speaking person beside the organization), whatever the network groups it as, and
    `affiliation` the body that person speaks for, when the actor dictionary knows it.
    `start` and `end` are the evidence sentence's offsets in the document."""

    finding_id: str
    doc: str
    date: str | None
    actor: Named
    topic: Named
    agreement: str
    text: str
    person: str | None = None
    affiliation: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def agreement_value(self) -> int:
        """DNA's binary agreement qualifier: 1 for support, 0 for oppose."""
        return AGREEMENT_VALUES[self.agreement]


@dataclass(frozen=True)
class Selection:
    """The statements kept, and how many findings were left out and why, for the note on stderr."""

    statements: tuple[Statement, ...]
    duplicates: str
    findings: int = 0
    unresolved: int = 0
    neutral: int = 0
    undated: int = 0
    outside: int = 0
    repeated: int = 0
    undated_per_document: int = 0

    def note(self) -> str:
        """One line saying what was counted and what was left out."""
        per = {"document": "per document", "week": "per ISO week", "month": "per month"}.get(self.duplicates)
        parts = [f"{self.findings} findings: {len(self.statements)} statements"]
        if per:
            parts.append(f"{self.repeated} repeated statements counted once {per}")
        if self.unresolved:
            parts.append(
                f"{self.unresolved} findings whose actor or topic is unresolved left out (a pronoun or first person"
                " nothing names; in testimony and speeches, scan with --speaker-field to name the author)"
            )
        if self.neutral:
            parts.append(f"{self.neutral} neutral findings left out")
        if self.undated:
            parts.append(f"{self.undated} undated findings left out of the time window")
        if self.outside:
            parts.append(f"{self.outside} findings outside the time window")
        if self.undated_per_document:
            parts.append(f"{self.undated_per_document} undated statements counted once per document instead")
        return "; ".join(parts)


def select_statements(
    findings: Iterable[Finding],
    *,
    duplicates: str = "document",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    roll_up: bool = False,
    topic_parents: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    names: NameMerges | None = None,
) -> Selection:
    """The statements among `findings`, in the order first seen.

    With `since` or `until` (both inclusive) only findings dated in that window count, and
    undated ones are left out: their place in time is unknown. Without a window, an undated
    statement under `week` or `month` is counted once per document, the finest grouping left.
    `roll_up` counts actors for the body they speak for and topics for their root topic in
    `topic_parents`, as `stancekit track --roll-up` does."""
    if duplicates not in DUPLICATES:
        raise ValueError(f"unknown duplicates setting '{duplicates}'; settings are {', '.join(DUPLICATES)}")
    window = since is not None or until is not None
    parents = topic_parents if roll_up else None
    shown: dict[tuple[str, str], Named] = {}  # the first way each actor and topic was written
    seen: set[tuple] = set()
    kept: list[Statement] = []
    total = unresolved = neutral = undated = outside = repeated = undated_per_document = 0
    for number, finding in enumerate(findings):
        total += 1
        named_actor, named_topic = actor_of(finding, roll_up), topic_of(finding, parents, topic_names)
        if names is not None:
            named_actor, named_topic = names.apply(named_actor), names.apply(named_topic)
        if is_unresolved(named_actor) or is_unresolved(named_topic):
            unresolved += 1
            continue
        day = parse_date(finding.date)
        if window:
            if day is None:
                undated += 1
                continue
            if (since is not None and day < since) or (until is not None and day > until):
                outside += 1
                continue
        if finding.side not in AGREEMENT_VALUES:
            neutral += 1
            continue
        actor = shown.setdefault(("actor", named_actor.key), named_actor)
        topic = shown.setdefault(("topic", named_topic.key), named_topic)
        bucket = _bucket(finding, duplicates, number)
        if duplicates in ("week", "month") and bucket[0] == "document":
            undated_per_document += 1
        key = (actor.key, topic.key, finding.side, bucket)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        kept.append(
            Statement(
                finding.id,
                finding.doc,
                finding.date,
                actor,
                topic,
                finding.side,
                finding.sentence.text,
                finding.actor.name if finding.actor.type == "person" else None,
                _affiliation(finding),
                finding.sentence.start,
                finding.sentence.end,
            )
        )
    return Selection(
        tuple(kept), duplicates, total, unresolved, neutral, undated, outside, repeated, undated_per_document
    )


def _affiliation(finding: Finding) -> str | None:
    """The body a person speaks for, the nearest the actor dictionary gives."""
    affiliations = finding.actor.affiliations
    return affiliations[0].name if finding.actor.type == "person" and affiliations else None


def _bucket(finding: Finding, duplicates: str, number: int) -> tuple[str, object]:
    """Where a statement counts once: its document, its week or month, or (`none`) itself."""
    if duplicates == "none":
        return ("finding", number)
    if duplicates in ("week", "month"):
        period = period_of(finding.date, duplicates)
        if period is not None:
            return (duplicates, period)
    return ("document", finding.doc)
