"""What the commands share: the exit they fail with, their common options, loading rules
and reporting input problems. Commands in modules of their own import from here, never from
`stancekit.cli`, which imports them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import click

from stancekit.commands.failure import CommandFailed
from stancekit.compiler.cache import compile_rules
from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.dsl import codes
from stancekit.dsl.errors import RuleError
from stancekit.dsl.loader import RuleSet, load_rules
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.text.dates import Metadata, MetadataError, load_metadata
from stancekit.text.documents import InputProblem
from stancekit.tracking.names import NameMerges, collection_names

RULES_HELP = "Rule file or folder (repeatable); 'stancekit:en' names the bundled pack. Default: the bundled pack."


@contextmanager
def failing_on(*errors: type[Exception]) -> Iterator[None]:
    """An input the command cannot read (a findings file, gold records, metadata) ends it
    with one "error:" line and INPUT_ERROR, the same way in every command."""
    try:
        yield
    except errors as exc:
        click.echo(f"error: {exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None


@contextmanager
def failing_to_write(target: str | None) -> Iterator[None]:
    """An output file that cannot be written ends the command with "error: cannot write
    TARGET: reason" and INPUT_ERROR."""
    try:
        yield
    except OSError as exc:
        click.echo(f"error: cannot write {target}: {exc.strerror or exc}", err=True)
        raise CommandFailed(ExitCode.INPUT_ERROR) from None


def dictionary_options(command):
    """--actors and --topics: extra actor and topic dictionaries, loaded with the rules."""
    command = click.option(
        "--topics",
        "topics",
        multiple=True,
        metavar="FILE",
        help="Topic dictionary (repeatable), in addition to those of the rule pack.",
    )(command)
    return click.option(
        "--actors",
        "actors",
        multiple=True,
        metavar="FILE",
        help="Actor dictionary (repeatable), in addition to those of the rule pack.",
    )(command)


def metadata_options(command):
    """--metadata, --id-column, --date-column: dates (and other fields) from a sidecar table."""
    command = click.option(
        "--date-column", default="date", show_default=True, help="--metadata column holding the date."
    )(command)
    command = click.option(
        "--id-column",
        default="id",
        show_default=True,
        help="--metadata column holding the document id or file name.",
    )(command)
    return click.option(
        "--metadata",
        "metadata_file",
        metavar="FILE",
        help="CSV/TSV of document metadata joined on the id or file name: dates for documents without one.",
    )(command)


def read_metadata(metadata_file: str | None, id_column: str, date_column: str) -> Metadata | None:
    if not metadata_file:
        return None
    with failing_on(MetadataError):
        return load_metadata(metadata_file, id_column, date_column)


def cache_options(command):
    """--cache-dir and --no-cache: where compiled rule sets are kept between runs."""
    command = click.option("--no-cache", is_flag=True, help="Compile the rules afresh and do not cache them.")(command)
    return click.option(
        "--cache-dir",
        metavar="DIR",
        help="Cache compiled rule sets here (default: $STANCEKIT_CACHE_DIR or the user cache folder).",
    )(command)


def merge_names_option(command):
    """--merge-names/--no-merge-names: one name per person across the collection."""
    return click.option(
        "--merge-names/--no-merge-names",
        default=True,
        show_default=True,
        help="Count names that the collection shows to be one person's as one ('Trump', 'Mr. Trump' and "
        "'Donald J. Trump' as 'Donald Trump' when no other Trump is named in full).",
    )(command)


def collection_name_merges(findings: Sequence[Finding], merge: bool) -> NameMerges | None:
    """The names merged across `findings`, said on stderr with a few examples; None without --merge-names."""
    if not merge:
        return None
    merges = collection_names(findings)
    if merges.merged:
        shown = "; ".join(merges.examples())
        more = ", ..." if len(merges.merged) > 3 else ""
        click.echo(
            f"{len(merges.merged)} names counted as the full name of the one person they name ({shown}{more});"
            " --no-merge-names keeps them apart",
            err=True,
        )
    return merges


def compiled_rule_set(rules, actors, topics, cache_dir: str | None, no_cache: bool, quiet: bool) -> CompiledRuleSet:
    """The compiled rule set, from the cache when the rule files have not changed; its
    warnings are printed either way."""
    try:
        loaded = compile_rules(list(rules) or None, [*actors, *topics], cache_dir=cache_dir, use_cache=not no_cache)
    except RuleError as exc:
        click.echo(exc.render(), err=True)
        raise CommandFailed(ExitCode.RULE_ERROR) from None
    if not quiet:
        for diagnostic in loaded.warnings:
            if diagnostic.code not in (codes.UNUSED_LEXICON.name, codes.UNUSED_MACRO.name):
                click.echo(diagnostic.render(), err=True)
    return loaded.compiled


def load_ruleset(rules: Sequence[str], actors: Sequence[str] = (), topics: Sequence[str] = ()) -> RuleSet:
    try:
        ruleset = load_rules(list(rules) or None, [*actors, *topics])
    except RuleError as exc:
        click.echo(exc.render(), err=True)
        raise CommandFailed(ExitCode.RULE_ERROR) from None
    return ruleset


def topic_tree(rules: Sequence[str] = (), topics: Sequence[str] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """(topic id -> parent id, topic id -> name) from the topic dictionaries of the rules and
    of `topics`, for --roll-up: a finding records only its own topic, so rolling it up to its
    root needs the dictionary."""
    ruleset = load_ruleset(rules, (), topics)
    return {t.id: t.parent for t in ruleset.topics if t.parent}, {t.id: t.name for t in ruleset.topics}


class ProblemLog:
    """Prints input problems to stderr as they happen and remembers whether any was fatal."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.skipped = 0
        self.fatal = False

    def __call__(self, problem: InputProblem) -> None:
        self.skipped += int(problem.skipped)
        self.fatal = self.fatal or problem.fatal
        if not self.quiet or problem.fatal:
            level = "error" if problem.fatal else "warning"
            click.echo(f"{level}: {problem}", err=True)


#: `--csv-raw`, for every command that writes CSV (see `output.csvcells`).
csv_raw_option = click.option(
    "--csv-raw",
    is_flag=True,
    help="Write CSV cells as they are; by default a text cell starting with =, +, -, @, a tab or"
    " a carriage return starts with ' so that a spreadsheet shows it instead of running it.",
)
