"""`stancekit track`: each actor's stance on each topic, period by period, and where it turned.

Reads a findings file (`stancekit scan --format jsonl`) or scans a corpus on the spot. The
table shows the most frequent actor-topic pairs as one row each, a cell per period (`+2 -1`:
two findings in favour, one against); the shifts follow with the sentences on both sides.
`--format json` and `--format csv` give everything, for analysis elsewhere.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from stancekit.commands.common import (
    RULES_HELP,
    CommandFailed,
    ProblemLog,
    cache_options,
    collection_name_merges,
    compiled_rule_set,
    csv_raw_option,
    dictionary_options,
    failing_on,
    failing_to_write,
    merge_names_option,
    metadata_options,
    read_metadata,
    topic_tree,
)
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.findingsfile import FindingsInputError, iter_findings
from stancekit.output.atomic import atomic_text_output
from stancekit.output.csvcells import CsvWriter
from stancekit.tracking.names import NameMerges
from stancekit.tracking.periods import PERIODS
from stancekit.tracking.timeline import Tracking, actor_of, topic_of, track

#: Pairs shown in the table unless --top says otherwise.
DEFAULT_TOP = 20


def is_findings_file(paths: Sequence[str]) -> bool:
    """Whether PATHS is one findings file (its first record has a rule and a polarity) or a
    folder of part files, rather than a corpus: a JSONL corpus has the same extension."""
    if len(paths) == 1 and (Path(paths[0]) / "manifest.json").is_file():
        return True  # part files of a distributed scan
    if len(paths) != 1 or paths[0] == "-" or not Path(paths[0]).is_file():
        return False
    if Path(paths[0]).suffix.lower() not in (".jsonl", ".ndjson"):
        return False
    with open(paths[0], encoding="utf-8-sig", errors="replace") as stream:
        for line in stream:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(record, dict) and "rule" in record and "polarity" in record
    return False


def _findings_from_file(path: str) -> list[Finding]:
    with failing_on(FindingsInputError):
        return list(iter_findings(path))


def _findings_from_corpus(paths, compiled, metadata) -> tuple[list[Finding], bool]:
    from stancekit.engine.matcher import Matcher
    from stancekit.text.documents import InputOptions, iter_documents

    problems = ProblemLog(quiet=False)
    matcher = Matcher(compiled)
    findings = list(matcher.scan_documents(iter_documents(paths, InputOptions(metadata=metadata), problems)))
    stats = matcher.stats
    click.echo(f"scanned {stats.documents} documents: {stats.findings} findings", err=True)
    return findings, problems.fatal


def format_table(result: Tracking, top: int) -> Iterable[str]:
    """The terminal view: one row per actor-topic pair, one column per period, then the shifts."""
    shown = result.series[:top]
    if not shown:
        yield "no dated findings to track" + (f" ({result.undated} findings have no date)" if result.undated else "")
        return
    periods = result.periods
    names = [f"{s.actor.name} | {s.topic.name}" for s in shown]
    width = min(60, max(len(n) for n in names))
    cell = max(7, *(len(p) for p in periods))
    yield f"{'actor | topic':<{width}}  " + "  ".join(f"{p:>{cell}}" for p in periods)
    for name, series in zip(names, shown, strict=True):
        by_period = {p.period: p for p in series.periods}
        cells = []
        for period in periods:
            stance = by_period.get(period)
            text = "" if stance is None else f"+{stance.support} -{stance.oppose}"
            if stance is not None and stance.neutral:
                text += f" ={stance.neutral}"
            cells.append(f"{text:>{cell}}")
        yield f"{name[:width]:<{width}}  " + "  ".join(cells)
    if len(result.series) > top:
        yield f"... {len(result.series) - top} more pairs (--top N shows more, --format json all)"
    yield ""
    yield f"shifts: {len(result.shifts)}"
    for shift in result.shifts:
        before, after = shift.before, shift.after
        yield (
            f"  {shift.actor.name} {shift.direction} {shift.topic.name}: "
            f"{before.period} (+{before.support} -{before.oppose}) -> {after.period} (+{after.support} -{after.oppose})"
        )
        for side, evidence in (("before", shift.evidence_before), ("after", shift.evidence_after)):
            for item in evidence:
                yield f"    {side}: [{item.polarity}] {item.doc} ({item.date}): {' '.join(item.sentence.split())}"


#: Ways of writing a key shown beside it in the table.
SHOWN_VARIANTS = 3

Variants = dict[str, dict[str, Counter[str]]]


def key_variants(findings: Sequence[Finding], merges: NameMerges | None, roll_up: bool, parents, names) -> Variants:
    """For "actor" and "topic", each key -> how the findings write it ("calls for a ceasefire",
    "the ceasefire") and how often: what a key stands for, for a reader to check."""
    variants: Variants = {"actor": defaultdict(Counter), "topic": defaultdict(Counter)}
    for finding in findings:
        actor, topic = actor_of(finding, roll_up), topic_of(finding, parents if roll_up else None, names)
        if merges is not None:
            actor, topic = merges.apply(actor), merges.apply(topic)
        variants["actor"][actor.key][" ".join((finding.actor.name or finding.actor.text).split())] += 1
        variants["topic"][topic.key][" ".join(finding.topic.text.split())] += 1
    return variants


def format_variants(result: Tracking, variants: Variants, top: int) -> Iterable[str]:
    """The keys of the pairs shown that the text writes more than one way, with their variants."""
    seen: set[tuple[str, str]] = set()
    lines = []
    for series in result.series[:top]:
        for part, named in (("actor", series.actor), ("topic", series.topic)):
            written = variants[part].get(named.key, Counter())
            if len(written) < 2 or (part, named.key) in seen:
                continue
            seen.add((part, named.key))
            shown = ", ".join(f'"{text}" x{count}' for text, count in written.most_common(SHOWN_VARIANTS))
            more = f", +{len(written) - SHOWN_VARIANTS} more" if len(written) > SHOWN_VARIANTS else ""
            lines.append(f"  {named.key}: {shown}{more}")
    if lines:
        yield ""
        yield "keys written more than one way:"
        yield from lines


def write_csv(result: Tracking, stream, raw: bool = False) -> None:
    """One row per actor, topic and period (formula-like names as text unless `raw`)."""
    writer = CsvWriter(stream, raw)
    writer.writerow(["actor", "actor_key", "topic", "topic_key", "period", "support", "oppose", "neutral", "net"])
    for series in result.series:
        for p in series.periods:
            pair = (series.actor.name, series.actor.key, series.topic.name, series.topic.key)
            writer.writerow([*pair, p.period, p.support, p.oppose, p.neutral, p.net])


@click.command(name="track")
@click.argument("paths", nargs=-1, required=True, metavar="FINDINGS.jsonl|CORPUS...")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True, help="Length of a period.")
@click.option("--actor", "actors_wanted", multiple=True, metavar="NAME", help="Only this actor (name or id).")
@click.option("--topic", "topics_wanted", multiple=True, metavar="NAME", help="Only this topic (name or id).")
@click.option(
    "--min-findings", type=click.IntRange(min=1), default=1, show_default=True, help="Pairs with fewer are left out."
)
@click.option(
    "--min-evidence",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="A period counts for a shift only with this many findings that take a side.",
)
@click.option("--roll-up", is_flag=True, help="Count actors for their outermost body, topics for their root topic.")
@click.option("--top", type=click.IntRange(min=1), default=DEFAULT_TOP, show_default=True, help="Pairs in the table.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP + " When scanning a corpus.")
@merge_names_option
@csv_raw_option
@metadata_options
@cache_options
@dictionary_options
def command(
    paths,
    by,
    actors_wanted,
    topics_wanted,
    min_findings,
    min_evidence,
    roll_up,
    top,
    fmt,
    output,
    rules,
    merge_names,
    csv_raw,
    metadata_file,
    id_column,
    date_column,
    cache_dir,
    no_cache,
    actors,
    topics,
):
    """Stance of each actor on each topic per period, and the shifts between periods.

    Reads FINDINGS.jsonl (as `stancekit scan --format jsonl` writes it) or scans CORPUS now.
    Dates come from the documents (see `scan --metadata`); undated findings are counted and
    left out."""
    fatal = False
    if is_findings_file(paths):
        if rules or metadata_file:
            raise click.UsageError("--rules and --metadata apply when scanning a corpus, not to a findings file")
        findings = _findings_from_file(paths[0])
    else:
        metadata = read_metadata(metadata_file, id_column, date_column)
        compiled = compiled_rule_set(rules, actors, topics, cache_dir, no_cache, quiet=False)
        findings, fatal = _findings_from_corpus(paths, compiled, metadata)
    parents, names = topic_tree(rules, topics) if roll_up else ({}, {})
    merges = collection_name_merges(findings, merge_names)
    result = track(
        findings,
        by,
        actors=actors_wanted,
        topics=topics_wanted,
        min_findings=min_findings,
        min_evidence=min_evidence,
        roll_up=roll_up,
        topic_parents=parents,
        topic_names=names,
        names=merges,
    )
    with failing_to_write(output), atomic_text_output(output) as stream:
        variants = key_variants(findings, merges, roll_up, parents, names)
        if fmt == "json":
            data = result.to_dict()
            data["variants"] = {
                part: {key: dict(written.most_common()) for key, written in by_key.items()}
                for part, by_key in variants.items()
            }
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        elif fmt == "csv":
            write_csv(result, stream, csv_raw)
        else:
            for line in (*format_table(result, top), *format_variants(result, variants, top)):
                stream.write(line + "\n")
    undated = (
        f"; {result.undated} undated findings (in {len(result.undated_documents)} documents) left out"
        if result.undated
        else ""
    )
    unresolved = f"; {result.unresolved} with an unresolved actor or topic left out" if result.unresolved else ""
    click.echo(
        f"{result.findings} findings, {len(result.series)} actor-topic pairs, {len(result.shifts)} shifts"
        + undated
        + unresolved,
        err=True,
    )
    if fatal:
        raise CommandFailed(ExitCode.INPUT_ERROR)
