"""One run at a time: an exclusive lock on a file beside the database.

`fcntl.flock` is released by the kernel when the holder dies, so a crashed run never leaves a
stale lock behind. The holder's pid is written into the file for the error message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from db.errors import PeerwatchError

POLL_S = 0.2


class RunLocked(PeerwatchError):
    """Another peerwatch run holds the lock."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


@contextlib.contextmanager
def run_lock(db_path: str | Path, *, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the run lock for the block; wait up to `wait_s` seconds, then raise RunLocked."""
    path = lock_path(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = path.read_text(encoding="utf-8").strip() or "?"
                    raise RunLocked(
                        f"another peerwatch run is in progress (pid {holder}, lock {path})"
                    ) from None
                time.sleep(POLL_S)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
