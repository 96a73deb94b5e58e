"""Write documents and statements into a new DNA 3 database.

Every statement is a "DNA Statement" coded by the Admin coder: its person, organization and
concept are entities of those variables (created once per distinct value, with DNA's empty
Type, Alias and Notes attributes), its agreement a boolean, and its span a start and stop
offset into the document's text, as DNA marks a statement. The file appears whole or not at
all: it is built beside the target and renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancekit.dna.schema import ADMIN_CODER, DNA_STATEMENT_TYPE, VARIABLE_IDS, create_database

#: DNA keeps titles, authors, sources and entity values shorter than 191 characters.
SHORT_TEXT_LIMIT = 190

_SHORT_TEXT_VARIABLES = ("person", "organization", "concept")


@dataclass(frozen=True)
class DnaDocument:
    """A document as DNA keeps it. `date` is seconds since 1970-01-01 00:00 UTC, as DNA stores it."""

    title: str
    text: str
    date: int = 0
    author: str = ""
    source: str = ""
    section: str = ""
    notes: str = ""
    type: str = ""


@dataclass(frozen=True)
class DnaStatement:
    """One "DNA Statement" on the document titled `document`: text[start:stop] is its span."""

    document: str
    start: int
    stop: int
    person: str
    organization: str
    concept: str
    agreement: bool


def short_text(value: str) -> str:
    """`value` on one line and cut to the length DNA allows a short text."""
    return " ".join(value.split())[:SHORT_TEXT_LIMIT]


def write_database(
    path: str | Path, documents: Sequence[DnaDocument], statements: Iterable[DnaStatement], password: str
) -> int:
    """Write a new DNA database at `path` (replacing any file there); returns the statements written.

    Statements on a document not among `documents`, or whose span is empty or outside the
    document's text, raise `ValueError`: the caller decides what to leave out."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(temp_name)) as connection, connection:
            create_database(connection, password)
            document_ids = _insert_documents(connection, documents)
            lengths = {d.title: len(d.text) for d in documents}
            written = _insert_statements(connection, statements, document_ids, lengths)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return written


def _insert_documents(connection: sqlite3.Connection, documents: Sequence[DnaDocument]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for number, d in enumerate(documents, 1):
        if d.title in ids:
            raise ValueError(f"two documents are titled '{d.title}'")
        ids[d.title] = number
        connection.execute(
            "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                short_text(d.title),
                d.text,
                ADMIN_CODER,
                short_text(d.author),
                short_text(d.source),
                short_text(d.section),
                d.notes,
                short_text(d.type),
                d.date,
            ),
        )
    return ids


def _insert_statements(
    connection: sqlite3.Connection,
    statements: Iterable[DnaStatement],
    document_ids: dict[str, int],
    lengths: dict[str, int],
) -> int:
    entities = _Entities(connection)
    written = 0
    for s in statements:
        if s.document not in document_ids:
            raise ValueError(f"statement on document '{s.document}', which is not written")
        if not 0 <= s.start < s.stop <= lengths[s.document]:
            raise ValueError(f"statement span {s.start}-{s.stop} is not inside document '{s.document}'")
        cursor = connection.execute(
            "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (?, ?, ?, ?, ?)",
            (DNA_STATEMENT_TYPE, document_ids[s.document], s.start, s.stop, ADMIN_CODER),
        )
        statement_id = cursor.lastrowid
        for variable in _SHORT_TEXT_VARIABLES:
            entity = entities.id_of(variable, getattr(s, variable))
            connection.execute(
                "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                (statement_id, VARIABLE_IDS[variable], entity),
            )
        connection.execute(
            "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, ?, ?)",
            (statement_id, VARIABLE_IDS["agreement"], int(s.agreement)),
        )
        written += 1
    return written


class _Entities:
    """The entities of the short-text variables, each value created once with empty attributes."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        self.ids: dict[tuple[int, str], int] = {}
        self.attributes: dict[int, list[int]] = {}
        for attribute_id, variable_id in connection.execute("SELECT ID, VariableId FROM ATTRIBUTEVARIABLES"):
            self.attributes.setdefault(variable_id, []).append(attribute_id)

    def id_of(self, variable: str, value: str) -> int:
        key = (VARIABLE_IDS[variable], short_text(value))
        if key not in self.ids:
            cursor = self.connection.execute(
                "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)", key
            )
            self.ids[key] = cursor.lastrowid
            self.connection.executemany(
                "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, '')",
                ((cursor.lastrowid, attribute) for attribute in self.attributes.get(key[0], ())),
            )
        return self.ids[key]
