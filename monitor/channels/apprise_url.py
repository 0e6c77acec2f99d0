"""The Apprise channel: one notification per digest to one Apprise URL (Slack, Teams,
Discord, ntfy, generic JSON webhooks, ...).

Each URL is its own channel, named by a hash of the URL, so one failing service does not make
the others resend, and the name never reveals the tokens most service URLs embed.
"""

from __future__ import annotations

import hashlib

from monitor.channels import Message

_BODY_FORMATS = {"text": "text", "markdown": "markdown", "html": "html"}


class AppriseChannel:
    sends_empty = True

    def __init__(self, url: str, fmt: str = "markdown"):
        self.url = url
        self.fmt = fmt
        self.name = "apprise:" + hashlib.sha256(url.encode()).hexdigest()[:12]

    def send(self, message: Message) -> None:
        import apprise

        body = message.render(self.fmt)
        if body is None:
            return
        notifier = apprise.Apprise()
        if not notifier.add(self.url):
            raise ValueError(f"{self.name}: Apprise does not accept this URL")
        ok = notifier.notify(
            title=f"peerwatch: {message.digest.headline}",
            body=body,
            body_format=_BODY_FORMATS[self.fmt],
        )
        if not ok:
            raise RuntimeError(f"{self.name}: notification was not accepted")
