"""`stancekit eval`: findings scored against gold annotations (recall, precision, F1), per
polarity and per rule; the findings read from a file or scanned now."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import click

from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    ProblemLog,
    cache_options,
    compiled_rule_set,
    dictionary_options,
    failing_on,
)
from stancekit.commands.importdna import is_statement_gold, run_statement_eval
from stancekit.evaluation import EvaluationInputError, doc_key, evaluate, format_report, iter_findings, load_gold
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.lib import CorpusItem, DocumentResult, scan_corpus
from stancekit.text.documents import Document, InputOptions, iter_documents


@click.command(name="eval")
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
def command(
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
        compiled = compiled_rule_set(rules, actors, topics, cache_dir, no_cache, quiet=False)
        wanted = {record.doc for record in gold_records}

        def keep_gold_texts(documents: Iterator[Document]) -> Iterator[Document]:
            for document in documents:
                if doc_key(document.id) in wanted:
                    texts[doc_key(document.id)] = document.text
                yield document

        findings, counts = _scanned(
            scan_corpus(keep_gold_texts(iter_documents(corpus, input_options, problems)), compiled)
        )
        click.echo(
            f"scanned {counts.documents} documents, {counts.sentences} sentences"
            f" ({counts.candidate_sentences} with trigger words): {len(findings)} findings",
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


@dataclass
class _Counts:
    documents: int = 0
    sentences: int = 0
    candidate_sentences: int = 0


def _scanned(items: Iterator[CorpusItem]) -> tuple[list[Finding], _Counts]:
    """The findings of a corpus scan and what was scanned; a document whose scan failed ends
    the command, as a bug."""
    findings: list[Finding] = []
    counts = _Counts()
    for item in items:
        if not isinstance(item, DocumentResult):
            continue
        if item.error is not None:
            raise RuntimeError(f"document {item.doc_id} could not be scanned: {item.error}")
        counts.documents += 1
        counts.sentences += item.sentences
        counts.candidate_sentences += item.candidate_sentences
        findings.extend(item.findings)
    return findings, counts
