"""Crawl runs: how a crawl's results land in the database, all at once or not at all.

The crawler collects every council's outcome in memory (`scraper.session.CrawlSession`) and
hands the whole run to `commit_run`, which writes it in ONE transaction. A crawl killed mid-run
therefore leaves only its `runs` row with status `running`; `mark_abandoned_runs` turns that
into `incomplete`, and nothing reads incomplete runs (only `counted_runs`). Nothing half-done reaches later steps.

What the diff can derive from this (no per-run-per-document rows are stored):
- new document: `documents.first_seen_run == run`
- changed content: `documents.last_changed_run == run` and `first_seen_run < run`
- not seen this run: `last_seen_run < run` for a council whose check this run has `site_ok`
- answered 404/410 this run: `http_status in (404, 410)` and `last_status_run == run`
- showed a "page not found" page this run: `gone_reason == SOFT_404` and `last_status_run == run`
- moved this run: `moved_run == run` (a new URL with the content of a known document of the
  same council that was not found at its old URL: the row keeps its id, `moved_from` says where)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from db import council_latest
from db.archive import ArchivedCopy, record_copy
from db.visit_dates import DateSpan

#: Document kinds whose stated visit dates date a CPC: the report (from the council, its
#: committee papers or the LGA's page) and every other sign that a CPC took place (action plan,
#: announcement, committee paper, position statement), so a council that had a CPC but
#: published no report still gets its report deadline (issue 10). Not a progress review: the
#: date it states is often its own (about ten months after the CPC), which would invent a second
#: CPC; nor a notice of a CPC still to come, which is no evidence that one happened.
CPC_VISIT_KINDS = (
    "feedback_report",
    "action_plan",
    "announcement",
    "committee_paper",
    "position_statement",
)
#: Kinds whose stated dates are recorded in `cpc_visits`: the above, and progress reviews (the
#: visit they state is shown in a council's history; the deadlines do not count it as a CPC).
VISIT_KINDS = (*CPC_VISIT_KINDS, "progress_review")

#: `documents.gone_reason` of a URL that answers 200 with a "page not found" page.
SOFT_404 = "soft 404: the URL shows a page-not-found page"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def document_id(url: str) -> str:
    """Stable id from the canonical URL: the same document keeps its id across runs."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FoundDocument:
    """A CPC document seen on this run, already classified and attributed to councils."""

    url: str
    kind: str
    title: str
    source: str
    council_codes: tuple[str, ...]
    content_hash: str
    visit_start: str | None = None
    visit_end: str | None = None
    content_type: str = ""
    size: int = 0
    http_status: int = 200
    text: str = ""
    #: The version as kept in the evidence archive (None: not archived).
    archive: ArchivedCopy | None = None


@dataclass(frozen=True)
class CouncilCheck:
    """One council's outcome on one run."""

    council_code: str
    verdict: str
    reason: str | None = None
    site_ok: bool = True
    lga_ok: bool = True
    requests: int = 0
    bytes: int = 0
    duration_s: float = 0.0
    visit_start: str | None = None
    visit_end: str | None = None
    report_url: str | None = None
    #: (url, status) of known documents of this council that answered 404/410 on this run.
    gone: tuple[tuple[str, int], ...] = ()
    #: What the check searched (scraper.coverage.Coverage as a dict) and its wording.
    coverage: dict | None = None
    searched: str = ""
    #: URLs of known documents that answered 200 with a "page not found" page (soft 404).
    soft_gone: tuple[str, ...] = ()


@dataclass
class RunStats:
    requests: int = 0
    bytes: int = 0
    errors: int = 0
    duration_s: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)


def start_run(db: Database, *, spider: str, args: dict[str, object], councils_total: int) -> int:
    """Record a run as `running` (committed at once, so a kill leaves a trace)."""
    with db.atomic():
        run_id = (
            db.table("runs")
            .insert(
                {
                    "spider": spider,
                    "started_at": now_iso(),
                    "status": "running",
                    "pid": os.getpid(),
                    "councils_total": councils_total,
                    "args": json.dumps(args, sort_keys=True),
                }
            )
            .last_pk
        )
    return int(run_id)


