"""Read the documents and coded statements of a DNA 3 database.

A coded statement is a statement of a type that has the variables person, organization,
concept and agreement (DNA's "DNA Statement", or a type a project made with the same
variables). Its agreement is read from a boolean (1 agreement, 0 disagreement) or an integer
variable (above 0 agreement, else disagreement), and comes out as "support" or "oppose", the
polarities of findings.

Documents are named by their title, the name a coder sees in DNA; when two documents share a
title, each is named "TITLE [ID]" with its DNA ID, so that every statement has one document.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SQLITE_MAGIC = b"SQLite format 3\x00"
_STATEMENT_VARIABLES = ("person", "organization", "concept", "agreement")


class DnaReadError(ValueError):
    """A file that is not a DNA 3 database, or one that cannot be read: says which and why."""

    def __init__(self, path: str, message: str):
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class CodedDocument:
    """A document of the database. `id` is how findings name it (the title); `dna_id` is DNA's ID."""

    id: str
    dna_id: int
    title: str
    text: str
    date: str | None
    author: str
    source: str
    section: str
    type: str
    notes: str

    def to_dict(self) -> dict[str, Any]:
        """The document as a JSONL record `stancekit scan` reads (id, text, date, and the rest)."""
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date,
            "title": self.title,
            "author": self.author,
            "source": self.source,
            "section": self.section,
            "type": self.type,
            "dna_id": self.dna_id,
        }


@dataclass(frozen=True)
class CodedStatement:
    """A statement a coder marked: who (person, organization), which concept, which side, where."""

    id: int
    doc: str
    start: int
    end: int
    text: str
    person: str
    organization: str
    concept: str
    agreement: str
    coder: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.id,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "person": self.person,
            "organization": self.organization,
            "concept": self.concept,
            "agreement": self.agreement,
            "coder": self.coder,
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> CodedStatement:
        """A statement from its JSON record (as `stancekit import-dna` writes it); `ValueError` says what is wrong."""
        start, end = record.get("start"), record.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or not 0 <= start < end:
            raise ValueError("'start' and 'end' must be character offsets with start < end")
        agreement = record.get("agreement")
        if agreement not in ("support", "oppose"):
            raise ValueError(f"'agreement' must be support or oppose, not {agreement!r}")
        doc = record.get("doc")
        if not isinstance(doc, str) or not doc:
            raise ValueError("'doc' must be a non-empty string")
        return cls(
            id=int(record.get("statement") or 0),
            doc=doc,
            start=start,
            end=end,
            text=str(record.get("text") or ""),
            person=str(record.get("person") or ""),
            organization=str(record.get("organization") or ""),
            concept=str(record.get("concept") or ""),
            agreement=agreement,
            coder=str(record.get("coder") or ""),
        )


@dataclass(frozen=True)
class CodedDatabase:
    """What a DNA file holds for stancekit: its version, documents and coded statements."""

    version: str
    documents: tuple[CodedDocument, ...]
    statements: tuple[CodedStatement, ...]
    #: statements of types without person, organization, concept and agreement, left out
    other_statements: int = 0


def is_dna_file(path: str | Path) -> bool:
    """Whether `path` is an SQLite file (what a DNA database is), by its first bytes."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def read_database(path: str | Path) -> CodedDatabase:
    """The documents and coded statements of the DNA 3 database at `path`."""
    where = str(path)
    if not Path(path).is_file():
        raise DnaReadError(where, "no such file")
    if not is_dna_file(path):
        raise DnaReadError(where, "not a DNA database (an SQLite file, as DNA 3 writes)")
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as connection:
            version = _version(connection, where)
            documents = _documents(connection)
            statements = tuple(_statements(connection, {d.dna_id: d for d in documents}))
            total = connection.execute("SELECT COUNT(*) FROM STATEMENTS").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DnaReadError(where, f"cannot be read as a DNA 3 database: {exc}") from None
    return CodedDatabase(version, documents, statements, total - len(statements))


def iter_coded_jsonl(path: str | Path) -> Iterator[CodedStatement]:
    """The coded statements of a JSONL file written by `stancekit import-dna`."""
    where = str(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield CodedStatement.from_dict(json.loads(line))
                except (ValueError, AttributeError) as exc:
                    raise DnaReadError(f"{where}:{number}", f"not a coded statement: {exc}") from None
    except OSError as exc:
        raise DnaReadError(where, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DnaReadError(where, "not UTF-8") from None


def is_statement_jsonl(path: str | Path) -> bool:
    """Whether the first record of a JSONL file is a coded statement (it has concept and agreement)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and "concept" in record and "agreement" in record
    except (OSError, ValueError):
        return False
    return False


