"""`peerwatch serve`: explore and share the results with Datasette."""

from __future__ import annotations

import asyncio

import click
import uvicorn

from monitor.cli.context import AppContext
from monitor.publish.app import make_datasette, prepare_for_serving


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--mutable",
    is_flag=True,
    help="Follow new crawl runs without restarting (still read-only; slower counts).",
)
@click.pass_obj
def serve(app: AppContext, host: str, port: int, mutable: bool) -> None:
    """Serve the database read-only with Datasette: views, search and canned queries.

    By default the file is opened immutable, so later crawl runs appear after a restart;
    use --mutable to see them live. Binds to 127.0.0.1 unless --host says otherwise.
    """
    prepare_for_serving(app.db_path, immutable=not mutable)
    datasette = make_datasette(app.db_path, immutable=not mutable)
    asyncio.run(datasette.invoke_startup())
    click.echo(
        f"Serving {app.db_path} ({'read-only' if mutable else 'immutable'}) "
        f"at http://{host}:{port}/ (Ctrl-C to stop)",
        err=True,
    )
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
