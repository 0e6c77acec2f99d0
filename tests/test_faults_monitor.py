"""The fault suite, monitor side: hostile scraped text, a locked database, a killed delivery.

Runs land through `commit_run` exactly as the crawler commits them; the real diff, digest,
Atom channel and Datasette app read them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from defusedxml import ElementTree

from db.connection import connect, open_db
from monitor.channels.atom import write_feed
from monitor.config import Config, FeedConfig
from monitor.diff import diff_pending
from monitor.digest import build_digest, render
from monitor.events import list_events
from tests.monitor_factory import CollectingChannel, add_run, check, doc, new_db_file

SCRIPT = "<script>alert('pw')</script>"
JS_URL = "javascript:alert(document.cookie)"


@pytest.fixture
def hostile_db(tmp_path):
    """Two runs: the second finds a report whose title carries a script, and a document whose
    URL is a javascript: link (as a scraped href would be)."""
    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(db, [check("BOL", "no_cpc"), check("MEL", "no_cpc")])
    add_run(
        db,
        [check("BOL"), check("MEL", "cpc_no_report")],
        [
            doc("http://www.bolton.gov.uk/cpc.pdf", "BOL", title=f"Peer challenge {SCRIPT}"),
            doc(JS_URL, "MEL", kind="action_plan", title=f'"><img src=x onerror=alert(1)>{SCRIPT}'),
        ],
    )
    diff_pending(db, Config().diff)
    yield path, db
    db.close()


def test_html_digest_escapes_scripts_and_drops_javascript_urls(hostile_db):
    _, db = hostile_db
    html = render(build_digest(db, Config()), "html", on_empty="full")
    assert "alert" in html  # the hostile titles are shown, as text
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "javascript:" not in html.lower()


def test_markdown_and_text_digests_drop_javascript_urls(hostile_db):
    _, db = hostile_db
    for fmt in ("markdown", "text"):
        assert "javascript:" not in render(build_digest(db, Config()), fmt, on_empty="full").lower()


def test_atom_feed_escapes_titles_and_drops_javascript_links(hostile_db, tmp_path):
    _, db = hostile_db
    path = tmp_path / "feed.atom"
    write_feed(FeedConfig(path=str(path)), list_events(db))
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "javascript:" not in raw.lower()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ElementTree.fromstring(raw.encode())
    titles = [e.text or "" for e in root.findall("a:entry/a:title", ns)]
    assert any(SCRIPT in t for t in titles)  # kept as text, escaped by the XML writer
    links = [e.get("href") for e in root.findall("a:entry/a:link", ns)]
    assert links and all(h.startswith(("http://", "https://")) for h in links)


def test_datasette_escapes_scraped_titles_and_urls(hostile_db):
    publish = pytest.importorskip("monitor.publish.app", reason="Datasette publishing not built")
    path, _ = hostile_db
    datasette = publish.make_datasette(path, immutable=False)
    name = path.stem

    async def fetch(url: str) -> str:
        response = await datasette.client.get(url)
        assert response.status_code == 200, url
        return response.text

    for url in (f"/{name}/documents", f"/{name}/events", f"/{name}/recent_events"):
        page = asyncio.run(fetch(url))
        assert "<script>alert" not in page.lower()
        assert 'href="javascript:' not in page.lower()


def test_locked_database_waits_for_the_other_writer_and_stays_intact(tmp_path):
    path = new_db_file(tmp_path)
    blocker = sqlite3.connect(path, timeout=1, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE councils SET notes = 'held' WHERE code = 'BOL'")
    release = threading.Timer(1.0, blocker.commit)
    release.start()
    started = time.monotonic()
    db = open_db(path)
    add_run(db, [check("BOL")])
    assert time.monotonic() - started >= 0.9  # it waited for the other writer, then wrote
    written = 1
    release.join()
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM checks").fetchone()[0] == written
    assert db.execute("SELECT notes FROM councils WHERE code = 'BOL'").fetchone()[0] == "held"
    db.close()
    blocker.close()


def test_locked_database_past_the_wait_is_a_clear_error_and_no_damage(tmp_path):
    path = new_db_file(tmp_path)
    open_db(path).close()
    blocker = sqlite3.connect(path, timeout=1)
    blocker.execute("BEGIN IMMEDIATE")
    db = connect(path, busy_timeout_ms=200)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        add_run(db, [check("BOL")])
    blocker.rollback()
    blocker.close()
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    assert db.execute("SELECT status FROM runs").fetchall() in ([], [("running",)])
    db.close()


def test_cli_reports_a_locked_database_in_one_line(tmp_path):
    path = new_db_file(tmp_path)
    blocker = sqlite3.connect(path, timeout=1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "monitor.cli", "--db", str(path), "init"],
            capture_output=True, text=True, timeout=90,
            env=dict(os.environ, PEERWATCH_BUSY_TIMEOUT_MS="500"),
        )  # fmt: skip
    finally:
        blocker.rollback()
        blocker.close()
    # Either it waited long enough and succeeded, or it said so in one line: never a traceback.
    assert result.returncode == 0 or (
        "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    ), result.stderr


def _kill_9_when_it_says(source: str, script: Path, db_path: Path, word: str) -> None:
    """Run `source` as a script on `db_path` and SIGKILL it once it prints `word`."""
    script.write_text(source)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db_path)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == word
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


KILLABLE_DELIVERY = textwrap.dedent(
    """
    import sys, time
    from db.connection import open_db
    from monitor.channels import Message
    from monitor.config import Config
    from monitor.delivery import deliver

    class Hanging:
        name = "file"
        sends_empty = False
        def send(self, message):
            print("sending", flush=True)
            time.sleep(600)

    db = open_db(sys.argv[1])
    deliver(db, Config(), [Hanging()])
    """
)


def test_sigkill_mid_delivery_loses_nothing_and_sends_nothing_twice(tmp_path):
    from monitor.delivery import deliver

    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(db, [check("BOL", "no_cpc")])
    add_run(db, [check("BOL")], [doc("http://www.bolton.gov.uk/cpc.pdf", "BOL")])
    diff_pending(db, Config().diff)
    events = [e.id for e in list_events(db)]
    assert events
    db.close()

    _kill_9_when_it_says(KILLABLE_DELIVERY, tmp_path / "deliver.py", path, "sending")

    db = open_db(path)
    statuses = {r[0] for r in db.execute("SELECT status FROM deliveries WHERE channel = 'file'")}
    assert statuses == {"sending"}  # never marked sent: it was not
    channel = CollectingChannel("file")
    deliver(db, Config(), [channel])
    deliver(db, Config(), [channel])
    assert channel.sent == [events]  # delivered after the kill, and exactly once
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_sigkill_of_peerwatch_deliver_mid_send(tmp_path):
    """The real command, killed while its file channel blocks opening a FIFO with no reader."""
    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(db, [check("BOL", "no_cpc")])
    add_run(
        db, [check("BOL")], [doc("http://www.bolton.gov.uk/cpc.pdf", "BOL", title="CPC report")]
    )
    diff_pending(db, Config().diff)
    db.close()
    digest = tmp_path / "digest.txt"
    os.mkfifo(digest)
    config = tmp_path / "peerwatch.toml"
    config.write_text(f'[file]\npath = "{digest}"\nappend = true\n')
    command = [
        sys.executable,
        "-m",
        "monitor.cli",
        "--db",
        str(path),
        "--config",
        str(config),
        "deliver",
    ]
    proc = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the send has begun: rows marked `sending`
        db = open_db(path)
        sending = db.execute("SELECT count(*) FROM deliveries WHERE status = 'sending'").fetchone()[
            0
        ]
        db.close()
        if sending:
            break
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert sending

    digest.unlink()  # the reader never came; now the file is an ordinary file
    for _ in range(2):
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    text = digest.read_text(encoding="utf-8")
    assert text.count("CPC report") == 1  # sent after the kill, and only once
    db = open_db(path)
    assert {r[0] for r in db.execute("SELECT status FROM deliveries")} == {"sent"}
    db.close()


KILLABLE_CRAWL = textwrap.dedent(
    """
    import sys, time
    from db.connection import open_db
    from db.runs import start_run

    db = open_db(sys.argv[1])
    start_run(db, spider="lga+councils", args={}, councils_total=2)
    print("started", flush=True)
    time.sleep(600)
    """
)


def test_sigkill_of_the_crawl_mid_run_feeds_nothing_downstream(tmp_path):
    """A crawl killed mid-run: its run becomes `incomplete`, raises no event, and the cycle
    after it neither loses nor resends what the previous runs produced."""
    from monitor.cycle import process_runs

    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(db, [check("BOL", "no_cpc"), check("MEL", "no_cpc")])
    add_run(
        db, [check("BOL"), check("MEL", "no_cpc")], [doc("http://www.bolton.gov.uk/r.pdf", "BOL")]
    )
    db.close()
    channel = CollectingChannel("file")
    first = process_runs(path, Config(), channels=[channel])
    assert first.deliveries[0].ok and len(channel.sent) == 1

    _kill_9_when_it_says(KILLABLE_CRAWL, tmp_path / "crawl.py", path, "started")

    after = process_runs(path, Config(), channels=[channel])
    assert after.diffed == {}
    assert len(channel.sent) == 1  # nothing new, nothing resent
    db = open_db(path)
    statuses = [r[0] for r in db.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["complete", "complete", "incomplete"]
    assert db.execute("SELECT count(*) FROM events WHERE run_id = 3").fetchone()[0] == 0
    db.close()
