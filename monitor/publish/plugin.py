"""peerwatch's Datasette plugin: the evidence archive and the Atom feeds, served by
`peerwatch serve` (registered by `monitor.publish.app.make_datasette`).

- `/-/archive/<sha256>`: an archived version of a CPC document, byte for byte, with the type
  of what it is (PDF, DOCX, or the main text of an HTML page). Only files listed in the
  `archive` table are served, and only as the document types the archive keeps: anything
  else goes out as a download, never as a page of this site.
- `/-/feeds/all.atom`, `/-/feeds/council/<CODE>.atom`, `/-/feeds/region/<region>.atom`:
  the newest events as Atom (`monitor.feeds`).
- Cells holding those paths (`archived_copy` and `feed` columns) render as links.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response
from markupsafe import Markup

from db.archive import SERVABLE_TYPES, SHA256, ArchiveStore, archive_root
from monitor.config import FeedConfig
from monitor.events import Event
from monitor.feeds import FEED_ENTRIES, FeedInfo, build_feed
from monitor.links import ALL_FEED_PATH, FEEDS_PATH, region_slug

_LINKED_PREFIXES = ("/-/archive/", f"{FEEDS_PATH}/")


def _database(datasette):
    return datasette.get_database()


async def archive_file(datasette, request):
    sha256 = request.url_vars["sha256"]
    db = _database(datasette)
    if not SHA256.match(sha256) or not db.path:
        return Response.text("Not found", status=404)
    result = await db.execute(
        "SELECT media_type, url FROM archive WHERE sha256 = ? AND stored"
        " ORDER BY last_seen_run DESC LIMIT 1",
        [sha256],
    )
    row = result.first()
    path = ArchiveStore(archive_root(db.path)).path_for(sha256)
    if row is None or not path.is_file():
        return Response.text("Not found in the archive", status=404)
    media_type = row["media_type"] or "application/octet-stream"
    name = Path(row["url"].split("?")[0].rstrip("/")).name or sha256
    inline = media_type.split(";")[0] in SERVABLE_TYPES
    if not inline:
        media_type = "application/octet-stream"
    disposition = "inline" if inline else "attachment"
    safe_name = "".join(ch for ch in name if ch.isalnum() or ch in "._-")[:100] or sha256
    return AsgiFileDownload(
        str(path),
        content_type=media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{safe_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "public, max-age=31536000, immutable",
            "ETag": f'"{sha256}"',
        },
    )


async def _events(db, where: str, params: list) -> list[Event]:
    result = await db.execute(
        "SELECT e.* FROM events e LEFT JOIN councils c ON c.code = e.council_code"
        f" WHERE {where} ORDER BY e.id DESC LIMIT {FEED_ENTRIES}",
        params,
    )
    return [Event.from_row(dict(r)) for r in reversed(result.rows)]


def _base(request) -> str:
    return f"{request.scheme}://{request.host}"


async def feed(datasette, request):
    db = _database(datasette)
    vars_ = request.url_vars
    base = _base(request)
    prefix = FeedConfig().id
    if "code" in vars_:
        code = vars_["code"].upper()
        council = (await db.execute("SELECT name FROM councils WHERE code = ?", [code])).first()
        if council is None:
            return Response.text("No such council", status=404)
        events = await _events(db, "e.council_code = ?", [code])
        scope, title = f"council/{code}", f"peerwatch: {council['name']}"
        link = f"{base}/{db.name}/council_status?code={code}"
    elif "region" in vars_:
        regions = [r[0] for r in (await db.execute("SELECT DISTINCT region FROM councils")).rows]
        match = next((r for r in regions if r and region_slug(r) == vars_["region"]), None)
        if match is None:
            return Response.text("No such region", status=404)
        events = await _events(db, "c.region = ?", [match])
        scope, title = f"region/{vars_['region']}", f"peerwatch: {match}"
        link = f"{base}/{db.name}/recent_events?region={quote(match)}"
    else:
        events = await _events(db, "1", [])
        scope, title = "all", FeedConfig().title
        link = f"{base}/{db.name}/recent_events"
    info = FeedInfo(
        id=f"{prefix}/feed/{scope}",
        title=title,
        self_url=f"{base}{request.path}",
        link=link,
        entry_prefix=prefix,
        base_url=base,
    )
    return Response(
        build_feed(info, events).decode("utf-8"),
        content_type="application/atom+xml; charset=utf-8",
    )


@hookimpl
def register_routes():
    return [
        (r"^/-/archive/(?P<sha256>[0-9a-f]{64})$", archive_file),
        (rf"^{ALL_FEED_PATH}$".replace(".", r"\."), feed),
        (rf"^{FEEDS_PATH}/council/(?P<code>[A-Za-z0-9]+)\.atom$", feed),
        (rf"^{FEEDS_PATH}/region/(?P<region>[a-z0-9-]+)\.atom$", feed),
    ]


@hookimpl
def render_cell(value, column):
    """Archive and feed paths are site-relative, which Datasette does not link by itself."""
    if (
        isinstance(value, str)
        and (column.endswith("archived_copy") or column in ("feed", "link"))
        and value.startswith(_LINKED_PREFIXES)
        and all(ch.isalnum() or ch in "/-_." for ch in value)
    ):
        label = "archived copy" if value.startswith("/-/archive/") else "Atom feed"
        return Markup('<a href="{}">{}</a>').format(value, label)
    return None
