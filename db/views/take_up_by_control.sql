-- CPC take-up and on-time publication by the party in control (seat-based, Open Council Data
-- UK), three ways: in 2017 (as of 1 August 2017, the date of The MJ's FOI poll), today, and at
-- the time of each CPC visit. Shares of councils are of those peerwatch could check on their
-- latest run; councils it could not check are counted, never treated as "no CPC".
CREATE VIEW take_up_by_control AS
WITH
status AS (
    SELECT s.code, s.report_on_time, cd.recent_cpc,
           coalesce(s.verdict IN ('published', 'cpc_no_report', 'no_cpc'), 0) AS checked,
           coalesce(s.verdict = 'unknown', 0) AS could_not_check,
           s.verdict IS NULL AS never_checked
    FROM council_status s LEFT JOIN council_deadlines cd ON cd.council_code = s.code
),
today_year AS (
    SELECT CAST(strftime('%Y', 'now') AS INTEGER) - (strftime('%m-%d', 'now') < '05-08') AS year
),
control_2017 AS (
    SELECT pc.council_code AS code, pc.control AS party,
           EXISTS (
               SELECT 1 FROM cpc_visits_known v
               WHERE v.council_code = pc.council_code
                 AND v.visit_end > '2012-08-01' AND v.visit_end <= '2017-08-01'
           ) AS with_cpc
    FROM political_control pc WHERE pc.year = 2017
),
control_today AS (
    SELECT pc.council_code AS code, pc.control AS party
    FROM political_control pc JOIN councils c ON c.code = pc.council_code
    WHERE c.current = 1
      AND pc.year = (SELECT max(p2.year) FROM political_control p2, today_year t
                      WHERE p2.council_code = pc.council_code AND p2.year <= t.year)
),
by_council AS (
    SELECT '2017' AS control_as_of, c.party, s.checked, s.could_not_check, s.never_checked,
           c.with_cpc, NULL AS report_on_time
    FROM control_2017 c JOIN status s ON s.code = c.code
    UNION ALL
    SELECT 'today', t.party, s.checked, s.could_not_check, s.never_checked,
           s.recent_cpc = 1, s.report_on_time
    FROM control_today t JOIN status s ON s.code = t.code
),
council_rows AS (
    SELECT control_as_of, party,
           count(*) AS councils,
           sum(checked) AS councils_checked,
           sum(could_not_check) AS could_not_be_checked,
           sum(never_checked) AS not_checked,
           sum(checked AND with_cpc) AS with_cpc_in_5_years,
           round(100.0 * sum(checked AND with_cpc) / nullif(sum(checked), 0), 1)
               AS pct_with_cpc_in_5_years,
           count(report_on_time) AS reports_judged_for_timeliness,
           count(CASE WHEN report_on_time = 1 THEN 1 END) AS published_on_time,
           NULL AS visits,
           NULL AS visits_with_report_found
    FROM by_council GROUP BY control_as_of, party
),
visit_rows AS (
    SELECT 'each CPC visit' AS control_as_of, coalesce(party_in_control, 'not known') AS party,
           count(DISTINCT council_code) AS councils,
           NULL AS councils_checked, NULL AS could_not_be_checked, NULL AS not_checked,
           NULL AS with_cpc_in_5_years, NULL AS pct_with_cpc_in_5_years,
           count(report_on_time) AS reports_judged_for_timeliness,
           count(CASE WHEN report_on_time = 1 THEN 1 END) AS published_on_time,
           count(*) AS visits,
           count(report_url) AS visits_with_report_found
    FROM cpc_visits_known GROUP BY party
)
SELECT
    r.control_as_of,
    r.party,
    CASE r.party
        WHEN 'CON' THEN 'Conservative'
        WHEN 'LAB' THEN 'Labour'
        WHEN 'LD' THEN 'Liberal Democrat'
        WHEN 'GREEN' THEN 'Green'
        WHEN 'REF' THEN 'Reform UK'
        WHEN 'UKIP' THEN 'UKIP'
        WHEN 'OTHER' THEN 'Independents and others'
        WHEN 'NOC' THEN 'No overall control'
        ELSE r.party
    END AS party_name,
    r.councils,
    r.councils_checked,
    r.could_not_be_checked,
    r.not_checked,
    r.with_cpc_in_5_years,
    r.pct_with_cpc_in_5_years,
    r.visits,
    r.visits_with_report_found,
    r.reports_judged_for_timeliness,
    r.published_on_time,
    round(100.0 * r.published_on_time / nullif(r.reports_judged_for_timeliness, 0), 1)
        AS pct_published_on_time
FROM (SELECT * FROM council_rows UNION ALL SELECT * FROM visit_rows) r
ORDER BY r.control_as_of = 'each CPC visit', r.control_as_of, r.councils DESC, r.party;
