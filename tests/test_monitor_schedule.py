"""The scheduler fires, the run lock keeps runs apart, crawls time out, signals stop cleanly.

The crawl is a real subprocess: a tiny script that lands one run through db.runs.
"""

from __future__ import annotations

import datetime as dt
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.triggers.interval import IntervalTrigger
from click.testing import CliRunner
from cycle_helpers import peerwatch_argv, stub_crawl_config
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

    def config(sleep: float = 0.0, timeout: int = 60) -> Path:
        return stub_crawl_config(
            tmp_path, STUB, "{db}", sleep, crawl_timeout_s=timeout, digest=tmp_path / "digest.txt"
        )

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


def _the_stored_job(db_path, cfg):
    """Start the scheduler paused, as `peerwatch schedule` starts it, and read its one job."""
    scheduler = build_scheduler(db_path, cfg)
    thread = threading.Thread(target=scheduler.start, kwargs={"paused": True}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not scheduler.running:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    (job,) = scheduler.get_jobs()
    scheduler.shutdown()
    return job


def test_restarting_keeps_one_job_on_the_weekly_cron(setup):
    db_path, config = setup
    cfg = load_config(config())
    for _ in range(2):
        job = _the_stored_job(db_path, cfg)
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
        peerwatch_argv(db_path, "schedule", config=config()), stderr=subprocess.PIPE, text=True
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
        err = proc.stderr.read()
        assert "stopped" in err and "next run: 20" in err
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize(
    ("cron", "weekday"),
    [("0 6 * * 1", 0), ("0 6 * * 0", 6), ("0 6 * * 7", 6), ("0 6 * * 5", 4), ("0 6 * * mon", 0)],
)
def test_crontab_weekday_numbers_mean_what_crontab_says(cron, weekday):
    # crontab: 0 or 7 = Sunday, 1 = Monday; APScheduler 3 alone would read 1 as Tuesday.
    from monitor.config import ScheduleConfig
    from monitor.scheduler import cron_trigger

    trigger = cron_trigger(ScheduleConfig(cron=cron, jitter_s=0))
    saturday = dt.datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    fire = trigger.get_next_fire_time(None, saturday)
    assert (fire.weekday(), fire.hour, fire.minute) == (weekday, 6, 0)


@pytest.mark.parametrize("cron", ["0 6 * * 1-5", "0 6 * * 1,3", "0 6 * * */2", "0 6 * * 0-6"])
def test_crontab_weekday_ranges_and_steps(cron):
    from monitor.config import ScheduleConfig
    from monitor.scheduler import cron_trigger

    expected = {
        "0 6 * * 1-5": {0, 1, 2, 3, 4},
        "0 6 * * 1,3": {0, 2},
        "0 6 * * */2": {6, 1, 3, 5},  # crontab 0,2,4,6: Sun, Tue, Thu, Sat
        "0 6 * * 0-6": set(range(7)),
    }[cron]
    trigger = cron_trigger(ScheduleConfig(cron=cron, jitter_s=0))
    fire, days = dt.datetime(2026, 11, 28, tzinfo=ZoneInfo("Europe/London")), set()
    for _ in range(14):
        fire = trigger.get_next_fire_time(None, fire + dt.timedelta(minutes=1))
        days.add(fire.weekday())
    assert days == expected


def test_a_monday_crontab_is_stored_to_run_on_monday(setup):
    db_path, config = setup
    path = config()
    path.write_text(path.read_text().replace("[schedule]\n", '[schedule]\ncron = "0 6 * * 1"\n'))
    job = _the_stored_job(db_path, load_config(path))
    assert job.next_run_time.astimezone(ZoneInfo("Europe/London")).weekday() == 0


def test_a_run_overdue_at_restart_runs_once_within_the_grace_time(setup):
    db_path, config = setup
    cfg = load_config(config())
    first_fire = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    hourly = IntervalTrigger(hours=1, start_date=first_fire, timezone="UTC")

    # The scheduler is stopped before the first run is due (the machine went to sleep) ...
    scheduler = build_scheduler(db_path, cfg, trigger=hourly)
    thread = threading.Thread(target=scheduler.start, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not scheduler.running:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    scheduler.shutdown()
    thread.join(5)
    while dt.datetime.now(dt.UTC) < first_fire + dt.timedelta(seconds=1):
        time.sleep(0.1)

    # ... and restarted after it was due, well within misfire_grace_s: it runs now, once.
    executed = []
    scheduler = build_scheduler(
        db_path, cfg, trigger=IntervalTrigger(hours=1, start_date=first_fire, timezone="UTC")
    )
    scheduler.add_listener(lambda e: executed.append(e), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    thread = threading.Thread(target=scheduler.start, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not executed:
            assert time.monotonic() < deadline, "the overdue run never ran after the restart"
            time.sleep(0.1)
        time.sleep(1)
    finally:
        scheduler.shutdown(wait=True)
    assert len(executed) == 1 and executed[0].exception is None
    assert open_db(db_path).table("runs").count == 1


def test_schedule_help_documents_its_options_and_check_prints_the_next_run(setup):
    db_path, config = setup
    runner = CliRunner()
    help_text = runner.invoke(cli, ["schedule", "--help"]).output
    for option in ("schedule.cron", "schedule.timezone", "schedule.misfire_grace_s", "--check"):
        assert option in help_text
    result = runner.invoke(
        cli, ["--db", str(db_path), "--config", str(config()), "schedule", "--check"]
    )
    assert result.exit_code == 0, result.output
    assert "next run:" in result.output and "Europe/London" in result.output
