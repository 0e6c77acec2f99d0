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

migrations = Migrations("peerwatch")

#: Verdicts a council can get from one run.
VERDICTS = ("published", "cpc_no_report", "no_cpc", "unknown")
#: Statuses of a crawl run. Only `complete` and `partial` runs feed the diff.
RUN_STATUSES = ("running", "complete", "partial", "failed", "incomplete")


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


# Views for Datasette (monitor/publish). Date arithmetic lives here, in SQL, so that what a
# reader sees in the browser is computed from the same rows every time: "now" is date('now')
# (UTC), a month-precision visit ("2019-01") counts as ending on the month's last day, and
# "+N months" is clamped to the month's end (30 November + 3 months is 28 February, as with
# dateutil's relativedelta), so a due date is never earlier than the rule allows.
_M006_COUNCIL_STATUS = """
CREATE VIEW council_status AS
WITH
checked AS (
    SELECT ch.council_code, ch.run_id, ch.verdict, ch.reason, ch.site_ok, ch.lga_ok,
           ch.visit_start, ch.visit_end, ch.report_url, r.started_at AS checked_at,
           row_number() OVER (PARTITION BY ch.council_code ORDER BY ch.run_id DESC) AS newest,
           row_number() OVER (
               PARTITION BY ch.council_code, ch.verdict = 'unknown' ORDER BY ch.run_id DESC
           ) AS newest_of_kind
    FROM checks ch JOIN runs r ON r.id = ch.run_id
    WHERE r.status IN ('complete', 'partial')
),
latest AS (SELECT * FROM checked WHERE newest = 1),
last_known AS (SELECT * FROM checked WHERE verdict != 'unknown' AND newest_of_kind = 1),
first_check AS (
    SELECT council_code, min(checked_at) AS first_checked FROM checked GROUP BY council_code
),
-- A CPC visit is known from a feedback report's dates or from a check (progress review
-- visits are not CPC visits, so cpc_visits rows evidenced by them are left out).
visits AS (
    SELECT v.council_code, v.visit_start, v.visit_end
    FROM cpc_visits v JOIN documents d ON d.id = v.evidence_document_id
    WHERE d.kind = 'feedback_report'
    UNION
    SELECT council_code, visit_start, coalesce(visit_end, visit_start)
    FROM checked WHERE visit_start IS NOT NULL
),
visit_days AS (
    SELECT council_code,
           CASE WHEN length(visit_start) = 7 THEN visit_start || '-01' ELSE visit_start END
               AS first_day,
           CASE WHEN length(visit_end) = 7 THEN date(visit_end || '-01', '+1 month', '-1 day')
                ELSE visit_end END AS last_day,
           row_number() OVER (
               PARTITION BY council_code ORDER BY visit_start DESC, visit_end DESC
           ) AS newest
    FROM visits
),
visit_counts AS (
    SELECT council_code, count(DISTINCT substr(first_day, 1, 7)) AS n
    FROM visit_days GROUP BY council_code
),
base AS (
    SELECT c.code, c.name, c.type, c.region, c.current, nullif(c.end_date, '') AS end_date,
           c.website,
           lv.first_day AS last_visit_start, lv.last_day AS last_visit_end,
           coalesce(vc.n, 0) AS visits_known,
           min(date(lv.last_day, '+3 months'),
               date(lv.last_day, 'start of month', '+4 months', '-1 day')) AS report_due,
           min(date(lv.last_day, '+5 months'),
               date(lv.last_day, 'start of month', '+6 months', '-1 day')) AS action_plan_latest,
           min(date(lv.last_day, '+12 months'),
               date(lv.last_day, 'start of month', '+13 months', '-1 day'))
               AS progress_review_due,
           min(date(lv.last_day, '+5 years'),
               date(lv.last_day, 'start of month', '+61 months', '-1 day')) AS next_cpc_due,
           -- An abolished council is expected nothing after its end date.
           min(date('now'), coalesce(nullif(c.end_date, ''), '9999-12-31')) AS horizon
    FROM councils c
    LEFT JOIN visit_days lv ON lv.council_code = c.code AND lv.newest = 1
    LEFT JOIN visit_counts vc ON vc.council_code = c.code
),
-- Documents of the last CPC: same visit month (a progress review: on or after it, within two
-- years); an undated document counts only when the council has at most one known CPC.
matched AS (
    SELECT b.code, d.kind, d.url, r.started_at AS first_seen_at,
           row_number() OVER (
               PARTITION BY b.code, d.kind
               ORDER BY d.visit_start IS NULL, d.visit_start DESC, d.first_seen_run DESC
           ) AS pick
    FROM base b
    JOIN document_councils dc ON dc.council_code = b.code
    JOIN documents d ON d.id = dc.document_id AND d.removed_run IS NULL
    LEFT JOIN runs r ON r.id = d.first_seen_run
    WHERE (d.visit_start IS NULL AND b.visits_known <= 1)
       OR (d.kind IN ('feedback_report', 'action_plan')
           AND substr(d.visit_start, 1, 7) = substr(b.last_visit_start, 1, 7))
       OR (d.kind = 'progress_review'
           AND substr(d.visit_start, 1, 7) >= substr(b.last_visit_start, 1, 7)
           AND d.visit_start <= date(b.last_visit_end, '+24 months'))
),
docs AS (
    SELECT b.code,
           coalesce(
               fr.url,
               -- The crawl's own report URL, unless it is a known report of another CPC.
               CASE WHEN lk.verdict = 'published'
                     AND (lk.visit_start IS NULL
                          OR substr(lk.visit_start, 1, 7) = substr(b.last_visit_start, 1, 7))
                     AND NOT EXISTS (
                         SELECT 1 FROM documents od WHERE od.url = lk.report_url
                         AND substr(od.visit_start, 1, 7) != substr(b.last_visit_start, 1, 7))
                    THEN lk.report_url END
           ) AS report_url,
           fr.first_seen_at AS report_first_seen,
           ap.url AS action_plan_url,
           pr.url AS progress_review_url
    FROM base b
    LEFT JOIN matched fr ON fr.code = b.code AND fr.kind = 'feedback_report' AND fr.pick = 1
    LEFT JOIN matched ap ON ap.code = b.code AND ap.kind = 'action_plan' AND ap.pick = 1
    LEFT JOIN matched pr ON pr.code = b.code AND pr.kind = 'progress_review' AND pr.pick = 1
    LEFT JOIN last_known lk ON lk.council_code = b.code
)
SELECT
    b.code,
    b.name,
    b.type,
    b.region,
    b.current,
    l.verdict,
    lk.verdict AS last_known_verdict,
    b.last_visit_start,
    b.last_visit_end,
    d.report_url,
    d.action_plan_url,
    d.progress_review_url,
    b.report_due,
    b.report_due AS action_plan_due,
    b.action_plan_latest,
    b.progress_review_due,
    b.next_cpc_due,
    CASE
        WHEN b.last_visit_end IS NULL THEN NULL
        WHEN d.report_url IS NOT NULL THEN 0
        WHEN b.report_due >= b.horizon THEN 0
        WHEN coalesce(l.verdict, 'unknown') = 'unknown' THEN NULL
        ELSE 1
    END AS report_overdue,
    CASE
        WHEN b.last_visit_end IS NULL THEN NULL
        WHEN d.action_plan_url IS NOT NULL THEN 0
        WHEN b.action_plan_latest >= b.horizon THEN 0
        WHEN coalesce(l.verdict, 'unknown') = 'unknown' THEN NULL
        ELSE 1
    END AS action_plan_overdue,
    CASE
        -- Peer-team progress reviews are the rule for CPCs from 2022/23 on.
        WHEN b.last_visit_end IS NULL OR b.last_visit_end < '2022-04-01' THEN NULL
        WHEN d.progress_review_url IS NOT NULL THEN 0
        WHEN b.progress_review_due >= b.horizon THEN 0
        WHEN coalesce(l.verdict, 'unknown') = 'unknown' THEN NULL
        ELSE 1
    END AS progress_review_overdue,
    CASE
        WHEN b.current = 0 THEN NULL
        WHEN b.last_visit_end IS NOT NULL THEN b.next_cpc_due < date('now')
        WHEN l.verdict = 'no_cpc' THEN 1
        ELSE NULL
    END AS cpc_overdue,
    date(d.report_first_seen) AS report_first_seen,
    CASE
        WHEN b.report_due IS NULL THEN NULL
        WHEN d.report_first_seen IS NOT NULL AND date(d.report_first_seen) <= b.report_due THEN 1
        WHEN d.report_url IS NOT NULL AND d.report_first_seen IS NULL THEN NULL
        WHEN fc.first_checked IS NULL OR date(fc.first_checked) > b.report_due THEN NULL
        WHEN d.report_first_seen IS NOT NULL THEN 0
        WHEN b.report_due >= b.horizon THEN NULL
        WHEN coalesce(l.verdict, 'unknown') = 'unknown' THEN NULL
        ELSE 0
    END AS report_on_time,
    l.checked_at AS last_checked,
    CASE
        WHEN l.run_id IS NULL THEN 'not checked'
        WHEN l.verdict = 'unknown' THEN 'could not check'
        WHEN l.site_ok = 0 OR l.lga_ok = 0 THEN 'checked in part'
        ELSE 'checked'
    END AS check_outcome,
    l.reason,
    l.site_ok,
    l.lga_ok,
    fc.first_checked,
    EXISTS (
        SELECT 1 FROM observations o WHERE o.council_code = b.code AND o.key LIKE 'mj2017:%'
    ) AS named_in_2017,
    b.website,
    b.end_date AS abolished_on
FROM base b
JOIN docs d ON d.code = b.code
LEFT JOIN latest l ON l.council_code = b.code
LEFT JOIN last_known lk ON lk.council_code = b.code
LEFT JOIN first_check fc ON fc.council_code = b.code
"""

