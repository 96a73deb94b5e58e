"""The exception a command ends with to give an exit code, in a module of its own so that the
command group can catch it without importing what the commands share (`commands.common`)."""

from __future__ import annotations

import click

from stancekit.exitcodes import ExitCode


class CommandFailed(click.ClickException):
    """Ends a command with an exit code after its message has been printed.

    A `ClickException`, so that the group run on its own (`cli()`, Click's test runner) exits
    with the same code as `main` instead of ending in a traceback."""

    def __init__(self, code: ExitCode):
        super().__init__(code.name)
        self.code = code
        self.exit_code = int(code)

    def show(self, file=None) -> None:
        """The message was printed where the failure was found."""
