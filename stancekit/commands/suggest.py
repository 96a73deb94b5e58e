"""`stancekit suggest actors|topics`: a dictionary draft from the keys of a findings file.

    stancekit suggest topics findings.jsonl -o my-topics.yaml
    stancekit scan corpus/ --topics my-topics.yaml ...

A research team starting on a new corpus has no dictionary; the findings' keys already group
what the text says into actors and topics. The draft lists the most frequent keys that no
dictionary names yet, each with the ways the text writes it and how often, in the format
`--actors` and `--topics` read: edit it (merge, rename, delete) and pass it back.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import click

from stancekit.commands.common import failing_on, failing_to_write
from stancekit.engine.profile import LanguageProfile, default_profile
from stancekit.findings import Finding, TopicRef
from stancekit.findingsfile import FindingsInputError, read_findings
from stancekit.keys import bare_key, collection_keys, topic_name
from stancekit.output.atomic import atomic_text_output
from stancekit.tracking.timeline import Named, is_unresolved

#: Variants written in a draft entry's comment, most frequent first.
SHOWN_VARIANTS = 5


@dataclass(frozen=True)
class Suggestion:
    """One key of a collection: how many findings it counts, the name to show, and how the
    text writes it (surface variants with their counts, most frequent first)."""

    key: str
    count: int
    name: str
    variants: tuple[tuple[str, int], ...]
    type: str = "unknown"


def suggestions(findings: Iterable[Finding], kind: str, top: int, min_count: int) -> list[Suggestion]:
    """The `top` most frequent keys of `kind` ("actors" or "topics") with at least
    `min_count` findings that no dictionary names yet. A topic that is an actor (a person, a
    party) belongs in the actor dictionary, and a pronoun names no topic: neither is suggested.
    A key kept within each document ("the new pier" of one story) is counted over them all:
    in a collection about one pier, the entry a user keeps makes it one topic everywhere."""
    written: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    lang = default_profile()
    for finding in findings:
        part = finding.actor if kind == "actors" else finding.topic
        if part.key is None or part.id or (kind == "topics" and not _a_topic(finding.topic, lang)):
            continue
        key = bare_key(part.key)
        written[key][" ".join(part.text.split())] += 1
        names[key][" ".join((part.name or part.text).split())] += 1
        types[key][finding.actor.type or "unknown"] += 1
    ranked = sorted(written, key=lambda key: (-sum(written[key].values()), key))
    return [
        Suggestion(
            key,
            sum(written[key].values()),
            _shown_name(key, names[key], kind),
            _variants(written[key]),
            types[key].most_common(1)[0][0],
        )
        for key in ranked[:top]
        if sum(written[key].values()) >= min_count
    ]


def _a_topic(topic: TopicRef, lang: LanguageProfile) -> bool:
    """Whether a finding's topic is a topic of its own: no pronoun, no actor."""
    key = bare_key(topic.key or "")
    return not is_unresolved(Named(key, key)) and topic_name(topic, lang) is None


def _shown_name(key: str, names: Counter[str], kind: str) -> str:
    """An actor is shown by its most frequent name, a topic by its key (what it is about)."""
    return names.most_common(1)[0][0] if kind == "actors" else key


def _variants(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def dictionary_id(key: str) -> str:
    """A dictionary id for a key: its words joined by underscores ("border fence" -> "border_fence")."""
    return re.sub(r"[^a-z0-9]+", "_", key.casefold()).strip("_") or "entry"


def draft(entries: Sequence[Suggestion], kind: str, source: str) -> str:
    """The YAML text of a dictionary draft: one entry per suggestion, its variants in a comment."""
    lines = [
        "stancekit: 1",
        "description: >",
        f"  Draft {kind[:-1]} dictionary suggested from {source}: the most frequent keys, each with the",
        f"  ways the text writes it. Edit it (merge, rename, delete) and pass it back with --{kind}.",
        "",
        f"{kind}:",
    ]
    used: set[str] = set()
    for entry in entries:
        entry_id = _unique(dictionary_id(entry.key), used)
        shown = "; ".join(f"{_quoted(text)} x{count}" for text, count in entry.variants[:SHOWN_VARIANTS])
        more = f"; +{len(entry.variants) - SHOWN_VARIANTS} more" if len(entry.variants) > SHOWN_VARIANTS else ""
        lines.append("")
        lines.append(f"  # {entry.count} findings: {shown}{more}")
        lines.append(f"  - id: {entry_id}")
        lines.append(f"    name: {_quoted(entry.name)}")
        if kind == "actors":
            lines.append(f"    type: {_quoted(entry.type)}")
        lines.append(f"    aliases: [{', '.join(_quoted(alias) for alias in _aliases(entry, kind))}]")
    return "\n".join(lines) + "\n"


def _aliases(entry: Suggestion, kind: str) -> list[str]:
    """How the dictionary is to find the entry: a topic by its key (the last word matches its
    inflections), an actor by its names as written."""
    if kind == "topics":
        return [entry.key]
    return sorted({entry.name, *(text for text, _ in entry.variants if text[:1].isupper())})


def _unique(entry_id: str, used: set[str]) -> str:
    candidate, number = entry_id, 2
    while candidate in used:
        candidate, number = f"{entry_id}_{number}", number + 1
    used.add(candidate)
    return candidate


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (always quoted: "no" or "on" must stay words)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@click.command(name="suggest")
@click.argument("kind", type=click.Choice(("actors", "topics")))
@click.argument("findings_file", metavar="FINDINGS.jsonl")
@click.option("--output", "-o", default="-", metavar="FILE", help="Write the draft to FILE (default: stdout).")
@click.option(
    "--top", type=click.IntRange(min=1), default=100, show_default=True, help="Suggest at most this many entries."
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Suggest only keys with at least this many findings.",
)
def command(kind, findings_file, output, top, min_count):
    """Write a YAML dictionary draft of the most frequent actor or topic KIND in FINDINGS.jsonl
    (keys no dictionary names yet, with the ways the text writes them and how often), ready to
    edit and pass back to scan with --actors or --topics."""
    with failing_on(FindingsInputError):
        findings = collection_keys(read_findings(findings_file))
    entries = suggestions(findings, kind, top, min_count)
    source = "<stdin>" if findings_file == "-" else findings_file
    with failing_to_write(output if output != "-" else None), atomic_text_output(output) as stream:
        stream.write(draft(entries, kind, source))
    if output != "-":
        click.echo(f"wrote {output}: {len(entries)} {kind} from {len(findings):,} findings", err=True)
