-- Take-up of the current councils grouped by council type and by region, with a row for all
-- current councils in each grouping; the by-type and by-region views are its two halves (a
-- view's comment must not name the views that read it: names decide the order of creation).
-- Shares are of the councils peerwatch could check on their latest run (verdict published,
-- cpc_no_report or no_cpc): a council that could not be checked, or was never checked, is
-- counted in could_not_be_checked / not_checked and never as "no CPC".
CREATE VIEW take_up_by_group AS
WITH current_status AS (
    SELECT s.type, s.region, cd.recent_cpc, s.report_on_time, s.verdict,
           coalesce(s.verdict IN ('published', 'cpc_no_report', 'no_cpc'), 0) AS checked
    FROM council_status s LEFT JOIN council_deadlines cd ON cd.council_code = s.code
    WHERE s.current = 1
),
grouped AS (
    SELECT 'type' AS grouped_by, type AS group_name, recent_cpc, report_on_time, verdict, checked
    FROM current_status
    UNION ALL
    SELECT 'region', region, recent_cpc, report_on_time, verdict, checked
    FROM current_status
    UNION ALL
    SELECT grouping.name, 'All current councils', recent_cpc, report_on_time, verdict, checked
    FROM current_status, (SELECT 'type' AS name UNION ALL SELECT 'region') AS grouping
)
SELECT
    grouped_by,
    group_name,
    count(*) AS councils,
    sum(checked) AS councils_checked,
    count(CASE WHEN verdict = 'unknown' THEN 1 END) AS could_not_be_checked,
    count(CASE WHEN verdict IS NULL THEN 1 END) AS not_checked,
    count(CASE WHEN checked AND recent_cpc = 1 THEN 1 END) AS with_cpc_in_last_5_years,
    round(100.0 * count(CASE WHEN checked AND recent_cpc = 1 THEN 1 END)
          / nullif(sum(checked), 0), 1) AS pct_with_cpc_in_last_5_years,
    count(report_on_time) AS reports_judged_for_timeliness,
    count(CASE WHEN report_on_time = 1 THEN 1 END) AS published_on_time,
    round(100.0 * count(CASE WHEN report_on_time = 1 THEN 1 END)
          / nullif(count(report_on_time), 0), 1) AS pct_published_on_time,
    count(CASE WHEN verdict = 'published' THEN 1 END) AS verdict_published,
    count(CASE WHEN verdict = 'cpc_no_report' THEN 1 END) AS verdict_cpc_no_report,
    count(CASE WHEN verdict = 'no_cpc' THEN 1 END) AS verdict_no_cpc,
    count(CASE WHEN verdict = 'unknown' THEN 1 END) AS verdict_unknown
FROM grouped
GROUP BY grouped_by, group_name
ORDER BY grouped_by DESC, group_name = 'All current councils', group_name;
