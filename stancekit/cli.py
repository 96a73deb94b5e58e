"""The `stancekit` command. Thin on purpose: it parses options, calls the Python API and
picks an output format; everything it does can be done from Python too."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from stancekit import __version__, registry
from stancekit.cluster.dask_engine import DaskMissing, require_dask, scan_on_dask
from stancekit.cluster.partitions import plan
from stancekit.cluster.parts import PartitionResult, PartsWriter
from stancekit.commands import register as register_commands
from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    ProblemLog,
    cache_options,
    compiled_rule_set,
    csv_raw_option,
    dictionary_options,
    failing_on,
    load_ruleset,
    metadata_options,
    read_metadata,
)
from stancekit.commands.importdna import is_statement_gold, run_statement_eval
from stancekit.engine.matcher import Matcher
from stancekit.engine.parallel import DocumentResult, available_cores, scan_parallel, scan_serial
from stancekit.engine.profile import describe_profile
from stancekit.evaluation import EvaluationInputError, doc_key, evaluate, format_report, iter_findings, load_gold
from stancekit.exitcodes import ExitCode
from stancekit.interrupts import StopBetweenDocuments
from stancekit.output.atomic import atomic_text_output
from stancekit.output.fields import FieldError, parse_fields
from stancekit.output.sinks import FORMATS, format_for_path, formats, open_sink
from stancekit.packs import installed_packs
from stancekit.plugins import PluginInfo, load_plugins
from stancekit.text.documents import Document, InputOptions, iter_documents
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


def _discard_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered for a reader
    who has gone away cannot fail again when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):
        pass


class _Group(click.Group):
    """The command group. A reader that stops reading (`stancekit scan ... | head`) ends the
    command quietly with OK: Click itself would turn the broken pipe into exit code 1, which
    is FINDINGS_DIFFER to a CI job."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            raise CommandFailed(ExitCode.OK) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancekit")
@click.option("--no-plugins", is_flag=True, help="Load no third-party plugins (also: STANCEKIT_NO_PLUGINS=1).")
def cli(no_plugins: bool) -> None:
    """Find who supports or opposes what in news text, with the sentence that shows it."""
    registry.on_plugin_error = _report_plugin_error
    load_plugins(enabled=not no_plugins, report=_report_plugin_failure)


def _report_plugin_failure(info: PluginInfo) -> None:
    click.echo(
        f"warning: plugin '{info.name}' (package {info.package}) failed to load and is left out: {info.error}", err=True
    )


def _report_plugin_error(plugin: str, what: str, exc: BaseException) -> None:
    click.echo(
        f"warning: plugin '{plugin}' raised {type(exc).__name__} in its {what}: {exc}"
        " (treated as no match from here on; reported once)",
        err=True,
    )


class _FormatChoice(click.Choice):
    """The output formats, plugins' included: read when the option is parsed, after plugins load."""

    def __init__(self) -> None:
        super().__init__(FORMATS)

    def convert(self, value, param, ctx):
        self.choices = formats()
        return super().convert(value, param, ctx)


