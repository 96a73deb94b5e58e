"""Commands of the `stancekit` group that live in modules of their own.

Each module defines a Click command named `command`; `register` adds them to the group.
"""

from __future__ import annotations

import importlib

import click

#: Modules under stancekit.commands, each defining `command`.
COMMAND_MODULES = (
    "scan",
    "rules",
    "eval",
    "check",
    "test",
    "explain",
    "diff",
    "track",
    "report",
    "export",
    "plugins",
    "tag",
    "importdna",
    "suggest",
)


def register(group: click.Group) -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"stancekit.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"stancekit.commands.{name}":
                raise
            continue
        group.add_command(module.command)
