-- Each council's latest check and its deadline picture. Due dates and overdue flags are not
-- computed here: `monitor.deadlines` writes them to `council_deadlines` after every diff, from
-- the same rules that raise `deadline_missed` and `cpc_overdue`; until the first evaluation
-- those columns are empty. report_archived_copy is the newest feedback report's latest version
-- in the evidence archive (served by `peerwatch serve` even after the council removed it).
CREATE VIEW council_status AS
WITH
-- The fold in `council_latest` (db/council_latest.py) when it holds every counted run; the same
-- facts from every check when it does not (an edited history, before the next sync).
fold_fresh AS (
    SELECT 1 FROM council_latest_meta
    WHERE through_run >= (SELECT coalesce(max(id), 0) FROM counted_runs)
),
folded AS (
    SELECT cl.council_code, cl.last_run AS run_id, cl.known_verdict, cl.first_run
    FROM council_latest cl
    WHERE EXISTS (SELECT 1 FROM fold_fresh)
),
checked AS (
    SELECT ch.council_code, ch.run_id, ch.verdict,
           r.started_at AS checked_at,
           row_number() OVER (PARTITION BY ch.council_code ORDER BY ch.run_id DESC) AS newest,
           row_number() OVER (
               PARTITION BY ch.council_code, ch.verdict = 'unknown' ORDER BY ch.run_id DESC
           ) AS newest_of_kind,
           min(r.started_at) OVER (PARTITION BY ch.council_code) AS first_checked
    FROM checks ch JOIN counted_runs r ON r.id = ch.run_id
    WHERE NOT EXISTS (SELECT 1 FROM fold_fresh)
),
unfolded AS (
    SELECT l.council_code, l.run_id,
           (SELECT k.verdict FROM checked k
            WHERE k.council_code = l.council_code AND k.verdict != 'unknown'
              AND k.newest_of_kind = 1) AS known_verdict,
           l.first_checked
    FROM checked l WHERE l.newest = 1
),
latest_runs AS (
    SELECT f.council_code, f.run_id, f.known_verdict, fr.started_at AS first_checked
    FROM folded f LEFT JOIN runs fr ON fr.id = f.first_run
    UNION ALL
    SELECT council_code, run_id, known_verdict, first_checked FROM unfolded
),
latest AS (
    SELECT lr.council_code, lr.run_id, lr.known_verdict, lr.first_checked,
           ch.verdict, ch.reason, ch.site_ok, ch.lga_ok, ch.searched, ch.coverage_missing,
           r.started_at AS checked_at
    FROM latest_runs lr
    JOIN checks ch ON ch.council_code = lr.council_code AND ch.run_id = lr.run_id
    JOIN runs r ON r.id = lr.run_id
)
SELECT
    c.code,
    c.name,
    CASE
        WHEN l.run_id IS NULL AND c.current = 0 THEN 'abolished, not checked'
        WHEN l.run_id IS NULL THEN 'not checked yet'
        WHEN l.verdict = 'unknown' THEN 'could not be checked'
        WHEN l.verdict = 'no_cpc' THEN 'no CPC found'
        WHEN l.verdict = 'cpc_no_report' THEN 'CPC found, no report'
        WHEN l.verdict = 'published' AND cd.report_url IS NULL AND cd.as_of IS NOT NULL
            THEN 'report found only for an earlier CPC'
        WHEN l.verdict = 'published' THEN 'report published'
        ELSE l.verdict
    END AS status,
    nullif(substr(
        CASE WHEN cd.report_overdue = 1 THEN ', report' ELSE '' END
        || CASE WHEN cd.action_plan_overdue = 1 THEN ', action plan' ELSE '' END
        || CASE WHEN cd.progress_review_overdue = 1 THEN ', progress review' ELSE '' END
        || CASE WHEN cd.cpc_overdue = 1 THEN ', CPC (none in 5 years)' ELSE '' END,
        3), '') AS overdue,
    cd.report_url,
    cd.last_visit_end,
    (
        SELECT '/-/archive/' || a.sha256
        FROM document_councils dc
        JOIN documents d ON d.id = dc.document_id AND d.kind = 'feedback_report'
        JOIN archive a ON a.document_id = d.id AND a.stored
        WHERE dc.council_code = c.code
        ORDER BY coalesce(d.visit_start, '') DESC, a.last_seen_run DESC, a.first_seen_run DESC
        LIMIT 1
    ) AS report_archived_copy,
    l.verdict,
    c.type,
    c.region,
    c.current,
    l.known_verdict AS last_known_verdict,
    cd.last_visit_start,
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
    l.searched,
    l.coverage_missing,
    l.site_ok,
    l.lga_ok,
    l.first_checked,
    EXISTS (
        SELECT 1 FROM observations o WHERE o.council_code = c.code AND o.key LIKE 'mj2017:%'
    ) AS named_in_2017,
    c.website,
    nullif(c.end_date, '') AS abolished_on,
    cd.as_of AS deadlines_as_of,
    '/-/feeds/council/' || c.code || '.atom' AS feed
FROM councils c
LEFT JOIN council_deadlines cd ON cd.council_code = c.code
LEFT JOIN latest l ON l.council_code = c.code;
