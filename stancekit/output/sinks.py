"""Writers for each output format; `open_sink` picks one by name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from stancekit import registry
from stancekit.findings import Finding
from stancekit.output.csvcells import CsvWriter
from stancekit.output.fields import DEFAULT_COLUMNS, flat_row, select
from stancekit.output.table import TableSink

FORMATS = ("table", "jsonl", "csv", "json")


class JsonlSink:
    """One finding record per line: streams, and each line is valid on its own."""

    def __init__(self, stream: TextIO, fields: Sequence[str] | None = None):
        self.stream, self.fields = stream, fields

    def write(self, finding: Finding) -> None:
        self.stream.write(json.dumps(select(finding, self.fields), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.flush()


class JsonSink:
    """A JSON array of finding records; the closing bracket is written on close."""

    def __init__(self, stream: TextIO, fields: Sequence[str] | None = None):
        self.stream, self.fields, self.count = stream, fields, 0
        stream.write("[")

    def write(self, finding: Finding) -> None:
        prefix = ",\n " if self.count else "\n "
        self.stream.write(prefix + json.dumps(select(finding, self.fields), ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class CsvSink:
    """Flat columns (dotted names such as actor.name); the header is written first. Text a
    spreadsheet would run as a formula is written as text unless `raw` (see `csvcells`)."""

    def __init__(self, stream: TextIO, fields: Sequence[str] | None = None, raw: bool = False):
        self.columns = tuple(fields or DEFAULT_COLUMNS)
        self.writer = CsvWriter(stream, raw)
        self.writer.writerow(self.columns)
        self.stream = stream

    def write(self, finding: Finding) -> None:
        self.writer.writerow(["" if v is None else v for v in flat_row(finding, self.columns)])

    def close(self) -> None:
        self.stream.flush()


def formats() -> tuple[str, ...]:
    """The built-in formats, then those plugins registered."""
    return FORMATS + tuple(name for name in registry.output_formats() if name not in FORMATS)


def open_sink(
    fmt: str, stream: TextIO, fields: Sequence[str] | None = None, *, color: bool = False, csv_raw: bool = False
):
    """A writer for `fmt` on `stream`; `csv_raw` keeps CSV cells that look like formulas as they are."""
    if fmt == "jsonl":
        return JsonlSink(stream, fields)
    if fmt == "json":
        return JsonSink(stream, fields)
    if fmt == "csv":
        return CsvSink(stream, fields, csv_raw)
    if fmt == "table":
        return TableSink(stream, fields, color=color)
    plugin_format = registry.output_formats().get(fmt)
    if plugin_format is not None:
        return plugin_format.function(stream, fields)
    raise ValueError(f"unknown format {fmt!r}; formats are {', '.join(formats())}")


def format_for_path(path: str | None) -> str | None:
    """The format a file name implies (`out.jsonl` -> jsonl, or a plugin format's extension), if any."""
    if not path:
        return None
    suffixes = [(".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv")]
    suffixes += [(r.extension, name) for name, r in registry.output_formats().items() if r.extension]
    for suffix, fmt in suffixes:
        if path.lower().endswith(suffix.lower()):
            return fmt
    return None
