"""Running `peerwatch` in a subprocess, as the monitor will: crawls of the fixture web, diffs."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from scraper.options import CrawlOptions
from scraper.testweb import TestWeb
from tests.cycle_helpers import peerwatch_argv

#: Fast settings for the loopback web: the slow fixture host must time out quickly.
TIMEOUT_S = 1.5
FAST = ("--timeout", str(TIMEOUT_S), "--retry-times", "1", "--no-throttle")
CRAWL_LIMIT_S = 120
#: Requests per site a crawl may make unless told otherwise (`--budget`).
BUDGET = CrawlOptions().budget


def prepare_db(web: TestWeb, tmp: Path) -> Path:
    """A database whose register points at the fixture web's councils."""
    return web.prepare_database(tmp / "peerwatch.db")


def _succeeds(argv: list[str], timeout: float) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def run_peerwatch(
    db_path: Path, *args: str, timeout: float = CRAWL_LIMIT_S
) -> subprocess.CompletedProcess:
    """Run one `peerwatch` command to its end; it must succeed."""
    return _succeeds(peerwatch_argv(db_path, *args), timeout)


def crawl_command(
    web: TestWeb, db_path: Path, *extra: str, councils: Iterable[str] | None = None
) -> list[str]:
    """`peerwatch crawl` of the fixture web with fast settings: every council, or `councils`."""
    codes = (
        web.council_args()
        if councils is None
        else [arg for code in councils for arg in ("--council", code)]
    )
    return peerwatch_argv(db_path, "crawl", *web.crawl_args(), *FAST, *codes, *extra)


def run_crawl_subprocess(
    web: TestWeb,
    db_path: Path,
    *extra: str,
    councils: Iterable[str] | None = None,
    timeout: float = CRAWL_LIMIT_S,
) -> subprocess.CompletedProcess:
    """`crawl_command` run to its end; it must succeed."""
    return _succeeds(crawl_command(web, db_path, *extra, councils=councils), timeout)


def crawl_and_diff(
    web: TestWeb,
    db_path: Path,
    *,
    councils: Iterable[str] | None = None,
    timeout: float = CRAWL_LIMIT_S,
) -> None:
    """One crawl of the web as it is now, then `peerwatch diff`, as `peerwatch run` chains them."""
    run_crawl_subprocess(web, db_path, councils=councils, timeout=timeout)
    run_peerwatch(db_path, "diff", timeout=timeout)
