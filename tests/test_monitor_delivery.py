"""Delivery channels against real servers on loopback, and exactly-once bookkeeping."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import feedparser
from aiosmtpd.controller import Controller
from monitor_factory import NOW, check, diffed_run, doc
from serve_helpers import free_port

from monitor.channels import Message
from monitor.channels.apprise_url import AppriseChannel
from monitor.channels.atom import AtomChannel
from monitor.channels.file import FileChannel
from monitor.channels.smtp import EmailChannel
from monitor.config import Config, EmailConfig, FeedConfig, FileConfig
from monitor.delivery import deliver, pending_events

REPORT = "https://bolton.gov.uk/cpc/report.pdf"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def test_email_exactly_once_across_a_server_outage(db):
    port = free_port()
    config = Config(
        email=EmailConfig(
            enabled=True,
            host="127.0.0.1",
            port=port,
            security="none",
            timeout=5,
            sender="peerwatch@example.test",
            to=("desk@example.test", "editor@example.test"),
        )
    )
    channel = EmailChannel(config.email)
    run1 = diffed_run(
        db, [check("BOL")], [doc(REPORT, "BOL", title="LGA Corporate Peer Challenge - Bolton")]
    )

    (down,) = deliver(db, config, [channel], run_id=run1, now=NOW)
    assert not down.ok and "Connection refused" in down.error
    row = next(db.table("deliveries").rows)
    assert (row["status"], row["attempts"]) == ("failed", 1)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        run2 = diffed_run(db, [check("BOL"), check("RUS", "no_cpc")])
        (up,) = deliver(db, config, [channel], run_id=run2, now=NOW)
        assert up.ok and up.events == 1
        (again,) = deliver(db, config, [channel], now=NOW)
        assert again.skipped
    finally:
        controller.stop()

    assert len(inbox.messages) == 1
    rcpts, msg = inbox.messages[0]
    assert rcpts == ["desk@example.test", "editor@example.test"]
    assert msg["From"] == "peerwatch@example.test"
    assert msg["Subject"] == "[peerwatch] 1 newly published"
    assert (
        msg["Message-ID"].endswith(".email@peerwatch>")
        and msg["Auto-Submitted"] == "auto-generated"
    )
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Bolton Metropolitan Borough Council published its CPC feedback report" in text
    assert REPORT in text and f'href="{REPORT}"' in html
    row = next(db.table("deliveries").rows)
    assert (row["status"], row["attempts"], row["last_error"]) == ("sent", 2, None)


def test_apprise_posts_to_a_local_webhook(db, webhook):
    url = webhook.url
    channel = AppriseChannel(url)
    diffed_run(
        db, [check("BOL")], [doc(REPORT, "BOL", title="LGA Corporate Peer Challenge - Bolton")]
    )
    webhook.status = 500
    (failed,) = deliver(db, Config(), [channel], now=NOW)
    assert not failed.ok and url not in failed.error
    webhook.status = 200
    (ok,) = deliver(db, Config(), [channel], now=NOW)
    assert ok.ok
    assert len(webhook.received) == 2
    payload = webhook.received[-1]
    assert payload["title"] == "peerwatch: 1 newly published"
    assert (
        "published its CPC feedback report" in payload["message"] and REPORT in payload["message"]
    )
    assert channel.name.startswith("apprise:") and "127.0.0.1" not in channel.name
    assert deliver(db, Config(), [channel], now=NOW)[0].skipped


def test_atom_feed_is_valid_stable_and_safe(db, tmp_path):
    cfg = FeedConfig(path=str(tmp_path / "feed" / "events.atom"))
    channel = AtomChannel(cfg)
    diffed_run(db, [check("BOL")], [doc(REPORT, "BOL", title="<script>alert(1)</script> report")])
    diffed_run(db, [check("KHL")], [doc("javascript:alert(1)", "KHL", title="<b>bold</b>")])
    deliver(db, Config(feed=cfg), [channel], now=NOW)
    first = feedparser.parse(cfg.path)
    assert not first.bozo, first.get("bozo_exception")
    assert len(first.entries) == 2
    ids = [e.id for e in first.entries]
    assert all(i.startswith("tag:peerwatch,2026:events/report_published:") for i in ids)
    raw = Path(cfg.path).read_text(encoding="utf-8")
    assert "<script>" not in raw and "javascript:" not in raw and "<b>" not in raw
    assert first.entries[0].link == REPORT and first.entries[1].link == cfg.link
    assert "<script>alert(1)</script>" in first.entries[0].title  # as text, escaped in XML

    diffed_run(db, [check("BOL")], [doc(REPORT, "BOL", content="v2")])
    deliver(db, Config(feed=cfg), [channel], now=NOW)
    second = feedparser.parse(cfg.path)
    assert [e.id for e in second.entries][:2] == ids and len(second.entries) == 3


class Broken:
    name = "broken"
    sends_empty = True

    def send(self, message: Message) -> None:
        raise OSError("disk full")


def test_one_failing_channel_does_not_block_others(db, tmp_path):
    out = tmp_path / "digest.txt"
    good = FileChannel(FileConfig(path=str(out)))
    run = diffed_run(db, [check("BOL")], [doc(REPORT, "BOL")])
    results = deliver(db, Config(), [Broken(), good], run_id=run, now=NOW)
    assert [(r.channel, r.ok) for r in results] == [("broken", False), ("file", True)]
    assert "Newly published (1)" in out.read_text()
    assert len(pending_events(db, "broken")) == 1 and pending_events(db, "file") == []


def test_an_interrupted_send_is_retried(db, tmp_path):
    """A crash after the send but before the mark leaves rows `sending`: they go out again."""
    diffed_run(db, [check("BOL")], [doc(REPORT, "BOL")])
    event_id = next(db.table("events").rows)["id"]
    db.table("deliveries").insert(
        {"event_id": event_id, "channel": "file", "status": "sending", "attempts": 1}
    )
    assert [e.id for e in pending_events(db, "file")] == [event_id]
    out = tmp_path / "d.txt"
    (result,) = deliver(db, Config(), [FileChannel(FileConfig(path=str(out)))], now=NOW)
    assert result.ok and db.table("deliveries").get((event_id, "file"))["attempts"] == 2


def test_an_empty_run_sends_one_line_to_stdout(db, capsys):
    diffed_run(db, [check("RUS", "no_cpc")])
    run = diffed_run(db, [check("RUS", "no_cpc")])
    channel = FileChannel(FileConfig(path="-"))
    deliver(db, Config(), [channel], now=NOW)
    capsys.readouterr()
    deliver(db, Config(), [channel], run_id=run, now=NOW)
    assert capsys.readouterr().out == (
        f"peerwatch: no changes (run {run}: 1 councils checked, 0 unknown).\n"
    )
