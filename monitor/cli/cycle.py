"""`peerwatch run` (one cycle now) and `peerwatch schedule` (cycles on a cron schedule)."""

from __future__ import annotations

import logging

import click

from db.connection import open_existing
from db.errors import PeerwatchError
from monitor.cli.context import AppContext
from monitor.config import DIGEST_FORMATS, load_config
from monitor.cycle import run_cycle
from monitor.digest import render


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), help="Default: digest.format.")
@click.option("--wait", "wait_s", type=float, help="Seconds to wait if another run holds the lock.")
@click.argument("crawl_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def run(
    app: AppContext, fmt: str | None, wait_s: float | None, crawl_args: tuple[str, ...]
) -> None:
    """Crawl now, diff, deliver, and print the run's digest.

    Arguments after `--` go to `peerwatch crawl`, e.g. `peerwatch run -- --council BOL`.
    """
    config = load_config(app.config_path)
    open_existing(app.db_path).close()
    result = run_cycle(
        app.db_path,
        config,
        crawl_args=crawl_args,
        echo=lambda line: click.echo(line, err=True),
        lock_wait_s=wait_s,
    )
    if result.digest is not None:
        text = render(result.digest, fmt or config.digest.format, on_empty=config.digest.on_empty)
        if text:
            click.echo(text, nl=False)
    if result.crawl_error:
        raise PeerwatchError(result.crawl_error)
    failed = [d.channel for d in result.deliveries if not d.ok]
    if failed:
        raise PeerwatchError(f"delivery failed for {', '.join(failed)}; retried next run")


@click.command()
@click.pass_obj
def schedule(app: AppContext) -> None:
    """Run crawl + diff + deliver on the configured cron schedule until Ctrl-C or SIGTERM."""
    from monitor.scheduler import serve

    config = load_config(app.config_path)
    open_existing(app.db_path).close()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    serve(app.db_path, config, echo=lambda line: click.echo(line, err=True))
