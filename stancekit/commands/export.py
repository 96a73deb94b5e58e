"""`stancekit export`: findings as discourse networks for DNA, visone, Gephi, networkx or R.

    stancekit export FINDINGS.jsonl --to graphml -o network.graphml
    stancekit export FINDINGS.jsonl --to edges-csv --network congruence --duplicates week
    stancekit export FINDINGS.jsonl --to dna-csv --from 2016-09-01 --until 2016-09-30

Selecting the statements and building the networks is `stancekit.networks`; this module reads
the options and the findings file and writes the chosen format.
"""

from __future__ import annotations

import datetime

import click

from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    collection_name_merges,
    csv_raw_option,
    failing_on,
    merge_names_option,
    topic_tree,
)
from stancekit.exitcodes import ExitCode
from stancekit.findingsfile import FindingsInputError, iter_findings
from stancekit.networks.build import NETWORKS, ONE_MODE_WEIGHTS, Network, build_network
from stancekit.networks.graphml import write_graphml
from stancekit.networks.statements import DUPLICATES, Selection, select_statements
from stancekit.networks.tables import write_dna_csv, write_edges_csv
from stancekit.output.atomic import atomic_text_output

FORMATS = ("graphml", "dna-csv", "edges-csv")


class _Day(click.ParamType):
    """A calendar day written YYYY-MM-DD; anything else is a usage error (exit 2)."""

    name = "date"

    def convert(self, value, param, ctx) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


def _network_note(network: Network) -> str:
    if network.network == "two-mode":
        actors = sum(1 for n in network.nodes if n.type == "actor")
        shape = f"{actors} actors, {len(network.nodes) - actors} topics, {len(network.edges)} edges"
        split = " (some actor both supports and opposes a topic: one edge per side)" if network.multigraph else ""
        return f"two-mode network: {shape}{split}"
    return f"{network.network} network: {len(network.nodes)} actors, {len(network.edges)} ties"


@click.command(name="export")
@click.argument("findings_file", metavar="FINDINGS.jsonl")
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option(
    "--network",
    type=click.Choice(NETWORKS),
    help="two-mode: actors and topics (default); congruence: actors tied by taking the same side on a "
    "topic; conflict: actors tied by taking opposite sides. Not for dna-csv, which lists statements.",
)
@click.option(
    "--duplicates",
    type=click.Choice(DUPLICATES),
    default="document",
    show_default=True,
    help="Count the same statement (actor, topic, agreement) once per document, ISO week or month, "
    "or every time (none).",
)
@click.option("--from", "since", type=_Day(), metavar="YYYY-MM-DD", help="Only findings dated on or after this day.")
@click.option("--until", type=_Day(), metavar="YYYY-MM-DD", help="Only findings dated on or before this day.")
@click.option(
    "--roll-up",
    is_flag=True,
    help="Count people for the body they speak for, topics for their root topic (as track --roll-up).",
)
@click.option(
    "--one-mode-weight",
    "weight",
    type=click.Choice(ONE_MODE_WEIGHTS),
    help="Tie weight of congruence and conflict networks: pairs of statements, as DNA counts (default), "
    "or topics (each actor's side on a topic counted once).",
)
@click.option(
    "--rules",
    "-r",
    "rules",
    multiple=True,
    metavar="PATH",
    help=RULES_HELP + " Its topic dictionaries give the topic tree for --roll-up.",
)
@click.option("--topics", multiple=True, metavar="FILE", help="Topic dictionary (repeatable) for --roll-up.")
@merge_names_option
@csv_raw_option
def command(
    findings_file, fmt, output, network, duplicates, since, until, roll_up, weight, rules, topics, merge_names, csv_raw
):
    """Write FINDINGS.jsonl (as `stancekit scan --format jsonl` writes it; - reads stdin) as a
    discourse network: GraphML, DNA's statement list (dna-csv) or an edge list (edges-csv).

    Neutral findings take no side and are left out; with --from or --until, so are undated
    findings. What was left out is counted on stderr."""
    if fmt == "dna-csv" and (network or weight):
        raise click.UsageError("dna-csv lists statements, not a network: leave out --network and --one-mode-weight")
    network = network or "two-mode"
    if weight and network == "two-mode":
        raise click.UsageError("--one-mode-weight applies to --network congruence or conflict")
    if since and until and since > until:
        raise click.UsageError(f"--from {since} is after --until {until}")
    if (rules or topics) and not roll_up:
        raise click.UsageError("--rules and --topics give the topic tree for --roll-up")
    parents, names = topic_tree(rules, topics) if roll_up else ({}, {})
    with failing_on(FindingsInputError):
        findings = list(iter_findings(findings_file))
    selection = select_statements(
        findings,
        duplicates=duplicates,
        since=since,
        until=until,
        roll_up=roll_up,
        topic_parents=parents,
        topic_names=names,
        names=collection_name_merges(findings, merge_names),
    )
    built = None if fmt == "dna-csv" else build_network(selection.statements, network, weight or "pairs")
    try:
        with atomic_text_output(output) as stream:
            if built is None:
                write_dna_csv(selection.statements, stream, csv_raw)
            elif fmt == "graphml":
                write_graphml(built, stream, _settings(selection, since, until, roll_up, weight, network))
            else:
                write_edges_csv(built, stream, csv_raw)
    except BrokenPipeError:
        raise  # the reader went away: the command group ends quietly
    except OSError as exc:
        click.echo(f"error: cannot write {output or 'to standard output'}: {exc.strerror or exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None
    click.echo(selection.note(), err=True)
    if built is not None:
        click.echo(_network_note(built), err=True)


def _settings(
    selection: Selection,
    since: datetime.date | None,
    until: datetime.date | None,
    roll_up: bool,
    weight: str | None,
    network: str,
) -> dict[str, str]:
    """What the GraphML records about how it was made."""
    settings = {"duplicates": selection.duplicates}
    if since:
        settings["from"] = since.isoformat()
    if until:
        settings["until"] = until.isoformat()
    if roll_up:
        settings["roll_up"] = "true"
    if network != "two-mode":
        settings["tie_weight"] = weight or "pairs"
    return settings
