"""The scheduler fires, the run lock keeps runs apart, crawls time out, signals stop cleanly.

The crawl is a real subprocess: a tiny script that lands one run through db.runs.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.triggers.interval import IntervalTrigger
from click.testing import CliRunner
from monitor_factory import new_db_file

from db.connection import open_db
from monitor.cli import cli
from monitor.config import load_config
from monitor.cycle import run_cycle
from monitor.lock import RunLocked, lock_path, run_lock
from monitor.scheduler import JOB_ID, build_scheduler, jobstore_path

STUB = """
import sys, time
from db.connection import open_db
from db.runs import CouncilCheck, RunStats, commit_run, start_run
time.sleep(float(sys.argv[2]))
db = open_db(sys.argv[1])
run = start_run(db, spider="stub", args={}, councils_total=1)
commit_run(db, run, checks=[CouncilCheck("RUS", "no_cpc")], documents=[], stats=RunStats(requests=3))
"""


@pytest.fixture
def setup(tmp_path):
    db_path = new_db_file(tmp_path)
    stub = tmp_path / "stub_crawl.py"
    stub.write_text(STUB)

    def config(sleep: float = 0.0, timeout: int = 60) -> Path:
        path = tmp_path / "peerwatch.toml"
        path.write_text(
            "[schedule]\n"
            f'crawl_command = ["{{python}}", "{stub}", "{{db}}", "{sleep}"]\n'
            f"crawl_timeout_s = {timeout}\n"
            f'[file]\npath = "{tmp_path / "digest.txt"}"\n'
        )
        return path

    return db_path, config


def test_a_cycle_crawls_in_a_subprocess_then_diffs_and_delivers(setup, tmp_path):
    db_path, config = setup
    result = run_cycle(db_path, load_config(config()))
    assert result.ok and result.crawl_returncode == 0 and result.run_id == 1
    assert "Councils still without a report (1)" in (tmp_path / "digest.txt").read_text()
    db = open_db(db_path)
    assert db.table("runs").get(1)["diffed_at"]


def test_the_scheduler_fires_and_a_second_run_refuses_the_lock(setup):
    db_path, config = setup
    cfg = load_config(config(sleep=1.5))
    scheduler = build_scheduler(db_path, cfg, trigger=IntervalTrigger(seconds=1))
    done = threading.Event()
    outcomes = []

    def listener(event):
        outcomes.append(event.exception)
        done.set()

    scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    thread = threading.Thread(target=scheduler.start, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        holder = Path(f"{lock_path(db_path)}.holder")  # written once the lock is held
        while not holder.exists() or not holder.read_text():
            assert time.monotonic() < deadline, "the scheduled job never took the lock"
            time.sleep(0.05)
        with pytest.raises(RunLocked, match="another peerwatch run is in progress"):
            run_cycle(db_path, cfg, lock_wait_s=0)
        assert done.wait(15), "the scheduled job did not finish"
    finally:
        scheduler.shutdown(wait=True)
    assert outcomes[0] is None
    db = open_db(db_path)
    assert db.table("runs").count >= 1 and db.table("runs").get(1)["diffed_at"]
    assert jobstore_path(db_path, cfg).exists()


def test_restarting_keeps_one_job_on_the_weekly_cron(setup):
    db_path, config = setup
    cfg = load_config(config())
    for _ in range(2):
        scheduler = build_scheduler(db_path, cfg)
        thread = threading.Thread(target=scheduler.start, kwargs={"paused": True}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 5
        while not scheduler.running:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        (job,) = scheduler.get_jobs()
        scheduler.shutdown()
        assert job.id == JOB_ID
        london = job.next_run_time.astimezone(ZoneInfo("Europe/London"))
        assert london.weekday() == 0 and london.hour == 6 and london.minute < 16
    store = sqlite3.connect(jobstore_path(db_path, cfg))
    assert store.execute("SELECT count(*) FROM apscheduler_jobs").fetchone() == (1,)
    store.close()


def test_the_lock_can_be_waited_for(tmp_path):
    db_path = tmp_path / "x.db"
    held = threading.Event()

    def hold():
        with run_lock(db_path):
            held.set()
            time.sleep(0.6)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    with pytest.raises(RunLocked), run_lock(db_path):
        pass
    start = time.monotonic()
    with run_lock(db_path, wait_s=5):
        assert time.monotonic() - start > 0.2
    thread.join()


def test_a_crawl_past_its_timeout_is_killed(setup):
    db_path, config = setup
    start = time.monotonic()
    result = run_cycle(db_path, load_config(config(sleep=30, timeout=1)))
    assert time.monotonic() - start < 15
    assert result.crawl_error == "crawl killed after the 1 s timeout" and not result.ok


def test_peerwatch_run_prints_the_digest(setup):
    db_path, config = setup
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--config", str(config()), "run"])
    assert result.exit_code == 0, result.output
    assert "peerwatch digest: run 1" in result.stdout or "no changes (run 1" in result.stdout


def test_peerwatch_schedule_stops_on_sigterm(setup):
    db_path, config = setup
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "monitor.cli",
            "--db",
            str(db_path),
            "--config",
            str(config()),
            "schedule",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not jobstore_path(db_path, load_config(config())).exists():
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert "stopped" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
