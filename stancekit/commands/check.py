"""`stancekit check RULES...`: every problem of a rule set, not just the first.

Errors and warnings are printed errors first, each with file:line:col, the line, a caret and
a hint, then a summary line (`2 errors, 3 warnings in 5 files (48 rules)`). Exit codes:
0 with no errors (warnings are fine unless `--strict`), 3 (RULE_ERROR) with errors, or with
warnings under `--strict`. `--list-codes` prints the catalogue of codes instead (name, severity
and title, one a line) and exits with 0.
"""

from __future__ import annotations

import json

import click

from stancekit.commands.failure import CommandFailed
from stancekit.dsl import codes
from stancekit.dsl.firstread import refused_at_first_reading
from stancekit.exitcodes import ExitCode


@click.command(name="check")
@click.argument("rules", nargs=-1, metavar="[RULES]...")
@click.option("--strict", is_flag=True, help="Fail (exit 3) on warnings too.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: each problem with its line and a caret; json: a list of problems.",
)
@click.option(
    "--list-codes", is_flag=True, help="Print every error and warning code with its severity and title, and exit."
)
def command(rules, strict, fmt, list_codes):
    """Check rule files and folders (default: the bundled pack) and the test files beside them:
    report every error and warning, with file:line:col and a hint."""
    if list_codes:
        click.echo(codes.listing(), nl=False)
        return
    report = refused_at_first_reading(rules) or _checked(rules)
    if fmt == "json":
        click.echo(json.dumps([_record(d) for d in report.diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in report.diagnostics:
            click.echo(diagnostic.render())
            click.echo("")
        click.echo(report.summary())
    if report.errors or (strict and report.warnings):
        raise CommandFailed(ExitCode.RULE_ERROR)


def _checked(rules: tuple[str, ...]):
    """The full check: imported here, since loading the rule language takes most of a second
    and a file refused at its first reading does not need it."""
    from stancekit.testing.lint import check

    return check(list(rules))


def _record(diagnostic) -> dict:
    location = diagnostic.location
    return {
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "file": location.file if location else None,
        "line": location.line if location else None,
        "col": location.col if location else None,
        "hint": diagnostic.hint,
    }
