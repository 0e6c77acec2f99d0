-- One row per CPC visit peerwatch knows of, from cpc_visits (progress-review visits are not
-- CPCs and are left out, as in monitor.deadlines) and each council's last CPC in
-- council_deadlines; dates as days (a month-only date becomes the month's first / last day),
-- the party in control at the time, and whether its feedback report was found. Control years
-- follow Open Council Data UK: a year's row is the make-up after its May elections, so a visit
-- ending before 8 May reads the previous year's row.
CREATE VIEW cpc_visits_known AS
WITH raw AS (
    SELECT v.council_code, v.visit_start, v.visit_end
    FROM cpc_visits v
    LEFT JOIN documents d ON d.id = v.evidence_document_id
    WHERE coalesce(d.kind, '') != 'progress_review' AND v.visit_start IS NOT NULL
    UNION ALL
    -- the last CPC as monitor.deadlines saw it, which also counts a visit known only from a
    -- check (a CPC the LGA lists without a report)
    SELECT council_code, last_visit_start, last_visit_end
    FROM council_deadlines WHERE last_visit_start IS NOT NULL
),
days AS (
    SELECT
        council_code,
        CASE WHEN length(visit_start) = 7 THEN visit_start || '-01' ELSE visit_start END
            AS visit_start,
        CASE WHEN length(coalesce(visit_end, visit_start)) = 7
             THEN date(coalesce(visit_end, visit_start) || '-01', '+1 month', '-1 day')
             ELSE coalesce(visit_end, visit_start) END AS visit_end
    FROM raw
),
visits AS (
    SELECT council_code, visit_start, max(visit_end) AS visit_end
    FROM days GROUP BY council_code, visit_start
),
dated AS (
    SELECT *,
           CAST(substr(visit_end, 1, 4) AS INTEGER)
               - (substr(visit_end, 6, 5) < '05-08') AS control_year
    FROM visits
)
SELECT
    v.council_code,
    c.name AS council,
    c.type,
    c.region,
    v.visit_start,
    v.visit_end,
    substr(v.visit_end, 1, 4) || ' Q' || ((CAST(substr(v.visit_end, 6, 2) AS INTEGER) + 2) / 3)
        AS quarter,
    v.control_year,
    pc.control AS party_in_control,
    (SELECT d.url FROM document_councils dc JOIN documents d ON d.id = dc.document_id
      WHERE dc.council_code = v.council_code AND d.kind = 'feedback_report'
        AND d.removed_run IS NULL
        AND substr(d.visit_start, 1, 7) = substr(v.visit_start, 1, 7)
      ORDER BY d.url LIMIT 1) AS report_url,
    CASE WHEN cd.last_visit_start = v.visit_start THEN cd.report_on_time END AS report_on_time
FROM dated v
JOIN councils c ON c.code = v.council_code
LEFT JOIN political_control pc ON pc.council_code = v.council_code AND pc.year = v.control_year
LEFT JOIN council_deadlines cd ON cd.council_code = v.council_code;
