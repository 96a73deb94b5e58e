"""`stancekit import-dna`: the statements coded in a DNA database, as gold for `stancekit eval`.

    stancekit import-dna coded.dna -o coded.jsonl --documents corpus.jsonl
    stancekit scan corpus.jsonl -r pack/ -f jsonl -o findings.jsonl
    stancekit eval coded.dna findings.jsonl        # or: stancekit eval coded.jsonl findings.jsonl

This module also holds what `stancekit eval` does when its gold is a DNA file or the JSONL
written here: score statements as DNA users count them (see `stancekit.dna.score`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence

import click

from stancekit.commands.common import CommandFailed, ProblemLog, compiled_rule_set, failing_on
from stancekit.dna.read import (
    CodedDocument,
    CodedStatement,
    DnaReadError,
    is_dna_file,
    is_statement_jsonl,
    iter_coded_jsonl,
    read_database,
)
from stancekit.dna.score import StatementEvaluation, evaluate_statements, format_statement_report
from stancekit.engine.matcher import Matcher
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.findingsfile import FindingsInputError, iter_findings
from stancekit.networks.dnafile import found_statements
from stancekit.output.atomic import atomic_text_output
from stancekit.text.documents import Document, InputOptions, iter_documents


def is_statement_gold(path: str) -> bool:
    """Whether `stancekit eval` should score statements: its gold is a DNA file or coded-statement JSONL."""
    return path != "-" and (is_dna_file(path) or is_statement_jsonl(path))


@click.command(name="import-dna")
@click.argument("dna_file", metavar="FILE.dna")
@click.option("--output", "-o", metavar="FILE", help="Write the coded statements (JSONL) to FILE instead of stdout.")
@click.option(
    "--documents",
    metavar="FILE",
    help="Also write the database's documents as JSONL (id, text, date, author ...), ready for `stancekit scan`.",
)
def command(dna_file, output, documents):
    """Read the statements coded in FILE.dna (a DNA 3 database) and write them as JSONL, one
    statement a line: doc, start, end, text, person, organization, concept, agreement
    (support or oppose), coder. `stancekit eval` scores findings against this file, or
    against FILE.dna itself.

    A document is named by its title (with " [ID]" when titles repeat), the id findings must
    carry: scan the --documents file to get findings that name documents the same way."""
    with failing_on(DnaReadError):
        database = read_database(dna_file)
    _write_jsonl(output, (s.to_dict() for s in database.statements))
    if documents:
        _write_jsonl(documents, (d.to_dict() for d in database.documents))
    note = f"{len(database.documents)} documents, {len(database.statements)} coded statements (DNA {database.version})"
    if database.other_statements:
        note += f"; {database.other_statements} statements of other types (no person, organization, concept"
        note += " and agreement) left out"
    click.echo(note, err=True)


def _write_jsonl(path: str | None, records: Iterable[dict]) -> None:
    try:
        with atomic_text_output(path) as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        click.echo(f"error: cannot write {path or 'to standard output'}: {exc.strerror or exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None


def load_coded(gold: str) -> tuple[list[CodedStatement], list[str]]:
    """The coded statements of a DNA file or JSONL, and the documents that were coded."""
    with failing_on(DnaReadError):
        if is_dna_file(gold):
            database = read_database(gold)
            if database.other_statements:
                click.echo(
                    f"note: {database.other_statements} statements of other types in {gold} are not scored", err=True
                )
            return list(database.statements), [d.id for d in database.documents]
        coded = list(iter_coded_jsonl(gold))
    return coded, sorted({c.doc for c in coded})


def scan_findings(corpus: Sequence[str], scan_options: tuple, options: InputOptions) -> tuple[list[Finding], bool]:
    """Findings of scanning `corpus` now (with `scan_options`: rules, actors, topics, cache dir,
    no cache), and whether an input could not be read. A DNA file in `corpus` is read for its
    documents, so a coded database can be scanned as it is."""
    problems = ProblemLog(quiet=False)
    matcher = Matcher(compiled_rule_set(*scan_options[:5], quiet=False))
    findings = list(matcher.scan_documents(_corpus_documents(corpus, options, problems)))
    stats = matcher.stats
    click.echo(f"scanned {stats.documents} documents, {stats.sentences} sentences: {stats.findings} findings", err=True)
    return findings, problems.fatal


def _corpus_documents(corpus: Sequence[str], options: InputOptions, problems: ProblemLog) -> Iterator[Document]:
    """The documents of each corpus path: a DNA file's documents, or what `scan` reads there."""
    for path in corpus:
        if path != "-" and is_dna_file(path):
            with failing_on(DnaReadError):
                database = read_database(path)
            yield from (dna_document_to_scan(d, options) for d in database.documents)
        else:
            yield from iter_documents([path], options, problems)


