"""The figures at the top of a report: how much was read and what period it covers.

Undated findings are counted apart because they are in the matrix and the findings table
but in no timeline and no shift: a reader comparing the two needs to know how many. So are
findings whose actor or topic is a pronoun left unresolved ("he", "it"): they are in the
table only, since "it" in one article is not "it" in the next, and they name no actor or
topic of their own in the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancekit.findings import Finding
from stancekit.reporting.grouping import Grouping
from stancekit.text.dates import parse_date


@dataclass(frozen=True)
class Summary:
    """The figures of a report, also in its JSON so that a reader of the page's data gets the
    same numbers the page shows; dates are ISO days, None when no finding has one."""

    documents: int
    findings: int
    actors: int
    topics: int
    support: int
    oppose: int
    neutral: int
    first_date: str | None
    last_date: str | None
    undated: int
    undated_documents: int
    unresolved: int = 0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "findings": self.findings,
            "actors": self.actors,
            "topics": self.topics,
            "support": self.support,
            "oppose": self.oppose,
            "neutral": self.neutral,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "undated": self.undated,
            "undated_documents": self.undated_documents,
            "unresolved": self.unresolved,
        }


def summarize(findings: Sequence[Finding], grouping: Grouping) -> Summary:
    """Count documents, findings, actors and topics (as `grouping` names them) and the dates.

    Actors and topics are those of the findings that name both: "Ann backs it" counts in the
    findings table only, and so does not make Ann an actor of the figures. A document counts
    as undated when one of its findings has no date that can be read."""
    days = []
    undated = 0
    undated_docs: set[str] = set()
    for finding in findings:
        day = parse_date(finding.date)
        if day is None:
            undated += 1
            undated_docs.add(finding.doc)
        else:
            days.append(day)
    polarities = [f.polarity for f in findings]
    # as the matrix counts them, so that its "of N" and these figures agree
    resolved = [f for f in findings if grouping.resolved(f)]
    actors = {grouping.actor(f).key for f in resolved}
    topics = {grouping.topic(f).key for f in resolved}
    return Summary(
        documents=len({f.doc for f in findings}),
        findings=len(findings),
        actors=len(actors),
        topics=len(topics),
        support=polarities.count("support"),
        oppose=polarities.count("oppose"),
        neutral=polarities.count("neutral"),
        first_date=min(days).isoformat() if days else None,
        last_date=max(days).isoformat() if days else None,
        undated=undated,
        undated_documents=len(undated_docs),
        unresolved=len(findings) - len(resolved),
    )
