"""A long synthetic history (10,000 councils x 100 runs by default), then the monitor on top of it.

Runs 1..N-1 are bulk-inserted with plain SQL mirroring what `db.runs.commit_run` writes (a
`runs` row, one `checks` row per council, document rows only when something changes) and are
stamped as already diffed. Run N and an unchanged run N+1 go through the real `commit_run`, the
real diff and the real digest, which is what gets timed. Churn is small and seeded: each run a
few councils publish, a few sites fail, a few recover.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from db.connection import open_db
from db.runs import CouncilCheck, FoundDocument, RunStats, commit_run, document_id, start_run
from monitor.config import Config
from monitor.diff import diff_run
from monitor.digest import build_digest, render

#: Share of councils in each state at the start, and per-run churn.
START = {"published": 0.55, "cpc_no_report": 0.10, "no_cpc": 0.25, "unknown": 0.10}
PUBLISH_PER_RUN = 0.001
FAIL_PER_RUN = 0.01
RECOVER_PER_RUN = 0.5
EPOCH = dt.datetime(2025, 1, 6, 6, 0, tzinfo=dt.UTC)


@dataclass
class HistoryResult:
    councils: int
    runs: int
    db_bytes: int
    diff_s: float
    digest_s: float
    events: int
    unchanged_diff_s: float
    unchanged_digest_s: float
    unchanged_growth_bytes: int
    unchanged_growth_rows: dict[str, int]

    @property
    def diff_digest_s(self) -> float:
        return self.diff_s + self.digest_s


def db_size(db: Database, path: Path) -> int:
    """Bytes on disk once the WAL is folded in."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def row_counts(db: Database) -> dict[str, int]:
    return {
        t: db.table(t).count for t in db.table_names() if not t.startswith(("_", "documents_fts"))
    }


