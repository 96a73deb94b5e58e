"""Counting findings per actor, topic and period, and finding where a stance turned.

A *series* is one actor's stance on one topic over time: per period, how many findings say
support, oppose or neutral, and the net stance (support minus oppose). A *shift* is a change
of sign of the net stance between two periods with evidence (an actor that supported a
policy in September and opposed it in November), reported with the sentences on both sides.

Actors and topics are grouped by their keys (`stancekit.keys`: the dictionary id when there
is one, else the name without titles or the core of the topic phrase); names that the
collection shows to be one person's can be merged first (`names.py`). With `roll_up`, an
actor counts for the body it speaks for (John Kirby -> National Security Council) and a
topic for its root topic in the topic dictionary.

    from stancekit.tracking.timeline import track
    result = track(findings, by="month", min_findings=3)
    result.series, result.shifts, result.undated
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from stancekit import keys
from stancekit.findings import Finding
from stancekit.tracking.periods import PERIODS, period_of

if TYPE_CHECKING:
    from stancekit.tracking.names import NameMerges

#: Evidence sentences kept per side of a shift.
EVIDENCE_PER_SIDE = 3
#: An actor or topic that is still a pronoun after resolution names nobody in particular:
#: "I" in one article is not "I" in the next. Such findings are counted, not tracked.
UNRESOLVED = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those who which".split()
)
#: How the key of an actor the engine left unresolved (`actor.name` null) starts.
UNRESOLVED_PREFIX = "\0unresolved:"


@dataclass(frozen=True)
class Named:
    """An actor or topic as tracking groups it: `key` groups, `name` is shown."""

    key: str
    name: str


def is_unresolved(named: Named) -> bool:
    """Whether an actor or topic names nobody in particular: a pronoun, or an actor the engine
    left unresolved ("its report"). Such findings are counted and left out, never tracked."""
    return named.key in UNRESOLVED or named.key.startswith(UNRESOLVED_PREFIX)


@dataclass(frozen=True)
class StanceCounts:
    """Support, oppose and neutral findings, and what they add up to: shared by a period of a
    timeline and a cell of the report's matrix."""

    support: int = 0
    oppose: int = 0
    neutral: int = 0

    @property
    def net(self) -> int:
        """Support minus oppose: above 0 in favour, below 0 against."""
        return self.support - self.oppose

    @property
    def evidence(self) -> int:
        """Findings that take a side."""
        return self.support + self.oppose

    @property
    def total(self) -> int:
        return self.support + self.oppose + self.neutral

    @property
    def lean(self) -> float:
        """Net stance over the findings that take a side: -1 all oppose, +1 all support."""
        return self.net / self.evidence if self.evidence else 0.0


@dataclass(frozen=True, kw_only=True)
class PeriodStance(StanceCounts):
    """The findings of one series in one period."""

    period: str

    def to_dict(self) -> dict:
        return {
            "period": self.period,
            "support": self.support,
            "oppose": self.oppose,
            "neutral": self.neutral,
            "net": self.net,
        }


@dataclass(frozen=True)
class Series:
    """One actor's stance on one topic, period by period (only periods with findings)."""

    actor: Named
    topic: Named
    periods: tuple[PeriodStance, ...]

    @property
    def total(self) -> int:
        return sum(p.support + p.oppose + p.neutral for p in self.periods)

    @property
    def support(self) -> int:
        return sum(p.support for p in self.periods)

    @property
    def oppose(self) -> int:
        return sum(p.oppose for p in self.periods)

    def to_dict(self) -> dict:
        return {
            "actor": {"key": self.actor.key, "name": self.actor.name},
            "topic": {"key": self.topic.key, "name": self.topic.name},
            "total": self.total,
            "support": self.support,
            "oppose": self.oppose,
            "periods": [p.to_dict() for p in self.periods],
        }


@dataclass(frozen=True)
class Evidence:
    """A finding shown as evidence: where it is and what it says."""

    finding_id: str
    doc: str
    date: str | None
    polarity: str
    sentence: str

    @classmethod
    def of(cls, finding: Finding) -> Evidence:
        return cls(finding.id, finding.doc, finding.date, finding.polarity, finding.sentence.text)

    def to_dict(self) -> dict:
        return {
            "id": self.finding_id,
            "doc": self.doc,
            "date": self.date,
            "polarity": self.polarity,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Shift:
    """The net stance of a series changed sign between two periods with evidence."""

    actor: Named
    topic: Named
    before: PeriodStance
    after: PeriodStance
    evidence_before: tuple[Evidence, ...]
    evidence_after: tuple[Evidence, ...]

    @property
    def direction(self) -> str:
        return "turned against" if self.after.net < 0 else "turned in favour of"

    def to_dict(self) -> dict:
        return {
            "actor": {"key": self.actor.key, "name": self.actor.name},
            "topic": {"key": self.topic.key, "name": self.topic.name},
            "direction": self.direction,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "evidence_before": [e.to_dict() for e in self.evidence_before],
            "evidence_after": [e.to_dict() for e in self.evidence_after],
        }


@dataclass(frozen=True)
class Tracking:
    """Everything `track` found: the series (most findings first), the shifts, and what could
    not be placed in time."""

    by: str
    periods: tuple[str, ...]
    series: tuple[Series, ...]
    shifts: tuple[Shift, ...]
    findings: int
    undated: int
    undated_documents: tuple[str, ...] = field(default=())
    #: Findings whose actor or topic is an unresolved pronoun.
    unresolved: int = 0

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "periods": list(self.periods),
            "findings": self.findings,
            "undated": self.undated,
            "undated_documents": list(self.undated_documents),
            "unresolved": self.unresolved,
            "series": [s.to_dict() for s in self.series],
            "shifts": [s.to_dict() for s in self.shifts],
        }


