"""One monitoring cycle: crawl -> diff -> deadlines -> digest -> delivery.

The crawl runs in a subprocess (Scrapy's reactor cannot be restarted in one process) with a
hard timeout that kills its whole process group; everything after it runs here. The cycle
holds the run lock from start to end, so a scheduled run and one started by hand never
overlap. `run_cycle` is the whole thing; `process_runs` is everything after the crawl, for
callers that crawl some other way (the demo, tests).
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.connection import open_db
from db.runs import mark_abandoned_runs
from monitor.channels import Channel
from monitor.config import Config
from monitor.crawl_guard import LOCKED, TIMED_OUT, new_group_kwargs, signal_group
from monitor.deadlines import evaluate_deadlines
from monitor.delivery import DeliveryResult, deliver
from monitor.diff import diff_pending
from monitor.digest import Digest, build_digest
from monitor.events import Event
from monitor.lock import run_lock

#: Grace between SIGTERM and SIGKILL when a crawl is stopped.
KILL_GRACE_S = 10

_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()


@dataclass
class CycleResult:
    crawl_returncode: int | None = None
    crawl_error: str | None = None
    diffed: dict[int, list[Event]] = field(default_factory=dict)
    deadline_events: list[Event] = field(default_factory=list)
    run_id: int | None = None
    digest: Digest | None = None
    deliveries: list[DeliveryResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.crawl_error is None and all(d.ok for d in self.deliveries)


def crawl_command(db_path: str | Path, config: Config, crawl_args: Sequence[str] = ()) -> list[str]:
    """The crawl subprocess's argv: `schedule.crawl_command` with {db}/{config} filled in, or
    `python -m monitor.cli --db DB [--config FILE] crawl ARGS`."""
    config_path = config.path
    args = [*config.schedule.crawl_args, *crawl_args]
    if config.schedule.crawl_command:
        return [
            part.format(db=db_path, config=config_path, python=sys.executable)
            for part in config.schedule.crawl_command
        ] + args
    cmd = [sys.executable, "-m", "monitor.cli", "--db", str(db_path)]
    if config_path:
        cmd += ["--config", config_path]
    return [*cmd, "crawl", *args]


def describe_crawl(cmd: Sequence[str]) -> str:
    """The crawl command for a log line, with `--council X` lists counted rather than spelt
    out (a crawl of 300 councils is not 600 words)."""
    shown, councils, skip = [], 0, False
    for i, part in enumerate(cmd):
        if skip:
            skip = False
        elif part == "--council" and i + 1 < len(cmd):
            councils, skip = councils + 1, True
        elif i == 0 and part == sys.executable:
            shown.append("python")
        else:
            shown.append(part)
    return " ".join(shown) + (f" ({councils} councils)" if councils else "")


def guarded_command(db_path: str | Path, cmd: list[str], timeout_s: float) -> list[str]:
    """`cmd` run under `monitor.crawl_guard`: it holds the crawl lock while the crawl lives,
    stops the crawl if this process dies, and enforces the timeout even then."""
    return [
        sys.executable, "-m", "monitor.crawl_guard", "--db", str(db_path),
        "--timeout", str(timeout_s), "--grace", str(KILL_GRACE_S), "--", *cmd,
    ]  # fmt: skip


def run_crawl(cmd: list[str], timeout_s: float, *, db_path: str | Path) -> tuple[int, str | None]:
    """Run the crawl subprocess under its guard; (returncode, error or None).

    The guard kills the crawl after `timeout_s`; this process waits a little longer and
    stops the guard itself only if the guard fails to end on time."""
    guarded = guarded_command(db_path, cmd, timeout_s)
    # stdin is the guard's lifeline: when this process dies, the pipe closes and the guard
    # stops the crawl. It is closed here only after the guard has ended.
    proc = subprocess.Popen(guarded, stdin=subprocess.PIPE, **new_group_kwargs())
    with _children_lock:
        _children.add(proc)
    try:
        try:
            code = proc.wait(timeout=timeout_s + KILL_GRACE_S + 30)
        except subprocess.TimeoutExpired:
            _stop(proc)
            code = TIMED_OUT
    finally:
        with _children_lock:
            _children.discard(proc)
        if proc.stdin:
            proc.stdin.close()
    if code == TIMED_OUT:
        return code, f"crawl killed after the {timeout_s:g} s timeout"
    if code == LOCKED:
        return code, "another crawl of this database is running"
    return code, None if code == 0 else f"crawl exited with status {code}"


def _stop(proc: subprocess.Popen) -> None:
    """Ask the guard to stop its crawl (it escalates to SIGKILL itself), then make sure."""
    signal_group(proc, signal.SIGTERM)
    try:
        proc.wait(timeout=KILL_GRACE_S + 5)
    except subprocess.TimeoutExpired:
        signal_group(proc, getattr(signal, "SIGKILL", signal.SIGTERM))
        proc.wait()


def stop_crawls() -> None:
    """Stop every running crawl subprocess (from a signal handler or shutdown)."""
    with _children_lock:
        running = list(_children)
    for proc in running:
        _stop(proc)


def process_runs(
    db_path: str | Path,
    config: Config,
    *,
    now: dt.datetime | None = None,
    channels: list[Channel] | None = None,
    echo: Callable[[str], None] = lambda _: None,
) -> CycleResult:
    """Everything after a crawl: diff pending runs, evaluate deadlines, build the latest run's
    digest and deliver to every channel. Safe to repeat: events and deliveries are idempotent."""
    result = CycleResult()
    db = open_db(db_path)
    try:
        mark_abandoned_runs(db)
        result.diffed = diff_pending(db, config.diff)
        for run_id, events in result.diffed.items():
            echo(f"diff: run {run_id}: {len(events)} new events")
        latest = max(result.diffed, default=None)
        result.run_id = latest
        result.deadline_events = evaluate_deadlines(db, config.deadlines, now=now, run_id=latest)
        if result.deadline_events:
            echo(f"deadlines: {len(result.deadline_events)} new events")
        result.deliveries = deliver(db, config, channels, run_id=latest, now=now)
        for d in result.deliveries:
            if not d.skipped:
                echo(f"deliver: {d.channel}: {d.events} events, {'ok' if d.ok else d.error}")
        if latest is not None or any(d.event_ids for d in result.deliveries):
            result.digest = build_digest(
                db, config, run_id=latest, events=_cycle_events(db, result), now=now
            )
    finally:
        db.close()
    return result


def _cycle_events(db, result: CycleResult) -> list[Event]:
    """What this cycle tells: the events it raised and the events it delivered (after a crash,
    the events a dead cycle left undelivered go out now, so the printed digest shows them too
    rather than saying "no changes")."""
    keys = {e.key for events in result.diffed.values() for e in events}
    keys |= {e.key for e in result.deadline_events}
    ids = {i for d in result.deliveries for i in d.event_ids}
    found: dict[int, Event] = {}
    for column, values in (("key", sorted(keys)), ("id", sorted(ids))):
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for row in db.query(f"SELECT * FROM events WHERE {column} IN ({marks})", chunk):
                found[row["id"]] = Event.from_row(row)
    return [found[i] for i in sorted(found)]


def run_cycle(
    db_path: str | Path,
    config: Config,
    *,
    crawl_args: Sequence[str] = (),
    now: dt.datetime | None = None,
    channels: list[Channel] | None = None,
    echo: Callable[[str], None] = lambda _: None,
    lock_wait_s: float | None = None,
) -> CycleResult:
    """Crawl now, then `process_runs`, holding the run lock throughout."""
    wait = config.schedule.lock_wait_s if lock_wait_s is None else lock_wait_s
    with run_lock(db_path, wait_s=wait):
        cmd = crawl_command(db_path, config, crawl_args)
        echo(f"crawl: {describe_crawl(cmd)}")
        code, error = run_crawl(cmd, config.schedule.crawl_timeout_s, db_path=db_path)
        if error:
            echo(f"crawl: {error}")
        result = process_runs(db_path, config, now=now, channels=channels, echo=echo)
        result.crawl_returncode, result.crawl_error = code, error
        return result