_M006_COUNCILS_WITHOUT_REPORT = """
CREATE VIEW councils_without_report AS
SELECT
    code, name, type, region, verdict,
    CASE
        WHEN verdict = 'no_cpc' THEN 'no CPC found'
        WHEN verdict = 'cpc_no_report' THEN 'CPC found, no report'
        ELSE 'report found only for an earlier CPC'
    END AS why,
    last_visit_start, last_visit_end, report_due, report_overdue,
    CASE WHEN report_overdue = 1
         THEN CAST(julianday('now') - julianday(report_due) AS INTEGER) END AS days_overdue,
    named_in_2017, first_checked, last_checked, website
FROM council_status
WHERE current = 1
  AND verdict IN ('published', 'cpc_no_report', 'no_cpc')
  AND report_url IS NULL
"""

_M006_RECENT_EVENTS = """
CREATE VIEW recent_events AS
SELECT
    e.id, e.occurred_at, e.kind, e.council_code, c.name AS council, c.region, e.summary,
    d.title AS document_title, d.url AS document_url, d.kind AS document_kind,
    e.due_date, e.run_id, e.detail
FROM events e
LEFT JOIN councils c ON c.code = e.council_code
LEFT JOIN documents d ON d.id = e.document_id
WHERE e.occurred_at >= date('now', '-12 months')
ORDER BY e.occurred_at DESC, e.id DESC
"""

