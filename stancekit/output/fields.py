"""Choosing and flattening finding fields (`--fields actor.name,polarity,topic.text`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stancekit.findings import Finding

#: Every selectable field, in record order.
ALL_FIELDS = (
    "id",
    "doc",
    "date",
    "sentence.text",
    "sentence.start",
    "sentence.end",
    "actor.text",
    "actor.start",
    "actor.end",
    "actor.name",
    "actor.id",
    "actor.via",
    "actor.type",
    "actor.affiliations",
    "topic.text",
    "topic.start",
    "topic.end",
    "topic.name",
    "topic.id",
    "cue.text",
    "cue.start",
    "cue.end",
    "polarity",
    "agreement",
    "kind",
    "negated",
    "hedged",
    "modality",
    "quoted",
    "speaker.text",
    "speaker.start",
    "speaker.end",
    "speaker.name",
    "speaker.id",
    "rule.id",
    "rule.file",
    "rule.line",
    "ruleset",
    "count",
)
TOP_LEVEL = (
    "id",
    "doc",
    "date",
    "sentence",
    "actor",
    "topic",
    "cue",
    "polarity",
    "agreement",
    "kind",
    "negated",
    "hedged",
    "modality",
    "quoted",
    "speaker",
    "rule",
    "ruleset",
    "count",
)

#: Columns of CSV output when no --fields are given.
DEFAULT_COLUMNS = (
    "id",
    "doc",
    "date",
    "actor.name",
    "actor.text",
    "polarity",
    "kind",
    "topic.text",
    "negated",
    "hedged",
    "quoted",
    "cue.text",
    "rule.id",
    "sentence.start",
    "sentence.end",
    "sentence.text",
)


class FieldError(ValueError):
    """An unknown field name in --fields."""


def parse_fields(spec: str | None) -> tuple[str, ...] | None:
    """`"actor.name, polarity"` -> ("actor.name", "polarity"); unknown names raise FieldError."""
    if not spec:
        return None
    fields = tuple(f.strip() for f in spec.split(",") if f.strip())
    known = set(ALL_FIELDS) | set(TOP_LEVEL)
    for name in fields:
        if name not in known:
            import difflib

            near = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise FieldError(f"unknown field '{name}'{hint}; fields are: {', '.join(ALL_FIELDS)}")
    return fields


def get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def select(finding: Finding, fields: Sequence[str] | None) -> dict[str, Any]:
    """The finding's record, cut down to `fields` (nesting kept) when fields are given."""
    record = finding.to_dict()
    if not fields:
        return record
    out: dict[str, Any] = {}
    for name in fields:
        head, _, rest = name.partition(".")
        if not rest:
            out[head] = record.get(head)
            continue
        target = out.setdefault(head, {})
        if isinstance(target, dict):
            target[rest] = get(record, name)
    return out


def flat_row(finding: Finding, columns: Sequence[str]) -> list[Any]:
    """One value per column; a whole object (actor, topic, ...) is shown by its text."""
    record = finding.to_dict()
    row = []
    for column in columns:
        value = get(record, column)
        if isinstance(value, list):  # affiliations: their names, nearest first
            value = "; ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
        row.append(value.get("text", value.get("id")) if isinstance(value, dict) else value)
    return row
