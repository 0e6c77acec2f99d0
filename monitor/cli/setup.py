"""`peerwatch init`."""

from __future__ import annotations

from dataclasses import asdict

import click

from db.bootstrap import init_path
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def init(app: AppContext, as_json: bool) -> None:
    """Create the database (or bring it up to date) and load the council register.

    Safe to run again: changed register rows are updated, your imported overrides are kept,
    and no run, document or event is deleted.
    """
    report = init_path(app.db_path)
    if as_json:
        emit_json({"database": str(app.db_path), **asdict(report)})
        return
    click.echo(
        f"{app.db_path}: {report.councils} councils ({report.changed} added or changed), "
        f"{report.observations} baseline observations (The MJ, 2017)."
    )
