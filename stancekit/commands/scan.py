"""`stancekit scan`: findings in a corpus, written as a table, JSONL, CSV or part files.

The scanning itself is `stancekit.lib.scan_corpus`; this command parses options, reports
input problems and failed documents on stderr, writes the findings and picks the exit code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from stancekit import __version__
from stancekit.cluster.dask_engine import DaskMissing, require_dask
from stancekit.cluster.parts import PartsWriter
from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    ProblemLog,
    cache_options,
    compiled_rule_set,
    csv_raw_option,
    dictionary_options,
    metadata_options,
    read_metadata,
)
from stancekit.exitcodes import ExitCode
from stancekit.interrupts import StopBetweenDocuments
from stancekit.lib import CorpusItem, DocumentResult, PartitionFailed, scan_corpus
from stancekit.output.atomic import atomic_text_output
from stancekit.output.fields import FieldError, parse_fields
from stancekit.output.sinks import FORMATS, format_for_path, formats, open_sink
from stancekit.text.documents import InputOptions, InputProblem
from stancekit.text.inputpaths import regular_files


def _with_progress(results: Iterator[DocumentResult], total: int | None, enabled: bool) -> Iterator[DocumentResult]:
    if not enabled:
        yield from results
        return
    with click.progressbar(length=total, label="scanning", file=sys.stderr, show_pos=True) as bar:
        for result in results:
            yield result
            bar.update(1)


def _count_text_files(paths: Sequence[str]) -> int | None:
    """How many documents a folder scan will read, when that is cheap to know."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
            return None
        if path.is_dir():
            total += len(regular_files(path, lambda where, why: None))
        else:
            total += 1
    return total


class _FormatChoice(click.Choice):
    """The output formats, plugins' included: read when the option is parsed, after plugins load."""

    def __init__(self) -> None:
        super().__init__(FORMATS)

    def convert(self, value, param, ctx):
        self.choices = formats()
        return super().convert(value, param, ctx)