def commit_run(
    db: Database,
    run_id: int,
    *,
    checks: Iterable[CouncilCheck],
    documents: Iterable[FoundDocument],
    stats: RunStats,
    status: str = "complete",
    note: str = "",
) -> None:
    """Write a whole run's results in one transaction, then mark the run finished."""
    checks = list(checks)
    with db.atomic():
        _write_documents(db, run_id, documents)
        _mark_gone(db, run_id, checks)
        db.table("checks").insert_all(
            (
                {
                    "run_id": run_id,
                    "council_code": c.council_code,
                    "verdict": c.verdict,
                    "reason": c.reason,
                    "site_ok": int(c.site_ok),
                    "lga_ok": int(c.lga_ok),
                    "requests": c.requests,
                    "bytes": c.bytes,
                    "duration_s": round(c.duration_s, 3),
                    "visit_start": c.visit_start,
                    "visit_end": c.visit_end,
                    "report_url": c.report_url,
                    **_coverage_columns(c),
                }
                for c in checks
            ),
            pk=("run_id", "council_code"),
        )
        db.table("runs").update(
            run_id,
            {
                "status": status,
                "finished_at": now_iso(),
                "councils_checked": len(checks),
                "councils_unknown": sum(1 for c in checks if c.verdict == "unknown"),
                "requests": stats.requests,
                "bytes": stats.bytes,
                "errors": stats.errors,
                "duration_s": round(stats.duration_s, 3),
                "note": note or (json.dumps(stats.extra, sort_keys=True) if stats.extra else ""),
            },
        )
        council_latest.sync(db)


def _coverage_columns(check: CouncilCheck) -> dict[str, object]:
    """The coverage record as JSON, plus the few facts worth faceting on (migration m009)."""
    coverage = check.coverage
    if not coverage:
        return {}
    return {
        "coverage": json.dumps(coverage, sort_keys=True),
        "searched": check.searched,
        "coverage_missing": "; ".join(coverage.get("missing") or ()) or None,
        "search_status": coverage.get("search"),
        "committee_system": (coverage.get("committee") or {}).get("system"),
        "pages_read": coverage.get("pages_read"),
        "documents_read": coverage.get("documents_read"),
    }


def fail_run(db: Database, run_id: int, note: str) -> None:
    """Mark a run that stopped on an error; nothing from it is used."""
    with db.atomic():
        db.table("runs").update(
            run_id, {"status": "failed", "finished_at": now_iso(), "note": note[:2000]}
        )


def _write_documents(db: Database, run_id: int, documents: Iterable[FoundDocument]) -> None:
    documents = list(documents)
    urls_now = {d.url for d in documents}
    table = db.table("documents")
    for d in documents:
        existing = next(iter(table.rows_where("url = ?", [d.url])), None)
        moved = None if existing else _moved_document(db, d, urls_now)
        if moved:
            existing = moved
        doc_id = existing["id"] if existing else _free_document_id(db, d.url, run_id)
        row = {
            "id": doc_id,
            "url": d.url,
            "host": d.url.split("/")[2] if "://" in d.url else "",
            "source": d.source,
            "kind": d.kind,
            "title": d.title,
            "visit_start": d.visit_start,
            "visit_end": d.visit_end,
            "content_hash": d.content_hash,
            "content_type": d.content_type,
            "size": d.size,
            "http_status": d.http_status,
            "last_seen_run": run_id,
            "last_status_run": run_id,
            "removed_run": None,
            "gone_reason": None,
            "text": d.text,
        }
        if moved:
            row.update(moved_from=moved["url"], moved_run=run_id)
        changed = existing is None or existing["content_hash"] != d.content_hash
        if existing is None:
            row.update(first_seen_run=run_id, last_changed_run=run_id)
            table.insert(row)
        else:
            if changed:
                row["last_changed_run"] = run_id
            table.update(doc_id, row)
        if changed:
            db.table("document_versions").upsert(
                {
                    "document_id": doc_id,
                    "run_id": run_id,
                    "content_hash": d.content_hash,
                    "title": d.title,
                    "kind": d.kind,
                    "size": d.size,
                    "text": d.text,
                    "archive_sha256": d.archive.sha256 if d.archive else None,
                },
                pk=("document_id", "run_id"),
            )
        if d.archive:
            record_copy(db, run_id, doc_id, d.url, d.archive)
        db.table("document_councils").insert_all(
            ({"document_id": doc_id, "council_code": code} for code in d.council_codes),
            pk=("document_id", "council_code"),
            ignore=True,
        )
        if d.kind in VISIT_KINDS and d.visit_start:
            for code in d.council_codes:
                db.table("cpc_visits").insert(
                    {
                        "id": f"{code}:{d.visit_start}",
                        "council_code": code,
                        "visit_start": d.visit_start,
                        "visit_end": d.visit_end or d.visit_start,
                        "precision": visit_precision(d.visit_start, d.visit_end),
                        "first_seen_run": run_id,
                        "evidence_document_id": doc_id,
                    },
                    pk="id",
                    ignore=True,
                )


