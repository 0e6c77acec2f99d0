"""The diff: turn a committed crawl run into events, by the rules in `monitor.rules`.

Only `complete` and `partial` runs are diffed, oldest first, and each is stamped with
`runs.diffed_at`. A council without a check in a run is untouched by that run: nothing about it
can have gone missing. Facts are derived as `db.runs` describes (first/last seen, last changed,
last status) plus `document_versions`, which records exactly which run changed a document.

Documents found or changed on a run raise events whatever the council's check says: finding
something is evidence even when another part of the site failed. Removal needs evidence of
absence: `removed_after` successful checks without the document, a 404/410, or a "page not
found" page answered with 200 (a soft 404), and never an `unknown` check. A document found at
a new URL with the same content is `document_moved`, not a removal plus an addition; a change
carries its changed sentences (`monitor.textdiff`). An `unknown` check in between is skipped,
neither counting nor resetting.

The diff reads current document rows, so it is exact for the newest run; diffing an older run
late (several runs pending) can miss a 404 that a later run overwrote. The scheduler diffs
right after every crawl, so at most one run is pending.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import NamedTuple

from sqlite_utils import Database

from db import council_latest
from db.runs import SOFT_404
from db.visit_dates import DateSpan
from monitor.config import DiffConfig
from monitor.events import Event, make_event, record
from monitor.rules import (
    COUNCIL_RULES,
    DOCUMENT_RULES,
    GONE_STATUSES,
    CouncilFacts,
    DocumentFacts,
    Rule,
    kind_label,
    raised,
)
from monitor.textdiff import change_summary
from monitor.words import reason_words, verdict_label

DIFFABLE = ("complete", "partial")


class _Check(NamedTuple):
    run_id: int
    verdict: str
    site_ok: bool
    lga_ok: bool
    reason: str | None = None

    def saw(self, source: str) -> bool:
        """Whether this check really looked where a document of `source` lives."""
        if self.verdict == "unknown":
            return False
        return self.lga_ok if source.lower().startswith("lga") else self.site_ok


def pending_runs(db: Database) -> list[int]:
    """Committed runs not yet diffed, oldest first."""
    return [
        r["id"]
        for r in db.query(
            "SELECT id FROM runs WHERE status IN ('complete', 'partial') AND diffed_at IS NULL"
            " ORDER BY id"
        )
    ]


def diff_pending(db: Database, settings: DiffConfig) -> dict[int, list[Event]]:
    """Diff every pending run in order; the new events of each."""
    return {run_id: diff_run(db, run_id, settings) for run_id in pending_runs(db)}


def diff_run(db: Database, run_id: int, settings: DiffConfig) -> list[Event]:
    """Record run `run_id`'s events (new ones returned) and stamp it diffed. Idempotent."""
    run = next(iter(db.table("runs").rows_where("id = ?", [run_id])), None)
    if run is None or run["status"] not in DIFFABLE:
        return []
    occurred = run["finished_at"] or run["started_at"]
    names = dict(db.execute("SELECT code, name FROM councils").fetchall())
    history = _check_history(db, run_id)
    new: list[Event] = []
    with db.atomic():
        for facts in _document_facts(db, run_id, history, names):
            new += _raise(db, DOCUMENT_RULES, facts, settings, occurred, facts.document_id)
        for facts in _council_facts(run_id, history, names):
            new += _raise(db, COUNCIL_RULES, facts, settings, occurred, None)
        for e in new:
            if e.kind == "document_removed":
                db.execute(
                    "UPDATE documents SET removed_run = ? WHERE id = ? AND removed_run IS NULL",
                    [run_id, e.document_id],
                )
        council_latest.sync(db)
        db.table("runs").update(
            run_id, {"diffed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        )
    return new


def _raise(db, rules: tuple[Rule, ...], facts, settings, occurred, document_id) -> list[Event]:
    rules = raised(rules, facts, settings)
    if not rules:
        return []
    values = asdict(facts)
    detail = {k: v for k, v in values.items() if k not in ("run_id", "council_name")}
    values.update(
        kind_label=kind_label(values.get("kind", "")),
        verdict_label=verdict_label(values.get("verdict")),
        previous_label=verdict_label(values.get("previous_verdict")),
        reason_words=reason_words(values.get("reason")),
    )
    out = []
    for rule in rules:
        event = make_event(
            rule.kind,
            values,
            council_code=facts.council_code,
            run_id=facts.run_id,
            document_id=document_id,
            occurred_at=occurred,
            detail=detail,
        )
        if record(db, event):
            out.append(event)
    return out


#: Runs the diff reads for every council checked; a council whose last `WINDOW_RUNS` checks
#: say too little (no known verdict before the current one) is read in full.
WINDOW_RUNS = 4


@dataclass
class _History:
    """Checks on diffable runs up to the diffed run, oldest first, per council checked on it.

    A council's list starts at run `covered_from[code]` (0: its whole history), and always
    holds its latest known check before the current one if it has any, so the current unknown
    streak, the one before and the previous known verdict read the same as from every check."""

    checks: dict[str, list[_Check]]
    covered_from: dict[str, int]

    def get(self, code: str, default: list[_Check]) -> list[_Check]:
        return self.checks.get(code, default)

    def items(self):
        return self.checks.items()


def _check_history(db: Database, run_id: int) -> _History:
    """Each council's recent checks on diffable runs up to `run_id`, oldest first, for
    councils checked on `run_id` (see `_History`)."""
    window = [
        r[0]
        for r in db.execute(
            "SELECT id FROM runs WHERE status IN ('complete', 'partial') AND id <= ?"
            " ORDER BY id DESC LIMIT ?",
            [run_id, WINDOW_RUNS],
        ).fetchall()
    ][::-1]
    if run_id not in window:
        return _History({}, {})
    total = db.execute(
        "SELECT count(*) FROM runs WHERE status IN ('complete', 'partial') AND id <= ?", [run_id]
    ).fetchone()[0]
    start = 0 if total <= len(window) else window[0]
    rows = {
        rid: db.execute(
            "SELECT council_code, verdict, site_ok, lga_ok, reason FROM checks WHERE run_id = ?",
            [rid],
        ).fetchall()
        for rid in window
    }
    checks: dict[str, list[_Check]] = {r[0]: [] for r in rows[run_id]}
    for rid in window:
        for code, verdict, site_ok, lga_ok, reason in rows[rid]:
            if code in checks:
                checks[code].append(_Check(rid, verdict, bool(site_ok), bool(lga_ok), reason))
    covered_from = dict.fromkeys(checks, start)
    deep = sorted(
        code
        for code, cs in checks.items()
        if start and all(c.verdict == "unknown" for c in cs[:-1])
    )
    for i in range(0, len(deep), 500):
        chunk = deep[i : i + 500]
        for code in chunk:
            checks[code], covered_from[code] = [], 0
        for code, rid, verdict, site_ok, lga_ok, reason in db.execute(
            "SELECT c.council_code, c.run_id, c.verdict, c.site_ok, c.lga_ok, c.reason"
            " FROM checks c"
            " JOIN runs r ON r.id = c.run_id"
            " WHERE r.status IN ('complete', 'partial') AND c.run_id <= ?"
            f" AND c.council_code IN ({', '.join('?' * len(chunk))})"
            " ORDER BY c.council_code, c.run_id",
            [run_id, *chunk],
        ).fetchall():
            checks[code].append(_Check(rid, verdict, bool(site_ok), bool(lga_ok), reason))
    return _History(dict(sorted(checks.items())), covered_from)


def _absent_checks(
    db: Database, history: _History, code: str, last_seen: int, run_id: int, source: str
) -> int:
    """Checks of `code` after `last_seen` (up to `run_id`) that looked where `source` lives."""
    checks = history.get(code, [])
    if last_seen + 1 >= history.covered_from.get(code, 0):
        return sum(1 for c in checks if c.run_id > last_seen and c.saw(source))
    column = "lga_ok" if source.lower().startswith("lga") else "site_ok"
    return db.execute(
        "SELECT count(*) FROM checks c JOIN runs r ON r.id = c.run_id"
        " WHERE r.status IN ('complete', 'partial') AND c.council_code = ?"
        f" AND c.run_id > ? AND c.run_id <= ? AND c.verdict != 'unknown' AND c.{column}",
        [code, last_seen, run_id],
    ).fetchone()[0]


def _council_facts(run_id: int, history: _History, names: dict[str, str]):
    for code, checks in history.items():
        current, before = checks[-1], checks[:-1]
        streak = _unknown_tail(checks)
        previous = next((c.verdict for c in reversed(before) if c.verdict != "unknown"), None)
        yield CouncilFacts(
            run_id=run_id,
            council_code=code,
            council_name=names.get(code, code),
            verdict=current.verdict,
            previous_verdict=previous,
            unknown_streak=len(streak),
            streak_start_run=streak[0].run_id if streak else None,
            unknown_streak_before=len(_unknown_tail(before)),
            reason=current.reason,
        )


def _unknown_tail(checks: list[_Check]) -> list[_Check]:
    tail: list[_Check] = []
    for c in reversed(checks):
        if c.verdict != "unknown":
            break
        tail.insert(0, c)
    return tail


def _document_facts(db: Database, run_id: int, history: _History, names: dict[str, str]):
    changed_now = {
        r["document_id"]
        for r in db.query("SELECT document_id FROM document_versions WHERE run_id = ?", [run_id])
    }
    rows = list(
        db.query(
            "SELECT d.id, d.url, d.source, d.kind, d.title, d.visit_start, d.http_status,"
            " d.first_seen_run, d.last_seen_run, d.last_status_run, d.gone_reason,"
            " d.moved_from, d.moved_run, dc.council_code,"
            " (SELECT a.sha256 FROM archive a WHERE a.document_id = d.id AND a.stored"
            "  ORDER BY a.last_seen_run DESC, a.first_seen_run DESC LIMIT 1) AS archive_sha256"
            " FROM documents d"
            " JOIN document_councils dc ON dc.document_id = d.id"
            " WHERE d.first_seen_run <= ?"
            " AND (dc.council_code IN (SELECT council_code FROM checks WHERE run_id = ?)"
            "      OR d.first_seen_run = ? OR d.id IN (SELECT document_id FROM document_versions"
            "      WHERE run_id = ?))"
            " ORDER BY dc.council_code, d.first_seen_run, d.id",
            [run_id, run_id, run_id, run_id],
        )
    )
    first_reports = _first_reports(db, run_id)
    summaries: dict[str, str] = {}
    for d in rows:
        code = d["council_code"]
        checks = history.get(code, [])
        current = checks[-1] if checks and checks[-1].run_id == run_id else None
        last_seen = d["last_seen_run"] or d["first_seen_run"]
        absent = (
            _absent_checks(db, history, code, last_seen, run_id, d["source"] or "")
            if current is not None
            else 0
        )
        gone = (
            d["http_status"]
            if d["last_status_run"] == run_id
            and d["http_status"] in GONE_STATUSES
            and last_seen < run_id
            else None
        )
        changed = d["id"] in changed_now and d["first_seen_run"] < run_id
        if changed and d["id"] not in summaries:
            summaries[d["id"]] = _change_summary(db, d["id"], run_id)
        soft_404 = (
            d["last_status_run"] == run_id and d["gone_reason"] == SOFT_404 and last_seen < run_id
        )
        yield DocumentFacts(
            run_id=run_id,
            council_code=code,
            council_name=names.get(code, code),
            document_id=d["id"],
            kind=d["kind"] or "",
            title=d["title"] or d["url"],
            url=d["url"],
            visit_start=d["visit_start"],
            last_seen_run=last_seen,
            is_new=d["first_seen_run"] == run_id,
            changed=changed,
            first_report_for_visit=_first_report(first_reports, code, d["visit_start"]) == d["id"],
            check_known=current is not None and current.verdict != "unknown",
            absent_checks=absent if current is not None else 0,
            gone_status=gone if current is not None else None,
            soft_404=soft_404 and current is not None,
            moved=d["moved_run"] == run_id and last_seen == run_id,
            moved_from=d["moved_from"] or "",
            changes=summaries.get(d["id"], "") if changed else "",
            archive_sha256=d["archive_sha256"] or "",
        )


def _change_summary(db: Database, document_id: str, run_id: int) -> str:
    """The changed sentences between this run's version and the one before (when both
    versions' texts were kept: versions from before m013 have none)."""
    texts = [
        r[0]
        for r in db.execute(
            "SELECT text FROM document_versions WHERE document_id = ? AND run_id <= ?"
            " ORDER BY run_id DESC LIMIT 2",
            [document_id, run_id],
        ).fetchall()
    ]
    if len(texts) < 2 or texts[0] is None or texts[1] is None:
        return ""
    return change_summary(texts[1], texts[0])


def _first_reports(db: Database, run_id: int) -> dict[str, list[tuple[DateSpan | None, str]]]:
    """Per council, its feedback reports seen up to `run_id`, first seen first (ties: id)."""
    out: dict[str, list[tuple[DateSpan | None, str]]] = {}
    for r in db.query(
        "SELECT dc.council_code, d.visit_start, d.visit_end, d.id FROM documents d"
        " JOIN document_councils dc ON dc.document_id = d.id"
        " WHERE d.kind = 'feedback_report' AND d.first_seen_run <= ?"
        " ORDER BY d.first_seen_run, d.id",
        [run_id],
    ):
        span = DateSpan.between(r["visit_start"], r["visit_end"])
        out.setdefault(r["council_code"], []).append((span, r["id"]))
    return out


def _first_report(
    reports: dict[str, list[tuple[DateSpan | None, str]]], code: str, visit_start: str | None
) -> str | None:
    """The first report seen of the visit `visit_start` states: reports whose dates may be the
    same visit ("2024-10" and "2024-10-29") are copies of one report, not two publications."""
    mine = DateSpan.parse(visit_start) if visit_start else None
    for span, doc_id in reports.get(code, []):
        if (span is None and mine is None) or (span and mine and span.overlaps(mine)):
            return doc_id
    return None
