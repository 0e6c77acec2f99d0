"""Delivery channels: one module each, behind one small interface.

A channel has a stable `name` (the `deliveries.channel` value, so changing a channel's
settings does not resend old events) and `send(message)`, which returns on success and raises
on failure. `monitor.delivery` decides what to send and records the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlite_utils import Database

from monitor.config import Config
from monitor.digest import Digest, render
from monitor.events import Event


@dataclass
class Message:
    """What one channel is asked to deliver: a digest of the events pending for it."""

    db: Database
    config: Config
    digest: Digest
    events: list[Event]

    def render(self, fmt: str) -> str | None:
        return render(self.digest, fmt, on_empty=self.config.digest.on_empty)


class Channel(Protocol):
    name: str
    #: Whether a run with nothing new still sends its one line (subject to digest.on_empty).
    sends_empty: bool

    def send(self, message: Message) -> None: ...


def channels_from_config(config: Config) -> list[Channel]:
    """Every channel the config enables, in a fixed order."""
    from monitor.channels.apprise_url import AppriseChannel
    from monitor.channels.atom import AtomChannel
    from monitor.channels.file import FileChannel
    from monitor.channels.smtp import EmailChannel

    out: list[Channel] = []
    if config.file.path:
        out.append(FileChannel(config.file))
    if config.email.enabled:
        out.append(EmailChannel(config.email))
    out += [
        AppriseChannel(
            url,
            config.apprise.format,
            max_chars=config.apprise.max_chars,
            max_parts=config.apprise.max_parts,
            base_url=config.publish.base_url,
        )
        for url in config.apprise.urls
    ]
    if config.feed.path:
        out.append(AtomChannel(config.feed, config.publish.base_url))
    return out
