"""Running `peerwatch crawl` against the fixture web in a subprocess, as the monitor will."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scraper.testweb import TestWeb

#: Fast settings for the loopback web: the slow fixture host must time out quickly.
TIMEOUT_S = 1.5
CRAWL_LIMIT_S = 120


def prepare_db(web: TestWeb, tmp: Path) -> Path:
    """A database whose register points at the fixture web's councils."""
    return web.prepare_database(tmp / "peerwatch.db")


def crawl_command(web: TestWeb, db_path: Path, *extra: str) -> list[str]:
    codes = web.council_args()
    return [
        sys.executable, "-m", "monitor.cli", "--db", str(db_path), "crawl",
        "--proxy", web.proxy_url, "--proxy-resolves-hosts", "--lga-index-url", web.lga_index_url,
        "--timeout", str(TIMEOUT_S), "--retry-times", "1", "--no-throttle", *codes, *extra,
    ]  # fmt: skip


def run_crawl_subprocess(web: TestWeb, db_path: Path, *extra: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        crawl_command(web, db_path, *extra), capture_output=True, text=True, timeout=CRAWL_LIMIT_S
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result
