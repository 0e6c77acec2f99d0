"""The `peerwatch` command line. Each command group lives in its own module and registers here.

User errors print one line and exit non-zero; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys

import click

from db.errors import PeerwatchError
from monitor.cli.context import AppContext


class PeerwatchGroup(click.Group):
    """Turns user errors into one line and a non-zero exit; `--debug` keeps the traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except PeerwatchError as exc:
            if ctx.params.get("debug"):
                raise
            error = click.ClickException(str(exc))
            error.exit_code = exc.exit_code  # README, "Exit codes"
            raise error from None
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(
                f"{type(exc).__name__}: {exc} (run with --debug for the traceback)"
            ) from None


@click.group(cls=PeerwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    envvar="PEERWATCH_DB",
    default="peerwatch.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file (env PEERWATCH_DB).",
)
@click.option(
    "--config",
    "config_path",
    envvar="PEERWATCH_CONFIG",
    default=None,
    type=click.Path(dir_okay=False),
    help="TOML configuration file (env PEERWATCH_CONFIG).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="peerwatch")
@click.pass_context
def cli(ctx: click.Context, db_path: str, config_path: str | None, debug: bool) -> None:
    """peerwatch: which English councils have had an LGA Corporate Peer Challenge,
    and did they publish the report, the action plan and the progress review?"""
    ctx.obj = AppContext(db_path=db_path, config_path=config_path, debug=debug)


def _register_commands() -> None:
    from monitor.cli import councils, crawl, cycle, demo, report, serve, setup, state

    for command in (
        setup.init,
        councils.councils,
        crawl.crawl,
        cycle.run,
        cycle.schedule,
        demo.demo,
        state.status,
        state.events,
        report.diff,
        report.digest,
        report.deliver_cmd,
        serve.serve,
    ):
        cli.add_command(command)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=sys.argv[1:] if argv is None else argv, prog_name="peerwatch")
