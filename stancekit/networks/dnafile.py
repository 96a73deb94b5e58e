"""Statements and documents as a DNA database holds them, for review by a coder in DNA.

Each statement becomes a "DNA Statement" marked on its evidence sentence (the span from the
sentence's start to its end in the document):

    person        the actor's name when the actor is a person, else empty
    organization  the body a person speaks for (their nearest affiliation in the actor
                  dictionary; with --roll-up, the body the network counts), else empty;
                  for an actor that is not a person, the actor as the network counts it
    concept       the topic as the network counts it
    agreement     1 for support, 0 for oppose

DNA shows a statement inside its document, so the documents' texts come from the corpus
that was scanned. A statement whose document is not in that corpus, or whose sentence is not
found at its offsets there (the corpus changed since the scan), cannot be marked and is
counted as left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stancekit.dna.read import CodedDatabase, CodedStatement
from stancekit.dna.score import FoundStatement
from stancekit.dna.write import SHORT_TEXT_LIMIT, DnaDocument, DnaStatement
from stancekit.evaluation import doc_key
from stancekit.findings import ActorRef, Affiliated, Finding, RuleRef, TextSpan, TopicRef
from stancekit.networks.statements import Selection, Statement, select_statements
from stancekit.text.dates import parse_date
from stancekit.text.documents import Document


@dataclass(frozen=True)
class DnaContent:
    """What goes into the DNA file, and how many statements could not be marked, by reason."""

    documents: tuple[DnaDocument, ...]
    statements: tuple[DnaStatement, ...]
    no_document: int = 0
    moved: int = 0
    long_titles: int = 0

    def note(self) -> str:
        parts = [f"{len(self.documents)} documents and {len(self.statements)} statements written"]
        if self.no_document:
            parts.append(f"{self.no_document} statements whose document is not in the corpus left out")
        if self.moved:
            parts.append(
                f"{self.moved} statements whose sentence is not at its offsets in the corpus left out"
                " (was the corpus changed after the scan?)"
            )
        if self.long_titles:
            parts.append(f"{self.long_titles} document ids cut to DNA's {SHORT_TEXT_LIMIT} characters")
        return "; ".join(parts)


def dna_date(value: str | None) -> int:
    """A document's date as DNA stores it, seconds since 1970-01-01 UTC; 0 when undated."""
    if not value:
        return 0
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        day = parse_date(value)
        if day is None:
            return 0
        moment = datetime.datetime(day.year, day.month, day.day)
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return int((moment - datetime.datetime(1970, 1, 1)).total_seconds())


def dna_document(document: Document, author_field: str | None = None) -> DnaDocument:
    """A corpus document for DNA: titled by its id, with its author from `author_field` of its metadata."""
    author = str(document.meta.get(author_field) or "") if author_field else ""
    return DnaDocument(
        title=document.id,
        text=document.text,
        date=dna_date(document.date),
        author=author,
    )


def dna_statement(statement: Statement, document: str) -> DnaStatement:
    """A statement as DNA codes it (see the module documentation), on the document titled `document`."""
    if statement.person:
        person, organization = statement.person, statement.affiliation or ""
        if statement.actor.name != person:  # rolled up: the network counts the body
            organization = statement.actor.name
    else:
        person, organization = "", statement.actor.name
    return DnaStatement(
        document=document,
        start=statement.start or 0,
        stop=statement.end or 0,
        person=person,
        organization=organization,
        concept=statement.topic.name,
        agreement=statement.agreement == "support",
    )


def dna_content(
    statements: Sequence[Statement], documents: Iterable[Document], author_field: str | None = None
) -> DnaContent:
    """Every document of the corpus, and the statements that can be marked in them."""
    written = [dna_document(d, author_field) for d in documents]
    by_id = {d.title: d for d in written}
    by_key = _unique_keys(written)
    kept: list[DnaStatement] = []
    no_document = moved = 0
    for statement in statements:
        document = by_id.get(statement.doc) or by_key.get(doc_key(statement.doc))
        if document is None:
            no_document += 1
            continue
        start, end = statement.start, statement.end
        if start is None or end is None or document.text[start:end] != statement.text or start >= end:
            moved += 1
            continue
        kept.append(dna_statement(statement, document.title))
    long_titles = sum(1 for d in written if len(d.title) > SHORT_TEXT_LIMIT)
    return DnaContent(tuple(written), tuple(kept), no_document, moved, long_titles)


def _unique_keys(documents: Sequence[DnaDocument]) -> Mapping[str, DnaDocument]:
    """Documents by file name without folders or extension, where that name is unique."""
    keyed: dict[str, list[DnaDocument]] = {}
    for d in documents:
        keyed.setdefault(doc_key(d.title), []).append(d)
    return {key: found[0] for key, found in keyed.items() if len(found) == 1}


def found_statements(findings: Iterable[Finding]) -> tuple[list[FoundStatement], Selection]:
    """The findings as the DNA statements `--to dna` would mark, every one (no duplicates
    dropped), with the selection that says how many findings were left out and why."""
    selection = select_statements(findings, duplicates="none")
    found = []
    for s in selection.statements:
        marked = dna_statement(s, s.doc)
        found.append(
            FoundStatement(
                finding_id=s.finding_id,
                doc=s.doc,
                start=marked.start,
                end=marked.stop,
                text=s.text,
                person=marked.person,
                organization=marked.organization,
                concept=marked.concept,
                agreement=s.agreement,
                concept_id=s.topic.key,
            )
        )
    return found, selection


def coded_findings(database: CodedDatabase) -> list[Finding]:
    """The statements a coder coded in DNA as findings, so that `export` builds their networks
    (and statement lists) as it builds those of a scan.

    The actor is the coded person (its affiliation the coded organization, so that --roll-up
    counts the organization), or the organization when no person is coded; the topic is the
    concept; the sentence is the coded span. A statement with neither person nor organization
    names nobody and is unresolved, counted and left out like an unresolved finding."""
    dates = {d.id: d.date for d in database.documents}
    return [_coded_finding(s, dates.get(s.doc)) for s in database.statements]


def _coded_finding(coded: CodedStatement, date: str | None) -> Finding:
    who = coded.person or coded.organization
    body = " ".join(coded.organization.split())
    # keyed as tracking keys a name no dictionary knows, so that the body is one node
    affiliations = (Affiliated(body.casefold(), body),) if coded.person and body else ()
    actor = ActorRef(
        text=who,
        start=coded.start,
        end=coded.start,
        name=who or None,
        via="mention" if who else "unresolved",
        type="person" if coded.person else "organisation",
        affiliations=affiliations,
    )
    return Finding(
        id=f"dna-{coded.id}",
        doc=coded.doc,
        date=date,
        sentence=TextSpan(coded.text, coded.start, coded.end),
        actor=actor,
        topic=TopicRef(coded.concept, coded.start, coded.start, coded.concept),
        polarity=coded.agreement,
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef(f"dna:{coded.coder or 'coder'}", "", 0),
        ruleset="",
    )
