"""The finding: the contract every output format, test and evaluation reads.

`Finding.to_dict()` produces exactly the record documented in the README::

    {"id", "doc", "date", "sentence": {"text", "start", "end"},
     "actor": {"text", "start", "end", "name", "id", "via"},
     "topic": {"text", "start", "end", "name", "id"}, "cue": {"text", "start", "end"},
     "polarity", "negated", "hedged", "quoted", "speaker", "rule": {"id", "file", "line"},
     "ruleset"}

All offsets are character offsets into the document's text (Python string indices), so the
evidence can be cut out of the source exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: `text == document_text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ActorRef:
    """Who holds the stance. `via` says how the name was reached (mention, speaker, pronoun, dictionary)."""

    text: str
    start: int
    end: int
    name: str
    id: str | None = None
    via: str = "mention"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "id": self.id,
            "via": self.via,
        }


@dataclass(frozen=True)
class TopicRef:
    """What the stance is about."""

    text: str
    start: int
    end: int
    name: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name, "id": self.id}


@dataclass(frozen=True)
class RuleRef:
    id: str
    file: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Finding:
    """One stance statement found in a document."""

    id: str
    doc: str
    date: str | None
    sentence: TextSpan
    actor: ActorRef
    topic: TopicRef
    polarity: str
    negated: bool
    hedged: bool
    quoted: bool
    speaker: TextSpan | None
    rule: RuleRef
    ruleset: str
    cue: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "date": self.date,
            "sentence": self.sentence.to_dict(),
            "actor": self.actor.to_dict(),
            "topic": self.topic.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "polarity": self.polarity,
            "negated": self.negated,
            "hedged": self.hedged,
            "quoted": self.quoted,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "rule": self.rule.to_dict(),
            "ruleset": self.ruleset,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Read a finding back from its JSON record (as written by `stancekit scan --format jsonl`)."""

        def span(value: dict | None) -> TextSpan | None:
            return TextSpan(value["text"], value["start"], value["end"]) if value else None

        actor, topic, rule = data["actor"], data["topic"], data["rule"]
        return cls(
            id=data["id"],
            doc=data["doc"],
            date=data.get("date"),
            sentence=span(data["sentence"]),
            actor=ActorRef(
                actor["text"],
                actor["start"],
                actor["end"],
                actor.get("name") or actor["text"],
                actor.get("id"),
                actor.get("via", "mention"),
            ),
            topic=TopicRef(
                topic["text"], topic["start"], topic["end"], topic.get("name") or topic["text"], topic.get("id")
            ),
            polarity=data["polarity"],
            negated=bool(data.get("negated")),
            hedged=bool(data.get("hedged")),
            quoted=bool(data.get("quoted")),
            speaker=span(data.get("speaker")),
            rule=RuleRef(rule["id"], rule.get("file", ""), rule.get("line", 0)),
            ruleset=data.get("ruleset", ""),
            cue=span(data.get("cue")),
        )


def finding_id(doc: str, sentence: TextSpan, rule_id: str, actor: ActorRef, topic: TopicRef) -> str:
    """A stable id: the same evidence found by the same rule always gets the same id, whatever
    other rules exist, so findings can be compared between runs and rule versions."""
    key = "\0".join(
        str(part)
        for part in (doc, sentence.start, sentence.end, rule_id, actor.start, actor.end, topic.start, topic.end)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
