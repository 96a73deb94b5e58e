"""`stancekit test RULES...`: run the examples of every rule and the test files beside them.

The text report shows each failure in full (the text, the findings expected and got, how
far the rules got), then the todo and fixed tests, and ends with one line:
`N passed, N failed` (then `, N todo`, `, N fixed` when there are any).

Exit codes: 0 when everything passes (todo tests may fail); 1 (FINDINGS_DIFFER) when a test
fails or a todo test passes (its mark must go); 3 (RULE_ERROR) when a rule file or a test
file is broken: then every problem is printed with file:line:col, and nothing runs;
4 (INPUT_ERROR) when the --corpus or the --junit-xml file cannot be read or written.
"""

from __future__ import annotations

import json

import click

from stancekit.compiler.cache import compile_rules
from stancekit.dsl.loader import check_rules
from stancekit.exitcodes import ExitCode
from stancekit.output.atomic import atomic_text_output
from stancekit.testing.lint import Targets, diagnostic_order, loaded_ids, read_tests
from stancekit.testing.results import json_summary, junit_xml, text_report
from stancekit.testing.runner import Runner


@click.command(name="test")
@click.argument("rules", nargs=-1, metavar="[RULES]...")
@click.option("--junit-xml", "junit", metavar="FILE", help="Also write a JUnit XML report to FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the text report.")
@click.option(
    "--coverage",
    is_flag=True,
    help="Report rules without examples, never firing, or shadowed; with --corpus, also the concepts "
    "and dictionary entries that never fire on it.",
)
@click.option(
    "--corpus",
    multiple=True,
    metavar="PATH",
    help="With --coverage: also scan this corpus (repeatable; files, folders, JSONL, CSV).",
)
@click.option("--verbose", "-v", is_flag=True, help="List the tests that pass too.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    help="Cache compiled rule sets here (default: $STANCEKIT_CACHE_DIR or the user cache folder).",
)
@click.option("--no-cache", is_flag=True, help="Compile the rules afresh and do not cache them.")
def command(rules, junit, as_json, coverage, corpus, verbose, cache_dir, no_cache):
    """Run the examples and counter-examples of the rules in RULES (files or folders; default:
    the bundled pack) and the test files beside them (*.test.yaml, *.test.txt)."""
    from stancekit.commands.common import CommandFailed, failing_to_write

    if corpus and not coverage:
        raise click.UsageError("--corpus only applies with --coverage")
    targets = Targets.of(list(rules))
    ruleset, diagnostics = check_rules(list(targets.rules) or None)
    cases, problems = read_tests(targets.tests, loaded_ids(ruleset, diagnostics))
    errors = sorted((d for d in [*diagnostics, *problems] if d.is_error), key=diagnostic_order)
    if errors:
        for diagnostic in errors:
            click.echo(diagnostic.render() + "\n", err=True)
        click.echo(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} in rules and test files: no test was run", err=True
        )
        raise CommandFailed(ExitCode.RULE_ERROR)

    # the examples come from the loaded rules; the compiled rules from the cache when the
    # rule files have not changed since they were last compiled, else from the rules loaded here
    compiled = compile_rules(
        list(targets.rules) or None, cache_dir=cache_dir, use_cache=not no_cache, loaded=ruleset
    ).compiled
    run = Runner(ruleset, compiled).run(cases)

    measured = None
    if coverage:
        from stancekit.testing.coverage import measure

        documents = None
        problems_seen = []
        if corpus:
            from stancekit.text.documents import InputOptions, iter_documents

            def on_problem(problem):
                problems_seen.append(problem)
                click.echo(f"{'error' if problem.fatal else 'warning'}: {problem}", err=True)

            documents = iter_documents(list(corpus), InputOptions(), on_problem)
        measured = measure(ruleset, compiled, documents)
        if any(p.fatal for p in problems_seen):
            raise CommandFailed(ExitCode.INPUT_ERROR)

    if junit:
        with failing_to_write(junit), atomic_text_output(junit) as stream:
            stream.write(junit_xml(run))

    if as_json:
        click.echo(json.dumps(json_summary(run, measured.to_dict() if measured else None), ensure_ascii=False))
    else:
        lines = list(text_report(run, verbose=verbose))
        summary = lines.pop()
        for line in lines:
            click.echo(line)
        if measured is not None:
            for line in measured.report():
                click.echo(line)
        click.echo(summary)
    if not run.ok:
        raise CommandFailed(ExitCode.FINDINGS_DIFFER)
