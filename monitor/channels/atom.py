"""The Atom feed channel: the latest events as a feed file (feedgen).

Entry ids are tag: URIs built from event keys, which never change, so readers never see an
entry twice. Titles are plain text (escaped by the XML writer) and links that are not http(s)
are replaced by the feed's own link. The file is replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from feedgen.feed import FeedGenerator

from monitor.channels import Message
from monitor.config import FeedConfig
from monitor.digest import oneline, safe_url
from monitor.events import Event

#: The feed file's mode: world-readable, whatever the umask (README, "Monitoring").
FEED_MODE = 0o644


class AtomChannel:
    name = "feed"
    sends_empty = False

    def __init__(self, cfg: FeedConfig):
        self.cfg = cfg

    def send(self, message: Message) -> None:
        rows = message.db.query(
            "SELECT * FROM events ORDER BY id DESC LIMIT ?", [self.cfg.max_entries]
        )
        events = [Event.from_row(r) for r in rows]
        write_feed(self.cfg, list(reversed(events)))


def entry_id(cfg: FeedConfig, event: Event) -> str:
    return f"{cfg.id}/{event.key}"


def _when(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        when = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def write_feed(cfg: FeedConfig, events: list[Event]) -> None:
    fg = FeedGenerator()
    fg.id(cfg.id)
    fg.title(cfg.title)
    fg.link(href=cfg.link, rel="alternate")
    fg.author({"name": "peerwatch"})
    fg.updated(max((_when(e.occurred_at) for e in events), default=_when("1970-01-01T00:00:00")))
    for e in events:
        entry = fg.add_entry(order="append")
        entry.id(entry_id(cfg, e))
        entry.title(oneline(e.summary))
        entry.link(href=safe_url(e.detail.get("url")) or cfg.link)
        entry.updated(_when(e.occurred_at))
        entry.category(term=e.kind)
        text = oneline(e.summary)
        if e.due_date:
            text += f" (due {e.due_date})"
        entry.content(text, type="text")
    path = Path(cfg.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        # mkstemp makes the file 0600; a feed is for a web server (another user) to read.
        os.chmod(tmp, FEED_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(fg.atom_str(pretty=True))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
