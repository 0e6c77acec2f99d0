"""`peerwatch schedule`: run the monitoring cycle on a cron schedule (APScheduler 3.x).

The job lives in a persistent SQLAlchemy job store in its own SQLite file (never the main
database, which Datasette may hold open), under a fixed id with `replace_existing`, so
restarting the scheduler never duplicates it. When the stored job's schedule is unchanged its
stored next run time is kept (APScheduler would otherwise recompute it from "now" and skip a
run that fell due while the scheduler was down), so a run missed by less than
`misfire_grace_s` runs at the restart, once (`coalesce` folds missed firings into one).
`max_instances=1` forbids overlap inside one scheduler, and the run lock forbids it across
processes. SIGINT and SIGTERM stop the running crawl, let the job finish, and exit.

Crontab day-of-week numbers are crontab's (0 or 7 = Sunday, 1 = Monday), converted to names
for APScheduler 3, which numbers weekdays from Monday = 0 (`crontab_day_of_week`).
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_SCHEDULER_STARTED,
)
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


#: crontab's weekday numbers (0 and 7 are Sunday) as APScheduler's day names.
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def crontab_day_of_week(field: str) -> str:
    """A crontab day-of-week field with its numbers read as crontab reads them, as names
    APScheduler 3 understands ("1" -> "mon", "1-5" -> "mon,tue,wed,thu,fri", "*/2" -> "sun,tue,
    thu,sat"). Fields without digits (names, "*") are left alone. Raises ValueError."""
    if not any(ch.isdigit() for ch in field):
        return field
    days: list[int] = []
    for part in field.split(","):
        span, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            first_text, last_text = span.split("-", 1)
            first, last = int(first_text), int(last_text)
        else:
            first = int(span)
            last = 6 if step_text else first
        if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last and step >= 1):
            raise ValueError(f"day of week {part!r}: use 0-7 (0 and 7 are Sunday) or mon-sun")
        days += [d % 7 for d in range(first, last + 1, step)]
    return ",".join(_CRON_DAYS[d] for d in sorted(set(days)))


def cron_trigger(cfg: ScheduleConfig) -> CronTrigger:
    """The five-field crontab from config, in its time zone, with jitter."""
    fields = cfg.cron.split()
    if len(fields) != 5:
        raise ValueError(f"need 5 fields (minute hour day month weekday), got {len(fields)}")
    minute, hour, day, month, day_of_week = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=crontab_day_of_week(day_of_week),
        timezone=ZoneInfo(cfg.timezone),
        jitter=cfg.jitter_s or None,
    )


def jobstore_path(db_path: str | Path, config: Config) -> Path:
    return Path(config.schedule.jobstore or f"{db_path}.schedule.sqlite")


def _stored_next_run(store_url: str, scheduler, trigger: BaseTrigger, kwargs: dict):
    """The stored job's next run time if the job in the store is this very job (same function,
    schedule and arguments); None (recompute) if it is absent or differs."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    store = SQLAlchemyJobStore(url=store_url)
    store.start(scheduler, "default")
    try:
        job = store.lookup_job(JOB_ID)
    finally:
        store.shutdown()
    if (
        job is None
        or job.func_ref != JOB_FUNC
        or repr(job.trigger) != repr(trigger)
        or job.kwargs != kwargs
    ):
        return None
    return job.next_run_time


def build_scheduler(
    db_path: str | Path, config: Config, *, trigger: BaseTrigger | None = None
) -> BlockingScheduler:
    """A scheduler with the one peerwatch job added (or replaced) in its job store."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    cfg = config.schedule
    store = jobstore_path(db_path, config).resolve()
    url = f"sqlite:///{store}"
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=url)},
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": cfg.misfire_grace_s,
        },
        timezone=ZoneInfo(cfg.timezone),
    )
    trigger = trigger or cron_trigger(cfg)
    kwargs = {
        "db_path": str(Path(db_path).resolve()),
        "config_path": str(Path(config.path).resolve()) if config.path else None,
    }
    keep = _stored_next_run(url, scheduler, trigger, kwargs)
    scheduler.add_job(
        JOB_FUNC,
        trigger,
        id=JOB_ID,
        name="peerwatch: crawl, diff, deliver",
        replace_existing=True,
        kwargs=kwargs,
        **({"next_run_time": keep} if keep is not None else {}),
    )
    return scheduler


def next_runs(config: Config, count: int = 3) -> list:
    """The next `count` times the configured crontab fires (jitter aside)."""
    import datetime as dt

    trigger = cron_trigger(replace(config.schedule, jitter_s=0))
    now = dt.datetime.now(ZoneInfo(config.schedule.timezone))
    out, previous = [], None
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, previous or now)
        if previous is None:
            break
        out.append(previous)
    return out


class _Stop(Exception):
    """Raised in the main thread by SIGTERM, like KeyboardInterrupt for SIGINT."""


def _raise_stop(signum, frame) -> None:
    raise _Stop(signal.Signals(signum).name)


def run_schedule(
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

    def say_next(event) -> None:
        job = scheduler.get_job(JOB_ID)
        when = job.next_run_time if job else None
        echo(f"peerwatch schedule: next run: {when.isoformat() if when else 'none'}")

    scheduler.add_listener(
        say_next, EVENT_SCHEDULER_STARTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
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
