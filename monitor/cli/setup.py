"""`peerwatch init`."""

from __future__ import annotations

import click

from db.bootstrap import init_path
from monitor.cli.context import AppContext


@click.command()
@click.pass_obj
def init(app: AppContext) -> None:
    """Create the database (or bring it up to date) and load the council register.

    Safe to run again: changed register rows are updated, your imported overrides are kept,
    and no run, document or event is deleted.
    """
    report = init_path(app.db_path)
    click.echo(
        f"{app.db_path}: {report.councils} councils ({report.changed} added or changed), "
        f"{report.observations} baseline observations (The MJ, 2017)."
    )