_M006_MJ_2017_FOLLOWUP = """
CREATE VIEW mj_2017_followup AS
WITH RECURSIVE
named AS (
    SELECT council_code AS code, name_as_published, observed_on
    FROM observations WHERE key LIKE 'mj2017:%'
),
lineage(named_code, code, depth) AS (
    SELECT code, code, 0 FROM named
    UNION
    SELECT l.named_code, s.successor_code, l.depth + 1
    FROM lineage l JOIN council_successors s ON s.code = l.code
    WHERE l.depth < 5
),
-- Who answers for the named council now: itself while it exists, else its current successors.
now_bodies AS (
    SELECT l.named_code, st.*
    FROM lineage l JOIN council_status st ON st.code = l.code
    WHERE st.current = 1
),
lineage_status AS (
    SELECT l.named_code, st.*
    FROM lineage l JOIN council_status st ON st.code = l.code
),
summary AS (
    SELECT n.code,
           (SELECT group_concat(nb.name, '; ') FROM now_bodies nb
             WHERE nb.named_code = n.code AND nb.code != n.code) AS now_part_of,
           (SELECT CASE WHEN count(*) = 0 THEN NULL
                        WHEN count(DISTINCT coalesce(nb.verdict, '')) = 1 THEN max(nb.verdict)
                        ELSE 'mixed' END
              FROM now_bodies nb WHERE nb.named_code = n.code) AS verdict_now,
           (SELECT max(ls.last_visit_end) FROM lineage_status ls
             WHERE ls.named_code = n.code) AS last_visit_end,
           (SELECT ls.report_url FROM lineage_status ls
             WHERE ls.named_code = n.code AND ls.report_url IS NOT NULL
             ORDER BY ls.last_visit_end DESC LIMIT 1) AS latest_report_url,
           EXISTS (
               SELECT 1 FROM lineage l
               JOIN document_councils dc ON dc.council_code = l.code
               JOIN documents d ON d.id = dc.document_id
               WHERE l.named_code = n.code AND d.kind = 'feedback_report'
                 AND d.removed_run IS NULL AND d.visit_start >= substr(n.observed_on, 1, 7)
           ) OR EXISTS (
               SELECT 1 FROM lineage_status ls
               WHERE ls.named_code = n.code AND ls.report_url IS NOT NULL
                 AND ls.last_visit_end >= n.observed_on
           ) AS published_since_2017
    FROM named n
)
SELECT
    n.code,
    n.name_as_published,
    c.name AS council,
    c.current AS still_exists,
    nullif(c.end_date, '') AS abolished_on,
    s.now_part_of,
    s.verdict_now,
    s.last_visit_end,
    s.last_visit_end >= n.observed_on AS cpc_since_2017,
    s.published_since_2017,
    s.latest_report_url,
    CASE
        WHEN s.published_since_2017 THEN 'published a CPC report since 2017'
        WHEN s.last_visit_end >= n.observed_on THEN 'had a CPC since 2017, no report found'
        WHEN s.verdict_now IS NULL THEN 'not checked yet'
        WHEN s.verdict_now = 'unknown' THEN 'could not be checked on the last run'
        WHEN s.verdict_now = 'no_cpc' THEN 'still no CPC found'
        ELSE 'no CPC since 2017 found'
    END AS known_now,
    n.observed_on AS named_on
FROM named n
JOIN councils c ON c.code = n.code
JOIN summary s ON s.code = n.code
"""

