"""Atom feeds of events: for everything, per council and per region (feedgen).

One builder serves the feed file channel (`monitor.channels.atom`) and the feeds `peerwatch
serve` publishes (`monitor.publish.plugin`). Entry ids are tag: URIs from event keys, which
never change, so a reader never sees an entry twice, whichever feed it came through. Each
entry carries the summary, the document link, the archived copy and, for a change, the
changed sentences; scraped text is escaped and non-http(s) links dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from monitor.digest import oneline, safe_url
from monitor.events import Event
from monitor.links import archived_copy_url

#: Newest events kept in a served feed.
FEED_ENTRIES = 200


@dataclass(frozen=True)
class FeedInfo:
    """What identifies one feed: its stable id, title, own URL and the page it is about."""

    id: str
    title: str
    self_url: str
    link: str
    #: Entry ids are `<entry_prefix>/<event key>`: the same in every feed an event is in.
    entry_prefix: str = ""
    #: Base URL of `peerwatch serve`, for archived-copy links ("" leaves them out).
    base_url: str = ""


def when(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def entry_html(event: Event, base_url: str) -> str:
    """An entry's content: summary, due date, links and changed sentences, escaped."""
    parts = [Markup("<p>{}</p>").format(oneline(event.summary))]
    if event.due_date:
        parts.append(Markup("<p>Due {}.</p>").format(event.due_date))
    links = []
    if url := safe_url(event.detail.get("url")):
        links.append(Markup('<a href="{}">document</a>').format(url))
    if copy := archived_copy_url(base_url, event.detail.get("archive_sha256", "")):
        links.append(Markup('<a href="{}">archived copy</a>').format(copy))
    if moved_from := safe_url(event.detail.get("moved_from")):
        links.append(Markup('moved from <a href="{}">{}</a>').format(moved_from, moved_from))
    if links:
        parts.append(Markup("<p>{}</p>").format(Markup(" · ").join(links)))
    if changes := event.detail.get("changes"):
        items = Markup("").join(
            Markup("<li>{}</li>").format(line) for line in str(changes).splitlines()
        )
        parts.append(Markup("<p>What changed:</p><ul>{}</ul>").format(items))
    return str(Markup("\n").join(parts))


def build_feed(info: FeedInfo, events: list[Event]) -> bytes:
    """The Atom document for `events` (oldest first)."""
    fg = FeedGenerator()
    fg.id(info.id)
    fg.title(info.title)
    fg.link(href=info.link, rel="alternate")
    if info.self_url:
        fg.link(href=info.self_url, rel="self")
    fg.author({"name": "peerwatch"})
    fg.updated(max((when(e.occurred_at) for e in events), default=when("1970-01-01T00:00:00")))
    for e in events:
        entry = fg.add_entry(order="append")
        entry.id(f"{info.entry_prefix or info.id}/{e.key}")
        entry.title(oneline(e.summary))
        entry.link(href=safe_url(e.detail.get("url")) or info.link)
        entry.updated(when(e.occurred_at))
        entry.category(term=e.kind)
        entry.summary(oneline(e.summary) + (f" (due {e.due_date})" if e.due_date else ""))
        entry.content(entry_html(e, info.base_url), type="html")
    return fg.atom_str(pretty=True)
