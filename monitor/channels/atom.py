"""The Atom feed channel: the latest events as a feed file (feedgen, via `monitor.feeds`).

Entry ids are tag: URIs built from event keys, which never change, so readers never see an
entry twice; they are the same ids `peerwatch serve` uses in its feeds. The file is replaced
atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from monitor.channels import Message
from monitor.config import FeedConfig
from monitor.events import Event
from monitor.feeds import FeedInfo, build_feed
from monitor.links import ALL_FEED_PATH

#: The feed file's mode: world-readable, whatever the umask (README, "Monitoring").
FEED_MODE = 0o644


class AtomChannel:
    name = "feed"
    sends_empty = False

    def __init__(self, cfg: FeedConfig, base_url: str = ""):
        self.cfg = cfg
        self.base_url = base_url

    def send(self, message: Message) -> None:
        rows = message.db.query(
            "SELECT * FROM events ORDER BY id DESC LIMIT ?", [self.cfg.max_entries]
        )
        events = [Event.from_row(r) for r in rows]
        write_feed(self.cfg, list(reversed(events)), base_url=self.base_url)


def write_feed(cfg: FeedConfig, events: list[Event], *, base_url: str = "") -> None:
    self_url = cfg.self_url or (f"{base_url.rstrip('/')}{ALL_FEED_PATH}" if base_url else "")
    info = FeedInfo(id=cfg.id, title=cfg.title, self_url=self_url, link=cfg.link, base_url=base_url)
    path = Path(cfg.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        # mkstemp makes the file 0600; a feed is for a web server (another user) to read.
        os.chmod(tmp, FEED_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(build_feed(info, events))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
