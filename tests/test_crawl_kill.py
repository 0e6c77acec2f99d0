"""SIGKILL mid-crawl: the previous complete run stays intact, the killed run becomes incomplete."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from db.connection import open_db
from db.runs import mark_abandoned_runs
from scraper.testweb import TestWeb
from tests.crawl_helpers import crawl_command, prepare_db, run_crawl_subprocess


def _snapshot(db, run_id):
    return (
        db.execute("SELECT status, finished_at FROM runs WHERE id = ?", [run_id]).fetchone(),
        sorted(
            db.execute(
                "SELECT council_code, verdict FROM checks WHERE run_id = ?", [run_id]
            ).fetchall()
        ),
        db.execute("SELECT count(*) FROM documents").fetchone()[0],
    )


def test_sigkill_leaves_previous_run_intact_and_marks_killed_run_incomplete(tmp_path):
    with TestWeb(slow_seconds=10, latency=0.05) as web:
        db_path = prepare_db(web, tmp_path)
        run_crawl_subprocess(web, db_path, "--spider", "lga")
        db = open_db(db_path)
        previous = db.execute("SELECT max(id) FROM runs").fetchone()[0]
        before = _snapshot(db, previous)
        assert before[0][0] == "partial" and before[1]

        proc = subprocess.Popen(
            crawl_command(web, db_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(web.requests) < 40:
            time.sleep(0.05)
        assert proc.poll() is None, "crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    killed = db.execute("SELECT max(id) FROM runs").fetchone()[0]
    assert killed == previous + 1
    assert db.execute("SELECT status FROM runs WHERE id = ?", [killed]).fetchone()[0] == "running"
    assert mark_abandoned_runs(db) == [killed]
    assert (
        db.execute("SELECT status FROM runs WHERE id = ?", [killed]).fetchone()[0] == "incomplete"
    )
    assert db.execute("SELECT count(*) FROM checks WHERE run_id = ?", [killed]).fetchone()[0] == 0
    assert _snapshot(db, previous) == before
