"""Measure crawl cost on the fixture web: `python -m scraper.measure [--synthetic N]`.

Runs a first crawl and an unchanged re-run of the test web through `peerwatch crawl` (in a
subprocess, as the monitor runs it) and prints requests per council (median, max) and total
bytes on the wire for each, as counted by the fixture server.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from db.connection import open_db
from scraper.testweb import TestWeb


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=0, help="extra generated councils")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="peerwatch-measure-"))
    db_path = tmp / "peerwatch.db"
    with TestWeb(slow_seconds=10, synthetic=args.synthetic) as web:
        web.prepare_database(db_path)
        codes = web.council_args()
        command = [
            sys.executable, "-m", "monitor.cli", "--db", str(db_path), "crawl", *web.crawl_args(),
            "--timeout", "1.5", "--retry-times", "1", "--no-throttle", *codes,
        ]  # fmt: skip
        for label in ("first crawl", "unchanged re-run"):
            web.clear_log()
            started = time.monotonic()
            subprocess.run(command, check=True, capture_output=True)
            elapsed = time.monotonic() - started
            db = open_db(db_path)
            run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
            per = [
                r[0] for r in db.execute("SELECT requests FROM checks WHERE run_id = ?", [run_id])
            ]
            wire = sum(r.bytes_sent for r in web.requests)
            lga = Counter("lga" if "local.gov.uk" in r.host else "councils" for r in web.requests)
            print(
                f"{label}: {len(per)} councils, requests per council median {statistics.median(per):g}"
                f" max {max(per)}; {len(web.requests)} requests ({lga['lga']} LGA),"
                f" {wire:,} bytes; {elapsed:.1f} s"
            )
            db.close()


if __name__ == "__main__":
    main()
