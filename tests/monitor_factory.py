"""Build real peerwatch databases and crawl runs for the monitor tests (no mocks).

Runs go through `db.runs.start_run` / `commit_run`, exactly as the crawler lands them. The
register is loaded once per session into a template file that each test copies.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from db.bootstrap import init_path
from db.runs import CouncilCheck, FoundDocument, RunStats, commit_run, fail_run, start_run
from monitor.config import DiffConfig
from monitor.diff import diff_pending
from monitor.events import Event

#: The monitor tests' "now": a Wednesday noon, UTC.
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)

_template: Path | None = None


def new_db_file(directory: Path) -> Path:
    """A copy of an initialised database (register + 2017 baseline) in `directory`."""
    global _template
    if _template is None:
        _template = Path(tempfile.mkdtemp(prefix="pw-template-")) / "template.db"
        init_path(_template)
    path = directory / "peerwatch.db"
    shutil.copy(_template, path)
    return path


def sql_dump(path: Path) -> list[str]:
    """Every statement that would rebuild the database file: to prove nothing changed."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def check(code: str, verdict: str = "published", **kw) -> CouncilCheck:
    if verdict == "unknown":
        kw.setdefault("site_ok", False)
        kw.setdefault("lga_ok", False)
    return CouncilCheck(council_code=code, verdict=verdict, **kw)


def doc(
    url: str,
    *codes: str,
    kind: str = "feedback_report",
    content: str = "v1",
    visit: str | None = "2024-03-25",
    visit_end: str | None = None,
    title: str | None = None,
    source: str = "council",
) -> FoundDocument:
    return FoundDocument(
        url=url,
        kind=kind,
        title=title or f"{kind} at {url}",
        source=source,
        council_codes=codes,
        content_hash=content,
        visit_start=visit if kind in ("feedback_report", "progress_review") else None,
        visit_end=(visit_end or visit) if kind in ("feedback_report", "progress_review") else None,
    )


def add_run(
    db,
    checks: Iterable[CouncilCheck],
    documents: Iterable[FoundDocument] = (),
    *,
    status: str = "complete",
    requests: int = 10,
) -> int:
    """Commit one crawl run (or fail it, with status="failed")."""
    checks = list(checks)
    run_id = start_run(db, spider="test", args={}, councils_total=len(checks))
    if status == "failed":
        fail_run(db, run_id, "test failure")
    else:
        commit_run(
            db,
            run_id,
            checks=checks,
            documents=documents,
            stats=RunStats(requests=requests, duration_s=12.5),
            status=status,
        )
    return run_id


def diffed_events(
    db, checks: Iterable[CouncilCheck], documents: Iterable[FoundDocument] = ()
) -> list[Event]:
    """Commit one run and diff every pending run with the default settings: the new events."""
    add_run(db, checks, documents)
    return [e for events in diff_pending(db, DiffConfig()).values() for e in events]


def diffed_run(db, checks: Iterable[CouncilCheck], documents: Iterable[FoundDocument] = ()) -> int:
    """Commit one run and diff it, as a cycle would: the run's id."""
    run_id = add_run(db, checks, documents)
    diff_pending(db, DiffConfig())
    return run_id


class CollectingChannel:
    """A delivery channel that keeps every message it is sent (what a digest showed)."""

    def __init__(self, name: str = "collect", *, sends_empty: bool = False) -> None:
        self.name = name
        self.sends_empty = sends_empty
        self.messages: list = []

    def send(self, message) -> None:
        self.messages.append(message)

    @property
    def sent(self) -> list[list[int]]:
        """The event ids of each message sent, in order."""
        return [[e.id for e in message.events] for message in self.messages]
