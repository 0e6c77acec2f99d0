"""peerwatch's Datasette plugin (loaded from this directory by `make_datasette`).

- the home page's headline numbers (`index.html` reads them from `extra_template_vars`);
- `/map`, `/charts` and `/glossary`, drawn on the server (no script, no network);
- `council_status` opens on current councils: a bare `/<db>/council_status` (no query string)
  redirects to `?current=1`; any query string, such as `?current=0`, is left alone;
- `*_url` cells as short links (only http(s) URLs become links, as in Datasette itself).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from monitor.publish import glossary, pages

CURRENT_ONLY = "current=1"


def _database(datasette):
    return datasette.get_database()


@hookimpl
def extra_template_vars(view_name, datasette):
    if view_name != "index":
        return {}

    async def inner():
        db = _database(datasette)
        return {"headline": await pages.headline(db), "database_name": db.name}

    return inner


async def map_page(datasette, request):
    db = _database(datasette)
    context = await pages.map_context(
        db, db.name, request.args.get("colour", "verdict"), datasette.urls.instance().rstrip("/")
    )
    context["database_name"] = db.name
    return Response.html(
        await datasette.render_template("peerwatch_map.html", context, request=request)
    )


async def charts_page(datasette, request):
    db = _database(datasette)
    context = await pages.charts_context(db)
    context["database_name"] = db.name
    return Response.html(
        await datasette.render_template("peerwatch_charts.html", context, request=request)
    )


async def glossary_page(datasette, request):
    context = {"sections": glossary.sections(), "database_name": _database(datasette).name}
    return Response.html(
        await datasette.render_template("peerwatch_glossary.html", context, request=request)
    )


@hookimpl
def register_routes():
    return [
        (r"^/map$", map_page),
        (r"^/charts$", charts_page),
        (r"^/glossary$", glossary_page),
    ]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def current_councils_first(scope, receive, send):
            if (
                scope["type"] == "http"
                and not scope.get("query_string")
                and scope["path"].endswith("/council_status")
                and scope["path"].count("/") == 2
            ):
                location = scope["path"] + "?" + CURRENT_ONLY
                await send(
                    {
                        "type": "http.response.start",
                        "status": 302,
                        "headers": [[b"location", location.encode("utf-8")]],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
            await app(scope, receive, send)

        return current_councils_first

    return wrap


@hookimpl
def render_cell(value, column):
    """A document URL as a short link: the host and the file name, the whole URL on hover."""
    if not column.endswith("_url") or not isinstance(value, str):
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    name = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
    short = parts.netloc.removeprefix("www.") + " › " + name  # the table's CSS ellipsises it
    return Markup(f'<a href="{escape(value)}">{escape(short)}</a>')
