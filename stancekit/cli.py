"""The `stancekit` command group. Thin on purpose: it loads plugins, registers the commands
(each in a module of `stancekit.commands`, which parses options, calls the library in
`stancekit.lib` and picks an output format) and turns what happened into an exit code;
everything a command does can be done from Python too."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from stancekit import __version__, registry
from stancekit.commands import CommandsOnDemand
from stancekit.commands.failure import CommandFailed
from stancekit.exitcodes import ExitCode
from stancekit.gcpause import tuned_for_scanning
from stancekit.plugins import PluginInfo, load_plugins


def _discard_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered for a reader
    who has gone away cannot fail again when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):
        pass


class _Group(CommandsOnDemand):
    """The command group. A reader that stops reading (`stancekit scan ... | head`) ends the
    command quietly with OK: Click itself would turn the broken pipe into exit code 1, which
    is FINDINGS_DIFFER to a CI job."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            raise CommandFailed(ExitCode.OK) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancekit")
@click.option("--no-plugins", is_flag=True, help="Load no third-party plugins (also: STANCEKIT_NO_PLUGINS=1).")
def cli(no_plugins: bool) -> None:
    """Find who supports or opposes what in news text, with the sentence that shows it."""
    registry.on_plugin_error = _report_plugin_error
    load_plugins(enabled=not no_plugins, report=_report_plugin_failure)
    tuned_for_scanning()  # scan, test, diff, eval, track, import-dna: documents scanned with the rules kept throughout


def _report_plugin_failure(info: PluginInfo) -> None:
    click.echo(
        f"warning: plugin '{info.name}' (package {info.package}) failed to load and is left out: {info.error}", err=True
    )


def _report_plugin_error(plugin: str, what: str, exc: BaseException) -> None:
    click.echo(
        f"warning: plugin '{plugin}' raised {type(exc).__name__} in its {what}: {exc}"
        " (treated as no match from here on; reported once)",
        err=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return (and, as a script, exit with) an `ExitCode`."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="stancekit", standalone_mode=False)
        code = ExitCode.OK
    except CommandFailed as exc:
        code = exc.code
    except click.exceptions.Exit as exc:
        code = ExitCode(exc.exit_code) if exc.exit_code in iter(ExitCode) else ExitCode.OK
    except click.UsageError as exc:
        exc.show()
        code = ExitCode.USAGE
    except click.ClickException as exc:
        exc.show()
        code = ExitCode.INPUT_ERROR
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as exc:  # a bug: say so plainly, with what is needed to report it
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("".join(traceback.format_exc(limit=-6)), err=True)
        click.echo(f"this is a bug in stancekit {__version__}; please report it with the lines above", err=True)
        code = ExitCode.INTERNAL_ERROR
    if argv is None:
        sys.exit(int(code))
    return int(code)
