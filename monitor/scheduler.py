"""`peerwatch schedule`: run the monitoring cycle on a cron schedule (APScheduler 3.x).

The job lives in a persistent SQLAlchemy job store in its own SQLite file (never the main
database, which Datasette may hold open), under a fixed id with `replace_existing`, so
restarting the scheduler never duplicates it. `coalesce` folds missed firings into one,
`max_instances=1` forbids overlap inside one scheduler, and the run lock forbids it across
processes. SIGINT and SIGTERM stop the running crawl, let the job finish, and exit.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from monitor.config import Config, ScheduleConfig, load_config
from monitor.cycle import run_cycle, stop_crawls
from monitor.lock import RunLocked

JOB_ID = "peerwatch-cycle"
JOB_FUNC = "monitor.scheduler:scheduled_cycle"

log = logging.getLogger("peerwatch.schedule")


def scheduled_cycle(db_path: str, config_path: str | None) -> None:
    """The job: reload the config (edits apply to the next run) and run one cycle."""
    config = load_config(config_path)
    try:
        result = run_cycle(db_path, config, echo=log.info)
    except RunLocked as exc:
        log.warning("skipped this run: %s", exc)
        return
    if not result.ok:
        log.warning("run finished with problems: %s", result.crawl_error or "delivery failed")


def cron_trigger(cfg: ScheduleConfig) -> CronTrigger:
    """The five-field crontab from config, in its time zone, with jitter."""
    minute, hour, day, month, day_of_week = cfg.cron.split()
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=day_of_week,
        timezone=ZoneInfo(cfg.timezone),
        jitter=cfg.jitter_s or None,
    )


def jobstore_path(db_path: str | Path, config: Config) -> Path:
    return Path(config.schedule.jobstore or f"{db_path}.schedule.sqlite")


def build_scheduler(
    db_path: str | Path, config: Config, *, trigger: BaseTrigger | None = None
) -> BlockingScheduler:
    """A scheduler with the one peerwatch job added (or replaced) in its job store."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    cfg = config.schedule
    store = jobstore_path(db_path, config).resolve()
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{store}")},
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": cfg.misfire_grace_s,
        },
        timezone=ZoneInfo(cfg.timezone),
    )
    scheduler.add_job(
        JOB_FUNC,
        trigger or cron_trigger(cfg),
        id=JOB_ID,
        name="peerwatch: crawl, diff, deliver",
        replace_existing=True,
        kwargs={
            "db_path": str(Path(db_path).resolve()),
            "config_path": str(Path(config.path).resolve()) if config.path else None,
        },
    )
    return scheduler


class _Stop(Exception):
    """Raised in the main thread by SIGTERM, like KeyboardInterrupt for SIGINT."""


def _raise_stop(signum, frame) -> None:
    raise _Stop(signal.Signals(signum).name)


def serve(
    db_path: str | Path,
    config: Config,
    *,
    trigger: BaseTrigger | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Run the scheduler until SIGINT or SIGTERM."""
    scheduler = build_scheduler(db_path, config, trigger=trigger)
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    echo(
        f"peerwatch schedule: {config.schedule.cron!r} ({config.schedule.timezone}), "
        f"job store {jobstore_path(db_path, config)}; Ctrl-C or SIGTERM stops"
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, _Stop):
        echo("peerwatch schedule: stopping")
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop_crawls()
        if scheduler.running:
            scheduler.shutdown(wait=True)
    echo("peerwatch schedule: stopped")
