"""Commands of the `stancekit` group that live in modules of their own.

Each module defines a Click command named `command`. A module is imported only when its
command is run or listed (`CommandsOnDemand`): the commands between them import everything
stancekit has, and `stancekit check` on a rule file it refuses at once should not wait for the
matcher, the report writer and the Dask engine to load.
"""

from __future__ import annotations

import importlib

import click

#: Each command of the group -> its module under stancekit.commands.
COMMANDS = {
    "scan": "scan",
    "rules": "rules",
    "eval": "eval",
    "check": "check",
    "test": "test",
    "explain": "explain",
    "diff": "diff",
    "track": "track",
    "report": "report",
    "export": "export",
    "plugins": "plugins",
    "tag": "tag",
    "import-dna": "importdna",
    "suggest": "suggest",
}

#: Modules under stancekit.commands, each defining `command`.
COMMAND_MODULES = tuple(COMMANDS.values())


def load_command(name: str) -> click.Command | None:
    """The command `name` from its module, or None when the module is not there."""
    module_name = f"stancekit.commands.{COMMANDS[name]}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None
    return module.command


class CommandsOnDemand(click.Group):
    """A group whose commands of `COMMANDS` are imported on first use; commands added with
    `add_command` work as in any group."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMANDS:
            command = load_command(cmd_name)
            if command is not None:
                self.add_command(command)
        return command
