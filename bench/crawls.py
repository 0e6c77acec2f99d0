"""Crawls over the scale web, each in a subprocess whose wall time and peak RSS are measured.

The fixture server runs in this process and logs every request, so requests and bytes are
counted on the wire, per host, whatever each crawler believes it fetched.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from db.connection import open_db
from scraper.testweb import TestWeb
from scraper.testweb.model import RequestRecord

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    """One crawl: what it decided and what it cost."""

    wall_s: float
    max_rss_mb: float
    cpu_s: float
    requests: list[RequestRecord]
    verdicts: dict[str, str] = field(default_factory=dict)
    #: council code -> feedback-report URLs it claims
    reports: dict[str, set[str]] = field(default_factory=dict)

    def per_host(self) -> Counter[str]:
        return Counter(r.host for r in self.requests)

    @property
    def bytes(self) -> int:
        return sum(r.bytes_sent for r in self.requests)


def run_measured(
    cmd: list[str], *, env: dict[str, str] | None = None, log: Path
) -> tuple[float, float, float]:
    """Run `cmd`; (wall seconds, peak RSS in MB, CPU seconds) of that process. Fails loudly
    on error."""
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{cmd[2]} exited with {proc.returncode}; log {log}:\n{tail}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # maxrss is in KB


class Workspace:
    """A database whose register points at the scale web, and the crawls run against it."""

    def __init__(
        self, web: TestWeb, directory: Path, *, timeout: float, config: Path | None = None
    ):
        self.web = web
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.dir / "peerwatch.db"
        self.timeout = timeout
        self.config = config
        web.prepare_database(self.db_path, self.dir / "register.csv")

    def peerwatch(self, codes: list[str], label: str) -> Measured:
        """`peerwatch crawl` with default politeness (bar the timeout) over `codes`."""
        cmd = [sys.executable, "-m", "monitor.cli", "--db", str(self.db_path)]
        if self.config:
            cmd += ["--config", str(self.config)]
        cmd += ["crawl", *self.web.crawl_args(),
                "--timeout", str(self.timeout), *(a for c in codes for a in ("--council", c))]  # fmt: skip
        self.web.clear_log()
        measured = Measured(*run_measured(cmd, log=self.dir / f"{label}.log"), self.web.requests)
        db = open_db(self.db_path)
        try:
            run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
            measured.verdicts = {
                r["council_code"]: r["verdict"]
                for r in db.query(
                    "SELECT council_code, verdict FROM checks WHERE run_id = ?", [run_id]
                )
            }
            for r in db.query(
                "SELECT d.url, dc.council_code FROM documents d JOIN document_councils dc"
                " ON dc.document_id = d.id WHERE d.kind = 'feedback_report' AND d.last_seen_run = ?",
                [run_id],
            ):
                measured.reports.setdefault(r["council_code"], set()).add(r["url"])
        finally:
            db.close()
        return measured

    def baseline(self, codes: list[str], label: str) -> Measured:
        out = self.dir / f"{label}.json"
        cmd = [sys.executable, "-m", "bench.baseline_spider", str(self.dir / "register.csv"), str(out),
               "--timeout", str(self.timeout), *(a for c in codes for a in ("--council", c))]  # fmt: skip
        env = dict(os.environ, http_proxy=self.web.proxy_url, https_proxy=self.web.proxy_url)
        env.pop("no_proxy", None)
        env.pop("NO_PROXY", None)
        self.web.clear_log()
        measured = Measured(
            *run_measured(cmd, env=env, log=self.dir / f"{label}.log"), self.web.requests
        )
        for code, found in json.loads(out.read_text()).items():
            measured.verdicts[code] = found["verdict"]
            measured.reports[code] = set(found["reports"])
        return measured


def requests_per_council(m: Measured, hosts: dict[str, str]) -> list[int]:
    """Requests each council's own site received (`hosts`: host -> council code)."""
    counts = Counter(hosts[r.host] for r in m.requests if r.host in hosts)
    return [counts.get(code, 0) for code in sorted(set(hosts.values()))]


def spread(values: list[int]) -> tuple[float, float, int]:
    """(median, p95, max)."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]