@cli.command()
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
def scan(
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
    jobs = jobs or available_cores()
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
    failed_partitions: list[str] = []
    if engine == "dask":
        cuts, planning_problems = plan(list(paths), options, partitions or max(8, 4 * jobs))
        for problem in planning_problems:
            problems(problem)
        on_dask = scan_on_dask(compiled, cuts, options, scheduler=scheduler, workers=jobs, prefilter=not no_prefilter)
        if part_folder:
            writer = PartsWriter(Path(part_folder), fmt, selected, compiled.hash, csv_raw=csv_raw)
        results = _document_results(on_dask, problems, writer, failed_partitions)
    elif jobs > 1:
        results = scan_parallel(compiled, iter_documents(paths, options, problems), jobs, prefilter=not no_prefilter)
    else:
        documents = iter_documents(paths, options, problems)
        results = scan_serial(Matcher(compiled, prefilter=not no_prefilter), documents)
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
                writer.finish()
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


def _document_results(
    partitions: Iterator[PartitionResult], problems: ProblemLog, writer: PartsWriter | None, failed: list[str]
) -> Iterator[DocumentResult]:
    """Each partition's documents in order, its input problems reported, its part file written;
    a partition that could not be scanned at all is reported and added to `failed`."""
    try:
        for partition in partitions:
            if partition.error is not None:
                failed.append(partition.source)
                click.echo(
                    f"error: partition {partition.index} ({partition.source}) could not be scanned"
                    f" on any worker, its documents skipped: {partition.error}",
                    err=True,
                )
            for problem in partition.problems:
                problems(problem)
            if writer is not None:
                writer.write(partition)
            yield from partition.results
    finally:
        close = getattr(partitions, "close", None)
        if close is not None:
            close()  # stops the cluster when the scan stops early


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


@cli.command(name="rules")
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP)
@click.option("--lexicons/--no-lexicons", default=True, help="Also list lexicons and macros.")
@click.option("--packs", is_flag=True, help="List the installed rule packs instead (use one with --rules pack:NAME).")
@click.option(
    "--language", is_flag=True, help="List the language profile's slots instead: what each is for, its entries."
)
@dictionary_options
def list_rules(rules, lexicons, packs, language, actors, topics):
    """List the loaded rules, phrase types, lexicons and macros, and how many actors and topics dictionaries name."""
    if packs:
        for pack in installed_packs().values():
            source = f"{pack.package} {pack.version}".strip() or "unknown package"
            click.echo(f"pack:{pack.name:<20} {source:<28} {pack.path}")
            if pack.description:
                click.echo(f"    {pack.description}")
        return
    ruleset = load_ruleset(rules, actors, topics)
    if language:
        for line in describe_profile(ruleset.profile, ruleset.profile_sources):
            click.echo(line)
        return
    for rule_file in ruleset.files:
        if not (rule_file.rules or rule_file.phrases) and not (lexicons and (rule_file.lexicons or rule_file.macros)):
            continue
        click.echo(click.style(rule_file.display, bold=True))
        for name, phrase in rule_file.phrases.items():
            where = f"line {phrase.location.line}"
            click.echo(f"  {'<' + name + '>':<36} {'phrase':<8} {where:<10} {len(phrase.examples)} examples")
            if phrase.description:
                click.echo(f"      {phrase.description}")
        for rule in rule_file.rules:
            examples = len(rule.examples)
            click.echo(f"  {rule.id:<36} {rule.polarity:<8} line {rule.line:<5} {examples} examples")
            if rule.description:
                click.echo(f"      {rule.description}")
        if lexicons:
            for name, lexicon in rule_file.lexicons.items():
                preview = ", ".join(lexicon.entries[:6]) + (", ..." if len(lexicon.entries) > 6 else "")
                click.echo(f"  @{name:<35} {len(lexicon.entries)} entries: {preview}")
            for name, macro in rule_file.macros.items():
                click.echo(f"  ${name:<35} {macro.pattern}")
    click.echo(
        f"{len(ruleset.rules)} rules in {len(ruleset.files)} files; "
        f"{len(ruleset.actors)} actors and {len(ruleset.topics)} topics in the dictionaries",
        err=True,
    )


