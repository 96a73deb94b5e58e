"""Document dates: from a record's date field, a metadata sidecar, or the file name.

Tracking stances over time needs a date on every document. News archives give it in one of
three ways: a field of each JSONL or CSV record; a sidecar table keyed by file name (PolNeAR's
`metadata.tsv`: filename, publication_date, publisher, title ...); or the file name itself
(`nyt_2016-09-30_slug.txt`). A document keeps the first of these that it has.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(name: str) -> str | None:
    """The first real calendar date written YYYY-MM-DD in `name`, or None."""
    for m in _ISO_DATE_RE.finditer(name):
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None


def parse_date(value: str | None) -> datetime.date | None:
    """A date from the start of an ISO date or timestamp ("2016-09-30", "2016-09-30T14:02Z")."""
    if not value:
        return None
    m = _ISO_DATE_RE.match(value.strip())
    if m is None:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class MetadataError(ValueError):
    """A metadata sidecar that cannot be used: says which file and why."""


@dataclass(frozen=True)
class Metadata:
    """Rows of a sidecar table, keyed by document id (the id column, without a file extension)."""

    date_column: str
    rows: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def lookup(self, *keys: str) -> Mapping[str, str] | None:
        for key in keys:
            row = self.rows.get(_key(key))
            if row is not None:
                return row
        return None


def _key(value: str) -> str:
    """`dev/nyt_2016-09-30_slug.txt`, `nyt_2016-09-30_slug` -> `nyt_2016-09-30_slug`."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.isalnum() and len(suffix) <= 5 else name


def load_metadata(path: str | Path, id_column: str = "id", date_column: str = "date") -> Metadata:
    """Read a CSV or TSV sidecar (TSV by extension or when its header has tabs)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in first_line else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = list(reader.fieldnames or [])
    for wanted, option in ((id_column, "--id-column"), (date_column, "--date-column")):
        if wanted not in columns:
            raise MetadataError(
                f"{path}: no '{wanted}' column (columns: {', '.join(columns) or 'none'}); name it with {option}"
            )
    rows = {_key(row[id_column]): row for row in reader if row.get(id_column)}
    return Metadata(date_column, rows)
