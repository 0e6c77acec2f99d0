-- One row per CPC visit peerwatch knows of: the visits CPC evidence states (`cpc_visits`, the
-- kinds of db.runs.CPC_VISIT_KINDS: progress reviews are not CPCs) and each council's last CPC
-- in council_deadlines. Dates are kept at their precision in the tables ("2024-10-29",
-- "2024-10", "2024"); here they become the first and last day they may mean, and a coarse date
-- is dropped when a finer one of the same council falls inside it (the same visit, as
-- db.visit_dates folds them). With the party in control at the time and whether its feedback
-- report was found. Control years follow Open Council Data UK: a year's row is the make-up
-- after its May elections, so a visit ending before 8 May reads the previous year's row.
CREATE VIEW cpc_visits_known AS
WITH raw AS (
    SELECT v.council_code, v.visit_start, coalesce(v.visit_end, v.visit_start) AS visit_end
    FROM cpc_visits v
    JOIN documents d ON d.id = v.evidence_document_id
    WHERE d.kind IN ('feedback_report', 'action_plan', 'announcement', 'committee_paper',
                     'position_statement')
      AND v.visit_start IS NOT NULL
    UNION ALL
    SELECT council_code, last_visit_start, coalesce(last_visit_end, last_visit_start)
    FROM council_deadlines WHERE last_visit_start IS NOT NULL
),
days AS (
    SELECT
        council_code,
        length(visit_start) AS precision,
        CASE length(visit_start) WHEN 7 THEN visit_start || '-01'
             WHEN 4 THEN visit_start || '-01-01' ELSE visit_start END AS visit_start,
        CASE length(visit_end) WHEN 7 THEN date(visit_end || '-01', '+1 month', '-1 day')
             WHEN 4 THEN visit_end || '-12-31' ELSE visit_end END AS visit_end
    FROM raw
),
spans AS (
    SELECT council_code, visit_start, max(visit_end) AS visit_end, max(precision) AS precision
    FROM days GROUP BY council_code, visit_start
),
visits AS (
    SELECT * FROM spans s
    WHERE NOT EXISTS (
        SELECT 1 FROM spans f
        WHERE f.council_code = s.council_code AND f.precision > s.precision
          AND f.visit_start BETWEEN s.visit_start AND s.visit_end
    )
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
    CASE WHEN v.visit_start = CASE length(cd.last_visit_start)
                                  WHEN 7 THEN cd.last_visit_start || '-01'
                                  WHEN 4 THEN cd.last_visit_start || '-01-01'
                                  ELSE cd.last_visit_start END
         THEN cd.report_on_time END AS report_on_time
FROM dated v
JOIN councils c ON c.code = v.council_code
LEFT JOIN political_control pc ON pc.council_code = v.council_code AND pc.year = v.control_year
LEFT JOIN council_deadlines cd ON cd.council_code = v.council_code;
