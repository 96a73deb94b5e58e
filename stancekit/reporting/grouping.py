"""How the report groups findings: the same actors and topics as `stancekit.tracking`.

The matrix, the filters and the timelines must name an actor the same way, or a cell and
the timeline of the same pair would count different findings; so every part of the report
asks one `Grouping`, which asks tracking's own `actor_of` and `topic_of`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from stancekit.findings import Finding
from stancekit.tracking.names import NameMerges
from stancekit.tracking.timeline import Named, actor_of, is_unresolved, topic_of


@dataclass(frozen=True)
class Grouping:
    """With `roll_up`, actors count for the body they speak for and topics for their root topic
    (`topic_parents`: topic id -> parent id; `topic_names`: topic id -> name); `names` merges
    the names that are one person's across the collection."""

    roll_up: bool = False
    topic_parents: Mapping[str, str] | None = None
    topic_names: Mapping[str, str] | None = None
    names: NameMerges = field(default_factory=NameMerges)

    def actor(self, finding: Finding) -> Named:
        return self.names.apply(actor_of(finding, self.roll_up))

    def topic(self, finding: Finding) -> Named:
        return self.names.apply(topic_of(finding, self.topic_parents if self.roll_up else None, self.topic_names))

    def resolved(self, finding: Finding) -> bool:
        """Whether the actor and the topic name someone or something: "he" or "it" left
        unresolved is nobody in particular, and tracking leaves such findings out."""
        return not is_unresolved(self.actor(finding)) and not is_unresolved(self.topic(finding))


@dataclass(frozen=True)
class Ranked:
    """An actor or topic with how many findings name it."""

    named: Named
    findings: int


def ranked(names: Iterable[Named]) -> tuple[Ranked, ...]:
    """Each key once, most findings first (ties by name), shown as it was first written."""
    counts: Counter[str] = Counter()
    first: dict[str, Named] = {}
    for named in names:
        counts[named.key] += 1
        first.setdefault(named.key, named)
    order = sorted(counts, key=lambda key: (-counts[key], first[key].name.casefold(), key))
    return tuple(Ranked(first[key], counts[key]) for key in order)