def actor_of(finding: Finding, roll_up: bool = False) -> Named:
    """How tracking names a finding's actor: with `roll_up`, the body it speaks for, its nearest
    affiliation (John Kirby -> National Security Council; "Republican nominee Donald Trump" ->
    Republican Party). Not the outermost one: a party's place in the dictionary is under its
    country, but a party's stance is not its country's."""
    actor = finding.actor
    if roll_up and actor.affiliations:
        body = actor.affiliations[0]
        return Named(body.id, body.name)
    if actor.name is None:
        text = " ".join(actor.text.split())
        return Named(UNRESOLVED_PREFIX + text.casefold(), text)
    if actor.id:
        return Named(actor.id, actor.name)
    name = " ".join(actor.name.split())
    return Named(keys.finding_actor_key(finding) or name.casefold(), name)


def topic_of(
    finding: Finding, parents: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
) -> Named:
    """How tracking names a finding's topic: with `parents` (topic id -> parent id), its root."""
    topic = finding.topic
    if topic.id:
        key = topic.id
        seen = {key}
        while parents and parents.get(key) and parents[key] not in seen:
            key = parents[key]
            seen.add(key)
        name = (names or {}).get(key, topic.name) if key != topic.id else topic.name
        return Named(key, name)
    key = keys.finding_topic_key(finding)
    return Named(key, keys.shown_topic(topic, key))


def _wanted(named: Named, filters: Sequence[str]) -> bool:
    if not filters:
        return True
    folded = {named.key.casefold(), named.name.casefold()}
    return any(f.casefold() in folded for f in filters)


def track(
    findings: Iterable[Finding],
    by: str = "month",
    *,
    actors: Sequence[str] = (),
    topics: Sequence[str] = (),
    min_findings: int = 1,
    min_evidence: int = 1,
    roll_up: bool = False,
    topic_parents: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    names: NameMerges | None = None,
) -> Tracking:
    """Count `findings` per actor, topic and period and find the shifts.

    `min_findings`: a series needs this many findings in all to be reported. `min_evidence`:
    a period takes part in shift detection only with this many findings that take a side.
    `names`: the names merged across the collection (see `names.py`)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period '{by}'; periods are {', '.join(PERIODS)}")
    parents = topic_parents if roll_up else None
    counts: dict[tuple[str, str], dict[str, dict[str, list[Finding]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    shown: dict[str, Named] = {}  # key -> the first way it was written
    total = undated = unresolved = 0
    undated_docs: dict[str, None] = {}
    for finding in findings:
        actor, topic = actor_of(finding, roll_up), topic_of(finding, parents, topic_names)
        if names is not None:
            actor, topic = names.apply(actor), names.apply(topic)
        if not (_wanted(actor, actors) and _wanted(topic, topics)):
            continue
        total += 1
        if is_unresolved(actor) or is_unresolved(topic):
            unresolved += 1
            continue
        period = period_of(finding.date, by)
        if period is None:
            undated += 1
            undated_docs.setdefault(finding.doc)
            continue
        shown.setdefault("actor:" + actor.key, actor)
        shown.setdefault("topic:" + topic.key, topic)
        counts[(actor.key, topic.key)][period][finding.polarity].append(finding)
    series: list[Series] = []
    shifts: list[Shift] = []
    for (actor_key, topic_key), per_period in counts.items():
        actor, topic = shown["actor:" + actor_key], shown["topic:" + topic_key]
        stances = tuple(
            PeriodStance(
                period=p,
                support=len(c.get("support", ())),
                oppose=len(c.get("oppose", ())),
                neutral=len(c.get("neutral", ())),
            )
            for p, c in sorted(per_period.items())
        )
        one = Series(actor, topic, stances)
        if one.total < min_findings:
            continue
        series.append(one)
        shifts.extend(_shifts(one, per_period, min_evidence))
    # most findings first; among equals, the pairs of the actors and topics the collection
    # speaks of most, which a reader looks for first, before the long tail sorted by name
    actor_totals: Counter[str] = Counter()
    topic_totals: Counter[str] = Counter()
    for one in series:
        actor_totals[one.actor.key] += one.total
        topic_totals[one.topic.key] += one.total
    series.sort(
        key=lambda s: (
            -s.total,
            -actor_totals[s.actor.key],
            -topic_totals[s.topic.key],
            s.actor.name.casefold(),
            s.topic.name.casefold(),
        )
    )
    shifts.sort(key=lambda s: (s.after.period, s.actor.name.casefold(), s.topic.name.casefold()))
    periods = tuple(sorted({p.period for s in series for p in s.periods}))
    return Tracking(by, periods, tuple(series), tuple(shifts), total, undated, tuple(undated_docs), unresolved)


def _shifts(series: Series, per_period: Mapping[str, Mapping[str, list[Finding]]], min_evidence: int) -> list[Shift]:
    """Sign changes of the net stance between consecutive periods that have evidence."""
    sided = [p for p in series.periods if p.evidence >= min_evidence and p.net != 0]
    found = []
    for before, after in pairwise(sided):
        if (before.net > 0) != (after.net > 0):
            side_before = "support" if before.net > 0 else "oppose"
            side_after = "support" if after.net > 0 else "oppose"
            found.append(
                Shift(
                    series.actor,
                    series.topic,
                    before,
                    after,
                    tuple(Evidence.of(f) for f in per_period[before.period][side_before][:EVIDENCE_PER_SIDE]),
                    tuple(Evidence.of(f) for f in per_period[after.period][side_after][:EVIDENCE_PER_SIDE]),
                )
            )
    return found
