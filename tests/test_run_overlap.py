"""Runs never overlap, even when the `peerwatch run` parent is killed with SIGKILL.

The parent is a real `python -m monitor.cli run` process, the crawl a real subprocess (a stub
that writes its pid and sleeps), and the kill a real `kill -9`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cycle_helpers import peerwatch_argv, stub_crawl_config
from monitor_factory import new_db_file

from monitor.config import load_config
from monitor.cycle import run_cycle
from monitor.lock import RunLocked

STUB = """
import os, signal, sys, time
if sys.argv[3] == "ignore-term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
open(sys.argv[1] + ".tmp", "w").write(str(os.getpid()))
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(float(sys.argv[2]))
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def start_run(tmp_path):
    db_path = new_db_file(tmp_path)
    pid_file = tmp_path / "crawl.pid"
    procs: list[subprocess.Popen] = []

    def start(mode: str = "plain", sleep: float = 60, timeout: int = 600):
        config = stub_crawl_config(tmp_path, STUB, pid_file, sleep, mode, crawl_timeout_s=timeout)
        proc = subprocess.Popen(
            peerwatch_argv(db_path, "run", config=config),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        procs.append(proc)
        wait_for(pid_file.exists, 30, "the crawl never started")
        return proc, int(pid_file.read_text()), db_path, config

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_kill_9_of_the_run_leaves_no_crawl_running(start_run):
    parent, crawl_pid, _, _ = start_run()
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    wait_for(lambda: not alive(crawl_pid), 20, "the crawl outlived its killed parent")


def test_a_new_run_refuses_while_the_orphaned_crawl_is_still_stopping(start_run):
    parent, crawl_pid, db_path, config = start_run(mode="ignore-term")
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert alive(crawl_pid)
    # The crawl shrugs off SIGTERM, so it lives until the SIGKILL after the grace period:
    # until then no new run may start, or two crawls would work on the same sites.
    with pytest.raises(RunLocked, match="crawl"):
        run_cycle(db_path, load_config(config), lock_wait_s=0)
    wait_for(lambda: not alive(crawl_pid), 30, "the orphaned crawl was never killed")


def test_the_orphaned_crawl_keeps_its_hard_timeout(start_run):
    # The parent dies before the timeout: the crawl must still end by it. A parent that is
    # only stopped (SIGSTOP) keeps its pipe open, so the timeout is what ends the crawl.
    parent, crawl_pid, _, _ = start_run(sleep=120, timeout=2)
    os.kill(parent.pid, signal.SIGSTOP)
    try:
        wait_for(lambda: not alive(crawl_pid), 25, "the crawl ran past its hard timeout")
    finally:
        os.kill(parent.pid, signal.SIGKILL)
