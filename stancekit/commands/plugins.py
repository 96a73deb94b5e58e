"""`stancekit plugins`: the installed plugins, whether they loaded, and what each registers."""

from __future__ import annotations

import click

from stancekit.plugins import loaded_plugins
from stancekit.registry import BUILTIN_CAPTURE_TYPES, BUILTIN_TOKEN_CLASSES


@click.command(name="plugins")
def command():
    """List installed plugins and what each adds: token classes, capture types, resolvers, output formats."""
    infos = loaded_plugins()
    if not infos:
        click.echo("no plugins installed (a plugin is a package with a 'stancekit.plugins' entry point)")
    for info in infos.values():
        state = info.status + (f": {info.error}" if info.error else "")
        click.echo(f"{info.name}  ({info.package} {info.version})  {state}")
        for registration in info.registered():
            written = {
                "token class": f"[{registration.name}]",
                "capture type": f"{{name:{registration.name}}}",
                "output format": f"--format {registration.name}",
            }.get(registration.kind, registration.name)
            extra = " (fills the actor)" if registration.actor else ""
            extra += f" (files ending {registration.extension})" if registration.extension else ""
            description = f": {registration.description}" if registration.description else ""
            click.echo(f"    {registration.kind:<15} {written}{extra}{description}")
    click.echo(
        f"built in: token classes {', '.join(f'[{n}]' for n in BUILTIN_TOKEN_CLASSES)};"
        f" capture types {', '.join(BUILTIN_CAPTURE_TYPES)}",
        err=True,
    )
