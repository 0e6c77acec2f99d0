"""A real `peerwatch serve` process on a free loopback port, for tests that talk HTTP to it."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(db_path: Path) -> tuple[subprocess.Popen, str]:
    """Start `peerwatch --db DB serve` on a free port: the process and its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--db", str(db_path), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return server, f"http://127.0.0.1:{port}"


def wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    """Return once `url` answers 200; fail if the server exits or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server exited: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server did not answer {url} within {timeout}s")


@contextlib.contextmanager
def serving(db_path: Path, timeout: float = 30) -> Iterator[str]:
    """Run `peerwatch --db DB serve` until the block ends; yields its base URL."""
    server, base = start_serve(db_path)
    try:
        wait_until_serving(base + "/-/versions.json", server, timeout)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET `url`: status, headers, body (an HTTP error status is returned, not raised)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()
