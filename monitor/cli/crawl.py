"""`peerwatch crawl`: run the spiders and record one run with a verdict for every council."""

from __future__ import annotations

import sys
from collections import Counter

import click

from db.errors import PeerwatchError
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json
from monitor.config import load_config
from monitor.words import reason_words, verdict_label
from scraper.options import SPIDERS


def _plain_progress(event: str, details: dict) -> None:
    if event == "lga_done":
        click.echo(f"lga: {details['status']}, {details['reports']} report pages")
    elif event == "site_done":
        # The site's outcome only: the council's verdict also weighs the LGA's pages, and is
        # printed once the run is committed.
        failure = details["failure"]
        outcome = "searched" if not failure else f"could not be checked: {reason_words(failure)}"
        click.echo(f"site {'+'.join(details['codes'])}: {outcome} ({details['requests']} requests)")
    elif event == "finished":
        _committed(details)


def _committed(details: dict) -> None:
    """The run's verdicts, counted, plus every council whose verdict is not what its site's
    line said (a report found on the LGA's pages while the council's own site was down)."""
    checks = details["checks"]
    counts = Counter(c.verdict for c in checks)
    summary = ", ".join(f"{n} {verdict_label(v)}" for v, n in sorted(counts.items()))
    click.echo(f"run {details['run_id']} committed: {len(checks)} councils: {summary}")
    for c in checks:
        if not c.site_ok and c.verdict != "unknown":
            click.echo(
                f"council {c.council_code}: {verdict_label(c.verdict)} "
                "(found on the LGA's pages; its own site could not be checked)"
            )


class _RichProgress:
    """councils done / total, requests and errors, on one live line."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("[bold]crawl"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[requests]} requests, {task.fields[errors]} unknown"),
        )
        self.task = self.progress.add_task("councils", total=total, requests=0, errors=0)
        self.requests = self.errors = 0

    def __call__(self, event: str, details: dict) -> None:
        if event == "site_done":
            self.requests += details["requests"]
            self.errors += bool(details["failure"])
            self.progress.update(
                self.task, advance=len(details["codes"]), requests=self.requests, errors=self.errors
            )
        elif event == "finished":
            self.progress.stop()
            _committed(details)


@click.command()
@click.option(
    "--council", "councils", multiple=True, metavar="CODE", help="Only this council (repeatable)."
)
@click.option("--spider", type=click.Choice(SPIDERS), default=None, help="Run one spider only.")
@click.option("--budget", type=int, default=None, help="Requests per council website (default 60).")
@click.option("--proxy", default=None, help="HTTP proxy URL (else http_proxy/https_proxy apply).")
@click.option(
    "--proxy-resolves-hosts",
    is_flag=True,
    default=None,
    help="Test webs only: the proxy (on loopback) resolves host names, so they are not "
    "resolved and checked for private addresses here. Never in production.",
)
@click.option("--lga-index-url", default=None, help="Start page of the LGA spider.")
@click.option("--timeout", type=float, default=None, help="Seconds per request (default 30).")
@click.option("--retry-times", type=int, default=None, help="Retries of 5xx/429/network errors.")
@click.option(
    "--no-throttle", is_flag=True, help="No AutoThrottle or download delay (test webs only)."
)
@click.option(
    "--cache-dir", default=None, help="HTTP cache directory (default <db dir>/httpcache)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the run and its verdicts as JSON.")
@click.pass_obj
def crawl(
    app: AppContext,
    councils,
    spider,
    budget,
    proxy,
    proxy_resolves_hosts,
    lga_index_url,
    timeout,
    retry_times,
    no_throttle,
    cache_dir,
    as_json,
) -> None:
    """Crawl the LGA and council websites; give every council a verdict in one new run."""
    from db.crawl_state import councils_to_check
    from scraper.crawl import run_crawl

    config = load_config(app.config_path)
    changes: dict = {}
    if councils:
        changes["councils"] = tuple(c.upper() for c in councils)
    if spider:
        changes["spiders"] = (spider,)
    for name, value in (
        ("budget", budget),
        ("proxy", proxy),
        ("proxy_resolves_hosts", proxy_resolves_hosts),
        ("lga_index_url", lga_index_url),
        ("timeout", timeout),
        ("retry_times", retry_times),
        ("http_cache_dir", cache_dir),
    ):
        if value is not None:
            changes[name] = value
    if no_throttle:
        changes.update(autothrottle=False, download_delay=0.0, retry_backoff=0.1)
    try:
        options = config.crawl_options(**changes)
    except ValueError as exc:  # a flag out of range, e.g. --budget -5
        raise PeerwatchError(str(exc)) from None
    if as_json:
        progress = None
    elif sys.stdout.isatty():
        total = len(councils_to_check(app.open_db(), options.councils))
        progress = _RichProgress(total)
        progress.progress.start()
    else:
        progress = _plain_progress
    run_id = run_crawl(app.db_path, options, progress)
    if as_json:
        emit_json(_run_as_dict(app, run_id))


def _run_as_dict(app: AppContext, run_id: int) -> dict:
    """The committed run and each council's verdict, for `crawl --json`."""
    db = app.open_db()
    try:
        run = db.table("runs").get(run_id)
        checks = db.query(
            "SELECT council_code, verdict, reason FROM checks WHERE run_id = ? ORDER BY council_code",
            [run_id],
        )
        return {
            "run_id": run_id,
            "status": run["status"],
            "requests": run.get("requests"),
            "checks": [dict(c) for c in checks],
        }
    finally:
        db.close()