_M006_TAKE_UP = """
CREATE VIEW take_up_by_{view} AS
WITH grouped AS (
    SELECT {column} AS grp, last_visit_end, report_on_time, verdict
    FROM council_status WHERE current = 1
    UNION ALL
    SELECT 'All current councils', last_visit_end, report_on_time, verdict
    FROM council_status WHERE current = 1
)
SELECT
    grp AS {name},
    count(*) AS councils,
    count(CASE WHEN last_visit_end >= date('now', '-5 years') THEN 1 END)
        AS with_cpc_in_last_5_years,
    round(100.0 * count(CASE WHEN last_visit_end >= date('now', '-5 years') THEN 1 END)
          / count(*), 1) AS pct_with_cpc_in_last_5_years,
    count(report_on_time) AS reports_judged_for_timeliness,
    count(CASE WHEN report_on_time = 1 THEN 1 END) AS published_on_time,
    round(100.0 * count(CASE WHEN report_on_time = 1 THEN 1 END)
          / nullif(count(report_on_time), 0), 1) AS pct_published_on_time,
    count(CASE WHEN verdict = 'published' THEN 1 END) AS verdict_published,
    count(CASE WHEN verdict = 'cpc_no_report' THEN 1 END) AS verdict_cpc_no_report,
    count(CASE WHEN verdict = 'no_cpc' THEN 1 END) AS verdict_no_cpc,
    count(CASE WHEN verdict = 'unknown' THEN 1 END) AS verdict_unknown,
    count(CASE WHEN verdict IS NULL THEN 1 END) AS not_checked
FROM grouped
GROUP BY grp
ORDER BY grp = 'All current councils', grp
"""


