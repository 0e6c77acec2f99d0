"""The crawl's guard: a small process between `peerwatch run` and the crawl it starts.

`python -m monitor.crawl_guard --db DB --timeout S --grace G -- CRAWL COMMAND...`

Why a separate process: the run's parent may die without cleaning up (SIGKILL, OOM killer,
a closed terminal). The guard
- holds the crawl lock (`monitor.lock.hold_crawl_lock`) for as long as the crawl lives, so a
  new run cannot start a second crawl of the same sites meanwhile;
- stops the crawl when its parent dies: the parent holds the write end of the guard's stdin,
  and the OS closes it when the parent dies however it dies, so the guard reads end-of-file
  (no prctl, works on every OS);
- enforces the hard timeout itself, so an orphaned crawl still ends on time;
- on SIGTERM (the parent stopping the crawl), stops the crawl the same way: SIGTERM to its
  process group, SIGKILL after the grace period.

Exit status: the crawl's, or `TIMED_OUT`, `ORPHANED`, `STOPPED` or `LOCKED` (below).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading

from monitor.lock import RunLocked, hold_crawl_lock

TIMED_OUT = 124  # as timeout(1)
ORPHANED = 125
STOPPED = 126
LOCKED = 75  # EX_TEMPFAIL


def signal_group(proc: subprocess.Popen, sig: int) -> None:
    """Send `sig` to the process group `proc` leads (POSIX), or to `proc` alone elsewhere."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, sig)
        elif sig == getattr(signal, "SIGKILL", None):
            proc.kill()
        else:
            proc.terminate()
    except (ProcessLookupError, PermissionError):
        pass


def stop(proc: subprocess.Popen, grace_s: float) -> None:
    """SIGTERM the crawl's group, SIGKILL it after `grace_s`, and reap it."""
    signal_group(proc, signal.SIGTERM)
    try:
        proc.wait(timeout=grace_s)
        return
    except subprocess.TimeoutExpired:
        pass
    signal_group(proc, getattr(signal, "SIGKILL", signal.SIGTERM))
    proc.wait()


def new_group_kwargs() -> dict:
    """Popen arguments that start a child in its own process group, so it can be stopped whole."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def guard(command: list[str], *, db: str, timeout_s: float, grace_s: float) -> int:
    """Run `command` under the crawl lock until it ends, times out, or the parent goes."""
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(hold_crawl_lock(db))
        except RunLocked as exc:
            print(f"peerwatch crawl guard: {exc}", file=sys.stderr)
            return LOCKED
        return _run(command, timeout_s=timeout_s, grace_s=grace_s)


def _run(command: list[str], *, timeout_s: float, grace_s: float) -> int:
    why = threading.Event()
    reason: list[int] = []

    def end(code: int) -> None:
        if not reason:
            reason.append(code)
        why.set()

    def watch_parent() -> None:
        try:  # a raw read: a buffered one would hold a lock that blocks interpreter exit
            while os.read(sys.stdin.fileno(), 4096):
                pass
        except (OSError, ValueError):
            pass
        end(ORPHANED)

    previous = signal.signal(signal.SIGTERM, lambda *_: end(STOPPED))
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, **new_group_kwargs())
        threading.Thread(target=watch_parent, daemon=True).start()
        threading.Thread(target=lambda: (proc.wait(), why.set()), daemon=True).start()
        if not why.wait(timeout_s):
            end(TIMED_OUT)
        if proc.poll() is None:
            stop(proc, grace_s)
            return reason[0] if reason else TIMED_OUT
        return proc.returncode
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.crawl_guard")
    parser.add_argument("--db", required=True)
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("--grace", type=float, default=10.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no crawl command given")
    return guard(command, db=args.db, timeout_s=args.timeout, grace_s=args.grace)


if __name__ == "__main__":
    sys.exit(main())
