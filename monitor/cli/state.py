"""`peerwatch status` and `peerwatch events`: reading the current state and what changed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict

import click

from db.schema import VERDICTS
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json, emit_table
from monitor.config import load_config
from monitor.events import EVENT_KINDS, list_events
from monitor.status import UNCHECKED, council_status


@click.command()
@click.option("--verdict", type=click.Choice([*VERDICTS, UNCHECKED]), help="Only this verdict.")
@click.option("--type", "type_", help='Council type name or code, e.g. "London borough" or LBO.')
@click.option("--region", help='Region, e.g. "North West".')
@click.option("--all", "include_abolished", is_flag=True, help="Include abolished councils.")
@click.option(
    "--without-report",
    is_flag=True,
    help="Only councils without a report (the digest's list: councils_without_report).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def status(
    app: AppContext,
    verdict: str | None,
    type_: str | None,
    region: str | None,
    include_abolished: bool,
    without_report: bool,
    as_json: bool,
) -> None:
    """Councils by their latest verdict, with overdue CPCs and missed deadlines."""
    config = load_config(app.config_path)
    rows = council_status(
        app.open_db(),
        config,
        verdict=verdict,
        type_=type_,
        region=region,
        include_abolished=include_abolished,
    )
    if without_report:
        rows = [r for r in rows if r["without_report"]]
    if as_json:
        emit_json(rows)
        return
    counts = Counter(r["verdict"] for r in rows)
    title = ", ".join(f"{counts[v]} {v}" for v in (*VERDICTS, UNCHECKED) if counts[v])
    for r in rows:
        r["overdue"] = "CPC overdue" if r["cpc_overdue"] else ""
        r["missed"] = "; ".join(r["deadlines_missed"])
        r["why"] = r["reason_words"] or r["coverage"]
    emit_table(
        sorted(rows, key=lambda r: (r["verdict"], r["code"])),
        ["code", "name", "verdict", "why", "checked_at", "last_cpc", "overdue", "missed"],
        title=f"{len(rows)} councils: {title or 'none'}",
    )


@click.command()
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only events from this date (YYYY-MM-DD).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(EVENT_KINDS),
    help="Only this kind (repeatable).",
)
@click.option("--council", help="Only this council code.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def events(
    app: AppContext,
    since: dt.datetime | None,
    kinds: tuple[str, ...],
    council: str | None,
    as_json: bool,
) -> None:
    """What changed: events recorded by the diff and the deadline rules, oldest first."""
    found = list_events(
        app.open_db(),
        since=since.date().isoformat() if since else None,
        kinds=kinds,
        council=council,
    )
    if as_json:
        emit_json([asdict(e) for e in found])
        return
    emit_table(
        [asdict(e) for e in found],
        ["id", "occurred_at", "kind", "council_code", "summary"],
        title=f"{len(found)} events",
    )
