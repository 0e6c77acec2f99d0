"""`peerwatch serve` keeps its console for real problems: a visitor's 404 prints nothing."""

from __future__ import annotations

import signal
import urllib.error
import urllib.request

from monitor_factory import new_db_file
from serve_helpers import start_serve, wait_until_serving


def test_not_found_pages_print_no_traceback_on_the_console(tmp_path):
    db_path = new_db_file(tmp_path)
    proc, base = start_serve(db_path)
    statuses = []
    try:
        wait_until_serving(f"{base}/-/versions.json", proc, timeout=60)
        for path in ("/nope", "/peerwatch/no_such_table", "/peerwatch/councils/ZZZZ.json"):
            try:
                urllib.request.urlopen(f"{base}{path}", timeout=30)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert statuses == [404, 404, 404]
    console = out + err
    assert "Traceback" not in console, console[:2000]
    assert len(console.strip().splitlines()) <= 3, console[:2000]
