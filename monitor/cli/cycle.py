"""`peerwatch run` (one cycle now) and `peerwatch schedule` (cycles on a cron schedule)."""

from __future__ import annotations

import logging
from dataclasses import asdict

import click

from db.connection import open_existing
from db.errors import CrawlFailed, DeliveryFailed
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json
from monitor.config import DIGEST_FORMATS, load_config
from monitor.cycle import CycleResult, run_cycle
from monitor.digest import render


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), help="Default: digest.format.")
@click.option("--wait", "wait_s", type=float, help="Seconds to wait if another run holds the lock.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome and digest as JSON.")
@click.argument("crawl_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def run(
    app: AppContext,
    fmt: str | None,
    wait_s: float | None,
    as_json: bool,
    crawl_args: tuple[str, ...],
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
    if as_json:
        emit_json(cycle_as_dict(result))
    elif result.digest is not None:
        text = render(result.digest, fmt or config.digest.format, on_empty=config.digest.on_empty)
        if text:
            click.echo(text, nl=False)
    if result.crawl_error:
        raise CrawlFailed(result.crawl_error)
    failed = [d.channel for d in result.deliveries if not d.ok]
    if failed:
        raise DeliveryFailed(f"delivery failed for {', '.join(failed)}; retried next run")


def cycle_as_dict(result: CycleResult) -> dict:
    """A cycle's outcome for `run --json`: what ran, what changed, what was sent."""
    return {
        "ok": result.ok,
        "run_id": result.run_id,
        "crawl_returncode": result.crawl_returncode,
        "crawl_error": result.crawl_error,
        "new_events": {str(run): len(events) for run, events in result.diffed.items()},
        "deadline_events": len(result.deadline_events),
        "deliveries": [asdict(d) for d in result.deliveries],
        "digest": asdict(result.digest) if result.digest is not None else None,
    }


@click.command(
    epilog="""\b
Configuration ([schedule] in the --config file; README, "Configuration"):
  schedule.cron             crontab "minute hour day month weekday"
                            (default "0 6 * * mon"; weekday 0 or 7 = Sunday, 1 = Monday)
  schedule.timezone         zone of the crontab (default Europe/London)
  schedule.jitter_s         random delay up to this many seconds (default 900)
  schedule.misfire_grace_s  a run missed (machine asleep, scheduler stopped) still starts
                            within this many seconds, once (default 21600)
  schedule.crawl_timeout_s  the crawl is killed after this (default 14400)
  schedule.jobstore         job store file (default <db>.schedule.sqlite)
  schedule.lock_wait_s      wait for another run's lock (default 0: skip this run)
  schedule.crawl_args       extra arguments for `peerwatch crawl`"""
)
@click.option(
    "--check",
    is_flag=True,
    help="Print the schedule and its next three run times, then exit without scheduling.",
)
@click.option("--json", "as_json", is_flag=True, help="With --check: print the schedule as JSON.")
@click.pass_obj
def schedule(app: AppContext, check: bool, as_json: bool) -> None:
    """Run crawl + diff + deliver on the configured cron schedule until Ctrl-C or SIGTERM.

    Prints the next run time when it starts and after every run. A run that fell due while
    the scheduler was stopped runs when it starts again, if within schedule.misfire_grace_s.
    """
    from monitor.scheduler import next_runs, run_schedule

    if as_json and not check:
        raise click.UsageError(
            "--json goes with --check: a running scheduler logs, it has no result"
        )
    config = load_config(app.config_path)
    if check:
        cfg = config.schedule
        if as_json:
            emit_json(
                {
                    "cron": cfg.cron,
                    "timezone": cfg.timezone,
                    "jitter_s": cfg.jitter_s,
                    "misfire_grace_s": cfg.misfire_grace_s,
                    "next_runs": [when.isoformat() for when in next_runs(config)],
                }
            )
            return
        click.echo(f"schedule: {cfg.cron!r} ({cfg.timezone}), jitter up to {cfg.jitter_s} s")
        for when in next_runs(config):
            click.echo(f"next run: {when.isoformat()} {cfg.timezone}")
        return
    open_existing(app.db_path).close()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    run_schedule(app.db_path, config, echo=lambda line: click.echo(line, err=True))
