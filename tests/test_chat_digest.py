"""Chat channels: a first digest of 300 councils through a real local webhook (Apprise json://)
with a 2,000-character limit: every message fits, every part arrives, nothing blocks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from monitor_factory import add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.channels.apprise_url import AppriseChannel
from monitor.chat import split_parts
from monitor.config import Config, DiffConfig
from monitor.delivery import deliver
from monitor.diff import diff_pending

NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)
LIMIT = 2000


@pytest.fixture
def first_digest_db(tmp_path):
    """A first run that finds a report for each of 300 current councils."""
    db = open_db(new_db_file(tmp_path))
    codes = [r[0] for r in db.execute("SELECT code FROM councils WHERE current ORDER BY code")]
    codes = codes[:300]
    assert len(codes) == 300
    add_run(
        db,
        [check(code) for code in codes],
        [doc(f"https://{code.lower()}.example.gov.uk/cpc-report.pdf", code) for code in codes],
    )
    diff_pending(db, DiffConfig())
    yield db, codes
    db.close()


def _parts(received: list[dict]) -> list[tuple[int, int, str]]:
    out = []
    for payload in received:
        number = re.match(r"\((\d+)/(\d+)\) ", payload["message"])
        assert number, payload["message"][:80]
        out.append((int(number[1]), int(number[2]), payload["message"]))
    return out


def _deliver_in_parts(db, webhook, fmt: str, *, max_parts: int):
    """Deliver the pending events to the webhook with a LIMIT-character chat channel:
    the channel and the (number, total, body) of each message received."""
    channel = AppriseChannel(
        webhook.url, fmt, max_chars=LIMIT, max_parts=max_parts, base_url="http://peerwatch.example"
    )
    (result,) = deliver(db, Config(), [channel], now=NOW)
    assert result.ok, result.error
    return channel, _parts(webhook.received)


def test_first_digest_of_300_councils_arrives_in_parts_within_the_limit(first_digest_db, webhook):
    db, codes = first_digest_db
    channel, parts = _deliver_in_parts(db, webhook, "text", max_parts=50)
    total = parts[0][1]
    assert total > 1 and [n for n, _, _ in parts] == list(range(1, total + 1))
    assert all(t == total and len(body) <= LIMIT for _, t, body in parts)
    everything = "\n".join(body for _, _, body in parts)
    for code in codes:
        assert f"https://{code.lower()}.example.gov.uk/cpc-report.pdf" in everything
    assert parts[-1][2].endswith("All of it: http://peerwatch.example/peerwatch/recent_events")
    assert deliver(db, Config(), [channel], now=NOW)[0].skipped  # sent once, never again


def test_at_most_max_parts_messages_and_the_last_links_to_the_rest(first_digest_db, webhook):
    db, _ = first_digest_db
    _, parts = _deliver_in_parts(db, webhook, "markdown", max_parts=3)
    assert [(n, t) for n, t, _ in parts] == [(1, 3), (2, 3), (3, 3)]
    assert all(len(body) <= LIMIT for _, _, body in parts)
    assert re.search(
        r"… \d+ more lines: http://peerwatch\.example/peerwatch/recent_events$", parts[-1][2]
    )
    assert parts[0][2].startswith("(1/3) 300 newly published")


def test_the_service_limit_applies_when_no_limit_is_configured(first_digest_db, webhook):
    db, _ = first_digest_db
    channel = AppriseChannel(webhook.url, "text", max_parts=100)
    (result,) = deliver(db, Config(), [channel], now=NOW)
    assert result.ok
    import apprise

    notifier = apprise.Apprise()
    notifier.add(webhook.url)
    service_limit = notifier[0].body_maxlen
    assert all(len(p["message"]) <= service_limit for p in webhook.received)


@pytest.mark.parametrize("limit", [200, 500, 2000])
def test_split_never_exceeds_the_limit_even_with_overlong_lines(limit):
    lines = ["headline", "x" * 5000, *(f"- line {i} " + "y" * 150 for i in range(40))]
    parts = split_parts(lines, limit, 100, "http://example.test/rest")
    assert all(len(p) <= limit for p in parts)
    assert parts[-1].endswith("All of it: http://example.test/rest")
    assert all(f"- line {i} " in "\n".join(parts) for i in range(40))