@click.command(name="scan")
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP)
@click.option(
    "--format", "-f", "fmt", type=_FormatChoice(), help="Output format (default: table, or as -o's extension)."
)
@click.option("--output", "-o", metavar="FILE", help="Write findings to FILE (atomically) instead of stdout.")
@click.option("--fields", metavar="A,B,...", help="Only these fields, e.g. doc,actor.name,polarity,topic.text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV field holding the document id.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text.")
@click.option("--date-field", default="date", show_default=True, help="JSONL/CSV field holding the date.")
@click.option(
    "--speaker-field",
    metavar="FIELD",
    help="JSONL/CSV field (or --metadata column) naming each document's author: in testimony, speeches "
    "and op-eds a first person outside quotes (I, we, my organisation) is that author (actor via: author).",
)
@click.option(
    "--affiliation-field",
    metavar="FIELD",
    help="With --speaker-field: JSONL/CSV field (or --metadata column) naming the body the author speaks for "
    "(the author's affiliation in findings, the organization in DNA exports).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "jsonl", "csv", "tsv"]),
    default="auto",
    show_default=True,
    help="How to read the inputs (auto: by file extension).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Scan in N worker processes (0: one per core). Output order does not change.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: scan on a Dask cluster (pip install 'stancekit[dask]'); -o FOLDER writes part files.",
)
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler (default: a local cluster).")
@click.option(
    "--partitions", type=click.IntRange(min=1), metavar="N", help="With --engine dask: cut the corpus in about N parts."
)
@metadata_options
@cache_options
@click.option("--no-prefilter", is_flag=True, hidden=True, help="Run every rule on every sentence (for testing).")
@click.option("--quiet", "-q", is_flag=True, help="No progress, warnings or summary on stderr.")
@csv_raw_option
@dictionary_options
def command(
    paths,
    rules,
    fmt,
    output,
    fields,
    id_field,
    text_field,
    date_field,
    speaker_field,
    affiliation_field,
    input_format,
    jobs,
    engine,
    scheduler,
    partitions,
    metadata_file,
    id_column,
    date_column,
    cache_dir,
    no_cache,
    no_prefilter,
    quiet,
    csv_raw,
    actors,
    topics,
):
    """Scan PATHS (files, folders, JSONL, CSV/TSV, or - for stdin) and report findings."""
    try:
        selected = parse_fields(fields)
    except FieldError as exc:
        raise click.BadParameter(str(exc), param_hint="--fields") from None
    part_folder = _part_folder(engine, output)
    fmt = fmt or format_for_path(output) or ("jsonl" if part_folder else "table")
    if output and output != "-" and Path(output).is_dir() and not part_folder:
        hint = "; with --engine dask a folder gets part files" if engine == "local" else ""
        raise click.BadParameter(f"'{output}' is a folder; give a file name{hint}", param_hint="--output")
    if part_folder and fmt not in ("jsonl", "csv"):
        raise click.BadParameter("part files are jsonl or csv", param_hint="--format")
    if affiliation_field and not speaker_field:
        raise click.UsageError("--affiliation-field names the body of the author that --speaker-field names")
    if engine == "local" and (scheduler or partitions):
        raise click.UsageError("--scheduler and --partitions need --engine dask")
    if engine == "dask":
        try:
            require_dask()
        except DaskMissing as exc:
            raise click.UsageError(str(exc)) from None
    compiled = compiled_rule_set(rules, actors, topics, cache_dir, no_cache, quiet)
    problems = ProblemLog(quiet)
    metadata = read_metadata(metadata_file, id_column, date_column)
    options = InputOptions(
        id_field=id_field,
        text_field=text_field,
        date_field=date_field,
        input_format=input_format,
        metadata=metadata,
        speaker_field=speaker_field,
        affiliation_field=affiliation_field,
    )
    writer = None
    if part_folder:
        writer = PartsWriter(Path(part_folder), fmt, selected, compiled.hash, csv_raw=csv_raw)
    failed_partitions: list[str] = []
    items = scan_corpus(
        paths,
        compiled,
        jobs=jobs,
        engine=engine,
        options=options,
        prefilter=not no_prefilter,
        scheduler=scheduler,
        partitions=partitions,
        parts=writer,
    )
    results = _document_results(items, problems, failed_partitions)
    total = _count_text_files(paths)
    show_progress = (
        not quiet
        and sys.stderr.isatty()
        and (output is not None or not sys.stdout.isatty())
        and (total is None or total > 1)
    )
    color = output is None and fmt == "table" and sys.stdout.isatty()
    summary = _ScanSummary(problems)
    try:
        with StopBetweenDocuments() as stop, contextlib.closing(results):
            if writer is not None:  # the part files are written as partitions arrive
                for result in _with_progress(results, total, show_progress):
                    summary.add(result)
                    stop.check()
            else:
                with atomic_text_output(output) as stream:
                    sink = open_sink(fmt, stream, selected, color=color, csv_raw=csv_raw)
                    try:
                        for result in _with_progress(results, total, show_progress):
                            summary.add(result)
                            for finding in result.findings:
                                sink.write(finding)
                            stop.check()
                    finally:
                        sink.close()
    except OSError as exc:
        if output is None:
            raise
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None
    if not quiet:
        skipped = problems.skipped + len(summary.failed)
        undated = summary.documents - summary.dated
        # said when some documents have dates: then those without one are missing from tracking
        undated_note = f"; {undated} without a date" if undated and summary.dated else ""
        click.echo(
            f"scanned {summary.documents} documents, {summary.sentences} sentences"
            f" ({summary.candidates} with trigger words): {summary.findings} findings"
            + undated_note
            + (f"; {skipped} skipped" if skipped else ""),
            err=True,
        )
    if summary.failed or failed_partitions:
        raise CommandFailed(ExitCode.INTERNAL_ERROR)
    if problems.fatal:
        raise CommandFailed(ExitCode.INPUT_ERROR)


def _part_folder(engine: str, output: str | None) -> str | None:
    """With --engine dask, an output that is a folder (or ends with a slash) gets part files."""
    if engine != "dask" or not output or output == "-":
        return None
    return output if Path(output).is_dir() or output.endswith(("/", os.sep)) else None


def _document_results(items: Iterator[CorpusItem], problems: ProblemLog, failed: list[str]) -> Iterator[DocumentResult]:
    """The documents' results of a corpus scan; its input problems go to `problems`, and a
    partition that could not be scanned at all is reported and added to `failed`."""
    try:
        for item in items:
            if isinstance(item, InputProblem):
                problems(item)
            elif isinstance(item, PartitionFailed):
                failed.append(item.source)
                click.echo(
                    f"error: partition {item.index} ({item.source}) could not be scanned"
                    f" on any worker, its documents skipped: {item.error}",
                    err=True,
                )
            else:
                yield item
    finally:
        items.close()  # stops worker processes or the cluster when the scan stops early


class _ScanSummary:
    """Counts for the closing line of a scan; reports each document whose scan failed, and
    the warnings a document's scan gave (through `problems`, as input problems are)."""

    def __init__(self, problems: ProblemLog) -> None:
        self.documents = self.dated = self.sentences = self.candidates = self.findings = 0
        self.failed: list[str] = []
        self.problems = problems

    def add(self, result: DocumentResult) -> None:
        for problem in result.problems:
            self.problems(problem)
        if result.error is not None:
            self.failed.append(result.doc_id)
            click.echo(
                f"error: document {result.doc_id} could not be scanned, skipped: {result.error}"
                f" (a bug in stancekit {__version__}; please report it)",
                err=True,
            )
            return
        self.documents += 1
        self.dated += result.dated
        self.sentences += result.sentences
        self.candidates += result.candidate_sentences
        self.findings += len(result.findings)
