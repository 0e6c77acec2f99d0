"""Delivery: every event reaches every channel once, tracked in `deliveries`.

For each channel, the events without a `sent` row for it are pending; they go out together as
one digest. The order of writes is what makes this safe:

1. the pending rows are marked `sending` (attempts + 1) and committed;
2. the channel sends;
3. the rows are marked `sent` (or `failed`, with the error) and committed.

Only events the digest actually shows (`Digest.shown_event_ids`: every kind in the kinds table
names its section) are marked; an event no section shows stays pending rather than being marked
sent unseen. A failed send leaves the events pending, so the next digest carries them again; a sent one is
never resent; each channel is tried in turn and one raising does not stop the rest. If the
process dies between 2 and 3 the rows stay `sending` and are sent again next time: delivery is
at-least-once in that window, which is as small as one local commit. Email keeps the
same Message-ID on such a resend and the Atom feed's entry ids never change, so the duplicate is
recognisable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from monitor.channels import Channel, Message, channels_from_config
from monitor.config import Config
from monitor.digest import build_digest
from monitor.events import Event


@dataclass(frozen=True)
class DeliveryResult:
    channel: str
    events: int
    ok: bool
    error: str | None = None
    skipped: bool = False
    #: Ids of the events marked sent.
    event_ids: tuple[int, ...] = ()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def pending_events(db: Database, channel: str) -> list[Event]:
    """Events this channel has not been sent yet (never tried, failed, or interrupted)."""
    rows = db.query(
        "SELECT e.* FROM events e LEFT JOIN deliveries d"
        " ON d.event_id = e.id AND d.channel = ?"
        " WHERE d.status IS NULL OR d.status != 'sent' ORDER BY e.id",
        [channel],
    )
    return [Event.from_row(r) for r in rows]


def deliver(
    db: Database,
    config: Config,
    channels: list[Channel] | None = None,
    *,
    run_id: int | None = None,
    now: dt.datetime | None = None,
) -> list[DeliveryResult]:
    """Send each channel its pending events as one digest. With `run_id`, a channel with
    nothing pending still gets the run's one-line "no changes" (per `digest.on_empty`)."""
    if channels is None:
        channels = channels_from_config(config)
    results = []
    for channel in channels:
        events = pending_events(db, channel.name)
        if not events and (
            run_id is None or not channel.sends_empty or config.digest.on_empty == "silent"
        ):
            results.append(DeliveryResult(channel.name, 0, True, skipped=True))
            continue
        digest = build_digest(db, config, events=events, run_id=run_id, now=now)
        results.append(_send(db, channel, Message(db, config, digest, events)))
    return results


def _send(db: Database, channel: Channel, message: Message) -> DeliveryResult:
    shown = message.digest.shown_event_ids
    ids = [e.id for e in message.events if e.id in shown]
    _mark(db, channel.name, ids, "sending")
    try:
        channel.send(message)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
        _mark(db, channel.name, ids, "failed", error=error)
        return DeliveryResult(channel.name, len(ids), False, error=error)
    _mark(db, channel.name, ids, "sent")
    return DeliveryResult(channel.name, len(ids), True, event_ids=tuple(i for i in ids if i))


def _mark(db: Database, channel: str, ids: list[int | None], status: str, error: str | None = None):
    now = _now()
    with db.atomic():
        for event_id in ids:
            if status == "sending":
                db.execute(
                    "INSERT INTO deliveries (event_id, channel, status, attempts, first_attempt_at)"
                    " VALUES (?, ?, 'sending', 1, ?)"
                    " ON CONFLICT (event_id, channel) DO UPDATE SET status = 'sending',"
                    " attempts = attempts + 1",
                    [event_id, channel, now],
                )
            else:
                db.execute(
                    "UPDATE deliveries SET status = ?, last_error = ?, sent_at = ?"
                    " WHERE event_id = ? AND channel = ?",
                    [status, error, now if status == "sent" else None, event_id, channel],
                )