class History:
    """The evolving state of every council, turned into rows run by run."""

    def __init__(self, councils: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes = [f"H{i:05d}" for i in range(councils)]
        states = list(START)
        self.verdict = {c: self.rng.choices(states, list(START.values()))[0] for c in self.codes}
        self.report_run: dict[str, int] = {}

    def report_url(self, code: str) -> str:
        return f"http://www.{code.lower()}.gov.uk/media/cpc-feedback-report.pdf"

    def step(self) -> set[str]:
        """Advance one run; the councils that published a report on it."""
        published = set()
        for code in self.codes:
            v = self.verdict[code]
            r = self.rng.random()
            if v == "unknown":
                if r < RECOVER_PER_RUN:
                    self.verdict[code] = "published" if code in self.report_run else "no_cpc"
            elif v in ("no_cpc", "cpc_no_report") and r < PUBLISH_PER_RUN:
                self.verdict[code] = "published"
                published.add(code)
            elif r < FAIL_PER_RUN and v != "published":
                self.verdict[code] = "unknown"
        return published


def _when(run: int) -> str:
    return (EPOCH + dt.timedelta(days=7 * run)).isoformat(timespec="seconds")


def _insert_councils(db: Database, codes: list[str]) -> None:
    db.conn.executemany(
        "INSERT INTO councils (code, name, type, region, current, website, source)"
        " VALUES (?, ?, 'NMD', 'Nowhere', 1, ?, 'bench')",
        [(c, f"Council {c}", f"http://www.{c.lower()}.gov.uk/") for c in codes],
    )


def _insert_run(db: Database, run: int, h: History, new_reports: set[str]) -> None:
    when = _when(run)
    unknown = sum(v == "unknown" for v in h.verdict.values())
    db.conn.execute(
        "INSERT INTO runs (id, spider, started_at, finished_at, status, pid, councils_total,"
        " councils_checked, councils_unknown, requests, bytes, errors, duration_s, args, note,"
        " diffed_at) VALUES (?, 'lga+councils', ?, ?, 'complete', 1, ?, ?, ?, ?, ?, ?, 3600, '{}',"
        " '', ?)",
        (run, when, when, len(h.codes), len(h.codes), unknown, 12 * len(h.codes),
         300_000 * len(h.codes), unknown, when),
    )  # fmt: skip
    for code in new_reports:
        url = h.report_url(code)
        doc = document_id(url)
        db.conn.execute(
            "INSERT INTO documents (id, url, host, source, kind, title, visit_start, visit_end,"
            " content_hash, content_type, size, http_status, last_status_run, first_seen_run,"
            " last_seen_run, last_changed_run, text) VALUES (?, ?, ?, 'council', 'feedback_report',"
            " 'LGA Corporate Peer Challenge feedback report', '2024-03-04', '2024-03-07', ?,"
            " 'application/pdf', 250000, 200, ?, ?, ?, ?, '')",
            (doc, url, url.split("/")[2], "h" + doc, run, run, run, run),
        )
        db.conn.execute(
            "INSERT INTO document_councils (document_id, council_code) VALUES (?, ?)", (doc, code)
        )
        db.conn.execute(
            "INSERT INTO document_versions (document_id, run_id, content_hash, title, kind, size)"
            " VALUES (?, ?, ?, 'LGA Corporate Peer Challenge feedback report',"
            " 'feedback_report', 250000)",
            (doc, run, "h" + doc),
        )
        db.conn.execute(
            "INSERT INTO events (key, run_id, kind, council_code, document_id, occurred_at,"
            " summary, detail) VALUES (?, ?, 'report_published', ?, ?, ?, ?, '{}')",
            (f"report_published:{doc}", run, code, doc, when, f"Council {code} published"),
        )
        h.report_run[code] = run
    # Documents seen again this run: bump last_seen_run in one statement, as commit_run's
    # per-document update does row by row.
    db.conn.execute(
        "UPDATE documents SET last_seen_run = ?, last_status_run = ? WHERE first_seen_run < ?",
        (run, run, run),
    )
    db.conn.executemany(
        "INSERT INTO checks (run_id, council_code, verdict, reason, site_ok, lga_ok, requests,"
        " bytes, duration_s, visit_start, visit_end, report_url) VALUES (?, ?, ?, ?, ?, 1, 12,"
        " 300000, 9.5, ?, ?, ?)",
        [
            (
                run,
                code,
                v,
                "site_down" if v == "unknown" else None,
                int(v != "unknown"),
                *(("2024-03-04", "2024-03-07", h.report_url(code)) if code in h.report_run
                  else (None, None, None)),
            )
            for code, v in h.verdict.items()
        ],
    )  # fmt: skip


def _real_run(db: Database, h: History) -> int:
    """One run through the real `commit_run` with the history's current state."""
    run_id = start_run(db, spider="lga+councils", args={}, councils_total=len(h.codes))
    checks = [
        CouncilCheck(
            council_code=code,
            verdict=v,
            reason="site_down" if v == "unknown" else None,
            site_ok=v != "unknown",
            requests=12,
            bytes=300_000,
            duration_s=9.5,
            report_url=h.report_url(code) if code in h.report_run else None,
        )
        for code, v in h.verdict.items()
    ]
    documents = [
        FoundDocument(
            url=h.report_url(code),
            kind="feedback_report",
            title="LGA Corporate Peer Challenge feedback report",
            source="council",
            council_codes=(code,),
            content_hash="h" + document_id(h.report_url(code)),
            visit_start="2024-03-04",
            visit_end="2024-03-07",
            content_type="application/pdf",
            size=250_000,
        )
        for code in h.report_run
    ]
    commit_run(db, run_id, checks=checks, documents=documents, stats=RunStats())
    return run_id


def _diff_and_digest(db: Database, run_id: int, config: Config) -> tuple[float, float, int]:
    started = time.perf_counter()
    events = diff_run(db, run_id, config.diff)
    diffed = time.perf_counter()
    digest = build_digest(db, config, run_id=run_id)
    render(digest, "html", on_empty="full")
    return diffed - started, time.perf_counter() - diffed, len(events)


def run_history(path: Path, *, councils: int = 10_000, runs: int = 100, seed: int = 0,
                echo=print) -> HistoryResult:  # fmt: skip
    """Build the history at `path` (replaced), then time the diff and digest of its last run
    and of one more, unchanged run."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_db(path)
    config = Config()
    h = History(councils, seed)
    with db.atomic():
        _insert_councils(db, h.codes)
        for code, v in h.verdict.items():
            if v == "published":
                h.report_run[code] = 0
        first = {c for c, v in h.verdict.items() if v == "published"}
        for run in range(1, runs):
            _insert_run(db, run, h, first if run == 1 else h.step())
            if run % 20 == 0:
                echo(f"  history: {run}/{runs} runs inserted")
    for code in first:
        h.report_run[code] = 1
    h.step()
    last = _real_run(db, h)
    diff_s, digest_s, events = _diff_and_digest(db, last, config)
    size = db_size(db, path)
    rows = row_counts(db)
    unchanged = _real_run(db, h)
    u_diff, u_digest, _ = _diff_and_digest(db, unchanged, config)
    growth = db_size(db, path) - size
    after = row_counts(db)
    db.close()
    return HistoryResult(
        councils=councils,
        runs=runs,
        db_bytes=size,
        diff_s=diff_s,
        digest_s=digest_s,
        events=events,
        unchanged_diff_s=u_diff,
        unchanged_digest_s=u_digest,
        unchanged_growth_bytes=growth,
        unchanged_growth_rows={
            t: after[t] - rows.get(t, 0) for t in after if after[t] != rows.get(t, 0)
        },
    )