def _version(connection: sqlite3.Connection, where: str) -> str:
    row = connection.execute("SELECT Value FROM SETTINGS WHERE Property = 'version'").fetchone()
    version = str(row[0]) if row else ""
    if not version.startswith("3."):
        shown = f"version {version}" if version else "no version"
        raise DnaReadError(where, f"a DNA 3 database is needed, this one has {shown}")
    return version


def _documents(connection: sqlite3.Connection) -> tuple[CodedDocument, ...]:
    rows = connection.execute(
        "SELECT ID, Title, Text, Author, Source, Section, Type, Notes, Date FROM DOCUMENTS ORDER BY ID"
    ).fetchall()
    titles: dict[str, int] = {}
    for row in rows:
        titles[row[1]] = titles.get(row[1], 0) + 1
    return tuple(
        CodedDocument(
            id=title if titles[title] == 1 else f"{title} [{dna_id}]",
            dna_id=dna_id,
            title=title,
            text=text,
            date=_date(date),
            author=author or "",
            source=source or "",
            section=section or "",
            type=kind or "",
            notes=notes or "",
        )
        for dna_id, title, text, author, source, section, kind, notes, date in rows
    )


def _date(seconds: Any) -> str | None:
    """DNA's date (seconds since 1970 UTC) as an ISO date, or an ISO date and time when it has a time."""
    if not isinstance(seconds, int) or seconds <= 0:
        return None
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).replace(tzinfo=None)
    return moment.date().isoformat() if moment.time() == datetime.time() else moment.isoformat()


def _statement_types(connection: sqlite3.Connection) -> dict[int, dict[str, tuple[int, str]]]:
    """Statement types with all four variables: type id -> variable name -> (variable id, data type)."""
    variables: dict[int, dict[str, tuple[int, str]]] = {}
    for variable_id, name, kind, type_id in connection.execute(
        "SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES"
    ):
        variables.setdefault(type_id, {})[name] = (variable_id, kind)
    return {t: v for t, v in variables.items() if all(name in v for name in _STATEMENT_VARIABLES)}


def _statements(connection: sqlite3.Connection, documents: Mapping[int, CodedDocument]) -> Iterator[CodedStatement]:
    types = _statement_types(connection)
    coders = dict(connection.execute("SELECT ID, Name FROM CODERS"))
    short = _short_texts(connection)
    numbers = _numbers(connection)
    rows = connection.execute(
        "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY DocumentId, Start, ID"
    )
    for statement_id, type_id, document_id, start, stop, coder in rows:
        variables = types.get(type_id)
        document = documents.get(document_id)
        if variables is None or document is None:
            continue
        values = {name: short.get((statement_id, variables[name][0]), "") for name in ("person", "organization")}
        concept = short.get((statement_id, variables["concept"][0]), "")
        agreement = numbers.get((statement_id, variables["agreement"][0]), 1)
        yield CodedStatement(
            id=statement_id,
            doc=document.id,
            start=start,
            end=stop,
            text=document.text[start:stop],
            person=values["person"],
            organization=values["organization"],
            concept=concept,
            agreement="support" if agreement > 0 else "oppose",
            coder=str(coders.get(coder, "")),
        )


def _short_texts(connection: sqlite3.Connection) -> dict[tuple[int, int], str]:
    return {
        (statement, variable): value
        for statement, variable, value in connection.execute(
            "SELECT d.StatementId, d.VariableId, e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity"
        )
    }


def _numbers(connection: sqlite3.Connection) -> dict[tuple[int, int], int]:
    found: dict[tuple[int, int], int] = {}
    for table in ("DATAINTEGER", "DATABOOLEAN"):
        for statement, variable, value in connection.execute(f"SELECT StatementId, VariableId, Value FROM {table}"):
            found[(statement, variable)] = int(value)
    return found
