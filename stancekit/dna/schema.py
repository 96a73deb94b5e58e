"""The tables of a DNA 3 SQLite database, and the rows DNA puts in a new one.

These are the CREATE TABLE statements DNA 3.0 runs when it creates an SQLite database
(`sql.Sql.createTables` in leifeld/dna), column for column, so that DNA opens a file written
here as one of its own: the same tables, the same checks, the Admin coder (ID 1), the version
in SETTINGS, and the three statement types DNA starts with, "DNA Statement" (person,
organization, concept: short text; agreement: boolean) among them.

DNA keeps a coder's password as a jasypt "strong" digest: base64 of a 16-byte salt followed by
SHA-256 of salt and password, hashed again 99,999 times. `password_digest` makes one, so that
DNA lets the coder in with the password given to `stancekit export --to dna`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import sqlite3
import unicodedata

#: The DNA release whose schema this is; DNA reads any "3.0" database the same way.
DNA_VERSION = "3.0.8"
DNA_DATE = "2022-06-16"

#: IDs of the default statement type and its variables, as DNA creates them.
DNA_STATEMENT_TYPE = 1
VARIABLE_IDS = {"person": 1, "organization": 2, "concept": 3, "agreement": 4}
ADMIN_CODER = 1

_RGB = (
    "Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), "
    "Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), "
    "Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255)"
)

#: A coder's yes/no settings and permissions, with their defaults, in DNA's column order.
_CODER_FLAGS = (
    ("ColorByCoder", 0),
    ("PopupDecoration", 0),
    ("PopupAutoComplete", 1),
    ("PermissionAddDocuments", 1),
    ("PermissionEditDocuments", 1),
    ("PermissionDeleteDocuments", 1),
    ("PermissionImportDocuments", 1),
    ("PermissionAddStatements", 1),
    ("PermissionEditStatements", 1),
    ("PermissionDeleteStatements", 1),
    ("PermissionEditAttributes", 1),
    ("PermissionEditRegex", 1),
    ("PermissionEditStatementTypes", 1),
    ("PermissionEditCoders", 1),
    ("PermissionEditCoderRelations", 1),
    ("PermissionViewOthersDocuments", 1),
    ("PermissionEditOthersDocuments", 1),
    ("PermissionViewOthersStatements", 1),
    ("PermissionEditOthersStatements", 1),
)


def _flag(name: str, default: int) -> str:
    return f"{name} INTEGER NOT NULL CHECK ({name} BETWEEN 0 AND 1) DEFAULT {default}"


def _text191(name: str, default: bool = True) -> str:
    default_clause = " DEFAULT ''" if default else ""
    return f"{name} TEXT NOT NULL{default_clause} CHECK (LENGTH({name}) < 191)"


def _statement_data(table: str, value: str) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {table}("
        "ID INTEGER PRIMARY KEY NOT NULL, "
        "StatementId INTEGER NOT NULL, "
        "VariableId INTEGER NOT NULL, "
        f"{value}, "
        "FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, "
        "FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, "
        "UNIQUE (StatementId, VariableId));"
    )


CREATE_TABLES: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);",
    "CREATE TABLE IF NOT EXISTS CODERS("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "Name TEXT NOT NULL CHECK (LENGTH(Name) < 191), "
    f"{_RGB}, "
    "Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0, "
    "FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14, "
    "Password TEXT NOT NULL CHECK (LENGTH(Password) < 191), "
    "PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300, "
    + ", ".join(_flag(name, default) for name, default in _CODER_FLAGS)
    + ");",
    "CREATE TABLE IF NOT EXISTS DOCUMENTS("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "Title TEXT NOT NULL CHECK (LENGTH(Title) < 191), "
    "Text TEXT NOT NULL, "
    "Coder INTEGER, "
    f"{_text191('Author')}, "
    f"{_text191('Source')}, "
    f"{_text191('Section')}, "
    "Notes TEXT NOT NULL DEFAULT '', "
    f"{_text191('Type')}, "
    "Date INTEGER NOT NULL, "
    "FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);",
    f"CREATE TABLE IF NOT EXISTS STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, "
    f"Label TEXT NOT NULL CHECK (LENGTH(Label) < 191), {_RGB});",
    "CREATE TABLE IF NOT EXISTS VARIABLES("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "Variable TEXT NOT NULL CHECK (LENGTH(Variable) < 191), "
    "DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer' OR DataType = 'long text' "
    "OR DataType = 'short text') DEFAULT 'short text', "
    "StatementTypeId INTEGER, "
    "FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, "
    "UNIQUE (Variable, StatementTypeId));",
    "CREATE TABLE IF NOT EXISTS VARIABLELINKS("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "SourceVariableId INTEGER, "
    "TargetVariableId INTEGER, "
    "CHECK (TargetVariableId != SourceVariableId), "
    "FOREIGN KEY(SourceVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(TargetVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);",
    f"CREATE TABLE IF NOT EXISTS REGEXES(Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191), {_RGB});",
    "CREATE TABLE IF NOT EXISTS CODERRELATIONS("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "Coder INTEGER CHECK(Coder > 0), "
    "OtherCoder INTEGER CHECK(OtherCoder > 0), "
    "viewStatements INTEGER NOT NULL DEFAULT 1 CHECK(viewStatements BETWEEN 0 AND 1), "
    "editStatements INTEGER NOT NULL DEFAULT 1 CHECK(editStatements BETWEEN 0 AND 1), "
    "viewDocuments INTEGER NOT NULL DEFAULT 1 CHECK(viewDocuments BETWEEN 0 AND 1), "
    "editDocuments INTEGER NOT NULL DEFAULT 1 CHECK(editDocuments BETWEEN 0 AND 1), "
    "CHECK (Coder != OtherCoder), "
    "FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(OtherCoder) REFERENCES CODERS(ID) ON DELETE CASCADE);",
    "CREATE TABLE IF NOT EXISTS STATEMENTS("
    "ID INTEGER NOT NULL PRIMARY KEY, "
    "StatementTypeId INTEGER, "
    "DocumentId INTEGER, "
    "Start INTEGER NOT NULL CHECK(Start >= 0), "
    "Stop INTEGER NOT NULL CHECK(Stop >= 0), "
    "Coder INTEGER, "
    "CHECK (Start < Stop), "
    "FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE);",
    _statement_data("DATABOOLEAN", "Value INTEGER NOT NULL DEFAULT 1"),
    _statement_data("DATAINTEGER", "Value INTEGER NOT NULL DEFAULT 0"),
    "CREATE TABLE IF NOT EXISTS ENTITIES("
    "ID INTEGER PRIMARY KEY NOT NULL, "
    "VariableId INTEGER NOT NULL, "
    "Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), "
    "Red INTEGER CHECK (Red BETWEEN 0 AND 255), "
    "Green INTEGER CHECK (Green BETWEEN 0 AND 255), "
    "Blue INTEGER CHECK (Blue BETWEEN 0 AND 255), "
    "ChildOf INTEGER CHECK(ChildOf > 0), "
    "UNIQUE (VariableId, Value), "
    "FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);",
    "CREATE TABLE IF NOT EXISTS DATASHORTTEXT("
    "ID INTEGER PRIMARY KEY NOT NULL, "
    "StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, "
    "Entity INTEGER NOT NULL, "
    "FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(Entity) REFERENCES ENTITIES(ID) ON DELETE CASCADE, "
    "UNIQUE (StatementId, VariableId));",
    _statement_data("DATALONGTEXT", "Value TEXT DEFAULT ''"),
    "CREATE TABLE IF NOT EXISTS ATTRIBUTEVARIABLES("
    "ID INTEGER PRIMARY KEY NOT NULL, "
    "VariableId INTEGER NOT NULL, "
    "AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191), "
    "UNIQUE(VariableId, AttributeVariable), "
    "FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);",
    "CREATE TABLE IF NOT EXISTS ATTRIBUTEVALUES("
    "ID INTEGER PRIMARY KEY NOT NULL, "
    "EntityId INTEGER NOT NULL, "
    "AttributeVariableId INTEGER NOT NULL, "
    "AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191), "
    "UNIQUE (EntityId, AttributeVariableId), "
    "FOREIGN KEY(EntityId) REFERENCES ENTITIES(ID) ON DELETE CASCADE, "
    "FOREIGN KEY(AttributeVariableId) REFERENCES ATTRIBUTEVARIABLES(ID) ON DELETE CASCADE);",
)

#: The statement types and variables DNA starts every database with: (type id, label, colour, variables).
_STATEMENT_TYPES = (
    (
        1,
        "DNA Statement",
        (239, 208, 51),
        (
            (1, "person", "short text"),
            (2, "organization", "short text"),
            (3, "concept", "short text"),
            (4, "agreement", "boolean"),
        ),
    ),
    (
        2,
        "NPF Story Element",
        (100, 200, 190),
        (
            (5, "narrator", "short text"),
            (6, "victim", "short text"),
            (7, "villain", "short text"),
            (8, "plot", "short text"),
            (9, "hero", "short text"),
            (10, "policy solution", "short text"),
        ),
    ),
    (3, "Annotation", (211, 211, 211), ((11, "note", "long text"),)),
)

#: The attributes DNA gives every entity of person, organization and concept, in its order.
_ATTRIBUTES = ("Type", "Alias", "Notes")


def password_digest(password: str, salt: bytes | None = None) -> str:
    """The password as DNA stores it (jasypt's StrongPasswordEncryptor); a random salt unless given."""
    salt = os.urandom(16) if salt is None else salt
    message = unicodedata.normalize("NFC", password).encode("utf-8")
    digest = hashlib.sha256(salt + message).digest()
    for _ in range(100_000 - 1):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


def password_matches(password: str, stored: str) -> bool:
    """Whether `password` is the one DNA's stored digest was made from."""
    try:
        raw = base64.b64decode(stored, validate=True)
    except ValueError:
        return False
    return len(raw) > 16 and password_digest(password, raw[:16]) == stored


def create_database(connection: sqlite3.Connection, admin_password: str) -> None:
    """Create DNA's tables and first rows in an empty database, as DNA does for a new file."""
    for statement in CREATE_TABLES:
        connection.execute(statement)
    connection.execute(
        "INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password, PermissionEditStatementTypes, "
        "PermissionEditCoders, PermissionEditOthersDocuments, PermissionEditOthersStatements) "
        "VALUES (?, 'Admin', 255, 255, 0, ?, 1, 1, 1, 1)",
        (ADMIN_CODER, password_digest(admin_password)),
    )
    connection.executemany(
        "INSERT INTO SETTINGS (Property, Value) VALUES (?, ?)", (("version", DNA_VERSION), ("date", DNA_DATE))
    )
    for type_id, label, (red, green, blue), variables in _STATEMENT_TYPES:
        connection.execute(
            "INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)",
            (type_id, label, red, green, blue),
        )
        connection.executemany(
            "INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (?, ?, ?, ?)",
            ((variable_id, name, kind, type_id) for variable_id, name, kind in variables),
        )
        if type_id == DNA_STATEMENT_TYPE:
            connection.executemany(
                "INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                ((variable_id, attribute) for attribute in _ATTRIBUTES for variable_id in (1, 2, 3)),
            )