def dna_document_to_scan(document: CodedDocument, options: InputOptions) -> Document:
    """A document of a DNA file as `scan` would read its `import-dna --documents` record: its
    fields (title, author, source, section, type) are metadata, and --speaker-field and
    --affiliation-field name its author and the body the author speaks for."""
    record = document.to_dict()
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "date")}
    author = str(meta.get(options.speaker_field) or "").strip() if options.speaker_field else ""
    body = str(meta.get(options.affiliation_field) or "").strip() if options.affiliation_field else ""
    return Document(
        id=document.id,
        text=document.text,
        date=document.date,
        source=document.title,
        meta=meta,
        author=author or None,
        author_affiliation=(body or None) if author else None,
    )


def read_findings_file(findings_file: str) -> list[Finding]:
    with failing_on(FindingsInputError):
        if findings_file == "-":
            return list(iter_findings("<stdin>", sys.stdin))
        return list(iter_findings(findings_file))


def statement_eval(
    gold: str,
    findings: Sequence[Finding],
    fmt: str,
    misses: int | None,
    false: int | None,
) -> StatementEvaluation:
    """Score `findings` against the statements coded in `gold`, print the report, and return it."""
    coded, documents = load_coded(gold)
    found, selection = found_statements(findings)
    click.echo(f"{selection.note()} (scored as DNA statements)", err=True)
    result = evaluate_statements(coded, found, documents)
    if result.overall.found == 0 and found:
        click.echo("warning: no finding is in a document of the DNA file; check the document names", err=True)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(misses, false), ensure_ascii=False))
    else:
        report = format_statement_report(result, 10 if misses is None else misses, 10 if false is None else false)
        click.echo(report, nl=False)
    return result


def run_statement_eval(
    gold: str,
    findings_file: str | None,
    corpus: Sequence[str],
    scan_options: tuple,
    report: tuple[str, int | None, int | None],
    min_recall: float | None,
    min_precision: float | None,
    options: InputOptions | None = None,
) -> None:
    """`stancekit eval` with a DNA file (or import-dna JSONL) as gold: findings from the file or
    a scan of `corpus` (see `scan_findings`), its documents read with `options`."""
    fatal = False
    if corpus:
        findings, fatal = scan_findings(corpus, scan_options, options or InputOptions())
    else:
        findings = read_findings_file(findings_file or "-")
    fmt, misses, false = report
    result = statement_eval(gold, findings, fmt, misses, false)
    if fatal:
        raise CommandFailed(ExitCode.INPUT_ERROR)
    o = result.overall
    below = []
    if min_recall is not None and o.recall < min_recall:
        below.append(f"recall {o.recall:.3f} ({o.matched}/{o.coded}) is below --min-recall {min_recall:g}")
    if min_precision is not None and o.precision < min_precision:
        below.append(f"precision {o.precision:.3f} ({o.matched}/{o.found}) is below --min-precision {min_precision:g}")
    if below:
        click.echo("failed: " + "; ".join(below), err=True)
        raise CommandFailed(ExitCode.FINDINGS_DIFFER)
