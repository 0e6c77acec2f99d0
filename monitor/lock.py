"""One run at a time: exclusive locks on files beside the database (filelock, any OS).

Two locks, because a run and its crawl are two processes:

- the *run lock* (`<db>.lock`) is held by the `peerwatch run`/`schedule` process for the whole
  cycle (crawl, diff, deliver);
- the *crawl lock* (`<db>.crawl.lock`) is held by the crawl's guard (`monitor.crawl_guard`) for
  as long as the crawl lives. A run killed with SIGKILL loses its run lock at once, but its
  crawl may take a moment to stop: a new run takes the run lock and then waits for (or refuses
  on) the crawl lock, so two crawls never work on the same sites.

The OS releases both when their holder dies, so a crash never leaves a stale lock. Who holds a
lock is written to `<lock>.holder`, for the error message only.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from db.errors import PeerwatchError


class RunLocked(PeerwatchError):
    """Another peerwatch run (or the crawl of an earlier one) holds the lock."""

    exit_code = 4


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


def crawl_lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.crawl.lock")


def _holder_path(path: Path) -> Path:
    return Path(f"{path}.holder")


def _holder(path: Path) -> str:
    try:
        return _holder_path(path).read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


def _write_holder(path: Path) -> None:
    with contextlib.suppress(OSError):
        _holder_path(path).write_text(str(os.getpid()), encoding="utf-8")


def _acquire(path: Path, wait_s: float, what: str) -> FileLock:
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=max(wait_s, 0.0))
    except Timeout:
        raise RunLocked(f"{what} (pid {_holder(path)}, lock {path})") from None
    return lock


@contextlib.contextmanager
def hold_crawl_lock(db_path: str | Path) -> Iterator[None]:
    """Held by the crawl guard while its crawl lives; refuses at once if taken."""
    path = crawl_lock_path(db_path)
    lock = _acquire(path, 0, "a crawl of this database is already running")
    _write_holder(path)
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def run_lock(db_path: str | Path, *, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the run lock for the block; wait up to `wait_s` seconds, then raise RunLocked.

    Also waits (within the same `wait_s`) for the crawl of an earlier, killed run to end."""
    deadline = time.monotonic() + wait_s
    path = lock_path(db_path)
    lock = _acquire(path, wait_s, "another peerwatch run is in progress")
    try:
        crawl = _acquire(
            crawl_lock_path(db_path),
            deadline - time.monotonic(),
            "the crawl of an earlier peerwatch run is still running",
        )
        crawl.release()  # the guard of this run's crawl takes it; the run lock keeps others out
        _write_holder(path)
        yield
    finally:
        lock.release()
