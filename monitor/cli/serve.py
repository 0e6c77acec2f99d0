"""`peerwatch serve`: explore and share the results with Datasette."""

from __future__ import annotations

import asyncio
import sys
import traceback

import click
import uvicorn
from datasette import Response, hookimpl
from datasette.plugins import pm
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError
from markupsafe import Markup

from monitor.cli.context import AppContext
from monitor.publish.app import make_datasette, prepare_for_serving

QUIET_PLUGIN = "peerwatch-quiet-client-errors"
#: Datasette's own exception handler, which prints every exception (404s included) as a rich
#: traceback with local variables, about 100 lines each; every registered handler runs.
DATASETTE_HANDLER = "datasette.handle_exception"


class QuietClientErrors:
    """A Datasette plugin replacing Datasette's exception handler for `peerwatch serve`.

    Error pages are rendered as Datasette renders them (same templates and JSON), but a client
    error (404 page not found, 400, 403) prints nothing, and a server error prints one plain
    traceback on stderr: the console is for real failures."""

    __name__ = QUIET_PLUGIN  # Datasette lists plugins by module-style name

    @hookimpl
    def handle_exception(self, datasette, request, exception):
        async def inner():
            title = None
            if isinstance(exception, DatasetteError):
                status, info, message = (
                    exception.status,
                    dict(exception.error_dict),
                    exception.message,
                )
                if exception.message_is_html:
                    message = Markup(message)
                title = exception.title
            elif isinstance(exception, Base400):
                status, info = exception.status, {}
                message = exception.args[0] if exception.args else ""
            else:
                status, info, message = 500, {}, str(exception)
            if status >= 500:
                traceback.print_exception(exception, file=sys.stderr)
            info.update({"ok": False, "error": message, "status": status, "title": title})
            if request.path.split("?")[0].endswith(".json"):
                return Response.json(info, status=status)
            template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
            context = dict(
                info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(),
                menu_links=lambda: [],
            )  # fmt: skip
            return Response.html(await template.render_async(context), status=status)

        return inner


def quiet_client_errors() -> None:
    """Swap Datasette's exception handler for `QuietClientErrors` (once per process)."""
    if pm.get_plugin(DATASETTE_HANDLER) is not None:
        pm.unregister(name=DATASETTE_HANDLER)
    if pm.get_plugin(QUIET_PLUGIN) is None:
        pm.register(QuietClientErrors(), name=QUIET_PLUGIN)


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
    quiet_client_errors()
    asyncio.run(datasette.invoke_startup())
    click.echo(
        f"Serving {app.db_path} ({'read-only' if mutable else 'immutable'}) "
        f"at http://{host}:{port}/ (Ctrl-C to stop)",
        err=True,
    )
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
