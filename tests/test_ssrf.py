"""Server-side request forgery: a council host name that resolves to a loopback or private
address is never fetched, whatever the URL looks like.

The HTTP server is real (127.0.0.1); the "DNS" is a Scrapy resolver that answers the made-up
council host with 127.0.0.1, as a hostile or misconfigured DNS would (no internet here).
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from monitor_factory import new_db_file
from twisted.internet import defer

from db.connection import open_db
from db.importer import apply_overrides, parse_overrides
from tests.ssrf_dns import EVIL_HOST

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def loopback_server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b"<html><body><h1>Internal admin</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()


def test_a_host_name_resolving_to_loopback_is_never_fetched(tmp_path, loopback_server):
    port, hits = loopback_server
    db_path = new_db_file(tmp_path)
    register = tmp_path / "councils.csv"
    register.write_text(f"code,name,website\nZZS,SSRF Council,http://{EVIL_HOST}:{port}/\n")
    db = open_db(db_path)
    apply_overrides(db, parse_overrides(register), source_file=str(register))
    db.close()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "councils",
            "-a",
            "councils=ZZS",
            "-a",
            "timeout=5",
            "-a",
            "retry_times=0",
            "-s",
            f"PEERWATCH_DB={db_path}",
            "-s",
            "TWISTED_DNS_RESOLVER=tests.ssrf_dns.LoopbackDns",
            "-s",
            "HTTPCACHE_ENABLED=False",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "DOWNLOAD_DELAY=0",
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert hits == [], "a private address was fetched"
    check = (
        open_db(db_path)
        .execute("SELECT verdict, reason FROM checks WHERE council_code = 'ZZS'")
        .fetchone()
    )
    assert check == ("unknown", "private_address")


def test_the_resolver_refuses_private_answers_at_connect_time():
    """The check at connection time (no gap between the check and the connect)."""
    from scraper.resolver import PrivateAddressLookupError, PublicOnlyResolver

    class Answers(PublicOnlyResolver):
        def lookup(self, name, timeout=()):
            return defer.succeed({"a.example.gov.uk": "10.1.2.3", "b.example.gov.uk": "169.254.169.254",
                                  "c.example.gov.uk": "93.184.215.14"}[name])  # fmt: skip

    resolver = Answers(None, 0, 5.0)
    outcomes = {}
    for name in ("a.example.gov.uk", "b.example.gov.uk", "c.example.gov.uk"):
        resolver.getHostByName(name).addCallbacks(
            lambda address, name=name: outcomes.__setitem__(name, address),
            lambda failure, name=name: outcomes.__setitem__(name, failure.value),
        )
    assert isinstance(outcomes["a.example.gov.uk"], PrivateAddressLookupError)
    assert isinstance(outcomes["b.example.gov.uk"], PrivateAddressLookupError)
    assert outcomes["c.example.gov.uk"] == "93.184.215.14"
