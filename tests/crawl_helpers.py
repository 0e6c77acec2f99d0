"""Running `peerwatch crawl` against the fixture web in a subprocess, as the monitor will."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from db.bootstrap import init_path
from monitor.cli import cli
from scraper.testweb import TestWeb

#: Fast settings for the loopback web: the slow fixture host must time out quickly.
TIMEOUT_S = 1.5
CRAWL_LIMIT_S = 120


def prepare_db(web: TestWeb, tmp: Path) -> Path:
    """A database whose register points at the fixture web's councils."""
    db_path = tmp / "peerwatch.db"
    init_path(db_path)
    csv_path = web.write_register_csv(tmp / "register.csv")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "councils", "import", str(csv_path)])
    assert result.exit_code == 0, result.output
    return db_path


def crawl_command(web: TestWeb, db_path: Path, *extra: str) -> list[str]:
    codes = [arg for code in web.council_codes() for arg in ("--council", code)]
    return [
        sys.executable, "-m", "monitor.cli", "--db", str(db_path), "crawl",
        "--proxy", web.proxy_url, "--lga-index-url", web.lga_index_url,
        "--timeout", str(TIMEOUT_S), "--retry-times", "1", "--no-throttle", *codes, *extra,
    ]  # fmt: skip


def run_crawl_subprocess(web: TestWeb, db_path: Path, *extra: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        crawl_command(web, db_path, *extra), capture_output=True, text=True, timeout=CRAWL_LIMIT_S
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result