@cli.command(name="eval")
@click.argument("gold", metavar="GOLD.jsonl|FILE.dna")
@click.argument("findings_file", metavar="[FINDINGS.jsonl]", required=False)
@click.option(
    "--scan",
    "corpus",
    multiple=True,
    metavar="CORPUS",
    help="Scan this file or folder (repeatable) now, instead of reading FINDINGS.jsonl.",
)
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP + " Only with --scan.")
@click.option(
    "--misses",
    type=click.IntRange(min=0),
    metavar="N",
    help="List N missed gold records (default: 10 in the table, all in JSON).",
)
@click.option(
    "--false",
    "false_findings",
    type=click.IntRange(min=0),
    metavar="N",
    help="List N false findings (default: 10 in the table, all in JSON).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Report format.",
)
@click.option("--min-recall", type=click.FloatRange(0, 1), metavar="X", help="Exit with 1 when recall is below X.")
@click.option(
    "--min-precision",
    type=click.FloatRange(0, 1),
    metavar="X",
    help="Exit with 1 when strict precision is below X.",
)
@click.option(
    "--speaker-field",
    metavar="FIELD",
    help="With --scan: the field naming each document's author, as for `scan` (a DNA file's: author).",
)
@click.option(
    "--affiliation-field", metavar="FIELD", help="With --scan: the field naming the body the author speaks for."
)
@cache_options
@dictionary_options
def eval_command(
    gold,
    findings_file,
    corpus,
    rules,
    misses,
    false_findings,
    fmt,
    min_recall,
    min_precision,
    speaker_field,
    affiliation_field,
    cache_dir,
    no_cache,
    actors,
    topics,
):
    """Score findings against GOLD.jsonl: recall, precision, F1, per polarity and per rule.

    The findings come from FINDINGS.jsonl (as written by `scan --format jsonl`; - reads
    stdin) or from scanning CORPUS with --scan. The last line of the table reads
    `recall=R precision_judged=P precision_strict=S f1_strict=F`.

    When GOLD is a DNA database (FILE.dna) or the JSONL of `stancekit import-dna`, statements
    are scored as DNA users count them: same document, overlapping span, same person (or
    organization), concept and agreement, overall and per concept; the last line then reads
    `recall=R precision=P f1=F` and --min-precision applies to that precision.
    """
    if bool(findings_file) == bool(corpus):
        raise click.UsageError("give either FINDINGS.jsonl or --scan CORPUS (not both)")
    if (rules or actors or topics or speaker_field or affiliation_field) and not corpus:
        raise click.UsageError("--rules, --actors, --topics and the field options only apply with --scan")
    input_options = InputOptions(speaker_field=speaker_field, affiliation_field=affiliation_field)
    if is_statement_gold(gold):
        scan_options = (rules, actors, topics, cache_dir, no_cache)
        report = (fmt, misses, false_findings)
        run_statement_eval(gold, findings_file, corpus, scan_options, report, min_recall, min_precision, input_options)
        return
    with failing_on(EvaluationInputError):
        gold_records = load_gold(gold)

    texts: dict[str, str] = {}
    problems = ProblemLog(quiet=False)
    if corpus:
        matcher = Matcher(compiled_rule_set(rules, actors, topics, cache_dir, no_cache, quiet=False))
        wanted = {record.doc for record in gold_records}

        def keep_gold_texts(documents: Iterator[Document]) -> Iterator[Document]:
            for document in documents:
                if doc_key(document.id) in wanted:
                    texts[doc_key(document.id)] = document.text
                yield document

        documents = iter_documents(corpus, input_options, problems)
        findings = list(matcher.scan_documents(keep_gold_texts(documents)))
        stats = matcher.stats
        click.echo(
            f"scanned {stats.documents} documents, {stats.sentences} sentences"
            f" ({stats.candidate_sentences} with trigger words): {stats.findings} findings",
            err=True,
        )
        unscanned = sorted(wanted - set(texts))
        if unscanned:
            click.echo(
                f"warning: {len(unscanned)} of {len(wanted)} gold documents were not in the scanned corpus "
                f"(first: {unscanned[0]}); their gold records count as missed",
                err=True,
            )
    else:
        with failing_on(EvaluationInputError):
            if findings_file == "-":
                findings = list(iter_findings("<stdin>", sys.stdin))
            else:
                findings = list(iter_findings(findings_file))

    result = evaluate(gold_records, findings, texts)
    for doc in result.unreachable_docs:
        click.echo(
            f"warning: gold document '{doc}' is not a file name without folders or extension "
            f"('{doc_key(doc)}'); no finding can match it",
            err=True,
        )
    if result.scores.findings and not result.scores.in_annotated:
        click.echo("warning: no finding is in a document of the gold; check the document names", err=True)

    if fmt == "json":
        click.echo(json.dumps(result.to_dict(misses, false_findings), ensure_ascii=False))
    else:
        click.echo(
            format_report(
                result, misses=10 if misses is None else misses, false=10 if false_findings is None else false_findings
            ),
            nl=False,
        )

    if problems.fatal:
        raise CommandFailed(ExitCode.INPUT_ERROR)
    below = []
    if min_recall is not None and result.scores.recall < min_recall:
        s = result.scores
        below.append(f"recall {s.recall:.3f} ({s.matched_gold}/{s.gold}) is below --min-recall {min_recall:g}")
    if min_precision is not None and result.scores.precision_strict < min_precision:
        s = result.scores
        below.append(
            f"precision_strict {s.precision_strict:.3f} ({s.correct}/{s.in_annotated}) "
            f"is below --min-precision {min_precision:g}"
        )
    if below:
        click.echo("failed: " + "; ".join(below), err=True)
        raise CommandFailed(ExitCode.FINDINGS_DIFFER)


register_commands(cli)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return (and, as a script, exit with) an `ExitCode`."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="stancekit", standalone_mode=False)
        code = ExitCode.OK
    except CommandFailed as exc:
        code = exc.code
    except click.exceptions.Exit as exc:
        code = ExitCode(exc.exit_code) if exc.exit_code in iter(ExitCode) else ExitCode.OK
    except click.UsageError as exc:
        exc.show()
        code = ExitCode.USAGE
    except click.ClickException as exc:
        exc.show()
        code = ExitCode.INPUT_ERROR
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as exc:  # a bug: say so plainly, with what is needed to report it
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("".join(traceback.format_exc(limit=-6)), err=True)
        click.echo(f"this is a bug in stancekit {__version__}; please report it with the lines above", err=True)
        code = ExitCode.INTERNAL_ERROR
    if argv is None:
        sys.exit(int(code))
    return int(code)
