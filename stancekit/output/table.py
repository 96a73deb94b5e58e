"""The terminal table: findings grouped by document, with the evidence sentence.

On a terminal the actor, cue and topic are highlighted inside the sentence; written to a
file or a pipe the same layout comes out as plain text.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from typing import TextIO

import click

from stancekit.findings import Finding
from stancekit.output.fields import flat_row

POLARITY_COLORS = {"support": "green", "oppose": "red", "neutral": "yellow"}


def highlight(finding: Finding, color: bool) -> str:
    """The evidence sentence with actor (bold), cue (underlined) and topic (cyan) marked."""
    sentence = finding.sentence
    if not color:
        return " ".join(sentence.text.split())
    marks = []
    for span, style in (
        (finding.actor, {"bold": True}),
        (finding.cue, {"underline": True}),
        (finding.topic, {"fg": "cyan"}),
    ):
        if span is not None and sentence.start <= span.start and span.end <= sentence.end:
            marks.append((span.start - sentence.start, span.end - sentence.start, style))
    marks.sort()
    out, position = [], 0
    for start, end, style in marks:
        if start < position:
            continue
        out.append(sentence.text[position:start])
        out.append(click.style(sentence.text[start:end], **style))
        position = end
    out.append(sentence.text[position:])
    return " ".join("".join(out).split())


def headline(finding: Finding) -> str:
    """A finding on one line as reports list it: `actor [polarity, marks] topic name`."""
    return f"{finding.actor.shown} [{', '.join((finding.polarity, *finding.marks))}] {finding.topic.name}"


class TableSink:
    """Groups consecutive findings of one document under a heading."""

    def __init__(self, stream: TextIO, fields: Sequence[str] | None = None, *, color: bool = False):
        self.stream, self.fields, self.color = stream, fields, color
        self.current_doc: str | None = None
        self.width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 140))

    def _heading(self, doc: str) -> None:
        title = f"== {doc} =="
        self.stream.write(
            ("\n" if self.current_doc is not None else "")
            + (click.style(title, bold=True) if self.color else title)
            + "\n"
        )
        self.current_doc = doc

    def write(self, finding: Finding) -> None:
        if finding.doc != self.current_doc:
            self._heading(finding.doc)
        if self.fields:
            row = flat_row(finding, self.fields)
            self.stream.write("  " + " | ".join("" if v is None else str(v) for v in row) + "\n")
            return
        polarity = finding.polarity
        label = f"[{', '.join((polarity, *finding.marks))}]"
        if self.color:
            label = click.style(label, fg=POLARITY_COLORS.get(polarity))
            actor = click.style(finding.actor.shown, bold=True)
        else:
            actor = finding.actor.shown
        topic = " ".join(finding.topic.text.split())
        self.stream.write(f"  {actor} {label} {topic}\n")
        evidence = (
            textwrap.fill(
                highlight(finding, False), width=self.width - 6, initial_indent="    > ", subsequent_indent="      "
            )
            if not self.color
            else "    > " + highlight(finding, True)
        )
        self.stream.write(evidence + "\n")

    def close(self) -> None:
        self.stream.flush()