@migrations()
def m006_datasette_views_and_search(db: Database) -> None:
    """Views for Datasette and full-text search over documents (kept in step by triggers)."""
    for sql in (
        _M006_COUNCIL_STATUS,
        _M006_COUNCILS_WITHOUT_REPORT,
        _M006_RECENT_EVENTS,
        _M006_MJ_2017_FOLLOWUP,
        _M006_TAKE_UP.format(view="type", name="council_type", column="type"),
        _M006_TAKE_UP.format(view="region", name="region", column="region"),
    ):
        db.execute(sql)
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


# From m007 the deadline picture is not computed in SQL: `monitor.deadlines.evaluate_deadlines`
# writes it to `council_deadlines` (one row per council, as of a Europe/London date) after every
# diff, from the same rules that raise `deadline_missed` and `cpc_overdue`, and the views read
# it. Until the first evaluation those columns are empty.
_M007_COUNCIL_STATUS = """
CREATE VIEW council_status AS
WITH
checked AS (
    SELECT ch.council_code, ch.run_id, ch.verdict, ch.reason, ch.site_ok, ch.lga_ok,
           r.started_at AS checked_at,
           row_number() OVER (PARTITION BY ch.council_code ORDER BY ch.run_id DESC) AS newest,
           row_number() OVER (
               PARTITION BY ch.council_code, ch.verdict = 'unknown' ORDER BY ch.run_id DESC
           ) AS newest_of_kind
    FROM checks ch JOIN runs r ON r.id = ch.run_id
    WHERE r.status IN ('complete', 'partial')
),
latest AS (SELECT * FROM checked WHERE newest = 1),
last_known AS (SELECT * FROM checked WHERE verdict != 'unknown' AND newest_of_kind = 1),
first_check AS (
    SELECT council_code, min(checked_at) AS first_checked FROM checked GROUP BY council_code
)
SELECT
    c.code,
    c.name,
    c.type,
    c.region,
    c.current,
    l.verdict,
    lk.verdict AS last_known_verdict,
    cd.last_visit_start,
    cd.last_visit_end,
    cd.report_url,
    cd.action_plan_url,
    cd.progress_review_url,
    cd.report_due,
    cd.action_plan_due,
    cd.action_plan_latest,
    cd.progress_review_due,
    cd.next_cpc_due,
    cd.report_overdue,
    cd.action_plan_overdue,
    cd.progress_review_overdue,
    cd.cpc_overdue,
    cd.report_first_seen,
    cd.report_on_time,
    l.checked_at AS last_checked,
    CASE
        WHEN l.run_id IS NULL THEN 'not checked'
        WHEN l.verdict = 'unknown' THEN 'could not check'
        WHEN l.site_ok = 0 OR l.lga_ok = 0 THEN 'checked in part'
        ELSE 'checked'
    END AS check_outcome,
    l.reason,
    l.site_ok,
    l.lga_ok,
    fc.first_checked,
    EXISTS (
        SELECT 1 FROM observations o WHERE o.council_code = c.code AND o.key LIKE 'mj2017:%'
    ) AS named_in_2017,
    c.website,
    nullif(c.end_date, '') AS abolished_on,
    cd.as_of AS deadlines_as_of
FROM councils c
LEFT JOIN council_deadlines cd ON cd.council_code = c.code
LEFT JOIN latest l ON l.council_code = c.code
LEFT JOIN last_known lk ON lk.council_code = c.code
LEFT JOIN first_check fc ON fc.council_code = c.code
"""

