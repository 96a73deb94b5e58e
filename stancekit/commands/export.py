"""`stancekit export`: findings as discourse networks for DNA, visone, Gephi, networkx or R.

    stancekit export FINDINGS.jsonl --to graphml -o network.graphml
    stancekit export FINDINGS.jsonl --to edges-csv --network congruence --duplicates week
    stancekit export FINDINGS.jsonl --to dna-csv --from 2016-09-01 --until 2016-09-30
    stancekit export FINDINGS.jsonl --to dna --corpus testimonies/ -o review.dna

Selecting the statements and building the networks is `stancekit.networks`; this module reads
the options and the findings file and writes the chosen format.
"""

from __future__ import annotations

import datetime

import click

from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    ProblemLog,
    collection_name_merges,
    csv_raw_option,
    failing_on,
    merge_names_option,
    topic_tree,
)
from stancekit.dna.read import DnaReadError, is_dna_file, read_database
from stancekit.dna.write import write_database
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.findingsfile import FindingsInputError, iter_findings
from stancekit.networks.build import NETWORKS, ONE_MODE_WEIGHTS, Network, build_network
from stancekit.networks.dnafile import coded_findings, dna_content
from stancekit.networks.graphml import write_graphml
from stancekit.networks.statements import DUPLICATES, Selection, select_statements
from stancekit.networks.tables import write_dna_csv, write_edges_csv
from stancekit.output.atomic import atomic_text_output
from stancekit.text.documents import InputOptions, iter_documents

FORMATS = ("graphml", "dna-csv", "edges-csv", "dna")

#: The Admin password of a DNA file written by `--to dna`, unless --dna-password gives another.
DEFAULT_DNA_PASSWORD = "stancekit"


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
    help="Count the same statement (actor, topic, agreement) once per document (default), ISO week or "
    "month, or every time (none; the default of --to dna, which marks every statement for review).",
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
@click.option(
    "--corpus",
    multiple=True,
    metavar="PATH",
    help="With --to dna: the documents that were scanned (files, folders, JSONL, CSV; repeatable), "
    "read as `scan` reads them. DNA shows statements in their documents' text.",
)
@click.option("--id-field", default="id", show_default=True, help="With --corpus: JSONL/CSV field of the document id.")
@click.option("--text-field", default="text", show_default=True, help="With --corpus: JSONL/CSV field of the text.")
@click.option("--date-field", default="date", show_default=True, help="With --corpus: JSONL/CSV field of the date.")
@click.option(
    "--speaker-field",
    metavar="FIELD",
    help="With --corpus: JSONL/CSV field naming each document's author, written as its DNA Author.",
)
@click.option(
    "--dna-password",
    default=DEFAULT_DNA_PASSWORD,
    show_default=True,
    help="With --to dna: the password DNA asks for when the Admin coder opens the file.",
)
def command(
    findings_file,
    fmt,
    output,
    network,
    duplicates,
    since,
    until,
    roll_up,
    weight,
    rules,
    topics,
    merge_names,
    csv_raw,
    corpus,
    id_field,
    text_field,
    date_field,
    speaker_field,
    dna_password,
):
    """Write FINDINGS.jsonl (as `stancekit scan --format jsonl` writes it; - reads stdin) as a
    discourse network: GraphML, DNA's statement list (dna-csv), an edge list (edges-csv), or a
    DNA 3 database (dna) to review and correct in the Discourse Network Analyzer. A DNA file
    in place of FINDINGS.jsonl exports the statements coded in it: the person (else the
    organization) is the actor, the concept the topic; --roll-up counts the organization.

    --to dna needs -o FILE.dna and --corpus, the documents that were scanned: every document
    goes into the file, and every statement is a "DNA Statement" (person, organization,
    concept, agreement) marked on its evidence sentence. Open the file in DNA as coder Admin
    with the --dna-password (default: stancekit).

    Neutral findings take no side and are left out; with --from or --until, so are undated
    findings. What was left out is counted on stderr."""
    _check_dna_options(fmt, output, corpus, speaker_field)
    if fmt in ("dna-csv", "dna") and (network or weight):
        raise click.UsageError(f"{fmt} lists statements, not a network: leave out --network and --one-mode-weight")
    duplicates = duplicates or ("none" if fmt == "dna" else "document")
    network = network or "two-mode"
    if weight and network == "two-mode":
        raise click.UsageError("--one-mode-weight applies to --network congruence or conflict")
    if since and until and since > until:
        raise click.UsageError(f"--from {since} is after --until {until}")
    if (rules or topics) and not roll_up:
        raise click.UsageError("--rules and --topics give the topic tree for --roll-up")
    parents, names = topic_tree(rules, topics) if roll_up else ({}, {})
    findings = _read_findings(findings_file)
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
    if fmt == "dna":
        options = InputOptions(id_field=id_field, text_field=text_field, date_field=date_field)
        _write_dna(selection, corpus, options, speaker_field, output, dna_password)
        return
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


def _read_findings(findings_file: str) -> list[Finding]:
    """The findings of a findings file, or the coded statements of a DNA database as findings."""
    if findings_file != "-" and is_dna_file(findings_file):
        with failing_on(DnaReadError):
            return coded_findings(read_database(findings_file))
    with failing_on(FindingsInputError):
        return list(iter_findings(findings_file))


def _check_dna_options(fmt: str, output: str | None, corpus: tuple[str, ...], speaker_field: str | None) -> None:
    """--to dna writes a database file from the corpus; the corpus options are for it alone."""
    if fmt != "dna":
        if corpus or speaker_field:
            raise click.UsageError("--corpus and --speaker-field apply to --to dna")
        return
    if not output or output == "-":
        raise click.UsageError("--to dna writes a database file: give -o FILE.dna")
    if not corpus:
        raise click.UsageError("--to dna needs --corpus PATH, the documents that were scanned (DNA shows their text)")


def _write_dna(
    selection: Selection,
    corpus: tuple[str, ...],
    options: InputOptions,
    speaker_field: str | None,
    output: str,
    password: str,
) -> None:
    """Write the statements and the corpus's documents as a DNA database at `output`."""
    problems = ProblemLog(quiet=False)
    content = dna_content(selection.statements, iter_documents(corpus, options, problems), speaker_field)
    try:
        write_database(output, content.documents, content.statements, password)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None
    click.echo(selection.note(), err=True)
    click.echo(content.note(), err=True)
    if problems.fatal:
        raise CommandFailed(ExitCode.INPUT_ERROR)


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
