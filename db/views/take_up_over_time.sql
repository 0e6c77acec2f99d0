-- Take-up quarter by quarter, from the CPC visits known and the run history. The share with a
-- CPC in the last five years is of the current councils checked on their latest run (the
-- visits of a council that could not be checked may be missing, so it is left out of both
-- numerator and denominator). Reports first seen count from peerwatch's first run; on-time
-- shares are of the last CPCs whose report fell due in the quarter and whose timeliness
-- peerwatch could judge (it was watching before the due date).
CREATE VIEW take_up_over_time AS
WITH RECURSIVE
bounds AS (
    SELECT min(first_day) AS first_day FROM (
        SELECT min(visit_end) AS first_day FROM cpc_visits_known
        UNION ALL
        SELECT min(date(started_at)) FROM counted_runs
    )
),
quarters(quarter_start) AS (
    SELECT date(substr(first_day, 1, 5)
                || printf('%02d', ((CAST(substr(first_day, 6, 2) AS INTEGER) - 1) / 3) * 3 + 1)
                || '-01')
    FROM bounds WHERE first_day IS NOT NULL
    UNION ALL
    SELECT date(quarter_start, '+3 months') FROM quarters
    WHERE date(quarter_start, '+3 months') <= date('now')
),
checked AS (
    SELECT code FROM council_status
    WHERE current = 1 AND verdict IN ('published', 'cpc_no_report', 'no_cpc')
),
q AS (
    SELECT quarter_start, date(quarter_start, '+3 months', '-1 day') AS quarter_end,
           substr(quarter_start, 1, 4) || ' Q'
               || ((CAST(substr(quarter_start, 6, 2) AS INTEGER) + 2) / 3) AS quarter
    FROM quarters
),
counted AS (
    SELECT
        q.*,
        (SELECT count(*) FROM checked) AS councils_checked,
        (SELECT count(DISTINCT v.council_code) FROM cpc_visits_known v
          WHERE v.council_code IN (SELECT code FROM checked)
            AND v.visit_end <= q.quarter_end
            AND v.visit_end > date(q.quarter_end, '-5 years')) AS with_cpc_in_last_5_years,
        (SELECT count(*) FROM cpc_visits_known v WHERE v.quarter = q.quarter)
            AS cpc_visits_ended,
        (SELECT count(v.report_url) FROM cpc_visits_known v WHERE v.quarter = q.quarter)
            AS visits_with_report_found,
        (SELECT count(*) FROM documents d JOIN runs r ON r.id = d.first_seen_run
          WHERE d.kind = 'feedback_report' AND d.removed_run IS NULL
            AND date(r.started_at) BETWEEN q.quarter_start AND q.quarter_end)
            AS reports_first_seen,
        (SELECT count(cd.report_on_time) FROM council_deadlines cd
          WHERE cd.report_due BETWEEN q.quarter_start AND q.quarter_end)
            AS reports_judged_for_timeliness,
        (SELECT count(*) FROM council_deadlines cd
          WHERE cd.report_due BETWEEN q.quarter_start AND q.quarter_end
            AND cd.report_on_time = 1) AS published_on_time
    FROM q
)
SELECT
    quarter,
    quarter_start,
    quarter_end,
    councils_checked,
    with_cpc_in_last_5_years,
    round(100.0 * with_cpc_in_last_5_years / nullif(councils_checked, 0), 1)
        AS pct_with_cpc_in_last_5_years,
    cpc_visits_ended,
    visits_with_report_found,
    reports_first_seen,
    reports_judged_for_timeliness,
    published_on_time,
    round(100.0 * published_on_time / nullif(reports_judged_for_timeliness, 0), 1)
        AS pct_published_on_time
FROM counted
ORDER BY quarter_start;
