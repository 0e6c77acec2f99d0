"""`peerwatch serve` keeps its console for real problems: a visitor's 404 prints nothing."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from monitor_factory import new_db_file


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_not_found_pages_print_no_traceback_on_the_console(tmp_path):
    db_path = new_db_file(tmp_path)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--db", str(db_path), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    statuses = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=30)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve never came up"
                time.sleep(0.3)
        for path in ("/nope", "/peerwatch/no_such_table", "/peerwatch/councils/ZZZZ.json"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert statuses == [404, 404, 404]
    console = out + err
    assert "Traceback" not in console, console[:2000]
    assert len(console.strip().splitlines()) <= 3, console[:2000]
