"""`stancekit rules`: the loaded rules, phrase types, lexicons and macros; the installed rule
packs; or the language profile's slots."""

from __future__ import annotations

import click

from stancekit.commands.common import RULES_HELP, dictionary_options, load_ruleset
from stancekit.engine.profile import describe_profile
from stancekit.packs import installed_packs


@click.command(name="rules")
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP)
@click.option("--lexicons/--no-lexicons", default=True, help="Also list lexicons and macros.")
@click.option("--packs", is_flag=True, help="List the installed rule packs instead (use one with --rules pack:NAME).")
@click.option(
    "--language", is_flag=True, help="List the language profile's slots instead: what each is for, its entries."
)
@dictionary_options
def command(rules, lexicons, packs, language, actors, topics):
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
