"""`stancekit diff`: findings added, removed and changed between two runs or two rule sets.

    stancekit diff BASELINE.jsonl CURRENT.jsonl
    stancekit diff --rules-a OLD_RULES --rules-b NEW_RULES CORPUS...

The comparison itself is `stancekit.testing.changes`; this module reads inputs and renders.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from stancekit.commands.common import dictionary_options
from stancekit.dsl.errors import RuleError
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.findingsfile import FindingsInputError, read_findings
from stancekit.testing.changes import diff_findings, format_diff


def _failed(code: ExitCode):
    from stancekit.commands.common import CommandFailed

    return CommandFailed(code)


def _compiled_side(side: str, rules: Sequence[str], dictionaries: Sequence[str]):
    """One side's compiled rules, through the rule cache as `scan` compiles them: a rule
    author compares the same two sets again and again while changing one."""
    from stancekit.compiler.cache import compile_rules

    try:
        return compile_rules(list(rules) or None, list(dictionaries)).compiled
    except RuleError as exc:
        click.echo(f"error: the rules of {side} ({', '.join(rules) or 'the bundled pack'}) do not load:", err=True)
        click.echo(exc.render(), err=True)
        raise _failed(ExitCode.RULE_ERROR) from None


def scan_both(
    corpus: Sequence[str], rules_a: Sequence[str], rules_b: Sequence[str], dictionaries: Sequence[str]
) -> tuple[list[Finding], list[Finding], bool]:
    """Scan the corpus once, document by document, with both rule sets; also whether an
    input problem was fatal (a missing path)."""
    from stancekit.engine.matcher import Matcher
    from stancekit.text.documents import InputOptions, InputProblem, iter_documents

    matcher_a = Matcher(_compiled_side("--rules-a", rules_a, dictionaries))
    matcher_b = Matcher(_compiled_side("--rules-b", rules_b, dictionaries))
    fatal = False

    def report(problem: InputProblem) -> None:
        nonlocal fatal
        fatal = fatal or problem.fatal
        click.echo(f"{'error' if problem.fatal else 'warning'}: {problem}", err=True)

    found_a: list[Finding] = []
    found_b: list[Finding] = []
    for document in iter_documents(corpus, InputOptions(), report):
        found_a.extend(matcher_a.scan_document(document))
        found_b.extend(matcher_b.scan_document(document))
    stats = matcher_a.stats
    click.echo(
        f"scanned {stats.documents} documents: {len(found_a)} findings with --rules-a, {len(found_b)} with --rules-b",
        err=True,
    )
    return found_a, found_b, fatal


@click.command(name="diff")
@click.argument("paths", nargs=-1, metavar="BASELINE.jsonl CURRENT.jsonl | CORPUS...")
@click.option(
    "--rules-a",
    "rules_a",
    multiple=True,
    metavar="PATH",
    help="Baseline rule file or folder (repeatable; default: the bundled pack). Scans CORPUS.",
)
@click.option(
    "--rules-b",
    "rules_b",
    multiple=True,
    metavar="PATH",
    help="Current rule file or folder (repeatable; default: the bundled pack). Scans CORPUS.",
)
@dictionary_options
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("--fail-on-change", is_flag=True, help="Exit with 1 when any finding was added, removed or changed.")
def command(paths, rules_a, rules_b, actors, topics, fmt, fail_on_change):
    """Compare findings: BASELINE.jsonl with CURRENT.jsonl (files written by `scan --format
    jsonl`; - reads stdin), or the findings of two rule sets over CORPUS (--rules-a and
    --rules-b). Reports findings added, removed and changed (same evidence, something else
    differs), and the counts per rule. Findings are matched by their stable id."""
    if rules_a or rules_b:
        if not paths:
            raise click.UsageError("give the CORPUS to scan with --rules-a and --rules-b")
        if rules_a == rules_b:
            click.echo("warning: --rules-a and --rules-b name the same rules", err=True)
        baseline, current, fatal = scan_both(paths, rules_a, rules_b, [*actors, *topics])
        names = (
            "--rules-a " + (" ".join(rules_a) or "(bundled pack)"),
            "--rules-b " + (" ".join(rules_b) or "(bundled pack)"),
        )
    else:
        if actors or topics:
            raise click.UsageError("--actors and --topics only apply with --rules-a/--rules-b")
        if len(paths) != 2:
            raise click.UsageError(
                "give two findings files (BASELINE.jsonl CURRENT.jsonl), or --rules-a/--rules-b and a CORPUS"
            )
        if paths.count("-") > 1:
            raise click.UsageError("only one of the two findings files can be standard input (-)")
        try:
            baseline, current = read_findings(paths[0]), read_findings(paths[1])
        except FindingsInputError as exc:
            click.echo(f"error: {exc}", err=True)
            raise _failed(ExitCode.INPUT_ERROR) from None
        fatal = False
        names = (paths[0], paths[1])
    result = diff_findings(baseline, current)
    if fmt == "json":
        click.echo(json.dumps({"baseline": names[0], "current": names[1], **result.to_dict()}, ensure_ascii=False))
    else:
        click.echo(format_diff(result, *names), nl=False)
    if fatal:
        raise _failed(ExitCode.INPUT_ERROR)
    if fail_on_change and result.differs:
        click.echo(
            f"failed: findings differ (added {len(result.added)}, removed {len(result.removed)}, "
            f"changed {len(result.changed)})",
            err=True,
        )
        raise _failed(ExitCode.FINDINGS_DIFFER)
