"""`peerwatch diff`, `peerwatch digest` and `peerwatch deliver`."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import click

from db.errors import DeliveryFailed, PeerwatchError
from db.runs import last_counted_run
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json
from monitor.config import DIGEST_FORMATS, load_config
from monitor.deadlines import evaluate_deadlines
from monitor.delivery import deliver
from monitor.diff import diff_pending
from monitor.digest import build_digest, render


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the new events per run as JSON.")
@click.pass_obj
def diff(app: AppContext, as_json: bool) -> None:
    """Diff every committed run not yet diffed, then evaluate deadlines (idempotent)."""
    config = load_config(app.config_path)
    db = app.open_db()
    done = diff_pending(db, config.diff)
    deadline_events = evaluate_deadlines(db, config.deadlines, run_id=max(done, default=None))
    if as_json:
        emit_json(
            {
                "new_events": {str(run_id): len(new) for run_id, new in done.items()},
                "deadline_events": len(deadline_events),
            }
        )
        return
    for run_id, new in done.items():
        click.echo(f"run {run_id}: {len(new)} new events")
    click.echo(f"deadlines: {len(deadline_events)} new events")


@click.command()
@click.option("--run", "run_id", type=int, help="Digest of this run (default: the latest).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Digest of all events from this date (YYYY-MM-DD) instead of one run.",
)
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), help="Default: digest.format.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
@click.pass_obj
def digest(
    app: AppContext,
    run_id: int | None,
    since: dt.datetime | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Print the digest of a run or a period (read-only: nothing is marked delivered)."""
    config = load_config(app.config_path)
    db = app.open_db()
    if since is None and run_id is None:
        run_id = last_counted_run(db)
        if run_id is None:
            raise PeerwatchError(
                "no complete or partial run yet: run `peerwatch run` first, or use --since"
            )
    d = build_digest(db, config, run_id=run_id, since=since.date().isoformat() if since else None)
    if as_json:
        emit_json(asdict(d))
        return
    text = render(d, fmt or config.digest.format, on_empty=config.digest.on_empty)
    if text:
        click.echo(text, nl=False)


@click.command("deliver")
@click.option("--json", "as_json", is_flag=True, help="Print each channel's outcome as JSON.")
@click.pass_obj
def deliver_cmd(app: AppContext, as_json: bool) -> None:
    """Send pending events to every configured channel (retries earlier failures)."""
    config = load_config(app.config_path)
    results = deliver(app.open_db(), config)
    failed = [r for r in results if not r.ok]
    if as_json:
        emit_json([asdict(r) for r in results])
        results = []  # printed already
    elif not results:
        click.echo("no channels configured (see [file], [email], [apprise], [feed])")
    for r in results:
        state = "nothing pending" if r.skipped else ("ok" if r.ok else f"FAILED: {r.error}")
        click.echo(f"{r.channel}: {r.events} events, {state}")
    if failed:
        raise DeliveryFailed(f"{len(failed)} channel(s) failed; they will be retried next time")
