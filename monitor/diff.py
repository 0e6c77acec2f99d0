"""The diff: turn a committed crawl run into events, by the rules in `monitor.rules`.

Only counted runs (the `counted_runs` view) are diffed, oldest first, and each is stamped with
`runs.diffed_at`. A council without a check in a run is untouched by that run: nothing about it
can have gone missing. A council's facts (its verdict, the last known one before it, its
unknown streaks) are its fold of history up to the run (`db.council_latest`); a document's are
derived as `db.runs` describes (first/last seen, last changed, last status) plus
`document_versions`, which records exactly which run changed a document.

Documents found or changed on a run raise events whatever the council's check says: finding
something is evidence even when another part of the site failed. Removal needs evidence of
absence: `removed_after` successful checks without the document, a 404/410, or a "page not
found" page answered with 200 (a soft 404), and never an `unknown` check. A document found at
a new URL with the same content is `document_moved`, not a removal plus an addition; a change
carries its changed sentences (`monitor.textdiff`). An `unknown` check in between is skipped,
neither counting nor resetting.

The diff reads current document rows, so it is exact for the newest run; diffing an older run
late (several runs pending) can miss a 404 that a later run overwrote, and folds the council
histories once from the start, as the stored fold is already past it. The scheduler diffs
right after every crawl, so at most one run is pending.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

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


def pending_runs(db: Database) -> list[int]:
    """Committed runs not yet diffed, oldest first."""
    return [
        r["id"] for r in db.query("SELECT id FROM counted_runs WHERE diffed_at IS NULL ORDER BY id")
    ]


def diff_pending(db: Database, settings: DiffConfig) -> dict[int, list[Event]]:
    """Diff every pending run in order; the new events of each. The fold of the councils'
    histories is carried from one pending run to the next, so several cost one fold."""
    out: dict[int, list[Event]] = {}
    latest: dict[str, council_latest.Latest] | None = None
    previous = 0
    for run_id in pending_runs(db):
        if latest is None:
            latest = council_latest.as_of(db, run_id)
        else:
            council_latest.fold_runs(db, latest, previous, run_id)
        out[run_id] = diff_run(db, run_id, settings, latest=latest)
        previous = run_id
    return out


def diff_run(
    db: Database,
    run_id: int,
    settings: DiffConfig,
    *,
    latest: dict[str, council_latest.Latest] | None = None,
) -> list[Event]:
    """Record run `run_id`'s events (new ones returned) and stamp it diffed. Idempotent.
    `latest` is the fold up to the run, when the caller has it (`council_latest.as_of`)."""
    run = db.execute(
        "SELECT started_at, finished_at FROM counted_runs WHERE id = ?", [run_id]
    ).fetchone()
    if run is None:
        return []
    occurred = run[1] or run[0]
    names = dict(db.execute("SELECT code, name FROM councils").fetchall())
    verdicts = dict(
        db.execute("SELECT council_code, verdict FROM checks WHERE run_id = ?", [run_id]).fetchall()
    )
    latest = council_latest.as_of(db, run_id) if latest is None else latest
    new: list[Event] = []
    with db.atomic():
        for facts in _document_facts(db, run_id, verdicts, names):
            new += _raise(db, DOCUMENT_RULES, facts, settings, occurred, facts.document_id)
        for facts in council_facts(run_id, verdicts, latest, names):
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


def _absent_checks(db: Database, code: str, last_seen: int, run_id: int, source: str) -> int:
    """Checks of `code` after `last_seen` (up to `run_id`) that looked where a document of
    `source` lives: a known verdict, and the LGA (or the council's own site) read."""
    if last_seen >= run_id:
        return 0
    column = "lga_ok" if source.lower().startswith("lga") else "site_ok"
    return db.execute(
        "SELECT count(*) FROM checks c JOIN counted_runs r ON r.id = c.run_id"
        " WHERE c.council_code = ? AND c.run_id > ? AND c.run_id <= ?"
        f" AND c.verdict != 'unknown' AND c.{column}",
        [code, last_seen, run_id],
    ).fetchone()[0]


def council_facts(
    run_id: int,
    verdicts: dict[str, str],
    latest: dict[str, council_latest.Latest],
    names: dict[str, str],
):
    """The facts of each council checked on `run_id` (its verdict there), read from the fold of
    its history up to that run (`council_latest.as_of`)."""
    for code in sorted(verdicts):
        s = latest[code]
        yield CouncilFacts(
            run_id=run_id,
            council_code=code,
            council_name=names.get(code, code),
            verdict=s.last_verdict,
            previous_verdict=s.previous_known_verdict,
            unknown_streak=s.unknown_streak,
            streak_start_run=s.unknown_since_run,
            unknown_streak_before=s.previous_unknown_streak,
            reason=s.last_reason,
        )


def _document_facts(db: Database, run_id: int, verdicts: dict[str, str], names: dict[str, str]):
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
        current = verdicts.get(code)
        last_seen = d["last_seen_run"] or d["first_seen_run"]
        absent = (
            _absent_checks(db, code, last_seen, run_id, d["source"] or "")
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
            check_known=current is not None and current != "unknown",
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
