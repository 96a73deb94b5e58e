"""The finding: the contract every output format, test and evaluation reads.

`Finding.to_dict()` produces exactly the record documented in docs/scanning.md::

    {"id", "doc", "date", "sentence": {"text", "start", "end"},
     "actor": {"text", "start", "end", "name", "id", "via", "type", "affiliations": [{"id", "name"}], "key"},
     "topic": {"text", "start", "end", "name", "id", "key"}, "cue": {"text", "start", "end"},
     "polarity", "kind", "negated", "hedged", "modality", "quoted",
     "speaker": {"text", "start", "end", "name", "id"} | null,
     "rule": {"id", "file", "line"}, "ruleset", "count"}

and `"agreement"` after `"polarity"` when the topic is a concept that a dictionary entry
states agreement for (see `Finding.agreement`).

All offsets are character offsets into the document's text (Python string indices), so the
evidence can be cut out of the source exactly. The actor's `text` and offsets are the mention
in this sentence ("he", "We"); its `name` and `id` are who that mention turned out to be.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MODALITIES = ("asserted", "hedged", "conditional", "question")

#: What a finding's rule reads as the sign of a stance (`Finding.kind`), so that users can keep
#: or drop a kind ("acts only", "no polls"). A rule says its kind with `kind:`; the default is
#: `statement`.
KINDS: dict[str, str] = {
    "statement": "the holder states the stance: says, backs, opposes, criticises, calls for",
    "evaluation": "the holder judges the target good or bad: 'called the plan reckless', 'a disgrace'",
    "commitment": "the holder pledges, plans or proposes what it supports: 'vowed to scrap the tax'",
    "act": "the holder shows the stance by an act: donates to, campaigns for, votes to impeach, boycotts",
    "poll": "a share of a population, in a poll or a vote, supports the target: '48 percent back Lee'",
    "appeal": "the holder urges others to an act: \"'Get out and vote,' she urged\"",
    "denial": "the holder denies or dismisses a claim: 'dismissed the report as a smear'",
    "feeling": "the holder feels for or against the target: 'proud of', 'fed up with', 'angry at'",
}
DEFAULT_KIND = "statement"


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: `text == document_text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Affiliated:
    """A body an actor belongs to, as named by the actor dictionary."""

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class ActorRef:
    """Who holds the stance.

    `via` says how the name was reached: `mention` (the text names it), `speaker` (a first
    person in a quote is its speaker), `author` (a first person outside quotes is the document's
    author, from `scan --speaker-field`), `pronoun` (a pronoun resolved to an earlier mention), or
    `dictionary` (the actor dictionary knows the name, e.g. "the Kremlin" is Russia),
    `plugin` (a plugin's actor resolver named it) or `unresolved`: a pronoun or first person
    that nothing resolves, or a phrase it owns ("its report"), whose `name` is None (null) and
    whose `text` keeps the mention. Every reader of `name` must expect None.
    """

    text: str
    start: int
    end: int
    name: str | None
    id: str | None = None
    via: str = "mention"
    type: str | None = None
    affiliations: tuple[Affiliated, ...] = ()
    key: str | None = None

    @property
    def unresolved(self) -> bool:
        """Whether nothing names who holds the stance (`via: unresolved`)."""
        return self.via == "unresolved"

    @property
    def shown(self) -> str:
        """How a reader is shown the actor: its name, or for an unresolved one its mention marked so."""
        return self.name if self.name is not None else f"{self.text} (unresolved)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "id": self.id,
            "via": self.via,
            "type": self.type,
            "affiliations": [a.to_dict() for a in self.affiliations],
            "key": self.key,
        }


@dataclass(frozen=True)
class NamedSpan:
    """A piece of the document and the name it is counted under (`id` when a dictionary knows it)."""

    text: str
    start: int
    end: int
    name: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name, "id": self.id}


@dataclass(frozen=True)
class TopicRef(NamedSpan):
    """What the stance is about; `id` and `name` come from the topic dictionary when it knows the
    topic. `key` is what the topic is counted under across a collection (see `stancekit.keys`):
    None only before keys are made."""

    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "key": self.key}


@dataclass(frozen=True)
class SpeakerRef(NamedSpan):
    """Who says the sentence: the speaker of a direct quote, or the reporter of reported speech.
    `name` is None when the text names the speaker only by a pronoun nothing resolves ('"...,"
    she said' with no woman before it): a bare pronoun is no name."""

    name: str | None


@dataclass(frozen=True)
class RuleRef:
    id: str
    file: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Finding:
    """One stance statement found in a document.

    `modality` says how firmly it is stated: asserted, hedged ("may support"), conditional
    ("would support it if") or a question; `hedged` is true for all but asserted. `count` is
    how many times the same sentence gave this finding in the document (a repeated paragraph
    is reported once).

    `kind` is what the rule read as the sign of the stance (one of `KINDS`): a statement, an
    evaluation, a commitment, an act, a poll share, an appeal, a denial or a feeling.

    `agreement` is the finding's side on its topic when the topic is a concept (a topic
    dictionary entry that states `agreement`): `polarity` combined with the entry's agreement
    and with a negation inside the matched proposition, each of which reverses it (support
    becomes oppose, oppose support; neutral stays neutral). It is None for any other topic.
    """

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
    speaker: SpeakerRef | None
    rule: RuleRef
    ruleset: str
    cue: TextSpan | None = None
    modality: str = "asserted"
    count: int = 1
    agreement: str | None = None
    kind: str = DEFAULT_KIND

    @property
    def marks(self) -> tuple[str, ...]:
        """The marks shown beside the polarity: the kind when it is not a statement, negated, how
        firmly the stance is stated when it is not asserted (hedged, conditional, question), quoted."""
        firmness = self.modality if self.modality != "asserted" else ("hedged" if self.hedged else None)
        kind = self.kind if self.kind != DEFAULT_KIND else None
        marks = (kind, "negated" if self.negated else None, firmness, "quoted" if self.quoted else None)
        return tuple(m for m in marks if m)

    @property
    def side(self) -> str:
        """The side taken on the topic as a coder codes it: the agreement with a concept, else the polarity."""
        return self.agreement if self.agreement is not None else self.polarity

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
            **({"agreement": self.agreement} if self.agreement is not None else {}),
            "kind": self.kind,
            "negated": self.negated,
            "hedged": self.hedged,
            "modality": self.modality,
            "quoted": self.quoted,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "rule": self.rule.to_dict(),
            "ruleset": self.ruleset,
            "count": self.count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], strings: dict[str, str] | None = None) -> Finding:
        """Read a finding back from its JSON record (as written by `stancekit scan --format jsonl`).

        `strings`, one dict for the findings of a file, keeps one object of each string that
        findings repeat (document and rule ids, the rule set's hash, polarity, kind): JSON
        gives every record copies of its own, over a quarter of the memory findings read
        back hold."""
        one = _one_of(strings)

        def span(value: dict | None) -> TextSpan | None:
            return TextSpan(value["text"], value["start"], value["end"]) if value else None

        actor, topic, rule = data["actor"], data["topic"], data["rule"]
        speaker = data.get("speaker")
        topic_text = topic["text"]
        topic_name = topic.get("name") or topic_text
        return cls(
            id=data["id"],
            doc=one(data["doc"]),
            date=data.get("date"),
            sentence=span(data["sentence"]),
            actor=ActorRef(
                actor["text"],
                actor["start"],
                actor["end"],
                _actor_name(actor),
                actor.get("id"),
                one(actor.get("via", "mention")),
                one(actor.get("type")),
                tuple(Affiliated(a["id"], a["name"]) for a in actor.get("affiliations") or ()),
                actor.get("key"),
            ),
            topic=TopicRef(
                topic_text,
                topic["start"],
                topic["end"],
                topic_text if topic_name == topic_text else topic_name,
                topic.get("id"),
                topic.get("key"),
            ),
            polarity=one(data["polarity"]),
            negated=bool(data.get("negated")),
            hedged=bool(data.get("hedged")),
            quoted=bool(data.get("quoted")),
            speaker=SpeakerRef(
                speaker["text"],
                speaker["start"],
                speaker["end"],
                speaker["name"] if "name" in speaker else speaker["text"],
                speaker.get("id"),
            )
            if speaker
            else None,
            rule=RuleRef(one(rule["id"]), one(rule.get("file", "")), rule.get("line", 0)),
            ruleset=one(data.get("ruleset", "")),
            cue=span(data.get("cue")),
            modality=one(data.get("modality", "hedged" if data.get("hedged") else "asserted")),
            count=int(data.get("count", 1)),
            agreement=data.get("agreement"),
            kind=one(data.get("kind", DEFAULT_KIND)),
        )


def _one_of(strings: dict[str, str] | None) -> Callable[[Any], Any]:
    """A value as kept in `strings` (the first string equal to it), or as it is when it is
    no string or there is no `strings`."""
    if strings is None:
        return lambda value: value
    return lambda value: strings.setdefault(value, value) if type(value) is str else value


def _actor_name(actor: dict[str, Any]) -> str | None:
    """An actor's name as read back: null stays null for an unresolved one; a record without a
    name (written by hand) is named by its text."""
    name = actor.get("name")
    if (name is None and actor.get("via") != "unresolved") or name == actor["text"]:
        return actor["text"]  # one string for both, as the scan made them
    return name


def finding_id(doc: str, sentence: TextSpan, rule_id: str, actor: ActorRef, topic: TopicRef) -> str:
    """A stable id: the same evidence found by the same rule always gets the same id, whatever
    other rules exist, so findings can be compared between runs and rule versions."""
    key = "\0".join(
        str(part)
        for part in (doc, sentence.start, sentence.end, rule_id, actor.start, actor.end, topic.start, topic.end)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
