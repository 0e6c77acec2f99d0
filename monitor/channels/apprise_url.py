"""The Apprise channel: a digest's news to one Apprise URL (Slack, Teams, Discord, ntfy,
generic JSON webhooks, ...), in as many messages as the service's limit needs.

Each URL is its own channel, named by a hash of the URL, so one failing service does not make
the others resend, and the name never reveals the tokens most service URLs embed. Messages
come from `monitor.chat`: the news only, within the limit (the smaller of `apprise.max_chars`
and the service's own `body_maxlen`), ending with a link to the rest on `peerwatch serve`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from monitor.channels import Message
from monitor.chat import chat_lines, split_parts
from monitor.digest import one_line
from monitor.links import ALL_FEED_PATH

_BODY_FORMATS = {"text": "text", "markdown": "markdown", "html": "text"}


class AppriseChannel:
    sends_empty = True

    def __init__(
        self,
        url: str,
        fmt: str = "markdown",
        *,
        max_chars: int = 0,
        max_parts: int = 5,
        base_url: str = "",
    ):
        self.url = url
        self.fmt = fmt
        self.max_chars = max_chars
        self.max_parts = max_parts
        self.base_url = base_url.rstrip("/")
        self.name = "apprise:" + hashlib.sha256(url.encode()).hexdigest()[:12]

    def more_url(self, message: Message) -> str:
        """Where the rest is: the recent events on `peerwatch serve`, else the feed."""
        if not self.base_url:
            return ALL_FEED_PATH
        path = message.db.execute("PRAGMA database_list").fetchone()[2]
        if path:
            return f"{self.base_url}/{Path(path).stem}/recent_events"
        return f"{self.base_url}{ALL_FEED_PATH}"

    def bodies(self, message: Message, service_limit: int, title_room: int = 0) -> list[str]:
        """The messages to send for this digest (none when it says to stay silent);
        `title_room` is what the title takes of a service that puts it into the body."""
        if message.render("text") is None:
            return []
        if message.digest.empty:
            return [one_line(message.digest)]
        limits = [n for n in (self.max_chars, service_limit) if n and n > 0]
        lines = chat_lines(message.digest, markdown=self.fmt == "markdown")
        limit = max(min(limits, default=4000) - title_room, 100)
        return split_parts(lines, limit, self.max_parts, self.more_url(message))

    def send(self, message: Message) -> None:
        import apprise

        notifier = apprise.Apprise()
        if not notifier.add(self.url):
            raise ValueError(f"{self.name}: Apprise does not accept this URL")
        service = notifier[0]
        title = f"peerwatch: {message.digest.headline}"[:250]
        # Services without a title field (title_maxlen 0) send "title\r\nbody" as the body.
        title_room = len(title) + 2 if getattr(service, "title_maxlen", 1) == 0 else 0
        service_limit = int(getattr(service, "body_maxlen", 0) or 0)
        for body in self.bodies(message, service_limit, title_room):
            ok = notifier.notify(
                title=title,
                body=body,
                body_format=_BODY_FORMATS[self.fmt],
            )
            if not ok:
                raise RuntimeError(f"{self.name}: notification was not accepted")