_M007_COUNCILS_WITHOUT_REPORT = """
CREATE VIEW councils_without_report AS
SELECT
    code, name, type, region, verdict,
    CASE
        WHEN verdict = 'no_cpc' THEN 'no CPC found'
        WHEN verdict = 'cpc_no_report' THEN 'CPC found, no report'
        ELSE 'report found only for an earlier CPC'
    END AS why,
    last_visit_start, last_visit_end, report_due, report_overdue,
    CASE WHEN report_overdue = 1
         THEN CAST(julianday(deadlines_as_of) - julianday(report_due) AS INTEGER)
    END AS days_overdue,
    named_in_2017, first_checked, last_checked, website
FROM council_status
WHERE current = 1
  AND verdict IN ('published', 'cpc_no_report', 'no_cpc')
  AND report_url IS NULL
"""

_M007_TAKE_UP = """
CREATE VIEW take_up_by_{view} AS
WITH current_status AS (
    SELECT s.{column} AS grp, cd.recent_cpc, s.report_on_time, s.verdict
    FROM council_status s LEFT JOIN council_deadlines cd ON cd.council_code = s.code
    WHERE s.current = 1
),
grouped AS (
    SELECT * FROM current_status
    UNION ALL
    SELECT 'All current councils', recent_cpc, report_on_time, verdict FROM current_status
)
SELECT
    grp AS {name},
    count(*) AS councils,
    count(CASE WHEN recent_cpc = 1 THEN 1 END) AS with_cpc_in_last_5_years,
    round(100.0 * count(CASE WHEN recent_cpc = 1 THEN 1 END) / count(*), 1)
        AS pct_with_cpc_in_last_5_years,
    count(report_on_time) AS reports_judged_for_timeliness,
    count(CASE WHEN report_on_time = 1 THEN 1 END) AS published_on_time,
    round(100.0 * count(CASE WHEN report_on_time = 1 THEN 1 END)
          / nullif(count(report_on_time), 0), 1) AS pct_published_on_time,
    count(CASE WHEN verdict = 'published' THEN 1 END) AS verdict_published,
    count(CASE WHEN verdict = 'cpc_no_report' THEN 1 END) AS verdict_cpc_no_report,
    count(CASE WHEN verdict = 'no_cpc' THEN 1 END) AS verdict_no_cpc,
    count(CASE WHEN verdict = 'unknown' THEN 1 END) AS verdict_unknown,
    count(CASE WHEN verdict IS NULL THEN 1 END) AS not_checked
FROM grouped
GROUP BY grp
ORDER BY grp = 'All current councils', grp
"""


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
    for view in ("take_up_by_type", "take_up_by_region", "councils_without_report"):
        db.execute(f"DROP VIEW IF EXISTS {view}")
    # mj_2017_followup reads council_status by column name and needs no change.
    db.execute("DROP VIEW IF EXISTS council_status")
    for sql in (
        _M007_COUNCIL_STATUS,
        _M007_COUNCILS_WITHOUT_REPORT,
        _M007_TAKE_UP.format(view="type", name="council_type", column="type"),
        _M007_TAKE_UP.format(view="region", name="region", column="region"),
    ):
        db.execute(sql)


def migrate(db: Database) -> None:
    """Apply every pending migration; safe to call on every open."""
    migrations.apply(db)


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
    recompute from the full history until the next sync."""
    from db.council_latest import sync

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
    sync(db)
