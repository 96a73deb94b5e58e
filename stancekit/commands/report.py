"""`stancekit report`: a findings file as one self-contained HTML page.

    stancekit report findings.jsonl -o report.html --by week

The page itself is `stancekit.reporting`; this module reads the file, works out the topic
hierarchy for --roll-up, and writes the page atomically.
"""

from __future__ import annotations

import os

import click

from stancekit.commands.common import (
    collection_name_merges,
    failing_on,
    failing_to_write,
    merge_names_option,
    topic_tree,
)
from stancekit.findingsfile import FindingsInputError, read_findings
from stancekit.output.atomic import atomic_text_output
from stancekit.reporting import build_report
from stancekit.tracking.periods import PERIODS
from stancekit.tracking.timeline import actor_of, is_unresolved, topic_of


@click.command(name="report")
@click.argument("findings_file", metavar="FINDINGS.jsonl")
@click.option(
    "--output",
    "-o",
    default="report.html",
    show_default=True,
    metavar="FILE",
    help="Write the page to FILE (atomically); - writes it to stdout.",
)
@click.option(
    "--by",
    type=click.Choice(PERIODS),
    default="month",
    show_default=True,
    help="Period that timelines and shifts count findings in.",
)
@click.option(
    "--min-evidence",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="A period counts for a shift only with this many findings that take a side (as in `track`).",
)
@click.option(
    "--roll-up",
    is_flag=True,
    help="Count people for the body they speak for and topics for their root topic.",
)
@click.option(
    "--topics",
    multiple=True,
    metavar="FILE",
    help="Topic dictionary (repeatable) whose 'parent' links --roll-up follows, beside the bundled pack's.",
)
@click.option("--title", metavar="TEXT", help="Title of the page (default: 'Stance report: FINDINGS.jsonl').")
@merge_names_option
def command(findings_file, output, by, min_evidence, roll_up, topics, title, merge_names):
    """Write an HTML report of FINDINGS.jsonl (written by `scan --format jsonl`; - reads
    stdin): summary figures, an actor x topic stance matrix, timelines of the most frequent
    actor-topic pairs, the shifts where a stance changed sign, and every finding in a table
    that filters by actor, topic, stance and dates. The page works offline: it loads nothing."""
    if topics and not roll_up:
        raise click.UsageError("--topics only applies with --roll-up")
    with failing_on(FindingsInputError):
        findings = read_findings(findings_file)
    parents, names = topic_tree((), topics) if roll_up else (None, None)
    source = "<stdin>" if findings_file == "-" else os.path.basename(findings_file)
    page = build_report(
        findings,
        by=by,
        min_evidence=min_evidence,
        roll_up=roll_up,
        topic_parents=parents,
        topic_names=names,
        names=collection_name_merges(findings, merge_names),
        title=title,
        source=source,
    )
    with failing_to_write(output), atomic_text_output(output) as stream:
        stream.write(page)
    if output != "-":
        documents = len({f.doc for f in findings})
        unresolved = sum(1 for f in findings if is_unresolved(actor_of(f)) or is_unresolved(topic_of(f)))
        left_out = (
            f"; {unresolved:,} with an unresolved actor or topic are in the table only, not in the matrix or timelines"
            if unresolved
            else ""
        )
        click.echo(f"wrote {output}: {len(findings):,} findings from {documents:,} documents{left_out}", err=True)
