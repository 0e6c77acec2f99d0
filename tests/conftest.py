"""Shared fixtures: initialised databases, a CLI runner bound to one, a local chat webhook."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from monitor_factory import new_db_file

from db.bootstrap import init_path
from db.connection import open_db


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An initialised peerwatch database file (register + baseline loaded)."""
    path = tmp_path / "peerwatch.db"
    init_path(path)
    return path


@pytest.fixture
def db(tmp_path: Path):
    """An open copy of the initialised template database (quicker than `fresh_db`)."""
    database = open_db(new_db_file(tmp_path))
    yield database
    database.close()


@pytest.fixture
def fresh_db(db_path: Path):
    db = open_db(db_path)
    yield db
    db.close()


@pytest.fixture
def run_cli(db_path: Path):
    """Invoke `peerwatch --db <db_path> ...` in-process through the real entry point."""
    from monitor.cli import cli

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


@dataclass
class LocalWebhook:
    """A chat service's webhook on loopback: what it was sent, and the status it answers."""

    url: str = ""
    received: list[dict] = field(default_factory=list)
    status: int = 200


@pytest.fixture
def webhook():
    """A real HTTP server on 127.0.0.1 taking JSON posts; `webhook.url` is its Apprise URL."""
    hook = LocalWebhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hook.received.append(json.loads(body))
            self.send_response(hook.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook.url = f"json://127.0.0.1:{server.server_address[1]}/"
    yield hook
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path; the test skips (fails under PEERWATCH_REQUIRE_BROWSER) without one."""
    from browser_helpers import find_chromium

    return find_chromium()
