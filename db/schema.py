"""The peerwatch schema, built and evolved by versioned sqlite-utils migrations.

Storage grows with *changes*, not with runs x documents: a document row is updated in place
(`last_seen_run`), a new `document_versions` row is written only when its content changes, and an
unchanged re-run adds just one small `checks` row per council.

Table and column names are chosen to read well in Datasette. Add a new migration function at
the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import council_latest
from db.political_control import load_political_control
from db.views import drop_views, recreate_views

migrations = Migrations("peerwatch")

#: Verdicts a council can get from one run.
VERDICTS = ("published", "cpc_no_report", "no_cpc", "unknown")


@migrations()
def m001_councils(db: Database) -> None:
    db["councils"].create(
        {
            "code": str,
            "name": str,
            "nice_name": str,
            "type": str,
            "type_code": str,
            "region": str,
            "county_code": str,
            "current": int,
            "start_date": str,
            "end_date": str,
            "replaced_by": str,
            "website": str,
            "website_2016": str,
            "gss": str,
            "former_gss": str,
            "gov_uk_name": str,
            "alt_names": str,
            "notes": str,
            "source": str,
            "updated_at": str,
        },
        pk="code",
        not_null={"name"},
    )
    db["council_successors"].create(
        {"code": str, "successor_code": str},
        pk=("code", "successor_code"),
        foreign_keys=[("code", "councils", "code"), ("successor_code", "councils", "code")],
    )
    db["council_aliases"].create(
        {"alias": str, "normalised": str, "code": str, "source": str},
        pk=("normalised", "code"),
        foreign_keys=[("code", "councils", "code")],
    )
    db["council_overrides"].create(
        {"code": str, "fields": str, "imported_from": str, "imported_at": str},
        pk="code",
    )


@migrations()
def m002_runs_and_checks(db: Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "pid": int,
            "councils_total": int,
            "councils_checked": int,
            "councils_unknown": int,
            "requests": int,
            "bytes": int,
            "errors": int,
            "duration_s": float,
            "args": str,
            "note": str,
            "diffed_at": str,
        },
        pk="id",
        defaults={"status": "running"},
    )
    db["checks"].create(
        {
            "run_id": int,
            "council_code": str,
            "verdict": str,
            "reason": str,
            "site_ok": int,
            "lga_ok": int,
            "requests": int,
            "bytes": int,
            "duration_s": float,
            "visit_start": str,
            "visit_end": str,
            "report_url": str,
        },
        pk=("run_id", "council_code"),
        foreign_keys=[("run_id", "runs", "id"), ("council_code", "councils", "code")],
    )
    db["checks"].create_index(["council_code", "run_id"])


@migrations()
def m003_documents(db: Database) -> None:
    db["documents"].create(
        {
            "id": str,
            "url": str,
            "host": str,
            "source": str,
            "kind": str,
            "title": str,
            "visit_start": str,
            "visit_end": str,
            "content_hash": str,
            "content_type": str,
            "size": int,
            "http_status": int,
            "last_status_run": int,
            "first_seen_run": int,
            "last_seen_run": int,
            "last_changed_run": int,
            "removed_run": int,
            "text": str,
        },
        pk="id",
        not_null={"url"},
        foreign_keys=[
            ("first_seen_run", "runs", "id"),
            ("last_seen_run", "runs", "id"),
            ("last_changed_run", "runs", "id"),
            ("removed_run", "runs", "id"),
        ],
    )
    db["documents"].create_index(["url"], unique=True)
    db["document_councils"].create(
        {"document_id": str, "council_code": str},
        pk=("document_id", "council_code"),
        foreign_keys=[("document_id", "documents", "id"), ("council_code", "councils", "code")],
    )
    db["document_councils"].create_index(["council_code"])
    db["document_versions"].create(
        {
            "document_id": str,
            "run_id": int,
            "content_hash": str,
            "title": str,
            "kind": str,
            "size": int,
        },
        pk=("document_id", "run_id"),
        foreign_keys=[("document_id", "documents", "id"), ("run_id", "runs", "id")],
    )
    db["cpc_visits"].create(
        {
            "id": str,
            "council_code": str,
            "visit_start": str,
            "visit_end": str,
            "precision": str,
            "first_seen_run": int,
            "evidence_document_id": str,
        },
        pk="id",
        foreign_keys=[
            ("council_code", "councils", "code"),
            ("first_seen_run", "runs", "id"),
            ("evidence_document_id", "documents", "id"),
        ],
    )
    db["cpc_visits"].create_index(["council_code", "visit_start"], unique=True)


@migrations()
def m004_events_and_deliveries(db: Database) -> None:
    db["events"].create(
        {
            "id": int,
            "key": str,
            "run_id": int,
            "kind": str,
            "council_code": str,
            "document_id": str,
            "occurred_at": str,
            "due_date": str,
            "summary": str,
            "detail": str,
        },
        pk="id",
        foreign_keys=[
            ("run_id", "runs", "id"),
            ("council_code", "councils", "code"),
            ("document_id", "documents", "id"),
        ],
    )
    db["events"].create_index(["key"], unique=True)
    db["events"].create_index(["council_code"])
    db["events"].create_index(["run_id"])
    db["deliveries"].create(
        {
            "event_id": int,
            "channel": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "first_attempt_at": str,
            "sent_at": str,
        },
        pk=("event_id", "channel"),
        foreign_keys=[("event_id", "events", "id")],
    )


@migrations()
def m005_observations(db: Database) -> None:
    db["observations"].create(
        {
            "id": int,
            "key": str,
            "council_code": str,
            "observed_on": str,
            "date_precision": str,
            "fact": str,
            "name_as_published": str,
            "source": str,
            "source_url": str,
            "note": str,
        },
        pk="id",
        foreign_keys=[("council_code", "councils", "code")],
    )
    db["observations"].create_index(["key"], unique=True)
    db["observations"].create_index(["council_code"])
    db["peerwatch_metadata"].create({"key": str, "value": str}, pk="key")


@migrations()
def m006_datasette_views_and_search(db: Database) -> None:
    """Full-text search over documents, kept in step by triggers. (Its views now live in
    `db/views/`.)"""
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations()
def m007_council_deadlines(db: Database) -> None:
    """`council_deadlines`, written by `monitor.deadlines`; the views read it instead of
    computing due dates and overdue flags in SQL."""
    db["council_deadlines"].create(
        {
            "council_code": str,
            "as_of": str,
            "evaluated_at": str,
            "last_visit_start": str,
            "last_visit_end": str,
            "visits_known": int,
            "report_url": str,
            "report_first_seen": str,
            "action_plan_url": str,
            "progress_review_url": str,
            "report_due": str,
            "action_plan_due": str,
            "action_plan_latest": str,
            "progress_review_due": str,
            "next_cpc_due": str,
            "report_overdue": int,
            "action_plan_overdue": int,
            "progress_review_overdue": int,
            "cpc_overdue": int,
            "report_on_time": int,
            "recent_cpc": int,
            "deadlines_missed": int,
        },
        pk="council_code",
        foreign_keys=[("council_code", "councils", "code")],
    )


_M008_STALE_WHEN = "(SELECT through_run FROM council_latest_meta)"
_M008_TRIGGERS = {
    "checks_insert": f"AFTER INSERT ON checks WHEN NEW.run_id <= {_M008_STALE_WHEN}",
    "checks_update": f"AFTER UPDATE ON checks WHEN OLD.run_id <= {_M008_STALE_WHEN}"
    f" OR NEW.run_id <= {_M008_STALE_WHEN}",
    "checks_delete": f"AFTER DELETE ON checks WHEN OLD.run_id <= {_M008_STALE_WHEN}",
    "runs_insert": f"AFTER INSERT ON runs WHEN NEW.id <= {_M008_STALE_WHEN}",
    "runs_update": f"AFTER UPDATE OF id, status, started_at ON runs"
    f" WHEN OLD.id <= {_M008_STALE_WHEN} OR NEW.id <= {_M008_STALE_WHEN}",
    "runs_delete": f"AFTER DELETE ON runs WHEN OLD.id <= {_M008_STALE_WHEN}",
}


@migrations()
def m008_council_latest(db: Database) -> None:
    """`council_latest`: each council's checks folded into one row, updated in place
    (`db.council_latest`), so the diff, digest and deadlines need not read every check.
    Triggers drop the meta row when anything already folded changes, which makes readers
    recompute from the full history until the next sync. The tables are left empty and
    without a meta row (stale); `migrate` fills them after the last migration, so this
    migration runs no live code and what it does cannot change when that code changes."""
    db["council_latest"].create(
        {
            "council_code": str,
            "last_run": int,
            "last_verdict": str,
            "last_reason": str,
            "unknown_streak": int,
            "known_run": int,
            "known_verdict": str,
            "ever_published": int,
            "without_report_since_run": int,
            "first_run": int,
        },
        pk="council_code",
    )
    db["council_latest_meta"].create({"id": int, "through_run": int}, pk="id")
    for name, when in _M008_TRIGGERS.items():
        db.execute(
            f"CREATE TRIGGER council_latest_stale_{name} {when}"
            " BEGIN DELETE FROM council_latest_meta; END"
        )


@migrations()
def m009_check_coverage(db: Database) -> None:
    """What each check searched: the coverage record as JSON (`scraper.coverage.Coverage`),
    its plain-English wording (`searched`), the parts of the coverage standard a shallow check
    missed, and a few flat facts to facet on."""
    checks = db["checks"]
    for column, kind in (
        ("coverage", str),
        ("searched", str),
        ("coverage_missing", str),
        ("search_status", str),
        ("committee_system", str),
        ("pages_read", int),
        ("documents_read", int),
    ):
        checks.add_column(column, kind)


@migrations()
def m010_visit_dates_at_their_precision(db: Database) -> None:
    """Month-only visit dates were stored as the 1st ("2024-10-01", end empty), which compares
    as earlier than a visit on 29 October; store them as "2024-10" (`db.visit_dates`). Then
    record the visits that action plans, announcements, committee papers and position
    statements date (`db.runs.VISIT_KINDS` as of this migration), which were ignored before."""
    visit_kinds = ("action_plan", "announcement", "committee_paper", "position_statement")
    month_coded = "visit_end IS NULL AND visit_start LIKE '____-__-01'"
    for table in ("documents", "checks"):
        db.execute(
            f"UPDATE {table} SET visit_start = substr(visit_start, 1, 7),"
            f" visit_end = substr(visit_start, 1, 7) WHERE {month_coded}"
        )
    db.execute(
        "UPDATE cpc_visits SET visit_start = substr(visit_start, 1, 7),"
        " visit_end = substr(visit_end, 1, 7) WHERE precision = 'month'"
    )
    marks = ", ".join("?" * len(visit_kinds))
    db.execute(
        "INSERT OR IGNORE INTO cpc_visits"
        " (id, council_code, visit_start, visit_end, precision, first_seen_run,"
        "  evidence_document_id)"
        " SELECT dc.council_code || ':' || d.visit_start, dc.council_code, d.visit_start,"
        "  coalesce(d.visit_end, d.visit_start),"
        "  CASE length(d.visit_start) WHEN 10 THEN 'day' WHEN 7 THEN 'month' ELSE 'year' END,"
        "  d.first_seen_run, d.id"
        " FROM documents d JOIN document_councils dc ON dc.document_id = d.id"
        f" WHERE d.visit_start IS NOT NULL AND d.kind IN ({marks})"
        " ORDER BY d.first_seen_run, d.id",
        list(visit_kinds),
    )


@migrations()
def m013_evidence_archive(db: Database) -> None:
    """The evidence archive (`db.archive`): one row per version of a document at a URL; the
    text of each version (for the changed sentences of `document_changed`); why a document
    counts as gone when its URL still answers 200 (a soft 404); and where a moved document was
    found before."""
    db["archive"].create(
        {
            "sha256": str,
            "url": str,
            "document_id": str,
            "first_seen_run": int,
            "last_seen_run": int,
            "content_type": str,
            "media_type": str,
            "last_modified": str,
            "etag": str,
            "size": int,
            "stored": int,
            "note": str,
        },
        pk=("sha256", "url"),
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("first_seen_run", "runs", "id"),
            ("last_seen_run", "runs", "id"),
        ],
    )
    db["archive"].create_index(["document_id"])
    db["document_versions"].add_column("text", str)
    db["document_versions"].add_column("archive_sha256", str)
    db["documents"].add_column("gone_reason", str)
    db["documents"].add_column("moved_from", str)
    db["documents"].add_column("moved_run", int)


@migrations()
def m012_political_control(db: Database) -> None:
    """`political_control`: who held each council's seats after each May's elections, from
    Open Council Data UK (db/data/political-control.csv). Filled by `migrate` once the
    migrations have run (for a database that already has its register), and again by every
    `peerwatch init`."""
    db["political_control"].create(
        {
            "council_code": str,
            "year": int,
            "total_seats": int,
            "con": int,
            "lab": int,
            "ld": int,
            "green": int,
            "ukip": int,
            "ref": int,
            "pc": int,
            "snp": int,
            "other": int,
            "control": str,
            "largest_party": str,
            "ocd_label": str,
        },
        pk=("council_code", "year"),
        foreign_keys=[("council_code", "councils", "code")],
    )


@migrations()
def m015_council_latest_before_the_latest_check(db: Database) -> None:
    """What the diff compares a council's latest check with, folded into `council_latest`:
    since which run the trailing `unknown` checks go, and the latest known verdict and unknown
    streak before the latest check. The meta row goes, so the table counts as stale until
    `migrate` folds it again."""
    for column, kind in (
        ("unknown_since_run", int),
        ("previous_known_verdict", str),
        ("previous_unknown_streak", int),
    ):
        db["council_latest"].add_column(column, kind)
    db.execute("DELETE FROM council_latest_meta")


def unknown_migrations(db: Database) -> list[str]:
    """Migrations applied to `db` that this version of peerwatch does not know: the file was
    made by a newer peerwatch, whose schema this code must not read or rewrite."""
    known = {m.name for m in migrations.pending(Database(memory=True))}
    return [m.name for m in migrations.applied(db) if m.name not in known]


def migrate(db: Database) -> None:
    """Apply every pending migration, then create the views again if their files changed.

    Safe to call on every open: with nothing pending and the views unchanged it writes nothing.
    Views are dropped before pending migrations run, since a migration may rebuild a table
    that a view reads. After migrations, today's code does what needs it (a migration runs no
    peerwatch code, so it does the same whenever it runs): the views are created again, the fold
    in `council_latest` is brought up to date (a migration only marks it stale), and an empty
    `political_control` gets the shipped rows.
    """
    if migrations.pending(db):
        with db.atomic():
            drop_views(db)
        migrations.apply(db)
        recreate_views(db, force=True)
        with db.atomic():
            council_latest.sync(db)
            if not db["political_control"].count:
                load_political_control(db)
    else:
        recreate_views(db)