def visit_precision(start: str | None, end: str | None) -> str | None:
    """ "day", "month" or "year", read from how the dates are written (`db.visit_dates`)."""
    span = DateSpan.between(start, end)
    return span.precision if span else None


def _moved_document(db: Database, d: FoundDocument, urls_now: set[str]) -> dict | None:
    """The known document this new URL is a move of: the same content, of the same council,
    from the same kind of source, at a URL not found on this run. None if there is none."""
    if not d.content_hash or not d.council_codes:
        return None
    for row in db.query(
        "SELECT d.* FROM documents d JOIN document_councils dc ON dc.document_id = d.id"
        f" WHERE d.content_hash = ? AND dc.council_code IN ({', '.join('?' * len(d.council_codes))})"
        " AND (d.source = 'lga') = ? ORDER BY d.last_seen_run DESC, d.id",
        [d.content_hash, *d.council_codes, d.source == "lga"],
    ):
        if row["url"] not in urls_now:
            return row
    return None


def _free_document_id(db: Database, url: str, run_id: int) -> str:
    """`document_id(url)`, unless a document that moved away from this URL holds it."""
    doc_id = document_id(url)
    if db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone():
        return document_id(f"{url}#run{run_id}")
    return doc_id


def _mark_gone(db: Database, run_id: int, checks: list[CouncilCheck]) -> None:
    """Record that a known document answered 404/410, or a "page not found" page, on this run
    (the diff decides removal)."""
    for c in checks:
        for url, status in c.gone:
            db.execute(
                "UPDATE documents SET http_status = ?, last_status_run = ?, gone_reason = ?"
                " WHERE url = ? AND last_seen_run < ?",
                [status, run_id, f"HTTP {status}", url, run_id],
            )
        for url in c.soft_gone:
            db.execute(
                "UPDATE documents SET http_status = 200, last_status_run = ?, gone_reason = ?"
                " WHERE url = ? AND last_seen_run < ?",
                [run_id, SOFT_404, url, run_id],
            )


def mark_abandoned_runs(db: Database) -> list[int]:
    """Runs still `running` whose process is gone were killed: mark them `incomplete`."""
    stale = []
    for row in db.table("runs").rows_where("status = 'running'"):
        if not _pid_alive(row["pid"]):
            stale.append(row["id"])
    if stale:
        with db.atomic():
            for run_id in stale:
                db.table("runs").update(
                    run_id,
                    {
                        "status": "incomplete",
                        "finished_at": now_iso(),
                        "note": "process ended before the run was committed",
                    },
                )
    return stale


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def last_counted_run(db: Database) -> int | None:
    """The newest run whose results count (`complete` or `partial`: the `counted_runs` view)."""
    row = db.execute("SELECT max(id) FROM counted_runs").fetchone()
    return row[0] if row else None
